"""serve/checking.py: an assessment checked by the library as on disk or as the form has it
(on a copy beside it, removed after), and each problem placed at the field it belongs to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.outputs import MARK
from briefgen.serve.checking import (
    SCRATCH,
    Report,
    Shown,
    anchors,
    check,
    field_at,
    placed,
    sweep,
)
from briefgen.validate import check as validate

from ...helpers import copy_met

ELEMENT = "elements/investigating-crime.yaml"


def shown(message: str, warning: bool = False, file: str = ELEMENT, line: int = 3) -> Shown:
    return Shown(file, line, 1, message, warning, f"x/{file}:{line}:1: {message}")


STILL = "grading: still “to be completed”: write the grading"


def test_a_reports_state_counts_problems_and_what_is_still_to_complete():
    assert Report([], None).state() == "ready"
    assert Report([shown("a warning", warning=True)], None).state() == "ready"
    one = Report([shown("grading: 'Fine' is not a grading")], None)
    assert one.state() == "1 problem"
    mixed = Report([shown("one"), shown("two"), shown(STILL), shown("w", warning=True)], None)
    assert mixed.state() == "2 problems, 1 still to complete"
    assert [s.message for s in mixed.problems] == ["one", "two", STILL]
    assert [s.message for s in mixed.warnings] == ["w"]
    assert mixed.to_complete == [mixed.shown[2]] and mixed.shown[2].to_complete
    assert Report([shown(STILL), shown(STILL)], None).state() == "2 still to complete"


TEXT = """\
element: investigating-crime
grading: Good
comments:
  - First.
  - text: Second.
    items: [a, b]
paper: {committee: Police and Crime Committee}
"""


def test_each_field_starts_at_its_line():
    assert anchors(TEXT) == [
        (1, "element"),
        (2, "grading"),
        (3, "comments"),
        (4, "comments-0"),
        (5, "comments-1"),
        (5, "comments-1-text"),
        (6, "comments-1-items"),
        (6, "comments-1-items-0"),
        (6, "comments-1-items-1"),
        (7, "paper"),
        (7, "paper-committee"),
    ]
    assert anchors("grading: 'the force's grading'\n") == []  # YAML cannot read it
    assert anchors("") == []


def test_a_line_belongs_to_the_field_it_falls_in_or_the_field_above_it():
    marks = anchors(TEXT)
    ids = {"element", "grading", "comments", "comments-0", "comments-1", "paper-committee"}
    assert field_at(marks, 2, ids.__contains__) == "grading"
    assert field_at(marks, 6, ids.__contains__) == "comments-1"  # a nested point: its bullet
    assert field_at(marks, 7, ids.__contains__) == "paper-committee"
    assert field_at(marks, 7, {"comments"}.__contains__) is None
    assert field_at(marks, 0, ids.__contains__) is None  # before the first field
    assert field_at(marks, 99, ids.__contains__) == "paper-committee"


def test_problems_are_placed_at_their_fields_and_the_rest_kept_apart():
    grading = shown("grading: wrong", line=2)
    point = shown("comments, bullet 2: a point", line=6)
    other = shown("published: wrong", file="assessment.yaml", line=2)
    loose = shown("element: wrong", line=1)
    by_field, rest = placed(
        [grading, point, other, loose], ELEMENT, TEXT, {"grading", "comments-1"}
    )
    assert by_field == {"grading": [grading], "comments-1": [point]}
    assert rest == [other, loose]


@pytest.fixture
def met(tmp_path: Path) -> Path:
    return copy_met(tmp_path / "inputs" / "metropolitan-2018-19")


def scratch_left(folder: Path) -> list[str]:
    return [p.name for p in folder.parent.iterdir() if SCRATCH in p.name]


def test_the_folder_on_disk_is_checked_as_validate_checks_it(met):
    report = check(met)
    assert report.shown == [] and report.state() == "ready"
    assert report.context is not None and report.context["force"]["name"].startswith("Metro")
    element = met / ELEMENT
    element.write_text(element.read_text("utf-8").replace("Requires improvement", "Fine"))
    report = check(met)
    said = validate(met).problems
    assert [s.text for s in report.shown] == [p.text() for p in said]
    assert report.shown[0].file == ELEMENT and report.context is None


def test_the_forms_text_is_checked_on_a_copy_and_named_as_the_real_file(met):
    before = (met / ELEMENT).read_bytes()
    text = before.decode().replace("grading: Requires improvement", "grading: to be completed")
    text = text.replace("  - The force needs to review how", "  - • The force needs to review how")
    report = check(met, {ELEMENT: text})
    assert [(s.file, s.line, s.warning, s.to_complete) for s in report.shown] == [
        (ELEMENT, 3, False, True),
        (ELEMENT, 6, True, False),
    ]
    assert report.shown[0].text.startswith(f"{met / ELEMENT}:3:10: grading: still “to be")
    assert (met / ELEMENT).read_bytes() == before  # the file itself is not touched
    assert scratch_left(met) == []


def test_what_the_schema_refuses_in_the_edited_file_is_told_apart(met):
    text = (met / ELEMENT).read_text("utf-8").replace("grading:", "carried_over_from: 17\ngrading:")
    refusing = check(met, {ELEMENT: text}, "element", refusals=True)
    assert [s.message.split(":")[0] for s in refusing.refused] == ["carried_over_from"]
    assert refusing.refused[0].line == 3
    assert check(met, {ELEMENT: text}, "element").refused == []
    assert scratch_left(met) == []


def test_copies_a_stopped_server_left_are_swept_and_a_running_ones_kept(met):
    parent = met.parent
    stopped = parent / f".{met.name}{SCRATCH}{2**22 + 12345}-abc"  # no process has this id
    running = parent / f".{met.name}{SCRATCH}{os.getpid()}-abc"
    for folder in (stopped, running):
        (folder / "elements").mkdir(parents=True)
    sweep(parent)
    assert not stopped.exists() and running.is_dir() and met.is_dir()


def test_a_save_a_stopped_server_left_half_written_is_swept_and_a_running_ones_kept(met):
    saved = met / "elements" / "investigating-crime.yaml"
    before = saved.read_bytes()
    stopped = saved.with_name(f".{saved.name}{MARK}{2**22 + 12345}-abc.tmp")
    running = saved.with_name(f".{saved.name}{MARK}{os.getpid()}-abc.tmp")
    for half in (stopped, running):
        half.write_bytes(before[:40])
    sweep(met.parent)
    assert not stopped.exists() and running.exists() and saved.read_bytes() == before
