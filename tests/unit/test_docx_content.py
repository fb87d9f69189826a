"""Tests for briefgen.docx_content: documents built with python-docx (plus lxml edits where
python-docx has no API) and read back to exact, literal expected data."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from briefgen.docx_content import read_docx

W = nsdecls("w")
WR = nsdecls("w", "r")
URL = "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/metropolitan/"


def _save(document: Document, tmp_path: Path, name: str = "doc.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _append(paragraph: Paragraph, xml: str) -> None:
    """Append inline XML (runs, hyperlinks, fields...) to a paragraph; the w: and r: prefixes
    need no namespace declarations."""
    for element in list(parse_xml(f"<w:inline {WR}>{xml}</w:inline>")):
        paragraph._p.append(element)


def _set_num_pr(paragraph: Paragraph, num_id: int | None, ilvl: int | None) -> None:
    """Give a paragraph its own w:numPr (either child may be left out)."""
    children = ""
    if ilvl is not None:
        children += f'<w:ilvl w:val="{ilvl}"/>'
    if num_id is not None:
        children += f'<w:numId w:val="{num_id}"/>'
    # The paragraph's w:pPr holds at most a w:pStyle here, so w:numPr may simply follow it.
    paragraph._p.get_or_add_pPr().append(parse_xml(f"<w:numPr {W}>{children}</w:numPr>"))


def _hyperlink(paragraph: Paragraph, text: str) -> None:
    """Append an external hyperlink (python-docx has no API to add one)."""
    r_id = paragraph.part.relate_to(URL, RT.HYPERLINK, is_external=True)
    _append(paragraph, f'<w:hyperlink r:id="{r_id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')


# -- the default template's list styles ----------------------------------------------------


def test_default_template_list_styles_are_separate_single_level_bullet_lists(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("Top-level bullet", style="List Bullet")
    document.add_paragraph("Second-level bullet", style="List Bullet 2")
    document.add_paragraph("Numbered", style="List Number")

    body = read_docx(_save(document, tmp_path))["body"]

    # In python-docx's default template, "List Bullet" -> numId 1 -> abstractNum 8 and
    # "List Bullet 2" -> numId 2 -> abstractNum 6: two single-level lists, so both are level 0.
    assert body == [
        {
            "paragraph": "Top-level bullet",
            "style": "List Bullet",
            "list": {"level": 0, "format": "bullet"},
        },
        {
            "paragraph": "Second-level bullet",
            "style": "List Bullet 2",
            "list": {"level": 0, "format": "bullet"},
        },
        {
            "paragraph": "Numbered",
            "style": "List Number",
            "list": {"level": 0, "format": "decimal"},
        },
    ]


def test_heading_and_plain_paragraphs_use_style_names_not_ids(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Metropolitan Police Service", level=1)
    document.add_paragraph("No style set")
    document.add_paragraph("Quoted", style="Intense Quote")
    document.add_paragraph("")

    body = read_docx(_save(document, tmp_path))["body"]

    # styles.xml stores "heading 1" (styleId Heading1); Word and python-docx show "Heading 1".
    assert body == [
        {"paragraph": "Metropolitan Police Service", "style": "Heading 1"},
        {"paragraph": "No style set", "style": "Normal"},
        {"paragraph": "Quoted", "style": "Intense Quote"},
        {"paragraph": "", "style": "Normal"},
    ]


# -- lists: paragraph numPr, style chain, overrides, numbering style links -----------------

_NUMBERING_ADDITIONS = f"""
<w:numbering {W}>
  <w:abstractNum w:abstractNumId="20">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="21">
    <w:numStyleLink w:val="BriefingList"/>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="22">
    <w:styleLink w:val="BriefingList"/>
    <w:lvl w:ilvl="0"><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="20">
    <w:abstractNumId w:val="20"/>
    <w:lvlOverride w:ilvl="1">
      <w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2."/></w:lvl>
    </w:lvlOverride>
    <w:lvlOverride w:ilvl="2"><w:startOverride w:val="4"/></w:lvlOverride>
  </w:num>
  <w:num w:numId="21"><w:abstractNumId w:val="21"/></w:num>
  <w:num w:numId="22"><w:abstractNumId w:val="22"/></w:num>
