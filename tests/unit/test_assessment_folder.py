"""assessment_folder.py: the folder's names, the "to be completed" value, the one writer and
the rule on a folder that exists."""

from __future__ import annotations

import pytest
import yaml

from briefgen.assessment_folder import (
    ASSESSMENT_FILE,
    TO_BE_COMPLETED,
    Notes,
    dump,
    element_file,
    is_to_be_completed,
    refuse_existing,
    write_folder,
)
from briefgen.errors import DraftError, FileProblem
from briefgen.frameworks import BUILTIN, load_framework


def test_names_and_the_marker():
    assert (ASSESSMENT_FILE, element_file("investigating-crime")) == (
        "assessment.yaml",
        "elements/investigating-crime.yaml",
    )
    assert is_to_be_completed(" To  be\ncompleted") and is_to_be_completed(TO_BE_COMPLETED)
    assert not is_to_be_completed("to be completed soon") and not is_to_be_completed(None)


def test_dump_puts_notes_above_keys_and_examples_after():
    text = dump(
        {"force": "Kent Police", "items": ["a: b", "c"]},
        ["Header"],
        Notes({"items": ["Above items."]}, ["", "example: 1"]),
    )
    assert text == (
        "# Header\nforce: Kent Police\n# Above items.\nitems:\n  - 'a: b'\n  - c\n#\n# example: 1\n"
    )
    assert yaml.safe_load(text) == {"force": "Kent Police", "items": ["a: b", "c"]}


def test_an_existing_folder_is_refused_as_each_command_allows(tmp_path):
    refuse_existing(tmp_path / "new", overwrite=None)
    with pytest.raises(FileProblem, match="briefgen new never writes over a folder"):
        refuse_existing(tmp_path, overwrite=None)
    with pytest.raises(DraftError, match="already exists; give --overwrite"):
        refuse_existing(tmp_path, overwrite=False)
    refuse_existing(tmp_path, overwrite=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(DraftError, match="is a file, not a folder"):
        refuse_existing(tmp_path / "file", overwrite=True)


def test_the_writer_writes_each_file_with_its_schema_line(tmp_path):
    framework = load_framework(BUILTIN / "peel-2018-19.yaml")
    written = write_folder(
        tmp_path / "met",
        {"framework": "peel-2018-19"},
        {"investigating-crime": {"element": "investigating-crime"}},
        ["Written by a test."],
        framework=framework,
    )
    names = [p.relative_to(tmp_path / "met").as_posix() for p in written]
    assert names[:2] == ["assessment.yaml", "elements/investigating-crime.yaml"]
    assert all(name.startswith("schemas/") for name in names[2:]) and len(names) == 4
    element = (tmp_path / "met" / "elements" / "investigating-crime.yaml").read_text("utf-8")
    assert element.splitlines()[0].startswith("# yaml-language-server: $schema=../schemas/")
    assert element.splitlines()[1] == "# Written by a test."
    with pytest.raises(DraftError, match="already exists"):
        write_folder(tmp_path / "met", {}, {}, [])
