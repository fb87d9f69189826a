"""Checks on a PDF's pages that a reader would make of a grid: every word is there, and the
grid breaks where a reader would have it break.

Each check reads the PDF through pypdfium2 (the text inside each page's text area, so running
headers and footers are left out) and the .docx it was made from (the grid's element names,
its bands, each section's margins); each returns what is wrong, in words, so that a test
failure says which page and which row. A body page may be more than a quarter empty only where
the row that begins the next page could not have begun there: the document keeps it from
breaking across pages, and the least first part a layout could give it (every cell without
bullets whole, else the label and the first sentence of the first bullet), its lines as the
next page shows them and the spacing and cell margins the document gives, is taller than the
room left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdfium2
from docx.oxml.ns import qn

from briefgen.pdf_check import missing_words, words
from briefgen.text_measure import BORDERS, Measure, is_bullet, table_style

#: Emptier than this, a body page of a grid is a page a reader would see as half-used.
MOST_EMPTY = 0.25
CONTINUED = " (continued)"


@dataclass
class Page:
    number: int
    text: str  # the text inside the text area, whitespace made single spaces
    emptiness: float  # the share of the text area below the lowest line of text
    area: float  # the text area's height, in points
    room: float  # from the lowest baseline in the text area to its foot, in points


@dataclass
class Grid:
    """The first table of a document as the checks see it."""

    header: str  # the header row's text
    names: list[str]  # each element row's first cell, without "(continued)"
    bands: list[str]  # the text of each row merged across the table (a pillar's band)
    rows: list[Row]  # each body row, in order


@dataclass
class Row:
    """A body row of the grid as the checks see it."""

    cells: list[list[tuple[str, bool]]]  # each cell's paragraphs: (text, whether a bullet)
    band: bool  # merged across the table
    free: bool  # the document lets it break across pages
    below: float  # the least room below a cell's last line: its spacing after, and
    #                      the cell's bottom margin and border, in points
    above: float  # the cell's top margin, in points


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def grid_of(document: Path) -> Grid | None:
    """The grid (the first table with a repeated header row) of ``document``."""
    opened = docx.Document(str(document))
    measure = Measure.of(opened)
    body = opened.element.body
    for table in body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        headers = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
        if not headers:
            continue
        names, bands, body = [], [], []
        for row in rows:
            if row in headers:
                continue
            cells = row.findall(qn("w:tc"))
            text = _cell_text(cells[0])
            body.append(_row(row, table, measure))
            if len(cells) == 1:
                bands.append(text)
            elif text and not text.endswith(CONTINUED):
                names.append(text)
        header = _plain(" ".join(_cell_text(c) for c in headers[0].findall(qn("w:tc"))))
        return Grid(header, names, bands, body)
    return None


def _row(row, table, measure: Measure) -> Row:
    cells = row.findall(qn("w:tc"))
    below, above = [], []
    for cell in cells:
        margins = measure.cell_margins(cell, table)
        last = cell.findall(qn("w:p"))[-1]
        below.append(
            measure.paragraph(last, table_style(table)).after + margins["bottom"] / 20 + BORDERS
        )
        above.append(margins["top"] / 20)
    return Row(
        [[(_cell_text(p), is_bullet(p)) for p in c.findall(qn("w:p"))] for c in cells],
        len(cells) == 1,
        row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None,
        min(below),
        min(above),
    )


def _cell_text(cell) -> str:
    """A cell's text as the PDF shows it: its paragraphs one after another, spaced."""
    return _plain(
        " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p")))
    )


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
            area = height - top - bottom
            lines = [y for _, y, _ in _chars(text_page) if bottom - 1 <= y <= height - top + 1]
            result.append(
                Page(
                    number,
                    text,
                    (lowest - bottom) / area,
                    area,
                    min(lines, default=height - top) - bottom,
                )
            )
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
        body = page.text[page.text.find(grid.header) + len(grid.header) :].strip()
        starts = _row_starts(body, grid.names)
        for name in grid.names:
            going_on = body.count(name + CONTINUED)
            if going_on and body.count(name) > going_on:
                found.append(
                    f"page {page.number}: {name!r} goes on{CONTINUED} on the page where it begins"
                )
        if body in grid.bands:
            found.append(f"page {page.number}: only the header row and the band {body!r}")
        last = index == len(laid) - 1
        if (
            not last
            and page.emptiness > MOST_EMPTY
            and not _could_not_start_there(pdf, page, laid[index + 1], grid)
        ):
            found.append(f"page {page.number}: {page.emptiness:.0%} of the page left empty")
        if (
            last
            and index
            and len(starts) == 1
            and not starts[0][1]
            and len(_row_starts(laid[index - 1].text, grid.names)) >= 3
        ):
            found.append(f"page {page.number}: {starts[0][0]!r} alone on the grid's last page")
    return found


