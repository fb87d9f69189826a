"""End to end: the Met 2018/19 documents hold the hand-written briefing's grid, item by item."""

from __future__ import annotations

import pytest

from briefgen.docx_content import read_docx

from ..helpers import SEED_CAPTION, SEED_GRID, list_items, plain_texts, the_grid, under_concerns

GRID_TEMPLATES = ["summary-grid", "briefing", "committee-appendix"]
#: The Met 2018/19 follows its 2016 efficiency inspection: the grid gains a change column that
#: the hand-written seed grid does not have, showing the two efficiency elements 2016 graded.
CHANGE_HEADING = "Change since 2016"
CHANGES = {
    "Meeting current demands and using resources 2018/19": ["Improved", "was requires improvement"],
    "Planning for the future": ["Unchanged", "was good"],
}


@pytest.mark.parametrize("template", GRID_TEMPLATES)
def test_grid_holds_every_item_of_the_seed_grid(built, template, met_assessment):
    caption, table = the_grid(read_docx(built[template]))
    assert caption == SEED_CAPTION
    header, *rows = table["rows"]
    assert header["header"] is True
    headings = [plain_texts(c)[0] for c in header["cells"]]
    assert headings == [*SEED_GRID["header"][:2], CHANGE_HEADING, *SEED_GRID["header"][2:]]
    assert not any(r.get("header") for r in rows)
    assert len(rows) == len(SEED_GRID["rows"]) == 13

    elements = {e.name: e for e in met_assessment.elements}
    scale = {g.label: g.shade for g in met_assessment.framework.scale}
    scale["Ungraded"] = met_assessment.framework.ungraded.shade
    checked = 0
    for row, expected in zip(rows, SEED_GRID["rows"], strict=False):
        cells = row["cells"]
        if "pillar" in expected:
            assert len(cells) == 1 and cells[0]["span"] == 5
            assert plain_texts(cells[0]) == [expected["pillar"]]
            checked += 1
            continue
        name, grading, change, comments, actions = cells
        assert plain_texts(name) == [expected["element"]]
        assert plain_texts(change) == CHANGES.get(expected["element"], ["n/a"])
        assert plain_texts(grading) == [expected["grading"]]
        assert grading["shading"] == scale[expected["grading"]]
        assert list_items(comments) == expected["comments"]
        assert list_items(actions) == under_concerns(
            expected["recommendations"], elements[expected["element"]]
        )
        # "n/a" exactly where the seed has no bullets; causes of concern (and the label of the
        # areas for improvement after them) are the only other plain paragraphs.
        assert plain_texts(comments) == ([] if expected["comments"] else ["n/a"])
        concerns = [t for t in plain_texts(actions) if t.startswith("Cause of concern: ")]
        label = (
            ["Areas for improvement:"]
            if concerns and elements[expected["element"]].areas_for_improvement
            else []
        )
        assert plain_texts(actions) == concerns + label + (
            [] if expected["recommendations"] or concerns else ["n/a"]
        )
        checked += 3 + len(expected["comments"]) + len(expected["recommendations"])
    assert checked == 99


@pytest.mark.parametrize("template", ["summary-grid", "briefing"])
def test_a_cause_of_concern_s_recommendations_nest_under_it(built, template, met_assessment):
    """Under each of the Met's causes of concern, its recommendations a list level in; then the
    areas for improvement, labelled, at the top level: the two lists never merge."""
    _, table = the_grid(read_docx(built[template]))
    elements = {e.name: e for e in met_assessment.elements}
    seen = 0
    for row in table["rows"]:
        name = plain_texts(row["cells"][0])[0] if len(row["cells"]) == 5 else ""
        element = elements.get(name)
        if element is None or not element.causes_of_concern:
            continue
        shown = [
            (p.get("list", {}).get("level"), p["paragraph"]) for p in row["cells"][-1]["paragraphs"]
        ]
        recommendations = [(1, b.text) for b in element.recommendations]
        areas = [
            item
            for b in element.areas_for_improvement
            for item in [(0, b.text), *((1, i.text) for i in b.items)]
        ]
        assert [s for s in shown if s[0] != 2] == [
            (None, f"Cause of concern: {element.causes_of_concern[0].text}"),
            *recommendations,
            (None, "Areas for improvement:"),
            *areas,
        ]
        seen += 1
    assert seen == 2


