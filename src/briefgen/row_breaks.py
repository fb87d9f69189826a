"""Table rows that break where a reader would have them break.

A row the template marks "can't split" (``w:cantSplit``: the grids' element rows) is kept whole
on one page only where it surely fits there; otherwise it is split here, at paragraph
boundaries, into rows that each do. The table is laid out page by page with the fonts the
document really uses (``text_measure``): a row that does not fit in what is left of a page is
split so that its first part fills that page, unless less than a quarter of the page is left
(then it starts the next page), and a row taller than a page goes on over as many pages as it
needs. Each continuation repeats what the reader needs to know which row it belongs to: the
first cell's text with "(continued)" (the element's name), every shaded cell (the grading) and,
in a cell of bullets, the label the bullets stand under ("Areas for improvement:"). Cells that
hold bullets are shared out between the pieces; other cells are left empty in a continuation.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable

from docx.oxml.ns import qn
from lxml import etree

from .column_widths import fit_columns_to_words
from .docx_package import parse_xml
from .table_geometry import section_of, text_area
from .text_measure import Measure, cells, is_bullet, table_style

#: A bullet that does not fit in what is left of a page is cut after a sentence, the rest
#: going on under the row's continuation, where this share of the page or more would be left.
CUT_WHEN_LEFT = 0.1
#: What a continuation row's first cell adds to the text it repeats.
CONTINUED = " (continued)"
#: The share of a page a layout here may fill: what is measured runs a few hundredths over
#: what LibreOffice lays out (line heights and spacing are taken at the larger of Word's and
#: LibreOffice's readings), so a little is kept in hand, but no more: a row split that did not
#: need to be would leave its continuation on the same page as its beginning. The first piece
#: of a row split at the foot of a page may fill it to the foot: were it a little too tall, it
#: would go over whole, nothing lost, where a piece a page tall would be cut off.
PAGE_SHARE = 0.98
#: Less than this share of a page left, and a row that does not fit there starts the next
#: page instead of being split (a reader would rather turn the page than read two lines);
#: under the quarter of a page a reader would see as a page half-used, for what is measured
#: runs a little over what LibreOffice lays out.
SPLIT_WHEN_LEFT = 0.2


def keep_rows_whole(document) -> None:
    """Fit every table of a python-docx ``document`` to its pages' width and its words
    (``column_widths``), then lay out each that has "can't split" rows."""
    measure = Measure.of(document)
    body = document.element.body
    fit_columns_to_words(body, measure)
    for table in list(body.iter(qn("w:tbl"))):
        rows = table.findall(qn("w:tr"))
        if not any(_row_flag(r, "w:cantSplit") for r in rows):
            continue
        area = text_area(section_of(table, body))
        if area is not None:
            _lay_out(table, measure, area[1] / 20 * PAGE_SHARE, _before(table, body, measure, area))


def _lay_out(table: etree._Element, measure: Measure, room: float, used: float) -> None:
    """Split the rows of ``table`` to fill pages ``room`` points tall, starting ``used``
    points down the first."""
    widths = [
        int(c.get(qn("w:w"), "0")) for c in table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    ]
    rows = table.findall(qn("w:tr"))
    headers = [r for r in rows if _row_flag(r, "w:tblHeader")]
    header = sum(measure.row_height(r, widths, table) for r in headers)
    used += header
    band = 0.0  # a band just placed: it keeps with the row after it, onto the next page
    pages: list[list[etree._Element]] = [[]]  # the rows that begin on each page
    for row in rows:
        if row in headers:
            continue
        is_band = len(row.findall(qn("w:tc"))) == 1
        if is_band:
            _keep_with_next(row)  # a band across the table heads the row after it
        height = measure.row_height(row, widths, table)
        if used + height <= room or (is_band and used == header):
            used, band = used + height, height if is_band else 0.0
            pages[-1].append(row)
            continue
        if is_band or not _row_flag(row, "w:cantSplit"):
            # a band starts the next page; a row free to break goes on over the page
            used = header + (height if is_band else (used + height - room) % (room - header))
            band = height if is_band else 0.0
            if is_band:
                pages.append([row])
            else:
                pages[-1].append(row)
                pages.append([])
            continue
        left = room / PAGE_SHARE - used  # the first piece may fill the page to its foot
        if left < SPLIT_WHEN_LEFT * room / PAGE_SHARE:
            used, left = header + band, room - header - band  # it starts the next page
            if height <= left:
                moved = [pages[-1].pop()] if band and pages[-1] else []  # the band goes too
                pages.append([*moved, row])
                used, band = used + height, 0.0
                continue
        pieces = _split(row, widths, table, measure, [left, room - header])
        under_band = (
            len(pieces) == 1
            and band > 0
            and _row_flag(row, "w:cantSplit")
            and header + band + height > room
        )
        if under_band:  # it starts the next page under its band, and is split to fit there
            pieces = _split(row, widths, table, measure, [room - header - band, room - header])
        if len(pieces) > 1:
            used = header + measure.row_height(pieces[-1], widths, table)
            if under_band:
                pages.append([pages[-1].pop()] if pages[-1] else [])
            pages[-1].append(row)
            pages.extend([piece] for piece in pieces[1:])
        elif _row_flag(row, "w:cantSplit"):
            used = header + band + height  # whole, on the next page, with its band
            pages.append([row])
        else:
            used = header + (used + height - room) % (room - header)
            pages[-1].append(row)
            pages.append([])
        band = 0.0
    _no_lone_last_row(pages)


def _no_lone_last_row(pages: list[list[etree._Element]]) -> None:
    """Where the table's last page would hold one whole row under a page of three or more,
    keep the row before it with it, so the last two rows go over together."""
    pages = [page for page in pages if page]
    if len(pages) >= 2 and len(pages[-1]) == 1 and len(pages[-2]) >= 3:
        last = pages[-1][0]
        if _row_flag(last, "w:cantSplit") and not _is_continuation(last):
            _keep_with_next(pages[-2][-1])


def _is_continuation(row: etree._Element) -> bool:
    first = row.find(qn("w:tc"))
    text = "".join(t.text or "" for t in first.iter(qn("w:t"))) if first is not None else ""
    return text.endswith(CONTINUED)


def _split(
    row: etree._Element,
    widths: list[int],
    table: etree._Element,
    measure: Measure,
    rooms: list[float],
) -> list[etree._Element]:
    """Replace ``row`` by pieces, the first no taller than ``rooms[0]`` points and the rest
    no taller than ``rooms[1]``; the pieces, ``row`` first. A row that cannot be split at
    all is left able to break across pages."""
    placed = cells(row, widths)
    shares: list[list[list[etree._Element]]] = []
    for cell, width in placed:
        paragraphs = cell.findall(qn("w:p"))
        if any(is_bullet(p) for p in paragraphs):
            shares.append(_chunks(paragraphs, cell, width, table, measure, rooms))
        else:
            shares.append([paragraphs])
    count = max(len(share) for share in shares)
    fixed = max(
        (
            measure.cell_height(c, w, table)
            for (c, w), s in zip(placed, shares, strict=False)
            if len(s) == 1
        ),
        default=0.0,
    )
    # nothing fits here: no share of bullets, or not the cells every piece repeats whole (a
    # long name, set large), which would take the first piece to the next page
    if fixed > rooms[0] or not any(share[0] for share in shares if len(share) > 1):
        if measure.row_height(row, widths, table) <= rooms[1]:
            return [row]  # it starts the next page, whole
        if rooms[0] >= rooms[1]:  # a paragraph taller than a page: the layout engine breaks it
            _allow_split(row)
            return [row]
        return _split(row, widths, table, measure, [rooms[1], rooms[1]])
    if count == 1 or fixed > rooms[1]:
        _allow_split(row)  # nothing to share out, or a cell taller than a page
        return [row]
    pieces, previous = [row], row
    for piece in range(1, count):
        continuation = copy.deepcopy(row)
        for position, ((cell, _), share, (copied, _)) in enumerate(
            zip(placed, shares, cells(continuation, widths), strict=False)
        ):
            if len(share) > 1:  # bullets: this piece's share, if any is left
                content = share[piece] if piece < len(share) else []
            elif position == 0 or _is_shaded(cell):  # the name and the grading, repeated
                content = share[0]
            else:
                content = []
            _fill(copied, [measure.copy_of(p) for p in content])
            if position == 0:
                measure.changed(_mark_continued(copied))
        previous.addnext(continuation)
        pieces.append(continuation)
        previous = continuation
    for (cell, _), share in zip(placed, shares, strict=False):
        if len(share) > 1:
            _fill(cell, share[0])
    for piece in pieces:
        if measure.row_height(piece, widths, table) > rooms[1]:
            _allow_split(piece)
    return pieces


def _chunks(
    paragraphs: list[etree._Element],
    cell: etree._Element,
    width: int,
    table: etree._Element,
    measure: Measure,
    rooms: list[float],
) -> list[list[etree._Element]]:
    """``paragraphs`` in runs that each fit (the first in ``rooms[0]`` points, the others in
    ``rooms[1]``), in order; a run that goes on under a label starts with the label again. A
    paragraph taller than a page, or one that would leave :data:`CUT_WHEN_LEFT` of a page or
    more empty, is cut after a sentence to fill what is left (:func:`_cut_to_fit`)."""
    chunks: list[list[etree._Element]] = [[]]
    label: etree._Element | None = None
    queue = list(paragraphs)
    while queue:
        paragraph = queue.pop(0)
        room = rooms[0] if len(chunks) == 1 else rooms[1]
        trial = chunks[-1] + [paragraph]
        used = measure.cell_height(cell, width, table, chunks[-1]) if chunks[-1] else 0.0
        if measure.cell_height(cell, width, table, trial) > room and (
            measure.cell_height(cell, width, table, [paragraph]) > rooms[1]
            or room - used >= CUT_WHEN_LEFT * rooms[1]
        ):
            parts = _cut_to_fit(  # the test is used here, within this iteration
                paragraph,
                lambda part, room=room: (  # type: ignore[misc]
                    measure.cell_height(cell, width, table, chunks[-1] + [part]) <= room
                ),
                measure.paragraph(paragraph, table_style(table)).left,
            )
            if parts is not None:
                chunks[-1].append(parts[0])
                chunks.append([])
                queue.insert(0, parts[1])
                continue
        if chunks[-1] and measure.cell_height(cell, width, table, trial) > room:
            carried = []
            if len(chunks[-1]) > 1 and not is_bullet(chunks[-1][-1]):
                carried = [chunks[-1].pop()]  # a label goes with the bullets it heads
            elif label is not None and is_bullet(paragraph):
                carried = [measure.copy_of(label)]  # the bullets go on under their label
            chunks.append(carried)
        elif (
            not chunks[-1]
            and len(chunks) == 1
            and measure.cell_height(cell, width, table, trial) > room
        ):
            chunks.append([])  # not even this paragraph fits in what is left of the page
        if not is_bullet(paragraph):
            label = paragraph
        chunks[-1].append(paragraph)
    return chunks if chunks[0] or len(chunks) == 1 else [[], *chunks[1:]]


#: Where a paragraph may be cut: after a sentence (or a clause ended by a semicolon, or a
#: quotation cut short with "[…]").
_SENTENCE_END = re.compile(r"(?:[.;!?]|\u2026\])[\u2019\u201d\")]?\s+")


def _cut_to_fit(
    paragraph: etree._Element, fits: Callable[[etree._Element], bool], left: float
) -> tuple[etree._Element, etree._Element] | None:
    """``paragraph`` cut after the last sentence with which its first part ``fits``: the
    first part, and the rest as a paragraph going on under it (no bullet, the same indent);
    None where not even its first sentence fits."""
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    for match in reversed(list(_SENTENCE_END.finditer(text))):
        if match.end() >= len(text):
            continue
        first = _keep(copy.deepcopy(paragraph), 0, match.end())
        if fits(first):
            rest = _keep(copy.deepcopy(paragraph), match.end(), len(text))
            _going_on(rest, left)
            return first, rest
    return None


def _keep(paragraph: etree._Element, start: int, end: int) -> etree._Element:
    """``paragraph`` with only its text from ``start`` to ``end``: runs outside it removed (a
    run without text, such as a footnote's mark, goes with the text before it)."""
    offset = 0
    for run in list(paragraph.iter(qn("w:r"))):
        texts = run.findall(qn("w:t"))
        length = sum(len(t.text or "") for t in texts)
        if length:
            inside = start < offset + length and offset < end
        else:
            inside = start < offset <= end or offset == start == 0
        if not inside:
            run.getparent().remove(run)
        for t in texts if inside else []:
            value, at = t.text or "", offset
            t.text = value[max(0, start - at) : max(0, end - at)]
            offset += len(value)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if not inside:
            offset += length
    return paragraph


def _going_on(paragraph: etree._Element, left: float) -> None:
    """Make ``paragraph`` read as the rest of the one before: no bullet of its own, the text
    at the same indent."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = etree.SubElement(paragraph, qn("w:pPr"))
        paragraph.insert(0, properties)
    for old in properties.findall(qn("w:numPr")) + properties.findall(qn("w:ind")):
        properties.remove(old)
    numbering = etree.SubElement(properties, qn("w:numPr"))
    etree.SubElement(numbering, qn("w:ilvl")).set(qn("w:val"), "0")
    etree.SubElement(numbering, qn("w:numId")).set(qn("w:val"), "0")  # no list
    indent = etree.SubElement(properties, qn("w:ind"))  # its place: ooxml_order, on output
    indent.set(qn("w:left"), str(int(left * 20)))
    indent.set(qn("w:firstLine"), "0")


def _before(
    table: etree._Element, body: etree._Element, measure: Measure, area: tuple[int, int]
) -> float:
    """How far down its first page ``table`` starts, in points: the paragraphs before it
    since its section or page began, as measured."""
    height = 0.0
    element = table.getprevious()
    while element is not None:
        if element.tag == qn("w:p"):
            if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                break
            height += measure.paragraph_height(element, area[0], None)
            if (
                any(b.get(qn("w:type")) == "page" for b in element.iter(qn("w:br")))
                or element.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
            ):
                break
        elif element.tag == qn("w:tbl"):
            widths = [
                int(c.get(qn("w:w"), "0"))
                for c in element.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
            ]
            height += sum(
                measure.row_height(r, widths, element) for r in element.findall(qn("w:tr"))
            )
        element = element.getprevious()
    return height % (area[1] / 20)


def allow_rows_to_split(data: bytes) -> bytes:
    """A .docx (its bytes) with no table row kept from breaking across pages: what is done
    when a PDF shows that a row was too tall to keep whole. Every other byte is kept."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "word/document.xml":
                root = parse_xml(blob)
                for flag in list(root.iter(qn("w:cantSplit"))):
                    flag.getparent().remove(flag)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, blob)
    return buffer.getvalue()


