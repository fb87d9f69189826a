"""Is this a Word document that is safe to open? Checked before python-docx inflates a byte.

A .docx is a zip of XML parts. A template or cover report comes from anywhere, so before it is
opened its zip is checked: the file's size, how many parts it has, the sizes its parts declare
and, reading each part as a stream, the sizes they really inflate to (a "zip bomb" declares
little and inflates to gigabytes); and no XML part may declare entities (``<!DOCTYPE``), which
Word never writes and which "billion laughs" documents rely on.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

#: What python-docx and lxml raise for a file that is not a Word document that can be opened.
NOT_A_DOCX = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError,
              etree.XMLSyntaxError)

#: A Word document briefgen will open: limits far beyond a briefing's (tens of kilobytes) or a
#: cover report with its logo (a few megabytes).
MAX_FILE_BYTES = 50_000_000
MAX_PARTS = 5_000
MAX_PART_BYTES = 100_000_000
MAX_TOTAL_BYTES = 250_000_000
_CHUNK = 1 << 16
_HEAD = 4096
#: The one parser briefgen reads Word's XML with: no entity is resolved, nothing fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def parse_xml(data: bytes) -> etree._Element:
    """A part's XML (or a rendered part's, to check it is well formed), parsed safely;
    ``etree.XMLSyntaxError`` where it is not well formed."""
    return etree.fromstring(data, _PARSER)


def package_problem(path: Path) -> str | None:
    """What makes ``path`` unsafe or impossible to open as a Word document; None if nothing.

    The message completes a sentence that begins with the file's name. A file is checked once
    per version (its size and modification time): a batch opens its template many times.
    """
    try:
        status = path.stat()
    except OSError:
        return None  # opening it says what is wrong, in the caller's words
    return _problem(path.resolve(), status.st_size, status.st_mtime_ns)


@cache
def _problem(path: Path, size: int, modified: int) -> str | None:
    """:func:`package_problem` for one version of a file (``modified`` keys the cache)."""
    try:
        if size > MAX_FILE_BYTES:
            return (f"is {size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes briefgen opens "
                    "in a Word document")
        with zipfile.ZipFile(path) as package:
            return _parts_problem(package)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError,
            ValueError):
        return None  # not a zip at all: opening it says so, in the caller's words


def _parts_problem(package: zipfile.ZipFile) -> str | None:
    members = package.infolist()
    if len(members) > MAX_PARTS:
        return f"holds {len(members):,} parts; a Word document has a few dozen"
    declared = sum(m.file_size for m in members)
    if declared > MAX_TOTAL_BYTES or any(m.file_size > MAX_PART_BYTES for m in members):
        return (f"would inflate to {declared:,} bytes, more than the {MAX_TOTAL_BYTES:,} "
                "bytes briefgen opens in a Word document (a zip bomb?)")
    total = 0
    for member in members:
        inflated = 0
        with package.open(member) as stream:
            head = stream.read(_HEAD)
            if member.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in head.upper():
                return (f"has a part ({member.filename}) that declares entities (<!DOCTYPE …>), "
                        "which Word never writes; save the document again from Word or "
                        "LibreOffice")
            inflated += len(head)
            while chunk := stream.read(_CHUNK):
                inflated += len(chunk)
                if inflated > MAX_PART_BYTES or total + inflated > MAX_TOTAL_BYTES:
                    return (f"has a part ({member.filename}) that inflates to more than it "
                            "declares (a zip bomb); it is not a document Word wrote")
        total += inflated
    return None
