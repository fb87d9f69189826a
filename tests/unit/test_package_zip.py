"""The document's zip: byte for byte what Python's zipfile writes, compressed once for good."""

from __future__ import annotations

import io
import os
import zipfile

from briefgen.package_zip import KEEP_FROM, ZIP_TIMESTAMP, DocxZip, deflated

from ..helpers import MET


def with_zipfile(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return buffer.getvalue()


def with_docx_zip(members: list[tuple[str, bytes]]) -> bytes:
    package = DocxZip()
    for name, data in members:
        package.write(name, data)
    return package.close()


def test_the_same_bytes_as_zipfile(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    members = [
        ("[Content_Types].xml", b"<Types/>"),
        ("word/empty.xml", b""),
        ("word/styles.xml", (MET / "assessment.yaml").read_bytes() * 40),
        ("word/media/random.bin", os.urandom(3 * KEEP_FROM)),
        ("word/naïve name.xml", "é".encode() * 5000),
    ]
    expected = with_zipfile(members)
    assert with_docx_zip(members) == expected  # compressed now
    assert (tmp_path / "cache" / "deflated").is_dir()
    assert with_docx_zip(members) == expected  # as compressed before
    with zipfile.ZipFile(io.BytesIO(expected)) as package:
        assert [package.read(name) for name, _ in members] == [data for _, data in members]


def test_a_large_part_is_compressed_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    data = bytes(range(256)) * 100
    first = deflated(data)
    (entry,) = (tmp_path / "cache" / "deflated").iterdir()
    assert deflated(data) == first and zipfile.crc32(data) == first[0]
    assert list((tmp_path / "cache" / "deflated").iterdir()) == [entry]


def test_the_very_bytes_compressed_before_are_not_hashed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    data = os.urandom(KEEP_FROM * 2)
    first = deflated(data)
    equal = bytes(bytearray(data))  # the same content in another object: hashed, then known
    assert equal is not data and deflated(equal) == first

    def no_hashing(*args):
        raise AssertionError("hashed again")

    monkeypatch.setattr("hashlib.sha256", no_hashing)
    assert deflated(data) == first == deflated(equal)
