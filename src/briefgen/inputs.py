"""Read YAML written by an officer into plain data plus a map of where each value stands.

Only the YAML core schema is understood (strings, numbers, booleans, null, dates, lists and
mappings): a Python tag is refused, never executed. Duplicate keys, which PyYAML would silently
resolve in favour of the last one, are problems. Every problem is located (file, line, column)
so that the officer can go straight to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Problem, display_path
from .input_files import character_name, decode_text, read_regular_file
from .yaml_errors import explain_yaml_error, unquoted_start

#: A JSON path into a document: mapping keys and list indices from the root.
JsonPath = tuple[str | int, ...]

#: Larger files are refused before parsing: a PEEL summary is a few kilobytes.
MAX_FILE_BYTES = 1_000_000
#: Values a document may expand to through YAML aliases, to defuse "billion laughs" documents.
MAX_VALUES = 100_000
#: Characters of text it may expand to that way (one long text repeated by aliases).
MAX_EXPANDED_CHARACTERS = 10 * MAX_FILE_BYTES
#: How deep lists and mappings may nest; a briefing input needs four levels at most.
MAX_DEPTH = 50

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class YamlFile:
    """A YAML file read into plain data, with the position of every value and key."""

    file: str
    data: Any
    #: 1-based (line, column) of the value at each JSON path.
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    #: 1-based (line, column) of the key that introduces each mapping entry.
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    #: The node of each plain value (text, number, yes/no, …): its style and text as written.
    scalars: dict[JsonPath, ScalarNode] = field(default_factory=dict)
    #: The file's lines, as written.
    lines: tuple[str, ...] = ()

    def problem(
        self, path: JsonPath, message: str, *, at_key: bool = False, warning: bool = False
    ) -> Problem:
        """A problem (or a warning) located at the value (or its key) at ``path``, or its
        nearest ancestor."""
        line, column = self.locate(path, at_key=at_key)
        return Problem(self.file, line, column, message, warning=warning)

    def data_at(self, path: JsonPath) -> Any:
        """The value at ``path`` (which must exist)."""
        value = self.data
        for part in path:
            value = value[part]
        return value

    def locate(self, path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


#: What one entry of a list is called, by the key of the list.
_ENTRY_NAMES = {
    "comments": "bullet",
    "causes_of_concern": "bullet",
    "recommendations": "bullet",
    "areas_for_improvement": "bullet",
    "items": "bullet",
    "groups": "group",
}


def json_path(path: JsonPath) -> str:
    """Where a value stands, as an officer counts (from one): ``("comments", 1)`` → ``comments,
    bullet 2``; ``("areas_for_improvement", 0, "items", 2)`` → ``areas_for_improvement, bullet
    1, nested bullet 3``; ``("pillars", "efficiency")`` → ``pillars.efficiency``; the root is
    ``(top level)``."""
    out = ""
    for index, part in enumerate(path):
        after_entry = index > 0 and isinstance(path[index - 1], int)
        if isinstance(part, int):
            parent = str(path[index - 1]) if index else ""
            nested = parent == "items" and index > 1 and isinstance(path[index - 2], int)
            name = _ENTRY_NAMES.get(parent, "entry")
            out += f"{', ' if out else ''}{'nested ' if nested else ''}{name} {part + 1}"
        elif after_entry and part == "items" and index + 1 < len(path):
            continue  # "bullet 4, nested bullet 2" says it
        else:
            out += f"{', ' if after_entry else '.' if out else ''}{part}"
    return out or "(top level)"


def load_yaml(path: str | os.PathLike[str]) -> YamlFile:
    """Read one YAML file; raise :class:`InputError` with located problems if it cannot be read."""
    name = display_path(path)
    return parse_yaml(read_regular_file(Path(path), name, MAX_FILE_BYTES), name)


def parse_yaml(raw: bytes, name: str) -> YamlFile:
    """Parse YAML bytes named ``name`` (used in messages)."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"file is {len(raw):,} bytes; a briefing input "
                    f"may be at most {MAX_FILE_BYTES:,} bytes",
                )
            ]
        )
    text = decode_text(raw, name)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InputError([Problem(name, 1, 1, "file is empty; expected a YAML mapping")])
    try:
        nodes = _compose(text)
    except _TooDeep as exc:
        raise InputError(
            [
                Problem(
                    name,
                    exc.mark.line + 1,
                    exc.mark.column + 1,
                    f"lists and mappings are nested more than {MAX_DEPTH} levels "
                    "deep here; a briefing input needs four at most",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError([explain_yaml_error(exc, text, name)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML cannot hold
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"invalid YAML: character U+{code:04X} ({character_name(code)}) "
                    "is not allowed in a YAML file; delete it or replace it "
                    "with a space",
                )
            ]
        ) from None
    if len(nodes) > 1:
        start = nodes[1].start_mark
        raise InputError(
            [
                Problem(
                    name,
                    start.line + 1,
                    start.column + 1,
                    "the file holds more than one YAML document (---); expected exactly one",
                )
            ]
        )
    builder = _Builder(name)
    data = builder.build(nodes[0], ())
    if builder.problems:
        raise InputError(sorted(builder.problems))
    return YamlFile(
        name, data, builder.values, builder.keys, builder.scalars, tuple(text.splitlines())
    )


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, where PyYAML was built with it
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _compose(text: str) -> list[Node]:
    """The documents in ``text`` as nodes: through libyaml where it is installed (thirty
    times faster), through PyYAML's own composer for a document libyaml refuses or nests too
    deeply, so that every problem is found and told in the same words either way."""
    if _FAST is not None:
        try:
            depth = deepest = 0
            for event in yaml.parse(text, Loader=_FAST):  # libyaml composes recursively in C:
                if isinstance(event, _OPENS):  # measure the depth before it does
                    depth += 1
                    deepest = max(deepest, depth)
                elif isinstance(event, _CLOSES):
                    depth -= 1
            if deepest <= MAX_DEPTH:
                return list(yaml.compose_all(text, Loader=_FAST))
        except yaml.YAMLError:
            pass  # told below, in the words written for PyYAML's own errors
    return list(yaml.compose_all(text, Loader=_Loader))


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__(mark)
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than :data:`MAX_DEPTH` as it composes
    (PyYAML composes recursively: a deeply nested document would exhaust Python's stack)."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, name: str):
        self.name = name
        self.values: dict[JsonPath, tuple[int, int]] = {}
        self.keys: dict[JsonPath, tuple[int, int]] = {}
        self.scalars: dict[JsonPath, ScalarNode] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.characters = 0
        self.constructor = yaml.SafeLoader("")
        self.open: set[int] = set()  # the lists and mappings being built, around this value

    def problem(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))

    def build(self, node: Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            if self.count == MAX_VALUES + 1:
                self.problem(
                    node,
                    f"the document expands to more than {MAX_VALUES:,} values "
                    "through YAML aliases (*name); write the values out instead",
                )
            return None
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self.open:
                self.count = MAX_VALUES + 2  # say it once, and build nothing more
                self.problem(
                    node,
                    "a YAML alias (*name) here stands for a list or mapping "
                    "that contains it, so it would never end; write the "
                    "values out instead",
                )
                return None
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        return self._scalar(node, path)

    def _collection(self, node: MappingNode | SequenceNode, path: JsonPath) -> Any:
        if isinstance(node, MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.problem(node, f"unsupported YAML tag {node.tag!r}")
                return None
            return self._mapping(node, path)
        if node.tag != "tag:yaml.org,2002:seq":
            self.problem(node, f"unsupported YAML tag {node.tag!r}")
            return None
        return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]

    def _scalar(self, node: Node, path: JsonPath) -> Any:
        assert isinstance(node, ScalarNode)
        if node.style == "":  # libyaml's plain style, as PyYAML writes it
            node.style = None
        self.characters += len(node.value)
        if self.characters > MAX_EXPANDED_CHARACTERS:
            self.count = MAX_VALUES + 2  # say it once, and build nothing more
            self.problem(
                node,
                f"the document expands to more than "
                f"{MAX_EXPANDED_CHARACTERS:,} characters of text through YAML "
                "aliases (*name); write the values out instead",
            )
            return None
        if node.tag.startswith("!"):  # "- !important …": an officer's text, not a tag
            self.problem(node, unquoted_start("!"))
            return None
        if node.tag not in _CORE_TAGS:
            self.problem(
                node,
                f"unsupported YAML tag {node.tag!r}: only plain values, lists "
                "and mappings are allowed",
            )
            return None
        self.scalars[path] = node
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # kept as written; the schema checks its format
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # a number longer than Python reads (4,300 digits)
            self.problem(
                node,
                f"{node.value[:20]}… is a number of {len(node.value):,} "
                "characters, too long to read; put it in quotes if it is text",
            )
            return None

    def _mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, "YAML merge keys (<<) are not supported; write the entries out"
                )
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _CORE_TAGS:
                self.problem(key_node, "a key must be a plain name")
                continue
            key = str(key_node.value)
            if key in first_seen:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first given on line "
                    f"{first_seen[key]}); YAML would silently keep only "
                    "the last one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.keys[path + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, path + (key,))
        return out


def written_otherwise(node: ScalarNode, value: Any) -> bool:
    """Whether YAML read the unquoted scalar ``node`` as ``value``, which prints other than it
    was written (12:30 as 750, 010 as 8, 1_000 as 1000): what the officer typed would not show."""
    return node.style is None and str(value) != node.value
