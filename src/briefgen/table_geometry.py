"""A Word table's geometry: the grid columns a cell spans, the section a table stands in and
the room on its pages, and each cell's width from its grid.

Used by ``row_breaks`` (a row taller than a page), ``compose`` (tables narrowed to a cover's
text) and ``docx_template`` (:func:`fit_columns`: a grid made to agree with its cells after
``{%tc %}``); ``word_places`` says where things are in the officer's words, this module only
measures.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree


def find_path(element: etree._Element, *tags: str) -> etree._Element | None:
    """``element.find("a/b")`` for the tags ``a, b`` (the first match in document order, as
    ElementPath finds it), each step found by lxml itself rather than by a path parsed in
    Python: a cell's or paragraph's properties are looked up many thousands of times."""
    for child in element.iterchildren(tags[0]):
        found = child if len(tags) == 1 else find_path(child, *tags[1:])
        if found is not None:
            return found
    return None


_TC_PR, _GRID_SPAN = qn("w:tcPr"), qn("w:gridSpan")


def grid_span(cell: etree._Element) -> int:
    """How many of its table's grid columns a cell (w:tc) spans: 1 unless merged across."""
    span = find_path(cell, _TC_PR, _GRID_SPAN)
    try:
        return int(span.get(qn("w:val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def section_of(table: etree._Element, body: etree._Element) -> etree._Element | None:
    """The section properties (``w:sectPr``) of the section ``table`` stands in: the first
    that ends after it in ``body``; None for a table that is not in ``body``."""
    tag = qn("w:sectPr")
    chain = [table, *table.iterancestors()]
    if body not in chain[1:]:
        return None
    inside = next(table.iter(tag), None)  # after the table's start, in document order
    if inside is not None and inside is not table:
        return inside
    for node in chain[: chain.index(body)]:  # what follows it, out to the body's end
        for after in node.itersiblings():
            found = next(after.iter(tag), None)
            if found is not None:
                return found
    return None


def text_area(section: etree._Element | None) -> tuple[int, int] | None:
    """The width and height, in twips, of the text on a section's pages (inside the margins);
    None where the section does not say."""
    if section is None:
        return None
    size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    try:
        return (
            int(size.get(qn("w:w")))
            - int(margins.get(qn("w:left")))
            - int(margins.get(qn("w:right"))),
            int(size.get(qn("w:h")))
            - abs(int(margins.get(qn("w:top"))))
            - abs(int(margins.get(qn("w:bottom")))),
        )
    except (AttributeError, TypeError, ValueError):
        return None


def set_cell_widths(rows: list[list[etree._Element]], columns: list[int]) -> None:
    """Give each cell (of ``rows``, a list of each row's w:tc) the width of the grid columns it
    spans, where its width is fixed."""
    for cells in rows:
        start = 0
        for cell in cells:
            span = grid_span(cell)
            width = find_path(cell, _TC_PR, qn("w:tcW"))
            if width is not None and width.get(qn("w:type"), "dxa") == "dxa":
                width.set(qn("w:w"), str(sum(columns[start : start + span])))
            start += span


def fit_columns(table: etree._Element, width: int | None = None) -> None:
    """Make a table's grid agree with its cells once ``{%tc %}`` tags have come and gone.

    docxtpl removes a ``{%tc %}`` tag's cell (so a column can be left out, or repeated with
    ``{%tc for %}``) but then only trims or pads the grid at its right-hand end, with equal
    widths. Here the cells are the truth: the columns left take the widths their cells have,
    in proportion, across the table's full width, and a row with merged cells (a band across
    the whole table) still reaches across it, its last merged cell taking up the difference.
    A table whose grid already matches its cells is left exactly as it is. ``width`` is the
    table's full width in twips (by default, what its grid adds up to).
    """
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return
    columns = grid.findall(qn("w:gridCol"))
    rows = [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]
    plain = [cells for cells in rows if cells and all(grid_span(c) == 1 for c in cells)]
    if not columns or not plain:
        return
    widest = max(plain, key=len)
    found = [_cell_width(c) for c in widest]
    widths = [w for w in found if w is not None]
    current = [int(c.get(qn("w:w"), "0")) for c in columns]
    total = width or sum(current)
    if (
        None in found
        or not total
        or (
            len(widths) == len(current)
            and all(abs(a - b) <= max(20, b // 100) for a, b in zip(widths, current, strict=False))
        )
    ):
        return
    scale = total / sum(widths)
    fitted = [int(w * scale) for w in widths]
    fitted[-1] += total - sum(fitted)
    for column in columns:
        grid.remove(column)
    for share in fitted:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(share))
    for cells in rows:
        spans = [grid_span(cell) for cell in cells]
        merged = [i for i, span in enumerate(spans) if span > 1]
        if merged:  # a row with merged cells still reaches across the table, at its last one
            spans[merged[-1]] = max(1, len(fitted) - sum(spans) + spans[merged[-1]])
            cells[merged[-1]].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").set(
                qn("w:val"), str(spans[merged[-1]])
            )
    set_cell_widths(rows, fitted)


def _cell_width(cell: etree._Element) -> int | None:
    """A cell's width in twentieths of a point, if it has a fixed one."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type"), "dxa") != "dxa":
        return None
    try:
        return int(width.get(qn("w:w"))) or None
    except (TypeError, ValueError):
        return None
