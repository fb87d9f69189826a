"""column_widths.py: tables fitted to their section's text and to the words in them, in the
document's own fonts (a grading column never breaks "improvement" in two)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

from briefgen.column_widths import fit_columns_to_words
from briefgen.table_geometry import section_of, text_area
from briefgen.text_measure import Measure


def grid(table) -> list[int]:
    return [
        int(c.get(qn("w:w"))) for c in table._tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    ]


def cell_widths(table) -> list[list[int]]:
    return [[c.width.twips for c in row.cells] for row in table.rows]


def make(widths_twips: list[int], rows: list[list[str]], points: float = 11):
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(points)
    table = document.add_table(rows=len(rows), cols=len(widths_twips))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text, width in zip(row.cells, texts, widths_twips, strict=True):
            cell.text = text
            cell.width = Twips(width)
    for column, width in zip(
        table._tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"), widths_twips, strict=True
    ):
        column.set(qn("w:w"), str(width))
    return document, table


def text_width(document, table) -> int:
    body = document.element.body
    return text_area(section_of(table._tbl, body))[0]


def test_a_table_wider_than_the_page_is_narrowed_keeping_its_proportions():
    document, table = make([6000, 6000, 3000], [["Effectiveness", "Good", "Outstanding"]])
    width = text_width(document, table)
    assert sum(grid(table)) > width
    fit_columns_to_words(document.element.body, Measure.of(document))
    fitted = grid(table)
    assert sum(fitted) == width
    assert fitted[0] == pytest.approx(fitted[1], abs=1) and fitted[0] == pytest.approx(
        2 * fitted[2], abs=2
    )
    assert cell_widths(table) == [fitted]  # the cells follow their columns


def test_a_column_too_narrow_for_its_longest_word_is_widened_at_the_others_expense():
    document, table = make(
        [7000, 400, 1000], [["Investigating crime", "Requires improvement", "2017"]], points=12
    )
    measure = Measure.of(document)
    needed = measure.longest_word(table.rows[0].cells[1]._tc, table._tbl)
    assert grid(table)[1] < needed
    before = sum(grid(table))
    fit_columns_to_words(document.element.body, measure)
    fitted = grid(table)
    assert fitted[1] >= needed and sum(fitted) == before  # the table keeps its width
    assert fitted[0] < 7000 and fitted[2] <= 1000


def test_a_table_that_fits_is_left_as_it_is():
    document, table = make([3000, 3000], [["Good", "Requires improvement"]])
    before = document.element.xml
    fit_columns_to_words(document.element.body, Measure.of(document))
    assert document.element.xml == before


def test_words_too_long_for_any_share_still_fill_the_page_and_no_more():
    document, table = make(
        [3000] * 5,
        [["Outstanding", "Inadequate", "improvement", "Effectiveness", "Legitimacy"]],
        points=28,
    )
    document.sections[0].left_margin = document.sections[0].right_margin = Cm(6)
    width = text_width(document, table)
    fit_columns_to_words(document.element.body, Measure.of(document))
    assert sum(grid(table)) == width
