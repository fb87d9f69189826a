"""The template context: the whole interface a template sees."""

import datetime as dt

from briefgen.context import build_context


def test_top_level(met_assessment):
    context = build_context(met_assessment)
    assert context["force"] == {"name": "Metropolitan Police Service",
                                "short_name": "the Metropolitan Police",
                                "informal_name": "the Met"}
    assert context["published"] == dt.date(2019, 9, 27)
    assert context["framework"]["name"] == "PEEL 2018/19"
    assert [p["grading"] for p in context["pillars"]] == [
        "Requires improvement", "Good", "Good"]
    assert len(context["elements"]) == 10
    assert len(context["themes"]["bullets"]) == 10


def test_element_improvements_are_recommendations_then_areas(met_assessment):
    context = build_context(met_assessment)
    protecting = next(e for e in context["elements"]
                      if e["key"] == "protecting-vulnerable-people")
    assert protecting["grading"] == "Requires improvement"
    assert protecting["shade"] == "FFE699"
    assert protecting["improvements"] == (protecting["recommendations"]
                                          + protecting["areas_for_improvement"])
    assert [len(protecting[k]) for k in ("comments", "causes_of_concern", "recommendations",
                                         "areas_for_improvement")] == [3, 1, 2, 3]


def test_ungraded_element(met_assessment):
    context = build_context(met_assessment)
    armed = next(e for e in context["elements"] if e["key"] == "armed-response")
    assert (armed["graded"], armed["grading"], armed["shade"]) == (False, "Ungraded", "E7E6E6")


def test_bullets_nest(met_assessment):
    context = build_context(met_assessment)
    ethical = next(e for e in context["elements"]
                   if e["key"] == "ethical-and-lawful-workforce-behaviour")
    last = ethical["areas_for_improvement"][-1]
    assert last["text"] == "The force should ensure it:"
    assert [n["nested"] for n in last["nested"]] == [[], [], []]
    assert last["nested"][2]["text"].startswith("builds effective relationships")
