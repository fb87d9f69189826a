"""The briefing inserted into an officer's own cover report (``build --into``).

The cover is itself a template: where it says ``{{p briefing }}`` the rendered briefing goes in
as a docxtpl sub-document (docxcompose underneath). The briefing keeps its own list numbering
and orientation but takes the cover's paper, margins, header and footer, and its tables are
narrowed to the cover's text width, so the pages read as one paper.
"""

from __future__ import annotations

import copy
import io
import random
import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from .errors import TemplateProblem, display_path
from .table_geometry import grid_span, section_of, set_cell_widths, text_area
from .text_measure import CELL_MARGINS, text_size, word_width
from .word_places import body_paragraphs

_BRIEFING_TAG = re.compile(r"[{][{]-?\s*p\s+briefing\s*-?[}][}]")


def briefing_for(cover: DocxTemplate, data: bytes, cover_path: Path):
    """The rendered briefing ``data`` as a sub-document to put in ``cover`` (an open template)
    for its ``{{p briefing }}`` tag; TemplateProblem where the cover has no such tag."""
    if not any(_BRIEFING_TAG.fullmatch(text.strip()) for _, text in body_paragraphs(cover)):
        raise TemplateProblem(display_path(cover_path), "has no {{p briefing }} tag: type it, "
                                                        "alone in its own paragraph, where the "
                                                        "briefing should go")
    state = random.getstate()
    random.seed(0)  # docxcompose gives added lists random ids: same input, same bytes
    try:
        briefing = cover.new_subdoc(io.BytesIO(_pin_numbering(
            data, keep_language=not cover.docx.core_properties.language)))
    finally:
        random.setstate(state)
    _fit_sections(briefing.subdocx, cover.docx)
    return briefing


def _pin_numbering(data: bytes, keep_language: bool = False) -> bytes:
    """The document with each list paragraph's numbering written on the paragraph itself (and,
    with ``keep_language``, its language on every run: see :func:`_keep_language`).

    A list style's numbering (List Bullet → list 10, level 0) is otherwise looked up through
    the style, and docxcompose maps it onto the cover's style of the same name, whose list may
    have a single level: nested bullets would lose their bullet. Each list a style uses is
    copied to a list of its own that no style names, and its paragraphs point at the copy, so
    the briefing's lists keep their levels while the cover's styles set fonts and spacing.
    """
    document = docx.Document(io.BytesIO(data))
    styles = {s.style_id: s for s in document.styles}
    numbering = document.part.numbering_part.element
    copies: dict[int, int] = {}
    for p in document.element.body.iter(qn("w:p")):
        p_pr = p.pPr
        if p_pr is None or p_pr.numPr is not None or p_pr.pStyle is None:
            continue
        style, seen = styles.get(p_pr.pStyle.val), set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
            if num_pr is not None and num_pr.numId is not None:
                if num_pr.numId.val not in copies:
                    copies[num_pr.numId.val] = _copy_list(numbering, num_pr.numId.val)
                pinned = p_pr.get_or_add_numPr()
                pinned.get_or_add_ilvl().val = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                pinned.get_or_add_numId().val = copies[num_pr.numId.val]
                break
            style = style.base_style
    if keep_language:
        _keep_language(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _keep_language(document: docx.document.Document) -> None:
    """Write the briefing's language (its default, en-GB) on each of its runs and paragraph
    marks that do not set their own: in the cover the cover's default would apply (python-docx's
    and Word's blank documents say en-US), and spelling and screen readers would take British
    text for American. Used only where the cover's properties name no language of their own."""
    default = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if default is None:
        return
    for element in document.element.body.iter(qn("w:r"), qn("w:pPr")):
        if element.tag == qn("w:pPr") and element.getparent().tag != qn("w:p"):
            continue
        properties = element.find(qn("w:rPr"))
        if properties is None:
            properties = etree.SubElement(element, qn("w:rPr"))
            if element.tag == qn("w:r"):
                element.insert(0, properties)  # a run's properties come first
        if properties.find(qn("w:lang")) is None:
            properties.append(copy.deepcopy(default))  # its place: ooxml_order, on output


def _copy_list(numbering: etree._Element, num_id: int) -> int:
    """Copy list ``num_id`` and its abstract numbering under new ids; return the new numId."""
    w_id, w_abstract = qn("w:numId"), qn("w:abstractNumId")
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(w_id) == str(num_id))
    abstract_id = num.find(w_abstract).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(w_abstract) == abstract_id)
    new_abstract_id = 1 + max(int(a.get(w_abstract)) for a in numbering.findall(
        qn("w:abstractNum")))
    new_num_id = 1 + max(int(n.get(w_id)) for n in numbering.findall(qn("w:num")))
    abstract_copy = copy.deepcopy(abstract)
    abstract_copy.set(w_abstract, str(new_abstract_id))
    for link in abstract_copy.findall(qn("w:numStyleLink")) + abstract_copy.findall(
            qn("w:styleLink")):
        abstract_copy.remove(link)
    numbering.find(qn("w:num")).addprevious(abstract_copy)  # abstract lists come first
    num_copy = copy.deepcopy(num)
    num_copy.set(w_id, str(new_num_id))
    num_copy.find(w_abstract).set(qn("w:val"), str(new_abstract_id))
    numbering.append(num_copy)
    return new_num_id


