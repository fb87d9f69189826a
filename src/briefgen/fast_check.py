"""A quick yes/no against the JSON Schemas, so that valid input never pays for explanations.

jsonschema finds every error and says where, which ``schema.py`` turns into an officer's words;
most input is valid, and for it that work (and the time to load jsonschema) is wasted. Here
each schema is turned, once per process, into plain Python checks of the keywords the schemas
use, answering only "valid or not". The answer is never kinder than jsonschema's: where the two
could differ (``1`` against ``true``, the type of a number in an ``enum``), the check here says
"not valid", and ``schema.py`` then asks jsonschema, whose errors (or lack of them) are the
answer. A schema using a keyword not known here is refused when it is compiled, so a new
keyword in a schema cannot pass unchecked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from .schema_files import schema

Check = Callable[[Any], bool]

#: Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)
#: jsonschema's test of the "date" format (RFC 3339 full-date), to the letter.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_valid(schema_name: str, data: Any) -> bool:
    """Whether ``data`` certainly meets the named schema (False: ask jsonschema)."""
    return _compiled(schema_name)(data)


@cache
def _compiled(schema_name: str) -> Check:
    root = schema(schema_name)
    return _Compiler(root).compile(root)


class _Compiler:
    """One schema's subschemas turned into checks, each ``$ref`` target compiled once."""

    def __init__(self, root: dict[str, Any]):
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, node: Any) -> Check:
        if node is True:
            return _always
        if not isinstance(node, dict):
            raise ValueError(f"a schema must be an object, not {node!r}")
        unknown = set(node) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise ValueError(f"keywords the quick check does not know: {sorted(unknown)}")
        made = [_KEYWORDS[key](self, node[key], node) for key in node if key in _KEYWORDS]
        checks = [check for check in made if check is not None]
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    def ref(self, target: str, node: dict[str, Any]) -> Check:
        if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/") :]:
            raise ValueError(f"only references into $defs are known here, not {target!r}")
        name = target[len("#/$defs/") :]
        if name not in self.refs:
            self.refs[name] = _never  # a definition that refers to itself: compiled below
            compiled = self.compile(self.root["$defs"][name])
            self.refs[name] = compiled
        refs = self.refs
        return lambda value: refs[name](value)

    def types_of(self, node: dict[str, Any]) -> set[str] | None:
        """The JSON types a subschema allows at most (None: any), following ``$ref``."""
        if "type" in node:
            declared = node["type"]
            types = set(declared if isinstance(declared, list) else [declared])
            return types | {"integer"} if "number" in types else types
        if "$ref" in node:
            return self.types_of(self.root["$defs"][node["$ref"][len("#/$defs/") :]])
        if "const" in node or "enum" in node:
            values = [node["const"]] if "const" in node else node["enum"]
            return {_type_name(value) for value in values}
        return None


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), "null")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


def _type(c: _Compiler, declared: Any, node: dict[str, Any]) -> Check:
    names = declared if isinstance(declared, list) else [declared]
    tests = [_TYPES[name] for name in names]
    return lambda value: any(test(value) for test in tests)


def _properties(c: _Compiler, properties: dict[str, Any], node: dict[str, Any]) -> Check:
    checks = {key: c.compile(sub) for key, sub in properties.items()}

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(checks[key](item) for key, item in value.items() if key in checks)

    return check


def _additional(c: _Compiler, additional: Any, node: dict[str, Any]) -> Check:
    if "patternProperties" in node:
        raise ValueError("patternProperties is not known to the quick check")
    allowed = set(node.get("properties", {}))
    extra = _never if additional is False else c.compile(additional)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(extra(item) for key, item in value.items() if key not in allowed)

    return check


def _required(c: _Compiler, names: list[str], node: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _items(c: _Compiler, items: Any, node: dict[str, Any]) -> Check:
    each = c.compile(items)
    return lambda value: not isinstance(value, list) or all(each(item) for item in value)


def _min_items(c: _Compiler, least: int, node: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= least


def _unique_items(c: _Compiler, unique: bool, node: dict[str, Any]) -> Check | None:
    if not unique:
        return None

    def check(value: Any) -> bool:  # Python's == is jsonschema's equality, or stricter
        if not isinstance(value, list):
            return True
        return not any(a == b for i, a in enumerate(value) for b in value[i + 1 :])

    return check


def _min_length(c: _Compiler, least: int, node: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= least


def _pattern(c: _Compiler, pattern: str, node: dict[str, Any]) -> Check:
    search = re.compile(pattern).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _format(c: _Compiler, name: str, node: dict[str, Any]) -> Check:
    if name != "date":
        raise ValueError(f"the format {name!r} is not known to the quick check")

    def check(value: Any) -> bool:
        if not isinstance(value, str) or _DATE.fullmatch(value) is None:
            return not isinstance(value, str)
        try:
            return bool(dt.date.fromisoformat(value))
        except ValueError:
            return False

    return check


def _same(value: Any, allowed: Any) -> bool:
    """Equal and of the same Python type: never looser than jsonschema's equality."""
    return type(value) is type(allowed) and value == allowed


def _scalars(values: list[Any]) -> list[Any]:
    if any(isinstance(value, (dict, list)) for value in values):
        raise ValueError("only plain values are quick-checked in enum and const")
    return values


def _enum(c: _Compiler, allowed: list[Any], node: dict[str, Any]) -> Check:
    _scalars(allowed)
    return lambda value: any(_same(value, each) for each in allowed)


def _const(c: _Compiler, allowed: Any, node: dict[str, Any]) -> Check:
    _scalars([allowed])
    return lambda value: _same(value, allowed)


def _minimum(c: _Compiler, least: float, node: dict[str, Any]) -> Check:
    return lambda value: not _is_number(value) or value >= least


def _maximum(c: _Compiler, most: float, node: dict[str, Any]) -> Check:
    return lambda value: not _is_number(value) or value <= most


def _one_of(c: _Compiler, branches: list[Any], node: dict[str, Any]) -> Check:
    # A check here may be stricter than jsonschema's; "exactly one branch" stays safe only when
    # no value can belong to two branches, so the branches must allow different types.
    seen: set[str] = set()
    for branch in branches:
        types = c.types_of(branch) if isinstance(branch, dict) else None
        if types is None or types & seen:
            raise ValueError("oneOf is quick-checked only where its branches' types differ")
        seen |= types
    checks = [c.compile(branch) for branch in branches]
    return lambda value: sum(1 for check in checks if check(value)) == 1


def _ref(c: _Compiler, target: str, node: dict[str, Any]) -> Check:
    return c.ref(target, node)


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check | None]] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "minLength": _min_length,
    "pattern": _pattern,
    "format": _format,
    "enum": _enum,
    "const": _const,
    "minimum": _minimum,
    "maximum": _maximum,
    "oneOf": _one_of,
    "$ref": _ref,
}
