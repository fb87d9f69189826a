"""The briefing made to sit well in an officer's cover report (``build --into``).

Inserted where the cover says ``{{p briefing }}``, the briefing takes on the cover's styles of
the same name. Here, before it goes in, it is made to read as part of the cover:

- its headings go one level under the cover's heading above the tag (the briefing's Heading 1
  under the cover's "2. Background" becomes a Heading 2), so the PDF's bookmarks and tags follow
  the paper's outline;
- its headings and captions keep with what follows them (a caption never parted from its
  table), and no empty paragraph stands before a section break (it would make a blank page);
- its text keeps a contrast of at least 4.5:1 with its background whatever colours the cover's
  styles give (WCAG 2.1, 1.4.3): a colour that falls short is darkened, keeping its hue;
- its runs say the document's language, the one its properties and its PDF declare.
"""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn
from lxml import etree

#: The least contrast text keeps with its background (WCAG 2.1 AA, normal text).
LEAST_CONTRAST = 4.5
_HEADING = re.compile(r"^Heading([1-9])$")


def heading_level_at_tag(cover: docx.document.Document, tag: re.Pattern[str]) -> int:
    """The level (1–9) of the cover's last heading before its paragraph matching ``tag``;
    0 where none stands before it."""
    level = 0
    styles = {s.style_id: s for s in cover.styles}
    for paragraph in cover.paragraphs:
        if tag.fullmatch(paragraph.text.strip()):
            return level
        found = _level(paragraph._p, styles)
        if found:
            level = found
    return level


def fit_to_cover(
    briefing: docx.document.Document, cover: docx.document.Document, under: int, language: str
) -> None:
    """Make ``briefing`` (a python-docx Document, before it goes into ``cover``) sit under
    heading level ``under`` of the cover, in ``language``, legible in the cover's styles."""
    body = briefing.element.body
    _demote_headings(briefing, under)
    _no_empty_paragraphs_before_breaks(body)
    own = {s.style_id: s for s in briefing.styles}
    theirs = {s.style_id: s for s in cover.styles}
    for paragraph in body.iter(qn("w:p")):
        style = _style_id(paragraph)
        if style and (style == "Caption" or _HEADING.match(style) or style == "Title"):
            _set(paragraph, "w:keepNext")
        _keep_legible(paragraph, own, theirs)
    for run in body.iter(qn("w:r")):
        _language(run, language)
    for properties in body.iter(qn("w:pPr")):
        if properties.getparent().tag == qn("w:p"):
            marks = properties.find(qn("w:rPr"))
            if marks is None:
                marks = etree.SubElement(properties, qn("w:rPr"))
            _language_on(marks, language)


