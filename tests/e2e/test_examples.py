"""The shipped examples (inputs/*) as an officer opens them in an editor: each file names its
schema, and the schemas beside them are what ``briefgen schema`` writes today."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen import frameworks
from briefgen.editor_schema import SCHEMA_FOLDER, schema_line, write_schemas

from ..helpers import ROOT

EXAMPLES = sorted(p for p in (ROOT / "inputs").iterdir() if (p / "assessment.yaml").is_file())


def framework_of(folder: Path):
    key = yaml.safe_load((folder / "assessment.yaml").read_text("utf-8"))["framework"]
    return frameworks.named(key)


def test_there_are_examples():
    assert [p.name for p in EXAMPLES] == ["metropolitan-2016-efficiency", "metropolitan-2018-19"]


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_each_example_file_names_its_schema(folder):
    framework = framework_of(folder)
    files = [(folder / "assessment.yaml", "assessment", "")] + [
        (path, "element", "../") for path in sorted((folder / "elements").glob("*.yaml"))
    ]
    for path, kind, up in files:
        line = f"# {schema_line(kind, framework, up)}"
        assert path.read_text("utf-8").splitlines()[0] == line, f"{path}: first line not {line!r}"
        target = path.parent / line.split("$schema=", 1)[1]
        assert target.is_file(), target


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_schemas_are_what_briefgen_schema_writes_today(folder, tmp_path):
    framework = framework_of(folder)
    written = {path.name: path.read_bytes() for path in write_schemas(framework, tmp_path)}
    shipped = {path.name: path.read_bytes() for path in (folder / SCHEMA_FOLDER).iterdir()}
    assert shipped == written, (
        f"{folder.name}/{SCHEMA_FOLDER} is out of date: write it again with briefgen schema "
        f"--framework {framework.key} -o inputs/{folder.name}/{SCHEMA_FOLDER}"
    )
