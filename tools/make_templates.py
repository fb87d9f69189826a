"""Make briefgen's built-in Word templates (templates/*.docx) from python-docx's blank document.

This is how the shipped templates were first made; they are ordinary .docx files, and once an
officer restyles one in Word or LibreOffice that file is the source of truth. Run it again only
to regenerate the originals:

    python tools/make_templates.py            # writes templates/*.docx, templates/covers/*.docx

Everything a template shows comes from the documented context (templates/README.md).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from briefgen.ooxml_order import package_in_order  # the schema's order of child elements

ROOT = Path(__file__).resolve().parents[1]
FONT = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
HEADER_FILL = "1F3864"  # the grid's header row: white text on dark navy (contrast 12.6:1)
PILLAR_FILL = "D9E2F3"  # pillar rows: a pale blue-grey band
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
BULLET_NUM_ID = 10  # the numbering the bullet styles share (levels 0, 1 and 2)
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- styles -------------------------------------------------------------------------------


def set_fonts(doc) -> None:
    """One sans-serif family everywhere: no theme fonts, British English."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang"), qn("w:sz"), qn("w:szCs")):
            rpr.remove(child)
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        ),
    )
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="22"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="22"/>'))
    rpr.append(
        parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>')
    )
    # Styles that name theme fonts would override the family: drop those attributes.
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        if fonts.getparent().getparent() is not defaults.find(qn("w:rPrDefault")):
            for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{attr}"), FONT)
    # Theme colours on styles (headings, captions) would come back if the theme changed.
    for colour in styles.iter(qn("w:color")):
        for attr in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn(f"w:{attr}"), None)


def style_paragraphs(doc) -> None:
    """Normal text in INK with room after each paragraph; bold, kept-with-next Title, headings
    and Caption; tighter bullets; and the styles the blank document lacks."""
    normal = doc.styles["Normal"]
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before, after in (
        ("Title", 20, 0, 12),
        ("Heading 1", 16, 0, 12),
        ("Heading 2", 13, 18, 6),
        ("Heading 3", 11, 12, 4),
        ("Caption", 11, 6, 6),
    ):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = INK if name != "Heading 2" else RGBColor(0x1F, 0x38, 0x64)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    # Title has a border and character spacing in the blank document: keep it plain.
    for tag in ("w:pBdr",):
        for el in doc.styles["Title"].element.iter(qn(tag)):
            el.getparent().remove(el)

    # Caption shown in the style gallery: officers restyle by editing styles, not text.
    caption = doc.styles["Caption"].element
    caption.remove(caption.find(qn("w:semiHidden")))

    for name in BULLET_STYLES:
        fmt = doc.styles[name].paragraph_format
        fmt.space_after = Pt(3)
    grid_style(doc)
    footnote_styles(doc)
    hyperlink_style(doc)


def add_style(doc, attributes: str, content: str) -> None:
    """A style python-docx cannot make, as WordprocessingML: a <w:style> with ``attributes``
    around ``content``, added to the document's styles."""
    doc.styles.element.append(
        parse_xml(f"<w:style {nsdecls('w')} {attributes}>{content}</w:style>")
    )


def grid_style(doc) -> None:
    """'Briefing Grid': Table Grid's borders, 10 pt text, cell margins."""
    add_style(
        doc,
        'w:type="table" w:customStyle="1" w:styleId="BriefingGrid"',
        """
  <w:name w:val="Briefing Grid"/>
  <w:basedOn w:val="TableGrid"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>""",
    )


def footnote_styles(doc) -> None:
    """Footnote text (9 pt, single-spaced) and its linked character style, and the
    superscript footnote reference."""
    add_style(
        doc,
        'w:type="paragraph" w:styleId="FootnoteText"',
        """
  <w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/>
  <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>""",
    )
    add_style(
        doc,
        'w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar"',
        """
  <w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>
  <w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>""",
    )
    add_style(
        doc,
        'w:type="character" w:styleId="FootnoteReference"',
        """
  <w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>""",
    )


