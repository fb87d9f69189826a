"""Rendering: filters, escaping, hyperlinks, determinism and atomic output."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import docx.shared
from docx.oxml.ns import qn
import pytest

from briefgen.errors import TemplateProblem
from briefgen.render import render_bytes, render_to_file
from briefgen.templates import builtin_templates, day_month, find_template, long_date, month_year
from briefgen.validate import load_assessment


def template_with(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(path)
    return path


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


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


def test_rebuild_gives_same_bytes(met_assessment):
    template = builtin_templates()["briefing"]
    first = render_bytes(met_assessment, template)
    assert render_bytes(met_assessment, template) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "<dcterms:modified" not in core and "<dc:language>en-GB</dc:language>" in core
    assert core.count("revision>") == 2, "exactly one <cp:revision> element"


def test_user_text_is_escaped_and_round_trips(met_copy, tmp_path):
    tricky = "Fish & chips <b>not bold</b> \"quoted\" 'single' – “curly” […] ŵŷ שלום 🚓"
    element = met_copy / "elements" / "armed-response.yaml"
    text = element.read_text("utf-8")
    element.write_text(text.replace("comments:\n", f"comments:\n  - {json.dumps(tricky, ensure_ascii=False)}\n"),
                       "utf-8")
    assessment = load_assessment(met_copy)
    assert assessment.elements[4].comments[0].text == tricky
    data = render_bytes(assessment, template_with(
        tmp_path, "{% for e in elements %}{% for c in e.comments %}[{{ c.text }}]"
                  "{% endfor %}{% endfor %}"))
    assert f"[{tricky}]" in texts(data)[0]


def problem(met_assessment, template: Path) -> str:
    with pytest.raises(TemplateProblem) as caught:
        render_bytes(met_assessment, template)
    return caught.value.message


def test_sandbox_blocks_python_internals(met_assessment, tmp_path):
    template = template_with(tmp_path, "{{ force.__class__.__mro__[1].__subclasses__() }}")
    assert problem(met_assessment, template) == (
        "paragraph 1 “{{ force.__class__.__mro__[1].__subclasses__() }}”: not allowed in a "
        "template: access to attribute '__class__' of 'dict' object is unsafe.")


def test_unknown_variable_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "Introduction", "{{ forse.name }}")
    assert problem(met_assessment, template) == (
        "paragraph 2 “{{ forse.name }}”: unknown variable: 'forse' is undefined")


def test_unknown_field_in_a_table_row_is_located_in_word_terms(met_assessment, tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    for row, text in zip(table.rows, ["Element", "{%tr for e in elements %}", "{{ e.nme }}",
                                      "{%tr endfor %}"]):
        row.cells[1].text = text
    document.save(tmp_path / "t.docx")
    assert problem(met_assessment, tmp_path / "t.docx") == (
        "table 1, row 3, cell 2, “{{ e.nme }}”: unknown variable: 'dict object' has no "
        "attribute 'nme'")


def test_unclosed_loop_is_located_at_its_opening(met_assessment, tmp_path):
    template = template_with(tmp_path, "Intro", "{%p for e in elements %}", "{{ e.name }}",
                             "{%p if themes %}", "{%p endif %}")
    assert problem(met_assessment, template).startswith(
        "paragraph 2 “{%p for e in elements %}”: this block is never closed; template syntax "
        "error: Unexpected end of template.")


def test_syntax_error_is_located(met_assessment, tmp_path):
    template = template_with(tmp_path, "{{ force.name }")
    assert problem(met_assessment, template) == (
        "paragraph 1 “{{ force.name }”: template syntax error: unexpected '}'")


def test_tag_split_across_runs_still_renders(met_assessment, tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in ("{{ for", "ce.na", "me }}"):  # as Word leaves it after an autocorrect
        paragraph.add_run(piece).bold = piece == "ce.na"
    document.save(tmp_path / "t.docx")
    assert texts(render_bytes(met_assessment, tmp_path / "t.docx")) == [
        "Metropolitan Police Service"]


def test_not_a_word_document(met_assessment, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", "utf-8")
    assert problem(met_assessment, fake).startswith("is not a Word document (.docx)")


def test_failed_build_keeps_previous_output(met_assessment, tmp_path):
    out = tmp_path / "out.docx"
    render_to_file(met_assessment, builtin_templates()["summary-grid"], out)
    before = out.read_bytes()
    with pytest.raises(TemplateProblem):
        render_to_file(met_assessment, template_with(tmp_path, "{{ missing }}"), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx", "t.docx"]


def test_footnote_sources_are_real_hyperlinks(built, met_assessment):
    document = docx.Document(built["briefing"])
    footnotes = next(p for p in document.part.package.iter_parts()
                     if p.partname == "/word/footnotes.xml")
    targets = {rel.target_ref for rel in footnotes.rels.values() if rel.is_external}
    assert targets == {met_assessment.source, met_assessment.themes.source}
    xml = footnotes.blob.decode("utf-8")
    assert xml.count("<w:hyperlink ") == 2


def test_prose_filters_on_their_edges():
    import jinja2

    from briefgen.templates import grading_label, join_and, lower_grading, pillar_label

    ungraded = {"name": "Ungraded pillar", "grading": "", "elements": []}
    assert pillar_label(ungraded) == "Ungraded pillar"
    assert lower_grading("Requires improvement") == "requires improvement"
    assert grading_label({"grading": "Ungraded"}) == "Ungraded"
    assert join_and([]) == "" and join_and(["a"]) == "a" and join_and(["a", "b"]) == "a and b"
    with pytest.raises(jinja2.UndefinedError, match="a grading filter needs a pillar"):
        lower_grading({"name": "x"})
    with pytest.raises(jinja2.UndefinedError, match="pillar_label needs a pillar"):
        pillar_label("Effectiveness")


# --- columns that {%tc %} tags leave out or repeat ------------------------------------------

def table_template(tmp_path: Path, rows: list[list[str]], widths_cm: list[float],
                   band: str | None = None) -> Path:
    """A template with one table of ``rows`` at ``widths_cm``, after an optional band row
    merged across the whole table."""
    document = docx.Document()
    table = document.add_table(rows=0, cols=len(widths_cm))
    if band is not None:
        cells = table.add_row().cells
        cells[0].merge(cells[-1]).paragraphs[0].add_run(band)
    for texts_ in rows:
        for cell, text, width in zip(table.add_row().cells, texts_, widths_cm):
            cell.paragraphs[0].add_run(text)
            cell.width = docx.shared.Cm(width)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm):
        column.w = docx.shared.Cm(width)
    path = tmp_path / "table.docx"
    document.save(path)
    return path


def rendered_table(data: bytes) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """The grid's column widths and each row's cells as (span, width), in twips."""
    table = docx.Document(io.BytesIO(data)).tables[0]._tbl
    grid = [int(c.get(qn("w:w"))) for c in table.tblGrid.gridCol_lst]
    rows = [[(tc.grid_span, int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))) for tc in tr.tc_lst]
            for tr in table.tr_lst]
    return grid, rows


def twips(cm: float) -> int:
    return int(docx.shared.Cm(cm).twips)


def test_a_column_left_out_gives_its_width_to_the_others(met_assessment, tmp_path):
    from briefgen.validate import load_assessment as load
    from .conftest import MET_2016
    template = table_template(tmp_path, [
        ["Area", "{%tc if change_since %}", "Change since {{ change_since }}", "{%tc endif %}",
         "Notes"],
        ["{{ force.name }}", "{%tc if change_since %}", "{{ change_since }}", "{%tc endif %}",
         "n/a"],
    ], [4, 1, 3, 1, 6], band="{{ framework.name }}")
    total = sum(twips(w) for w in (4, 1, 3, 1, 6))

    grid, rows = rendered_table(render_bytes(met_assessment, template))
    assert len(grid) == 3 and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([w / 13 for w in (4, 3, 6)], abs=1e-3)
    assert rows[0] == [(3, total)]          # the band still spans the whole table
    assert rows[1] == rows[2] == [(1, w) for w in grid]

    grid, rows = rendered_table(render_bytes(load(MET_2016), template))   # follows nothing
    assert len(grid) == 2 and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([0.4, 0.6], abs=1e-3)
    assert rows[0] == [(2, total)]
    assert rows[1] == rows[2] == [(1, w) for w in grid]


def test_repeated_columns_share_the_width_as_their_cells_say(met_assessment, tmp_path):
    template = table_template(tmp_path, [
        ["Grading", "{%tc for grade in framework.scale %}", "{{ grade.label }}",
         "{%tc endfor %}"],
    ], [5, 1, 2, 1])
    grid, rows = rendered_table(render_bytes(met_assessment, template))
    total = sum(twips(w) for w in (5, 1, 2, 1))
    assert len(grid) == 1 + len(met_assessment.framework.scale) and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([w / 13 for w in (5, 2, 2, 2, 2)],
                                                      abs=1e-3)
    assert rows[0] == [(1, w) for w in grid]


def test_a_table_whose_grid_matches_its_cells_is_left_as_it_is(met_assessment, tmp_path):
    template = table_template(tmp_path, [["{{ force.name }}", "b", "c"]], [3.3, 5.1, 7.7],
                              band="x")
    before = docx.Document(str(template)).tables[0]._tbl
    grid, rows = rendered_table(render_bytes(met_assessment, template))
    assert grid == [int(c.get(qn("w:w"))) for c in before.tblGrid.gridCol_lst]
    assert rows[1] == [(1, twips(w)) for w in (3.3, 5.1, 7.7)]
