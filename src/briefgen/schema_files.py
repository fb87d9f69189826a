"""The JSON Schemas shipped in ``briefgen/schemas``, read by file stem: ``assessment``,
``element`` and ``framework``. The quick check (``fast_check``), jsonschema's full one
(``schema``) and the editors' schemas (``editor_schema``) all start from these."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``briefgen/schemas``, by file stem (read once a process: not
    to be changed by a caller, who copies it first)."""
    text = resources.files("briefgen").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)
