"""The JSON Schemas (``schemas/*.schema.json``): load them, check a file, explain what is wrong.

jsonschema says what is wrong in the schema's terms ("'x' is not valid under any of the given
schemas"); here each kind of failure, by the schema keyword that failed, is told in an
officer's terms and located at the value (or key) at fault. Patterns are explained by the name
of the schema definition they belong to (``$defs/url``, ``$defs/key``, …), not by their text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assessment_folder import TO_BE_COMPLETED, is_to_be_completed
from .errors import InputError, Problem, did_you_mean, show
from .fast_check import is_valid
from .inputs import JsonPath, YamlFile, json_path, load_yaml, written_otherwise
from .schema_files import schema
from .yaml_errors import LIST_HABIT_FIX, STRAIGHTEN, curly_quoted, list_habit

if TYPE_CHECKING:  # jsonschema is loaded only to explain what is wrong
    from jsonschema import Draft202012Validator, ValidationError

SCHEMAS = ("assessment", "element", "framework")
#: What to write where a field still says "to be completed", by its key.
_WHAT_TO_WRITE = {
    "published": "the date the report was published, as YYYY-MM-DD, e.g. 2019-09-27",
    "source": "the report's web address, starting https://",
    "force": "the force's full name, e.g. Metropolitan Police Service",
}


def still_to_complete(where: str, what: str) -> str:
    """The message for a value that still says "to be completed": what to write there."""
    return f"{where}: still “{TO_BE_COMPLETED}”: write {what}"


def says_still_to_complete(message: str) -> bool:
    """Whether ``message`` is one :func:`still_to_complete` wrote."""
    return f"still “{TO_BE_COMPLETED}”" in message


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(name), format_checker=FormatChecker())


@cache
def _pattern_definitions() -> dict[str, str]:
    """Each pattern of a named schema definition → that definition's name ("url", "key", …)."""
    return {
        definition["pattern"]: name
        for stem in SCHEMAS
        for name, definition in schema(stem).get("$defs", {}).items()
        if "pattern" in definition
    }


