"""The input schemas for one framework, for an officer's editor (``briefgen schema``).

An editor with a YAML language server (VS Code's common YAML extension) completes keys and
values and underlines mistakes as the officer types, given a JSON Schema named on a file's
first line (``# yaml-language-server: $schema=…``). Here briefgen's own input schemas are
narrowed to one framework: its element keys, its pillars and its grading labels as the values
allowed, each field with its plain-English description.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from .authoring import BULLET_DASHES, BULLET_MARKS
from .errors import FileProblem, display_path
from .model import Framework
from .outputs import refuse_sources, write_atomically
from .schema_files import schema

#: The folder, inside an assessment folder, that ``briefgen new`` and ``draft`` write them to.
SCHEMA_FOLDER = "schemas"


def editor_schemas(framework: Framework) -> dict[str, dict[str, Any]]:
    """The assessment and element schemas narrowed to ``framework``, by kind: the rules
    ``validate`` applies, as far as a JSON Schema can say them, each with its message in plain
    words (``patternErrorMessage``/``errorMessage``, which the YAML language server shows)."""
    labels = [g.label for g in framework.scale]
    assessment = copy.deepcopy(schema("assessment"))
    _plain_words(assessment)
    props = assessment["properties"]
    props["framework"] = {
        **props["framework"],
        "const": framework.key,
        "errorMessage": f"This folder is for {framework.name}: write {framework.key}",
    }
    pillars = {
        p.key: {
            **_grading(labels, framework.name),
            "description": f"{p.name}: its overall grading, one of {', '.join(labels)}.",
        }
        for p in framework.graded_pillars
    }
    props["pillars"] = {
        "description": props["pillars"]["description"],
        "type": "object",
        "properties": pillars,
        "additionalProperties": False,
    }
    element = copy.deepcopy(schema("element"))
    _plain_words(element)
    props = element["properties"]
    keys = [e.key for e in framework.elements]
    props["element"] = {
        **props["element"],
        "enum": keys,
        "errorMessage": f"Write the key of one of {framework.name}'s elements: {', '.join(keys)}",
    }
    ungraded = [e.key for e in framework.elements if not e.graded]
    graded = _grading(labels, framework.name)
    if not ungraded:
        props["grading"] = graded
    else:  # "Ungraded" is a grading only of the elements the framework does not grade
        label = framework.ungraded.label
        props["grading"] = {
            "description": f"{graded['description']} {label} where the "
            "framework does not grade it.",
            "type": "string",
        }
        element["allOf"] = [
            {
                "if": {"required": ["element"], "properties": {"element": {"enum": ungraded}}},
                "then": {
                    "properties": {
                        "grading": {
                            "description": (
                                f"{framework.name} does not grade this element: {label}, or "
                                "no grading."
                            ),
                            **_labels_pattern([label]),
                            "examples": [label],
                            "patternErrorMessage": (
                                f"{framework.name} does not grade this element: write "
                                f"{label}, or leave the grading out"
                            ),
                        }
                    }
                },
                "else": {"properties": {"grading": graded}},
            }
        ]
    for kind, found in (("assessment", assessment), ("element", element)):
        found["$id"] = f"{kind}.{framework.key}.schema.json"
        found["title"] = f"{found['title']}: {framework.name}"
    return {"assessment": assessment, "element": element}


def _grading(labels: list[str], framework_name: str) -> dict[str, Any]:
    """A grading on the scale, in any case and spacing, as ``validate`` matches it."""
    return {
        "description": f"The grading the report gives, one of {framework_name}'s: "
        f"{', '.join(labels)}.",
        **_labels_pattern(labels),
        "examples": labels,
        "patternErrorMessage": f"Write one of {framework_name}'s gradings, as the report "
        f"gives it: {', '.join(labels)}",
    }


def _labels_pattern(labels: list[str]) -> dict[str, Any]:
    """A pattern matching any of ``labels`` as ``Framework.grade`` does: case folded, runs of
    spaces as one (in letter classes, which every regular-expression dialect reads alike)."""

    def folded(label: str) -> str:
        words = (
            "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)
            for word in label.split()
        )
        return r"\s+".join(words)

    return {
        "type": "string",
        "pattern": rf"^\s*(?:{'|'.join(folded(label) for label in labels)})\s*$",
    }


#: What ``authoring`` warns of at the start of a bullet (a typed or pasted bullet character),
#: as a pattern the text must match: none of them first.
TYPED_BULLET = rf"^(?![{BULLET_MARKS}]|[{re.escape(BULLET_DASHES)}]\s)"
_TO_BE_COMPLETED = r"^(?!\s*[Tt][Oo]\s+[Bb][Ee]\s+[Cc][Oo][Mm][Pp][Ll][Ee][Tt][Ee][Dd]\s*$)"


def _plain_words(found: dict[str, Any]) -> None:
    """The shared definitions told in plain words: text that is empty or still "to be
    completed", a web address, a date, a bullet that starts with a typed “•”."""
    defs = found["$defs"]
    defs["text"] = {
        **defs["text"],
        "pattern": _TO_BE_COMPLETED + r"[\s\S]*\S",
        "patternErrorMessage": "Write the text from the report (this is empty, or "
        "still “to be completed”)",
    }
    if "url" in defs:
        defs["url"] = {
            **defs["url"],
            "patternErrorMessage": "Write the web address, starting "
            "https://, e.g. https://www."
            "justiceinspectorates.gov.uk/…",
        }
    bullet_text = {
        "allOf": [
            {"$ref": "#/$defs/text"},
            {
                "pattern": TYPED_BULLET,
                "patternErrorMessage": "Delete the typed “•” (or “-”, “–”, "
                "“*”) and the space after it: the "
                "template adds the bullet itself",
            },
        ]
    }
    defs["bullet_text"] = bullet_text
    if "bullets" in defs:
        defs["bullets"]["errorMessage"] = (
            "Write a list of bullets, each on its own line "
            "starting “- ”; leave the key out if there is "
            "nothing to list"
        )
    if "bullet" in defs:
        text_branch, mapping = defs["bullet"]["oneOf"]
        defs["bullet"]["oneOf"] = [{"$ref": "#/$defs/bullet_text"}, mapping]
        mapping["properties"]["text"] = {
            **mapping["properties"]["text"],
            "$ref": "#/$defs/bullet_text",
        }
        mapping["properties"]["items"]["items"] = {"$ref": "#/$defs/bullet_text"}
    themes = found["properties"].get("briefing", {}).get("properties", {}).get("themes")
    if themes:
        themes["properties"]["items"]["items"] = {"$ref": "#/$defs/bullet_text"}
    _dates_in_plain_words(found)