def _fit_sections(briefing: docx.document.Document, cover: docx.document.Document) -> None:
    """Give the briefing's sections the cover's page setup, header and footer.

    The briefing keeps its orientation (the grid stays landscape) but takes the cover's paper
    size, margins, header and footer, so the pages read as one paper. Its last section, which
    a sub-document would otherwise lose, ends at an empty paragraph after the briefing; the
    cover's own content resumes after it on a new page.
    """
    body = briefing.element.body
    final = body.find(qn("w:sectPr"))
    if final is not None:
        body.remove(final)
        closing = body.makeelement(qn("w:p"), {})
        closing.append(body.makeelement(qn("w:pPr"), {}))
        closing[0].append(final)
        body.append(closing)
    cover_section = cover.element.body.find(qn("w:sectPr"))
    if cover_section is None:
        return
    for own in list(body.iter(qn("w:sectPr"))):
        fitted = copy.deepcopy(cover_section)
        section_type = own.find(qn("w:type"))
        for child in fitted.findall(qn("w:type")):
            fitted.remove(child)
        if section_type is not None:
            fitted.insert(_after_references(fitted), copy.deepcopy(section_type))
        if _is_landscape(own) != _is_landscape(fitted):
            _turn(fitted)
        own.getparent().replace(own, fitted)
    _fit_tables(body, briefing.styles.element)


def _fit_tables(body: etree._Element, styles: etree._Element) -> None:
    """Narrow any table wider than its section's text, keeping its columns' proportions as far
    as its words allow: no column becomes narrower than its longest word."""
    for table in body.findall(qn("w:tbl")):
        area = text_area(section_of(table, body))
        if area is None:
            continue
        text_width = area[0]
        columns = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        widths = [int(c.get(qn("w:w"), "0")) for c in columns]
        if not sum(widths) or sum(widths) <= text_width:
            continue
        fitted = _shares(widths, _longest_words(table, len(widths), styles), text_width)
        for column, width in zip(columns, fitted, strict=False):
            column.set(qn("w:w"), str(width))
        set_cell_widths([row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))],
                        fitted)
        for width in table.iter(qn("w:tblW")):
            if width.get(qn("w:type"), "dxa") == "dxa":
                width.set(qn("w:w"), str(text_width))


def _shares(widths: list[int], minimums: list[int], total: int) -> list[int]:
    """``widths`` scaled to ``total`` in proportion, except that none falls below its minimum:
    the columns held at their minimum are set aside and the rest share what is left."""
    minimums = [min(m, total // len(widths)) if sum(minimums) > total else m
                for m in minimums]
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


def _longest_words(table: etree._Element, count: int, styles: etree._Element) -> list[int]:
    """For each of the ``count`` grid columns, the width in twips its longest word needs (in
    the table style's text size, by ``text_measure``), with the cell margins."""
    points = text_size(table, styles)
    longest = [0] * count
    for row in table.findall(qn("w:tr")):
        start = 0
        for cell in row.findall(qn("w:tc")):
            span = grid_span(cell)
            if span == 1 and start < count:
                words = "".join(t.text or "" for t in cell.iter(qn("w:t"))).split()
                longest[start] = max([longest[start], *map(len, words)])
            start += span
    return [word_width(n, points) + CELL_MARGINS for n in longest]


def _after_references(sect_pr: etree._Element) -> int:
    """Where in a w:sectPr a w:type goes: after the header and footer references."""
    refs = [c for c in sect_pr if c.tag in (qn("w:headerReference"), qn("w:footerReference"),
                                            qn("w:footnotePr"), qn("w:endnotePr"))]
    return sect_pr.index(refs[-1]) + 1 if refs else 0


def _is_landscape(sect_pr: etree._Element) -> bool:
    size = sect_pr.find(qn("w:pgSz"))
    if size is None:
        return False
    if size.get(qn("w:orient")) == "landscape":
        return True
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    return bool(width and height and int(width) > int(height))


def _turn(sect_pr: etree._Element) -> None:
    """Swap a section between portrait and landscape (the margins stay, for the header)."""
    size = sect_pr.find(qn("w:pgSz"))
    if size is not None:
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        if width and height:
            size.set(qn("w:w"), height)
            size.set(qn("w:h"), width)
        landscape = bool(width and height and int(height) > int(width))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        elif qn("w:orient") in size.attrib:
            del size.attrib[qn("w:orient")]
