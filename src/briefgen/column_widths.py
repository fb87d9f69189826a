"""Table columns that fit the page and the words in them.

A table as a template or a cover gives it may be wider than the page it lands on (``--into`` a
portrait cover, Letter paper), or its columns may have been set for smaller type than the
document now uses (a restyled template in 12 pt): a grading column too narrow for
"improvement" breaks the word in two. Here each table is narrowed to its section's text, and
no column is left narrower than its longest word as the document's own fonts set it
(``text_measure``).
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from .table_geometry import grid_span, section_of, set_cell_widths, text_area
from .text_measure import Measure


def fit_columns_to_words(body: etree._Element, measure: Measure) -> None:
    """Fit each table of ``body`` to its section's text width and its words: a table wider than
    the text is narrowed, and a column narrower than its longest word (in the fonts ``measure``
    finds) is widened at the others' expense, the columns keeping their proportions as far as
    the words allow."""
    for table in body.findall(qn("w:tbl")):
        area = text_area(section_of(table, body))
        if area is None:
            continue
        text_width = area[0]
        columns = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        widths = [int(c.get(qn("w:w"), "0")) for c in columns]
        if not sum(widths):
            continue
        longest = _longest_words(table, len(widths), measure)
        total = min(sum(widths), text_width)
        if sum(widths) <= total and all(w >= m for w, m in zip(widths, longest, strict=False)):
            continue
        fitted = _shares(widths, longest, total)
        for column, width in zip(columns, fitted, strict=False):
            column.set(qn("w:w"), str(width))
        set_cell_widths([row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))], fitted)
        for width in table.iter(qn("w:tblW")):
            if width.get(qn("w:type"), "dxa") == "dxa":
                width.set(qn("w:w"), str(total))


def _shares(widths: list[int], minimums: list[int], total: int) -> list[int]:
    """``widths`` scaled to ``total`` in proportion, except that none falls below its minimum:
    the columns held at their minimum are set aside and the rest share what is left."""
    minimums = [min(m, total // len(widths)) if sum(minimums) > total else m for m in minimums]
    held: dict[int, int] = {}
    while True:
        free = [i for i in range(len(widths)) if i not in held]
        left = total - sum(held.values())
        share = sum(widths[i] for i in free) or 1
        fitted = {i: widths[i] * left / share for i in free}
        short = {i: minimums[i] for i in free if fitted[i] < minimums[i]}
        if not short or len(short) == len(free):
            held.update(short)
            break
        held.update(short)
    result = [held.get(i, int(fitted.get(i, 0))) for i in range(len(widths))]
    result[max(range(len(widths)), key=lambda i: result[i])] += total - sum(result)
    return result


def _longest_words(table: etree._Element, count: int, measure: Measure) -> list[int]:
    """For each of the ``count`` grid columns, the width in twips its longest word needs in the
    cover's styles (the styles the briefing takes on there), with the cell's margins."""
    longest = [0] * count
    for row in table.findall(qn("w:tr")):
        start = 0
        for cell in row.findall(qn("w:tc")):
            span = grid_span(cell)
            if span == 1 and start < count:
                longest[start] = max(longest[start], measure.longest_word(cell, table))
            start += span
    return longest