def _keep_with_next(row: etree._Element) -> None:
    """Keep ``row`` on the page of the row after it (Word's "keep with next" on each of its
    paragraphs, which Word and LibreOffice both honour in a table)."""
    for paragraph in row.iter(qn("w:p")):
        properties = paragraph.find(qn("w:pPr"))
        if properties is None:
            properties = etree.SubElement(paragraph, qn("w:pPr"))
            paragraph.insert(0, properties)
        if properties.find(qn("w:keepNext")) is None:
            properties.append(etree.Element(qn("w:keepNext")))  # its place: ooxml_order


def _allow_split(row: etree._Element) -> None:
    for flag in row.findall(f"{qn('w:trPr')}/{qn('w:cantSplit')}"):
        flag.getparent().remove(flag)


def _fill(cell: etree._Element, paragraphs: list[etree._Element]) -> None:
    """Make ``paragraphs`` the cell's content (a cell holds at least one paragraph)."""
    for old in cell.findall(qn("w:p")):
        cell.remove(old)
    for paragraph in paragraphs or [etree.SubElement(cell, qn("w:p"))]:
        cell.append(paragraph)


def _mark_continued(cell: etree._Element) -> etree._Element | None:
    """Add "(continued)" to the first cell's text, once; the paragraph it changes."""
    paragraph = cell.find(qn("w:p"))
    texts = list(paragraph.iter(qn("w:t"))) if paragraph is not None else []
    if texts and not (texts[-1].text or "").endswith(CONTINUED):
        texts[-1].text = (texts[-1].text or "") + CONTINUED
    return paragraph


def _row_flag(row: etree._Element, tag: str) -> bool:
    flag = row.find(f"{qn('w:trPr')}/{qn(tag)}")
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false")


def _is_shaded(cell: etree._Element) -> bool:
    shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return shading is not None and shading.get(qn("w:fill"), "auto") not in ("auto", "FFFFFF")
