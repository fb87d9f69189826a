"""Libraries loaded with only the parts briefgen uses.

docxtpl loads its sub-document support (docxcompose, and Babel through it) whenever it is
imported, if it can: a third of docxtpl's start-up. briefgen needs it only to put a briefing
inside a cover report (``--into``), where ``compose`` asks docxtpl for a sub-document and
docxtpl imports it then. :func:`docxtpl_lightly` imports docxtpl without it.
"""

from __future__ import annotations

import sys

_SUBDOC = "docxtpl.subdoc"


def docxtpl_lightly() -> None:
    """Import docxtpl, leaving its sub-documents to be loaded when one is first made."""
    if "docxtpl" in sys.modules:
        return
    blocked = _SUBDOC not in sys.modules
    if blocked:  # docxtpl's own "try: from .subdoc import … except ImportError" then passes
        sys.modules[_SUBDOC] = None  # type: ignore[assignment]
    try:
        import docxtpl  # noqa: F401
    finally:
        if blocked and sys.modules.get(_SUBDOC, False) is None:
            del sys.modules[_SUBDOC]
