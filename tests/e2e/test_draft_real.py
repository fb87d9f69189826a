"""briefgen draft on the real-report corpus (tests/fixtures/reports/real/): each report's draft
against the ground truth read from it by hand, the corpus's totals against the thresholds the
drafting is held to, and the rules each kind of page taught (page furniture, gradings in words,
the round from its own words, a heading only where it is one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefgen.draft import TO_BE_COMPLETED, DraftError, draft

from ..draft_accuracy import load, report_of, score, truths
from ..helpers import check_assessment

TODAY = dt.date(2024, 5, 1)
TRUTHS = truths()


def _drafted(truth: Path, folder: Path) -> dict:
    try:
        draft(report_of(truth), folder, today=TODAY)
    except DraftError as exc:
        return score(truth, None, str(exc))
    return score(truth, folder)


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("real")
    return {t.name: _drafted(t, folder / t.name) for t in TRUTHS}


def test_the_corpus_covers_every_round_and_enough_forces():
    rounds = {yaml.safe_load(t.read_text("utf-8"))["framework"] for t in TRUTHS}
    assert {
        "peel-2014",
        "peel-2015",
        "peel-2016",
        "peel-2017",
        "peel-2018-19",
        "peel-2021-22",
        "peel-2023-25",
        "fire-2018-19",
        "fire-2021-22",
        "fire-2023-25",
    } <= rounds
    forces = {yaml.safe_load(t.read_text("utf-8"))["force"] for t in TRUTHS}
    assert len(TRUTHS) >= 30
    assert len({f for f in forces if "Fire" in f}) >= 4 and len(forces) >= 16


@pytest.mark.parametrize("truth", TRUTHS, ids=[t.name.removesuffix(".truth.yaml") for t in TRUTHS])
def test_each_report_gives_its_truth_and_nothing_else(truth, scores):
    got = scores[truth.name]
    print(truth.name, got)
    assert got["framework"], got["refused"]  # right, or refused naming the right one
    assert got["gradings_wrong"] == 0 and got["gradings_invented"] == 0
    assert got["findings_extra"] == 0
    if got["refused"] is None:
        assert not got["force_prose"]
        assert got["date"]


def test_the_corpus_meets_the_thresholds(scores):
    total = {
        key: sum(int(s[key]) for s in scores.values())
        for key in (
            "gradings_right",
            "gradings_stated",
            "findings_found",
            "findings_verbatim",
            "findings_stated",
        )
    }
    print(total)
    assert total["gradings_right"] >= 0.95 * total["gradings_stated"]
    assert total["findings_verbatim"] >= 0.95 * total["findings_stated"]


def _one(tmp_path: Path, text: str, **options) -> tuple[dict, dict[str, dict]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    draft(report, tmp_path / "out", today=TODAY, **options)
    return load(tmp_path / "out")


PAGES_2018 = """Skip to content

Westshire 2018/19

Read more about WestshireThis is HMICFRS’s fifth PEEL assessment of Westshire Police.

the extent to which the force is effective at reducing crime and keeping people safe is good.

Skip to content

Westshire PEEL 2018

How effectively does the force reduce crime and keep people safe?

Last updated 22/03/2019
Good

Westshire Police is good at investigating crime.

The force is generally good at protecting vulnerable people.

Westshire Police is good at preventing serious and organised crime in its towns.

In 2017, we assessed the force as good at:

  • preventing crime and tackling anti-social behaviour; and
  • responding to national risks.

How effective is the force at tackling serious and organised crime?

Requires improvement

This question was not subject to detailed inspection in 2018/19, and our judgment
from the 2017 effectiveness inspection has been carried over.

How efficiently does the force operate and how sustainable are its services to the public?

