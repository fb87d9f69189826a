"""draft/write.py: where the drafting modules find the one assessment folder writer; the
names it gives are ``assessment_folder.py``'s and ``errors.py``'s own, not copies."""

from __future__ import annotations

import pytest
import yaml

from briefgen import assessment_folder, errors
from briefgen.draft import write
from briefgen.frameworks import BUILTIN, load_framework

SAID = "The service requires improvement in the way it responds to fires and other emergencies."


def test_the_names_are_the_one_writers():
    assert write.write_folder is assessment_folder.write_folder
    assert write.dump is assessment_folder.dump
    assert write.Notes is assessment_folder.Notes
    assert write.DraftError is errors.DraftError
    assert sorted(write.__all__) == ["DraftError", "Notes", "dump", "write_folder"]


def test_a_drafted_element_is_written_with_the_words_its_grading_was_read_from(tmp_path):
    fire = load_framework(BUILTIN / "fire-2018-19.yaml")
    files = write.write_folder(
        tmp_path / "surrey",
        {"framework": fire.key, "force": "Surrey Fire and Rescue Service"},
        {"response": {"element": "response", "grading": "Requires improvement"}},
        ["Drafted by briefgen draft from surrey.txt on 2026-01-02."],
        framework=fire,
        notes={"elements/response.yaml": write.Notes(above={"grading": [f"Read: “{SAID}”"]})},
    )
    element = tmp_path / "surrey" / "elements" / "response.yaml"
    assert element in files and (tmp_path / "surrey" / "assessment.yaml") in files
    text = element.read_text("utf-8")
    assert f"# Read: “{SAID}”\ngrading: Requires improvement\n" in text
    assert yaml.safe_load(text) == {"element": "response", "grading": "Requires improvement"}
    with pytest.raises(write.DraftError, match="already exists; give --overwrite"):
        write.write_folder(tmp_path / "surrey", {}, {}, [])
