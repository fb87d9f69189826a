"""Check an assessment folder against the schemas and the framework; build the model.

Every problem is collected, not just the first, each located as ``file:line:col: message``.
The first pass checks each file against its JSON Schema; the second checks the files against
each other and against the framework (elements present once each, gradings on the scale).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from . import frameworks
from .inputs import (
    Document,
    InputError,
    JsonPath,
    Problem,
    character_name,
    display_path,
    json_path,
    load_yaml,
)
from .model import (
    Assessment,
    Bullet,
    Element,
    ElementDefinition,
    Framework,
    Grade,
    Paper,
    Pillar,
    PillarDefinition,
    Themes,
)

ASSESSMENT_FILE = "assessment.yaml"
ELEMENTS_FOLDER = "elements"
NOT_INSPECTED = "Not inspected"
BULLET_FIELDS = ("comments", "causes_of_concern", "recommendations", "areas_for_improvement")

# Characters a Word document cannot hold: the C0 controls XML 1.0 forbids, the carriage return
# (XML turns it into a newline), lone surrogates (a YAML "\ud83d" escape), U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# docxtpl turns these back into Jinja braces in whatever it renders, so they cannot be shown.
_DOCXTPL_ESCAPES = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``briefgen/schemas``, by file stem."""
    text = resources.files("briefgen").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def load_assessment(folder: str | Path) -> Assessment:
    """The assessment in ``folder``; raise :class:`InputError` listing every problem."""
    assessment, problems = check_assessment(folder)
    if problems or assessment is None:
        raise InputError(problems)
    return assessment


