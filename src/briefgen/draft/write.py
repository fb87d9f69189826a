"""The assessment folder writer, where the drafting modules have always found it.

The one writer (and the file names, and the rule on an existing folder) is
``assessment_folder.py``, which ``briefgen new`` uses too; :class:`DraftError` is in
``errors.py``.
"""

from __future__ import annotations

from ..assessment_folder import Notes, dump, write_folder
from ..errors import DraftError

__all__ = ["DraftError", "Notes", "dump", "write_folder"]
