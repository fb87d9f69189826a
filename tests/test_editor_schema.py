"""The schemas an editor uses: the Met inputs pass them (jsonschema, as the editor checks),
a grading off the framework's scale fails, and every field is described in plain words."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from briefgen.editor_schema import editor_schemas, write_schemas
from briefgen.frameworks import available, load_framework

from .helpers import MET


def validators(tmp_path, key="peel-2018-19"):
    files = write_schemas(load_framework(available()[key]), tmp_path / "schemas")
    loaded = {p.name.split(".")[0]: json.loads(p.read_text("utf-8")) for p in files}
    return {kind: Draft202012Validator(s, format_checker=FormatChecker())
            for kind, s in loaded.items()}


def errors(validator, data) -> list[str]:
    return sorted(e.message for e in validator.iter_errors(data))


def test_the_met_inputs_pass_the_exported_schemas(tmp_path):
    found = validators(tmp_path)
    head = yaml.safe_load((MET / "assessment.yaml").read_text("utf-8"))
    head["published"] = str(head["published"])  # YAML's date, as the editor reads it: text
    assert errors(found["assessment"], head) == []
    for path in sorted((MET / "elements").glob("*.yaml")):
        assert errors(found["element"], yaml.safe_load(path.read_text("utf-8"))) == [], path.name


def test_a_bad_grading_fails_there(tmp_path):
    found = validators(tmp_path)
    element = yaml.safe_load((MET / "elements" / "investigating-crime.yaml").read_text("utf-8"))
    element["grading"] = "Requires improvment"
    assert errors(found["element"], element) == [
        "'Requires improvment' is not one of ['Outstanding', 'Good', 'Requires improvement', "
        "'Inadequate', 'Ungraded']"]
    head = yaml.safe_load((MET / "assessment.yaml").read_text("utf-8"))
    head["published"] = str(head["published"])
    head["pillars"]["efficiency"] = "Adequate"  # a grading of 2021/22, not of 2018/19
    head["pillars"]["leadership"] = "Good"
    assert errors(found["assessment"], head) == [
        "'Adequate' is not one of ['Outstanding', 'Good', 'Requires improvement', 'Inadequate']",
        "Additional properties are not allowed ('leadership' was unexpected)"]
    element["grading"] = "Good"
    element["element"] = "investigating-crimes"
    assert errors(found["element"], element)[0].startswith("'investigating-crimes' is not one of")


def test_every_field_has_a_plain_description():
    framework = load_framework(available()["peel-2023-25"])
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
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
        "Requires improvement, Inadequate. Ungraded where the framework does not grade it.")
    assert schemas["assessment"]["properties"]["framework"]["const"] == "peel-2023-25"
