"""Input data is never template code: text full of Jinja and XML comes out as it went in.

Every text field of the Met example is set to text full of ``{{ }}``, ``{% %}``, ``{#`` and XML
specials, and the assessment is built with every built-in template (whose footnotes part
docxtpl used to render once per section, reading the last render's output: the second pass ran
the data as template code). Every such value must appear in the document word for word, and
each footnote link's address must be the text it shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from briefgen.docx_content import read_docx
from briefgen.templates import builtin_templates

from ..helpers import joined, load_assessment, render_to_file

#: Text a template engine or an XML writer would take for its own.
HOSTILE = (
    "{{ force.name|upper }} {% if true %}yes{% endif %} {# gone? #} {{ (9**(9**9)) > 0 }}"
    " <w:p/> & \"quoted\" 'single' ]]> {%p endfor %}"
)
#: A legal web address that holds Jinja: the link must lead where it says.
HOSTILE_URL = "https://example.org/{{force.name|upper}}/{%raw%}?a=1&b={#x#}"
PLAIN_KEYS = {
    "framework",
    "element",
    "grading",
    "published",
    "previous",
    "covers",
    "status",
    "meeting_date",
    "appendix",
    "agenda_item",
}


def hostile(value, key=None):
    """``value`` with every text the officer writes replaced by hostile text."""
    if isinstance(value, dict):
        return {k: v if key == "pillars" else hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v, key) for v in value]
    if isinstance(value, str) and key not in PLAIN_KEYS:
        return HOSTILE_URL if key == "source" else f"{HOSTILE} ({key})"
    return value


@pytest.fixture(scope="module")
def hostile_met(tmp_path_factory) -> Path:
    from ..helpers import copy_met

    folder = copy_met(tmp_path_factory.mktemp("hostile") / "metropolitan-2018-19")
    for path in [folder / "assessment.yaml", *sorted((folder / "elements").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(yaml.safe_dump(hostile(data), allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def all_text(content: dict) -> str:
    """Every text of a document read back, a grid's rows joined up where the page turned (a
    bullet cut at a sentence reads whole again)."""
    content = {
        **content,
        "body": [
            {**b, "table": joined(b["table"])} if "table" in b else b for b in content["body"]
        ],
    }
    texts = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            texts.append(value)

    walk(content)
    return "\n".join(texts)


@pytest.mark.parametrize("template", sorted(builtin_templates()))
def test_hostile_text_builds_and_reads_back_as_written(hostile_met, template, tmp_path):
    assessment = load_assessment(hostile_met)
    out = render_to_file(assessment, builtin_templates()[template], tmp_path / "out.docx")
    text = all_text(read_docx(out))
    shown = re.findall(re.escape(HOSTILE) + r" \((\w+)\)", text)
    assert "force_short_name" in shown, template
    if template != "grading-history":  # the grids show the findings too
        assert {"comments", "areas_for_improvement", "recommendations"} <= set(shown)
    assert "{{" not in text.replace(HOSTILE, "").replace(HOSTILE_URL, ""), template
    assert "METROPOLITAN" not in text  # nothing the data said was filled in


def test_footnote_links_lead_where_they_say(hostile_met, tmp_path):
    assessment = load_assessment(hostile_met)
    out = render_to_file(assessment, builtin_templates()["briefing"], tmp_path / "out.docx")
    footnotes = next(
        p
        for p in docx.Document(out).part.package.iter_parts()
        if p.partname == "/word/footnotes.xml"
    )
    targets = {rel.target_ref for rel in footnotes.rels.values() if rel.is_external}
    assert targets == {HOSTILE_URL}
    shown = [f["text"] for f in read_docx(out)["footnotes"]]
    assert len(shown) == 2  # each: the publication's title, then the address it leads to
    assert all(text.endswith(f", {HOSTILE_URL}") for text in shown)
    assert f"{HOSTILE} (force)" in shown[0]
