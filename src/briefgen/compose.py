"""The briefing inserted into an officer's own cover report (``build --into``).

The cover is itself a template: where it says ``{{p briefing }}`` the rendered briefing goes in
as a docxtpl sub-document (docxcompose underneath). The briefing keeps its own list numbering
and orientation but takes the cover's paper, margins, header and footer, so the pages read as
one paper; its tables are fitted to the cover's pages and styles when the cover is rendered
(``column_widths``, ``row_breaks``).
"""

from __future__ import annotations

import copy
import io
import random
import re
from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from .cover_fit import fit_to_cover, heading_level_at_tag
from .errors import TemplateProblem, display_path
from .word_places import body_paragraphs

_BRIEFING_TAG = re.compile(r"[{][{]-?\s*p\s+briefing\s*-?[}][}]")


def briefing_for(cover: DocxTemplate, data: bytes, cover_path: Path, language: str):
    """The rendered briefing ``data`` as a sub-document to put in ``cover`` (an open template)
    for its ``{{p briefing }}`` tag, in ``language`` and fitted to the cover (``cover_fit``);
    TemplateProblem where the cover has no such tag."""
    if not any(_BRIEFING_TAG.fullmatch(text.strip()) for _, text in body_paragraphs(cover)):
        raise TemplateProblem(
            display_path(cover_path),
            "has no {{p briefing }} tag: type it, "
            "alone in its own paragraph, where the "
            "briefing should go",
        )
    state = random.getstate()
    random.seed(0)  # docxcompose gives added lists random ids: same input, same bytes
    try:
        under = heading_level_at_tag(cover.docx, _BRIEFING_TAG)
        briefing = cover.new_subdoc(
            io.BytesIO(
                _pin_numbering(
                    data, lambda document: fit_to_cover(document, cover.docx, under, language)
                )
            )
        )
    finally:
        random.setstate(state)
    _fit_sections(briefing.subdocx, cover.docx)
    return briefing


def _pin_numbering(data: bytes, then: Callable[[docx.document.Document], None]) -> bytes:
    """The document with each list paragraph's numbering written on the paragraph itself, and
    ``then`` done to it.

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
    then(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _copy_list(numbering: etree._Element, num_id: int) -> int:
    """Copy list ``num_id`` and its abstract numbering under new ids; return the new numId."""
    w_id, w_abstract = qn("w:numId"), qn("w:abstractNumId")
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(w_id) == str(num_id))
    abstract_id = num.find(w_abstract).get(qn("w:val"))
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(w_abstract) == abstract_id
    )
    new_abstract_id = 1 + max(
        int(a.get(w_abstract)) for a in numbering.findall(qn("w:abstractNum"))
    )
    new_num_id = 1 + max(int(n.get(w_id)) for n in numbering.findall(qn("w:num")))
    abstract_copy = copy.deepcopy(abstract)
    abstract_copy.set(w_abstract, str(new_abstract_id))
    for link in abstract_copy.findall(qn("w:numStyleLink")) + abstract_copy.findall(
        qn("w:styleLink")
    ):
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


def _after_references(sect_pr: etree._Element) -> int:
    """Where in a w:sectPr a w:type goes: after the header and footer references."""
    refs = [
        c
        for c in sect_pr
        if c.tag
        in (qn("w:headerReference"), qn("w:footerReference"), qn("w:footnotePr"), qn("w:endnotePr"))
    ]
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
