"""Whether every word of a .docx reached its PDF.

A layout engine that cannot fit a "can't split" table row on a page clips it: the PDF then
lacks the end of a bullet while the .docx holds it, and nothing else says so. Here the words of
the document's body, paragraph by paragraph and in order, are looked for in the PDF's text (read
by pypdfium2); what is not found is reported with the place in the document it comes from
("table 1, row 7, cell 3"). :func:`convert_checked` makes PDFs this way: where one lacks words,
the .docx's rows are let break across pages and it is converted again; where words are still
missing, it fails naming them, so a PDF with text missing is never passed off as complete.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import docx
from lxml import etree

from .errors import PdfError, display_path
from .pdf import convert_in_parallel
from .row_breaks import allow_rows_to_split
from .word_places import paragraphs_in
from .workers import process_pool, worker_count

#: A word as compared: letters and digits only, so that a line broken at a hyphen, the PDF's
#: ligatures and typographic punctuation do not count as a difference.
_WORD = re.compile(r"\w+")


class Missing(NamedTuple):
    """Words of one paragraph that are not in the PDF, with where the paragraph stands."""

    place: str  # "table 1, row 7, cell 3," or "paragraph 12"
    paragraph: str  # the paragraph's text
    words: list[str]  # the words not found, in order


def words(text: str) -> list[str]:
    """The words of ``text`` as they are compared (lower case, letters and digits)."""
    return _WORD.findall(text.casefold())


def pdf_words(pdf: Path | bytes) -> list[list[str]]:
    """The words of each page of a PDF, in reading order as PDFium gives them."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        pages = []
        for page in document:
            text = page.get_textpage()
            pages.append(words(text.get_text_range()))
            text.close()
            page.close()
        return pages
    finally:
        document.close()


def docx_paragraphs(body: etree._Element) -> list[tuple[str, str]]:
    """(place, text) of each paragraph of a document body that has any text, in order."""
    return [(place, text) for place, text, _ in paragraphs_in(body) if words(text)]


