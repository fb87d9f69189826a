"""serve/yamlfile.py: an officer's YAML file read, edited value by value with every other line
kept as written, and saved only over the version the form read."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest
import yaml
from ruamel.yaml.error import YAMLError

from briefgen.serve.yamlfile import Changed, edited, plain, read, save, version_of

from ...helpers import MET

ELEMENT = """\
# yaml-language-server: $schema=../schemas/element.peel-2018-19.schema.json
element: investigating-crime   # the key of the framework
grading: Requires improvement
comments:
  - 'The first comment.'
  - The second comment.

  # a comment between bullets
  - text: The third, with points.
    items:
      - a point
areas_for_improvement:
  - An area.
"""
ORDER = ("element", "grading", "carried_over_from", "not_inspected", "comments")


def changes(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+) from ``before`` to ``after``."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:1] in "+-"]


@pytest.fixture
def element(tmp_path: Path) -> Path:
    path = tmp_path / "investigating-crime.yaml"
    path.write_text(ELEMENT, "utf-8")
    return path


def test_a_file_reads_as_its_text_its_plain_values_and_a_version(element):
    edit = read(element)
    assert edit.text == ELEMENT
    assert edit.version == version_of(ELEMENT.encode())
    assert edit.plain() == {
        "element": "investigating-crime",
        "grading": "Requires improvement",
        "comments": [
            "The first comment.",
            "The second comment.",
            {"text": "The third, with points.", "items": ["a point"]},
        ],
        "areas_for_improvement": ["An area."],
    }


def test_the_version_is_of_the_bytes():
    assert version_of(b"grading: Good\n") == version_of(b"grading: Good\n")
    assert version_of(b"grading: Good\n") != version_of(b"grading: Good \n")


def test_unchanged_values_give_the_same_text(element):
    edit = read(element)
    assert edited(edit, edit.plain(), list(edit.plain()), ORDER) == ELEMENT


def test_a_changed_value_moves_only_its_line_and_comments_stay(element):
    edit = read(element)
    after = edited(edit, {**edit.plain(), "grading": "Good"}, ["grading"], ORDER)
    assert changes(ELEMENT, after) == ["- grading: Requires improvement", "+ grading: Good"]
    assert "# the key of the framework" in after and "# a comment between bullets" in after


def test_a_changed_bullet_keeps_its_neighbours_and_their_quoting(element):
    edit = read(element)
    wanted = edit.plain()
    wanted["comments"][1] = "The second comment, reworded."
    wanted["comments"][2]["items"].append("another point")
    after = edited(edit, wanted, ["comments"], ORDER)
    assert changes(ELEMENT, after) == [
        "-   - The second comment.",
        "+   - The second comment, reworded.",
        "+       - another point",
    ]
    assert "  - 'The first comment.'" in after  # its quotes as the officer wrote them


def test_a_key_the_form_left_out_is_removed_and_a_new_key_goes_in_its_place(element):
    edit = read(element)
    wanted = {k: v for k, v in edit.plain().items() if k != "grading"}
    wanted["carried_over_from"] = 2017
    after = edited(edit, wanted, ["grading", "carried_over_from"], ORDER)
    assert changes(ELEMENT, after) == [
        "- grading: Requires improvement",
        "+ carried_over_from: 2017",
    ]
    assert after.index("carried_over_from") < after.index("comments:")


def test_a_list_made_shorter_loses_its_last_bullets(element):
    edit = read(element)
    wanted = {**edit.plain(), "comments": ["The first comment."]}
    after = edited(edit, wanted, ["comments"], ORDER)
    assert yaml.safe_load(after)["comments"] == ["The first comment."]
    assert "The second comment." not in after and "a point" not in after


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("yes", '"yes"'),  # YAML 1.1 would read a truth value
        ("3", '"3"'),
        ("1.50", '"1.50"'),
        ("null", '"null"'),
        ("2019-13-45", '"2019-13-45"'),  # not a date: stays text
        ("2019-09-27", "2019-09-27"),  # a date stays a date
        ("Good", "Good"),
    ],
)
def test_text_yaml_would_read_as_something_else_is_quoted(element, typed, written):
    edit = read(element)
    after = edited(edit, {**edit.plain(), "grading": typed}, ["grading"], ORDER)
    assert f"\ngrading: {written}\n" in after
    read_back = yaml.safe_load(after)["grading"]
    assert read_back == (dt.date(2019, 9, 27) if typed == "2019-09-27" else typed)


def test_the_files_own_list_indentation_is_kept(tmp_path):
    flush = tmp_path / "flush.yaml"
    flush.write_text("element: x\ncomments:\n- one\n- two\n", "utf-8")
    edit = read(flush)
    after = edited(edit, {**edit.plain(), "comments": ["one", "two", "three"]}, ["comments"])
    assert after == "element: x\ncomments:\n- one\n- two\n- three\n"


def test_dates_read_as_the_form_shows_them():
    assert plain({"published": dt.date(2019, 9, 27), "n": [1, True]}) == {
        "published": "2019-09-27",
        "n": [1, True],
    }


def test_a_byte_order_mark_and_a_file_that_is_not_a_mapping_are_read(tmp_path):
    marked = tmp_path / "marked.yaml"
    marked.write_bytes(b"\xef\xbb\xbfelement: x\n")
    assert read(marked).plain() == {"element": "x"}
    listed = tmp_path / "listed.yaml"
    listed.write_text("- a\n- b\n", "utf-8")
    assert read(listed).plain() == {}


def test_a_file_yaml_cannot_read_raises_and_is_not_edited(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("grading: 'the force's grading'\n", "utf-8")
    with pytest.raises(YAMLError):  # the page shows validate's words for it instead
        read(broken)


def test_a_save_writes_the_text_and_gives_its_version(element):
    edit = read(element)
    text = edited(edit, {**edit.plain(), "grading": "Good"}, ["grading"], ORDER)
    new_version = save(element, text, edit.version)
    assert element.read_text("utf-8") == text
    assert new_version == read(element).version != edit.version


def test_a_save_over_a_file_changed_since_it_was_read_is_refused(element):
    edit = read(element)
    element.write_text(ELEMENT.replace("An area.", "An area, edited elsewhere."), "utf-8")
    before = element.read_bytes()
    with pytest.raises(Changed):
        save(element, edited(edit, {**edit.plain(), "grading": "Good"}, ["grading"]), edit.version)
    assert element.read_bytes() == before


def test_the_met_files_round_trip_byte_for_byte():
    for path in [MET / "assessment.yaml", *sorted((MET / "elements").glob("*.yaml"))]:
        edit = read(path)
        assert edited(edit, edit.plain(), list(edit.plain())) == path.read_text("utf-8"), path
