"""text_measure.py: the room text takes in a table, from conservative figures."""

from __future__ import annotations

import pytest
from lxml import etree

from briefgen.text_measure import (
    BULLET_INDENT,
    CELL_MARGINS,
    CELL_PADDING,
    DEFAULT_SIZE,
    LINE_CHAR_EM,
    LINE_EM,
    PARAGRAPH_SPACE,
    cell_height,
    is_bullet,
    paragraph_height,
    text_size,
    word_width,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def xml(text: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W}">{text}</w:root>')[0]


def paragraph(text: str, properties: str = "") -> etree._Element:
    return xml(f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>")


def test_a_word_is_given_room_at_the_widest_average_letter():
    assert word_width(10, 10) == int(10 * 0.62 * 10 * 20)


def test_a_list_item_by_numbering_or_by_style():
    assert is_bullet(paragraph("x", "<w:pPr><w:numPr/></w:pPr>"))
    assert is_bullet(paragraph("x", '<w:pPr><w:pStyle w:val="ListBullet2"/></w:pPr>'))
    assert not is_bullet(paragraph("x", '<w:pPr><w:pStyle w:val="Normal"/></w:pPr>'))
    assert not is_bullet(paragraph("x"))


def test_lines_are_counted_from_the_characters_a_line_holds():
    width = 3000  # twips: 150 pt
    per_line = int(150 / (LINE_CHAR_EM * 10))
    one_line = paragraph("x" * per_line)
    assert paragraph_height(one_line, width, 10) == pytest.approx(LINE_EM * 10 + PARAGRAPH_SPACE)
    three = paragraph("x" * (2 * per_line + 1))
    assert paragraph_height(three, width, 10) == pytest.approx(3 * LINE_EM * 10 + PARAGRAPH_SPACE)
    indented = paragraph("x" * per_line, "<w:pPr><w:numPr/></w:pPr>")
    assert int((150 - BULLET_INDENT) / (LINE_CHAR_EM * 10)) < per_line
    assert paragraph_height(indented, width, 10) > paragraph_height(one_line, width, 10)
    assert paragraph_height(paragraph(""), width, 10) == paragraph_height(paragraph("x"), width, 10)


def test_a_cell_is_its_paragraphs_within_its_margins():
    cells = [paragraph("a"), paragraph("b" * 200)]
    assert cell_height(cells, 3000, 10) == pytest.approx(
        CELL_PADDING + sum(paragraph_height(p, 3000 - CELL_MARGINS, 10) for p in cells)
    )


def test_the_text_size_from_the_tables_style():
    styles = xml(
        '<w:styles><w:style w:styleId="Grid"><w:rPr><w:sz w:val="20"/></w:rPr></w:style></w:styles>'
    )
    styled = xml('<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr></w:tbl>')
    assert text_size(styled, styles) == 10
    assert text_size(xml("<w:tbl/>"), styles) == DEFAULT_SIZE
    other = xml('<w:tbl><w:tblPr><w:tblStyle w:val="Other"/></w:tblPr></w:tbl>')
    assert text_size(other, styles) == DEFAULT_SIZE
