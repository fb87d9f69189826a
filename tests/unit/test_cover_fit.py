"""cover_fit.py: a briefing made to sit in an officer's cover report: its headings under the
cover's, its captions and headings kept with what follows, no blank page before a section
break, its text legible in the cover's colours, its language said (WCAG 2.1 for contrast)."""

from __future__ import annotations

import re

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import RGBColor

from briefgen.cover_fit import (
    LEAST_CONTRAST,
    contrast,
    darkened,
    fit_to_cover,
    heading_level_at_tag,
    set_language,
)

from ..helpers import cover_report

TAG = re.compile(r"[{][{]-?\s*p\s+briefing\s*-?[}][}]")


def styles_of(document) -> list[str]:
    return [p.style.style_id for p in document.paragraphs]


def test_the_level_of_the_heading_above_the_tag(tmp_path):
    cover = docx.Document(str(cover_report(tmp_path / "cover.docx")))
    assert heading_level_at_tag(cover, TAG) == 1  # under "Subject: …", a Heading 1
    deeper = docx.Document()
    deeper.add_heading("2. Background", 1)
    deeper.add_heading("2.1 The inspection", 2)
    deeper.add_paragraph("{{p briefing }}")
    assert heading_level_at_tag(deeper, TAG) == 2
    assert heading_level_at_tag(docx.Document(), TAG) == 0


def briefing_document():
    briefing = docx.Document()
    briefing.add_heading("Metropolitan Police Service", 1)
    briefing.add_paragraph("Table 1: PEEL gradings", style="Caption")
    briefing.add_heading("Emerging themes", 2)
    grey = briefing.add_paragraph().add_run("Pale text on white")
    grey.font.color.rgb = RGBColor(0xCC, 0xCC, 0xCC)
    dark = briefing.add_paragraph().add_run("Dark text")
    dark.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
    briefing.add_paragraph("")
    briefing.add_paragraph("")
    briefing.add_section(WD_SECTION.NEW_PAGE)  # the break after two empty paragraphs
    briefing.add_paragraph("Next section")
    return briefing


def test_the_briefing_is_fitted_under_the_covers_heading(tmp_path):
    cover = docx.Document(str(cover_report(tmp_path / "cover.docx")))
    briefing = briefing_document()
    fit_to_cover(briefing, cover, under=1, language="en-GB")
    body = briefing.element.body
    assert [s for s in styles_of(briefing) if s.startswith("Heading")] == ["Heading2", "Heading3"]
    for paragraph in body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) in ("Heading2", "Heading3", "Caption"):
            assert paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    texts = [p.text for p in briefing.paragraphs]
    assert "" not in texts  # no empty paragraph before the break: no blank page
    assert texts[-2:] == ["Dark text", "Next section"]
    colours = {
        r.text: r.font.color.rgb for p in briefing.paragraphs for r in p.runs if r.font.color.rgb
    }
    assert contrast(str(colours["Pale text on white"]), "FFFFFF") >= LEAST_CONTRAST
    assert str(colours["Dark text"]) == "1F1F1F"  # legible already: left as it is
    languages = {lang.get(qn("w:val")) for lang in body.iter(qn("w:lang"))}
    assert languages == {"en-GB"}
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:lang')}") is not None for r in body.iter(qn("w:r")))


def test_headings_already_below_the_cover_are_left_where_they_are(tmp_path):
    cover = docx.Document(str(cover_report(tmp_path / "cover.docx")))
    briefing = briefing_document()
    fit_to_cover(briefing, cover, under=0, language="en-GB")
    assert [s for s in styles_of(briefing) if s.startswith("Heading")] == ["Heading1", "Heading2"]


def test_the_documents_language_is_its_default_and_its_properties():
    document = docx.Document()
    set_language(document, "cy-GB")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "cy-GB"
    assert document.core_properties.language == "cy-GB"
    set_language(document, "en-GB")  # set again: replaced, not added
    assert len(list(defaults.iter(qn("w:lang")))) == 1
    assert document.core_properties.language == "en-GB"


@pytest.mark.parametrize(
    "one, other, ratio",
    [("000000", "FFFFFF", 21.0), ("FFFFFF", "FFFFFF", 1.0), ("767676", "FFFFFF", 4.54)],
)
def test_contrast_is_wcags_ratio(one, other, ratio):
    assert contrast(one, other) == pytest.approx(ratio, abs=0.01)
    assert contrast(other, one) == contrast(one, other)


def test_a_colour_is_darkened_only_as_far_as_it_must_keeping_its_hue():
    shown = darkened("FF8000", "FFFFFF")  # orange on white: 2.0:1
    assert contrast(shown, "FFFFFF") >= LEAST_CONTRAST
    red, green, blue = (int(shown[i : i + 2], 16) for i in (0, 2, 4))
    assert blue == 0 and 0.49 < green / red < 0.51  # still orange
    lighter = f"{min(red + 3, 255):02X}{min(green + 2, 255):02X}00"
    assert contrast(lighter, "FFFFFF") < LEAST_CONTRAST  # a step lighter falls short
    assert darkened("FFFFFF", "000000") == "FFFFFF"  # white on black shows already
    assert contrast("000000", "595959") < LEAST_CONTRAST
    assert darkened("FF8000", "595959") == "000000"  # nothing shows on it: the darkest
