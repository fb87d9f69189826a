"""The template catalogue and environment: built-in templates, the sandbox, the filters."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefgen.context import build_context
from briefgen.environment import day_month, long_date, month_year
from briefgen.errors import TemplateProblem
from briefgen.templates import builtin_templates, find_template

from ..helpers import ROOT


def test_date_filters():
    day = dt.date(2019, 9, 7)
    assert long_date(day) == "7 September 2019"
    assert day_month(day) == "7 September"
    assert month_year(day) == "September 2019"


def test_builtin_templates_found():
    assert set(builtin_templates()) >= {"briefing", "summary-grid"}
    assert find_template("briefing").name == "briefing.docx"
    with pytest.raises(TemplateProblem, match="built-in templates: briefing"):
        find_template("no-such-template")


def test_prose_filters_on_their_edges():
    import jinja2

    from briefgen.environment import grading_label, join_and, lower_grading, pillar_label

    ungraded = {"name": "Ungraded pillar", "grading": "", "elements": []}
    assert pillar_label(ungraded) == "Ungraded pillar"
    assert lower_grading("Requires improvement") == "requires improvement"
    assert grading_label({"grading": "Ungraded"}) == "Ungraded"
    assert join_and([]) == "" and join_and(["a"]) == "a" and join_and(["a", "b"]) == "a and b"
    with pytest.raises(jinja2.UndefinedError, match="a grading filter needs a pillar"):
        lower_grading({"name": "x"})
    with pytest.raises(jinja2.UndefinedError, match="pillar_label needs a pillar"):
        pillar_label("Effectiveness")


def documented_filters() -> list[tuple[str, str, str]]:
    """(filter, example, gives) of each row of templates/README.md's filter table."""
    readme = (ROOT / "templates" / "README.md").read_text("utf-8")
    part = readme.split("## Filters", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| `(.+?)` \| (.+?) \|$", part, flags=re.M)
    return [(name, example.replace("\\|", "|"), gives) for name, example, gives in rows]


def test_template_readme_documents_exactly_the_filters():
    from briefgen.environment import FILTERS

    assert [name for name, _, _ in documented_filters()] == [*FILTERS, "hyperlink"]


def test_filter_examples_give_what_the_readme_says(met_assessment):
    from docxtpl import DocxTemplate

    from briefgen.environment import make_environment

    env = make_environment(DocxTemplate(None))
    context = build_context(met_assessment)
    context.update(pillar=context["pillars"][0], element=context["elements"][1])
    checked = 0
    for name, example, gives in documented_filters():
        if name == "hyperlink":
            continue
        assert env.from_string(example).render(context) == gives, name
        checked += 1
    assert checked == 9
    readme = (ROOT / "templates" / "README.md").read_text("utf-8")
    sentence = re.search(r"For example, `(.+?)` gives\n\"(.+?)\"", readme, flags=re.S)
    assert env.from_string(sentence[1]).render(context) == sentence[2]
