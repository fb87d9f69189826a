"""Read a report in any format briefgen knows into blocks (see ``blocks.py``).

The formats, how each is told and its reader, are the table in ``formats.py``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DraftError, display_path
from .blocks import Block
from .formats import readable, report_format


def read_report(path: Path) -> list[Block]:
    """The report at ``path`` as blocks, whatever its format."""
    form = report_format(path)
    try:
        blocks = form.read(path)
    except DraftError:
        raise
    except Exception as exc:  # a damaged file: each library has its own errors
        raise DraftError(f"{display_path(path)}: cannot be read as {form.key.upper()} "
                         f"({type(exc).__name__}: {exc}); {readable()}") from None
    if not blocks:
        raise DraftError(f"{display_path(path)}: has no text to read (a scanned PDF needs "
                         "text recognition first)")
    return blocks