def test_causes_of_concern_shown_above_recommendations(built):
    _, table = the_grid(read_docx(built["summary-grid"]))
    concerns = [
        (row["cells"][0]["paragraphs"][0]["paragraph"], text)
        for row in table["rows"]
        if len(row["cells"]) == 5
        for text in plain_texts(row["cells"][-1])
        if text.startswith("Cause of concern")
    ]
    assert concerns == [
        (
            "Protecting vulnerable people",
            "Cause of concern: The Metropolitan Police Service is "
            "failing to effectively manage the risk posed by medium and low-risk registered sex "
            "offenders in line with approved practice.",
        ),
        (
            "Ethical and lawful workforce behaviour",
            "Cause of concern: The size of the vetting "
            "backlog within the Metropolitan Police Service is a cause of concern.",
        ),
    ]


def test_list_paragraphs_are_real_word_bullets(built):
    _, table = the_grid(read_docx(built["summary-grid"]))
    paragraphs = [
        p
        for row in table["rows"]
        for cell in row["cells"]
        for p in cell["paragraphs"]
        if "list" in p
    ]
    assert len(paragraphs) == 66
    assert {(p["style"], p["list"]["level"], p["list"]["format"]) for p in paragraphs} == {
        ("List Bullet", 0, "bullet"),
        ("List Bullet 2", 1, "bullet"),
    }
    assert not any(p["paragraph"].startswith(("•", "·", "-")) for p in paragraphs)


def test_briefing_prose(built, met_assessment):
    content = read_docx(built["briefing"])
    body = [b for b in content["body"] if "paragraph" in b]
    texts = [b["paragraph"] for b in body]
    assert texts[0] == "PEEL 2018/19: Metropolitan Police Service"
    assert body[0]["style"] == "Heading 1"
    assert texts[1].startswith(
        "On 27 September 2019, Her Majesty’s Inspectorate of Constabulary "
        "and Fire & Rescue Services (HMICFRS) published its latest PEEL "
        "assessment (police effectiveness, efficiency and legitimacy) of "
        "the Metropolitan Police. PEEL is designed"
    )
    assert texts[1].endswith("and year on year:[^1]")
    aims = texts[2:5]
    assert aims == list(met_assessment.framework.aims)
    assert (
        texts[5] == "Emerging themes from all of the PEEL assessments undertaken by "
        "HMICFRS include:[^2]"
    )
    themes = [b for b in body[6:16]]
    assert [b["paragraph"] for b in themes] == list(met_assessment.themes.items)
    assert all(b["style"] == "List Bullet" and b["list"]["level"] == 0 for b in themes)
    heading = next(b for b in body if b["paragraph"] == "PEEL assessment of the Met")
    assert heading["style"] == "Heading 2"
    # Each source's link says what it is, then where (a screen reader lists links by text).
    assert content["footnotes"] == [
        {
            "id": 1,
            "text": "PEEL 2018/19 – an inspection of the Metropolitan Police Service "
            f"(HMICFRS, 27 September 2019), {met_assessment.source}",
        },
        {"id": 2, "text": f"HMICFRS report on the emerging themes, {met_assessment.themes.source}"},
    ]
    assert [s["orientation"] for s in content["sections"]] == ["portrait", "landscape"]
    assert content["properties"] == {
        "title": "PEEL 2018/19 assessment of the Metropolitan Police Service: briefing",
        "language": "en-GB",
    }


@pytest.mark.parametrize("template", GRID_TEMPLATES)
def test_snapshot(built, template, data_regression):
    """The whole document as read back; a change here needs a commit that says why."""
    data_regression.check(read_docx(built[template]), basename=f"met-2018-19-{template}")


def test_grading_history_shows_the_efficiency_history(built, data_regression):
    """The Met 2018/19 and the 2016 efficiency inspection it follows, element × inspection."""
    content = read_docx(built["grading-history"])
    table = next(b["table"] for b in content["body"] if "table" in b)
    header, *rows = table["rows"]
    assert header["header"] is True
    assert [[p["paragraph"] for p in c["paragraphs"]] for c in header["cells"]] == [
        ["Element of assessment"],
        ["November 2016", "PEEL 2016 efficiency"],
        ["September 2019", "PEEL 2018/19"],
    ]
    shown = {
        plain_texts(name)[0]: [plain_texts(c)[0] for c in gradings]
        for name, *gradings in (row["cells"] for row in rows)
    }
    assert shown["Efficiency: overall grading"] == ["Good", "Good"]
    assert shown["Meeting current demands and using resources 2018/19"] == [
        "Requires improvement",
        "Good",
    ]
    assert shown["Planning for the future"] == ["Good", "Good"]
    assert shown["Investigating crime"] == ["n/a", "Requires improvement"]
    assert len(rows) == 13
    data_regression.check(content, basename="met-2018-19-grading-history")
