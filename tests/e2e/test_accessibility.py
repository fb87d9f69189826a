"""Accessible output (PSBAR 2018, WCAG 2.2 AA), checked on every built-in template."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from briefgen import frameworks
from briefgen.docx_content import read_docx
from briefgen.frameworks import load_framework
from briefgen.templates import builtin_templates

TEMPLATES = sorted(builtin_templates())


def luminance(hex_colour: str) -> float:
    """WCAG 2.2 relative luminance of an RRGGBB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("key", sorted(frameworks.available()))
def test_every_grading_shade_keeps_black_text_readable(key):
    framework = load_framework(frameworks.available()[key])
    for grade in (*framework.scale, framework.ungraded):
        assert contrast("1A1A1A", grade.shade) >= 4.5, grade


def text_colour(run, paragraph, document) -> str:
    """The colour a run's text is shown in: its own, else its paragraph style's chain."""
    if run.font.color is not None and run.font.color.rgb is not None:
        return str(run.font.color.rgb)
    style = paragraph.style
    while style is not None:
        if style.font.color is not None and style.font.color.rgb is not None:
            return str(style.font.color.rgb)
        style = style.base_style
    return "000000"


@pytest.mark.parametrize("template", TEMPLATES)
def test_text_on_every_shaded_cell_has_contrast(built, template):
    document = docx.Document(built[template])
    checked = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
                fill = shd.get(qn("w:fill")) if shd is not None else None
                if not fill or fill == "auto":
                    continue
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip():
                            ratio = contrast(text_colour(run, paragraph, document), fill)
                            assert ratio >= 4.5, (run.text, fill, ratio)
                            checked += 1
    assert checked >= 4 + 3 + 10  # header cells, pillar rows, grading cells


@pytest.mark.parametrize("template", TEMPLATES)
def test_structure_for_screen_readers(built, template, met_assessment):
    content = read_docx(built[template])
    assert content["properties"]["title"]
    assert content["properties"]["language"] == "en-GB"
    headings = [b for b in content["body"] if b.get("style", "").startswith("Heading")]
    assert headings, "a document navigable by headings"
    tables = [b["table"] for b in content["body"] if "table" in b]
    assert tables and all(t["rows"][0].get("header") for t in tables)
    # Grading is never shown by colour alone: every cell shaded as a grading says its grading.
    framework = met_assessment.framework
    grades = {g.shade: g.label for g in (*framework.scale, framework.ungraded)}
    said = [
        (grades[cell["shading"]], cell["paragraphs"][0]["paragraph"])
        for row in tables[0]["rows"][1:]
        for cell in row["cells"]
        if cell.get("shading") in grades
    ]
    assert len(said) >= 10 and all(text == label for label, text in said), said
    document = docx.Document(built[template])
    captions = document.tables[0]._tbl.tblPr.findall(qn("w:tblCaption"))
    assert captions and captions[0].get(qn("w:val")).startswith("HMICFRS PEEL assessment")
