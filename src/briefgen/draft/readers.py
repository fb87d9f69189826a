"""Read a report in any format briefgen knows into blocks (see ``blocks.py``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import display_path
from .blocks import Block
from .detect import DOCX, HTML, PDF, READABLE, report_format
from .write import DraftError


class TooDeep(ValueError):
    """A web page nested deeper than can be read, even without its wrappers."""


#: The largest report file read, by format: far beyond a published report (a PDF of a few
#: megabytes, a web page or text of a few hundred kilobytes); a Word report is held to the
#: limits of every Word document briefgen opens (``docx_package.py``).
MAX_REPORT_BYTES = {PDF: 100_000_000, HTML: 10_000_000, "text": 10_000_000}


def read_report(path: Path) -> list[Block]:
    """The report at ``path`` as blocks, whatever its format."""
    kind = report_format(path)
    _refuse_unsafe(path, kind)
    try:
        if kind == PDF:
            from .read_pdf import read_pdf
            blocks = read_pdf(path)
        elif kind == DOCX:
            from .read_docx import read_docx
            blocks = read_docx(path)
        else:
            data = path.read_bytes()
            if kind == HTML:
                from .read_html import read_html
                blocks = read_html(data)
            else:
                from .read_text import read_text
                blocks = read_text(_decoded(data))
    except DraftError:
        raise
    except TooDeep as exc:
        raise DraftError(f"{display_path(path)}: cannot be read: {exc}; save the page again "
                         "from a web browser, or save the report as PDF") from None
    except Exception as exc:  # a damaged file: each library has its own errors
        raise DraftError(f"{display_path(path)}: cannot be read as {kind.upper()} "
                         f"({type(exc).__name__}: {exc}); {READABLE}") from None
    if not blocks:
        raise DraftError(f"{display_path(path)}: has no text to read (a scanned PDF needs "
                         "text recognition first)")
    return blocks


def _refuse_unsafe(path: Path, kind: str) -> None:
    """DraftError, before the report is read, if it is larger than briefgen reads, or a Word
    document that is unsafe to open (a zip bomb, entities, a password)."""
    if kind == DOCX:
        from ..docx_package import package_problem  # python-docx only for a Word report

        unsafe = package_problem(path)
        if unsafe:
            raise DraftError(f"{display_path(path)}: {unsafe}")
        return
    limit = MAX_REPORT_BYTES.get(kind, MAX_REPORT_BYTES["text"])
    size = path.stat().st_size
    if size > limit:
        raise DraftError(f"{display_path(path)}: is {size:,} bytes, more than the {limit:,} "
                         f"bytes briefgen reads in a report saved as {kind.upper()}; a "
                         "published report is far smaller: check that it is the right file")


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # an older Windows text file