</w:numbering>
"""


def _add_numbering(document: Document) -> None:
    """Add abstract numberings 20-22 and instances 20-22 to the numbering part, in schema
    order (every w:abstractNum before the first w:num), plus the numbering style they link."""
    numbering = document.part.numbering_part.element
    additions = parse_xml(_NUMBERING_ADDITIONS)
    first_num = numbering.find(qn("w:num"))
    for abstract in additions.findall(qn("w:abstractNum")):
        first_num.addprevious(abstract)
    for num in additions.findall(qn("w:num")):
        numbering.append(num)
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="numbering" w:styleId="BriefingList">'
            '<w:name w:val="Briefing List"/>'
            '<w:pPr><w:numPr><w:numId w:val="22"/></w:numPr></w:pPr>'
            "</w:style>"
        )
    )


def test_list_level_and_format_resolution(tmp_path: Path) -> None:
    document = docx.Document()
    _add_numbering(document)
    _set_num_pr(document.add_paragraph("level 0"), num_id=20, ilvl=0)
    _set_num_pr(document.add_paragraph("level 1, overridden"), num_id=20, ilvl=1)
    _set_num_pr(document.add_paragraph("level 2, start override only"), num_id=20, ilvl=2)
    _set_num_pr(document.add_paragraph("no ilvl means level 0"), num_id=20, ilvl=None)
    _set_num_pr(document.add_paragraph("via numStyleLink"), num_id=21, ilvl=0)
    _set_num_pr(document.add_paragraph("numbering removed", style="List Bullet"), 0, None)
    _set_num_pr(document.add_paragraph("level only", style="List Bullet"), None, ilvl=1)
    custom = document.styles.add_style("Briefing Bullet", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["List Bullet 2"]
    document.add_paragraph("inherited through basedOn", style="Briefing Bullet")

    body = read_docx(_save(document, tmp_path))["body"]

    assert body == [
        {"paragraph": "level 0", "style": "Normal", "list": {"level": 0, "format": "decimal"}},
        {
            "paragraph": "level 1, overridden",
            "style": "Normal",
            "list": {"level": 1, "format": "upperRoman"},
        },
        {
            "paragraph": "level 2, start override only",
            "style": "Normal",
            "list": {"level": 2, "format": "lowerRoman"},
        },
        {
            "paragraph": "no ilvl means level 0",
            "style": "Normal",
            "list": {"level": 0, "format": "decimal"},
        },
        {
            "paragraph": "via numStyleLink",
            "style": "Normal",
            "list": {"level": 0, "format": "upperLetter"},
        },
        {"paragraph": "numbering removed", "style": "List Bullet"},
        # numId 1 comes from the style; its single-level list has no level 1, so no format.
        {"paragraph": "level only", "style": "List Bullet", "list": {"level": 1}},
        {
            "paragraph": "inherited through basedOn",
            "style": "Briefing Bullet",
            "list": {"level": 0, "format": "bullet"},
        },
    ]


# -- paragraph text --------------------------------------------------------------------------


def test_paragraph_text_includes_links_fields_and_controls_but_not_deletions_or_codes(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Source: ")
    _hyperlink(paragraph, "PEEL 2018/19")
    inline = [
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t> London</w:t></w:r></w:smartTag>',
        '<w:del w:id="1" w:author="a"><w:r><w:delText> DELETED</w:delText></w:r></w:del>',
        '<w:moveFrom w:id="2" w:author="a"><w:r><w:t> MOVED AWAY</w:t></w:r></w:moveFrom>',
        '<w:ins w:id="3" w:author="a"><w:r><w:t xml:space="preserve">, page </w:t></w:r></w:ins>',
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>',
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>12</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:sdt><w:sdtPr><w:alias w:val="Force"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:tab/><w:t>Met</w:t><w:br/><w:t>end</w:t></w:r></w:sdtContent>"
        "</w:sdt>",
    ]
    for xml in inline:
        _append(paragraph, xml)

    body = read_docx(_save(document, tmp_path))["body"]

    assert body == [
        {
            "paragraph": "Source: PEEL 2018/19 London, page 3 of 12\tMet\nend",
            "style": "Normal",
        }
    ]


def test_nested_field_in_a_field_code_is_not_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> IF </w:instrText>',
        '<w:fldChar w:fldCharType="begin"/>',
        "<w:instrText> MERGEFIELD grading </w:instrText>",
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>CODE RESULT</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
        '<w:instrText xml:space="preserve"> = "Good" "yes" "no" </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>yes</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        _append(paragraph, f"<w:r>{run}</w:r>")

    assert read_docx(_save(document, tmp_path))["body"] == [{"paragraph": "yes", "style": "Normal"}]


def test_block_level_content_control_is_read_through(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("before")
    inside = document.add_paragraph("inside control", style="List Bullet")
    sdt = parse_xml(f"<w:sdt {W}><w:sdtPr/></w:sdt>")
    content = parse_xml(f"<w:sdtContent {W}/>")
    inside._p.addprevious(sdt)
    sdt.append(content)
    content.append(inside._p)
    document.add_paragraph("after")

    assert read_docx(_save(document, tmp_path))["body"] == [
        {"paragraph": "before", "style": "Normal"},
        {
            "paragraph": "inside control",
            "style": "List Bullet",
            "list": {"level": 0, "format": "bullet"},
        },
        {"paragraph": "after", "style": "Normal"},
    ]


# -- tables ----------------------------------------------------------------------------------


def _add_tc_property(cell: _Cell, xml: str) -> None:
    """Add a property element to a cell's w:tcPr (shading goes after merge properties)."""
    cell._tc.get_or_add_tcPr().append(parse_xml(xml))


