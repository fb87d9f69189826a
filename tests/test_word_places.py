"""Where a template error stands, said in Word terms."""

from __future__ import annotations

import docx
import pytest

from briefgen.word_places import one_paragraph_a_line, paragraphs_in, part_kind

from .helpers import render_problem, template_with


def test_unknown_variable_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "Introduction", "{{ forse.name }}")
    assert render_problem(met_assessment, template) == (
        "paragraph 2 “{{ forse.name }}”: unknown variable: 'forse' is undefined")


def test_unknown_field_in_a_table_row_is_located_in_word_terms(met_assessment, tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    for row, text in zip(table.rows, ["Element", "{%tr for e in elements %}", "{{ e.nme }}",
                                      "{%tr endfor %}"]):
        row.cells[1].text = text
    document.save(tmp_path / "t.docx")
    assert render_problem(met_assessment, tmp_path / "t.docx") == (
        "table 1, row 3, cell 2, “{{ e.nme }}”: unknown variable: 'dict object' has no "
        "attribute 'nme'")


def test_unclosed_loop_is_located_at_its_opening(met_assessment, tmp_path):
    template = template_with(tmp_path, "Intro", "{%p for e in elements %}", "{{ e.name }}",
                             "{%p if themes %}", "{%p endif %}")
    assert render_problem(met_assessment, template) == (
        "paragraph 2 “{%p for e in elements %}”: this “for” is never closed: add {%p endfor %} "
        "where it should end")


def test_syntax_error_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "{{ force.name }")
    assert render_problem(met_assessment, template) == (
        "paragraph 1 “{{ force.name }”: this tag cannot be read: “}” is not expected there; "
        "check the tag's brackets and quotes")


def test_places_in_word_terms():
    document = docx.Document()
    document.add_paragraph("Introduction")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "{{ e.name }}"
    document.add_paragraph("After the table")
    places = [(place, text) for place, text, _ in paragraphs_in(document.element.body)
              if text]
    assert places == [("paragraph 1", "Introduction"),
                      ("table 1, row 2, cell 2,", "{{ e.name }}"),
                      ("paragraph 2", "After the table")]
    header = document.sections[0].header
    header.paragraphs[0].text = "Appendix {{ paper.appendix }}"
    assert [place for place, _, _ in paragraphs_in(header._element, "a header")] == [
        "in a header, paragraph"]


@pytest.mark.parametrize("partname, kind", [
    ("/word/document.xml", None), ("/word/header2.xml", "a header"),
    ("/word/footer1.xml", "a footer"), ("/word/footnotes.xml", "a footnote")])
def test_part_kind(partname, kind):
    assert part_kind(partname) == kind


def test_jinja_sees_one_paragraph_a_line():
    xml = '<w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p w:rsidR="1"><w:pPr/></w:p></w:body>'
    lines = one_paragraph_a_line(xml).splitlines()
    assert lines == ["<w:body>", "<w:p><w:r><w:t>a</w:t></w:r></w:p>",
                     '<w:p w:rsidR="1"><w:pPr/></w:p></w:body>']
    assert one_paragraph_a_line("<w:pPr/><w:proofErr/>") == "<w:pPr/><w:proofErr/>"
