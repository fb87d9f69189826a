"""draft/find.py: a framework's pillars, elements, gradings and findings found in a report."""

from __future__ import annotations

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block
from briefgen.draft.find import find, grading_in, key_text, markers, nest
from briefgen.frameworks import BUILTIN, load_framework

PEEL = load_framework(BUILTIN / "peel-2018-19.yaml")


def test_names_compare_without_case_quotes_numbering_or_end_marks():
    assert key_text("2. Investigating Crime:") == "investigating crime"
    assert key_text("Question a) How ‘effective’ is the force?") == "how 'effective' is the force"


def test_a_grading_stated_alone_or_after_a_label():
    assert grading_in("Requires improvement", PEEL) == "Requires improvement"
    assert grading_in("Overall grading: good", PEEL) == "Good"
    assert grading_in("The force is good at this", PEEL) is None


def test_pillars_elements_gradings_and_findings():
    report = [
        Block(HEADING, "Effectiveness", 1),
        Block(PARAGRAPH, "Requires improvement"),
        Block(HEADING, "Investigating crime", 2),
        Block(PARAGRAPH, "Good"),
        Block(PARAGRAPH, "The force investigates crime well. It also supports victims."),
        Block(HEADING, "Areas for improvement", 3),
        Block(BULLET, "The force should improve its supervision.", 0),
        Block(HEADING, "Legitimacy", 1),
    ]
    assert [(kind, key) for _, kind, key in markers(report, PEEL)] == [
        ("pillar", "effectiveness"),
        ("element", "investigating-crime"),
        ("pillar", "legitimacy"),
    ]
    found = find(report, PEEL)
    assert found.pillars == {"effectiveness": "Requires improvement", "legitimacy": None}
    element = found.elements["investigating-crime"]
    assert element.grading == "Good"
    assert element.areas_for_improvement == ["The force should improve its supervision."]
    assert element.comments and "investigates crime well" in element.comments[0]
    assert list(found.elements) == ["investigating-crime"]


def test_a_list_item_is_never_a_heading_and_a_lead_in_takes_the_items_under_it():
    items = [
        Block(BULLET, t)
        for t in (
            "The force should ensure it:",
            "records stop and search;",
            "publishes its analysis.",
            "The force should train staff.",
        )
    ]
    assert nest(items) == [
        {
            "text": "The force should ensure it:",
            "items": ["records stop and search;", "publishes its analysis."],
        },
        "The force should train staff.",
    ]
    lead_in = [Block(PARAGRAPH, "The force:"), *items[1:3]]  # a lead-in as a line of its own
    assert nest(lead_in) == [
        {"text": "The force:", "items": ["records stop and search;", "publishes its analysis."]}
    ]
