"""text_measure.py: how much room text takes in a Word table, from the document's own styles
and fonts, laid out line by line as Word sets it (Word's own default document and the
built-in templates)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from briefgen.fonts import face
from briefgen.templates import builtin_templates
from briefgen.text_measure import (
    BORDERS,
    CELL_MARGIN,
    Measure,
    cells,
    is_bullet,
    table_style,
)


@pytest.fixture
def document():
    return docx.Document()


def test_a_paragraph_takes_the_fonts_its_styles_give(document):
    measure = Measure.of(document)
    plain = document.add_paragraph("Investigating crime")
    assert measure.theme == {"minor": "Cambria", "major": "Calibri"}  # python-docx's own
    laid = measure.paragraph(plain._element)
    assert [(r.text, r.family, r.points, r.bold) for r in laid.runs] == [
        ("Investigating crime", "Cambria", 11.0, False)  # Normal, in the theme's minor font
    ]
    assert (laid.style, laid.line, laid.after) == ("Normal", ("auto", 1.15), 10.0)
    heading = document.add_heading("Effectiveness", level=1)
    (run,) = measure.paragraph(heading._element).runs
    assert (run.family, run.points, run.bold) == ("Calibri", 14.0, True)  # the major font
    bold = document.add_paragraph()
    bold.add_run("Good").bold = True
    bold.add_run(" overall").font.size = Pt(14)
    assert [(r.bold, r.points) for r in measure.paragraph(bold._element).runs] == [
        (True, 11.0),
        (False, 14.0),
    ]


def test_text_that_wraps_takes_a_line_more_for_each_line(document):
    measure = Measure.of(document)
    word = "improvement "
    one_line = document.add_paragraph(word)
    laid = measure.paragraph(one_line._element)
    width_pt = face("Cambria").width(word, laid.runs[0].points)
    column = int(width_pt * 3.5 * 20) + int(laid.indent * 20)  # room for three words a line
    single = measure.paragraph_height(one_line._element, column, None)
    assert single == pytest.approx(laid.before + laid.line_height() + laid.after)
    seven = document.add_paragraph(word * 7)  # three, three, then one
    assert measure.paragraph_height(seven._element, column, None) == pytest.approx(
        single + 2 * laid.line_height()
    )
    long = document.add_paragraph("x" * 400)  # one word wider than the line: broken
    assert measure.paragraph_height(long._element, column, None) > single


def test_paragraphs_one_after_another_add_up(document):
    measure = Measure.of(document)
    first = document.add_paragraph("Good")
    second = document.add_paragraph("Requires improvement")
    together = measure.paragraphs_height([first._element, second._element], 9000, None)
    assert together == pytest.approx(
        measure.paragraph_height(first._element, 9000, None)
        + measure.paragraph_height(second._element, 9000, None)
    )


def test_a_cell_and_a_row_are_as_tall_as_their_text_and_margins(document):
    measure = Measure.of(document)
    table = document.add_table(rows=1, cols=2)
    short, tall = table.rows[0].cells
    short.text = "Good"
    tall.text = "improvement " * 20
    tbl = table._tbl
    assert table_style(tbl) is None
    margins = measure.cell_margins(short._tc, tbl)
    assert margins == {"top": 0, "bottom": 0, "left": CELL_MARGIN, "right": CELL_MARGIN}
    heights = [measure.cell_height(c._tc, 2000, tbl) for c in (short, tall)]
    text_height = measure.paragraphs_height(short._tc.findall(qn("w:p")), 2000 - 216, None)
    assert heights[0] == pytest.approx(BORDERS + text_height)
    assert heights[1] > heights[0]
    assert measure.row_height(table.rows[0]._tr, [2000, 2000], tbl) == pytest.approx(heights[1])


def test_a_cells_own_margins_win_over_its_tables(document):
    measure = Measure.of(document)
    table = document.add_table(rows=1, cols=1)
    tbl, tc = table._tbl, table.rows[0].cells[0]._tc
    margins = '<w:left w:w="200" w:type="dxa"/><w:top w:w="40" w:type="dxa"/>'
    tbl.tblPr.append(parse_xml(f"<w:tblCellMar {nsdecls('w')}>{margins}</w:tblCellMar>"))
    assert measure.cell_margins(tc, tbl) == {
        "top": 40,
        "bottom": 0,
        "left": 200,
        "right": CELL_MARGIN,
    }
    tc.get_or_add_tcPr().append(
        parse_xml(f'<w:tcMar {nsdecls("w")}><w:start w:w="60" w:type="dxa"/></w:tcMar>')
    )
    assert measure.cell_margins(tc, tbl)["left"] == 60


def test_a_column_needs_room_for_its_longest_word(document):
    measure = Measure.of(document)
    table = document.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    cell.text = "Requires improvement"
    needed = measure.longest_word(cell._tc, table._tbl)
    (run,) = measure.paragraph(cell.paragraphs[0]._element).runs
    word = face(run.family).width("improvement", run.points)
    assert needed == int(word * 20) + 20 + 2 * CELL_MARGIN


def test_a_table_names_its_style(document):
    assert table_style(document.add_table(rows=1, cols=1, style="Table Grid")._tbl) == "TableGrid"


def test_cells_take_the_grid_columns_they_span(document):
    table = document.add_table(rows=1, cols=3)
    row = table.rows[0]
    row.cells[0].merge(row.cells[1])
    widths = [cell_width for _, cell_width in cells(row._tr, [1000, 2000, 3000])]
    assert widths == [3000, 3000]


def test_a_list_item_is_told_by_its_numbering_or_its_list_style():
    briefing = docx.Document(str(builtin_templates()["briefing"]))
    bullets = [p for p in briefing.paragraphs if is_bullet(p._element)]
    assert bullets and all(
        p.style.name.startswith("List") or p._p.pPr.numPr is not None for p in bullets
    )
    plain = docx.Document().add_paragraph("Not a list item")
    assert not is_bullet(plain._element)
    assert is_bullet(docx.Document().add_paragraph("A bullet", style="List Bullet")._element)


def test_a_templates_own_styles_win_over_its_theme():
    briefing = docx.Document(str(builtin_templates()["briefing"]))
    measure = Measure.of(briefing)
    assert measure.theme["minor"] == "Cambria"  # the theme's font, which its styles replace
    laid = {
        (run.family, run.points)
        for p in briefing.paragraphs
        for run in measure.paragraph(p._element).runs
    }
    assert laid == {("Arial", 11.0), ("Arial", 13.0), ("Arial", 16.0)}  # body, headings, title


def test_a_copy_is_laid_out_as_its_original_until_it_is_changed():
    document = docx.Document(str(builtin_templates()["summary-grid"]))
    measure = Measure.of(document)
    paragraph = document.add_paragraph("Areas for improvement in how the force answers calls")
    original = measure.paragraph(paragraph._p)
    assert measure.paragraph(paragraph._p) is original  # laid out once
    made = measure.copy_of(paragraph._p)
    assert made is not paragraph._p and measure.paragraph(made) is original
    text = made.find(f".//{qn('w:t')}")
    text.text += " (continued)"
    measure.changed(made)
    relaid = measure.paragraph(made)
    assert relaid is not original
    assert "".join(run.text for run in relaid.runs).endswith("(continued)")
    assert measure.paragraph_height(made, 2000, None) >= measure.paragraph_height(
        paragraph._p, 2000, None
    )
