"""environment.py: the sandboxed Jinja environment templates render in, and the filters
committee prose needs (each as templates/README.md documents it)."""

from __future__ import annotations

import datetime as dt
import re

import docx
import jinja2
import pytest
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from briefgen.context import build_context
from briefgen.environment import (
    FILTERS,
    day_month,
    grading_label,
    join_and,
    long_date,
    lower_grading,
    make_environment,
    month_year,
    number_word,
    pillar_label,
    upper_first,
)

from ..helpers import ROOT, template_with


def test_date_filters():
    day = dt.date(2019, 9, 7)
    assert long_date(day) == "7 September 2019"
    assert day_month(day) == "7 September"
    assert month_year(day) == "September 2019"


def test_prose_filters_on_their_edges():
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
    assert [name for name, _, _ in documented_filters()] == [*FILTERS, "hyperlink"]


def test_filter_examples_give_what_the_readme_says(met_assessment):
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


def test_gradings_for_the_grid_and_for_running_text():
    element = {"grading": "Good", "carried_over_from": 2017}
    assert grading_label(element) == "Good (2017)"
    assert grading_label({"grading": "Requires improvement"}) == "Requires improvement"
    assert grading_label("Inadequate") == "Inadequate"
    assert lower_grading(element) == "good"
    pillar = {"name": "Effectiveness", "grading": "Requires improvement", "elements": []}
    assert pillar_label(pillar) == "Effectiveness: requires improvement"


def test_words_for_running_text():
    assert upper_first("requires improvement at x") == "Requires improvement at x"
    assert upper_first("") == "" and upper_first("eCrime unit") == "ECrime unit"
    assert [number_word(n) for n in (0, 4, "9", 10, 23, -1)] == [
        "zero",
        "four",
        "nine",
        "10",
        "23",
        "-1",
    ]
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_and(("x", "y"), "or") == "x or y"


def test_every_filter_is_known_to_the_environment_with_hyperlink():
    env = make_environment(DocxTemplate(None))
    assert {*FILTERS, "hyperlink"} <= set(env.filters)
    assert env.from_string("{{ 3|number_word|upper_first }}").render() == "Three"


def test_the_environment_escapes_refuses_unknown_names_and_is_sandboxed():
    env = make_environment(DocxTemplate(None))
    assert env.from_string("{{ force }}").render(force="Kent & Essex <x>") == (
        "Kent &amp; Essex &lt;x&gt;"
    )
    with pytest.raises(jinja2.UndefinedError, match="'forse' is undefined"):
        env.from_string("{{ forse }}").render(force="Kent")
    with pytest.raises(SecurityError):
        env.from_string("{{ force.__class__.__mro__ }}").render(force="Kent")


def test_one_environment_serves_every_render_with_a_budget_of_its_own():
    first = make_environment(DocxTemplate(None))
    budget = first.budget
    second = make_environment(DocxTemplate(None))
    assert second is first and second.budget is not budget


def test_a_hyperlink_is_a_real_link_in_the_part_being_rendered(tmp_path):
    url = "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-2018/metropolitan/"
    template = DocxTemplate(template_with(tmp_path, "{{r source|hyperlink('PEEL 2018/19') }}"))
    template.render({"source": url}, make_environment(template), autoescape=True)
    template.save(tmp_path / "out.docx")
    document = docx.Document(str(tmp_path / "out.docx"))
    links = [r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert [r.target_ref for r in links] == [url]
    (paragraph,) = document.paragraphs
    assert [(h.text, h.url) for h in paragraph.hyperlinks] == [(f"PEEL 2018/19, {url}", url)]
