"""Write an assessment folder (assessment.yaml and elements/<key>.yaml) from plain data.

Used by ``briefgen draft`` and by ``briefgen new`` (``scaffold.py``): it knows nothing of
reports. Every file starts with the line that names its schema for an editor, when the
framework is given (the schemas are written into the folder's ``schemas/``), then a comment
saying where it came from; :class:`Notes` add comments above keys and commented examples after
the data. The YAML is block style, one value a line, never folded mid-sentence, quoted only
where YAML needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..editor_schema import SCHEMA_FOLDER, schema_line, write_schemas
from ..errors import BriefgenError, display_path
from ..model import Framework
from ..outputs import refuse_sources, write_atomically
from ..validate import ASSESSMENT_FILE, ELEMENTS_FOLDER


class DraftError(BriefgenError):
    """A report that cannot be drafted, or a folder that cannot be written; the message names
    the file and says what to do."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML with a list indented under its key, as the hand-written inputs are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


@dataclass(frozen=True)
class Notes:
    """Comments in a written file: lines above a top-level key, and lines after the data
    (commented examples for the officer to uncomment)."""

    above: dict[str, list[str]] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)


def _comments(lines: list[str]) -> str:
    """Each line as a YAML comment; a line that holds line breaks of its own (a file name or a
    force's name with a newline in it) is split, so that no part of it can become YAML."""
    return "".join(f"# {_shown(piece)}\n" if piece else "#\n"
                   for line in lines for piece in (line.splitlines() or [""]))


def _shown(text: str) -> str:
    """``text`` as UTF-8 can write it: a byte a file name held that is not UTF-8 becomes �."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000, indent=2)


def dump(data: dict[str, Any], header: list[str], notes: Notes | None = None) -> str:
    """``data`` as YAML after ``header`` as comment lines, with ``notes`` where they go."""
    if notes is None:
        return _comments(header) + _yaml(data)
    body = "".join(_comments(notes.above.get(key, [])) + _yaml({key: value})
                   for key, value in data.items())
    return _comments(header) + body + _comments(notes.after)


def write_folder(folder: Path, assessment: dict[str, Any],
                 elements: dict[str, dict[str, Any]], header: list[str],
                 element_headers: dict[str, list[str]] | None = None,
                 overwrite: bool = False, *, framework: Framework | None = None,
                 notes: dict[str, Notes] | None = None, reads: Sequence[Path] = ()
                 ) -> list[Path]:
    """Write ``assessment`` and each element's data (by key) into ``folder``; return the files.

    With ``framework``, its schemas go into ``schemas/`` and each file starts with the line
    naming its schema; ``notes`` are by file, as ``assessment.yaml`` or ``elements/KEY.yaml``.
    An existing folder is refused unless ``overwrite``; then the files written here replace
    theirs and any other file is left alone. Each file is written whole or not at all; none is
    one of ``reads`` (the report drafted from) or one of briefgen's own.
    """
    for target in (folder / ASSESSMENT_FILE,
                   *(folder / ELEMENTS_FOLDER / f"{key}.yaml" for key in elements)):
        refuse_sources(target, reads)
    if folder.exists() and not overwrite:
        raise DraftError(f"{display_path(folder)}: already exists; give --overwrite to replace "
                         "its files, or choose another folder")
    if folder.exists() and not folder.is_dir():
        raise DraftError(f"{display_path(folder)}: is a file, not a folder")
    element_headers, notes = element_headers or {}, notes or {}

    def first(kind: str, up: str = "") -> list[str]:
        return [schema_line(kind, framework, up)] if framework is not None else []

    try:
        (folder / ELEMENTS_FOLDER).mkdir(parents=True, exist_ok=True)
        written = [_write(folder / ASSESSMENT_FILE, dump(assessment, first("assessment") + header,
                                                         notes.get(ASSESSMENT_FILE)))]
        for key, data in elements.items():
            name = f"{ELEMENTS_FOLDER}/{key}.yaml"
            lines = first("element", "../") + header + element_headers.get(key, [])
            written.append(_write(folder / name, dump(data, lines, notes.get(name))))
        if framework is not None:
            written.extend(write_schemas(framework, folder / SCHEMA_FOLDER))
    except OSError as exc:
        raise DraftError(f"{display_path(folder)}: cannot be written ({exc.strerror})") from None
    return written


def _write(path: Path, text: str) -> Path:
    write_atomically(path, text.encode("utf-8"))  # whole or not at all
    return path
