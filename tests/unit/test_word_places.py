"""Where a template error stands, said in Word terms."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from briefgen.word_places import one_paragraph_a_line, paragraphs_in, part_kind

from ..helpers import render_problem, template_with


def test_unknown_variable_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "Introduction", "{{ forse.name }}")
    assert render_problem(met_assessment, template) == (
        "paragraph 2 “{{ forse.name }}”: unknown variable: 'forse' is undefined"
    )


def test_unknown_field_in_a_table_row_is_located_in_word_terms(met_assessment, tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    texts = ["Element", "{%tr for e in elements %}", "{{ e.nme }}", "{%tr endfor %}"]
    for row, text in zip(table.rows, texts, strict=True):
        row.cells[1].text = text
    document.save(tmp_path / "t.docx")
    assert render_problem(met_assessment, tmp_path / "t.docx") == (
        "table 1, row 3, cell 2, “{{ e.nme }}”: unknown variable: 'dict object' has no "
        "attribute 'nme'"
    )


def test_unclosed_loop_is_located_at_its_opening(met_assessment, tmp_path):
    template = template_with(
        tmp_path,
        "Intro",
        "{%p for e in elements %}",
        "{{ e.name }}",
        "{%p if themes %}",
        "{%p endif %}",
    )
    assert render_problem(met_assessment, template) == (
        "paragraph 2 “{%p for e in elements %}”: this “for” is never closed: add {%p endfor %} "
        "where it should end"
    )


def test_syntax_error_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "{{ force.name }")
    assert render_problem(met_assessment, template) == (
        "paragraph 1 “{{ force.name }”: this tag cannot be read: “}” is not expected there; "
        "check the tag's brackets and quotes"
    )


def test_places_in_word_terms():
    document = docx.Document()
    document.add_paragraph("Introduction")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "{{ e.name }}"
    document.add_paragraph("After the table")
    places = [(place, text) for place, text, _ in paragraphs_in(document.element.body) if text]
    assert places == [
        ("paragraph 1", "Introduction"),
        ("table 1, row 2, cell 2,", "{{ e.name }}"),
        ("paragraph 2", "After the table"),
    ]
    header = document.sections[0].header
    header.paragraphs[0].text = "Appendix {{ paper.appendix }}"
    assert [place for place, _, _ in paragraphs_in(header._element, "a header")] == [
        "in a header, paragraph"
    ]


@pytest.mark.parametrize(
    "partname, kind",
    [
        ("/word/document.xml", None),
        ("/word/header2.xml", "a header"),
        ("/word/footer1.xml", "a footer"),
        ("/word/footnotes.xml", "a footnote"),
    ],
)
def test_part_kind(partname, kind):
    assert part_kind(partname) == kind


def test_jinja_sees_one_paragraph_a_line():
    xml = '<w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p w:rsidR="1"><w:pPr/></w:p></w:body>'
    lines = one_paragraph_a_line(xml).splitlines()
    assert lines == [
        "<w:body>",
        "<w:p><w:r><w:t>a</w:t></w:r></w:p>",
        '<w:p w:rsidR="1"><w:pPr/></w:p></w:body>',
    ]
    assert one_paragraph_a_line("<w:pPr/><w:proofErr/>") == "<w:pPr/><w:proofErr/>"


def test_a_tables_section_and_its_text_area():
    """Each table stands in the section that ends after it; a section's text area is its page
    less its margins (twips)."""
    from docx.enum.section import WD_SECTION
    from docx.shared import Cm

    from briefgen.table_geometry import section_of, text_area

    document = docx.Document()
    first = document.add_table(rows=1, cols=1)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    second = document.add_table(rows=1, cols=1)
    body = document.element.body
    sections = list(body.iter(qn("w:sectPr")))
    assert section_of(first._tbl, body) is sections[0]
    assert section_of(second._tbl, body) is sections[1]
    width, height = text_area(sections[1])
    margins = document.sections[1]
    assert width == Cm(29.7).twips - margins.left_margin.twips - margins.right_margin.twips
    assert height == Cm(21).twips - margins.top_margin.twips - margins.bottom_margin.twips
    assert text_area(None) is None
    assert section_of(docx.Document().add_table(rows=1, cols=1)._tbl, body) is None
