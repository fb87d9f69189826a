"""How much room text takes in a Word table, measured with the fonts the document really uses.

briefgen cannot ask Word or LibreOffice how tall a row will be, so it lays the text out itself:
each paragraph's font, size, boldness, spacing and indents are worked out from the document's
own styles as Word applies them (document defaults, then the table's style, then the paragraph's
style and its bases, then the run's style and the run itself), the words are set line by line
with the font's own advance widths (``fonts``), and the lines are counted. The result is the
height a row takes in the document as it will be printed: after ``--into``, in the cover's
styles; in a restyled template, in its fonts. ``compose`` uses the widths (no column narrower
than its longest word) and ``row_breaks`` the heights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from .docx_package import parse_xml
from .fonts import face
from .word_places import grid_span

#: A cell's left and right margins, in twips, where neither table nor style says (Word's).
CELL_MARGIN = 108
#: Room a row's borders take, in points.
BORDERS = 1.0
#: How far, in points, a line may run over its room and still be set on one line: LibreOffice
#: lays text out in whole twips, so a heading whose width is its column's to a hundredth of a
#: point ("Change since 2016" in Times New Roman 9 pt bold) stays on one line.
TWIP = 0.05
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass
class Run:
    """Text set in one font: its family, size in points, and weight."""

    text: str
    family: str
    points: float
    bold: bool

    def width(self, text: str | None = None) -> float:
        return face(self.family, self.bold).width(self.text if text is None else text, self.points)


@dataclass
class Paragraph:
    """A paragraph as it is laid out: its runs, spacing and indents, all in points."""

    runs: list[Run]
    before: float
    after: float
    line: tuple[str, float]  # ("auto", multiple) | ("exact", points) | ("atLeast", points)
    indent: float  # left and right indents together
    marker: Run = field(default_factory=lambda: Run("", "Arial", 11.0, False))
    style: str | None = None
    contextual: bool = False  # no spacing between it and paragraphs of its own style
    left: float = 0.0  # the left indent alone

    def line_height(self) -> float:
        tallest = max([self.marker, *self.runs], key=lambda r: r.points * face(r.family).line)
        natural = tallest.points * face(tallest.family, tallest.bold).line
        rule, value = self.line
        if rule == "exact":
            return value
        if rule == "atLeast":
            return max(value, natural)
        return natural * value


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

    @classmethod
    def of(cls, document) -> Measure:
        """The measure of a python-docx Document, with its theme and numbering if it has them."""
        part = document.part
        theme = None
        for rel in part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                theme = parse_xml(rel.target_part.blob)
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        return cls(document.styles.element, theme, numbering)

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
        p_pr = p.find(qn("w:pPr"))
        style = _val(p_pr, "w:pStyle") or self.default_paragraph
        layers = [*self._chain(table_style), *self._chain(style)]
        p_layers = [self.default_p, *(s.find(qn("w:pPr")) for s in layers), p_pr]
        r_layers = [self.default_r, *(s.find(qn("w:rPr")) for s in layers)]
        runs = []
        for r in p.iter(qn("w:r")):
            text = "".join(
                " " * 4
                if c.tag == qn("w:tab")
                else "\n"
                if c.tag in (qn("w:br"), qn("w:cr"))
                else c.text or ""
                for c in r
                if c.tag in (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"))
            )
            r_pr = r.find(qn("w:rPr"))
            own = self._chain(_val(r_pr, "w:rStyle"))
            runs.append(self._run(text, [*r_layers, *(s.find(qn("w:rPr")) for s in own), r_pr]))
        marker = self._run("", [*r_layers, _find(p_pr, "w:rPr")])
        # Word lets a table style's spacing win over the document's defaults; LibreOffice lets
        # the defaults win (it takes them as its default paragraph style's): the larger counts.
        without = [self.default_p, *(s.find(qn("w:pPr")) for s in self._chain(style)), p_pr]
        spacing = _attributes(p_layers, "w:spacing")
        other = _attributes(without, "w:spacing")
        indents = {**self._list_indent(p_layers), **_attributes(p_layers, "w:ind")}
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
            _flag(p_layers, "w:contextualSpacing"),
            _twips(indents.get("left", indents.get("start"))),
        )

    def _run(self, text: str, layers: list[etree._Element | None]) -> Run:
        fonts = _attributes(layers, "w:rFonts")
        family = fonts.get("ascii") or fonts.get("hAnsi")
        if not family:
            theme = fonts.get("asciiTheme") or fonts.get("hAnsiTheme") or "minorHAnsi"
            family = self.theme.get(theme[:5], "Calibri")
        size = _attributes(layers, "w:sz").get("val")
        bold = _flag(layers, "w:b")
        return Run(text, family, int(size) / 2 if size else 10.0, bold)

    def _list_indent(self, layers: list[etree._Element | None]) -> dict[str, str]:
        """The indents a paragraph's list level gives, if it is a list item."""
        num = _attributes(layers, "w:numPr/w:numId").get("val")
        level = _attributes(layers, "w:numPr/w:ilvl").get("val", "0")
        if self.numbering is None or not num:
            return {}
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
            height += laid.before + _lines(laid.runs, room) * laid.line_height() + laid.after
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
        style = table_style(table)
        found = cell.findall(qn("w:p")) if paragraphs is None else list(paragraphs)
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
        found = {"top": 0, "bottom": 0, "left": CELL_MARGIN, "right": CELL_MARGIN}
        layers = [
            s.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}") for s in self._chain(table_style(table))
        ]
        layers += [_find(table, "w:tblPr/w:tblCellMar"), _find(cell, "w:tcPr/w:tcMar")]
        for layer in layers:
            for side in found:
                margin = _find(layer, f"w:{side}")
                if margin is None and side in ("left", "right"):
                    margin = _find(layer, "w:start" if side == "left" else "w:end")
                if margin is not None and margin.get(qn("w:type"), "dxa") == "dxa":
                    found[side] = int(_twips(margin.get(qn("w:w"))) * 20)
        return found

    def longest_word(self, cell: etree._Element, table: etree._Element) -> int:
        """The width in twips ``cell`` needs to show its longest word on one line: the word,
        its paragraph's indents and the cell's margins."""
        margins = self.cell_margins(cell, table)
        longest = 0.0
        for p in cell.iter(qn("w:p")):
            laid = self.paragraph(p, table_style(table))
            for run in laid.runs:
                for word in run.text.split():
                    longest = max(longest, run.width(word) + laid.indent)
        return int(longest * 20) + 20 + margins["left"] + margins["right"]


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