def set_language(document: docx.document.Document, language: str) -> None:
    """Make ``language`` the document's default language (what LibreOffice declares as the
    PDF's /Lang) and its properties' language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(document.styles.element, qn("w:docDefaults"))
        document.styles.element.insert(0, defaults)
    run = defaults.find(qn("w:rPrDefault"))
    if run is None:
        run = etree.SubElement(defaults, qn("w:rPrDefault"))
        defaults.insert(0, run)
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = etree.SubElement(run, qn("w:rPr"))
    _language_on(properties, language)
    document.core_properties.language = language


def _demote_headings(briefing: docx.document.Document, under: int) -> None:
    """Shift every heading of ``briefing`` so that its highest sits at level ``under`` + 1."""
    paragraphs = list(briefing.element.body.iter(qn("w:p")))
    levels = [m and int(m[1]) for m in (_HEADING.match(_style_id(p) or "") for p in paragraphs)]
    top = min((level for level in levels if level), default=None)
    if top is None or under + 1 <= top:
        return
    shift = under + 1 - top
    for paragraph, level in zip(paragraphs, levels, strict=True):
        if level:
            paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").set(
                qn("w:val"), f"Heading{min(9, level + shift)}"
            )


def _no_empty_paragraphs_before_breaks(body: etree._Element) -> None:
    """Remove the empty paragraphs that stand before a section break, and carry a break held
    by an empty paragraph of its own onto the paragraph before it."""
    for holder in [
        s.getparent().getparent()
        for s in body.iter(qn("w:sectPr"))
        if s.getparent().tag == qn("w:pPr")
    ]:
        previous = holder.getprevious()
        while (
            previous is not None
            and previous.tag == qn("w:p")
            and _empty(previous)
            and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
        ):
            body.remove(previous)
            previous = holder.getprevious()
        if (
            _empty(holder)
            and previous is not None
            and previous.tag == qn("w:p")
            and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
        ):
            section = holder.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            target = previous.find(qn("w:pPr"))
            if target is None:
                target = etree.SubElement(previous, qn("w:pPr"))
                previous.insert(0, target)
            target.append(section)  # its place in w:pPr: ooxml_order, on output
            body.remove(holder)


def _keep_legible(paragraph: etree._Element, own: dict, theirs: dict) -> None:
    """Darken the colour of each run of ``paragraph`` that would fall short of
    :data:`LEAST_CONTRAST` on its background, in the styles it will have in the cover."""
    background = _background(paragraph)
    style = _style_id(paragraph)
    for run in paragraph.iter(qn("w:r")):
        if run.find(qn("w:t")) is None:
            continue
        colour = _colour(run, style, own, theirs)
        if colour is None or contrast(colour, background) >= LEAST_CONTRAST:
            continue
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = etree.SubElement(run, qn("w:rPr"))
            run.insert(0, properties)
        for old in properties.findall(qn("w:color")):
            properties.remove(old)
        etree.SubElement(properties, qn("w:color")).set(qn("w:val"), darkened(colour, background))


def _colour(run: etree._Element, style: str | None, own: dict, theirs: dict) -> str | None:
    """The colour ``run`` shows in the cover: its own, its character style's, its paragraph
    style's (the cover's style of that name where the cover has one); None for automatic."""
    properties = run.find(qn("w:rPr"))
    direct = properties.find(qn("w:color")) if properties is not None else None
    if direct is not None:
        return _rgb(direct.get(qn("w:val")))
    character = properties.find(qn("w:rStyle")) if properties is not None else None
    for style_id in ([character.get(qn("w:val"))] if character is not None else []) + [style]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            found = theirs.get(style_id) or own.get(style_id)
            if found is None:
                break
            element = found.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
            if element is not None:
                return _rgb(element.get(qn("w:val")))
            style_id = found.base_style.style_id if found.base_style is not None else None
    return None


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours (RRGGBB), 1 to 21 (WCAG 2.1)."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darkened(colour: str, background: str) -> str:
    """``colour`` darkened, its hue kept, until it shows on ``background`` at
    :data:`LEAST_CONTRAST`."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    for step in range(100, -1, -1):
        candidate = "".join(f"{int(c * step / 100):02X}" for c in (red, green, blue))
        if contrast(candidate, background) >= LEAST_CONTRAST:
            return candidate
    return "000000"


def _luminance(colour: str) -> float:
    channels = []
    for i in (0, 2, 4):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _background(paragraph: etree._Element) -> str:
    cell = next(paragraph.iterancestors(qn("w:tc")), None)
    shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}") if cell is not None else None
    fill = _rgb(shading.get(qn("w:fill"))) if shading is not None else None
    return fill or "FFFFFF"


def _rgb(value: str | None) -> str | None:
    return value.upper() if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


def _language(run: etree._Element, language: str) -> None:
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = etree.SubElement(run, qn("w:rPr"))
        run.insert(0, properties)  # a run's properties come first
    _language_on(properties, language)


def _language_on(properties: etree._Element, language: str) -> None:
    found = properties.find(qn("w:lang"))
    if found is None:
        found = etree.SubElement(properties, qn("w:lang"))  # its place: ooxml_order
    found.set(qn("w:val"), language)


def _level(paragraph: etree._Element, styles: dict) -> int:
    """A paragraph's heading level (1–9) from its style's outline level; 0 if not a heading."""
    style = styles.get(_style_id(paragraph))
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        level = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            value = int(level.get(qn("w:val"), "9"))
            return value + 1 if value < 9 else 0
        match = _HEADING.match(style.style_id or "")
        if match:
            return int(match[1])
        style = style.base_style
    return 0


def _style_id(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _set(paragraph: etree._Element, tag: str) -> None:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = etree.SubElement(paragraph, qn("w:pPr"))
        paragraph.insert(0, properties)
    if properties.find(qn(tag)) is None:
        properties.append(etree.Element(qn(tag)))  # its place: ooxml_order


def _empty(paragraph: etree._Element) -> bool:
    """Whether a paragraph shows nothing: no text, no drawing, no field, no break."""
    shown = paragraph.iter(
        qn("w:t"),
        qn("w:drawing"),
        qn("w:pict"),
        qn("w:object"),
        qn("w:fldChar"),
        qn("w:fldSimple"),
        qn("w:br"),
        qn("w:footnoteReference"),
    )
    return next(shown, None) is None
