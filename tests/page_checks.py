"""Checks on a PDF's pages that a reader would make of a grid: every word is there, and the
grid breaks where a reader would have it break.

Each check reads the PDF through pypdfium2 (the text inside each page's text area, so running
headers and footers are left out) and the .docx it was made from (the grid's element names,
its bands, each section's margins); each returns what is wrong, in words, so that a test
failure says which page and which row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdfium2
from docx.oxml.ns import qn

from briefgen.pdf_check import missing_words

#: Emptier than this, a body page of a grid is a page a reader would see as half-used.
MOST_EMPTY = 0.25
CONTINUED = " (continued)"


@dataclass
class Page:
    number: int
    text: str            # the text inside the text area, whitespace made single spaces
    emptiness: float     # the share of the text area below the lowest line of text


@dataclass
class Grid:
    """The first table of a document as the checks see it."""

    header: str          # the header row's text
    names: list[str]     # each element row's first cell, without "(continued)"
    bands: list[str]     # the text of each row merged across the table (a pillar's band)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def grid_of(document: Path) -> Grid | None:
    """The grid (the first table with a repeated header row) of ``document``."""
    body = docx.Document(str(document)).element.body
    for table in body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        headers = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
        if not headers:
            continue
        names, bands = [], []
        for row in rows:
            if row in headers:
                continue
            cells = row.findall(qn("w:tc"))
            text = _cell_text(cells[0])
            if len(cells) == 1:
                bands.append(text)
            elif text and not text.endswith(CONTINUED):
                names.append(text)
        header = _plain(" ".join(_cell_text(c) for c in headers[0].findall(qn("w:tc"))))
        return Grid(header, names, bands)
    return None


def _cell_text(cell) -> str:
    """A cell's text as the PDF shows it: its paragraphs one after another, spaced."""
    return _plain(" ".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                           for p in cell.iter(qn("w:p"))))


def margins(document: Path) -> dict[tuple[int, int], tuple[float, float]]:
    """(top, bottom) margin in points of each section, by its page size in points."""
    found = {}
    for section in docx.Document(str(document)).sections:
        size = (round(section.page_width.pt), round(section.page_height.pt))
        found[size] = (abs(section.top_margin.pt), abs(section.bottom_margin.pt))
    return found


def pages(document: Path, pdf: Path) -> list[Page]:
    """Each page of ``pdf``: the text in its text area, and how empty that area is."""
    by_size = margins(document)
    result = []
    pdf_document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(pdf_document, start=1):
            width, height = page.get_size()
            top, bottom = by_size.get((round(width), round(height)), (72.0, 72.0))
            text_page = page.get_textpage()
            inside = [text_page.get_rect(i) for i in range(text_page.count_rects())]
            inside = [r for r in inside if r[1] >= bottom - 1 and r[3] <= height - top + 1]
            lowest = min((r[1] for r in inside), default=height - top)
            text = _plain(text_page.get_text_bounded(0, bottom - 1, width, height - top + 1))
            result.append(Page(number, text, (lowest - bottom) / (height - top - bottom)))
            text_page.close()
            page.close()
    finally:
        pdf_document.close()
    return result


def grid_problems(document: Path, pdf: Path) -> list[str]:
    """Where the grid of ``document`` breaks as a reader would not have it break in ``pdf``."""
    grid = grid_of(document)
    if grid is None:
        return []
    found = []
    laid = [p for p in pages(document, pdf) if grid.header and p.text.find(grid.header) >= 0]
    for index, page in enumerate(laid):
        body = page.text[page.text.find(grid.header) + len(grid.header):].strip()
        starts = _row_starts(body, grid.names)
        for name in grid.names:
            going_on = body.count(name + CONTINUED)
            if going_on and body.count(name) > going_on:
                found.append(f"page {page.number}: {name!r} goes on{CONTINUED} on the page "
                             "where it begins")
        if body in grid.bands:
            found.append(f"page {page.number}: only the header row and the band {body!r}")
        last = index == len(laid) - 1
        if not last and page.emptiness > MOST_EMPTY:
            found.append(f"page {page.number}: {page.emptiness:.0%} of the page left empty")
        if last and index and len(starts) == 1 and not starts[0][1] and \
                len(_row_starts(laid[index - 1].text, grid.names)) >= 3:
            found.append(f"page {page.number}: {starts[0][0]!r} alone on the grid's last page")
    return found


def _row_starts(body: str, names: list[str]) -> list[tuple[str, bool]]:
    """The rows that stand on a page: (name, whether it is a continuation), in no order."""
    return [(name, body.count(name + CONTINUED) > 0) for name in names if name in body]


def lost_words(document: Path, pdf: Path) -> int:
    """How many words of ``document`` its ``pdf`` does not show."""
    return sum(len(m.words) for m in missing_words(document, pdf))


def emptiest_body_page(document: Path, pdf: Path) -> float:
    """How empty the emptiest page of the grid is, its last page aside (0 without a grid)."""
    grid = grid_of(document)
    if grid is None:
        return 0.0
    laid = [p for p in pages(document, pdf) if grid.header in p.text]
    return max((p.emptiness for p in laid[:-1]), default=0.0)