def test_table_header_row_merges_and_shading(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3, style="Table Grid")
    header = table.cell(0, 0).merge(table.cell(0, 1))
    header.text = "Pillar and element"
    table.cell(0, 2).text = "Grading"
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    pillar = table.cell(1, 0).merge(table.cell(3, 0))
    pillar.text = "Effectiveness"
    # python-docx writes a bare <w:vMerge/> for "continue"; spell one out as Word may.
    table.rows[2]._tr.tc_lst[0].tcPr.find(qn("w:vMerge")).set(qn("w:val"), "continue")
    table.cell(1, 1).text = "Investigating crime"
    table.cell(1, 2).text = "Requires improvement"
    _add_tc_property(table.cell(1, 2), f'<w:shd {W} w:val="clear" w:color="auto" w:fill="ffc000"/>')
    table.cell(2, 1).text = "Protecting vulnerable people"
    table.cell(2, 2).text = "Good"
    _add_tc_property(table.cell(2, 2), f'<w:shd {W} w:val="clear" w:color="auto" w:fill="auto"/>')
    table.cell(3, 1).text = "Tackling serious and organised crime"
    nested = table.cell(3, 2).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "nested"

    body = read_docx(_save(document, tmp_path))["body"]

    def cell(text: str, **extra: object) -> dict[str, object]:
        return {"paragraphs": [{"paragraph": text, "style": "Normal"}], **extra}

    assert body == [
        {
            "table": {
                "style": "Table Grid",
                "rows": [
                    {
                        "header": True,
                        "cells": [cell("Pillar and element", span=2), cell("Grading")],
                    },
                    {
                        "cells": [
                            cell("Effectiveness", vmerge="restart"),
                            cell("Investigating crime"),
                            cell("Requires improvement", shading="FFC000"),
                        ]
                    },
                    {
                        "cells": [
                            cell("", vmerge="continue"),
                            cell("Protecting vulnerable people"),
                            cell("Good"),
                        ]
                    },
                    {
                        "cells": [
                            cell("", vmerge="continue"),
                            cell("Tackling serious and organised crime"),
                            {
                                "paragraphs": [
                                    {"paragraph": "", "style": "Normal"},
                                    {
                                        "table": {
                                            "style": "Normal Table",
                                            "rows": [{"cells": [cell("nested")]}],
                                        }
                                    },
                                    {"paragraph": "", "style": "Normal"},
                                ]
                            },
                        ]
                    },
                ],
            }
        }
    ]


