"""A document's zip, each part compressed once for good: the parts a render leaves as they were
(a template's styles run to hundreds of kilobytes) are copied as compressed bytes.

The bytes are exactly those Python's ``zipfile`` writes for the same parts (every member with
one timestamp, DEFLATE at the default level, no zip64 or comments: a briefing is far below
their limits), which a test holds it to; only the compressing is skipped where the same part
was compressed before, in this process or another (``cache.py``).
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from . import cache

#: The timestamp every member of a generated .docx carries, so rebuilds are byte-identical.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
#: Parts smaller than this are compressed each time (it takes microseconds).
KEEP_FROM = 8192
_KIND = "deflated"
_CENTRAL = "<4s4B4HL2L5H2L"
_END = "<4s4H2LH"
_UTF8_NAME = 0x800
_MAX_DEFLATED = 64


def _entry(known: tuple[int, bytes]) -> bytes:
    return known[0].to_bytes(4, "little") + known[1]


def _from_entry(kept: bytes) -> tuple[int, bytes] | None:
    return (int.from_bytes(kept[:4], "little"), kept[4:]) if len(kept) > 4 else None


#: Large parts compressed, by their bytes: (CRC, compressed bytes).
_DEFLATED = cache.Answers(_KIND, _MAX_DEFLATED, _entry, _from_entry)


class DocxZip:
    """A zip written in memory, member by member, as ``zipfile`` writes it."""

    def __init__(self) -> None:
        self._out = bytearray()
        self._members: list[zipfile.ZipInfo] = []

    def write(self, name: str, data: bytes, keep: bool = True) -> None:
        """Add the member ``name``; with ``keep``, a large one is compressed once for good (a
        part that changes with every document is better compressed afresh)."""
        info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = len(data)
        info.CRC, packed = deflated(data) if keep else (zlib.crc32(data), _deflate(data))
        info.compress_size = len(packed)
        info.header_offset = len(self._out)
        self._out += info.FileHeader(False)
        self._out += packed
        self._members.append(info)

    def close(self) -> bytes:
        """The whole zip: the members, then the central directory and its end record."""
        start = len(self._out)
        for info in self._members:
            name, flags = _name(info)
            date = (ZIP_TIMESTAMP[0] - 1980) << 9 | ZIP_TIMESTAMP[1] << 5 | ZIP_TIMESTAMP[2]
            time = ZIP_TIMESTAMP[3] << 11 | ZIP_TIMESTAMP[4] << 5 | ZIP_TIMESTAMP[5] // 2
            self._out += struct.pack(
                _CENTRAL,
                b"PK\001\002",
                info.create_version,
                info.create_system,
                info.extract_version,
                info.reserved,
                flags,
                info.compress_type,
                time,
                date,
                info.CRC,
                info.compress_size,
                info.file_size,
                len(name),
                0,
                0,
                0,
                info.internal_attr,
                info.external_attr,
                info.header_offset,
            )
            self._out += name
        count = len(self._members)
        self._out += struct.pack(
            _END, b"PK\005\006", 0, 0, count, count, len(self._out) - start, start, 0
        )
        return bytes(self._out)


def _name(info: zipfile.ZipInfo) -> tuple[bytes, int]:
    """The member's name as ``zipfile`` stores it, and its flags (UTF-8 where not ASCII)."""
    try:
        return info.filename.encode("ascii"), info.flag_bits
    except UnicodeEncodeError:
        return info.filename.encode("utf-8"), info.flag_bits | _UTF8_NAME


def deflated(data: bytes) -> tuple[int, bytes]:
    """``data``'s CRC and its DEFLATE stream as ``zipfile`` makes it; a large part compressed
    before is not compressed again."""
    if len(data) < KEEP_FROM:
        return zlib.crc32(data), _deflate(data)
    return _DEFLATED.answer(data, lambda: (zlib.crc32(data), _deflate(data)))


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()
