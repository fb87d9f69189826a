"""fonts.py: the fonts a document names, found on this computer (or their metric-compatible
stand-ins, as LibreOffice uses them) and measured from their own metrics; checked against the
font file fontconfig renders with, read independently (``helpers.text_width_pt``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import cache, fonts
from briefgen.fonts import FALLBACK, STAND_INS, UNKNOWN_FACTOR, face, font_folders, installed

from ..helpers import font_file, text_width_pt


def test_fonts_are_looked_for_where_this_system_keeps_them():
    folders = [str(p) for p in font_folders()]
    if sys.platform.startswith("linux"):
        assert folders[:2] == ["/usr/share/fonts", "/usr/local/share/fonts"]
    assert any(p.is_dir() for p in font_folders())


def test_installed_fonts_are_known_by_family_weight_and_slant():
    fonts = installed()
    assert fonts, "no font installed"
    for (family, bold, italic), path in fonts.items():
        assert family == family.lower() and isinstance(bold, bool) and isinstance(italic, bool)
        assert path.is_file()
    if ("liberation sans", False, False) in fonts:
        assert ("liberation sans", True, False) in fonts  # LibreOffice's fonts, every weight


@pytest.mark.parametrize("family", ["Arial", "Calibri"])
def test_a_family_is_measured_as_the_font_that_renders_it(family):
    if not any(name.lower() in {k[0] for k in installed()} for name in STAND_INS[family.lower()]):
        pytest.skip(f"no stand-in for {family} installed")
    measured = face(family)
    assert measured.factor == 1.0 and 1.0 < measured.line < 1.5
    for text in ("improvement", "Requires improvement", "Police and Crime Committee"):
        expected = text_width_pt(text, 11, font_file(family))
        assert measured.width(text, 11) == pytest.approx(expected, rel=1e-6)
    assert measured.width("improvement", 22) == pytest.approx(2 * measured.width("improvement", 11))


def test_bold_is_wider_and_a_missing_family_is_measured_wide():
    assert face("Arial", bold=True).width("improvement", 11) > face("Arial").width(
        "improvement", 11
    )
    missing = face("A family no computer has")
    assert missing.factor == UNKNOWN_FACTOR
    fallback = next(
        (face(name) for name in FALLBACK if (name.lower(), False, False) in installed()), None
    )
    if fallback is not None:
        assert missing.width("improvement", 11) == pytest.approx(
            fallback.width("improvement", 11) * UNKNOWN_FACTOR
        )


def test_a_character_the_font_lacks_is_given_its_default_width():
    measured = face("Arial")
    lacking = "\U0001f600"  # an emoji: not in a text font
    assert measured.width(lacking, 10) == pytest.approx(measured.default * 10 * measured.factor)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A cache of the test's own, empty, and no font known in this process yet."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    fonts.installed.cache_clear()
    fonts.face.cache_clear()
    yield tmp_path / "cache"
    fonts.installed.cache_clear()
    fonts.face.cache_clear()


def measured() -> tuple[dict, fonts.Face, fonts.Face]:
    """What is found and measured now, forgetting what this process knew."""
    fonts.installed.cache_clear()
    fonts.face.cache_clear()
    return fonts.installed(), fonts.face("Arial"), fonts.face("Times New Roman", bold=True)


def test_fonts_read_from_the_cache_measure_as_the_font_files_do(folder):
    first = measured()
    assert first[0], "no font found on this machine"
    assert sorted(p.name for p in folder.iterdir()) == ["font-metrics", "fonts"]
    again = measured()
    assert again == first
    assert again[1].width("Areas for improvement", 11) == first[1].width(
        "Areas for improvement", 11
    )


@pytest.mark.parametrize(
    "content",
    [b"not json", b'{"advances": [[65, "wide"]], "default": 0.5, "line": 1.1}', b"[1, 2]"],
)
def test_a_foreign_font_entry_is_not_believed_and_is_rewritten(folder, content):
    first = measured()
    for path in folder.glob("*/*.bin"):
        kind, name = path.parent.name, path.stem
        cache.write(kind, name, content)  # whole and sealed, but not what briefgen wrote
        assert cache.read(kind, name) == content
    assert measured() == first
    assert all(cache.read(p.parent.name, p.stem) != content for p in folder.glob("*/*.bin"))


def test_a_changed_font_file_is_measured_again(folder, tmp_path, monkeypatch):
    source = fonts.installed()[next(iter(fonts.installed()))]
    own = tmp_path / "fonts"
    own.mkdir()
    copy = own / f"mine{source.suffix}"
    copy.write_bytes(source.read_bytes())
    monkeypatch.setattr(fonts, "font_folders", lambda: [own])
    assert list(measured()[0].values()) == [copy]
    copy.write_bytes(b"no longer a font")
    os.utime(copy, ns=(1, 1))
    assert measured()[0] == {}


def test_a_build_with_the_fonts_kept_loads_no_font_library(folder, tmp_path):
    code = (
        "import sys; from briefgen import fonts; fonts.installed(); fonts.face('Arial'); "
        "print('fontTools' in sys.modules)"
    )
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
