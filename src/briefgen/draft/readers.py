"""Read a report in any format briefgen knows into blocks (see ``blocks.py``).

The formats, how each is told, its reader and the largest file of it briefgen reads, are the
table in ``formats.py``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DraftError, display_path
from .blocks import Block, TooDeep
from .formats import ReportFormat, readable, report_format


def read_report(path: Path) -> list[Block]:
    """The report at ``path`` as blocks, whatever its format."""
    form = report_format(path)
    _refuse_too_large(path, form)
    try:
        blocks = form.read(path)
    except DraftError:
        raise
    except TooDeep as exc:
        raise DraftError(
            f"{display_path(path)}: cannot be read: {exc}; save the page again "
            "from a web browser, or save the report as PDF"
        ) from None
    except Exception as exc:  # a damaged file: each library has its own errors
        raise DraftError(
            f"{display_path(path)}: cannot be read as {form.key.upper()} "
            f"({type(exc).__name__}: {exc}); {readable()}"
        ) from None
    if not blocks:
        raise DraftError(
            f"{display_path(path)}: has no text to read (a scanned PDF needs "
            "text recognition first)"
        )
    return blocks


def _refuse_too_large(path: Path, form: ReportFormat) -> None:
    """DraftError, before the report is read, if it is larger than briefgen reads in its
    format (a Word report is held to the limits of every Word document: its reader checks)."""
    if form.max_bytes is None:
        return
    size = path.stat().st_size
    if size > form.max_bytes:
        raise DraftError(
            f"{display_path(path)}: is {size:,} bytes, more than the "
            f"{form.max_bytes:,} bytes briefgen reads in a report saved as "
            f"{form.key.upper()}; a published report is far smaller: check that "
            "it is the right file"
        )
