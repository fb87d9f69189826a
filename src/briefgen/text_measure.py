"""How much room text takes in a Word table, measured with the fonts the document really uses.

briefgen cannot ask Word or LibreOffice how tall a row will be, so it lays the text out itself:
each paragraph's font, size, boldness, spacing and indents are worked out from the document's
own styles as Word applies them (document defaults, then the table's style, then the paragraph's
style and its bases, then the run's style and the run itself), the words are set line by line
with the font's own advance widths (``text_runs``, ``fonts``), and the lines are counted. The
result is the height a row takes in the document as it will be printed: after ``--into``, in
the cover's styles; in a restyled template, in its fonts. ``compose`` uses the widths (no
column narrower than its longest word) and ``row_breaks`` the heights.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from docx.oxml.ns import qn
from lxml import etree

from .docx_package import parse_xml
from .lazy_parts import read_only
from .table_geometry import find_path, grid_span
from .text_runs import Paragraph, Run

#: A cell's left and right margins, in twips, where neither table nor style says (Word's).
CELL_MARGIN = 108
#: Room a row's borders take, in points.
BORDERS = 1.0
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PPR, _RPR, _R, _TAB, _VAL = qn("w:pPr"), qn("w:rPr"), qn("w:r"), qn("w:tab"), qn("w:val")
_BREAKS, _P = (qn("w:br"), qn("w:cr")), qn("w:p")
_TEXTS = (qn("w:t"), _TAB, *_BREAKS)


class _Layers(NamedTuple):
    """The style layers of a paragraph in a table, the base first: its paragraph properties',
    the same without the table style's, and its runs'."""

    paragraph: tuple[etree._Element | None, ...]
    runs: tuple[etree._Element | None, ...]
    without_table: tuple[etree._Element | None, ...]


class Measure:
    """Text heights and widths in one document, from its styles (``w:styles``), its theme's
    fonts and its numbering (each optional)."""

    def __init__(
        self,
        styles: etree._Element,
        theme: etree._Element | None = None,
        numbering: etree._Element | None = None,
    ):
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        defaults = styles.find(qn("w:docDefaults"))
        self.default_r = _find(defaults, "w:rPrDefault/w:rPr")
        self.default_p = _find(defaults, "w:pPrDefault/w:pPr")
        self.default_paragraph = next(
            (
                s.get(qn("w:styleId"))
                for s in styles.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self.theme = _theme_fonts(theme)
        self.numbering = numbering
        #: What depends only on the styles, worked out once: the style layers of a paragraph
        #: (by table style and paragraph style), their merged properties (by layers and
        #: property) and a list level's indents (by list and level).
        self._layers: dict[tuple[str | None, str | None], _Layers] = {}
        self._merged: dict[tuple[tuple[etree._Element | None, ...], str], dict[str, str]] = {}
        self._flags: dict[tuple[tuple[etree._Element | None, ...], str], bool] = {}
        self._indents: dict[tuple[str, str], dict[str, str]] = {}
        #: Each paragraph laid out once, by the paragraph and its table's style: row_breaks
        #: changes a paragraph only before it is first measured (a copy being cut or marked).
        self._laid: dict[tuple[etree._Element, str | None], Paragraph] = {}
        #: Copies made by :meth:`copy_of`, each with the paragraph it copies.
        self._copied: dict[etree._Element, etree._Element] = {}
        self._table_styles_laid: set[str | None] = set()
        #: Each table's style and the cell margins it and its style give.
        self._table_styles: dict[etree._Element, str | None] = {}
        self._table_margins: dict[etree._Element, dict[str, int]] = {}

    @classmethod
    def of(cls, document) -> Measure:
        """The measure of a python-docx Document, with its theme and numbering if it has them."""
        part = document.part
        theme = None
        for rel in part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                theme = parse_xml(rel.target_part.blob)
        try:
            numbering = read_only(part.numbering_part)
        except (KeyError, NotImplementedError):
            numbering = None
        return cls(read_only(part._styles_part), theme, numbering)

    # --- styles -----------------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, the base first."""
        chain: list[etree._Element] = []
        while style_id and style_id in self.styles and self.styles[style_id] not in chain:
            chain.insert(0, self.styles[style_id])
            based = self.styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def paragraph(self, p: etree._Element, table_style: str | None = None) -> Paragraph:
        """``p`` as it is laid out, in a table of style ``table_style`` if given."""
        laid = self._laid.get((p, table_style))
        if laid is None:
            self._table_styles_laid.add(table_style)
            twin = self._copied.get(p)
            laid = self._laid[(p, table_style)] = (
                self._paragraph(p, table_style)
                if twin is None
                else self.paragraph(twin, table_style)  # a copy is laid out as its original
            )
        return laid

    def copy_of(self, p: etree._Element) -> etree._Element:
        """A deep copy of paragraph ``p``, laid out as ``p`` is until it is :meth:`changed`."""
        made = copy.deepcopy(p)
        self._copied[made] = p
        return made

    def changed(self, p: etree._Element | None) -> None:
        """Paragraph ``p`` has been changed: it is laid out afresh when next measured."""
        if p is not None:
            self._copied.pop(p, None)
            for style in self._table_styles_laid:
                self._laid.pop((p, style), None)

    def _styled(self, table_style: str | None, style: str | None) -> _Layers:
        """The style layers of a paragraph of ``style`` in a table of ``table_style``: its
        paragraph properties' (with and without the table's), its runs' (the base first)."""
        found = self._layers.get((table_style, style))
        if found is None:
            layers = [*self._chain(table_style), *self._chain(style)]
            found = _Layers(
                (self.default_p, *(s.find(_PPR) for s in layers)),
                (self.default_r, *(s.find(_RPR) for s in layers)),
                (self.default_p, *(s.find(_PPR) for s in self._chain(style))),
            )
            self._layers[(table_style, style)] = found
        return found

    def _attributes(
        self, layers: tuple[etree._Element | None, ...], own: etree._Element | None, path: str
    ) -> dict[str, str]:
        """:func:`_attributes` of ``layers`` then ``own``, the layers' merged once."""
        merged = self._merged.get((layers, path))
        if merged is None:
            merged = self._merged[(layers, path)] = _attributes(list(layers), path)
        if own is None:
            return merged
        found = _find(own, path)
        if found is None:
            return merged
        return {**merged, **{_local(k): v for k, v in found.attrib.items()}}

    def _flag(
        self, layers: tuple[etree._Element | None, ...], own: etree._Element | None, path: str
    ) -> bool:
        """:func:`_flag` of ``layers`` then ``own``, the layers' answer worked out once."""
        found = _find(own, path)
        if found is not None:
            return found.get(_VAL, "true") not in ("0", "false", "off")
        if (layers, path) not in self._flags:
            self._flags[(layers, path)] = _flag(list(layers), path)
        return self._flags[(layers, path)]

    def _paragraph(self, p: etree._Element, table_style: str | None) -> Paragraph:
        p_pr = p.find(_PPR)
        style = _val(p_pr, "w:pStyle") or self.default_paragraph
        styled = self._styled(table_style, style)
        runs = []
        for r in p.iter(_R):
            text = "".join(
                " " * 4 if c.tag == _TAB else "\n" if c.tag in _BREAKS else c.text or ""
                for c in r
                if c.tag in _TEXTS
            )
            r_pr = r.find(_RPR)
            run_style = _val(r_pr, "w:rStyle")
            layers = styled.runs
            if run_style:
                layers = (*layers, *(s.find(_RPR) for s in self._chain(run_style)))
            runs.append(self._run(text, layers, r_pr))
        marker = self._run("", styled.runs, _find(p_pr, "w:rPr"))
        # Word lets a table style's spacing win over the document's defaults; LibreOffice lets
        # the defaults win (it takes them as its default paragraph style's): the larger counts.
        spacing = self._attributes(styled.paragraph, p_pr, "w:spacing")
        other = self._attributes(styled.without_table, p_pr, "w:spacing")
        indents = {
            **self._list_indent(styled.paragraph, p_pr),
            **self._attributes(styled.paragraph, p_pr, "w:ind"),
        }
        rule = spacing.get("lineRule", "auto")
        line = float(spacing.get("line", 240))
        if rule == "auto" and other.get("lineRule", "auto") == "auto":
            line = max(line, float(other.get("line", 240)))
        return Paragraph(
            runs,
            max(_twips(spacing.get("before")), _twips(other.get("before"))),
            max(_twips(spacing.get("after")), _twips(other.get("after"))),
            ("auto", line / 240) if rule == "auto" else (rule, line / 20),
            _twips(indents.get("left", indents.get("start")))
            + _twips(indents.get("right", indents.get("end"))),
            marker,
            style,
            self._flag(styled.paragraph, p_pr, "w:contextualSpacing"),
            _twips(indents.get("left", indents.get("start"))),
        )

    def _run(
        self, text: str, layers: tuple[etree._Element | None, ...], own: etree._Element | None
    ) -> Run:
        """A run of ``text`` with the run properties of ``layers`` and then ``own``."""
        fonts = self._attributes(layers, own, "w:rFonts")
        family = fonts.get("ascii") or fonts.get("hAnsi")
        if not family:
            theme = fonts.get("asciiTheme") or fonts.get("hAnsiTheme") or "minorHAnsi"
            family = self.theme.get(theme[:5], "Calibri")
        size = self._attributes(layers, own, "w:sz").get("val")
        bold = self._flag(layers, own, "w:b")
        return Run(text, family, int(size) / 2 if size else 10.0, bold)

    def _list_indent(
        self, layers: tuple[etree._Element | None, ...], own: etree._Element | None
    ) -> dict[str, str]:
        """The indents a paragraph's list level gives, if it is a list item."""
        num = self._attributes(layers, own, "w:numPr/w:numId").get("val")
        level = self._attributes(layers, own, "w:numPr/w:ilvl").get("val", "0")
        if self.numbering is None or not num:
            return {}
        found = self._indents.get((num, level))
        if found is None:
            found = self._indents[(num, level)] = self._level_indent(num, level)
        return found

    def _level_indent(self, num: str, level: str) -> dict[str, str]:
        assert self.numbering is not None
        w = qn("w:val")
        abstract = next(
            (
                n.find(qn("w:abstractNumId")).get(w)
                for n in self.numbering.findall(qn("w:num"))
                if n.get(qn("w:numId")) == num and n.find(qn("w:abstractNumId")) is not None
            ),
            None,
        )
        for candidate in self.numbering.findall(qn("w:abstractNum")):
            if candidate.get(qn("w:abstractNumId")) == abstract:
                for lvl in candidate.findall(qn("w:lvl")):
                    if lvl.get(qn("w:ilvl")) == level:
                        return _attributes([_find(lvl, "w:pPr")], "w:ind")
        return {}

    # --- heights and widths -----------------------------------------------------------------

    def paragraph_height(self, p: etree._Element, width: int, table_style: str | None) -> float:
        """The height in points ``p`` takes in a column ``width`` twips wide."""
        return self.paragraphs_height([p], width, table_style)

    def paragraphs_height(
        self, paragraphs: Iterable[etree._Element], width: int, table_style: str | None
    ) -> float:
        """The height in points ``paragraphs`` take one after another, ``width`` twips wide
        (no spacing between two of the same style that asks for none)."""
        height, previous = 0.0, None
        for p in paragraphs:
            laid = self.paragraph(p, table_style)
            room = max(width / 20 - laid.indent, 20.0)
            height += laid.before + laid.lines(room) * laid.line_height() + laid.after
            if previous is not None and previous.style == laid.style:
                height -= (previous.after if previous.contextual else 0.0) + (
                    laid.before if laid.contextual else 0.0
                )
            previous = laid
        return height

    def cell_height(
        self,
        cell: etree._Element,
        width: int,
        table: etree._Element,
        paragraphs: Iterable[etree._Element] | None = None,
    ) -> float:
        """The height in points ``cell`` (or ``paragraphs`` in it) takes, ``width`` twips wide."""
        margins = self.cell_margins(cell, table)
        style = self._table_style(table)
        found = cell.findall(_P) if paragraphs is None else list(paragraphs)
        inner = width - margins["left"] - margins["right"]
        return (
            (margins["top"] + margins["bottom"]) / 20
            + BORDERS
            + self.paragraphs_height(found, inner, style)
        )

    def row_height(self, row: etree._Element, widths: list[int], table: etree._Element) -> float:
        """The height in points ``row`` takes, its cells ``widths`` (grid columns) wide."""
        return max(
            (self.cell_height(cell, width, table) for cell, width in cells(row, widths)),
            default=0.0,
        )

    def cell_margins(self, cell: etree._Element, table: etree._Element) -> dict[str, int]:
        """A cell's margins in twips (top, bottom, left, right): its own, its table's, the
        table style's, else Word's."""
        base = self._table_margins.get(table)
        if base is None:  # the table's own and its style's, worked out once a table
            base = {"top": 0, "bottom": 0, "left": CELL_MARGIN, "right": CELL_MARGIN}
            layers = [
                _find(s, "w:tblPr/w:tblCellMar") for s in self._chain(self._table_style(table))
            ]
            _margins(base, [*layers, _find(table, "w:tblPr/w:tblCellMar")])
            self._table_margins[table] = base
        found = dict(base)
        own = _find(cell, "w:tcPr/w:tcMar")
        if own is not None:
            _margins(found, [own])
        return found

    def _table_style(self, table: etree._Element) -> str | None:
        """:func:`table_style`, looked up once a table."""
        if table not in self._table_styles:
            self._table_styles[table] = table_style(table)
        return self._table_styles[table]

    def longest_word(self, cell: etree._Element, table: etree._Element) -> int:
        """The width in twips ``cell`` needs to show its longest word on one line: the word,
        its paragraph's indents and the cell's margins."""
        margins = self.cell_margins(cell, table)
        longest = 0.0
        for p in cell.iter(_P):
            laid = self.paragraph(p, self._table_style(table))
            for run in laid.runs:
                widest = run.widest_word()
                if widest is not None:  # the widest word's, as the widest of each word's
                    longest = max(longest, widest + laid.indent)
        return int(longest * 20) + 20 + margins["left"] + margins["right"]


