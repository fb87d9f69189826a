"""draft/__init__.py: ``draft()`` on a small real report (``tests/fixtures/reports/real/``),
what its result says, and the reports and folders it refuses before doing any work. (The
command, the long reports and every format: ``e2e/test_draft*.py``.)"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefgen.draft import TO_BE_COMPLETED, DraftError, DraftResult, draft

from ...draft_accuracy import REAL

SURREY = REAL / "surrey-fire-2018-19.txt"
TRUTH = yaml.safe_load((REAL / "surrey-fire-2018-19.truth.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> DraftResult:
    folder = tmp_path_factory.mktemp("draft") / "surrey"
    return draft(SURREY, folder, today=dt.date(2026, 1, 2))


def test_the_report_is_told_and_its_gradings_found(drafted):
    assert drafted.framework.key == TRUTH["framework"]
    assert drafted.force == TRUTH["force"]
    truth = TRUTH["gradings"]
    assert sorted(drafted.elements_found) == sorted(truth["elements"])
    assert (drafted.gradings_found, drafted.gradings_wanted) == (
        len(truth["pillars"]) + len(truth["elements"]),
        len(drafted.framework.named_pillars) + len(drafted.framework.elements),
    )
    assert len(drafted.elements_missing) == len(drafted.framework.elements) - 3


def test_the_folder_holds_what_was_found_and_marks_the_rest(drafted):
    folder = drafted.folder
    head = yaml.safe_load((folder / "assessment.yaml").read_text("utf-8"))
    assert head["pillars"] == TRUTH["gradings"]["pillars"]
    assert head["published"] == TRUTH["published"]
    assert head["source"] == TO_BE_COMPLETED  # the page set gives no address: never guessed
    for key, grading in TRUTH["gradings"]["elements"].items():
        text = (folder / "elements" / f"{key}.yaml").read_text("utf-8")
        assert yaml.safe_load(text)["grading"] == grading
        assert "# Read from the report's words: “" in text
    missing = yaml.safe_load((folder / "elements" / "protection.yaml").read_text("utf-8"))
    assert missing == {"element": "protection", "grading": TO_BE_COMPLETED}
    assert (folder / "assessment.yaml") in drafted.files
    assert "on 2026-01-02." in (folder / "assessment.yaml").read_text("utf-8")


def test_the_summary_says_what_was_found_and_what_is_left(drafted):
    lines = drafted.summary()
    assert (
        lines[0].endswith(
            "drafted from " + str(SURREY.relative_to(REAL.parents[3])) + " (Fire and rescue "
            "inspection 2018/19, Surrey Fire and Rescue Service)"
        )
        or "surrey-fire-2018-19.txt (Fire and rescue inspection 2018/19" in lines[0]
    )
    assert lines[1:4] == [
        "elements found: 3 of 11",
        "gradings found: 6 of 14",
        "findings: 0 causes of concern, 0 recommendations, 0 areas for improvement",
    ]
    assert lines[4].startswith("not in the report: Understanding the risk of fire")
    assert lines[5].startswith("to complete: source; the grading of Understanding the risk")
    assert lines[5].endswith("(marked “to be completed”)")


def test_an_existing_folder_is_refused_before_the_report_is_read(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(DraftError, match="already exists; give --overwrite"):
        draft(SURREY, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_what_is_not_a_report_of_a_framework_is_refused_naming_it(tmp_path):
    with pytest.raises(DraftError, match="is a folder; give the report saved as a file"):
        draft(tmp_path, tmp_path / "out")
    other = tmp_path / "other.txt"
    lines = SURREY.read_text("utf-8").splitlines()
    other.write_text("\n\n".join(lines[7:8] + lines[9:11]), "utf-8")  # prose naming no part
    with pytest.raises(DraftError) as refused:
        draft(other, tmp_path / "out", framework="fire-2018-19")
    assert str(refused.value).endswith(
        "names none of the pillars or elements of Fire and rescue inspection 2018/19 (fire-2018-19)"
    )
    assert not (tmp_path / "out").exists()