def check_file(path: Path, schema_name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Read one YAML file and check it against the named schema.

    The file comes back whenever it could be read as a mapping, with every way it breaks the
    schema; None where it could not be read at all, with why.
    """
    try:
        doc = load_yaml(path)
    except InputError as exc:
        return None, exc.problems
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [
            doc.problem(
                (), f"the file holds {kind}; expected a mapping of keys and values (key: value)"
            )
        ]
    return doc, schema_problems(doc, schema_name)


def schema_problems(doc: YamlFile, schema_name: str) -> list[Problem]:
    """Every way ``doc`` breaks the named schema, located and explained.

    Valid input is told by the quick check (``fast_check``) alone; only input it doubts is
    checked by jsonschema, whose errors are explained.
    """
    if is_valid(schema_name, doc.data):
        return []
    problems: dict[Problem, None] = {}  # one message, however many keywords it breaks
    for error in _validator(schema_name).iter_errors(doc.data):
        problems.update(dict.fromkeys(explain(error, doc)))
    return list(problems)


def still_to_be_completed(doc: YamlFile) -> Iterator[Problem]:
    """Each value of ``doc`` that still says "to be completed", where the schema allows the text
    (a name, a bullet) but the officer has yet to write it."""
    for path in doc.scalars:
        if path and is_to_be_completed(doc.data_at(path)):
            what = _WHAT_TO_WRITE.get(str(path[-1]), "it from the report")
            yield doc.problem(path, still_to_complete(json_path(path), what))


def explain(error: ValidationError, doc: YamlFile) -> Iterator[Problem]:
    """The problems one jsonschema error stands for, in the officer's terms."""
    path: JsonPath = tuple(error.absolute_path)
    if is_to_be_completed(error.instance) and path:
        what = _WHAT_TO_WRITE.get(str(path[-1]), "it from the report")
        yield doc.problem(path, still_to_complete(json_path(path), what))
        return
    explainer = _EXPLAINERS.get(str(error.validator))
    message = explainer(error, path, doc) if explainer else None
    if message is None:
        yield doc.problem(path, f"{json_path(path)}: {error.message}")
    elif isinstance(message, str):
        yield doc.problem(path, message)
    else:
        yield from message


# --- one explainer per schema keyword ---------------------------------------------------------
# Each returns the message for the value at ``path``, problems of its own (an iterator), or
# None for jsonschema's own wording.

Explained = str | Iterator[Problem] | None


def _additional_properties(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    allowed = list(error.schema.get("properties", {}))
    return (
        doc.problem(
            path + (key,),
            f"{json_path(path + (key,))}: unknown key {key!r}"
            f"{did_you_mean(key, allowed)}"
            f"; allowed keys: {', '.join(allowed)}",
            at_key=True,
        )
        for key in error.instance
        if key not in allowed
    )


def _required(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    missing = re.match(r"'(.*)' is a required property", error.message)
    name = missing.group(1) if missing else error.message
    return iter(
        [doc.problem(path, f"{json_path(path)}: missing required key {name!r}", at_key=True)]
    )


def _one_of(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    value, where = error.instance, json_path(path)
    if (
        isinstance(value, dict)
        and len(value) == 1
        and not {"text", "items"} & set(value)
        and not isinstance(next(iter(value.values())), (dict, list))
    ):
        # "- For example: it could…": YAML reads a bullet holding ': ' as a key and a value.
        if curly_quoted(next(iter(value))):
            return (
                f"{where}: the bullet is in Word’s curly quotes, which YAML reads as "
                f"ordinary characters, so the ': ' in it starts a key; {STRAIGHTEN}"
            )
        return (
            f"{where}: the bullet was read as 'key: value' because of the ': ' in it; put "
            "the whole bullet in double quotes"
        )
    if not error.context:
        return None
    # A bullet: explain against the branch that matches what was written.
    branch = 1 if isinstance(value, dict) else 0
    sub = [e for e in error.context if e.relative_schema_path[0] == branch]
    if isinstance(value, (dict, str)) and sub:
        return (problem for e in sub for problem in explain(e, doc))
    return _not_text(value, path, doc) or (
        f"{where}: expected a bullet (text, or a mapping with text and items), got {_kind(value)}"
    )


def _type(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    value, where = error.instance, json_path(path)
    if len(path) > 1 and path[-2] == "items" and isinstance(value, dict):
        return f"{where}: a nested bullet cannot have items of its own; bullets nest one level deep"
    if error.validator_value == "array" and isinstance(value, str) and list_habit(value):
        # "comments:\n  • One\n  - Two": Word's bullet is no YAML bullet, so one text was read.
        return (
            f"{where}: the first bullet starts with {list_habit(value)}, which YAML does "
            f"not read as a bullet, so the list was read as one piece of text; "
            f"{LIST_HABIT_FIX}"
        )
    if error.validator_value == "array" and isinstance(value, str) and value.startswith("-"):
        # "comments:\n  -One": with no ordinary space after "-", YAML reads text, not a list.
        return (
            f"{where}: the “-” before the first bullet is not followed by an ordinary "
            "space, so the list was read as one piece of text; write “- ” (a dash and "
            "a space) before each bullet"
        )
    if error.validator_value == "string":
        message = _not_text(value, path, doc)
        if message:
            return message
    return f"{where}: expected {_kind_name(error.validator_value)}, got {_kind(value)}"


def _not_text(value: Any, path: JsonPath, doc: YamlFile) -> str | None:
    """Where text was meant and YAML read a yes/no value, a number written other than as it
    prints (12:30) or, in a bullet, any number: what it was read as, and to quote it."""
    node = doc.scalars.get(path)
    if node is None or node.style is not None or isinstance(value, str) or value is None:
        return None
    written = node.value
    otherwise = written_otherwise(node, value)
    if not (isinstance(value, bool) or otherwise or isinstance(path[-1], int)):
        return None
    kind = _kind(value) if otherwise else "a number"
    return (
        f"{json_path(path)}: YAML reads {written} as {kind}, not as text; put it in "
        f'double quotes: "{written}"'
    )


def _pattern(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    where, value = json_path(path), error.instance
    definition = _pattern_definitions().get(error.validator_value)
    if definition == "text":
        return _empty(error, path, doc)
    if definition == "url":
        return (
            f"{where}: {show(value)} is not a web address; expected one starting https:// "
            "(or http://)"
        )
    if definition == "key" and path in (("framework",), ("element",)):
        return iter(())  # validate names the framework or element meant: one message, not two
    if definition in ("key", "reference"):
        return (
            f"{where}: {show(value)} is not a key; keys are lower-case words joined by "
            "hyphens, e.g. investigating-crime"
        )
    if definition == "shade":
        return (
            f"{where}: {show(value)} is not a colour; expected six upper-case hex digits, "
            "e.g. C6E0B4"
        )
    described = str(error.schema.get("description", "")).rstrip(".")
    if described:  # what the value should be, in words rather than a regular expression
        return (
            f"{where}: {show(value)} is not what is expected here: "
            f"{described[:1].lower()}{described[1:]}"
        )
    return None


def _empty(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    if _pattern_definitions().get(error.schema.get("pattern")) != "text":
        return None
    remedy = "delete the bullet" if isinstance(path[-1], int) else "leave the key out"
    return f"{json_path(path)}: is empty; write the text or {remedy}"


def _format(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    where, value = json_path(path), error.instance
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        return f"{where}: {show(value)} is not a date in the calendar; check the month and the day"
    if error.validator_value == "date":
        return f"{where}: {show(value)} is not a date; expected YYYY-MM-DD, e.g. 2019-09-27"
    return None


def _min_items(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    return f"{json_path(path)}: the list is empty; leave the key out if there is nothing to list"


def _enum(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    allowed = [str(v) for v in error.validator_value]
    return (
        f"{json_path(path)}: {show(error.instance)} is not allowed"
        f"{did_you_mean(str(error.instance), allowed)}; allowed: {', '.join(allowed)}"
    )


def _const(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    if error.validator_value is True:
        return f"{json_path(path)}: write true, or leave the key out"
    return None


def _bound(error: ValidationError, path: JsonPath, doc: YamlFile) -> Explained:
    if path and path[-1] == "carried_over_from":
        return (
            f"{json_path(path)}: {show(error.instance)} is not a year; write the year of the "
            "inspection whose grading stands, e.g. 2017"
        )
    return None


_EXPLAINERS: dict[str, Callable[[ValidationError, JsonPath, YamlFile], Explained]] = {
    "additionalProperties": _additional_properties,
    "required": _required,
    "oneOf": _one_of,
    "type": _type,
    "minLength": _empty,
    "pattern": _pattern,
    "format": _format,
    "minItems": _min_items,
    "enum": _enum,
    "const": _const,
    "minimum": _bound,
    "maximum": _bound,
}


def _kind(value: Any) -> str:
    """What a value is, as an officer would say it: "the number 3", "a list"."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _kind_name(expected: str | list[str]) -> str:
    names = {
        "string": "text",
        "array": "a list",
        "object": "a mapping (key: value)",
        "boolean": "true or false",
        "integer": "a whole number",
        "number": "a number",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, expected)