def hyperlink_style(doc) -> None:
    """Hyperlink: dark blue and underlined, so a link is not shown by colour alone."""
    add_style(
        doc,
        'w:type="character" w:styleId="Hyperlink"',
        """
  <w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:rPr><w:color w:val="1F4E9A"/><w:u w:val="single"/></w:rPr>""",
    )


def bullet_numbering(doc) -> None:
    """One bullet list definition; List Bullet is its level 0, List Bullet 2 its level 1 and
    List Bullet 3 its level 2."""
    numbering = doc.part.numbering_part.element
    levels = []
    for level, (symbol, left) in enumerate((("•", 284), ("–", 568), ("▪", 852))):
        levels.append(f"""
  <w:lvl w:ilvl="{level}">
    <w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{symbol}"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="{left}" w:hanging="284"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:hint="default"/></w:rPr>
  </w:lvl>""")
    abstract = parse_xml(f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_NUM_ID}">
  <w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}
</w:abstractNum>""")
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{BULLET_NUM_ID}">'
            f'<w:abstractNumId w:val="{BULLET_NUM_ID}"/></w:num>'
        )
    )
    for level, name in enumerate(BULLET_STYLES):
        ppr = doc.styles[name].element.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr"))
        num_pr.clear()
        num_pr.append(parse_xml(f'<w:ilvl {nsdecls("w")} w:val="{level}"/>'))
        num_pr.append(parse_xml(f'<w:numId {nsdecls("w")} w:val="{BULLET_NUM_ID}"/>'))


# --- parts --------------------------------------------------------------------------------


def add_footnotes(doc, footnotes: list[str]) -> None:
    """A footnotes part whose notes hold ``footnotes`` (template text, ids 1, 2, …)."""
    notes = "".join(
        f"""
  <w:footnote w:id="{i}">
    <w:p>
      <w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
      <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>
      <w:r><w:t xml:space="preserve"> </w:t></w:r>
      <w:r><w:t>{text}</w:t></w:r>
    </w:p>
  </w:footnote>"""
        for i, text in enumerate(footnotes, start=1)
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>{notes}
</w:footnotes>"""
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    settings.append(
        parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
            '<w:footnote w:id="0"/></w:footnotePr>'
        )
    )


def footnote_reference(paragraph, note_id: int) -> None:
    """A superscript reference to footnote ``note_id`` at the end of ``paragraph``."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def own_paragraph(header_or_footer):
    """The first paragraph of a section's header or footer, made the section's own (not
    linked to the previous section's)."""
    header_or_footer.is_linked_to_previous = False
    return header_or_footer.paragraphs[0]


def page_footer(section) -> None:
    """'Page X of Y', centred, in the footer."""
    pages_footer(section).alignment = WD_ALIGN_PARAGRAPH.CENTER


def pages_footer(section, before: str = ""):
    """The section's own footer: ``before`` (if any), then 'Page X of Y', in 9 pt. Returns
    the footer's paragraph."""
    p = own_paragraph(section.footer)
    if before:
        p.add_run(before)
    page_number_fields(p)
    for run in p.runs:
        run.font.size = Pt(9)
    return p


def page_number_fields(p) -> None:
    """'Page X of Y' at the end of paragraph ``p``, as Word fields."""
    p.add_run("Page ")
    for i, field in enumerate(("PAGE", "NUMPAGES")):
        p._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {field} \\* MERGEFORMAT ">'
                f'<w:r><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t>1</w:t></w:r>'
                "</w:fldSimple>"
            )
        )
        if i == 0:
            p.add_run(" of ")


def right_tab(p, position) -> None:
    """One right-aligned tab stop at ``position``, clearing those the paragraph's style sets."""
    for inherited in p.style.paragraph_format.tab_stops:
        p.paragraph_format.tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    p.paragraph_format.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def appendix_header_footer(section) -> None:
    """The committee paper's details: appendix and committee above, meeting and pages below."""
    text_width = section.page_width - section.left_margin - section.right_margin
    p = own_paragraph(section.header)
    right_tab(p, text_width)
    label = p.add_run("{% if paper.appendix %}Appendix {{ paper.appendix }}{% endif %}")
    label.bold = True
    label.font.size = Pt(12)
    committee = p.add_run("\t{{ paper.committee }}")
    committee.font.size = Pt(10)

    meeting = (
        "{% if paper.meeting_date %}Meeting of {{ paper.meeting_date|long_date }}"
        "{% endif %}{% if paper.meeting_date and paper.agenda_item %} · {% endif %}"
        "{% if paper.agenda_item %}Agenda item {{ paper.agenda_item }}{% endif %}"
    )
    right_tab(pages_footer(section, meeting + "\t"), text_width)


