"""Inspection frameworks, one YAML file each: find them, load them, check them.

The files are data (checked against ``schemas/framework.schema.json``); a new framework needs
only a YAML file. Where to look is always given explicitly, as a search path: the folders the
user names first (``--frameworks DIR``, then those in the ``BRIEFGEN_FRAMEWORKS`` setting,
separated like PATH), briefgen's own folder last, so that a user's file wins over a built-in
one of the same name.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OptionError, Problem, did_you_mean, display_path

if TYPE_CHECKING:
    from ..inputs import YamlFile
    from ..model import ElementDefinition, Framework, Grade

BUILTIN = Path(__file__).parent
ENVIRONMENT_VARIABLE = "BRIEFGEN_FRAMEWORKS"

SearchPath = tuple[Path, ...]


def search_path(
    folders: Iterable[Path] = (), environ: Mapping[str, str] | None = None
) -> SearchPath:
    """Where frameworks are looked for: ``folders``, then the folders ``environ`` names in
    ``BRIEFGEN_FRAMEWORKS`` (the process's own settings by default), then briefgen's own.
    A folder that is not there is an :class:`~errors.OptionError`, wherever it was named."""
    setting = (os.environ if environ is None else environ).get(ENVIRONMENT_VARIABLE, "")
    given = [Path(f) for f in folders]
    in_setting = [Path(f) for f in setting.split(os.pathsep) if f]
    for where, named in (("--frameworks ", given), (f"{ENVIRONMENT_VARIABLE}: ", in_setting)):
        for folder in named:
            if not folder.is_dir():
                raise OptionError(f"{where}{display_path(folder)}: no such folder")
    return (*(folder.resolve() for folder in given), *in_setting, BUILTIN)


def available(path: Sequence[Path] | None = None) -> dict[str, Path]:
    """Framework key → file, for every framework on ``path`` (a user's file wins)."""
    found: dict[str, Path] = {}
    for folder in reversed(search_path() if path is None else tuple(path)):
        found.update({file.stem: file for file in sorted(folder.glob("*.yaml"))})
    return dict(sorted(found.items()))


class UnknownFramework(OptionError):
    """A framework key that is on no folder of the search path: the closest key and every key
    known, said the same wherever the key was written (an option, an assessment file)."""

    def __init__(self, key: str, known: Sequence[str], asked: str | None = None):
        said = (
            f"unknown framework {key!r}{did_you_mean(key, list(known))}; "
            f"known frameworks: {', '.join(known)}"
        )
        super().__init__(f"{asked}: {said} (see briefgen frameworks)" if asked else said)
        self.key, self.known, self.asked = key, list(known), asked

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.key, self.known, self.asked)


def lookup(key: str, path: Sequence[Path] | None = None, asked: str | None = None) -> Path:
    """The file of the framework ``key`` on ``path``; :class:`UnknownFramework` if none."""
    known = available(path)
    if key not in known:
        raise UnknownFramework(key, list(known), asked)
    return known[key]


def named(key: str, path: Sequence[Path] | None = None, asked: str = "--framework") -> Framework:
    """The framework ``key`` on ``path``, as the command line ``asked`` for it."""
    return load_framework(lookup(key, path, asked))


def load_framework(file: str | Path) -> Framework:
    """The framework in a YAML file; raise :class:`InputError` if it is not valid."""
    return _load(Path(file).resolve(), _stamp(Path(file)))


def linked(framework: Framework, path: Sequence[Path] | None = None) -> tuple[Framework, ...]:
    """Every framework on ``path`` that ``framework``'s ``continues:`` links reach, directly or
    through another, nearest first. A link to a framework that is not on the path (or not
    valid) ends there: history then says the element cannot be compared."""
    from ..model import reference_parts

    known = available(path)
    found: dict[str, Framework] = {framework.key: framework}
    waiting = [framework]
    while waiting:
        for definition in waiting.pop(0).elements:
            for reference in definition.continues:
                key = reference_parts(reference)[0]
                if key in found or key not in known:
                    continue
                try:
                    found[key] = load_framework(known[key])
                except InputError:
                    continue
                waiting.append(found[key])
    return tuple(found.values())[1:]


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@cache
def _load(file: Path, stamp: tuple[int, int] | None) -> Framework:
    """Loaded once per file and version: a batch of assessments shares its frameworks."""
    from .. import cache
    from ..schema import check_file  # YAML and JSON Schema, only when a framework is loaded

    content = _content(file)  # a framework checked before is not read and checked again
    name = None if content is None else cache.key("framework", content)
    kept = None if name is None else cache.read("framework", name)
    if kept is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
            return framework_from(json.loads(kept))
    doc, problems = check_file(file, "framework")
    if doc is not None and not problems:
        problems = framework_problems(doc)
    if doc is None or problems:
        raise InputError(problems)
    text = json.dumps(doc.data)
    if name is not None and json.loads(text) == doc.data and _content(file) == content:
        cache.write("framework", name, text.encode("utf-8"))
    return framework_from(doc.data)


def _content(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def framework_from(data: dict[str, Any]) -> Framework:
    """The model of a framework file's data (already checked)."""
    from ..model import ElementDefinition, Framework, Grade, PillarDefinition

    def grade(d: dict[str, str]) -> Grade:
        return Grade(d["label"], d["shade"])

    def elements(items: list[dict[str, Any]]) -> tuple[ElementDefinition, ...]:
        return tuple(
            ElementDefinition(
                e["key"],
                e["name"],
                e.get("graded", True),
                e.get("report_name"),
                tuple(e.get("continues", ())),
                tuple(e.get("report_names", ())),
            )
            for e in items
        )

    if "pillars" in data:
        pillars = tuple(
            PillarDefinition(
                key=p["key"],
                name=p["name"],
                question=p.get("question"),
                elements=elements(p["elements"]),
                graded=p.get("graded", True),
            )
            for p in data["pillars"]
        )
    else:  # no pillars: one unnamed, ungraded group in the framework's order
        pillars = (
            PillarDefinition(key="", name="", elements=elements(data["elements"]), graded=False),
        )
    return Framework(
        key=data["key"],
        name=data["name"],
        inspectorate=data["inspectorate"],
        source=data["source"],
        scale=tuple(grade(g) for g in data["scale"]),
        ungraded=grade(data["ungraded"]),
        pillars=pillars,
        about=data.get("about"),
        aims=tuple(data.get("aims", ())),
        inspectorate_name=data["inspectorate_name"],
        assessment=data["assessment"],
        assessment_long=data["assessment_long"],
        round_names=tuple(data.get("round_names", ())),
        round_addresses=tuple(data.get("round_addresses", ())),
        pillar_reports=data.get("pillar_reports", False),
    )


def framework_problems(doc: YamlFile) -> list[Problem]:
    """Rules the framework schema cannot say: pillars or elements; keys unique."""
    from ..inputs import json_path

    data = doc.data
    if ("pillars" in data) == ("elements" in data):
        return [
            doc.problem(
                (),
                "a framework has either pillars (each with its elements) or "
                "elements (with no pillars), not both and not neither",
            )
        ]
    problems = []
    groups = data.get("pillars") or [{"elements": data["elements"]}]
    seen: set[str] = set()
    for p, group in enumerate(groups):
        for e, element in enumerate(group.get("elements", [])):
            key = element.get("key")
            if key in seen:
                path = (
                    ("pillars", p, "elements", e, "key")
                    if "pillars" in data
                    else ("elements", e, "key")
                )
                problems.append(
                    doc.problem(path, f"{json_path(path)}: the element key {key!r} is used twice")
                )
            seen.add(key)
    labels = [g.get("label", "").casefold() for g in data.get("scale", [])]
    if len(set(labels)) != len(labels):
        problems.append(doc.problem(("scale",), "scale: a grading label is used twice"))
    return problems
