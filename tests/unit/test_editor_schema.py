"""The schemas an editor uses: the Met inputs pass them (jsonschema, as the editor checks),
a grading off the framework's scale fails, and every field is described in plain words."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from briefgen.editor_schema import editor_schemas, write_schemas
from briefgen.frameworks import available, load_framework

from ..helpers import MET


def validators(tmp_path, key="peel-2018-19"):
    files = write_schemas(load_framework(available()[key]), tmp_path / "schemas")
    loaded = {p.name.split(".")[0]: json.loads(p.read_text("utf-8")) for p in files}
    return {
        kind: Draft202012Validator(s, format_checker=FormatChecker()) for kind, s in loaded.items()
    }


def errors(validator, data) -> list[str]:
    return sorted(e.message for e in validator.iter_errors(data))


def test_the_met_inputs_pass_the_exported_schemas(tmp_path):
    found = validators(tmp_path)
    head = yaml.safe_load((MET / "assessment.yaml").read_text("utf-8"))
    head["published"] = str(head["published"])  # YAML's date, as the editor reads it: text
    assert errors(found["assessment"], head) == []
    for path in sorted((MET / "elements").glob("*.yaml")):
        assert errors(found["element"], yaml.safe_load(path.read_text("utf-8"))) == [], path.name


def failing(validator, data) -> list[tuple[str, object]]:
    """Where ``data`` fails, and the value there."""
    return sorted(
        (".".join(map(str, e.absolute_path)), e.instance) for e in validator.iter_errors(data)
    )


def test_a_bad_grading_fails_there(tmp_path):
    found = validators(tmp_path)
    element = yaml.safe_load((MET / "elements" / "investigating-crime.yaml").read_text("utf-8"))
    element["grading"] = "Requires improvment"
    assert failing(found["element"], element) == [("grading", "Requires improvment")]
    element["grading"] = "Ungraded"  # a grading only of the elements 2018/19 does not grade
    assert failing(found["element"], element) == [("grading", "Ungraded")]
    head = yaml.safe_load((MET / "assessment.yaml").read_text("utf-8"))
    head["published"] = str(head["published"])
    head["pillars"]["efficiency"] = "Adequate"  # a grading of 2021/22, not of 2018/19
    head["pillars"]["leadership"] = "Good"
    assert errors(found["assessment"], head)[-1] == (
        "Additional properties are not allowed ('leadership' was unexpected)"
    )
    assert ("pillars.efficiency", "Adequate") in failing(found["assessment"], head)
    element["grading"] = "Good"
    element["element"] = "investigating-crimes"
    assert errors(found["element"], element)[0].startswith("'investigating-crimes' is not one of")


@pytest.mark.parametrize(
    "grading",
    [
        "Requires improvement",
        "requires improvement",
        "REQUIRES  IMPROVEMENT",
        " Good ",
        "outstanding",
    ],
)
def test_gradings_pass_in_any_case_as_validate_reads_them(tmp_path, grading):
    element = yaml.safe_load((MET / "elements" / "investigating-crime.yaml").read_text("utf-8"))
    element["grading"] = grading
    assert failing(validators(tmp_path)["element"], element) == []


def test_ungraded_is_the_grading_of_an_ungraded_element_only(tmp_path):
    found = validators(tmp_path)["element"]
    armed = yaml.safe_load((MET / "elements" / "armed-response.yaml").read_text("utf-8"))
    assert failing(found, {**armed, "grading": "ungraded"}) == []
    assert failing(found, {**armed, "grading": "Good"}) == [("grading", "Good")]


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        ("2019-09-27", True),
        ("2020-02-29", True),
        ("2019-02-29", False),
        ("2019-02-30", False),
        ("27/09/2019", False),
    ],
)
def test_dates_are_days_in_the_calendar(tmp_path, date, ok):
    head = yaml.safe_load((MET / "assessment.yaml").read_text("utf-8"))
    head["published"] = date
    assert (failing(validators(tmp_path)["assessment"], head) == []) is ok


def test_every_field_has_a_plain_description():
    framework = load_framework(available()["peel-2023-25"])
    missing = []

    def walk(node, where):
        if isinstance(node, dict) and not where.endswith("/if"):  # a condition, not a field
            for key, field in node.get("properties", {}).items():
                if not field.get("description"):
                    missing.append(f"{where}.{key}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    schemas = editor_schemas(framework)
    for kind, schema in schemas.items():
        walk(schema, kind)
    assert missing == []
    assert schemas["element"]["properties"]["grading"]["description"] == (
        "The grading the report gives, one of PEEL 2023–25's: Outstanding, Good, Adequate, "
        "Requires improvement, Inadequate. Ungraded where the framework does not grade it."
    )
    assert schemas["assessment"]["properties"]["framework"]["const"] == "peel-2023-25"
