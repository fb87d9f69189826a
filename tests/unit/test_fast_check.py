"""The quick schema check: never kinder than jsonschema, and valid input passes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from briefgen.errors import InputError
from briefgen.fast_check import is_valid
from briefgen.frameworks import BUILTIN as FRAMEWORKS
from briefgen.inputs import load_yaml
from briefgen.schema import SCHEMAS, schema

from ..helpers import ROOT


def jsonschema_valid(name: str, data: Any) -> bool:
    return Draft202012Validator(schema(name), format_checker=FormatChecker()).is_valid(data)


def schema_of(path: Path) -> str:
    if path.parent.name == "elements":
        return "element"
    return "assessment" if path.name == "assessment.yaml" else "framework"


def yaml_files() -> list[tuple[Path, Any]]:
    """Every input, framework and bad input file that YAML reads (the others never reach a
    schema), with its data."""
    found = [
        *sorted((ROOT / "inputs").rglob("*.yaml")),
        *sorted(FRAMEWORKS.glob("*.yaml")),
        *sorted((ROOT / "tests" / "bad_inputs").rglob("*.yaml")),
    ]
    files = []
    for path in found:
        try:
            files.append((path, load_yaml(path).data))
        except InputError:
            continue
    return files


@pytest.mark.parametrize(
    ("path", "data"),
    yaml_files(),
    ids=lambda p: str(p.relative_to(ROOT)) if isinstance(p, Path) else "",
)
def test_no_file_passes_that_jsonschema_refuses(path, data):
    name = schema_of(path)
    if is_valid(name, data):
        assert jsonschema_valid(name, data)
    if "bad_inputs" not in path.parts:  # the real inputs and frameworks: the quick way
        assert is_valid(name, data)


def test_bools_and_numbers_are_told_apart():
    base = {"element": "investigating-crime"}
    assert is_valid("element", {**base, "not_inspected": True})
    for wrong in (1, 1.0, "true", None):
        assert not is_valid("element", {**base, "not_inspected": wrong})
    assert not is_valid("element", {**base, "carried_over_from": True})
    assert is_valid("element", {**base, "carried_over_from": 2017})
    assert not is_valid("element", {**base, "carried_over_from": 1999})


def test_dates_must_be_in_the_calendar():
    head = load_yaml(ROOT / "inputs" / "metropolitan-2018-19" / "assessment.yaml").data
    assert is_valid("assessment", head)
    for wrong in ("2019-02-30", "2019-9-27", "27/09/2019", "２０19-09-27"):
        assert not is_valid("assessment", {**head, "published": wrong})


def test_every_schema_compiles():
    for name in SCHEMAS:
        assert is_valid(name, {}) is jsonschema_valid(name, {})


# Values of every kind, nested, with the schemas' own keys and values likely to appear.
_KEYS = st.sampled_from(
    [
        "element",
        "grading",
        "carried_over_from",
        "not_inspected",
        "comments",
        "causes_of_concern",
        "recommendations",
        "areas_for_improvement",
        "text",
        "items",
        "status",
        "txt",
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(1990, 2110),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "investigating-crime",
            "Good",
            "",
            " ",
            "discharged",
            "x\n",
            "Bad Key",
            "not discharged",
            "A finding.",
        ]
    ),
    st.text(max_size=5),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_an_element_passes_only_where_jsonschema_agrees(data):
    if is_valid("element", data):
        assert jsonschema_valid("element", data)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=3), st.dictionaries(_KEYS, _VALUES, max_size=3)), max_size=4
    )
)
def test_bullets_pass_only_where_jsonschema_agrees(bullets):
    data = {"element": "investigating-crime", "comments": bullets}
    assert not is_valid("element", data) or jsonschema_valid("element", data)
    if jsonschema_valid("element", data) and all(isinstance(b, str) for b in bullets):
        assert is_valid("element", data)  # plain text bullets: the quick way
