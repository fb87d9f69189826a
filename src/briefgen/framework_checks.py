"""An assessment's files checked against its framework: each rule a function.

Each takes what it needs (the assessment's ``assessment.yaml``, its element files, the
framework) and returns what it finds, with the problems it finds on the way; none keeps
anything between calls. ``validate`` reads the files, calls these in turn and builds the model
from what they find when no problem is found: the framework an assessment names
(:func:`framework_for`), the pillars it covers (:func:`as_covered`) or the headings it groups
the areas under (:func:`as_grouped`), each element present once and graded on the scale
(:func:`elements`, :func:`element_grade`) and the pillars' overall gradings
(:func:`pillar_grades`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import frameworks
from .assessment_folder import element_file, is_to_be_completed
from .errors import InputError, Problem, did_you_mean
from .inputs import YamlFile, json_path
from .model import ElementDefinition, Framework, Grade, PillarDefinition
from .schema import still_to_complete

NOT_INSPECTED = "Not inspected"

#: Each element's data and grade, by its key.
Found = dict[str, tuple[dict[str, Any], Grade]]


def framework_for(head: YamlFile, search: Sequence[Path]) -> tuple[Framework | None, list[Problem]]:
    """The framework ``assessment.yaml`` names (its ``framework:``), found on ``search``."""
    key = head.data["framework"]
    if not isinstance(key, str):
        return None, []  # the schema pass has said what is wrong
    try:
        return frameworks.load_framework(frameworks.lookup(key, search)), []
    except frameworks.UnknownFramework as exc:
        return None, [head.problem(("framework",), f"framework: {exc}")]
    except InputError as exc:
        return None, list(exc.problems)


def as_covered(head: YamlFile, framework: Framework) -> tuple[Framework, list[Problem]]:
    """The framework narrowed to the pillars the assessment says it covers (covers:).

    Where the inspectorate reported on one pillar at a time (PEEL 2016 and 2017), an
    assessment of one report covers one pillar; its other pillars are not part of it.
    """
    problems: list[Problem] = []
    covers = head.data.get("covers")
    if not isinstance(covers, list):
        return framework, problems
    named = [p.key for p in framework.named_pillars]
    if not named:
        message = f"covers: {framework.name} has no pillars; remove covers:"
        return framework, [head.problem(("covers",), message, at_key=True)]
    for index, key in enumerate(covers):
        if isinstance(key, str) and key not in named:
            problems.append(
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
        problems.append(
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
    ), problems


def as_grouped(head: YamlFile, framework: Framework) -> tuple[Framework, list[Problem]]:
    """The framework's areas under the headings the assessment declares (groups:).

    A framework without pillars lists its areas in its own order; an officer may group them
    for the committee instead. Each group becomes a pillar that is named but not graded.
    """
    problems: list[Problem] = []
    groups = head.data.get("groups")
    if not isinstance(groups, list):
        return framework, problems
    if framework.has_pillars:
        message = f"groups: {framework.name} groups its elements in pillars already; remove groups:"
        return framework, [head.problem(("groups",), message, at_key=True)]
    areas = {e.key: e for e in framework.elements}
    placed: dict[str, int] = {}
    pillars = []
    for g, group in enumerate(groups):
        if not isinstance(group, dict) or not isinstance(group.get("elements"), list):
            return framework, problems  # the schema has said what is wrong
        chosen = []
        for i, key in enumerate(group["elements"]):
            where = json_path(("groups", g, "elements", i))
            if not isinstance(key, str):
                continue
            if key not in areas:
                problems.append(
                    head.problem(
                        ("groups", g, "elements", i),
                        f"{where}: {framework.name} has no area {key!r}"
                        f"{did_you_mean(key, list(areas))}",
                    )
                )
            elif key in placed:
                problems.append(
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
    if problems:  # elements are then checked against the framework
        return framework, problems
    missing = [key for key in areas if key not in placed]
    if missing:
        problems.append(
            head.problem(
                ("groups",),
                f"groups: leaves out {', '.join(missing)}; list "
                f"every area of {framework.name} once",
                at_key=True,
            )
        )
        return framework, problems
    return dataclasses.replace(framework, pillars=tuple(pillars)), problems


def elements(
    head: YamlFile,
    framework: Framework,
    docs: list[YamlFile],
    file_stems: set[str] | None,
) -> tuple[Found, list[Problem]]:
    """Each framework element once, named as its file, graded as the framework says;
    each element's data and grade by key. ``file_stems`` are the names of every file in the
    elements folder (None where there is no such folder: that has been told once)."""
    problems: list[Problem] = []
    definitions = {e.key: e for e in framework.elements}
    found: Found = {}
    first_file: dict[str, str] = {}
    # Files named after their element first: of two files for one element, the copy is
    # at fault.
    for doc in sorted(docs, key=lambda d: Path(d.file).stem != d.data.get("element")):
        key = doc.data.get("element")
        if not isinstance(key, str):
            continue
        stem = Path(doc.file).stem
        if key not in definitions:
            problems.append(
                doc.problem(
                    ("element",),
                    f"element: {key!r} is not an element of "
                    f"{framework.name}{did_you_mean(key, list(definitions))}"
                    f"; its elements are: {', '.join(definitions)}",
                )
            )
            continue
        if key in first_file:
            problems.append(
                doc.problem(
                    ("element",),
                    f"element: {key!r} is also given in "
                    f"{Path(first_file[key]).name}; keep one file per element",
                )
            )
            continue
        if stem != key:
            problems.append(
                doc.problem(
                    ("element",),
                    f"element: {key!r} does not match the file "
                    f"name {stem!r}; name the file {key}.yaml",
                )
            )
        first_file[key] = doc.file
        grade, wrong = element_grade(doc, definitions[key], framework)
        problems.extend(wrong)
        if grade is not None:
            found[key] = (doc.data, grade)
    for definition in framework.elements:
        # A file of that name whose problems have been told already is not missing.
        if file_stems is not None and definition.key not in first_file.keys() | file_stems:
            problems.append(head.problem(("framework",), _missing_element(definition, framework)))
    return found, problems


def element_grade(
    doc: YamlFile, definition: ElementDefinition, framework: Framework
) -> tuple[Grade | None, list[Problem]]:
    """An element's grade, as its file gives it (or not inspected, or ungraded) on the
    framework's scale; None where it cannot be told."""
    problems: list[Problem] = []
    grading = doc.data.get("grading")
    labels = [g.label for g in framework.scale]
    if doc.data.get("not_inspected"):
        if grading is not None or "carried_over_from" in doc.data:
            key = "grading" if grading is not None else "carried_over_from"
            problems.append(
                doc.problem(
                    (key,),
                    f"{key}: an element that was not inspected has no "
                    "grading; remove one or the other",
                    at_key=True,
                )
            )
            return None, problems
        return Grade(NOT_INSPECTED, framework.ungraded.shade), problems
    if "carried_over_from" in doc.data and not definition.graded:
        problems.append(
            doc.problem(
                ("carried_over_from",),
                f"carried_over_from: {definition.name} "
                f"is not graded in {framework.name}, so no grading carries "
                "over",
                at_key=True,
            )
        )
        return None, problems
    if not definition.graded:
        if grading is None or (
            isinstance(grading, str)
            and grading.strip().casefold() == framework.ungraded.label.casefold()
        ):
            return framework.ungraded, problems
        problems.append(
            doc.problem(
                ("grading",),
                f"grading: {definition.name} is not graded in {framework.name}; remove the grading",
                at_key=True,
            )
        )
        return None, problems
    if grading is None:
        problems.append(
            doc.problem(
                ("element",),
                f"grading: missing; {definition.name} is graded "
                f"in {framework.name}: one of {', '.join(labels)}",
                at_key=True,
            )
        )
        return None, problems
    if not isinstance(grading, str):
        return None, problems  # the schema pass has said what is wrong
    grade = framework.grade(grading)
    if grade is None:
        message = _not_a_grading(grading, framework, of=definition.name)
        if is_to_be_completed(grading):
            message += (
                "; or, if this inspection did not look at it, write not_inspected: "
                "true instead of the grading"
            )
        problems.append(doc.problem(("grading",), message))
    return grade, problems


def pillar_grades(head: YamlFile, framework: Framework) -> tuple[dict[str, Grade], list[Problem]]:
    """The pillars' overall gradings (``pillars:``), by key, as the framework grades them."""
    problems: list[Problem] = []
    given = head.data.get("pillars")
    if not isinstance(given, dict):
        given = {}
    graded = [p.key for p in framework.graded_pillars]
    named = [p.key for p in framework.named_pillars]
    grades: dict[str, Grade] = {}
    for key, label in given.items():
        where = json_path(("pillars", key))
        if not graded:
            problems.append(
                head.problem(
                    ("pillars", key),
                    f"{where}: {framework.name} gives no overall pillar gradings; remove pillars:",
                    at_key=True,
                )
            )
        elif key not in graded:
            problems.append(
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
                problems.append(
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
        problems.append(
            head.problem(
                at,
                f"pillars: no overall grading for {', '.join(missing)}; "
                f"{framework.name} grades each of its pillars: "
                f"{', '.join(graded)}",
                at_key=True,
            )
        )
    return grades, problems


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
