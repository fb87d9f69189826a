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
from .assessment_folder import ASSESSMENT_FILE, ELEMENTS_FOLDER, element_file
from .authoring import authoring_warnings, unshowable_characters
from .errors import InputError, Problem, did_you_mean, display_path, fails
from .history import unused_previous
from .inputs import YamlFile, json_path
from .model import (
    Assessment,
    ElementDefinition,
    Framework,
    Grade,
    PillarDefinition,
    assessment_from,
)
from .schema import check_file, is_to_be_completed, still_to_be_completed, still_to_complete

NOT_INSPECTED = "Not inspected"
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
    check = _FolderCheck(Path(folder), path, ())
    assessment, problems = check.run()
    return Checked(assessment, problems, sorted(set(check.warnings)))


def check_assessment(
    folder: str | Path, search: Sequence[Path] | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """The model of ``folder`` (when valid) and every problem found; :func:`check` gives the
    warnings too."""
    assessment, problems, _ = check(folder, search)
    return assessment, problems


class _FolderCheck:
    """One assessment folder being checked: the problems found so far, and what is known."""

    def __init__(
        self,
        folder: Path,
        search: tuple[Path, ...],
        following: tuple[Path, ...],
        checked: dict[Path, Assessment | None] | None = None,
    ):
        self.folder = folder
        self.search = search
        self.following = following
        #: Every earlier assessment checked so far in this run, by folder: each is checked
        #: once, however many of the others name it (``previous:`` chains that branch and meet)
        self.checked: dict[Path, Assessment | None] = {} if checked is None else checked
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def read(self, path: Path, schema_name: str) -> YamlFile | None:
        doc, found = check_file(path, schema_name)
        self.problems.extend(found)
        if doc is not None:  # a value already wrong is not warned about too
            wrong = {(p.line, p.column) for p in found}
            self.warnings.extend(
                w for w in authoring_warnings(doc) if (w.line, w.column) not in wrong
            )
        return doc

    def run(self) -> tuple[Assessment | None, list[Problem]]:
        folder = self.folder
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            return None, [
                Problem(
                    display_path(folder),
                    1,
                    1,
                    f"{what}; expected an assessment folder holding "
                    f"{ASSESSMENT_FILE} and {ELEMENTS_FOLDER}/",
                )
            ]
        head = self.read(folder / ASSESSMENT_FILE, "assessment")
        framework: Framework | None = None
        if head is not None and "framework" in head.data:
            framework = self.framework_for(head)
        element_docs, file_stems = self.read_elements()
        if head is None or framework is None:
            return None, sorted(self.problems)
        covered = self.as_covered(head, framework)
        framework = self.as_grouped(head, covered)
        found = self.elements(head, framework, element_docs, file_stems)
        pillar_grades = self.pillars(head, framework)
        for doc in (head, *element_docs):
            self.problems.extend(unshowable_characters(doc))
            told = {(p.file, p.line, p.column) for p in self.problems}
            self.problems.extend(
                p for p in still_to_be_completed(doc) if (p.file, p.line, p.column) not in told
            )
        previous = self.previous(head)
        if self.problems:
            return None, sorted(self.problems)
        assessment = dataclasses.replace(
            assessment_from(folder, head.data, framework, found, pillar_grades),
            previous=previous,
            linked=frameworks.linked(framework, self.search),
        )
        for index in unused_previous(assessment):
            name = head.data["previous"][index]
            self.warnings.append(
                head.problem(
                    ("previous", index),
                    f"{json_path(('previous', index))}: {name!r} changes nothing in the "
                    f"briefing: no element of {framework.name} continues one it assessed; check "
                    "that it is the right folder",
                    warning=True,
                )
            )
        return assessment, []

    # --- the files ----------------------------------------------------------------------

    def read_elements(self) -> tuple[list[YamlFile], set[str] | None]:
        """The element files that could be read, and the stems of every element file there is.

        The stems are None when there is no elements folder at all: that is told once, not
        once per missing element.
        """
        elements_dir = self.folder / ELEMENTS_FOLDER
        if not elements_dir.is_dir():
            self.add(
                Problem(
                    display_path(self.folder / ASSESSMENT_FILE),
                    1,
                    1,
                    f"no {ELEMENTS_FOLDER}/ folder beside {ASSESSMENT_FILE}; "
                    "expected one YAML file per element there",
                )
            )
            return [], None
        docs, stems = [], set()
        for path in sorted(elements_dir.iterdir()):
            if path.name.startswith((".", "~")) or path.is_dir():
                continue
            if path.suffix.lower() not in (".yaml", ".yml"):
                stem = path.name.split(".")[0]
                self.add(
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
            doc = self.read(path, "element")
            if doc is not None:
                docs.append(doc)
        return docs, stems

    # --- the framework, as this assessment uses it ---------------------------------------

    def framework_for(self, head: YamlFile) -> Framework | None:
        key = head.data["framework"]
        if not isinstance(key, str):
            return None  # the schema pass has said what is wrong
        try:
            return frameworks.load_framework(frameworks.lookup(key, self.search))
        except frameworks.UnknownFramework as exc:
            self.add(head.problem(("framework",), f"framework: {exc}"))
            return None
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None

    def as_covered(self, head: YamlFile, framework: Framework) -> Framework:
        """The framework narrowed to the pillars the assessment says it covers (covers:).

        Where the inspectorate reported on one pillar at a time (PEEL 2016 and 2017), an
        assessment of one report covers one pillar; its other pillars are not part of it.
        """
        covers = head.data.get("covers")
        if not isinstance(covers, list):
            return framework
        named = [p.key for p in framework.named_pillars]
        if not named:
            self.add(
                head.problem(
                    ("covers",),
                    f"covers: {framework.name} has no pillars; remove covers:",
                    at_key=True,
                )
            )
            return framework
        for index, key in enumerate(covers):
            if isinstance(key, str) and key not in named:
                self.add(
                    head.problem(
                        ("covers", index),
                        f"{json_path(('covers', index))}: "
                        f"{framework.name} "
                        f"has no pillar {key!r}{did_you_mean(key, named)}; "
                        f"its pillars are: {', '.join(named)}",
                    )
                )
        left_out = [p.name for p in framework.named_pillars if p.key not in covers]
        if left_out and not framework.pillar_reports:
            self.add(
                head.problem(
                    ("covers",),
                    f"covers: {framework.name} inspected every pillar "
                    f"in one report, so an assessment of it covers them all, but "
                    f"covers leaves out {' and '.join(left_out)}: add "
                    f"{'it' if len(left_out) == 1 else 'them'} (and the elements' "
                    "files), or remove covers:",
                    at_key=True,
                )
            )
        return dataclasses.replace(
            framework, pillars=tuple(p for p in framework.pillars if p.key in covers)
        )

    def as_grouped(self, head: YamlFile, framework: Framework) -> Framework:
        """The framework's areas under the headings the assessment declares (groups:).

        A framework without pillars lists its areas in its own order; an officer may group them
        for the committee instead. Each group becomes a pillar that is named but not graded.
        """
        groups = head.data.get("groups")
        if not isinstance(groups, list):
            return framework
        if framework.has_pillars:
            self.add(
                head.problem(
                    ("groups",),
                    f"groups: {framework.name} groups its elements "
                    "in pillars already; remove groups:",
                    at_key=True,
                )
            )
            return framework
        areas = {e.key: e for e in framework.elements}
        placed: dict[str, int] = {}
        pillars = []
        before = len(self.problems)
        for g, group in enumerate(groups):
            if not isinstance(group, dict) or not isinstance(group.get("elements"), list):
                return framework  # the schema has said what is wrong
            chosen = []
            for i, key in enumerate(group["elements"]):
                where = json_path(("groups", g, "elements", i))
                if not isinstance(key, str):
                    continue
                if key not in areas:
                    self.add(
                        head.problem(
                            ("groups", g, "elements", i),
                            f"{where}: {framework.name} has no area {key!r}"
                            f"{did_you_mean(key, list(areas))}",
                        )
                    )
                elif key in placed:
                    self.add(
                        head.problem(
                            ("groups", g, "elements", i),
                            f"{where}: {key!r} is already under "
                            f"{json_path(('groups', placed[key]))}; list each "
                            f"area once",
                        )
                    )
                else:
                    placed[key] = g
                    chosen.append(areas[key])
            pillars.append(
                PillarDefinition(
                    key=f"group-{g + 1}",
                    name=str(group.get("name", "")),
                    elements=tuple(chosen),
                    graded=False,
                )
            )
        if len(self.problems) > before:  # elements are then checked against the framework
            return framework
        missing = [key for key in areas if key not in placed]
        if missing:
            self.add(
                head.problem(
                    ("groups",),
                    f"groups: leaves out {', '.join(missing)}; list "
                    f"every area of {framework.name} once",
                    at_key=True,
                )
            )
            return framework
        return dataclasses.replace(framework, pillars=tuple(pillars))

    # --- rules across files ----------------------------------------------------------------

    def elements(
        self,
        head: YamlFile,
        framework: Framework,
        docs: list[YamlFile],
        file_stems: set[str] | None,
    ) -> dict[str, tuple[dict[str, Any], Grade]]:
        """Each framework element once, named as its file, graded as the framework says;
        each element's data and grade by key."""
        definitions = {e.key: e for e in framework.elements}
        found: dict[str, tuple[dict[str, Any], Grade]] = {}
        first_file: dict[str, str] = {}
        # Files named after their element first: of two files for one element, the copy is
        # at fault.
        for doc in sorted(docs, key=lambda d: Path(d.file).stem != d.data.get("element")):
            key = doc.data.get("element")
            if not isinstance(key, str):
                continue
            stem = Path(doc.file).stem
            if key not in definitions:
                self.add(
                    doc.problem(
                        ("element",),
                        f"element: {key!r} is not an element of "
                        f"{framework.name}{did_you_mean(key, list(definitions))}"
                        f"; its elements are: {', '.join(definitions)}",
                    )
                )
                continue
            if key in first_file:
                self.add(
                    doc.problem(
                        ("element",),
                        f"element: {key!r} is also given in "
                        f"{Path(first_file[key]).name}; keep one file per element",
                    )
                )
                continue
            if stem != key:
                self.add(
                    doc.problem(
                        ("element",),
                        f"element: {key!r} does not match the file "
                        f"name {stem!r}; name the file {key}.yaml",
                    )
                )
            first_file[key] = doc.file
            grade = self.element_grade(doc, definitions[key], framework)
            if grade is not None:
                found[key] = (doc.data, grade)
        for definition in framework.elements:
            # A file of that name whose problems have been told already is not missing.
            if file_stems is not None and definition.key not in first_file.keys() | file_stems:
                self.add(head.problem(("framework",), _missing_element(definition, framework)))
        return found

    def element_grade(
        self, doc: YamlFile, definition: ElementDefinition, framework: Framework
    ) -> Grade | None:
        grading = doc.data.get("grading")
        labels = [g.label for g in framework.scale]
        if doc.data.get("not_inspected"):
            if grading is not None or "carried_over_from" in doc.data:
                key = "grading" if grading is not None else "carried_over_from"
                self.add(
                    doc.problem(
                        (key,),
                        f"{key}: an element that was not inspected has no "
                        "grading; remove one or the other",
                        at_key=True,
                    )
                )
                return None
            return Grade(NOT_INSPECTED, framework.ungraded.shade)
        if "carried_over_from" in doc.data and not definition.graded:
            self.add(
                doc.problem(
                    ("carried_over_from",),
                    f"carried_over_from: {definition.name} "
                    f"is not graded in {framework.name}, so no grading carries "
                    "over",
                    at_key=True,
                )
            )
            return None
        if not definition.graded:
            if grading is None or (
                isinstance(grading, str)
                and grading.strip().casefold() == framework.ungraded.label.casefold()
            ):
                return framework.ungraded
            self.add(
                doc.problem(
                    ("grading",),
                    f"grading: {definition.name} is not graded in "
                    f"{framework.name}; remove the grading",
                    at_key=True,
                )
            )
            return None
        if grading is None:
            self.add(
                doc.problem(
                    ("element",),
                    f"grading: missing; {definition.name} is graded "
                    f"in {framework.name}: one of {', '.join(labels)}",
                    at_key=True,
                )
            )
            return None
        if not isinstance(grading, str):
            return None  # the schema pass has said what is wrong
        grade = framework.grade(grading)
        if grade is None:
            message = _not_a_grading(grading, framework, of=definition.name)
            if is_to_be_completed(grading):
                message += (
                    "; or, if this inspection did not look at it, write not_inspected: "
                    "true instead of the grading"
                )
            self.add(doc.problem(("grading",), message))
        return grade

    def pillars(self, head: YamlFile, framework: Framework) -> dict[str, Grade]:
        given = head.data.get("pillars")
        if not isinstance(given, dict):
            given = {}
        graded = [p.key for p in framework.graded_pillars]
        named = [p.key for p in framework.named_pillars]
        grades: dict[str, Grade] = {}
        for key, label in given.items():
            where = json_path(("pillars", key))
            if not graded:
                self.add(
                    head.problem(
                        ("pillars", key),
                        f"{where}: {framework.name} gives no "
                        "overall pillar gradings; remove pillars:",
                        at_key=True,
                    )
                )
            elif key not in graded:
                self.add(
                    head.problem(
                        ("pillars", key),
                        f"{where}: {framework.name} does not grade the pillar {key!r} overall"
                        if key in named
                        else f"{where}: {framework.name} has no pillar {key!r}"
                        f"{did_you_mean(key, named)}; its pillars are: {', '.join(named)}",
                        at_key=True,
                    )
                )
            elif isinstance(label, str):
                grade = framework.grade(label)
                if grade is None:
                    name = next(p.name for p in framework.graded_pillars if p.key == key)
                    self.add(
                        head.problem(
                            ("pillars", key),
                            _not_a_grading(label, framework, where, of=f"{name.lower()} overall"),
                        )
                    )
                else:
                    grades[key] = grade
        missing = [k for k in graded if k not in given]
        if missing:
            at = ("pillars",) if "pillars" in head.data else ("framework",)
            self.add(
                head.problem(
                    at,
                    f"pillars: no overall grading for {', '.join(missing)}; "
                    f"{framework.name} grades each of its pillars: "
                    f"{', '.join(graded)}",
                    at_key=True,
                )
            )
        return grades

    def previous(self, head: YamlFile) -> tuple[Assessment, ...]:
        """The earlier assessments named in ``previous:``, each checked in full."""
        names = head.data.get("previous")
        if not isinstance(names, list):
            return ()
        chain = (*self.following, self.folder.resolve())
        found = []
        for index, name in enumerate(names):
            if not isinstance(name, str):
                continue
            where = ("previous", index)
            earlier = (self.folder / name).resolve()
            if earlier in chain or len(chain) > MAX_HISTORY:
                self.add(
                    head.problem(
                        where,
                        f"{json_path(where)}: {name!r} leads back to an "
                        "assessment already in this chain",
                    )
                )
                continue
            if not (earlier / ASSESSMENT_FILE).is_file():
                self.add(
                    head.problem(
                        where,
                        f"{json_path(where)}: {name!r} is not an "
                        f"assessment folder (no {ASSESSMENT_FILE} in "
                        f"{display_path(earlier)})",
                    )
                )
                continue
            if earlier in self.checked:  # its problems were told where it was first checked
                assessment = self.checked[earlier]
            else:
                check = _FolderCheck(earlier, self.search, chain, self.checked)
                assessment, found_problems = check.run()
                self.checked[earlier] = assessment
                self.problems.extend(found_problems)
                self.warnings.extend(check.warnings)
            if assessment is not None:
                if assessment.published >= _date(head.data.get("published")):
                    self.add(
                        head.problem(
                            where,
                            f"{json_path(where)}: {name!r} was published "
                            f"{assessment.published}, not before this "
                            "assessment",
                        )
                    )
                found.append(assessment)
        return tuple(found)


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):  # the schema pass has said what is wrong
        return dt.date.max


def _missing_element(definition: ElementDefinition, framework: Framework) -> str:
    """The message for an element with no file: what to write in it, when not inspected."""
    key, file = definition.key, element_file(definition.key)
    graded = (
        " (or, where an earlier grading still stands, “grading: …” and "
        "“carried_over_from: YEAR” instead)"
        if definition.graded
        else ""
    )
    return (
        f"framework: {framework.name} has the element {key!r} ({definition.name}), but "
        f"there is no {file}; write it, or, if this inspection did not look at "
        f"{definition.name}, make {file} of the two lines “element: {key}” and "
        f"“not_inspected: true”{graded}"
    )


def _not_a_grading(value: str, framework: Framework, where: str = "grading", of: str = "") -> str:
    labels = [g.label for g in framework.scale]
    if is_to_be_completed(value):
        return still_to_complete(
            where, f"the grading the report gives {of}: one of {', '.join(labels)}"
        )
    return (
        f"{where}: {value!r} is not a grading of {framework.name}"
        f"{did_you_mean(value, labels)}; allowed: {', '.join(labels)}"
    )
