"""Year on year: the direction of travel across scales and judgement states."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen import frameworks
from briefgen.frameworks import load_framework
from briefgen.history import change
from briefgen.model import Grade

from ..helpers import MET, MET_2016, copy_met, load_assessment


@pytest.fixture(scope="module")
def met():
    return load_assessment(MET)


def with_grade(assessment, key: str, label: str, **changes):
    """``assessment`` with element ``key`` graded ``label`` (and any other field changed)."""
    grade = assessment.framework.grade(label) or Grade(label, "E7E6E6")
    pillars = tuple(
        dataclasses.replace(
            p,
            elements=tuple(
                dataclasses.replace(e, grade=grade, **changes) if e.key == key else e
                for e in p.elements
            ),
        )
        for p in assessment.pillars
    )
    return dataclasses.replace(assessment, pillars=pillars)


def element(assessment, key: str):
    return next(e for e in assessment.elements if e.key == key)


def test_the_met_since_2016(met):
    assert [p.folder.name for p in met.previous] == [MET_2016.name]
    got = {e.key: change(e, met) for e in met.elements}
    meeting, planning = got["meeting-current-demands"], got["planning-for-the-future"]
    assert (meeting.since, meeting.direction, meeting.previous) == (
        2016,
        "improved",
        "Requires improvement",
    )
    assert (planning.direction, planning.previous) == ("unchanged", "Good")
    # The 2016 report covered efficiency only: nothing to compare the other pillars with.
    assert [k for k, c in got.items() if c is None] == [
        "preventing-crime",
        "investigating-crime",
        "protecting-vulnerable-people",
        "serious-and-organised-crime",
        "armed-response",
        "fair-treatment-of-the-public",
        "ethical-and-lawful-workforce-behaviour",
        "fair-treatment-of-the-workforce",
    ]


@pytest.mark.parametrize(
    ("now", "then", "direction"),
    [
        ("Outstanding", "Good", "improved"),
        ("Good", "Requires improvement", "improved"),
        ("Requires improvement", "Good", "declined"),
        ("Inadequate", "Outstanding", "declined"),
        ("Good", "Good", "unchanged"),
    ],
)
def test_same_scale(met, now, then, direction):
    current = with_grade(met, "meeting-current-demands", now)
    earlier = with_grade(met.previous[0], "using-resources", then)
    current = dataclasses.replace(current, previous=(earlier,))
    found = change(element(current, "meeting-current-demands"), current)
    assert (found.direction, found.previous) == (direction, then)


def test_different_scales_are_not_comparable(met):
    five_point = load_framework(frameworks.available()["peel-2023-25"])
    earlier = met.previous[0]
    earlier = dataclasses.replace(
        earlier, framework=dataclasses.replace(earlier.framework, scale=five_point.scale)
    )
    current = dataclasses.replace(met, previous=(earlier,))
    found = change(element(current, "meeting-current-demands"), current)
    assert (found.direction, found.previous) == ("not comparable", "Requires improvement")


@pytest.mark.parametrize("state", ["not inspected", "ungraded"])
def test_an_element_without_a_grading_is_not_comparable(met, state):
    label = "Not inspected" if state == "not inspected" else "Ungraded"
    current = with_grade(met, "meeting-current-demands", label, state=state)
    assert (
        change(element(current, "meeting-current-demands"), current).direction == "not comparable"
    )
    earlier = with_grade(met.previous[0], "using-resources", label, state=state)
    current = dataclasses.replace(met, previous=(earlier,))
    assert (
        change(element(current, "meeting-current-demands"), current).direction == "not comparable"
    )


def test_a_carried_over_grading_compares_and_shows_its_year(met):
    earlier = with_grade(
        met.previous[0], "using-resources", "Good", state="carried over", carried_over_from=2015
    )
    current = dataclasses.replace(met, previous=(earlier,))
    found = change(element(current, "meeting-current-demands"), current)
    assert (found.direction, found.previous) == ("unchanged", "Good (2015)")


def test_an_element_that_continues_nothing_is_new(met):
    framework = met.framework
    pillars = tuple(
        dataclasses.replace(
            p,
            elements=tuple(
                dataclasses.replace(e, continues=()) if e.key == "planning-for-the-future" else e
                for e in p.elements
            ),
        )
        for p in framework.pillars
    )
    current = dataclasses.replace(met, framework=dataclasses.replace(framework, pillars=pillars))
    found = change(element(current, "planning-for-the-future"), current)
    assert (found.since, found.direction, found.previous) == (2016, "new", "")


def test_no_previous_no_change(met):
    alone = dataclasses.replace(met, previous=())
    assert all(change(e, alone) is None for e in alone.elements)


def test_previous_mistakes_are_located(met_copy, tmp_path):
    from ..helpers import check_assessment

    text = (met_copy / "assessment.yaml").read_text("utf-8")
    (met_copy / "assessment.yaml").write_text(
        text.replace(
            "previous: [../metropolitan-2016-efficiency]",
            "previous: [../metropolitan-2016-efficency, ., ../metropolitan-2016-efficiency]",
        ),
        "utf-8",
    )
    earlier = met_copy.parent / "metropolitan-2016-efficiency" / "assessment.yaml"
    earlier.write_text(earlier.read_text("utf-8").replace("2016-11-03", "2020-01-01"), "utf-8")
    _, problems = check_assessment(met_copy)
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [
        "9:12: previous, entry 1: '../metropolitan-2016-efficency' is not an assessment folder (no "
        f"assessment.yaml in {(tmp_path / 'metropolitan-2016-efficency')})",
        "9:44: previous, entry 2: '.' leads back to an assessment already in this chain",
        "9:47: previous, entry 3: '../metropolitan-2016-efficiency' was published 2020-01-01, not "
        "before this assessment",
    ]


# --- the chain and the grading history -----------------------------------------------------


def test_lineage_follows_continues_links_through_each_framework_known():
    from briefgen.history import lineage

    loaded = {
        k: load_framework(frameworks.available()[k])
        for k in ("peel-2016", "peel-2017", "peel-2018-19", "peel-2021-22")
    }
    assert lineage(loaded["peel-2021-22"], "investigating-crime", loaded) == (
        "peel-2021-22/investigating-crime",
        "peel-2018-19/investigating-crime",
        "peel-2017/investigating-crime",
        "peel-2016/investigating-crime",
        "peel-2015/investigating-crime",
    )  # PEEL 2016 continues 2015's, whose file is not loaded
    # Without PEEL 2018/19's file its own links cannot be followed: the chain stops there.
    del loaded["peel-2018-19"]
    assert lineage(loaded["peel-2021-22"], "investigating-crime", loaded) == (
        "peel-2021-22/investigating-crime",
        "peel-2018-19/investigating-crime",
    )


def later(met, year: int, *previous):
    """A made-up later inspection of the Met, on the same framework, following ``previous``."""
    return dataclasses.replace(
        met,
        folder=met.folder.parent / f"metropolitan-{year}",
        published=met.published.replace(year=year),
        previous=previous,
    )


def test_the_chain_is_every_assessment_followed_once_oldest_first(met):
    from briefgen.history import chain

    assert [a.published.year for a in chain(met)] == [2016, 2019]
    # Following both the 2019 assessment and, again, the 2016 one it follows: each once.
    latest = later(met, 2021, met, met.previous[0])
    assert [a.published.year for a in chain(latest)] == [2016, 2019, 2021]


def test_the_met_grading_history(met):
    from briefgen.context import build_context

    history = build_context(met)["history"]
    assert [(i["published"].year, i["name"], i["current"]) for i in history["inspections"]] == [
        (2016, "PEEL 2016 efficiency", False),
        (2019, "PEEL 2018/19", True),
    ]
    assert history["same_scale"] is True
    rows = {
        e["name"]: [c["grading"] for c in e["gradings"]]
        for p in history["pillars"]
        for e in p["elements"]
    }
    assert rows["Meeting current demands and using resources 2018/19"] == [
        "Requires improvement",
        "Good",
    ]
    assert rows["Planning for the future"] == ["Good", "Good"]
    assert rows["Investigating crime"] == ["", "Requires improvement"]  # 2016: efficiency only
    pillars = {p["key"]: [c["grading"] for c in p["gradings"]] for p in history["pillars"]}
    assert pillars == {
        "effectiveness": ["", "Requires improvement"],
        "efficiency": ["Good", "Good"],
        "legitimacy": ["", "Good"],
    }
    empty = history["pillars"][0]["gradings"][0]
    assert empty == {"grading": "", "shade": "FFFFFF", "linked": True}  # 2016 did not assess it


def test_history_across_three_inspections_and_a_carried_over_grading(met):
    from briefgen.context import build_context

    carried = with_grade(
        met, "planning-for-the-future", "Good", carried_over_from=2017, state="carried over"
    )
    latest = later(with_grade(met, "meeting-current-demands", "Outstanding"), 2021, carried)
    history = build_context(latest)["history"]
    assert [i["published"].year for i in history["inspections"]] == [2016, 2019, 2021]
    rows = {
        e["key"]: [c["grading"] for c in e["gradings"]]
        for p in history["pillars"]
        for e in p["elements"]
    }
    assert rows["meeting-current-demands"] == ["Requires improvement", "Good", "Outstanding"]
    assert rows["planning-for-the-future"] == ["Good", "Good (2017)", "Good"]


# --- across a framework no assessment in the chain uses ----------------------------------------

#: A made-up PEEL 2023–25 inspection of the Met: each area's grading (five-point scale).
GRADINGS_2023_25 = {
    "victim-service-assessment": None,
    "police-powers-and-public-treatment": "Adequate",
    "preventing-crime": "Good",
    "responding-to-the-public": "Inadequate",
    "investigating-crime": "Requires improvement",
    "protecting-vulnerable-people": "Adequate",
    "managing-offenders": "Good",
    "positive-workplace": "Adequate",
    "leadership-and-force-management": "Requires improvement",
    "serious-and-organised-crime": "Good",
}


def met_2023_25(tmp_path, previous: str = "[../metropolitan-2018-19]"):
    """A PEEL 2023–25 assessment folder following the Met 2018/19 (``previous:``) directly,
    linked to it only through PEEL 2021/22's ``continues:``."""
    copy_met(tmp_path / "metropolitan-2018-19")
    folder = tmp_path / "metropolitan-2023-25"
    (folder / "elements").mkdir(parents=True)
    (folder / "assessment.yaml").write_text(
        "framework: peel-2023-25\nforce: Metropolitan Police Service\n"
        "published: 2025-06-01\nsource: https://example.invalid/met-2025\n"
        f"previous: {previous}\n",
        "utf-8",
    )
    for key, grading in GRADINGS_2023_25.items():
        text = f"element: {key}\n" + (f"grading: {grading}\n" if grading else "")
        (folder / "elements" / f"{key}.yaml").write_text(
            text + "comments: [Something found.]\n", "utf-8"
        )
    return load_assessment(folder)


