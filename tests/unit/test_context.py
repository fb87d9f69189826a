"""The template context: the whole interface a template sees."""

import datetime as dt
import re

from briefgen.context import build_context

from ..helpers import ROOT


def test_top_level(met_assessment):
    context = build_context(met_assessment)
    assert context["force"] == {
        "name": "Metropolitan Police Service",
        "name_in_text": "the Metropolitan Police Service",
        "short_name": "the Metropolitan Police",
        "informal_name": "the Met",
    }
    assert context["published"] == dt.date(2019, 9, 27)
    assert context["framework"]["name"] == "PEEL 2018/19"
    assert [p["grading"] for p in context["pillars"]] == ["Requires improvement", "Good", "Good"]
    assert len(context["elements"]) == 10
    assert len(context["themes"]["bullets"]) == 10


def test_element_improvements_are_recommendations_then_areas(met_assessment):
    context = build_context(met_assessment)
    protecting = next(e for e in context["elements"] if e["key"] == "protecting-vulnerable-people")
    assert protecting["grading"] == "Requires improvement"
    assert protecting["shade"] == "FFE699"
    assert protecting["improvements"] == (
        protecting["recommendations"] + protecting["areas_for_improvement"]
    )
    assert [
        len(protecting[k])
        for k in ("comments", "causes_of_concern", "recommendations", "areas_for_improvement")
    ] == [3, 1, 2, 3]


def test_ungraded_element(met_assessment):
    context = build_context(met_assessment)
    armed = next(e for e in context["elements"] if e["key"] == "armed-response")
    assert (armed["graded"], armed["grading"], armed["shade"]) == (False, "Ungraded", "E7E6E6")


def test_bullets_nest(met_assessment):
    context = build_context(met_assessment)
    ethical = next(
        e for e in context["elements"] if e["key"] == "ethical-and-lawful-workforce-behaviour"
    )
    last = ethical["areas_for_improvement"][-1]
    assert last["text"] == "The force should ensure it:"
    assert [n["nested"] for n in last["nested"]] == [[], [], []]
    assert last["nested"][2]["text"].startswith("builds effective relationships")


def documented_variables() -> dict[str, list[str]]:
    """The variables templates/README.md documents, by the heading of their table."""
    readme = (ROOT / "templates" / "README.md").read_text("utf-8")
    context_part = readme.split("## The context", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, list[str]] = {}
    for section in context_part.split("\n### ")[1:]:
        heading, _, body = section.partition("\n")
        tables[heading.strip()] = re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.M)
    return tables


def test_template_readme_documents_exactly_the_context(met_assessment):
    context = build_context(met_assessment)
    element = context["elements"][0]
    actual = {
        "Top level": context,
        "force": context["force"],
        "framework": context["framework"],
        "grade": context["framework"]["scale"][0],
        "pillar": context["pillars"][0],
        "element": element,
        "bullet": element["comments"][0],
        "paper": context["paper"],
        "change": next(e["change"] for e in context["elements"] if e["change"]),
        "history": context["history"],
        "inspection": context["history"]["inspections"][0],
        "history pillar": context["history"]["pillars"][0],
        "history element": context["history"]["pillars"][0]["elements"][0],
        "history cell": context["history"]["pillars"][0]["gradings"][0],
        "themes": context["themes"],
        "other scale": {"framework": "PEEL 2018/19", "points": 4},  # empty for the Met
    }
    documented = documented_variables()
    assert set(documented) == set(actual)
    for heading, value in actual.items():
        assert documented[heading] == list(value), f"templates/README.md, table {heading!r}"
