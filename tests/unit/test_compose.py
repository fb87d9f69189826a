"""A briefing inside an officer's own cover report (build --into)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Inches

from briefgen.cli import main
from briefgen.docx_content import read_docx
from briefgen.render import render_bytes
from briefgen.templates import builtin_templates

from ..helpers import (
    MET,
    PAPER,
    SEED_CAPTION,
    cover_report,
    font_file,
    list_paragraphs,
    save_with_libreoffice,
    text_width_pt,
    the_grid,
)
from ..ooxml_schema import schema_problems


def test_briefing_inserted_into_a_cover_report(tmp_path):
    cover = cover_report(tmp_path / "cover.docx")
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out), *PAPER]) == 0
    content = read_docx(out)
    texts = [b.get("paragraph") for b in content["body"]]
    assert texts[:3] == [
        "Subject: HMICFRS PEEL assessment of the Metropolitan Police",
        "The committee is asked to note:",
        "the report",
    ]
    assert texts[3] == "PEEL 2018/19: Metropolitan Police Service"
    assert "{{p briefing }}" not in texts
    assert texts[-2:] == ["Background papers", "None."]
    caption, table = the_grid(content)
    assert caption == SEED_CAPTION
    assert len(table["rows"]) == 14
    # The cover's page setup and header throughout; the grid's pages stay landscape.
    assert [(s["orientation"], s["width_mm"], s["header"]) for s in content["sections"]] == [
        ("portrait", 210, ["London Assembly – Police and Crime Committee"]),
        ("landscape", 297, ["London Assembly – Police and Crime Committee"]),
        ("portrait", 210, ["London Assembly – Police and Crime Committee"]),
    ]
    # Footnotes and list numbering come along: every bullet is still a real Word list item.
    assert [f["id"] for f in content["footnotes"]] == [1, 2]
    assert content["footnotes"][0]["text"].endswith(
        ", https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/metropolitan/"
    )
    bullets = list_paragraphs(content)
    assert len(bullets) == 1 + 3 + 10 + 66  # the cover's own, the aims, the themes, the grid
    assert {(p["list"]["level"], p["list"]["format"]) for p in bullets} == {
        (0, "bullet"),
        (1, "bullet"),
    }
    # The grid fits the cover's narrower margins (29.7 cm less 2 × 2.54 cm).
    assert _grid_width_cm(out) <= 29.7 - 2 * 2.54 + 0.01


def _grid_width_cm(path: Path) -> float:
    doc = Document(str(path))
    table = [t for t in doc.tables if len(t.columns) == 5][0]  # the grid, with its change column
    return (
        sum(
            int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for c in table._tbl.tblGrid.gridCol_lst
        )
        / 1440
        * 2.54
    )


def test_cover_without_the_tag_is_a_clear_error(tmp_path, capsys):
    cover = tmp_path / "cover.docx"
    Document().save(cover)
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"{cover}: has no {{{{p briefing }}}} tag: type it, alone in its own paragraph, where "
        "the briefing should go\n"
    )
    assert not out.exists()
    assert main(["build", str(MET), "--into", str(tmp_path / "none.docx"), "-o", str(out)]) == 1
    assert "none.docx: no such cover document" in capsys.readouterr().err


def test_cover_report_rebuilds_byte_identical(tmp_path):
    cover = cover_report(tmp_path / "cover.docx")
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    assert out.read_bytes() == first


def test_cover_saved_by_libreoffice(tmp_path):
    """A cover LibreOffice wrote has none of Word's list styles: the briefing brings its own."""
    made = cover_report(tmp_path / "made.docx")
    saved = save_with_libreoffice(made, tmp_path / "saved")
    cover = tmp_path / "Cover report (LibreOffice).docx"
    saved.rename(cover)
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    assert schema_problems(out.read_bytes()) == []  # every part valid ECMA-376
    content = read_docx(out)
    bullets = list_paragraphs(content)
    assert len(bullets) >= 3 + 10 + 66
    grid = [p for p in bullets if p["style"] in ("List Bullet", "List Bullet 2")]
    assert {(p["style"], p["list"]["level"], p["list"]["format"]) for p in grid} == {
        ("List Bullet", 0, "bullet"),
        ("List Bullet 2", 1, "bullet"),
    }


@pytest.mark.parametrize(
    ("paper", "size"), [("Letter", (Inches(8.5), Inches(11))), ("A4", (Cm(21), Cm(29.7)))]
)
def test_into_a_cover_keeps_the_briefing_s_quality(tmp_path, met_assessment, paper, size):
    """The grading column never narrower than its longest word at the grid's font, so
    "Requires improvement" and "Outstanding" are never broken mid-word; the inserted briefing
    keeps its language (en-GB) where the cover's properties name none."""
    cover = Document()
    section = cover.sections[0]
    section.page_width, section.page_height = size
    cover.add_paragraph("{{p briefing }}")
    cover.save(tmp_path / "cover.docx")
    out = tmp_path / "paper.docx"
    out.write_bytes(
        render_bytes(met_assessment, builtin_templates()["briefing"], into=tmp_path / "cover.docx")
    )
    document = Document(str(out))
    grid = [t for t in document.tables if len(t.columns) == 5][0]
    grading = int(grid._tbl.tblGrid.gridCol_lst[1].get(qn("w:w"))) / 20  # in points
    margins = 2 * 85 / 20  # the Briefing Grid style's cell margins, left and right
    font = font_file("Arial")  # the grid's font (Liberation Sans has Arial's metrics)
    labels = [g.label for g in met_assessment.framework.scale] + ["Ungraded"]
    longest = max(text_width_pt(word, 10, font) for label in labels for word in label.split())
    assert longest == pytest.approx(text_width_pt("improvement", 10, font))
    assert grading - margins >= longest, (paper, grading)
    # Every run of the briefing says en-GB (the cover's own default is en-US).
    body = document.element.body
    start = next(
        i
        for i, p in enumerate(body.iter(qn("w:p")))
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).startswith("PEEL 2018/19")
    )
    runs = [
        r
        for p in list(body.iter(qn("w:p")))[start:]
        for r in p.iter(qn("w:r"))
        if r.find(qn("w:t")) is not None
    ]
    assert runs and {r.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) for r in runs} == {
        "en-GB"
    }