def set_page(section, landscape: bool) -> None:
    """A4, portrait or landscape, with 2 cm margins."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def properties(doc, title: str, subject: str, description: str) -> None:
    """The document properties: title, subject, description, keywords; no author."""
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = ""
    props.comments = description  # `briefgen templates list` shows it
    props.keywords = "HMICFRS; PEEL; police inspection; briefing"
    props.language = "en-GB"
    props.last_modified_by = ""
    props.revision = 1


# --- the grid -----------------------------------------------------------------------------


def cell_paragraphs(cell, lines: list[tuple[str | None, str]]) -> None:
    """Fill ``cell`` with (style, text) paragraphs, reusing its first, empty paragraph."""
    first = True
    for style, text in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if style:
            p.style = style
        if text.startswith("**"):
            label, rest = text[2:].split("**", 1)
            p.add_run(label).bold = True
            p.add_run(rest)
        else:
            p.add_run(text)


def status(loop_var: str) -> str:
    """A finding's status after its text, where it has one: " (discharged)"."""
    return f"{{% if {loop_var}.status %}} ({{{{ {loop_var}.status }}}}){{% endif %}}"


def bullets(loop_var: str, source: str, level: int = 1) -> list[tuple[str | None, str]]:
    """Paragraphs for a bullet list of ``source`` at list ``level`` (1 or 2) with one nested
    level below it (each item's ``nested``) and each item's status."""
    outer, inner = BULLET_STYLES[level - 1], BULLET_STYLES[level]
    return [
        (None, f"{{%p for {loop_var} in {source} %}}"),
        (outer, f"{{{{ {loop_var}.text }}}}" + status(loop_var)),
        (None, f"{{%p for sub in {loop_var}.nested %}}"),
        (inner, "{{ sub.text }}"),
        (None, "{%p endfor %}"),
        (None, "{%p endfor %}"),
    ]


