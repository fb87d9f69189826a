"""Read a .docx back into plain, YAML-friendly data.

The result is made only of ``str``, ``int``, ``bool``, ``list`` and ``dict`` so that it can be
stored as a regression snapshot (pytest-regressions ``data_regression``) and printed by
``briefgen show``.  It records what a reader of the briefing sees and what a template author
controls: paragraph text and style, list level and number format, table structure (header rows,
merged cells, shading), section page sizes and footnotes.  Formatting of runs is not read.

python-docx opens the package and resolves its relationships; every part is then read as plain
XML with lxml, because python-docx's own paragraph text skips hyperlinks, fields and content
controls and it has no API for footnotes or numbering formats.

Shape of the result::

    properties: {title: ..., language: en-GB}
    sections: [{orientation: portrait, width_mm: 210, height_mm: 297}]
    body:
      - {paragraph: "text with a footnote[^1]", style: Normal, list: {level: 0, format: bullet}}
      - table:
          style: Table Grid
          rows:
            - header: true
              cells:
                - {paragraphs: [...], span: 2, vmerge: restart, shading: E2EFDA}
    footnotes: [{id: 1, text: ...}]

Keys whose value would be empty are left out, except ``paragraph``, which is always present.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.part import Part
from docx.styles import BabelFish
from lxml import etree

from .docx_package import NOT_A_DOCX, package_problem, parse_xml
from .errors import FileProblem, display_path
from .input_files import not_a_file

__all__ = ["read_docx", "show"]


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W_NS,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}

_TWIPS_PER_MM = 1440 / 25.4
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _w(tag: str) -> str:
    """Return the Clark name (``{namespace}tag``) of a WordprocessingML element or attribute."""
    return f"{{{_W_NS}}}{tag}"


_P, _TBL, _TR, _TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
_R, _SDT, _SDT_CONTENT, _FLD_CHAR = _w("r"), _w("sdt"), _w("sdtContent"), _w("fldChar")
_VAL, _ID, _TYPE = _w("val"), _w("id"), _w("type")

# Elements that only wrap blocks, rows or cells; their content is read as if it stood in their
# place.  A content control (w:sdt) is read through its w:sdtContent.
_BLOCK_WRAPPERS = frozenset({_SDT, _w("customXml")})
# Elements inside a paragraph whose runs belong to the paragraph's text.  Deleted text (w:del,
# w:moveFrom), properties and math are deliberately absent.
_INLINE_CONTAINERS = frozenset(
    {
        _w("hyperlink"),
        _w("fldSimple"),
        _w("smartTag"),
        _w("customXml"),
        _w("ins"),
        _w("moveTo"),
        _w("bdo"),
        _w("dir"),
        _SDT,
    }
)
# Run content that stands for fixed text.
_RUN_CHARACTERS = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("br"): "\n",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "-",
}


def show(path: Path) -> dict[str, Any]:
    """What ``briefgen show`` prints: :func:`read_docx`, or FileProblem for a file that is not
    a Word document that can be read."""
    wrong = not_a_file(path, "a Word document (.docx)")
    if wrong:
        raise FileProblem(f"{display_path(path)}: {wrong}")
    unsafe = package_problem(path)
    if unsafe:
        raise FileProblem(f"{display_path(path)}: {unsafe}")
    try:
        return read_docx(path)
    except NOT_A_DOCX:
        raise FileProblem(
            f"{display_path(path)}: is not a Word document (.docx) that can be read"
        ) from None


def read_docx(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read the .docx at ``path`` into plain data (see the module docstring for the shape).

    ``properties`` holds the core title and the document language (the core ``language``
    property, else the ``w:lang`` of the styles' document defaults).  ``sections`` has one entry
    per ``w:sectPr`` in document order.  ``body`` lists the paragraphs and tables of the main
    story in document order, reading through content controls.  ``footnotes`` lists the real
    footnotes (not the separators), whose references appear in paragraph text as ``[^N]``.
    """
    document = docx.Document(os.fspath(path))
    main_part = document.part
    reader = _Reader(
        styles=_related_xml(main_part, RT.STYLES),
        numbering=_related_xml(main_part, RT.NUMBERING),
    )
    body = _parse(main_part).find("w:body", _NS)
    if body is None:
        raise ValueError(f"{os.fspath(path)}: the main document part has no w:body")
    return {
        "properties": reader.properties(_related_xml(main_part.package, RT.CORE_PROPERTIES)),
        "sections": [_section(sect_pr, main_part) for sect_pr in _section_properties(body)],
        "body": [reader.block(block) for block in _children(body, {_P, _TBL})],
        "footnotes": _footnotes(_related_xml(main_part, RT.FOOTNOTES)),
    }


