"""schema_files.py: the JSON Schemas shipped with briefgen, read by file stem."""

from __future__ import annotations

from importlib import resources

import pytest

from briefgen.schema_files import schema


def test_every_shipped_schema_is_read_by_its_stem():
    shipped = sorted(
        entry.name.removesuffix(".schema.json")
        for entry in resources.files("briefgen").joinpath("schemas").iterdir()
        if entry.name.endswith(".schema.json")
    )
    assert shipped == ["assessment", "element", "framework"]
    for name in shipped:
        read = schema(name)
        assert read["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert read["type"] == "object" and read["properties"]


def test_an_element_file_must_name_its_element():
    assert "element" in schema("element")["required"]


def test_a_schema_not_shipped_is_not_found():
    with pytest.raises(FileNotFoundError):
        schema("elements")
