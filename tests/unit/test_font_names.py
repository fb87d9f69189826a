"""font_names: a font's family and style read without fontTools, exactly as fontTools reads
them, for every font installed here; what is out of the ordinary left to fontTools."""

from __future__ import annotations

import struct

import pytest
from fontTools.ttLib import TTFont

from briefgen import fonts
from briefgen.font_names import family_and_style

FILES = [
    path
    for folder in fonts.font_folders()
    if folder.is_dir()
    for path in sorted(folder.rglob("*"))
    if path.suffix.lower() in (".ttf", ".otf", ".ttc")
]


def by_fonttools(path):
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return font["name"].getBestFamilyName(), (font["OS/2"].fsSelection if "OS/2" in font else 0)
    finally:
        font.close()


def test_every_installed_font_reads_as_fonttools_reads_it():
    assert FILES, "no font installed here"
    answered = [(path, family_and_style(path)) for path in FILES]
    assert all(found == by_fonttools(path) for path, found in answered if found is not None)
    assert sum(found is not None for _, found in answered) >= len(FILES) // 2


def test_the_index_is_the_same_either_way(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", "")
    quick = fonts._installed(FILES)
    monkeypatch.setattr("briefgen.font_names.family_and_style", lambda path: None)
    assert fonts._installed(FILES) == quick


def with_name_records(records: list[tuple[int, int, int, int, bytes]]) -> bytes:
    """A font file with a name table of ``records`` (platform, encoding, language, name id,
    text) and no other table."""
    strings, rows, offset = b"", b"", 0
    for platform, encoding, language, name_id, text in records:
        rows += struct.pack(">6H", platform, encoding, language, name_id, len(text), offset)
        strings += text
        offset += len(text)
    name = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + rows + strings
    directory = struct.pack(">4sHHHH", b"\x00\x01\x00\x00", 1, 16, 0, 0)
    entry = struct.pack(">4sLLL", b"name", 0, 12 + 16, len(name))
    return directory + entry + name


@pytest.mark.parametrize(
    "records, expected",
    [
        ([(3, 1, 0x409, 1, "Plain".encode("utf-16-be"))], ("Plain", 0)),
        (  # the typographic family before the family
            [
                (3, 1, 0x409, 1, "Family".encode("utf-16-be")),
                (3, 1, 0x409, 16, "Typographic".encode("utf-16-be")),
            ],
            ("Typographic", 0),
        ),
        ([(1, 0, 0, 1, b"Mac only")], None),  # fontTools' own rules
        ([(3, 1, 0x409, 1, b"odd")], None),
        ([(3, 1, 0x409, 1, "\0A".encode("utf-16-be"))], None),  # UTF-16 twice, to fontTools
        ([], (None, 0)),
    ],
)
def test_only_what_is_certain_is_answered(tmp_path, records, expected):
    path = tmp_path / "made.ttf"
    path.write_bytes(with_name_records(records))
    assert family_and_style(path) == expected
    if expected is not None:
        assert by_fonttools(path) == expected