def _lines(runs: list[Run], room: float) -> int:
    """How many lines ``runs`` take in ``room`` points, broken at spaces as Word breaks them
    (a word wider than the line is broken where it must be)."""
    lines, used = 1, 0.0
    for run in runs:
        for piece_index, piece in enumerate(run.text.split("\n")):
            if piece_index:
                lines, used = lines + 1, 0.0
            for word in _words_with_spaces(piece):
                width = run.width(word)
                if used and used + run.width(word.rstrip()) > room + TWIP:
                    lines, used = lines + 1, 0.0
                while width > room + TWIP:  # a word longer than the line
                    lines, width = lines + 1, width - room
                used += width
    return lines


def _words_with_spaces(text: str) -> list[str]:
    """``text`` cut after each run of spaces: the words with the spaces that follow them."""
    found, current = [], ""
    for char in text:
        if char != " " and current.endswith(" "):
            found.append(current)
            current = ""
        current += char
    return [*found, current] if current else found


def _find(element: etree._Element | None, path: str) -> etree._Element | None:
    if element is None:
        return None
    return element.find("/".join(qn(step) for step in path.split("/")))


def _val(element: etree._Element | None, path: str) -> str | None:
    found = _find(element, path)
    return found.get(qn("w:val")) if found is not None else None


def _attributes(layers: list[etree._Element | None], path: str) -> dict[str, str]:
    """The attributes of the element at ``path`` in each layer, later layers winning."""
    merged: dict[str, str] = {}
    for layer in layers:
        found = _find(layer, path)
        if found is not None:
            merged.update({etree.QName(k).localname: v for k, v in found.attrib.items()})
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
