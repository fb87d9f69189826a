"""Table rows that break well across pages.

A row the template marks "can't split" (``w:cantSplit``: the grids' element rows) is kept
whole on one page, so no page opens with a fragment of the row before it. A row taller than a
page cannot be kept whole: it is split here, at paragraph boundaries, into rows that each fit
on a page, and each continuation repeats what the reader needs to know which row it belongs
to: the first cell's text with "(continued)" (the element's name) and every shaded cell (the
grading). Cells that hold bullets are shared out between the pieces; other cells are left
empty in a continuation. Heights are estimated by ``text_measure``.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from lxml import etree

from .table_geometry import grid_span, section_of, text_area
from .text_measure import cell_height, is_bullet, paragraph_height, text_size

#: What a continuation row's first cell adds to the text it repeats.
CONTINUED = " (continued)"
#: The share of a page's text height a row may fill: estimates are not a layout engine (they
#: run about a tenth over LibreOffice's heights for the Met grid, the margin here).
PAGE_SHARE = 0.93


def keep_rows_whole(body: etree._Element, styles: etree._Element) -> None:
    """Split every "can't split" row of ``body``'s tables that is taller than its page."""
    for table in list(body.iter(qn("w:tbl"))):
        area = text_area(section_of(table, body))
        if area is None:
            continue
        room = area[1] / 20  # points
        widths = [int(c.get(qn("w:w"), "0")) for c in
                  table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
        points = text_size(table, styles)
        headers = [r for r in table.findall(qn("w:tr")) if _row_flag(r, "w:tblHeader")]
        budget = PAGE_SHARE * room - sum(_row_height(r, widths, points) for r in headers)
        for row in table.findall(qn("w:tr")):
            if _row_flag(row, "w:cantSplit") and not _row_flag(row, "w:tblHeader") \
                    and _row_height(row, widths, points) > budget > 0:
                _split(row, widths, points, budget)


def _split(row: etree._Element, widths: list[int], points: float, budget: float) -> None:
    """Replace ``row`` by pieces no taller than ``budget`` points each."""
    cells = _cells(row, widths)
    shares: list[list[list[etree._Element]]] = []
    for cell, width in cells:
        paragraphs = cell.findall(qn("w:p"))
        if any(is_bullet(p) for p in paragraphs):
            shares.append(_chunks(paragraphs, width, points, budget))
        else:
            shares.append([paragraphs])
    pieces = max(len(share) for share in shares)
    previous = row
    for piece in range(1, pieces):
        continuation = copy.deepcopy(row)
        for position, ((cell, _), share, (copied, _)) in enumerate(
                zip(cells, shares, _cells(continuation, widths), strict=False)):
            if len(share) > 1:          # bullets: this piece's share, if any is left
                content = share[piece] if piece < len(share) else []
            elif position == 0 or _is_shaded(cell):   # the name and the grading, repeated
                content = share[0]
            else:
                content = []
            _fill(copied, [copy.deepcopy(p) for p in content])
            if position == 0:
                _mark_continued(copied)
        previous.addnext(continuation)
        previous = continuation
    for (cell, _), share in zip(cells, shares, strict=False):
        if len(share) > 1:
            _fill(cell, share[0])


def _chunks(paragraphs: list[etree._Element], width: int, points: float,
            budget: float) -> list[list[etree._Element]]:
    """``paragraphs`` in runs that each fit in ``budget`` points, in order."""
    chunks: list[list[etree._Element]] = [[]]
    height = 0.0
    for paragraph in paragraphs:
        needed = paragraph_height(paragraph, width, points)
        if chunks[-1] and height + needed > budget - cell_height([], width, points):
            # A label ("Areas for improvement:") goes with the bullets it heads.
            label = [chunks[-1].pop()] if len(chunks[-1]) > 1 and not is_bullet(
                chunks[-1][-1]) else []
            chunks.append(label)
            height = sum(paragraph_height(p, width, points) for p in label)
        chunks[-1].append(paragraph)
        height += needed
    return chunks


def _fill(cell: etree._Element, paragraphs: list[etree._Element]) -> None:
    """Make ``paragraphs`` the cell's content (a cell holds at least one paragraph)."""
    for old in cell.findall(qn("w:p")):
        cell.remove(old)
    for paragraph in paragraphs or [etree.SubElement(cell, qn("w:p"))]:
        cell.append(paragraph)


def _mark_continued(cell: etree._Element) -> None:
    """Add "(continued)" to the first cell's text, once."""
    paragraph = cell.find(qn("w:p"))
    texts = list(paragraph.iter(qn("w:t"))) if paragraph is not None else []
    if texts and not (texts[-1].text or "").endswith(CONTINUED):
        texts[-1].text = (texts[-1].text or "") + CONTINUED


def _cells(row: etree._Element, widths: list[int]) -> list[tuple[etree._Element, int]]:
    """Each cell of ``row`` with its width in twips, from the grid columns it spans."""
    found, start = [], 0
    for cell in row.findall(qn("w:tc")):
        span = grid_span(cell)
        found.append((cell, sum(widths[start:start + span])))
        start += span
    return found


def _row_height(row: etree._Element, widths: list[int], points: float) -> float:
    return max((cell_height(c.findall(qn("w:p")), w, points) for c, w in _cells(row, widths)),
               default=0.0)


def _row_flag(row: etree._Element, tag: str) -> bool:
    flag = row.find(f"{qn('w:trPr')}/{qn(tag)}")
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false")


def _is_shaded(cell: etree._Element) -> bool:
    shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return shading is not None and shading.get(qn("w:fill"), "auto") not in ("auto", "FFFFFF")
