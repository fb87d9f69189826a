"""Is this a Word document that is safe to open? Checked before python-docx inflates a byte.

A .docx is a zip of XML parts. A template or cover report comes from anywhere, so before it is
opened its zip is checked: the file's size, how many parts it has, the sizes its parts declare
and, reading each part as a stream, the sizes they really inflate to (a "zip bomb" declares
little and inflates to gigabytes); no part may be there twice (which of two a program reads
is anyone's guess); and no XML part may declare entities (``<!DOCTYPE``), which
Word never writes and which "billion laughs" documents rely on.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

#: What python-docx and lxml raise for a file that is not a Word document that can be opened.
NOT_A_DOCX = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    OSError,
    etree.XMLSyntaxError,
)

#: A Word document briefgen will open: limits far beyond a briefing's (tens of kilobytes) or a
#: cover report with its logo (a few megabytes).
MAX_FILE_BYTES = 50_000_000
MAX_PARTS = 5_000
MAX_PART_BYTES = 100_000_000
MAX_TOTAL_BYTES = 250_000_000
#: An XML part (the text of a document, a header, …): a 300-page report's is a few megabytes.
MAX_XML_PART_BYTES = 10_000_000
_CHUNK = 1 << 16
_DOCTYPE = b"<!DOCTYPE"
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
            return (
                f"is {size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes briefgen opens "
                "in a Word document"
            )
        with path.open("rb") as handle:
            if handle.read(8) == _COMPOUND_FILE:  # how Word saves a document with a password
                return (
                    "is protected by a password, or is an older Word document (.doc); "
                    "remove the password (in Word: File › Info › Protect Document), or save "
                    "it as .docx"
                )
        with zipfile.ZipFile(path) as package:
            return _parts_problem(package)
    except RuntimeError:  # zipfile's word for a member that needs a password
        return _PASSWORD
    except NotImplementedError:
        return _COMPRESSION
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zipfile.LargeZipFile):
        return None  # not a zip at all: opening it says so, in the caller's words


def _parts_problem(package: zipfile.ZipFile) -> str | None:
    members = package.infolist()
    if len(members) > MAX_PARTS:
        return f"holds {len(members):,} parts; a Word document has a few dozen"
    twice = next(
        (name for name, count in Counter(m.filename for m in members).items() if count > 1), None
    )
    if twice:  # which of the two a program reads is anyone's guess: the title may be lost
        return (
            f"holds its part {twice} twice, so it is not clear which is meant; open it in "
            "Word or LibreOffice and save it again"
        )
    declared = sum(m.file_size for m in members)
    if declared > MAX_TOTAL_BYTES or any(m.file_size > MAX_PART_BYTES for m in members):
        return (
            f"would inflate to {declared:,} bytes, more than the {MAX_TOTAL_BYTES:,} "
            "bytes briefgen opens in a Word document (a zip bomb?)"
        )
    if any(m.flag_bits & 0x1 for m in members):
        return _PASSWORD
    if any(m.compress_type not in _COMPRESSIONS for m in members):
        return _COMPRESSION
    total = 0
    for member in members:
        xml = member.filename.endswith((".xml", ".rels"))
        if xml and member.file_size > MAX_XML_PART_BYTES:
            return _too_much_xml(member.filename, member.file_size)
        inflated, tail = 0, b""
        with package.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                inflated += len(chunk)
                if (
                    inflated > MAX_PART_BYTES
                    or total + inflated > MAX_TOTAL_BYTES
                    or (xml and inflated > MAX_XML_PART_BYTES)
                ):
                    return (
                        f"has a part ({member.filename}) that inflates to more than it "
                        "declares (a zip bomb); it is not a document Word wrote"
                    )
                if xml and _DOCTYPE in (tail + chunk).upper():
                    return (
                        f"has a part ({member.filename}) that declares entities "
                        "(<!DOCTYPE …>), which Word never writes; save the document again "
                        "from Word or LibreOffice"
                    )
                tail = chunk[-len(_DOCTYPE) :]
        total += inflated
    return None


_PASSWORD = (
    "is protected by a password; remove the password (in Word: File › Info › Protect "
    "Document) and save it again"
)
_COMPRESSION = (
    "is compressed in a way Word does not write; open it in Word or LibreOffice and "
    "save it again as .docx"
)
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


#: What each kind of relationship a document may have to something outside it is, in words
#: (by the end of its type); hyperlinks in the text are not among them: they are followed only
#: when the reader clicks them.
_FETCHED = {
    "image": "an image",
    "attachedTemplate": "an attached template",
    "oleObject": "an embedded object",
    "frame": "a frame",
    "subDocument": "a subdocument",
    "package": "an embedded package",
    "externalLinkPath": "a linked file",
    "aFChunk": "an imported file",
    "stylesWithEffects": "linked styles",
    "font": "a font",
    "video": "a video",
    "audio": "a sound",
}
_HYPERLINK = "hyperlink"
_TEMPLATE = "attachedTemplate"


def _on_a_network(target: str) -> bool:
    r"""Whether a link's target is reached over a network: a web or other address, a Windows
    share (\\server\…) or a file on another machine (file://server/…); not a path on the
    author's own disk (C:\…, file:///C:/…), which Word looks for there and does without."""
    text = target.strip().replace("\\", "/")
    if text.startswith("//"):
        return True
    scheme, _, rest = text.partition(":")
    if not rest or len(scheme) == 1:  # a relative path, or a drive letter
        return False
    if scheme.lower() == "file":
        host = rest[2:].split("/", 1)[0] if rest.startswith("//") else ""
        return host.lower() not in ("", "localhost")
    return True


def external_links(path: Path) -> list[str]:
    """What in the Word document ``path`` is fetched from outside it when Word (or LibreOffice)
    opens it (a linked image, an attached template on a server, …), each as "an image
    (http://…)"; hyperlinks in the text are not. Read from the package's relationship parts."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as package:
            for member in package.infolist():
                if not member.filename.endswith(".rels") or member.file_size > MAX_XML_PART_BYTES:
                    continue
                root = parse_xml(package.read(member))
                for relationship in root:
                    if str(relationship.get("TargetMode", "")).lower() != "external":
                        continue
                    kind = str(relationship.get("Type", "")).rsplit("/", 1)[-1]
                    target = str(relationship.get("Target", ""))
                    if kind == _TEMPLATE and not _on_a_network(target):
                        continue  # the template it was made from, on the author's own disk
                    if kind != _HYPERLINK:
                        what = _FETCHED.get(kind, f"a {kind} link")
                        found.append(f"{what} ({relationship.get('Target', '')})")
    except (
        zipfile.BadZipFile,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        etree.XMLSyntaxError,
    ):
        return found  # opening the document says what is wrong with it
    return list(dict.fromkeys(found))


def _too_much_xml(name: str, size: int) -> str:
    return (
        f"has a part ({name}) of {size:,} bytes of XML, more than the "
        f"{MAX_XML_PART_BYTES:,} briefgen reads (a 300-page report has a few million bytes); "
        "split the document"
    )
