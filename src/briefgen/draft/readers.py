"""Read a report in any format briefgen knows into blocks (see ``blocks.py``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import display_path
from .blocks import Block
from .detect import DOCX, HTML, PDF, READABLE, report_format
from .write import DraftError


def read_report(path: Path) -> list[Block]:
    """The report at ``path`` as blocks, whatever its format."""
    kind = report_format(path)
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
    except Exception as exc:  # a damaged file: each library has its own errors
        raise DraftError(f"{display_path(path)}: cannot be read as {kind.upper()} "
                         f"({type(exc).__name__}: {exc}); {READABLE}") from None
    if not blocks:
        raise DraftError(f"{display_path(path)}: has no text to read (a scanned PDF needs "
                         "text recognition first)")
    return blocks


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # an older Windows text file
