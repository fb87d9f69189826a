"""Write an assessment folder (assessment.yaml and elements/<key>.yaml) from plain data.

Used by ``briefgen draft``, and meant for a scaffold (``briefgen new``) too: it knows nothing of
reports. Every file starts with a comment saying where it came from; the YAML is block style,
one value a line, never folded mid-sentence, quoted only where YAML needs it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import BriefgenError, display_path
from ..validate import ASSESSMENT_FILE, ELEMENTS_FOLDER


class DraftError(BriefgenError):
    """A report that cannot be drafted, or a folder that cannot be written; the message names
    the file and says what to do."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML with a list indented under its key, as the hand-written inputs are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: dict[str, Any], header: list[str]) -> str:
    """``data`` as YAML after ``header`` as comment lines."""
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                          width=1_000_000, indent=2)
    return comments + body


def write_folder(folder: Path, assessment: dict[str, Any],
                 elements: dict[str, dict[str, Any]], header: list[str],
                 element_headers: dict[str, list[str]] | None = None,
                 overwrite: bool = False) -> list[Path]:
    """Write ``assessment`` and each element's data (by key) into ``folder``; return the files.

    An existing folder is refused unless ``overwrite``; then the files written here replace
    theirs and any other file is left alone. Each file is written whole or not at all.
    """
    if folder.exists() and not overwrite:
        raise DraftError(f"{display_path(folder)}: already exists; give --overwrite to replace "
                         "its files, or choose another folder")
    if folder.exists() and not folder.is_dir():
        raise DraftError(f"{display_path(folder)}: is a file, not a folder")
    element_headers = element_headers or {}
    try:
        (folder / ELEMENTS_FOLDER).mkdir(parents=True, exist_ok=True)
        written = [_write(folder / ASSESSMENT_FILE, dump(assessment, header))]
        for key, data in elements.items():
            lines = header + element_headers.get(key, [])
            written.append(_write(folder / ELEMENTS_FOLDER / f"{key}.yaml", dump(data, lines)))
    except OSError as exc:
        raise DraftError(f"{display_path(folder)}: cannot be written ({exc.strerror})") from None
    return written


def _write(path: Path, text: str) -> Path:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
