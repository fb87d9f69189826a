"""The library's checks of an assessment as the form has it, each problem placed at its field.

A folder is checked as it is on disk, or with a file replaced by the form's unsaved text: the
folder is then copied beside itself (so ``previous: [../…]`` reaches the same folders), the
library's ``validate`` runs on the copy, and the copy is removed. Problems keep the library's
words; the field each belongs to is found from the line it names.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import library

ASSESSMENT = library.ASSESSMENT_FILE
ELEMENTS = library.ELEMENTS_FOLDER
SCRATCH = ".briefgen-check-"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Shown:
    """One problem or warning as the page shows it."""

    file: str  # relative to the assessment folder: assessment.yaml, elements/<key>.yaml
    line: int
    column: int
    message: str  # validate's words, after the file:line:col
    warning: bool
    text: str  # validate's whole line

    @property
    def to_complete(self) -> bool:
        return library.says_still_to_complete(self.message)


@dataclass
class Report:
    """An assessment checked: every problem and warning, and the grid's context when valid."""

    shown: list[Shown]
    context: dict[str, Any] | None
    refused: list[Shown] = field(default_factory=list)  # the schema's, in the edited file

    @property
    def problems(self) -> list[Shown]:
        return [s for s in self.shown if not s.warning]

    @property
    def warnings(self) -> list[Shown]:
        return [s for s in self.shown if s.warning]

    @property
    def to_complete(self) -> list[Shown]:
        return [s for s in self.shown if s.to_complete]

    def state(self) -> str:
        if not self.problems:
            return "ready"
        left = len(self.to_complete)
        others = len(self.problems) - left
        parts = [f"{others} problem{'s' * (others != 1)}"] if others else []
        if left:
            parts.append(f"{left} still to complete")
        return ", ".join(parts)


def _shown(problems: list[library.Problem], shown_as: str, folder: Path) -> list[Shown]:
    found = []
    real = library.display_path(folder)
    for p in problems:
        name = p.file
        for prefix in [p for p in (shown_as, real) if p]:
            if name.startswith(prefix + os.sep) or name.startswith(prefix + "/"):
                name = name[len(prefix) + 1 :]
                break
        name = name.replace(os.sep, "/")
        text = library.Problem(
            f"{real}/{name}" if not Path(name).is_absolute() else name,
            p.line,
            p.column,
            p.message,
            p.warning,
        ).text()
        found.append(Shown(name, p.line, p.column, p.message, p.warning, text))
    return found


@contextmanager
def _scratch(folder: Path, replaced: dict[str, str]) -> Iterator[Path]:
    """A copy of ``folder`` beside it with ``replaced`` files (relative name → text)."""
    copy = Path(
        tempfile.mkdtemp(prefix=f".{folder.name}{SCRATCH}{os.getpid()}-", dir=folder.parent)
    )
    try:
        if (folder / ELEMENTS).is_dir():
            (copy / ELEMENTS).mkdir()
            files = [p for p in (folder / ELEMENTS).iterdir() if p.is_file()]
        else:
            files = []
        for path in [folder / ASSESSMENT, *files]:
            name = path.relative_to(folder).as_posix()
            if name in replaced:
                (copy / name).write_text(replaced[name], "utf-8")
            elif path.is_file():
                _link(path, copy / name)
        yield copy
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    """``target`` the same file as ``source`` (a copy where links cannot be made)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def check(
    folder: Path,
    replaced: dict[str, str] | None = None,
    kind: str = "element",
    refusals: bool = False,
) -> Report:
    """``folder`` checked by the library, with ``replaced`` files as the form has them; with
    ``refusals``, what the schema refuses in those files too."""
    if not replaced:
        checked = library.check_folder(folder)
        shown = _shown(checked.problems + checked.warnings, "", folder)
        context = library.template_context(checked.assessment) if checked.assessment else None
        return Report(sorted(shown, key=_order), context)
    with _scratch(folder, replaced) as copy:
        checked = library.check_folder(copy)
        as_shown = library.display_path(copy)
        shown = _shown(checked.problems + checked.warnings, as_shown, folder)
        refused = []
        for name in replaced if refusals else ():
            found = library.file_problems(copy / name, kind)
            refused += [s for s in _shown(found, as_shown, folder) if not s.to_complete]
        context = library.template_context(checked.assessment) if checked.assessment else None
    return Report(sorted(shown, key=_order), context, refused)


def _order(shown: Shown) -> tuple[bool, str, int, int]:
    return (shown.file != ASSESSMENT, shown.file, shown.line, shown.column)


def sweep(folder: Path) -> None:
    """Remove what a stopped server left in ``folder``: its checking copies, and in each
    assessment folder the temporary file of a save it was killed in the middle of (the file
    saved is whole either way: the old text or the new)."""
    for path in folder.glob(f".*{SCRATCH}*"):
        if library.writer_gone(path.name, SCRATCH):
            shutil.rmtree(path, ignore_errors=True)
    for assessment in folder.glob(f"*/{ASSESSMENT}"):
        for place in (assessment.parent, assessment.parent / library.ELEMENTS_FOLDER):
            if place.is_dir():
                library.sweep_leftovers(place)


# --- which field a problem belongs to ------------------------------------------------------


def anchors(text: str) -> list[tuple[int, str]]:
    """The first line of each field in ``text``, as (line, field id), in order of lines.

    Field ids are the form's: ``grading``, ``comments``, ``comments-2``, ``comments-2-items``,
    ``pillars-effectiveness``, ``paper-committee``.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []
    found: list[tuple[int, str]] = []

    def walk(node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{prefix}-{key.value}" if prefix else str(key.value)
                found.append((key.start_mark.line + 1, name))
                walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                name = f"{prefix}-{index}"
                found.append((item.start_mark.line + 1, name))
                walk(item, name)

    if root is not None:
        walk(root, "")
    return sorted(found)


def field_at(marks: list[tuple[int, str]], line: int, accept: Callable[[str], bool]) -> str | None:
    """The field (one ``accept`` takes) that ``line`` falls in, given a file's ``anchors``."""
    index = bisect_right([at for at, _ in marks], line) - 1
    name = marks[index][1] if index >= 0 else None
    while name and not accept(name):  # a nested value belongs to its field
        name = name.rsplit("-", 1)[0] if "-" in name else None
    return name


def placed(
    shown: list[Shown], file: str, text: str, ids: set[str]
) -> tuple[dict[str, list[Shown]], list[Shown]]:
    """The problems of ``file`` by the field (of ``ids``) they belong to, and the rest."""
    marks = anchors(text)
    by_field: dict[str, list[Shown]] = {}
    rest = []
    for s in shown:
        target = field_at(marks, s.line, ids.__contains__) if s.file == file else None
        if target:
            by_field.setdefault(target, []).append(s)
        else:
            rest.append(s)
    return by_field, rest
