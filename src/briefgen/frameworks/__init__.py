"""Inspection frameworks, one YAML file each: pillars, elements and grading scale.

The files are data (validated by ``schemas/framework.schema.json``); this module only finds them.
Besides those shipped with briefgen, the folders named in the ``BRIEFGEN_FRAMEWORKS`` environment
variable (separated like PATH) are searched, and their files win over built-in ones of the same
name, so a new framework needs only a YAML file.
"""

from __future__ import annotations

import os
from pathlib import Path

FRAMEWORKS_DIR = Path(__file__).parent
ENVIRONMENT_VARIABLE = "BRIEFGEN_FRAMEWORKS"


def folders() -> list[Path]:
    """Where frameworks are looked for: the user's folders first, then briefgen's own."""
    extra = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return [Path(f) for f in extra.split(os.pathsep) if f] + [FRAMEWORKS_DIR]


def available() -> dict[str, Path]:
    """Framework key → file, for every framework found (a user's file wins)."""
    found: dict[str, Path] = {}
    for folder in reversed(folders()):
        found.update({path.stem: path for path in sorted(folder.glob("*.yaml"))})
    return dict(sorted(found.items()))