def test_header_row_switched_off_is_not_a_header(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {W} w:val="0"/>'))

    assert read_docx(_save(document, tmp_path))["body"] == [
        {
            "table": {
                "style": "Normal Table",
                "rows": [{"cells": [{"paragraphs": [{"paragraph": "", "style": "Normal"}]}]}],
            }
        }
    ]


# -- footnotes -------------------------------------------------------------------------------

_FOOTNOTES = f"""<w:footnotes {WR}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:id="1">
    <w:p>
      <w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
      <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>
      <w:r><w:t xml:space="preserve"> </w:t></w:r>
      <w:hyperlink r:id="rId1"><w:r><w:t>{URL}</w:t></w:r></w:hyperlink>
    </w:p>
  </w:footnote>
  <w:footnote w:id="2">
    <w:p><w:r><w:footnoteRef/></w:r>
      <w:r><w:t xml:space="preserve"> First paragraph.</w:t></w:r></w:p>
    <w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p>
  </w:footnote>
</w:footnotes>"""


def _add_footnotes_part(document: Document) -> None:
    """Relate a footnotes part to the document (python-docx has no footnotes API)."""
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        _FOOTNOTES.encode("utf-8"),
        document.part.package,
    )
    assert part.relate_to(URL, RT.HYPERLINK, is_external=True) == "rId1"
    document.part.relate_to(part, RT.FOOTNOTES)


def test_footnote_reference_and_footnote_text(tmp_path: Path) -> None:
    document = docx.Document()
    _add_footnotes_part(document)
    paragraph = document.add_paragraph(
        "On 27 September, HMICFRS published its PEEL assessment. Crime rose year on year:"
    )
    _append(
        paragraph,
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>',
    )
    _append(paragraph, '<w:r><w:t xml:space="preserve"> More.</w:t></w:r>')
    _append(paragraph, '<w:r><w:footnoteReference w:id="2"/></w:r>')

    data = read_docx(_save(document, tmp_path))

    assert data["body"] == [
        {
            "paragraph": "On 27 September, HMICFRS published its PEEL assessment. "
            "Crime rose year on year:[^1] More.[^2]",
            "style": "Normal",
        }
    ]
    assert data["footnotes"] == [
        {"id": 1, "text": URL},
        {"id": 2, "text": "First paragraph.\nSecond paragraph."},
    ]


def test_document_without_footnotes_part_has_no_footnotes(tmp_path: Path) -> None:
    assert read_docx(_save(docx.Document(), tmp_path))["footnotes"] == []


# -- sections and properties -----------------------------------------------------------------


def test_sections_in_order_with_landscape(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)
    document.add_paragraph("Portrait introduction")
    grid = document.add_section(WD_SECTION.NEW_PAGE)
    grid.orientation = WD_ORIENT.LANDSCAPE
    grid.page_width, grid.page_height = Mm(297), Mm(210)
    document.add_paragraph("Landscape grid")

    data = read_docx(_save(document, tmp_path))

    assert data["sections"] == [
        {"orientation": "portrait", "width_mm": 210, "height_mm": 297},
        {"orientation": "landscape", "width_mm": 297, "height_mm": 210},
    ]
    # The first section's w:sectPr sits in the last paragraph of that section; it adds no text.
    assert [block["paragraph"] for block in data["body"]] == [
        "Portrait introduction",
        "",
        "Landscape grid",
    ]


def test_default_template_page_is_us_letter(tmp_path: Path) -> None:
    sections = read_docx(_save(docx.Document(), tmp_path))["sections"]

    assert sections == [{"orientation": "portrait", "width_mm": 216, "height_mm": 279}]


def test_properties_title_and_language(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "PEEL briefing: Metropolitan Police Service"
    document.core_properties.language = "en-GB"

    assert read_docx(_save(document, tmp_path))["properties"] == {
        "title": "PEEL briefing: Metropolitan Police Service",
        "language": "en-GB",
    }


def test_language_falls_back_to_style_defaults_and_empty_title_is_left_out(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    (lang,) = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    lang.set(qn("w:val"), "cy-GB")

    assert read_docx(_save(document, tmp_path))["properties"] == {"language": "cy-GB"}


@pytest.mark.parametrize("as_path", [True, False])
def test_result_is_plain_yaml_data(tmp_path: Path, as_path: bool) -> None:
    document = docx.Document()
    _add_footnotes_part(document)
    document.add_paragraph("Bullet", style="List Bullet")
    document.add_table(rows=1, cols=2, style="Table Grid").cell(0, 0).merge(
        document.tables[0].cell(0, 1)
    )
    path = _save(document, tmp_path)

    data = read_docx(path if as_path else str(path))

    assert yaml.safe_load(yaml.safe_dump(data)) == data
    assert list(data) == ["properties", "sections", "body", "footnotes"]