def test_previous_across_a_framework_no_assessment_uses(tmp_path):
    """2023–25 straight to 2018/19: the 2021/22 framework's links are followed anyway."""
    current = met_2023_25(tmp_path)
    got = {e.key: change(e, current) for e in current.elements}
    investigating = got["investigating-crime"]
    assert (investigating.since, investigating.direction, investigating.previous) == (
        2019,
        "not comparable",
        "Requires improvement",
    )  # four points then, five now
    assert (got["preventing-crime"].direction, got["preventing-crime"].previous) == (
        "not comparable",
        "Good",
    )
    # 2021/22's "responding to the public" continues nothing of 2018/19's: no link, so it
    # cannot be compared, and is not said to have gone unassessed in 2019.
    responding = got["responding-to-the-public"]
    assert (responding.direction, responding.previous) == ("not comparable", "")


def test_history_across_a_framework_says_only_what_is_true(tmp_path):
    from briefgen.context import build_context

    history = build_context(met_2023_25(tmp_path))["history"]
    cells = {e["key"]: e["gradings"][1] for p in history["pillars"] for e in p["elements"]}
    assert cells["investigating-crime"] == {
        "grading": "Requires improvement",
        "shade": "FFFFFF",
        "linked": True,
    }
    assert cells["responding-to-the-public"] == {"grading": "", "shade": "FFFFFF", "linked": False}
    # The 2019 "Good" (four points) is not shaded as the 2025 "Good" (five points) is.
    goods = [
        e["gradings"]
        for p in history["pillars"]
        for e in p["elements"]
        if e["key"] == "preventing-crime"
    ][0]
    assert [c["grading"] for c in goods] == ["", "Good", "Good"]  # 2016 was efficiency only
    assert goods[1]["shade"] != goods[2]["shade"]
    assert history["same_scale"] is False
    assert history["other_scales"] == [
        {"framework": "PEEL 2016", "points": 4},
        {"framework": "PEEL 2018/19", "points": 4},
    ]
    assert [(i["framework"], i["same_scale"], i["points"]) for i in history["inspections"]] == [
        ("PEEL 2016", False, 4),
        ("PEEL 2018/19", False, 4),
        ("PEEL 2023–25", True, 5),
    ]


