"""The shape of the template context, worked out from a sample: what ``templates check``
checks a template's names against.

The sample is an assessment with a value in every field, built without any input files; its
context (``context.py``) is reduced to records (a mapping with known keys: force, pillar,
element, …), lists of them, and "anything". Because the shape is taken from what
``context.py`` produces, the check follows any change to the context by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import frameworks
from .context import build_context
from .model import Assessment, Bullet, Element, Paper, Pillar, Themes

#: The framework the sample context is built from (its shape is the same for every framework).
SAMPLE_FRAMEWORK = "peel-2018-19"


class _Any:
    """A value the check knows nothing more about (a loop variable, a filter's result, …)."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "any"


ANY = _Any()


@dataclass(frozen=True)
class Record:
    """A mapping with known keys: force, pillar, element, …"""

    name: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class ListShape:
    item: Any


@cache
def sample_assessment() -> Assessment:
    """An assessment with a value in every field, built without any input files."""
    framework = frameworks.load_framework(frameworks.BUILTIN / f"{SAMPLE_FRAMEWORK}.yaml")
    bullet = (Bullet("text", (Bullet("nested"),)),)
    grade = framework.scale[0]
    pillars = tuple(
        Pillar(
            p.key,
            p.name,
            grade,
            tuple(
                Element(
                    e.key,
                    e.name,
                    grade if e.graded else framework.ungraded,
                    e.graded,
                    bullet,
                    bullet,
                    bullet,
                    bullet,
                )
                for e in p.elements
            ),
        )
        for p in framework.pillars
    )
    return Assessment(
        folder=Path("."),
        framework=framework,
        force="force",
        force_short_name="force",
        force_informal_name="force",
        published=dt.date(2000, 1, 1),
        source="https://example.invalid/",
        pillars=pillars,
        themes=Themes("introduction", "https://example.invalid/", ("theme",)),
        paper=Paper("committee", dt.date(2000, 1, 1), "1", "1"),
    )


@cache
def context_shape() -> Record:
    """What the template context holds, record by record, for checking names against."""
    return _shape(build_context(sample_assessment()), "the context")


def _shape(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return Record(name, {k: _shape(v, k) for k, v in value.items()})
    if isinstance(value, list):
        items = [_shape(v, _singular(name)) for v in value]
        return ListShape(_merge(items) if items else ANY)
    return ANY


_SINGULAR = {
    "pillars": "pillar",
    "elements": "element",
    "comments": "bullet",
    "causes_of_concern": "bullet",
    "recommendations": "bullet",
    "areas_for_improvement": "bullet",
    "improvements": "bullet",
    "nested": "bullet",
    "scale": "grade",
    "aims": "aim",
    "bullets": "theme",
    "inspections": "inspection",
    "gradings": "history cell",
    "other_scales": "other scale",
}


def _singular(name: str) -> str:
    return _SINGULAR.get(name, name)


def _merge(shapes: list[Any]) -> Any:
    """One shape for the items of a list: records merged field by field."""
    if all(isinstance(s, ListShape) for s in shapes):
        items = [s.item for s in shapes if s.item is not ANY]
        return ListShape(_merge(items) if items else ANY)
    records = [s for s in shapes if isinstance(s, Record)]
    if len(records) != len(shapes):
        return ANY
    fields: dict[str, Any] = {}
    for record in records:
        for key, value in record.fields.items():
            fields[key] = value if key not in fields else _merge([fields[key], value])
    return Record(records[0].name, fields)
