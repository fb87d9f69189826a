"""serve/forms.py: what a form posts turned into the files' values, and values into the form's
fields; the buttons beside a bullet."""

from __future__ import annotations

import pytest

from briefgen.serve.forms import (
    LISTS,
    apply_op,
    assessment_values,
    bullet_view,
    element_values,
    posted_list,
    with_lists,
)


def test_a_bullet_is_shown_as_its_text_status_and_points():
    assert bullet_view("A comment.") == {"text": "A comment.", "status": "", "items": []}
    assert bullet_view(None) == {"text": "", "status": "", "items": []}
    assert bullet_view(
        {"text": "A recommendation.", "status": "discharged", "items": ["a", 2]}
    ) == {"text": "A recommendation.", "status": "discharged", "items": ["a", "2"]}


def test_posted_bullets_come_in_the_order_of_their_numbers():
    form = {f"comments-{i}-text": f"Comment {i}." for i in (10, 2, 0)}
    assert posted_list(form, "comments") == ["Comment 0.", "Comment 2.", "Comment 10."]
    assert posted_list(form, "recommendations") == []


def test_a_posted_bullet_with_a_status_or_points_becomes_a_mapping():
    form = {
        "recommendations-0-text": "  Plain.\r\n",
        "recommendations-1-text": "With a status.",
        "recommendations-1-status": "not discharged",
        "recommendations-2-text": "With points.",
        "recommendations-2-items": "first\r\n\r\n  second  \r\n",
        "recommendations-3-text": "A status the form does not offer.",
        "recommendations-3-status": "done",
    }
    assert posted_list(form, "recommendations") == [
        "Plain.",
        {"text": "With a status.", "status": "not discharged"},
        {"text": "With points.", "items": ["first", "second"]},
        "A status the form does not offer.",
    ]


@pytest.mark.parametrize(
    ("op", "done", "after"),
    [
        ("comments:add", True, ["a", "b", "c", ""]),
        ("comments:0:down", True, ["b", "a", "c"]),
        ("comments:2:up", True, ["a", "c", "b"]),
        ("comments:1:delete", True, ["a", "c"]),
        ("comments:2:to:0", True, ["c", "a", "b"]),
        ("comments:0:to:2", True, ["b", "c", "a"]),
        ("comments:0:up", False, ["a", "b", "c"]),  # the first cannot go higher
        ("comments:2:down", False, ["a", "b", "c"]),
        ("comments:1:to:1", False, ["a", "b", "c"]),
        ("comments:3:delete", False, ["a", "b", "c"]),
        ("comments:0:to:3", False, ["a", "b", "c"]),
        ("recommendations:add", False, ["a", "b", "c"]),  # not a list of this form
        ("comments:0:sideways", False, ["a", "b", "c"]),
        ("save", False, ["a", "b", "c"]),
    ],
)
def test_the_buttons_beside_a_bullet(op, done, after):
    lists = {"comments": ["a", "b", "c"]}
    assert apply_op(lists, op) is done
    assert lists["comments"] == after


CURRENT = {
    "element": "investigating-crime",
    "grading": "Good",
    "comments": ["Old."],
    "extra": "kept",
}


def test_a_graded_elements_state_sets_exactly_one_of_its_fields():
    graded, lists, fields = element_values(
        {"state": "graded", "grading": " Requires improvement ", "comments-0-text": "New."},
        True,
        CURRENT,
    )
    assert graded["grading"] == "Requires improvement"
    assert "not_inspected" not in graded and "carried_over_from" not in graded
    assert lists["comments"] == ["New."] and set(lists) == set(LISTS)
    assert set(fields) == {*LISTS, "grading", "carried_over_from", "not_inspected"}
    assert graded["element"] == "investigating-crime" and graded["extra"] == "kept"
    skipped, _, _ = element_values({"state": "not_inspected", "grading": "Good"}, True, CURRENT)
    assert skipped["not_inspected"] is True and "grading" not in skipped
    carried, _, _ = element_values({"state": "carried_over", "carried_over_from": "2017"}, True, {})
    assert carried["carried_over_from"] == 2017  # a year, as the file writes it
    typed, _, _ = element_values({"state": "carried_over", "carried_over_from": "17/18"}, True, {})
    assert typed["carried_over_from"] == "17/18"  # left for the schema to refuse
    emptied, _, _ = element_values({"state": "graded", "grading": ""}, True, CURRENT)
    assert "grading" not in emptied


def test_an_ungraded_elements_form_edits_only_its_lists():
    current = {"element": "armed-response", "grading": "Good"}
    wanted, lists, fields = element_values({"grading": "Inadequate"}, False, current)
    assert wanted == current and fields == list(LISTS)
    assert lists == {name: [] for name in LISTS}


def test_an_empty_list_is_left_out_of_the_file():
    wanted = {"element": "x", "comments": ["old"], "recommendations": ["old"]}
    assert with_lists(wanted, {"comments": ["new"], "recommendations": []}) == {
        "element": "x",
        "comments": ["new"],
    }


ASSESSMENT = {
    "framework": "peel-2018-19",
    "force": "Metropolitan Police Service",
    "force_short_name": "the Met",
    "previous": ["../old"],
    "pillars": {"effectiveness": "Good", "efficiency": "Good", "ungraded": "kept"},
    "paper": {"appendix": 2, "committee": "Police and Crime Committee"},
    "briefing": {"other": "kept", "themes": {"introduction": "Themes:", "items": ["One."]}},
}


def posted(**changed: str) -> dict[str, str]:
    """The assessment form as ASSESSMENT fills it, with ``changed`` fields."""
    form = {
        "force": "Metropolitan Police Service",
        "force_short_name": "the Met",
        "previous": "../old",
        "pillars-effectiveness": "Good",
        "pillars-efficiency": "Good",
        "paper-appendix": "2",
        "paper-committee": "Police and Crime Committee",
        "themes-introduction": "Themes:",
        "themes-items": "One.",
    }
    return {**form, **changed}


def test_an_unchanged_assessment_form_gives_the_same_values():
    wanted, fields = assessment_values(posted(), ASSESSMENT, ["effectiveness", "efficiency"])
    assert wanted == ASSESSMENT
    assert "framework" not in fields and {"force", "pillars", "paper", "briefing"} <= set(fields)


def test_an_emptied_field_drops_its_key_and_a_number_stays_a_number():
    wanted, _ = assessment_values(
        posted(**{"force_short_name": " ", "paper-committee": "", "pillars-efficiency": ""}),
        ASSESSMENT,
        ["effectiveness", "efficiency"],
    )
    assert "force_short_name" not in wanted
    assert wanted["paper"] == {"appendix": 2}
    assert wanted["pillars"] == {"effectiveness": "Good", "ungraded": "kept"}
    renumbered, _ = assessment_values(posted(**{"paper-appendix": "3"}), ASSESSMENT, [])
    assert renumbered["paper"]["appendix"] == "3"  # typed anew: the schema reads it


def test_previous_and_the_themes_are_one_a_line():
    wanted, _ = assessment_values(
        posted(previous="../a\r\n\r\n ../b ", **{"themes-items": "First.\r\n\r\nSecond.\n"}),
        ASSESSMENT,
        [],
    )
    assert wanted["previous"] == ["../a", "../b"]
    assert wanted["briefing"] == {
        "other": "kept",
        "themes": {"introduction": "Themes:", "items": ["First.", "Second."]},
    }
    cleared, _ = assessment_values(
        posted(previous="", **{"themes-introduction": "", "themes-items": ""}), ASSESSMENT, []
    )
    assert "previous" not in cleared and cleared["briefing"] == {"other": "kept"}