#: A date in the calendar, as YYYY-MM-DD (leap years included): an editor's "date" format
#: checks the shape alone, ``validate`` the calendar too.
CALENDAR_DATE = (
    r"^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-"
    r"(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|"
    r"[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)


def _dates_in_plain_words(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("format") == "date":
            node["pattern"] = CALENDAR_DATE
            node["patternErrorMessage"] = (
                "Write the date as YYYY-MM-DD, e.g. 2019-09-27, a day in the calendar"
            )
        for value in node.values():
            _dates_in_plain_words(value)
    elif isinstance(node, list):
        for value in node:
            _dates_in_plain_words(value)


def schema_file(kind: str, framework: Framework) -> str:
    """The file name of a kind's schema for ``framework``."""
    return f"{kind}.{framework.key}.schema.json"


def schema_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_schemas(framework: Framework, folder: Path) -> list[Path]:
    """Write ``framework``'s schemas into ``folder`` (made if need be); the files written."""
    refuse_sources(folder, [])  # never into briefgen's own files
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for kind, data in editor_schemas(framework).items():
            path = folder / schema_file(kind, framework)
            write_atomically(path, schema_text(data).encode("utf-8"))
            written.append(path)
    except OSError as exc:
        raise FileProblem(f"{display_path(folder)}: cannot be written ({exc.strerror})") from None
    return written


def schema_line(kind: str, framework: Framework, relative_to: str = "") -> str:
    """The first line of an input file that names its schema for the editor."""
    return (
        f"yaml-language-server: $schema={relative_to}{SCHEMA_FOLDER}/{schema_file(kind, framework)}"
    )
