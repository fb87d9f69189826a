"""Inspection frameworks, one YAML file each: pillars, elements and grading scale.

The files are data (validated by ``schemas/framework.schema.json``); this module only finds them.
"""

from __future__ import annotations

from pathlib import Path

FRAMEWORKS_DIR = Path(__file__).parent


def available() -> dict[str, Path]:
    """Framework key → file, for every framework shipped with briefgen."""
    return {path.stem: path for path in sorted(FRAMEWORKS_DIR.glob("*.yaml"))}
