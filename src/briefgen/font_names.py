"""A plain font file's family name and style read without fontTools (a third of a first
build's start-up): the table directory, the ``name`` table's Windows English records and the
OS/2 table's ``fsSelection``, read exactly as fontTools reads them.

Only what is certain is answered: a collection's first font, or a single TrueType or
OpenType font, whose best family name (``getBestFamilyName()``: the WWS family, else the
typographic family, else the family) stands in a Windows English record in UTF-16 that
decodes cleanly. Anything else (Mac or other records only, odd lengths, a record cut short,
a table that runs past the file's end) gives None, and ``fonts`` asks fontTools, whose
answers a test holds these to for every font installed.
"""

from __future__ import annotations

import struct
from pathlib import Path

_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true")
#: The name IDs ``getBestFamilyName()`` tries, in order.
_FAMILY_IDS = (21, 16, 1)
_WINDOWS, _ENGLISH = 3, 0x409
_UTF16_ENCODINGS = (0, 1, 10)


def family_and_style(path: Path) -> tuple[str | None, int] | None:
    """(best family name, fsSelection) as fontTools gives them, or None where not certain."""
    try:
        data = path.read_bytes()
        tables = _tables(data)
        if tables is None or b"name" not in tables:
            return None
        family = _family(tables[b"name"])
        if family is None:
            return None
        if b"OS/2" not in tables:
            return family or None, 0
        os2 = tables[b"OS/2"]
        if len(os2) < 64:
            return None
        return family or None, struct.unpack_from(">H", os2, 62)[0]
    except (OSError, struct.error):
        return None


def _tables(data: bytes) -> dict[bytes, bytes] | None:
    """The font's tables by tag (a collection's first font), or None where unusual."""
    start = 0
    if data[:4] == b"ttcf":
        if len(data) < 16 or struct.unpack_from(">L", data, 8)[0] < 1:
            return None
        start = struct.unpack_from(">L", data, 12)[0]
    if data[start : start + 4] not in _SFNT:
        return None
    (count,) = struct.unpack_from(">H", data, start + 4)
    tables: dict[bytes, bytes] = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, start + 12 + 16 * index)
        if tag in tables or offset + length > len(data):
            return None
        tables[tag] = data[offset : offset + length]
    return tables


def _family(table: bytes) -> str | None:
    """The best family name: "" where the font has none, None where not certain."""
    _, count, strings = struct.unpack_from(">HHH", table, 0)
    if strings != 6 + 12 * count or len(table) < strings:
        return None
    records = [struct.unpack_from(">6H", table, 6 + 12 * i) for i in range(count)]
    for name_id in _FAMILY_IDS:
        those = [r for r in records if r[3] == name_id]
        if not those:
            continue
        english = [r for r in those if (r[0], r[2]) == (_WINDOWS, _ENGLISH)]
        if not english:
            return None  # fontTools would take a Mac or another record: its own rules
        platform, encoding, _, _, length, offset = english[0]
        raw = table[strings + offset : strings + offset + length]
        if encoding not in _UTF16_ENCODINGS or len(raw) != length or length % 2:
            return None
        try:
            text = raw.decode("utf_16_be")
        except UnicodeDecodeError:
            return None
        if not text or all(
            ord(c) == 0 if i % 2 == 0 else _is_ascii(ord(c)) for i, c in enumerate(text)
        ):
            return None  # empty, or what fontTools takes for UTF-16 encoded twice
        return text
    return ""


def _is_ascii(code: int) -> bool:
    return 0x20 <= code <= 0x7E or code in (0x09, 0x0A, 0x0D)