Westshire Police is outstanding at planning for the future.
"""


def test_gradings_in_words_are_read_and_quoted_and_narrower_prose_is_not(tmp_path):
    head, elements = _one(tmp_path, PAGES_2018)
    assert head["framework"] == "peel-2018-19"  # "2018/19" and "PEEL 2018" in its titles
    assert head["force"] == "Westshire Police" and head["published"] == dt.date(2019, 3, 22)
    assert head["pillars"] == {
        "effectiveness": "Good",
        "efficiency": TO_BE_COMPLETED,
        "legitimacy": TO_BE_COMPLETED,
    }
    assert "covers" not in head  # one report of every pillar: the missing are missing
    assert elements["investigating-crime"]["grading"] == "Good"
    assert elements["planning-for-the-future"]["grading"] == "Outstanding"
    # carried over with its year, from the list that grades each area in turn
    assert elements["preventing-crime"] == {
        "element": "preventing-crime",
        "grading": "Good",
        "carried_over_from": 2017,
    }
    # the question heading and the grading on the next line, carried over
    assert elements["serious-and-organised-crime"]["grading"] == "Requires improvement"
    assert elements["serious-and-organised-crime"]["carried_over_from"] == 2017
    # "generally good" is not a grading
    assert elements["protecting-vulnerable-people"]["grading"] == TO_BE_COMPLETED
    written = (tmp_path / "out" / "elements" / "investigating-crime.yaml").read_text("utf-8")
    assert (
        "# Read from the report's words: “Westshire Police is good at investigating crime.”\n"
        "grading: Good\n" in written
    )
    assert "Skip to content" not in (tmp_path / "out" / "assessment.yaml").read_text("utf-8")


def test_a_round_is_told_by_its_words_and_an_unknown_round_by_name(tmp_path):
    text = PAGES_2018.replace("Westshire 2018/19", "Westshire 2013").replace(
        "Westshire PEEL 2018", "Westshire PEEL 2013"
    )
    with pytest.raises(DraftError) as caught:
        _one(tmp_path, text)
    assert "the report is of “Westshire 2013”, a round briefgen has no framework for" in str(
        caught.value
    )
    titled = PAGES_2018.replace("Westshire PEEL 2018", "Westshire PEEL 2017").replace(
        "Westshire 2018/19", "Westshire 2017"
    )
    head, _ = _one(tmp_path / "2017", titled)
    assert head["framework"] == "peel-2017"
    assert head["covers"] == ["effectiveness", "efficiency"]  # 2017: a report per pillar


def test_a_force_name_that_is_not_one_is_to_be_completed(tmp_path):
    text = (
        "This is HMICFRS’s fifth assessment.\n\nHow effectively does the force reduce crime "
        "and keep people safe?\n\nGood\n\nHow effective is the force at investigating crime "
        "and reducing re-offending?\n\nGood\n"
    )
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    result = draft(report, tmp_path / "out", framework="peel-2018-19", today=TODAY)
    assert result.force == TO_BE_COMPLETED
    assert any(
        item.startswith("force (looked for “An inspection of …”") for item in result.to_complete
    )


def test_validate_refuses_covers_that_leaves_out_a_pillar_of_a_whole_report(tmp_path):
    head, _ = _one(tmp_path, PAGES_2018)
    folder = tmp_path / "out"
    text = (folder / "assessment.yaml").read_text("utf-8")
    (folder / "assessment.yaml").write_text(text + "covers: [effectiveness, legitimacy]\n", "utf-8")
    _, problems = check_assessment(folder)
    assert any(
        p.message.startswith(
            "covers: PEEL 2018/19 inspected every pillar in one report, so an assessment of it "
            "covers them all, but covers leaves out Efficiency"
        )
        for p in problems
    )


FIRE_2021 = """Westshire 2021/22

Effectiveness

How effective is the fire and rescue service at keeping people safe and secure?

Last updated 15/12/2021
Good

How effective is the FRS at understanding the risk of fire and other emergencies?

Westshire Fire and Rescue Service is good at understanding risk.

Westshire Fire and Rescue Service was good in its 2018/19 assessment.

Areas for improvement

The service should make sure its staff have good access to up-to-date risk information.

We set out our detailed findings below. These are the basis for our judgment.

How effective is the FRS at preventing fires and other risks?

The service is good at preventing serious fires in high-rise buildings.

Service assessment data table

Making best use of resources Requires improvement
"""


def test_a_question_is_graded_by_the_sentence_under_it_and_a_table_row_by_its_cells(tmp_path):
    head, elements = _one(tmp_path, FIRE_2021)
    assert (
        head["framework"] == "fire-2021-22" and head["force"] == "Westshire Fire and Rescue Service"
    )
    assert head["pillars"]["effectiveness"] == "Good"
    assert elements["understanding-risk"]["grading"] == "Good"  # not the 2018/19 one
    assert elements["understanding-risk"]["areas_for_improvement"] == [
        "The service should make sure its staff have good access to up-to-date risk information."
    ]
    assert elements["preventing-fires"]["grading"] == TO_BE_COMPLETED  # narrower: not its grading
    assert elements["use-of-resources"]["grading"] == "Requires improvement"


def test_published_is_a_full_date_and_a_month_alone_is_named_in_the_hint(tmp_path):
    report = tmp_path / "report.txt"
    pages = PAGES_2018.split("Skip to content", 2)[2].replace("Last updated", "On")
    report.write_text(
        "PEEL 2018/19 – An inspection of Westshire Police\n\n27 September 2019\n\n" + pages,
        encoding="utf-8",
    )
    draft(report, tmp_path / "out", today=TODAY)
    assert load(tmp_path / "out")[0]["published"] == dt.date(2019, 9, 27)
    report.write_text(
        "PEEL 2018/19 – An inspection of Westshire Police\n\nSeptember 2019\n\n" + pages,
        encoding="utf-8",
    )
    result = draft(report, tmp_path / "out", today=TODAY, overwrite=True)
    assert "published (the report says only “September 2019”)" in result.to_complete
