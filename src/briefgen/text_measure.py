"""How much room text takes in a Word table, estimated without a layout engine.

briefgen cannot ask Word or LibreOffice how tall a row will be, so it estimates from the text
with conservative figures for a sans-serif text font: a word is never given less room than it
needs (``compose`` keeps each column at least as wide as its longest word), and a row's height
is never underestimated by much (``row_breaks`` keeps rows whole and splits only those taller
than a page). The figures are for Arial and fonts like it (Liberation Sans, Calibri is
narrower); the tests check them against a real font's metrics and LibreOffice's pages.
"""

from __future__ import annotations

import math

from docx.oxml.ns import qn
from lxml import etree

#: A character's width in ems that no letter of a sans-serif text font exceeds on average
#: across a word (Arial's widest lower-case letters are m, 0.83, and w, 0.72; its average is
#: about 0.5): a column is never narrowed below its longest word at this width.
WORD_CHAR_EM = 0.62
#: A character's width in ems across a line of running text (Arial's English text averages
#: about 0.42 em a character, spaces included; LibreOffice fits 46 to a 183 pt line at 10 pt):
#: lines are counted at this slightly wider width, so a row is not thought shorter than it is.
LINE_CHAR_EM = 0.46
#: The height of a line in ems: Word's "multiple 1.15" on a font whose line is 1.15 em.
LINE_EM = 1.15 * 1.15
#: The room each paragraph adds beyond its lines (the grid's Normal: 6 pt after), in points.
PARAGRAPH_SPACE = 6.0
#: The text size assumed where the table's style does not give one, in points.
DEFAULT_SIZE = 11.0
#: A cell's left and right margins together, in twips, where the table does not say (Word's).
CELL_MARGINS = 2 * 115
#: A cell's top and bottom margins together, in points (the grid's are 2.85 pt each).
CELL_PADDING = 6.0
#: A bullet's indent from the cell's edge, in points (List Bullet: 0.5 cm).
BULLET_INDENT = 14.2


def text_size(table: etree._Element, styles: etree._Element) -> float:
    """The text size, in points, the table's style gives (else :data:`DEFAULT_SIZE`)."""
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    if style is None:
        return DEFAULT_SIZE
    for candidate in styles.findall(qn("w:style")):
        if candidate.get(qn("w:styleId")) == style.get(qn("w:val")):
            size = candidate.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if size is not None:
                return int(size.get(qn("w:val"))) / 2
    return DEFAULT_SIZE


def word_width(characters: int, points: float) -> int:
    """The width in twips a word of ``characters`` needs at ``points`` (:data:`WORD_CHAR_EM`)."""
    return int(characters * WORD_CHAR_EM * points * 20)


def is_bullet(paragraph: etree._Element) -> bool:
    """Whether a paragraph is a list item (numbered directly, or by a list style)."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return False
    style = properties.find(qn("w:pStyle"))
    return properties.find(qn("w:numPr")) is not None or (
        style is not None and style.get(qn("w:val"), "").startswith("List"))


def paragraph_height(paragraph: etree._Element, width_twips: int, points: float) -> float:
    """The height in points ``paragraph`` takes in a cell ``width_twips`` wide."""
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    room = width_twips / 20 - (BULLET_INDENT if is_bullet(paragraph) else 0)
    per_line = max(1, int(room / (LINE_CHAR_EM * points)))
    lines = max(1, math.ceil(len(text) / per_line)) if text else 1
    return lines * LINE_EM * points + PARAGRAPH_SPACE


def cell_height(paragraphs: list[etree._Element], width_twips: int, points: float) -> float:
    """The height in points a cell holding ``paragraphs`` takes, ``width_twips`` wide."""
    return CELL_PADDING + sum(paragraph_height(p, width_twips - CELL_MARGINS, points)
                              for p in paragraphs)
