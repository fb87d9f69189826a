"""Check an assessment folder against the schemas and the framework; build the model.

Every problem is collected, not just the first, each located as ``file:line:col: message``.
First each file is read and checked against its JSON Schema (``schema.py``); then the files are
checked against each other and against the framework: each element present once, gradings on
the framework's scale, the pillars it covers (``covers:``) or the headings it groups its areas
under (``groups:``), the earlier assessments it follows (``previous:``), and characters that a
Word document cannot hold. Only a folder with no problem at all becomes a model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import frameworks
from .assessment_folder import ASSESSMENT_FILE, ELEMENTS_FOLDER
from .authoring import authoring_warnings, unshowable_characters
from .errors import InputError, Problem, display_path, fails
from .framework_checks import as_covered, as_grouped, elements, framework_for, pillar_grades
from .history import unused_previous
from .inputs import YamlFile, json_path
from .model import Assessment, Framework, assessment_from
from .schema import check_file, still_to_be_completed

MAX_HISTORY = 20  # earlier assessments followed, in all: a chain of inspections, not a loop


def load_assessment(folder: str | Path, search: Sequence[Path] | None = None) -> Assessment:
    """The assessment in ``folder``; raise :class:`InputError` listing every problem.

    ``search`` is where frameworks are looked for (see :func:`frameworks.search_path`).
    """
    assessment, problems = check_assessment(folder, search)
    if problems or assessment is None:
        raise InputError(problems)
    return assessment


class Checked(NamedTuple):
    """An assessment folder checked: the model (None unless there is no problem), every
    problem, and every warning (what is probably a mistake but could be meant)."""

    assessment: Assessment | None
    problems: list[Problem]
    warnings: list[Problem]

    def fails(self, strict: bool = False) -> bool:
        """Whether the check fails: on a problem, and with ``strict`` on a warning too."""
        return fails(self.problems, self.warnings, strict)


def check(folder: str | Path, search: Sequence[Path] | None = None) -> Checked:
    """Validate ``folder`` and the earlier assessments it follows (``previous:``)."""
    path = frameworks.search_path() if search is None else tuple(search)
    assessment, problems, warnings = _check_folder(Path(folder), path, (), {})
    return Checked(assessment, problems, sorted(set(warnings)))


def check_assessment(
    folder: str | Path, search: Sequence[Path] | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """The model of ``folder`` (when valid) and every problem found; :func:`check` gives the
    warnings too."""
    assessment, problems, _ = check(folder, search)
    return assessment, problems


def _check_folder(
    folder: Path,
    search: tuple[Path, ...],
    following: tuple[Path, ...],
    checked: dict[Path, Assessment | None],
) -> tuple[Assessment | None, list[Problem], list[Problem]]:
    """The model of ``folder`` (None unless there is no problem), its problems, sorted, and its
    warnings. ``following`` are the folders of the assessments that lead here through
    ``previous:``; ``checked`` every earlier assessment checked so far in this run, by folder:
    each is checked once, however many of the others name it (chains that branch and meet)."""
    if not folder.is_dir():
        return None, [_not_a_folder(folder)], []
    head, problems, warnings = _read(folder / ASSESSMENT_FILE, "assessment")
    framework: Framework | None = None
    if head is not None and "framework" in head.data:
        framework, found = framework_for(head, search)
        problems += found
    element_docs, file_stems, found, found_warnings = _read_elements(folder)
    problems += found
    warnings += found_warnings
    if head is None or framework is None:
        return None, sorted(problems), warnings
    covered, found = as_covered(head, framework)
    problems += found
    framework, found = as_grouped(head, covered)
    problems += found
    graded, found = elements(head, framework, element_docs, file_stems)
    problems += found
    grades, found = pillar_grades(head, framework)
    problems += found
    for doc in (head, *element_docs):
        problems += unshowable_characters(doc)
        told = {(p.file, p.line, p.column) for p in problems}
        problems += [
            p for p in still_to_be_completed(doc) if (p.file, p.line, p.column) not in told
        ]
    previous, found, found_warnings = _previous(head, folder, search, following, checked)
    problems += found
    warnings += found_warnings
    if problems:
        return None, sorted(problems), warnings
    assessment = dataclasses.replace(
        assessment_from(folder, head.data, framework, graded, grades),
        previous=previous,
        linked=frameworks.linked(framework, search),
    )
    return assessment, [], warnings + _unused_previous(head, assessment, framework)


def _not_a_folder(folder: Path) -> Problem:
    what = "does not exist" if not folder.exists() else "is not a folder"
    return Problem(
        display_path(folder),
        1,
        1,
        f"{what}; expected an assessment folder holding {ASSESSMENT_FILE} and {ELEMENTS_FOLDER}/",
    )


def _unused_previous(head: YamlFile, assessment: Assessment, framework: Framework) -> list[Problem]:
    """A warning for each earlier assessment (``previous:``) no element links to."""
    return [
        head.problem(
            ("previous", index),
            f"{json_path(('previous', index))}: {head.data['previous'][index]!r} changes nothing "
            f"in the briefing: no element of {framework.name} continues one it assessed; check "
            "that it is the right folder",
            warning=True,
        )
        for index in unused_previous(assessment)
    ]


# --- the files ----------------------------------------------------------------------------


def _read(path: Path, schema_name: str) -> tuple[YamlFile | None, list[Problem], list[Problem]]:
    """``path`` read and checked against its schema (None where it cannot be read), its
    problems and its warnings."""
    doc, found = check_file(path, schema_name)
    problems = list(found)
    if doc is None:
        return None, problems, []
    wrong = {(p.line, p.column) for p in problems}  # a value already wrong is not warned about
    warnings = [w for w in authoring_warnings(doc) if (w.line, w.column) not in wrong]
    return doc, problems, warnings


def _read_elements(
    folder: Path,
) -> tuple[list[YamlFile], set[str] | None, list[Problem], list[Problem]]:
    """The element files that could be read, the stems of every element file there is, and
    the files' problems and warnings.

    The stems are None when there is no elements folder at all: that is told once, not
    once per missing element.
    """
    elements_dir = folder / ELEMENTS_FOLDER
    if not elements_dir.is_dir():
        return (
            [],
            None,
            [
                Problem(
                    display_path(folder / ASSESSMENT_FILE),
                    1,
                    1,
                    f"no {ELEMENTS_FOLDER}/ folder beside {ASSESSMENT_FILE}; "
                    "expected one YAML file per element there",
                )
            ],
            [],
        )
    docs, stems = [], set()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in sorted(elements_dir.iterdir()):
        if path.name.startswith((".", "~")) or path.is_dir():
            continue
        if path.suffix.lower() not in (".yaml", ".yml"):
            stem = path.name.split(".")[0]
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    f"only .yaml and .yml files are read in {ELEMENTS_FOLDER}/; "
                    f"name the file {stem}.yaml (or move it elsewhere)",
                )
            )
            stems.add(stem)
            continue
        stems.add(path.stem)
        doc, found, found_warnings = _read(path, "element")
        problems += found
        warnings += found_warnings
        if doc is not None:
            docs.append(doc)
    return docs, stems, problems, warnings


# --- the earlier assessments ----------------------------------------------------------------


def _previous(
    head: YamlFile,
    folder: Path,
    search: tuple[Path, ...],
    following: tuple[Path, ...],
    checked: dict[Path, Assessment | None],
) -> tuple[tuple[Assessment, ...], list[Problem], list[Problem]]:
    """The earlier assessments named in ``previous:``, each checked in full (once a run:
    ``checked``), with the problems and warnings found in them and in naming them."""
    names = head.data.get("previous")
    if not isinstance(names, list):
        return (), [], []
    chain = (*following, folder.resolve())
    found: list[Assessment] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        where = ("previous", index)
        earlier = (folder / name).resolve()
        if earlier in chain or len(chain) > MAX_HISTORY:
            problems.append(
                head.problem(
                    where,
                    f"{json_path(where)}: {name!r} leads back to an assessment already in this "
                    "chain",
                )
            )
            continue
        if not (earlier / ASSESSMENT_FILE).is_file():
            problems.append(
                head.problem(
                    where,
                    f"{json_path(where)}: {name!r} is not an assessment folder (no "
                    f"{ASSESSMENT_FILE} in {display_path(earlier)})",
                )
            )
            continue
        if earlier in checked:  # its problems were told where it was first checked
            assessment = checked[earlier]
        else:
            assessment, its_problems, its_warnings = _check_folder(earlier, search, chain, checked)
            checked[earlier] = assessment
            problems += its_problems
            warnings += its_warnings
        if assessment is not None:
            if assessment.published >= _date(head.data.get("published")):
                problems.append(
                    head.problem(
                        where,
                        f"{json_path(where)}: {name!r} was published {assessment.published}, "
                        "not before this assessment",
                    )
                )
            found.append(assessment)
    return tuple(found), problems, warnings


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):  # the schema pass has said what is wrong
        return dt.date.max