def _margins(found: dict[str, int], layers: list[etree._Element | None]) -> None:
    """``found`` (margins by side, in twips) as each of ``layers`` (``w:tblCellMar`` or
    ``w:tcMar``) sets them, in turn."""
    for layer in layers:
        for side in found:
            margin = _find(layer, f"w:{side}")
            if margin is None and side in ("left", "right"):
                margin = _find(layer, "w:start" if side == "left" else "w:end")
            if margin is not None and margin.get(qn("w:type"), "dxa") == "dxa":
                found[side] = int(_twips(margin.get(qn("w:w"))) * 20)


def table_style(table: etree._Element) -> str | None:
    """The id of ``table``'s style, if it names one."""
    return _val(table.find(qn("w:tblPr")), "w:tblStyle")


def cells(row: etree._Element, widths: list[int]) -> list[tuple[etree._Element, int]]:
    """Each cell of ``row`` with its width in twips, from the grid columns it spans."""
    found, start = [], 0
    for cell in row.findall(qn("w:tc")):
        span = grid_span(cell)
        found.append((cell, sum(widths[start : start + span])))
        start += span
    return found


def is_bullet(paragraph: etree._Element) -> bool:
    """Whether a paragraph is a list item (numbered directly, or by a list style)."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return False
    style = properties.find(qn("w:pStyle"))
    return properties.find(qn("w:numPr")) is not None or (
        style is not None and style.get(qn("w:val"), "").startswith("List")
    )


def _find(element: etree._Element | None, path: str) -> etree._Element | None:
    if element is None:
        return None
    steps = _clark(path)
    return element.find(steps[0]) if len(steps) == 1 else find_path(element, *steps)


@cache
def _clark(path: str) -> tuple[str, ...]:
    """``w:a/w:b``'s steps as lxml finds them, in Clark's notation."""
    return tuple(qn(step) for step in path.split("/"))


def _local(name: str) -> str:
    """An attribute's name without its namespace (``etree.QName(name).localname``)."""
    return name.rpartition("}")[2]


def _val(element: etree._Element | None, path: str) -> str | None:
    found = _find(element, path)
    return found.get(qn("w:val")) if found is not None else None


def _attributes(layers: list[etree._Element | None], path: str) -> dict[str, str]:
    """The attributes of the element at ``path`` in each layer, later layers winning."""
    merged: dict[str, str] = {}
    for layer in layers:
        found = _find(layer, path)
        if found is not None:
            merged.update({_local(k): v for k, v in found.attrib.items()})
    return merged


def _flag(layers: list[etree._Element | None], path: str) -> bool:
    """Whether the last layer that has the on/off property at ``path`` turns it on."""
    on = False
    for layer in layers:
        found = _find(layer, path)
        if found is not None:
            on = found.get(qn("w:val"), "true") not in ("0", "false", "off")
    return on


def _twips(value: str | None) -> float:
    try:
        return int(value) / 20 if value else 0.0
    except ValueError:
        return 0.0


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """The theme's Latin fonts: {"minor": family, "major": family}."""
    found = {}
    if theme is not None:
        for kind in ("minor", "major"):
            latin = theme.find(f".//{_A}{kind}Font/{_A}latin")
            if latin is not None and latin.get("typeface"):
                found[kind] = latin.get("typeface")
    return found