def set_cell_fill(cell, fill: str) -> None:
    """Shade ``cell`` with the colour ``fill`` (hex RRGGBB)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def mark_row(row, *, header: bool = False, cant_split: bool = False) -> None:
    """Keep ``row`` on one page (``cant_split``) and/or repeat it atop each page (``header``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    if header:
        tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def tag_row(table, text: str) -> None:
    """A row holding only a {%tr %} tag: docxtpl removes the row and keeps the tag."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.paragraphs[0].add_run(text)


# The grid's columns: element, grading, change since an earlier inspection (a column that is
# there only when the assessment names one: the cells either side of it hold the {%tc %} tags
# that leave it out), comments, and recommendations / areas for improvement. Tag cells vanish
# when the grid is rendered and the columns left share the table's width in proportion, so
# without the change column the grid is 4.4, 3.1, 9.1 and 9.1 cm across landscape A4.
TABLE_WIDTH = 25.7  # landscape A4 less 2 cm margins, in cm
TAG_WIDTH, CHANGE_WIDTH = 1.2, 2.8
_SHARE = (TABLE_WIDTH - 2 * TAG_WIDTH - CHANGE_WIDTH) / TABLE_WIDTH
WIDTHS = (
    Cm(4.4 * _SHARE),
    Cm(3.1 * _SHARE),
    Cm(TAG_WIDTH),
    Cm(CHANGE_WIDTH),
    Cm(TAG_WIDTH),
    Cm(9.1 * _SHARE),
    Cm(9.1 * _SHARE),
)
HEADINGS = (
    "Element of assessment",
    "Grading",
    "{%tc if change_since %}",
    "Change since {{ change_since }}",
    "{%tc endif %}",
    "Comments",
    "Recommendations / areas for improvement",
)
CAPTION = (
    "{{ framework.inspectorate }} {{ framework.assessment }} of {{ force.short_name }} "
    "({{ published|month_year }}) – summary"
)


def column_tag(cell, text: str) -> None:
    """A cell holding only a {%tc %} tag, in small grey type: docxtpl removes the cell."""
    run = cell.paragraphs[0].add_run(text)
    run.font.size = Pt(7)
    run.font.bold = False
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def new_table(doc, columns: int, caption_text: str, description: str):
    """A one-row 'Briefing Grid' table, centred, fixed width, with alt text for screen readers."""
    table = doc.add_table(rows=1, cols=columns)
    table.style = doc.styles["Briefing Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{caption_text}"/>'))
    tbl_pr.append(parse_xml(f'<w:tblDescription {nsdecls("w")} w:val="{description}"/>'))
    return table


def heading_row(table, headings) -> None:
    """The table's first row as its header, repeated on every page and never split: each cell
    white on navy, a heading in bold, a {%tc %} tag cell in small white type."""
    header = table.rows[0]
    mark_row(header, header=True, cant_split=True)
    for cell, text in zip(header.cells, headings, strict=False):
        set_cell_fill(cell, HEADER_FILL)
        if text.startswith("{%tc"):
            column_tag(cell, text)
            cell.paragraphs[0].runs[0].font.color.rgb = WHITE
            continue
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = WHITE


def band_row(table, text: str):
    """A pillar band: one cell merged across the table, shaded, ``text`` in bold, never split.
    Returns its paragraph."""
    band = table.add_row()
    mark_row(band, cant_split=True)
    cell = band.cells[0].merge(band.cells[-1])
    set_cell_fill(cell, PILLAR_FILL)
    p = cell.paragraphs[0]
    p.add_run(text).bold = True
    return p


def set_widths(table, widths) -> None:
    """Fixed column widths, on every cell and on the table's grid."""
    for r in table.rows:
        for cell, width in zip(r.cells, widths, strict=False):
            cell.width = width
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width.twips)))


def grid(doc) -> None:
    """The assessment summary grid: a header row, then for each pillar its band and a row for
    each of its elements."""
    table = grid_table(doc)
    heading_row(table, HEADINGS)
    tag_row(table, "{%tr for pillar in pillars %}")
    pillar_band(table)
    tag_row(table, "{%tr for element in pillar.elements %}")
    element_row(table)
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")
    set_widths(table, WIDTHS)


