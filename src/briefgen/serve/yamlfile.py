"""The officer's YAML files, edited in place: only the lines of the values changed move.

A file is read with ruamel.yaml's round trip (comments, blank lines, key order, quoting and the
schema line kept), the form's values are merged into it key by key and bullet by bullet (a
value that did not change is not touched), and the text is written atomically. Each read
carries the file's *version* (a hash of its bytes): a save over a file changed since it was
read is refused, never merged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .library import write_atomically

#: One save at a time: the version is compared and the file replaced without another save
#: between the two.
SAVING = threading.Lock()
#: How PyYAML (and so briefgen) reads a plain value: text it would read otherwise is quoted.
_RESOLVER = yaml.resolver.Resolver()
_DASH = re.compile(r"^(\s*)- ", re.MULTILINE)


class Changed(Exception):
    """The file changed since the form read it (another tab, a text editor)."""


@dataclass
class Edit:
    """A file as read: its text, its round-trip data and its version."""

    path: Path
    text: str
    data: CommentedMap
    version: str

    def plain(self) -> dict[str, Any]:
        return plain(self.data)


def version_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:20]


def _yaml(text: str) -> YAML:
    """A round-trip reader and writer set to the file's own sequence indentation."""
    loader = YAML()
    loader.preserve_quotes = True
    loader.width = 100_000  # never fold a long line the officer wrote on one
    offset = 2
    for match in _DASH.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if before.rstrip().endswith(":"):
            offset = len(match.group(1)) - (len(before) - len(before.lstrip()))
            break
    offset = 2 if offset not in (0, 2) else offset
    loader.indent(mapping=2, sequence=offset + 2, offset=offset)
    return loader


def read(path: Path) -> Edit:
    """``path`` as read now, with its version."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    data = _yaml(text).load(text)
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    return Edit(path, text, data, version_of(raw))


def plain(value: Any) -> Any:
    """Round-trip data as plain Python (dates as YYYY-MM-DD, as the form shows them)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    return value


def _node(value: Any) -> Any:
    """A plain value as round-trip data, quoted where YAML would read it as something else."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _node(item)
        return node
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    if isinstance(value, str):
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return DoubleQuotedScalarString(value)
        if tag != "tag:yaml.org,2002:str":
            return DoubleQuotedScalarString(value)
    return value


def _merge_list(seq: CommentedSeq, wanted: list[Any]) -> None:
    for index, value in enumerate(wanted):
        if index >= len(seq):
            seq.append(_node(value))
        elif plain(seq[index]) != value:
            if isinstance(seq[index], CommentedMap) and isinstance(value, dict):
                _merge_map(seq[index], value, list(value) + list(seq[index]), ())
            else:
                seq[index] = _node(value)
    while len(seq) > len(wanted):
        del seq[len(seq) - 1]


def _merge_map(
    node: CommentedMap, wanted: dict[str, Any], fields: Sequence[str], order: Sequence[str]
) -> None:
    """Set each of ``fields`` in ``node`` to its value in ``wanted`` (removed where absent);
    a new key goes after the last key before it in ``order``."""
    for key in dict.fromkeys(fields):
        if key not in wanted:
            if key in node:
                del node[key]
            continue
        value = wanted[key]
        if key in node:
            if plain(node[key]) == value:
                continue
            if isinstance(node[key], CommentedSeq) and isinstance(value, list):
                _merge_list(node[key], value)
            elif isinstance(node[key], CommentedMap) and isinstance(value, dict):
                _merge_map(node[key], value, list(value) + list(node[key]), ())
            else:
                node[key] = _node(value)
            continue
        earlier = order[: order.index(key)] if key in order else list(node)
        after = [i for i, k in enumerate(node) if k in earlier]
        node.insert(after[-1] + 1 if after else len(node), key, _node(value))


def edited(
    edit: Edit, wanted: dict[str, Any], fields: Sequence[str], order: Sequence[str] = ()
) -> str:
    """The file's text with ``fields`` set to their values in ``wanted``; other lines as they
    were. ``edit``'s data is changed with it (read the file again to start over)."""
    _merge_map(edit.data, wanted, fields, order)
    out = io.StringIO()
    _yaml(edit.text).dump(edit.data, out)
    return out.getvalue()


def save(path: Path, text: str, version: str) -> str:
    """Write ``text`` to ``path`` atomically unless the file is no longer at ``version``;
    the new version."""
    raw = text.encode("utf-8")
    with SAVING:
        if version_of(path.read_bytes()) != version:
            raise Changed(str(path))
        write_atomically(path, raw)
    return version_of(raw)