class _Reader:
    """Turns the blocks of one package into data, using its styles and numbering parts."""

    def __init__(self, styles: etree._Element | None, numbering: etree._Element | None) -> None:
        self._styles_root = styles
        self._styles: dict[str, etree._Element] = {}
        self._default_style: dict[str, str] = {}
        for style in [] if styles is None else styles.findall("w:style", _NS):
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            self._styles[style_id] = style
            if style.get(_w("default")) in ("1", "true", "on"):
                self._default_style.setdefault(style.get(_TYPE, "paragraph"), style_id)
        self._nums = _by_attribute(numbering, "w:num", "numId")
        self._abstract_nums = _by_attribute(numbering, "w:abstractNum", "abstractNumId")

    def properties(self, core: etree._Element | None) -> dict[str, str]:
        """Return the document title and language, leaving out whichever is not set."""
        result: dict[str, str] = {}
        title = _first(core, "dc:title/text()")
        if title:
            result["title"] = title
        language = _first(core, "dc:language/text()") or _first(
            self._styles_root, "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val"
        )
        if language:
            result["language"] = language
        return result

    def block(self, element: etree._Element) -> dict[str, Any]:
        """Return a ``w:p`` or ``w:tbl`` element as ``{paragraph: ...}`` or ``{table: ...}``."""
        return self._paragraph(element) if element.tag == _P else self._table(element)

    def _paragraph(self, p: etree._Element) -> dict[str, Any]:
        style_id = self._style_id(_first(p, "w:pPr/w:pStyle/@w:val"), "paragraph")
        result: dict[str, Any] = {"paragraph": _paragraph_text(p)}
        if style_id is not None:
            result["style"] = self._style_name(style_id)
        list_info = self._list(p, style_id)
        if list_info:
            result["list"] = list_info
        return result

    def _table(self, tbl: etree._Element) -> dict[str, Any]:
        style_id = self._style_id(_first(tbl, "w:tblPr/w:tblStyle/@w:val"), "table")
        result: dict[str, Any] = {}
        if style_id is not None:
            result["style"] = self._style_name(style_id)
        result["rows"] = [self._row(tr) for tr in _children(tbl, {_TR})]
        return {"table": result}

    def _row(self, tr: etree._Element) -> dict[str, Any]:
        result: dict[str, Any] = {}
        header = tr.find("w:trPr/w:tblHeader", _NS)
        if header is not None and _is_on(header):
            result["header"] = True
        result["cells"] = [self._cell(tc) for tc in _children(tr, {_TC})]
        return result

    def _cell(self, tc: etree._Element) -> dict[str, Any]:
        result: dict[str, Any] = {
            "paragraphs": [self.block(block) for block in _children(tc, {_P, _TBL})]
        }
        span = int(_first(tc, "w:tcPr/w:gridSpan/@w:val") or 1)
        if span > 1:
            result["span"] = span
        vmerge = tc.find("w:tcPr/w:vMerge", _NS)
        if vmerge is not None:
            result["vmerge"] = vmerge.get(_VAL, "continue")
        fill = _first(tc, "w:tcPr/w:shd/@w:fill")
        if fill and fill.lower() != "auto":
            result["shading"] = fill.upper()
        return result

    def _style_id(self, style_id: str | None, style_type: str) -> str | None:
        """Return ``style_id`` if the styles part defines it, else the default style of the type.

        Word applies the default style when a reference is missing or names no style.
        """
        if style_id is not None and style_id in self._styles:
            return style_id
        return self._default_style.get(style_type)

    def _style_name(self, style_id: str) -> str:
        """Return the name Word shows for a style ("Heading 1", not the stored "heading 1")."""
        name = _first(self._styles[style_id], "w:name/@w:val")
        return BabelFish.internal2ui(name) if name else style_id

    def _style_chain(self, style_id: str | None) -> Iterator[etree._Element]:
        """Yield the style ``style_id`` and then the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id is not None and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = _first(style, "w:basedOn/@w:val")

    def _list(self, p: etree._Element, style_id: str | None) -> dict[str, Any] | None:
        """Return ``{level, format}`` for a paragraph in a Word list, else None.

        The numbering instance (``numId``) and level (``ilvl``) are each taken from the
        paragraph's own ``w:numPr`` if it sets them, else from its style and then the styles
        that style is based on.  A ``numId`` of 0 means "not numbered".
        """
        num_id: str | None = None
        ilvl: str | None = None
        for owner in [p, *self._style_chain(style_id)]:
            num_id = num_id or _first(owner, "w:pPr/w:numPr/w:numId/@w:val")
            ilvl = ilvl or _first(owner, "w:pPr/w:numPr/w:ilvl/@w:val")
        if num_id is None or num_id == "0":
            return None
        level = int(ilvl or 0)
        result: dict[str, Any] = {"level": level}
        number_format = self._number_format(num_id, level, set())
        if number_format:
            result["format"] = number_format
        return result

    def _number_format(self, num_id: str, level: int, seen: set[str]) -> str | None:
        """Return the ``numFmt`` of ``level`` in numbering instance ``num_id``.

        A level override in the instance wins over its abstract numbering; an abstract
        numbering that only links to a numbering style (``w:numStyleLink``) is followed to the
        instance that style uses.  ``seen`` guards against circular links.
        """
        num = self._nums.get(num_id)
        if num is None or num_id in seen:
            return None
        seen.add(num_id)
        overridden = _first(num, f"w:lvlOverride[@w:ilvl='{level}']/w:lvl/w:numFmt/@w:val")
        if overridden:
            return overridden
        abstract = self._abstract_nums.get(_first(num, "w:abstractNumId/@w:val") or "")
        if abstract is None:
            return None
        linked_style = _first(abstract, "w:numStyleLink/@w:val")
        if linked_style is not None:
            linked_num = next(
                (
                    found
                    for style in self._style_chain(linked_style)
                    if (found := _first(style, "w:pPr/w:numPr/w:numId/@w:val"))
                ),
                None,
            )
            return self._number_format(linked_num, level, seen) if linked_num else None
        return _first(abstract, f"w:lvl[@w:ilvl='{level}']/w:numFmt/@w:val")


def _paragraph_text(p: etree._Element) -> str:
    """Return the text of a paragraph as a reader sees it.

    Text in hyperlinks, simple fields, smart tags, content controls and insertions is included;
    deleted text is not.  Of a complex field only the result (between ``separate`` and ``end``)
    is included, so field codes never appear.  Tabs become ``\\t``, breaks ``\\n`` and footnote
    references ``[^N]`` with N the footnote's ``w:id``.  Field state is kept per paragraph.
    """
    pieces: list[str] = []
    # One entry per open complex field: False while reading its code, True in its result.
    in_result: list[bool] = []

    def read_run(run: etree._Element) -> None:
        for child in run:
            if child.tag == _FLD_CHAR:
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    in_result.append(False)
                elif kind == "separate" and in_result:
                    in_result[-1] = True
                elif kind == "end" and in_result:
                    in_result.pop()
            elif all(in_result):
                pieces.append(_run_content_text(child))

    def read_inline(parent: etree._Element) -> None:
        for child in parent:
            if child.tag == _R:
                read_run(child)
            elif child.tag == _SDT:
                content = child.find("w:sdtContent", _NS)
                if content is not None:
                    read_inline(content)
            elif child.tag in _INLINE_CONTAINERS:
                read_inline(child)

    read_inline(p)
    return "".join(pieces)


def _run_content_text(element: etree._Element) -> str:
    """Return the text one child of a run contributes ("" for properties, drawings, etc.)."""
    if element.tag == _w("t"):
        return element.text or ""
    if element.tag == _w("footnoteReference"):
        return f"[^{element.get(_ID)}]"
    return _RUN_CHARACTERS.get(element.tag, "")


def _footnotes(root: etree._Element | None) -> list[dict[str, Any]]:
    """Return the real footnotes of a footnotes part as ``{id, text}``, in stored order.

    Separators (any ``w:type`` other than ``normal``) are skipped.  A footnote's paragraphs are
    joined with ``\\n`` and the space Word puts after the footnote mark is stripped; tables
    inside a footnote are not read.
    """
    if root is None:
        return []
    result: list[dict[str, Any]] = []
    for footnote in root.findall("w:footnote", _NS):
        if footnote.get(_TYPE, "normal") != "normal":
            continue
        text = "\n".join(_paragraph_text(p) for p in _children(footnote, {_P}))
        result.append({"id": int(footnote.get(_ID, "0")), "text": text.strip()})
    return result


def _section_properties(body: etree._Element) -> Iterator[etree._Element]:
    """Yield the section properties of a body in order: those ending a section inside a
    paragraph's properties, then the body's final one.  Tracked former properties
    (``w:sectPrChange``) are skipped."""
    for sect_pr in body.iter(_w("sectPr")):
        in_paragraph = sect_pr.xpath("parent::w:pPr/parent::w:p", namespaces=_NS)
        if sect_pr.getparent() is body or in_paragraph:
            yield sect_pr


def _section(sect_pr: etree._Element, main_part: Part) -> dict[str, Any]:
    """Return a section's orientation, page size in whole millimetres, and the text of the
    header and footer it names for ordinary pages (``header``/``footer``, one string per
    non-empty paragraph; fields show their last computed value)."""
    page_size = sect_pr.find("w:pgSz", _NS)
    result: dict[str, Any] = {"orientation": "portrait"}
    if page_size is not None:
        result["orientation"] = page_size.get(_w("orient"), "portrait")
        for key, attribute in (("width_mm", "w"), ("height_mm", "h")):
            twips = page_size.get(_w(attribute))
            if twips is not None:
                result[key] = round(int(twips) / _TWIPS_PER_MM)
    for kind in ("header", "footer"):
        reference = sect_pr.find(f"w:{kind}Reference[@w:type='default']", _NS)
        r_id = None if reference is None else reference.get(_R_ID)
        if r_id is not None and r_id in main_part.rels:
            root = _parse(main_part.rels[r_id].target_part)
            texts = [_paragraph_text(p) for p in root.iter(_P)]
            result[kind] = [t for t in texts if t.strip()]
    return result


def _children(parent: etree._Element, tags: Iterable[str]) -> Iterator[etree._Element]:
    """Yield the children of ``parent`` with one of ``tags``, reading through content controls
    and custom XML wrappers as if their content stood in their place."""
    wanted = frozenset(tags)
    for child in parent:
        if child.tag in wanted:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            content = child.find("w:sdtContent", _NS) if child.tag == _SDT else child
            if content is not None:
                yield from _children(content, wanted)


def _related_xml(source: Part | OpcPackage, reltype: str) -> etree._Element | None:
    """Return the parsed XML of the part that ``source`` (a part or the package) relates to by
    ``reltype``, or None if there is none."""
    try:
        part = source.part_related_by(reltype)
    except KeyError:
        return None
    return _parse(part)


def _parse(part: Part) -> etree._Element:
    """Parse a part's XML afresh with plain lxml (python-docx may hold it as a bare blob)."""
    return parse_xml(part.blob)


def _by_attribute(
    root: etree._Element | None, path: str, attribute: str
) -> dict[str, etree._Element]:
    """Index the elements at ``path`` under ``root`` by their ``w:`` ``attribute``."""
    if root is None:
        return {}
    return {
        key: element
        for element in root.findall(path, _NS)
        if (key := element.get(_w(attribute))) is not None
    }


def _first(element: etree._Element | None, xpath: str) -> str | None:
    """Return the first string an XPath (ending in ``@attr`` or ``text()``) selects, or None."""
    if element is None:
        return None
    found = element.xpath(xpath, namespaces=_NS)
    return str(found[0]) if isinstance(found, list) and found else None


def _is_on(element: etree._Element) -> bool:
    """Return the value of an on/off property element (absent ``w:val`` means on)."""
    return element.get(_VAL, "true") not in ("0", "false", "off")