def grid_table(doc):
    """The grid's empty one-row table, with alt text, marked as having a header row and no
    banding (so Word's table styles do not stripe it)."""
    table = new_table(
        doc,
        len(WIDTHS),
        CAPTION,
        "Each element of the assessment with its grading, the change since an "
        "earlier inspection where one is given, key comments and the "
        "recommendations and areas for improvement, grouped under each pillar "
        "and its overall grading.",
    )
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    tbl_pr.find(qn("w:tblCaption")).addprevious(
        parse_xml(  # the schema puts tblLook first
            f'<w:tblLook {nsdecls("w")} w:val="0420" w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
    )
    return table


def pillar_band(table) -> None:
    """The pillar's band, "Name: Overall grading – good", kept with the rows below it; only
    for a named pillar (a framework without pillars has no band)."""
    tag_row(table, "{%tr if pillar.name %}")
    p = band_row(
        table,
        "{{ pillar.name }}{% if pillar.grading %}: Overall grading – "
        "{{ pillar.grading|lower }}{% endif %}",
    )
    p.paragraph_format.keep_with_next = True
    tag_row(table, "{%tr endif %}")


def element_row(table) -> None:
    """An element's row, never split across pages (one taller than a page is split by
    briefgen, its continuation repeating the name and grading): its name in bold, its grading
    in a cell shaded by it, the change since the earlier inspection (between its {%tc %} tag
    cells), comments and actions."""
    row = table.add_row()
    mark_row(row, cant_split=True)  # kept on one page; briefgen splits one taller than a page
    name, grading, if_change, change, end_change, comments, actions = row.cells
    name.paragraphs[0].add_run("{{ element.name }}").bold = True
    grading.paragraphs[0].add_run("{% cellbg element.shade %}{{ element|grading_label }}")
    column_tag(if_change, "{%tc if change_since %}")
    cell_paragraphs(
        change,
        or_na(
            "element.change",
            [
                (None, "**{{ element.change.direction|upper_first }}**"),
                (None, "{%p if element.change.previous %}"),
                (
                    None,
                    "was {{ element.change.previous|lower_grading }}"
                    "{% if element.change.since != change_since %}"
                    " in {{ element.change.since }}{% endif %}",
                ),
                (None, "{%p endif %}"),
            ],
        ),
    )
    column_tag(end_change, "{%tc endif %}")
    cell_paragraphs(comments, or_na("element.comments", bullets("comment", "element.comments")))
    cell_paragraphs(actions, action_lines())


def or_na(condition: str, lines: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """``lines`` when ``condition`` holds, else "n/a"."""
    return [
        (None, f"{{%p if {condition} %}}"),
        *lines,
        (None, "{%p else %}"),
        (None, "n/a"),
        (None, "{%p endif %}"),
    ]


def action_lines() -> list[tuple[str | None, str]]:
    """The actions cell: each cause of concern (bold label, its nested points as bullets a
    level in), the recommendations made against the causes of concern nested under the last
    of them (a framework makes its recommendations against its causes of concern), then the
    areas for improvement, labelled, as bullets; without causes of concern, the recommendations
    and areas for improvement as bullets; "n/a" when there are none of these."""
    return [
        (None, "{%p for concern in element.causes_of_concern %}"),
        (None, "**Cause of concern:** {{ concern.text }}" + status("concern")),
        (None, "{%p for sub in concern.nested %}"),
        ("List Bullet 2", "{{ sub.text }}"),
        (None, "{%p endfor %}"),
        (None, "{%p if loop.last %}"),
        *bullets("action", "element.recommendations", level=2),
        (None, "{%p endif %}"),
        (None, "{%p endfor %}"),
        (None, "{%p if element.causes_of_concern and element.areas_for_improvement %}"),
        (None, "**Areas for improvement:**"),
        *bullets("action", "element.areas_for_improvement"),
        (None, "{%p elif element.causes_of_concern %}"),
        (None, "{%p elif element.improvements %}"),
        *bullets("action", "element.improvements"),
        (None, "{%p else %}"),
        (None, "n/a"),
        (None, "{%p endif %}"),
    ]


# The element column is twice an inspection's, however many inspections there are; the four
# add up to the table's width (the tag columns are removed and their width shared out).
HISTORY_WIDTHS = (Cm(12.6), Cm(3.4), Cm(6.3), Cm(3.4))
HISTORY_HEADINGS = (
    "Element of assessment",
    "{%tc for inspection in history.inspections %}",
    "{{ inspection.published|month_year }}",
    "{%tc endfor %}",
)
HISTORY_CAPTION = (
    "{{ framework.inspectorate }} {{ framework.assessment }} of "
    "{{ force.short_name }} ({{ published|month_year }}) – grading history"
)


def history_row(table, name: str, cells: str, fill: str | None = None):
    """A row: ``name`` in the first cell, then one cell per inspection from the list ``cells``,
    shaded by its grading, saying "n/a" where that inspection did not assess it and "no link"
    where nothing links the element to that inspection's framework."""
    row = table.add_row()
    first, opening, grading, closing = row.cells
    first.paragraphs[0].add_run(name).bold = True
    if fill:
        set_cell_fill(first, fill)
    column_tag(opening, f"{{%tc for cell in {cells} %}}")
    grading.paragraphs[0].add_run(
        "{% cellbg cell.shade %}{{ cell.grading or ('n/a' if cell.linked else 'no link') }}"
    )
    column_tag(closing, "{%tc endfor %}")
    return row


def history_grid(doc) -> None:
    """Element × inspection: each element's grading at every inspection in the chain, with a
    column per inspection (its month and name in the header) and a row per element, grouped
    under each pillar: the pillar's own gradings where it has them, else a plain band."""
    table = new_table(
        doc,
        len(HISTORY_WIDTHS),
        HISTORY_CAPTION,
        "Each element of the assessment in a row, with its grading at each "
        "inspection in a column, oldest first, grouped under each pillar and its "
        "overall grading.",
    )
    heading_row(table, HISTORY_HEADINGS)
    inspection = table.rows[0].cells[2]
    inspection.add_paragraph().add_run("{{ inspection.name }}").font.color.rgb = WHITE

    tag_row(table, "{%tr for pillar in history.pillars %}")
    tag_row(table, "{%tr if pillar.graded %}")
    mark_row(
        history_row(table, "{{ pillar.name }}: overall grading", "pillar.gradings", PILLAR_FILL),
        cant_split=True,
    )
    tag_row(table, "{%tr elif pillar.name %}")  # a pillar that only groups its elements
    band_row(table, "{{ pillar.name }}")
    tag_row(table, "{%tr endif %}")
    tag_row(table, "{%tr for element in pillar.elements %}")
    mark_row(history_row(table, "{{ element.name }}", "element.gradings"), cant_split=True)
    tag_row(table, "{%tr endfor %}")
    tag_row(table, "{%tr endfor %}")
    set_widths(table, HISTORY_WIDTHS)


# --- the templates ------------------------------------------------------------------------


def new_template(
    title: str,
    subject: str,
    description: str,
    *,
    heading: str | None = None,
    landscape: bool = True,
    header_footer=page_footer,
) -> Document:
    """What every template starts with: python-docx's blank document with briefgen's fonts,
    styles, bullet list and document properties; its first section on A4 (landscape unless
    told) with ``header_footer`` (by default 'Page X of Y' below); and a Heading 1 paragraph,
    ``heading`` or else the title."""
    doc = Document()
    set_fonts(doc)
    style_paragraphs(doc)
    bullet_numbering(doc)
    properties(doc, title, subject, description)
    # The blank document's one empty paragraph would show as a blank line at the top.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    section = doc.sections[0]
    set_page(section, landscape)
    header_footer(section)
    doc.add_paragraph(heading or title, style="Heading 1")
    return doc


SUMMARY_SUBJECT = (
    "Summary of {{ framework.inspectorate }}'s {{ framework.name }} assessment of "
    "{{ force.name_in_text }}, published {{ published|long_date }}"
)


def summary_grid() -> Document:
    """The summary grid alone, under its caption as the heading."""
    doc = new_template(
        title=CAPTION,
        subject=SUMMARY_SUBJECT,
        description="The assessment summary grid alone, grouped by pillar, on landscape A4",
    )
    grid(doc)
    return doc


APPENDIX_LABEL = "{% if paper.appendix %}Appendix {{ paper.appendix }}: {% endif %}"


def committee_appendix() -> Document:
    """The summary grid headed as a committee paper's appendix, with the paper's details in the
    header and footer."""
    doc = new_template(
        title=APPENDIX_LABEL + CAPTION,
        subject=SUMMARY_SUBJECT
        + "{% if paper.committee %}, for the {{ paper.committee }}{% endif %}",
        description="The summary grid as an appendix to a committee paper: appendix number, "
        "committee, meeting date and agenda item in the header and footer",
        header_footer=appendix_header_footer,
    )
    grid(doc)
    return doc


def grading_history() -> Document:
    """The grading-history grid, after a paragraph on how to read it and, where some
    inspections graded on another scale, a warning that they do not compare directly."""
    doc = new_template(
        title=HISTORY_CAPTION,
        subject="Gradings of {{ force.name_in_text }} at each inspection since "
        "{% for inspection in history.inspections %}{% if loop.first %}"
        "{{ inspection.published|month_year }}{% endif %}{% endfor %}",
        description="Element × inspection: each element's grading at every inspection in the "
        "chain of earlier assessments (previous:), on landscape A4",
    )
    doc.add_paragraph(
        "Each element of the {{ framework.assessment }} with its grading "
        "at each inspection of {{ force.short_name }}, oldest first. An earlier grading is "
        "shown against the element that continues it. “n/a”: that inspection did not assess "
        "the element, or the assessment given for it does not cover it. “No link”: that "
        "inspection’s framework has no element this one continues, so the two cannot be "
        "compared."
    )
    doc.add_paragraph("{%p if not history.same_scale %}")
    doc.add_paragraph(
        "{{ framework.name }} grades on a {{ framework.scale|length|number_word }}-point scale; "
        "{% for other in history.other_scales %}{{ other.framework }} used "
        "{{ other.points|number_word }} points{% if not loop.last %}; {% endif %}{% endfor %}. "
        "Gradings on a different scale are not directly comparable with today’s, so they are "
        "shown without shading."
    )
    doc.add_paragraph("{%p endif %}")
    history_grid(doc)
    return doc


def bullet_list(doc, loop_var: str, source: str) -> None:
    """A List Bullet paragraph for each item of the list ``source``."""
    doc.add_paragraph(f"{{%p for {loop_var} in {source} %}}")
    doc.add_paragraph(f"{{{{ {loop_var} }}}}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")


def briefing() -> Document:
    """The whole briefing: introduction, aims and themes on portrait pages, then the summary
    grid in a landscape section; the sources are footnotes."""
    doc = new_template(
        title="{{ framework.name }} assessment of {{ force.name_in_text }}: briefing",
        subject="Briefing on {{ framework.inspectorate }}'s {{ framework.name }} assessment of "
        "{{ force.name_in_text }}, published {{ published|long_date }}",
        description="The whole committee briefing: introduction, PEEL aims, emerging themes "
        "and the summary grid",
        heading="{{ framework.name }}: {{ force.name }}",
        landscape=False,
    )
    intro = doc.add_paragraph(
        "On {{ published|long_date }}, {{ framework.inspectorate_name }} "
        "({{ framework.inspectorate }}) published its latest {{ framework.assessment_long }} of "
        "{{ force.short_name }}. {{ framework.about }}"
    )
    footnote_reference(intro, 1)
    bullet_list(doc, "aim", "framework.aims")

    doc.add_paragraph("{%p if themes %}")
    themes = doc.add_paragraph("{{ themes.introduction }}")
    themes.paragraph_format.space_before = Pt(6)
    footnote_reference(themes, 2)
    bullet_list(doc, "theme", "themes.bullets")
    doc.add_paragraph("{%p endif %}")
    # This empty paragraph carries the section break: a tag paragraph would take it away.
    # The grid needs landscape pages, and Word turns the page at a change of orientation, so
    # the grid starts on page 2 however little page 1 holds (with no themes: the introduction
    # and the aims). The Heading 2 below says where the grid begins.
    end_of_portrait = doc.add_paragraph()
    end_of_portrait.paragraph_format.space_after = Pt(0)

    grid_section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(grid_section, landscape=True)
    doc.add_paragraph(
        "{{ framework.assessment|upper_first }} of {{ force.informal_name }}", style="Heading 2"
    )
    doc.add_paragraph(
        "The following grid summarises the assessment of each element of the "
        "{{ framework.assessment }}, and some of the key points and "
        "recommendations made by {{ framework.inspectorate }}."
    )
    doc.add_paragraph(CAPTION, style="Caption")
    grid(doc)

    # Each source's link names the publication, then its address.
    add_footnotes(
        doc,
        [
            "{{r source|hyperlink(framework.name ~ ' – an inspection of ' ~ force.name_in_text ~ ' "
            "('"
            " ~ framework.inspectorate ~ ', ' ~ published|long_date ~ ')') }}",
            "{{r themes.source|hyperlink(framework.inspectorate ~ ' report on the emerging themes')"
            " if themes else '' }}",
        ],
    )
    return doc


COVER_TEXT_SIZE = 24  # half-points: the 12 pt Arial a council's reports are written in


def cover_header_footer(section) -> None:
    """The committee and agenda item above, on the right (aligned, not tabbed, so that they
    stay at the right margin on the briefing's landscape pages too); 'Page X of Y' below."""
    p = own_paragraph(section.header)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run(
        "{{ paper.committee }}{% if paper.committee and paper.agenda_item %} · {% endif %}"
    ).font.size = Pt(10)
    p.add_run(
        "{% if paper.agenda_item %}Agenda item {{ paper.agenda_item }}{% endif %}"
    ).bold = True
    page_footer(section)


def labelled(doc, label: str, text: str, condition: str | None = None) -> None:
    """A paragraph "Label: text" with its label in bold, kept only when ``condition`` holds."""
    if condition:
        doc.add_paragraph(f"{{%p if {condition} %}}")
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(text)
    p.paragraph_format.space_after = Pt(2)
    if condition:
        doc.add_paragraph("{%p endif %}")


def cover_report() -> Document:
    """A starter cover report for ``build --into``: the committee and agenda item in the header,
    who it is for and from, its purpose and recommendation, the briefing where a paragraph says
    ``{{p briefing }}``, and 'Page X of Y' in the footer; 12 pt Arial. What only the officer can
    write is in [square brackets]."""
    doc = new_template(
        title="{{ framework.name }} assessment of {{ force.name_in_text }}: report"
        "{% if paper.committee %} to the {{ paper.committee }}{% endif %}",
        subject="Cover report for the briefing on {{ framework.inspectorate }}'s "
        "{{ framework.name }} assessment of {{ force.name_in_text }}",
        # No tags here: `briefgen templates list` shows it, and properties are rendered.
        description="A starter committee report around the briefing: agenda item, purpose, "
        "recommendation, page numbers",
        heading="{{ framework.inspectorate }} {{ framework.name }} assessment of "
        "{{ force.name_in_text }}",
        landscape=False,
        header_footer=cover_header_footer,
    )
    # The text's size is the document's default, so a table style's own size (the grid's
    # 10 pt) still wins inside the briefing's tables.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for tag in ("w:sz", "w:szCs"):
        defaults.find(qn("w:rPr")).find(qn(tag)).set(qn("w:val"), str(COVER_TEXT_SIZE))
    labelled(doc, "Report to", "{{ paper.committee }}", "paper.committee")
    labelled(doc, "Date of meeting", "{{ paper.meeting_date|long_date }}", "paper.meeting_date")
    labelled(doc, "Agenda item", "{{ paper.agenda_item }}", "paper.agenda_item")
    labelled(doc, "Report by", "[your name and job title]")
    labelled(doc, "Classification", "Public")

    doc.add_paragraph("1. Purpose", style="Heading 2")
    doc.add_paragraph(
        "1.1 This report presents the {{ framework.assessment_long }} of "
        "{{ force.short_name }} by {{ framework.inspectorate_name }} "
        "({{ framework.inspectorate }}), published on {{ published|long_date }}, with a "
        "summary of its gradings and findings."
    )
    doc.add_paragraph("2. Recommendation", style="Heading 2")
    doc.add_paragraph(
        "2.1 That the Committee notes the findings of {{ framework.inspectorate }}'s "
        "{{ framework.name }} assessment of {{ force.name_in_text }}, and [agrees the questions it "
        "will put to the force about them]."
    )
    doc.add_paragraph("3. The assessment", style="Heading 2")
    doc.add_paragraph("3.1 The briefing below sets out the assessment, element by element.")
    doc.add_paragraph("{{p briefing }}")
    doc.add_paragraph("4. Contact", style="Heading 2")
    doc.add_paragraph("[Your name, job title, telephone and email address]")
    return doc


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "templates"
    (out / "covers").mkdir(parents=True, exist_ok=True)
    for name, make in (
        ("summary-grid", summary_grid),
        ("briefing", briefing),
        ("committee-appendix", committee_appendix),
        ("grading-history", grading_history),
        ("covers/cover-report", cover_report),
    ):
        path = out / f"{name}.docx"
        buffer = io.BytesIO()
        make().save(buffer)
        path.write_bytes(package_in_order(buffer.getvalue()))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