def check_assessment(folder: str | Path, _following: tuple[Path, ...] = ()
                     ) -> tuple[Assessment | None, list[Problem]]:
    """Validate ``folder`` and the earlier assessments it follows (``previous:``); return the
    model (when valid) and every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        return None, [Problem(display_path(folder), 1, 1,
                              f"{what}; expected an assessment folder holding "
                              f"{ASSESSMENT_FILE} and {ELEMENTS_FOLDER}/")]
    problems: list[Problem] = []
    head = _read(folder / ASSESSMENT_FILE, "assessment", problems)
    framework: Framework | None = None
    if head is not None and isinstance(head.data, dict) and "framework" in head.data:
        framework = _framework_for(head, problems)
    element_docs, file_stems = _read_elements(folder, problems)
    if head is None or framework is None:
        return None, sorted(problems)
    framework = _grouped(head, _covered(head, framework, problems), problems)
    found = _check_elements(head, framework, element_docs, file_stems, problems)
    pillar_grades = _check_pillars(head, framework, problems)
    problems.extend(_illegal_characters(head))
    for doc in element_docs:
        problems.extend(_illegal_characters(doc))
    previous = _previous(folder, head, _following, problems)
    if problems:
        return None, sorted(problems)
    assessment = _build(folder, head.data, framework, found, pillar_grades)
    return dataclasses.replace(assessment, previous=previous), []


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):  # the schema pass has said what is wrong
        return dt.date.max


MAX_HISTORY = 20  # earlier assessments followed, in all: a chain of inspections, not a loop


def _previous(folder: Path, head: Document, following: tuple[Path, ...],
              problems: list[Problem]) -> tuple[Assessment, ...]:
    """The earlier assessments named in ``previous:``, each checked in full."""
    names = head.data.get("previous")
    if not isinstance(names, list):
        return ()
    chain = (*following, folder.resolve())
    found = []
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        where = ("previous", index)
        earlier = (folder / name).resolve()
        if earlier in chain or len(chain) > MAX_HISTORY:
            problems.append(head.problem(where, f"previous[{index}]: {name!r} leads back to an "
                                                "assessment already in this chain"))
            continue
        if not (earlier / ASSESSMENT_FILE).is_file():
            problems.append(head.problem(where, f"previous[{index}]: {name!r} is not an "
                                                f"assessment folder (no {ASSESSMENT_FILE} in "
                                                f"{display_path(earlier)})"))
            continue
        assessment, found_problems = check_assessment(earlier, chain)
        problems.extend(found_problems)
        if assessment is not None:
            if assessment.published >= _date(head.data.get("published")):
                problems.append(head.problem(where, f"previous[{index}]: {name!r} was "
                                                    f"published {assessment.published}, not "
                                                    "before this assessment"))
            found.append(assessment)
    return tuple(found)


def load_framework(path: str | Path) -> Framework:
    """The framework in a YAML file; raise :class:`InputError` if it is not valid."""
    problems: list[Problem] = []
    doc = _read(Path(path), "framework", problems)
    if doc is not None and not problems:
        problems.extend(_framework_problems(doc))
    if doc is None or problems:
        raise InputError(problems)
    return _framework_from(doc.data)


def _read(path: Path, schema_name: str, problems: list[Problem]) -> Document | None:
    """Read and schema-check one file; None (with problems added) if it is unusable."""
    try:
        doc = load_yaml(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        problems.append(doc.problem((), f"the file holds {kind}; expected a mapping of keys "
                                        "and values (key: value)"))
        return None
    found = schema_problems(doc, schema_name)
    problems.extend(found)
    return doc


def _read_elements(folder: Path, problems: list[Problem]
                   ) -> tuple[list[Document], set[str] | None]:
    """The element files that could be read, and the stems of every element file there is.

    The stems are None when there is no elements folder at all: that is told once, not once
    per missing element.
    """
    elements_dir = folder / ELEMENTS_FOLDER
    if not elements_dir.is_dir():
        problems.append(Problem(display_path(folder / ASSESSMENT_FILE), 1, 1,
                                f"no {ELEMENTS_FOLDER}/ folder beside {ASSESSMENT_FILE}; "
                                "expected one YAML file per element there"))
        return [], None
    docs, stems = [], set()
    for path in sorted(elements_dir.iterdir()):
        if path.name.startswith((".", "~")) or path.is_dir():
            continue
        if path.suffix.lower() not in (".yaml", ".yml"):
            stem = path.name.split(".")[0]
            problems.append(Problem(display_path(path), 1, 1,
                                    f"only .yaml and .yml files are read in {ELEMENTS_FOLDER}/; "
                                    f"name the file {stem}.yaml (or move it elsewhere)"))
            stems.add(stem)
            continue
        stems.add(path.stem)
        doc = _read(path, "element", problems)
        if doc is not None:
            docs.append(doc)
    return docs, stems


# --- schema errors, told so an officer can act on them ------------------------------------

def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    """Every way ``doc`` breaks the named schema, located and explained."""
    problems: dict[Problem, None] = {}  # one message, however many keywords it breaks
    for error in _validator(schema_name).iter_errors(doc.data):
        problems.update(dict.fromkeys(_explain(error, doc)))
    return list(problems)


def _explain(error: ValidationError, doc: Document) -> Iterator[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    where = json_path(path)
    value = error.instance
    keyword = error.validator
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in value:
            if key not in allowed:
                yield doc.problem(path + (key,),
                                  f"{json_path(path + (key,))}: unknown key {key!r}"
                                  f"{_did_you_mean(key, allowed)}"
                                  f"; allowed keys: {', '.join(allowed)}", at_key=True)
    elif keyword == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        yield doc.problem(path, f"{where}: missing required key {name!r}", at_key=True)
    elif keyword == "oneOf" and isinstance(value, dict) and len(value) == 1 \
            and not {"text", "items"} & set(value) and not isinstance(next(iter(value.values())),
                                                                      (dict, list)):
        # "- For example: it could…": YAML reads a bullet holding ': ' as a key and a value.
        yield doc.problem(path, f"{where}: the bullet was read as 'key: value' because of the "
                                "': ' in it; put the whole bullet in double quotes")
    elif keyword == "oneOf" and error.context:
        # A bullet: explain against the branch that matches what was written.
        branch = 1 if isinstance(value, dict) else 0
        sub = [e for e in error.context if e.relative_schema_path[0] == branch]
        if isinstance(value, (dict, str)) and sub:
            for e in sub:
                yield from _explain(e, doc)
        else:
            yield doc.problem(path, f"{where}: expected a bullet (text, or a mapping with "
                                    f"text and items), got {_kind(value)}")
    elif keyword == "type" and len(path) > 1 and path[-2] == "items" and isinstance(value, dict):
        yield doc.problem(path, f"{where}: a nested bullet cannot have items of its own; "
                                "bullets nest one level deep")
    elif keyword == "type":
        expected = error.validator_value
        yield doc.problem(path, f"{where}: expected {_kind_name(expected)}, got {_kind(value)}")
    elif keyword in ("minLength", "pattern") and error.schema.get("pattern") == r"\S":
        remedy = "delete the bullet" if isinstance(path[-1], int) else "leave the key out"
        yield doc.problem(path, f"{where}: is empty; write the text or {remedy}")
    elif keyword == "pattern" and "https?" in str(error.validator_value):
        yield doc.problem(path, f"{where}: {_show(value)} is not a web address; "
                                "expected one starting https:// (or http://)")
    elif keyword == "pattern" and error.validator_value.startswith("^[a-z0-9]+"):
        yield doc.problem(path, f"{where}: {_show(value)} is not a key; keys are lower-case "
                                "words joined by hyphens, e.g. investigating-crime")
    elif keyword == "pattern" and "0-9A-F" in error.validator_value:
        yield doc.problem(path, f"{where}: {_show(value)} is not a colour; expected six "
                                "upper-case hex digits, e.g. C6E0B4")
    elif keyword == "format" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        yield doc.problem(path, f"{where}: {_show(value)} is not a date in the calendar; check "
                                "the month and the day")
    elif keyword == "format" and error.validator_value == "date":
        yield doc.problem(path, f"{where}: {_show(value)} is not a date; expected YYYY-MM-DD, "
                                "e.g. 2019-09-27")
    elif keyword == "minItems":
        yield doc.problem(path, f"{where}: the list is empty; leave the key out if there is "
                                "nothing to list")
    elif keyword == "enum":
        allowed = [str(v) for v in error.validator_value]
        yield doc.problem(path, f"{where}: {_show(value)} is not allowed"
                                f"{_did_you_mean(str(value), allowed)}; allowed: "
                                f"{', '.join(allowed)}")
    elif keyword == "const" and error.validator_value is True:
        yield doc.problem(path, f"{where}: write true, or leave the key out")
    elif keyword in ("minimum", "maximum") and path and path[-1] == "carried_over_from":
        yield doc.problem(path, f"{where}: {_show(value)} is not a year; write the year of "
                                "the inspection whose grading stands, e.g. 2017")
    else:
        yield doc.problem(path, f"{where}: {error.message}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _kind_name(expected: str | list[str]) -> str:
    names = {"string": "text", "array": "a list", "object": "a mapping (key: value)",
             "boolean": "true or false", "integer": "a whole number", "number": "a number"}
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, expected)


def _show(value: Any, limit: int = 60) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    lowered = {c.casefold(): c for c in choices}
    # A choice that begins with what was typed ('peel-2018' → 'peel-2018-19') is the likeliest.
    started = [c for c in lowered if len(word) >= 4 and c.startswith(word.casefold())]
    close = started[:1] or difflib.get_close_matches(word.casefold(), list(lowered), n=1,
                                                     cutoff=0.6)
    return f"; did you mean {lowered[close[0]]!r}?" if close else ""


# --- the framework ------------------------------------------------------------------------

def _framework_for(head: Document, problems: list[Problem]) -> Framework | None:
    key = head.data["framework"]
    if not isinstance(key, str):
        return None  # the schema pass has said what is wrong
    known = frameworks.available()
    if key not in known:
        problems.append(head.problem(("framework",),
                                     f"framework: unknown framework {key!r}"
                                     f"{_did_you_mean(key, list(known))}; "
                                     f"known frameworks: {', '.join(known)}"))
        return None
    try:
        return load_framework(known[key])
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _covered(head: Document, framework: Framework, problems: list[Problem]) -> Framework:
    """The framework narrowed to the pillars the assessment says it covers (covers:).

    Where the inspectorate reported on one pillar at a time (PEEL 2016 and 2017), an
    assessment of one report covers one pillar; its other pillars are not part of it.
    """
    covers = head.data.get("covers")
    if not isinstance(covers, list):
        return framework
    named = [p.key for p in framework.named_pillars]
    if not named:
        problems.append(head.problem(("covers",), f"covers: {framework.name} has no pillars; "
                                                  "remove covers:", at_key=True))
        return framework
    for index, key in enumerate(covers):
        if isinstance(key, str) and key not in named:
            problems.append(head.problem(("covers", index), f"covers[{index}]: {framework.name} "
                                         f"has no pillar {key!r}{_did_you_mean(key, named)}; "
                                         f"its pillars are: {', '.join(named)}"))
    return dataclasses.replace(framework, pillars=tuple(
        p for p in framework.pillars if p.key in covers))


def _grouped(head: Document, framework: Framework, problems: list[Problem]) -> Framework:
    """The framework's areas under the headings the assessment declares (groups:).

    A framework without pillars lists its areas in its own order; an officer may group them
    for the committee instead. Each group becomes a pillar that is named but not graded.
    """
    groups = head.data.get("groups")
    if not isinstance(groups, list):
        return framework
    if framework.has_pillars:
        problems.append(head.problem(("groups",), f"groups: {framework.name} groups its "
                                                  "elements in pillars already; remove groups:",
                                     at_key=True))
        return framework
    areas = {e.key: e for e in framework.elements}
    placed: dict[str, int] = {}
    pillars = []
    before = len(problems)
    for g, group in enumerate(groups):
        if not isinstance(group, dict) or not isinstance(group.get("elements"), list):
            return framework  # the schema has said what is wrong
        chosen = []
        for i, key in enumerate(group["elements"]):
            where = f"groups[{g}].elements[{i}]"
            if not isinstance(key, str):
                continue
            if key not in areas:
                problems.append(head.problem(
                    ("groups", g, "elements", i), f"{where}: {framework.name} has no area "
                    f"{key!r}{_did_you_mean(key, list(areas))}"))
            elif key in placed:
                problems.append(head.problem(
                    ("groups", g, "elements", i), f"{where}: {key!r} is already under "
                    f"groups[{placed[key]}]; list each area once"))
            else:
                placed[key] = g
                chosen.append(areas[key])
        pillars.append(PillarDefinition(key=f"group-{g + 1}", name=str(group.get("name", "")),
                                        elements=tuple(chosen), graded=False))
    if len(problems) > before:  # elements are then checked against the framework as it is
        return framework
    missing = [key for key in areas if key not in placed]
    if missing:
        problems.append(head.problem(("groups",), f"groups: leaves out {', '.join(missing)}; "
                                                  f"list every area of {framework.name} once",
                                     at_key=True))
        return framework
    return dataclasses.replace(framework, pillars=tuple(pillars))


def _framework_from(data: dict[str, Any]) -> Framework:
    def grade(d: dict[str, str]) -> Grade:
        return Grade(d["label"], d["shade"])

    def elements(items: list[dict[str, Any]]) -> tuple[ElementDefinition, ...]:
        return tuple(ElementDefinition(e["key"], e["name"], e.get("graded", True),
                                       e.get("report_name"), tuple(e.get("continues", ())))
                     for e in items)

    if "pillars" in data:
        pillars = tuple(
            PillarDefinition(key=p["key"], name=p["name"], question=p.get("question"),
                             elements=elements(p["elements"]), graded=p.get("graded", True))
            for p in data["pillars"]
        )
    else:  # no pillars: one unnamed, ungraded group in the framework's order
        pillars = (PillarDefinition(key="", name="", elements=elements(data["elements"]),
                                    graded=False),)
    return Framework(
        key=data["key"], name=data["name"], inspectorate=data["inspectorate"],
        source=data["source"], scale=tuple(grade(g) for g in data["scale"]),
        ungraded=grade(data["ungraded"]), pillars=pillars, about=data.get("about"),
        aims=tuple(data.get("aims", ())), inspectorate_name=data["inspectorate_name"],
        assessment=data["assessment"], assessment_long=data["assessment_long"],
    )


def _framework_problems(doc: Document) -> list[Problem]:
    """Rules the framework schema cannot say: pillars or elements; keys unique."""
    data = doc.data
    if ("pillars" in data) == ("elements" in data):
        return [doc.problem((), "a framework has either pillars (each with its elements) or "
                                "elements (with no pillars), not both and not neither")]
    problems = []
    groups = data.get("pillars") or [{"elements": data["elements"]}]
    seen: set[str] = set()
    for p, group in enumerate(groups):
        for e, element in enumerate(group.get("elements", [])):
            key = element.get("key")
            if key in seen:
                path = ("pillars", p, "elements", e, "key") if "pillars" in data \
                    else ("elements", e, "key")
                problems.append(doc.problem(path, f"{json_path(path)}: the element key {key!r} "
                                                  "is used twice"))
            seen.add(key)
    labels = [g.get("label", "").casefold() for g in data.get("scale", [])]
    if len(set(labels)) != len(labels):
        problems.append(doc.problem(("scale",), "scale: a grading label is used twice"))
    return problems


# --- rules across files -------------------------------------------------------------------

def _check_elements(head: Document, framework: Framework, docs: list[Document],
                    file_stems: set[str] | None, problems: list[Problem]
                    ) -> dict[str, tuple[Document, Grade]]:
    """Each framework element once, named as its file, graded as the framework says."""
    definitions = {e.key: e for e in framework.elements}
    found: dict[str, tuple[Document, Grade]] = {}
    first_file: dict[str, str] = {}
    # Files named after their element first: of two files for one element, the copy is at fault.
    docs = sorted(docs, key=lambda d: Path(d.file).stem != d.data.get("element"))
    for doc in docs:
        key = doc.data.get("element")
        if not isinstance(key, str):
            continue
        stem = Path(doc.file).stem
        if key not in definitions:
            problems.append(doc.problem(("element",), f"element: {key!r} is not an element of "
                                        f"{framework.name}{_did_you_mean(key, list(definitions))}"
                                        f"; its elements are: {', '.join(definitions)}"))
            continue
        if key in first_file:
            problems.append(doc.problem(("element",), f"element: {key!r} is also given in "
                                        f"{Path(first_file[key]).name}; keep one file per element"))
            continue
        if stem != key:
            problems.append(doc.problem(("element",), f"element: {key!r} does not match the "
                                        f"file name {stem!r}; name the file {key}.yaml"))
        first_file[key] = doc.file
        grade = _element_grade(doc, definitions[key], framework, problems)
        if grade is not None:
            found[key] = (doc, grade)
    for definition in framework.elements:
        # A file of that name whose problems have been told already is not missing.
        if file_stems is not None and definition.key not in first_file.keys() | file_stems:
            problems.append(head.problem(("framework",), f"framework: {framework.name} has the "
                                         f"element {definition.key!r} ({definition.name}), but "
                                         f"there is no {ELEMENTS_FOLDER}/{definition.key}.yaml"))
    return found


def _element_grade(doc: Document, definition: ElementDefinition, framework: Framework,
                   problems: list[Problem]) -> Grade | None:
    grading = doc.data.get("grading")
    labels = [g.label for g in framework.scale]
    if doc.data.get("not_inspected"):
        if grading is not None or "carried_over_from" in doc.data:
            key = "grading" if grading is not None else "carried_over_from"
            problems.append(doc.problem((key,), f"{key}: an element that was not inspected has "
                                        "no grading; remove one or the other", at_key=True))
            return None
        return Grade(NOT_INSPECTED, framework.ungraded.shade)
    if "carried_over_from" in doc.data and not definition.graded:
        problems.append(doc.problem(("carried_over_from",), f"carried_over_from: "
                                    f"{definition.name} is not graded in {framework.name}, so "
                                    "no grading carries over", at_key=True))
        return None
    if not definition.graded:
        if grading is None or (isinstance(grading, str) and grading.strip().casefold()
                               == framework.ungraded.label.casefold()):
            return framework.ungraded
        problems.append(doc.problem(("grading",), f"grading: {definition.name} is not graded in "
                                    f"{framework.name}; remove the grading", at_key=True))
        return None
    if grading is None:
        problems.append(doc.problem(("element",), f"grading: missing; {definition.name} is "
                                    f"graded in {framework.name}: one of {', '.join(labels)}",
                                    at_key=True))
        return None
    if not isinstance(grading, str):
        return None  # the schema pass has said what is wrong
    grade = framework.grade(grading)
    if grade is None:
        problems.append(doc.problem(("grading",), _not_a_grading(grading, framework)))
    return grade


def _not_a_grading(value: str, framework: Framework, where: str = "grading") -> str:
    labels = [g.label for g in framework.scale]
    return (f"{where}: {value!r} is not a grading of {framework.name}"
            f"{_did_you_mean(value, labels)}; allowed: {', '.join(labels)}")


def _check_pillars(head: Document, framework: Framework,
                   problems: list[Problem]) -> dict[str, Grade]:
    given = head.data.get("pillars")
    if not isinstance(given, dict):
        given = {}
    graded = [p.key for p in framework.graded_pillars]
    named = [p.key for p in framework.named_pillars]
    grades: dict[str, Grade] = {}
    for key, label in given.items():
        where = json_path(("pillars", key))
        if not graded:
            problems.append(head.problem(("pillars", key), f"{where}: {framework.name} gives "
                                         "no overall pillar gradings; remove pillars:",
                                         at_key=True))
        elif key not in graded:
            ungraded = key in named
            problems.append(head.problem(
                ("pillars", key),
                f"{where}: {framework.name} does not grade the pillar {key!r} overall"
                if ungraded else
                f"{where}: {framework.name} has no pillar {key!r}"
                f"{_did_you_mean(key, named)}; its pillars are: {', '.join(named)}",
                at_key=True))
        elif isinstance(label, str):
            grade = framework.grade(label)
            if grade is None:
                problems.append(head.problem(("pillars", key),
                                             _not_a_grading(label, framework, where)))
            else:
                grades[key] = grade
    missing = [k for k in graded if k not in given]
    if missing:
        at = ("pillars",) if "pillars" in head.data else ("framework",)
        problems.append(head.problem(at, f"pillars: no overall grading for "
                                     f"{', '.join(missing)}; {framework.name} grades each of "
                                     f"its pillars: {', '.join(graded)}", at_key=True))
    return grades


def _illegal_characters(doc: Document) -> Iterator[Problem]:
    def walk(value: Any, path: JsonPath) -> Iterator[Problem]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, path + (i,))
        elif isinstance(value, str):
            for match in _XML_ILLEGAL.finditer(value):
                code = ord(match.group())
                name = character_name(code)
                yield doc.problem(path, f"{json_path(path)}: character {match.start() + 1} is "
                                        f"U+{code:04X} ({name}), which a Word document cannot "
                                        "hold; delete it or replace it with a space")
            for match in _DOCXTPL_ESCAPES.finditer(value):
                yield doc.problem(path, f"{json_path(path)}: {match.group()!r} at character "
                                        f"{match.start() + 1} cannot be shown (the template "
                                        "engine reads it as a brace); write it differently")

    return walk(doc.data, ())


# --- the model ----------------------------------------------------------------------------

def _bullets(values: list[Any] | None) -> tuple[Bullet, ...]:
    out = []
    for value in values or ():
        if isinstance(value, str):
            out.append(Bullet(value))
        else:
            out.append(Bullet(value["text"], _bullets(value.get("items")),
                              value.get("status", "")))
    return tuple(out)


def _build(folder: Path, data: dict[str, Any], framework: Framework,
           found: dict[str, tuple[Document, Grade]], pillar_grades: dict[str, Grade]) -> Assessment:
    pillars = []
    for p in framework.pillars:
        elements = []
        for e in p.elements:
            doc, grade = found[e.key]
            fields = {name: _bullets(doc.data.get(name)) for name in BULLET_FIELDS}
            carried = doc.data.get("carried_over_from")
            state = ("not inspected" if doc.data.get("not_inspected") else
                     "carried over" if carried else "graded" if e.graded else "ungraded")
            elements.append(Element(key=e.key, name=e.name, grade=grade, graded=e.graded,
                                    state=state, carried_over_from=carried, **fields))
        pillars.append(Pillar(p.key, p.name, pillar_grades.get(p.key), tuple(elements)))
    themes = (data.get("briefing") or {}).get("themes")
    short_name = data.get("force_short_name", data["force"])
    return Assessment(
        folder=folder,
        framework=framework,
        force=data["force"],
        force_short_name=short_name,
        force_informal_name=data.get("force_informal_name", short_name),
        published=dt.date.fromisoformat(data["published"]),
        source=data["source"],
        pillars=tuple(pillars),
        themes=Themes(themes["introduction"], themes["source"], tuple(themes["items"]))
        if themes else None,
        paper=_paper(data.get("paper") or {}),
        covers=tuple(data.get("covers") or ()),
    )


def _paper(data: dict[str, Any]) -> Paper:
    meeting = data.get("meeting_date")
    return Paper(committee=data.get("committee", ""),
                 meeting_date=dt.date.fromisoformat(meeting) if meeting else None,
                 appendix=str(data.get("appendix", "")),
                 agenda_item=str(data.get("agenda_item", "")))
