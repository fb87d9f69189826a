"""Which assessment folders the paths an officer gives name.

A shell on Linux or macOS expands ``inputs/*`` before briefgen sees it; PowerShell and the
Command Prompt pass it on as typed. So a path holding ``*`` or ``?`` that names nothing as
written is expanded here, as pytest and black do on Windows, and a pattern that matches no
folder is said to. A folder with no ``assessment.yaml`` of its own whose folders have one
(``inputs``) stands for those assessment folders, in order of name.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from .assessment_folder import ASSESSMENT_FILE
from .errors import FileProblem, display_path

_WILDCARDS = ("*", "?")


def assessment_folders(paths: Iterable[str | Path]) -> list[Path]:
    """The assessment folders ``paths`` name, in the order given: wildcards the shell left
    expanded, a folder of assessment folders opened up. A folder that is neither is kept, for
    the check to say what it lacks. FileProblem for a pattern matching no folder."""
    found: list[Path] = []
    for given in paths:
        for path in _expanded(Path(given)):
            found.extend(_assessments_in(path))
    return found


def _expanded(path: Path) -> list[Path]:
    text = str(path)
    if not any(mark in text for mark in _WILDCARDS) or path.exists():
        return [path]
    folders = [Path(match) for match in sorted(glob.glob(text)) if Path(match).is_dir()]
    if not folders:
        raise FileProblem(
            f"{display_path(path)}: no folder matches this name (a * in it stands "
            "for any letters, a ? for any one letter); check the folder names"
        )
    return folders


def _assessments_in(path: Path) -> list[Path]:
    """``path``, or the assessment folders in it where it is not one itself."""
    if not path.is_dir() or (path / ASSESSMENT_FILE).exists():
        return [path]
    inside = sorted(p for p in path.iterdir() if (p / ASSESSMENT_FILE).is_file())
    return inside or [path]