def _could_not_start_there(pdf: Path, page: Page, following: Page, grid: Grid) -> bool:
    """Whether the row that begins the ``following`` page could not have begun at the foot of
    ``page``: it stands whole at the top of ``following``, the document keeps it from breaking
    across pages (a band before it keeps with it), and the least of it a layout could begin
    with, its text as the PDF lays it out with the least room the document gives around it,
    is taller than the room ``page`` left below the row that ends it. That least part: every
    cell without bullets whole; in a cell of bullets, the paragraphs before its first bullet
    and that bullet's first sentence."""
    shown, places = _page_words(pdf, following.number)
    header = words(grid.header)
    at = next(
        (i + len(header) for i in range(len(shown)) if shown[i : i + len(header)] == header), None
    )
    if at is None:
        return False
    for index, row in enumerate(grid.rows):
        least: list[int] = []  # the positions of the words of the least first part
        position, first = at, row
        if row.band and index + 1 < len(grid.rows):  # a band keeps with the row after it
            least += range(position, position + len(words(_cells_text(row.cells))))
            position += len(least)
            row = grid.rows[index + 1]
        whole = words(_cells_text(row.cells))
        if row.free or row.band or not whole or shown[position : position + len(whole)] != whole:
            continue
        for cell in row.cells:
            count = len(words(" ".join(text for text, _ in cell)))
            if any(bullet for _, bullet in cell):
                lead = [text for text, _ in _until_first_bullet(cell)]
                lead[-1] = re.split(r"(?<=[.;!?])\s", lead[-1], maxsplit=1)[0]
                least += range(position, position + len(words(" ".join(lead))))
            else:
                least += range(position, position + count)
            position += count
        inside = [places[i] for i in least]
        if not inside or index == 0:
            continue
        # from the top of its first line (a line is an em tall at least) to its last baseline
        tall = max(y + size for y, size in inside) - min(y for y, _ in inside)
        ending = grid.rows[index - 1]  # the row that ends ``page``
        if ending.below + first.above + tall + row.below > page.room:
            return True
    return False


def _until_first_bullet(cell: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    found = []
    for text, bullet in cell:
        found.append((text, bullet))
        if bullet:
            break
    return found


def _cells_text(cells: list[list[tuple[str, bool]]]) -> str:
    return " ".join(text for cell in cells for text, _ in cell)


def _chars(text_page) -> list[tuple[str, float, float]]:
    """Each character of a page that is not a space: (the character, its baseline's height
    on the page, its font size), in points."""
    import ctypes

    from pypdfium2 import raw

    raw_text = text_page.get_text_range()
    x, y = ctypes.c_double(), ctypes.c_double()
    found = []
    for index, char in enumerate(raw_text):
        if not char.isspace() and raw.FPDFText_GetCharOrigin(text_page.raw, index, x, y):
            found.append((char, y.value, raw.FPDFText_GetFontSize(text_page.raw, index)))
    return found


def _page_words(pdf: Path, number: int) -> tuple[list[str], list[tuple[float, float]]]:
    """The words of page ``number`` as :func:`briefgen.pdf_check.words` reads them, each with
    its baseline's height on the page and its font size, in points."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        text_page = document[number - 1].get_textpage()
        chars = _chars(text_page)
        text = "".join(char for char, _, _ in chars).casefold()
        # the words of the text without spaces are found where the text with them says
        spaced = " ".join(words(text_page.get_text_range()))
        found, places, at = [], [], 0
        for word in spaced.split():
            at = text.find(word, at)
            found.append(word)
            places.append((chars[at][1], chars[at][2]))
            at += len(word)
        return found, places
    finally:
        document.close()


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
