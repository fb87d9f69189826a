"""An assessment folder: its file names, the "to be completed" value, and the one writer.

An assessment is a folder holding ``assessment.yaml`` and one file per element in
``elements/`` (``elements/<key>.yaml``). ``briefgen new`` and ``briefgen draft`` both write one
through :func:`write_folder`, never over an existing folder unless asked
(:func:`refuse_existing`), and leave :data:`TO_BE_COMPLETED` where the officer must write
something; ``validate`` reads the same names and reports that value with what to write.

Every file starts with the line that names its schema for an editor, when the framework is
given (the schemas are written into the folder's ``schemas/``), then a comment saying where it
came from; :class:`Notes` add comments above keys and commented examples after the data. The
YAML is block style, one value a line, never folded mid-sentence, quoted only where YAML needs
it. Light: PyYAML and the schemas are loaded only when a folder is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DraftError, FileProblem, display_path

if TYPE_CHECKING:
    from .model import Framework

ASSESSMENT_FILE = "assessment.yaml"
ELEMENTS_FOLDER = "elements"
#: What is written where the officer must still write something (matched ignoring case).
TO_BE_COMPLETED = "to be completed"


def element_file(key: str) -> str:
    """The element ``key``'s file, relative to its assessment folder: ``elements/<key>.yaml``."""
    return f"{ELEMENTS_FOLDER}/{key}.yaml"


def is_to_be_completed(value: Any) -> bool:
    """Whether ``value`` is the marker left where the report (or the officer) did not say."""
    return isinstance(value, str) and " ".join(value.split()).casefold() == TO_BE_COMPLETED


def refuse_existing(folder: Path, overwrite: bool | None) -> None:
    """Refuse to write into ``folder`` if it exists: ``overwrite`` None where the command
    never writes over a folder (``new``), False where it may be told to (``draft``)."""
    if folder.exists() and overwrite is None:
        raise FileProblem(
            f"{display_path(folder)}: already exists; briefgen new never writes "
            "over a folder: choose a new folder name"
        )
    if folder.exists() and not overwrite:
        raise DraftError(
            f"{display_path(folder)}: already exists; give --overwrite to replace "
            "its files, or choose another folder"
        )
    if folder.exists() and not folder.is_dir():
        raise DraftError(f"{display_path(folder)}: is a file, not a folder")


@dataclass(frozen=True)
class Notes:
    """Comments in a written file: lines above a top-level key, and lines after the data
    (commented examples for the officer to uncomment)."""

    above: dict[str, list[str]] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)


def _comments(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


@cache
def _dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        """Safe YAML with a list indented under its key, as the hand-written inputs are."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    return Dumper


def _yaml(data: dict[str, Any]) -> str:
    import yaml

    return yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def dump(data: dict[str, Any], header: list[str], notes: Notes | None = None) -> str:
    """``data`` as YAML after ``header`` as comment lines, with ``notes`` where they go."""
    if notes is None:
        return _comments(header) + _yaml(data)
    body = "".join(
        _comments(notes.above.get(key, [])) + _yaml({key: value}) for key, value in data.items()
    )
    return _comments(header) + body + _comments(notes.after)


def write_folder(
    folder: Path,
    assessment: dict[str, Any],
    elements: dict[str, dict[str, Any]],
    header: list[str],
    element_headers: dict[str, list[str]] | None = None,
    overwrite: bool | None = False,
    *,
    framework: Framework | None = None,
    notes: dict[str, Notes] | None = None,
) -> list[Path]:
    """Write ``assessment`` and each element's data (by key) into ``folder``; return the files.

    With ``framework``, its schemas go into ``schemas/`` and each file starts with the line
    naming its schema; ``notes`` are by file, as ``assessment.yaml`` or ``elements/KEY.yaml``.
    An existing folder is refused (:func:`refuse_existing`) unless ``overwrite``; then the files
    written here replace theirs and any other file is left alone. Each file is written whole or
    not at all.
    """
    from .editor_schema import SCHEMA_FOLDER, schema_line, write_schemas
    from .outputs import write_atomically

    refuse_existing(folder, overwrite)
    element_headers, notes = element_headers or {}, notes or {}

    def first(kind: str, up: str = "") -> list[str]:
        return [schema_line(kind, framework, up)] if framework is not None else []

    def write(path: Path, text: str) -> Path:
        write_atomically(path, text.encode("utf-8"))  # whole or not at all
        return path

    try:
        (folder / ELEMENTS_FOLDER).mkdir(parents=True, exist_ok=True)
        written = [
            write(
                folder / ASSESSMENT_FILE,
                dump(assessment, first("assessment") + header, notes.get(ASSESSMENT_FILE)),
            )
        ]
        for key, data in elements.items():
            name = element_file(key)
            lines = first("element", "../") + header + element_headers.get(key, [])
            written.append(write(folder / name, dump(data, lines, notes.get(name))))
        if framework is not None:
            written.extend(write_schemas(framework, folder / SCHEMA_FOLDER))
    except OSError as exc:
        raise DraftError(f"{display_path(folder)}: cannot be written ({exc.strerror})") from None
    return written
