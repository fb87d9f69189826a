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
from pathlib import Path
from typing import Any

from .errors import FileProblem, display_path
from .model import Framework
from .outputs import write_atomically
from .schema import schema

#: The folder, inside an assessment folder, that ``briefgen new`` and ``draft`` write them to.
SCHEMA_FOLDER = "schemas"


def editor_schemas(framework: Framework) -> dict[str, dict[str, Any]]:
    """The assessment and element schemas narrowed to ``framework``, by kind."""
    labels = [g.label for g in framework.scale]
    described = f"The grading the report gives, one of {framework.name}'s: {', '.join(labels)}."
    grading: dict[str, Any] = {"description": described, "enum": labels}
    assessment = copy.deepcopy(schema("assessment"))
    props = assessment["properties"]
    props["framework"] = {**props["framework"], "const": framework.key}
    pillars = {p.key: {**grading, "description": f"{p.name}: its overall grading, one of "
                                                 f"{', '.join(labels)}."}
               for p in framework.graded_pillars}
    props["pillars"] = {"description": props["pillars"]["description"], "type": "object",
                        "properties": pillars, "additionalProperties": False}
    element = copy.deepcopy(schema("element"))
    props = element["properties"]
    keys = [e.key for e in framework.elements]
    props["element"] = {**props["element"], "enum": keys}
    ungraded = framework.ungraded.label
    props["grading"] = {**grading, "enum": [*labels, ungraded],
                        "description": f"{described} {ungraded} where the framework does "
                                       "not grade it."}
    for kind, found in (("assessment", assessment), ("element", element)):
        found["$id"] = f"{kind}.{framework.key}.schema.json"
        found["title"] = f"{found['title']}: {framework.name}"
    return {"assessment": assessment, "element": element}


def schema_file(kind: str, framework: Framework) -> str:
    """The file name of a kind's schema for ``framework``."""
    return f"{kind}.{framework.key}.schema.json"


def schema_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_schemas(framework: Framework, folder: Path) -> list[Path]:
    """Write ``framework``'s schemas into ``folder`` (made if need be); the files written."""
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
    return f"yaml-language-server: $schema={relative_to}{SCHEMA_FOLDER}/" \
           f"{schema_file(kind, framework)}"