def missing_words(document: Path | bytes, pdf: Path | bytes) -> list[Missing]:
    """The paragraphs of ``document`` (a .docx) with words its ``pdf`` does not show, in
    order: the document's words are matched to the PDF's as a sequence, so a word that the PDF
    shows only elsewhere (in a header, or earlier) does not count as found."""
    source = io.BytesIO(document) if isinstance(document, bytes) else str(document)
    paragraphs = docx_paragraphs(docx.Document(source).element.body)
    expected: list[str] = []
    owner: list[int] = []
    for index, (_, text) in enumerate(paragraphs):
        found = words(text)
        expected.extend(found)
        owner.extend([index] * len(found))
    rows = [_row(place) for place, _ in paragraphs]
    pages = pdf_words(pdf)
    shown = [word for page in pages for word in page]
    page_of = [number for number, page in enumerate(pages) for _ in page]
    placed: dict[int, int] = {}  # a position in the document's words → its place in the PDF's
    for block in SequenceMatcher(None, expected, shown, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            placed[block.a + offset] = block.b + offset
    # A word of the PDF stands for one word of the document: one already matched is not
    # looked for again (a page's repeated header row and other cells' words stay free).
    free = list(shown)
    for position in placed.values():
        free[position] = ""
    starts = list(accumulate((len(page) for page in pages), initial=0))
    spans: dict[str, tuple[int, int]] = {}  # the pages each table row's matched words are on
    for position, at in placed.items():
        row = rows[owner[position]]
        if row is not None:
            low, high = spans.get(row, (page_of[at], page_of[at]))
            spans[row] = (min(low, page_of[at]), max(high, page_of[at]))
    lost: dict[int, list[str]] = {}
    for start, end in _runs([i in placed for i in range(len(expected))]):
        # A row the layout engine broke across pages shows its cells' parts interleaved (the
        # rest of column 4 after the start of column 5): a run of words the first pass could
        # not place in order counts as found where it stands whole, in pieces of three words
        # or more, in words not matched to others, on the page of the words before it or the
        # next, or on any page its row stands on.
        before = max((placed[i] for i in range(start) if i in placed), default=0)
        after = min(
            (placed[i] for i in range(end, len(expected)) if i in placed), default=len(shown) - 1
        )
        first = page_of[before] if page_of else 0
        low, high = spans.get(rows[owner[start]] or "", (first, first))
        turning = bool(page_of) and (
            page_of[max(0, min(after, len(shown) - 1))] > first or high > low
        )
        low, high = min(low, first), min(max(high, first + 1), len(pages) - 1)
        window = " " + " ".join(w for w in free[starts[low] : starts[high + 1]] if w) + " "
        for position in _unplaced(expected, start, end, window, turning):
            lost.setdefault(owner[position], []).append(expected[position])
    return [Missing(paragraphs[i][0], paragraphs[i][1], found) for i, found in lost.items()]


#: Documents a worker process must have to check before starting one is worth it (where
#: processes are spawned, each loads briefgen first).
_PER_WORKER = 4


def _lacking(
    documents: Sequence[Path], pdfs: Sequence[Path], workers: int | None = None
) -> list[bool]:
    """Whether each PDF lacks words of its .docx (:func:`missing_words`), the documents
    shared out across a process per core (``workers``) when there are several. A check that
    fails in a worker is made again here, so that it fails as it always has."""
    count = worker_count(workers, len(documents) // _PER_WORKER)
    if count <= 1:
        return [bool(missing_words(d, p)) for d, p in zip(documents, pdfs, strict=True)]
    with process_pool(count) as pool:
        found = list(pool.map(_lacks, documents, pdfs))
    return [
        bool(missing_words(d, p)) if lacks is None else lacks
        for d, p, lacks in zip(documents, pdfs, found, strict=True)
    ]


def _lacks(document: Path, pdf: Path) -> bool | None:
    """In a worker: whether ``pdf`` lacks words of ``document``; None where the check fails."""
    try:
        return bool(missing_words(document, pdf))
    except Exception:  # noqa: BLE001 - told by the same check made again in the parent
        return None


def _row(place: str) -> str | None:
    """The table row a paragraph stands in ("table 1, row 7"), from its place; None outside
    a table."""
    return place.split(", cell ")[0] if ", cell " in place else None


def _runs(matched: list[bool]) -> list[tuple[int, int]]:
    """The (start, end) of each run of unmatched positions."""
    runs, start = [], None
    for position, ok in enumerate([*matched, True]):
        if not ok and start is None:
            start = position
        elif ok and start is not None:
            runs.append((start, position))
            start = None
    return runs


def _unplaced(
    expected: list[str], start: int, end: int, text: str, turning: bool = False
) -> list[int]:
    """The positions of ``expected[start:end]`` not found in ``text`` (words between spaces)
    in pieces of three words or more; a run shorter than three words is looked for with the
    words either side of it, so that a word broken in two is not found in another cell,
    unless the page turns there or within its row (``turning``: the end of a cell carried
    over to the top of the next page)."""
    if end - start < 3 and turning and f" {' '.join(expected[start:end])} " in text:
        return []
    if end - start < 3:
        low, high = max(0, start - (3 - (end - start))), min(len(expected), end + 1)
        whole = f" {' '.join(expected[low:high])} "
        return [] if whole in text else list(range(start, end))
    missing, position = [], start
    while position < end:
        length = end - position
        while length >= 3 and f" {' '.join(expected[position : position + length])} " not in text:
            length -= 1
        if length < 3:
            missing.append(position)
            position += 1
        else:
            position += length
    return missing


def describe(missing: list[Missing], limit: int = 3) -> str:
    """What is missing, in a sentence: the first few paragraphs, with their places."""
    count = sum(len(m.words) for m in missing)
    shown = "; ".join(
        f"{m.place.rstrip(',')} (“{_start(m.paragraph)}”): "
        f"“{' '.join(m.words[:8])}{' …' if len(m.words) > 8 else ''}”"
        for m in missing[:limit]
    )
    more = f"; and {len(missing) - limit} more paragraphs" if len(missing) > limit else ""
    return f"{count} words are missing from the PDF: {shown}{more}"


def _start(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def convert_checked(
    documents: Sequence[Path], out_dir: Path, exe: str | None = None, workers: int | None = None
) -> list[Path]:
    """:func:`~pdf.convert_in_parallel`, each PDF then checked against its .docx: a .docx whose
    PDF lacks words is rewritten with its rows free to break across pages and converted again
    (all such in one run); PdfError naming the document and the rows where words are still
    missing. The PDFs, in the order of ``documents``."""
    pdfs = convert_in_parallel(documents, out_dir, exe, workers)
    short = [i for i, lacks in enumerate(_lacking(documents, pdfs, workers)) if lacks]
    if not short:
        return pdfs
    for i in short:
        documents[i].write_bytes(allow_rows_to_split(documents[i].read_bytes()))
    again = convert_in_parallel([documents[i] for i in short], out_dir, exe, workers)
    for i, pdf in zip(short, again, strict=True):
        pdfs[i] = pdf
        missing = missing_words(documents[i], pdf)
        if missing:
            raise PdfError(
                f"{display_path(documents[i])}: the PDF leaves out text the document "
                f"holds, even with every table row free to break across pages: "
                f"{describe(missing)}; shorten those cells or choose a smaller "
                "font in the template"
            )
    return pdfs
