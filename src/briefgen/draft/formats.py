"""The report formats ``briefgen draft`` reads, one entry each: how it is told, its reader, its
label.

A format is told from the file's first bytes, never its name (a PDF saved as ``report.txt`` is
still read as a PDF); the formats are tried in order, the fallback (plain text) last. Each
reader gives the report as ``blocks.Block``s and is loaded only when used. The command's help
and the sentence "it reads a report as …" are made from this table, so adding a format (an
.odt, say) is a ``read_<format>.py`` module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DraftError, display_path
from .blocks import Block

#: How many bytes from the start of a file tell its format.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class ReportFormat:
    """One report format: its ``key``; its ``label`` in a sentence ("a PDF") and its ``name``
    in a list ("PDF"); ``sniff``, whether a file's first bytes are this format's; and ``read``,
    the report at a path as blocks. The ``fallback`` is taken when no other format's sniff
    matches."""

    key: str
    label: str
    name: str
    sniff: Callable[[bytes], bool]
    read: Callable[[Path], list[Block]]
    fallback: bool = False


def _is_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or (
        start.startswith(b"<") and b"<html" in head.lower()
    )


def _read_text(path: Path) -> list[Block]:
    from .read_text import read_text

    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # an older Windows text file
    return read_text(text)


def _read_html(path: Path) -> list[Block]:
    from .read_html import read_html

    return read_html(path.read_bytes())


def _read_pdf(path: Path) -> list[Block]:
    from .read_pdf import read_pdf

    return read_pdf(path)


def _read_docx(path: Path) -> list[Block]:
    """A Word report, checked as a template is before it is opened (zip bombs, entities)."""
    import zipfile

    from ..docx_package import package_problem
    from .read_docx import read_docx

    try:
        with zipfile.ZipFile(path) as archive:
            is_word = "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        is_word = False
    if not is_word:
        raise DraftError(
            f"{display_path(path)}: is a zip file but not a Word document (.docx); {readable()}"
        )
    problem = package_problem(path)
    if problem is not None:
        raise DraftError(f"{display_path(path)}: {problem}")
    return read_docx(path)


#: Every format, as the help and messages list them.
FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        "text",
        "text or markdown",
        "text, markdown",
        lambda head: b"\x00" not in head,
        _read_text,
        fallback=True,
    ),
    ReportFormat("html", "a saved web page (.html)", ".html", _is_html, _read_html),
    ReportFormat("pdf", "a PDF", "PDF", lambda head: head.startswith(b"%PDF"), _read_pdf),
    ReportFormat(
        "docx",
        "a Word document (.docx)",
        ".docx",
        lambda head: head.startswith(b"PK\x03\x04"),
        _read_docx,
    ),
)


def _listed(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


def readable() -> str:
    """What briefgen reads, for a message about a report it cannot: "it reads a report as …"."""
    return "it reads a report as " + _listed([f.label for f in FORMATS])


def names() -> str:
    """The formats as the command's help lists them: "text, markdown, .html, PDF or .docx"."""
    return _listed([f.name for f in FORMATS])


def report_format(path: Path) -> ReportFormat:
    """The format of the report at ``path``, told from its first bytes; DraftError for a file
    that cannot be read or is none of them."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise DraftError(f"{display_path(path)}: cannot be read ({exc.strerror})") from None
    for form in sorted(FORMATS, key=lambda f: f.fallback):
        if form.sniff(head):
            return form
    raise DraftError(f"{display_path(path)}: is not a report briefgen can read; {readable()}")