def test_a_previous_that_changes_nothing_is_found(met, tmp_path):
    from briefgen.history import unused_previous

    assert unused_previous(met) == []
    assert unused_previous(met_2023_25(tmp_path)) == []
    # The Met 2018/19 following an assessment none of its elements continue.
    framework = met.framework
    pillars = tuple(
        dataclasses.replace(
            p, elements=tuple(dataclasses.replace(e, continues=()) for e in p.elements)
        )
        for p in framework.pillars
    )
    unlinked = dataclasses.replace(met, framework=dataclasses.replace(framework, pillars=pillars))
    assert unused_previous(unlinked) == [0]
    both = dataclasses.replace(met, previous=(met.previous[0], unlinked))
    assert unused_previous(both) == []
    assert unused_previous(
        dataclasses.replace(unlinked, previous=(met.previous[0], met.previous[0]))
    ) == [0, 1]


def test_what_the_documents_say_across_frameworks_and_scales(met, tmp_path):
    from briefgen.docx_content import read_docx
    from briefgen.render import render_bytes
    from briefgen.templates import builtin_templates

    def read(assessment, template):
        path = tmp_path / f"{template}.docx"
        path.write_bytes(render_bytes(assessment, builtin_templates()[template]))
        return read_docx(path)

    content = read(met_2023_25(tmp_path), "grading-history")
    texts = [b["paragraph"] for b in content["body"] if "paragraph" in b]
    assert texts[2] == (
        "PEEL 2023–25 grades on a five-point scale; PEEL 2016 used four points; "
        "PEEL 2018/19 used four points. Gradings on a different scale are not "
        "directly comparable with today’s, so they are shown without shading."
    )
    rows = {
        row["cells"][0]["paragraphs"][0]["paragraph"]: row["cells"][1:]
        for row in next(b["table"] for b in content["body"] if "table" in b)["rows"]
    }
    assert [c["paragraphs"][0]["paragraph"] for c in rows["Responding to the public"]] == [
        "no link",
        "no link",
        "Inadequate",
    ]
    assert [c["paragraphs"][0]["paragraph"] for c in rows["Investigating crime"]] == [
        "n/a",
        "Requires improvement",
        "Requires improvement",
    ]
    # Mid-sentence, a label is lower-case: "was not inspected".
    earlier = with_grade(met.previous[0], "using-resources", "Not inspected", state="not inspected")
    grid = read(dataclasses.replace(met, previous=(earlier,)), "summary-grid")
    cells = [row["cells"] for b in grid["body"] if "table" in b for row in b["table"]["rows"]]
    change_cell = next(
        c[2]
        for c in cells
        if c[0]["paragraphs"][0]["paragraph"].startswith("Meeting current demands")
    )
    assert [p["paragraph"] for p in change_cell["paragraphs"]] == [
        "Not comparable",
        "was not inspected",
    ]
