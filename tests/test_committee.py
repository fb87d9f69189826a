"""End to end: the briefing as a committee appendix and inside an officer's cover report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from briefgen.cli import main
from briefgen.docx_content import read_docx
from briefgen.pdf import convert_to_pdf

from .conftest import MET, require_tool
from .test_briefing import SEED_GRID, the_grid

PAPER = ["--committee", "Police and Crime Committee", "--meeting-date", "2019-10-16",
         "--appendix", "2", "--agenda-item", "6"]


def list_paragraphs(content: dict) -> list[dict]:
    """Every list paragraph of the body, in tables or not."""
    found = []
    for block in content["body"]:
        if "list" in block:
            found.append(block)
        for row in block.get("table", {}).get("rows", []):
            found.extend(p for cell in row["cells"] for p in cell["paragraphs"] if "list" in p)
    return found


def test_committee_appendix_from_the_command_line(tmp_path):
    out = tmp_path / "appendix.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(out), *PAPER]) == 0
    content = read_docx(out)
    assert content["sections"] == [{
        "orientation": "landscape", "width_mm": 297, "height_mm": 210,
        "header": ["Appendix 2\tPolice and Crime Committee"],
        "footer": ["Meeting of 16 October 2019 · Agenda item 6\tPage 1 of 1"],
    }]
    heading = content["body"][0]
    assert heading == {"paragraph": "Appendix 2: " + SEED_GRID["caption"], "style": "Heading 1"}
    assert content["properties"]["title"] == "Appendix 2: " + SEED_GRID["caption"]
    assert len(list_paragraphs(content)) == 66


def test_paper_section_of_the_input_and_the_command_line_overriding_it(met_copy, tmp_path):
    with (met_copy / "assessment.yaml").open("a", encoding="utf-8") as f:
        f.write("paper:\n  committee: Police and Crime Panel\n  meeting_date: 2019-11-05\n"
                "  appendix: B\n  agenda_item: 7\n")
    out = tmp_path / "appendix.docx"
    assert main(["build", str(met_copy), "-t", "committee-appendix", "-o", str(out)]) == 0
    section = read_docx(out)["sections"][0]
    assert section["header"] == ["Appendix B\tPolice and Crime Panel"]
    assert section["footer"] == ["Meeting of 5 November 2019 · Agenda item 7\tPage 1 of 1"]
    assert main(["build", str(met_copy), "-t", "committee-appendix", "-o", str(out),
                 "--appendix", "C", "--meeting-date", "2019-12-03"]) == 0
    section = read_docx(out)["sections"][0]
    assert section["header"] == ["Appendix C\tPolice and Crime Panel"]
    assert section["footer"] == ["Meeting of 3 December 2019 · Agenda item 7\tPage 1 of 1"]


def test_appendix_without_paper_details_leaves_them_out(tmp_path):
    out = tmp_path / "appendix.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(out)]) == 0
    content = read_docx(out)
    assert content["sections"][0]["header"] == []
    assert content["sections"][0]["footer"] == ["\tPage 1 of 1"]
    assert content["body"][0]["paragraph"] == SEED_GRID["caption"]


def test_bad_meeting_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["build", str(MET), "--meeting-date", "16/10/2019"])
    assert exited.value.code == 2
    assert "'16/10/2019' is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_bad_paper_section_is_located(met_copy, capsys):
    with (met_copy / "assessment.yaml").open("a", encoding="utf-8") as f:
        f.write("paper:\n  meeting_date: 2019-02-30\n  comittee: x\n")
    assert main(["validate", str(met_copy)]) == 1
    err = capsys.readouterr().err
    assert "assessment.yaml:30:17: paper.meeting_date:" in err
    assert "assessment.yaml:31:3: paper.comittee: unknown key 'comittee'; did you mean " \
           "'committee'?" in err


# --- a briefing inside a cover report ------------------------------------------------------

def cover_report(path: Path) -> Path:
    """An officer's cover report as python-docx's default template makes it (portrait A4)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.54)
    section.header.paragraphs[0].text = "London Assembly – {{ paper.committee }}"
    doc.add_heading("Subject: HMICFRS PEEL assessment of {{ force.short_name }}", 1)
    doc.add_paragraph("The committee is asked to note:")
    doc.add_paragraph("the report", style="List Bullet")
    doc.add_paragraph("{{p briefing }}")
    doc.add_heading("Background papers", 2)
    doc.add_paragraph("None.")
    doc.save(path)
    return path


def test_briefing_inserted_into_a_cover_report(tmp_path):
    cover = cover_report(tmp_path / "cover.docx")
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out), *PAPER]) == 0
    content = read_docx(out)
    texts = [b.get("paragraph") for b in content["body"]]
    assert texts[:3] == ["Subject: HMICFRS PEEL assessment of the Metropolitan Police",
                         "The committee is asked to note:", "the report"]
    assert texts[3] == "PEEL 2018/19: Metropolitan Police Service"
    assert "{{p briefing }}" not in texts
    assert texts[-2:] == ["Background papers", "None."]
    caption, table = the_grid(content)
    assert caption == SEED_GRID["caption"]
    assert len(table["rows"]) == 14
    # The cover's page setup and header throughout; the grid's pages stay landscape.
    assert [(s["orientation"], s["width_mm"], s["header"]) for s in content["sections"]] == [
        ("portrait", 210, ["London Assembly – Police and Crime Committee"]),
        ("landscape", 297, ["London Assembly – Police and Crime Committee"]),
        ("portrait", 210, ["London Assembly – Police and Crime Committee"]),
    ]
    # Footnotes and list numbering come along: every bullet is still a real Word list item.
    assert [f["id"] for f in content["footnotes"]] == [1, 2]
    assert content["footnotes"][0]["text"] == (
        "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/metropolitan/")
    bullets = list_paragraphs(content)
    assert len(bullets) == 1 + 3 + 10 + 66  # the cover's own, the aims, the themes, the grid
    assert {(p["list"]["level"], p["list"]["format"]) for p in bullets} == {
        (0, "bullet"), (1, "bullet")}
    # The grid fits the cover's narrower margins (29.7 cm less 2 × 2.54 cm).
    assert _grid_width_cm(out) <= 29.7 - 2 * 2.54 + 0.01


def _grid_width_cm(path: Path) -> float:
    doc = Document(str(path))
    table = [t for t in doc.tables if len(t.columns) == 5][0]  # the grid, with its change column
    return sum(int(c.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        for c in table._tbl.tblGrid.gridCol_lst) / 1440 * 2.54


def test_cover_without_the_tag_is_a_clear_error(tmp_path, capsys):
    cover = tmp_path / "cover.docx"
    Document().save(cover)
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"{cover}: has no {{{{p briefing }}}} tag: type it, alone in its own paragraph, where "
        "the briefing should go\n")
    assert not out.exists()
    assert main(["build", str(MET), "--into", str(tmp_path / "none.docx"), "-o", str(out)]) == 1
    assert "none.docx: no such cover document" in capsys.readouterr().err


def test_several_inputs_build_into_outputs(met_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert main(["build", str(MET), str(other), "-t", "summary-grid"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "outputs/metropolitan-2018-19-summary-grid.docx",
        "outputs/metropolitan-copy-summary-grid.docx"]
    assert main(["build", str(MET), str(other), "-o", "x.docx"]) == 2
    assert "-o/--output names one file" in capsys.readouterr().err
    assert main(["build", str(MET), str(MET)]) == 2
    assert "two inputs would both be written to outputs/metropolitan-2018-19-briefing.docx" \
        in capsys.readouterr().err


def test_several_inputs_checked_before_anything_is_written(met_copy, tmp_path, monkeypatch,
                                                           capsys):
    monkeypatch.chdir(tmp_path)
    (met_copy / "elements" / "armed-response.yaml").unlink()
    assert main(["build", str(MET), str(met_copy)]) == 1
    assert "armed-response" in capsys.readouterr().err
    assert not (tmp_path / "outputs" / "metropolitan-2018-19-briefing.docx").exists()


# --- PDF: one LibreOffice run for many documents; appendix and cover convert ----------------

def test_many_inputs_convert_in_one_libreoffice_run(met_copy, tmp_path, monkeypatch):
    require_tool("soffice", "libreoffice-writer-nogui")
    runs = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        runs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr("briefgen.pdf.subprocess.run", counting_run)
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert main(["build", str(MET), str(other), "-t", "committee-appendix", "--pdf",
                 *PAPER]) == 0
    assert len(runs) == 1
    for name in ("metropolitan-2018-19", "metropolitan-copy"):
        assert (tmp_path / "outputs" / f"{name}-committee-appendix.pdf").read_bytes()[:5] \
            == b"%PDF-"


def test_appendix_and_cover_report_convert_with_bullets_intact(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    require_tool("pdftotext", "poppler-utils")
    appendix, paper = tmp_path / "appendix.docx", tmp_path / "paper.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(appendix),
                 *PAPER]) == 0
    cover = cover_report(tmp_path / "cover.docx")
    assert main(["build", str(MET), "--into", str(cover), "-o", str(paper), *PAPER]) == 0
    for pdf, bullets in zip(convert_to_pdf([appendix, paper], tmp_path), (66, 80)):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        # LibreOffice drew a bullet (or dash, for the nested level) before every list item.
        marks = sum(1 for line in text.splitlines()
                    if line.lstrip().startswith(("•", "", "–", "◦", "▪")))
        assert marks >= bullets, pdf.name
        if pdf.stem == "appendix":
            assert all("Appendix 2" in page and "Agenda item 6" in page for page in pages)
            assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
        else:
            assert "Background papers" in pages[-1]
            assert "PEEL assessment of the Met" in text


def test_cover_report_rebuilds_byte_identical(tmp_path):
    cover = cover_report(tmp_path / "cover.docx")
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    assert out.read_bytes() == first


def test_cover_saved_by_libreoffice(tmp_path):
    """A cover LibreOffice wrote has none of Word's list styles: the briefing brings its own."""
    require_tool("soffice", "libreoffice-writer-nogui")
    made = cover_report(tmp_path / "made.docx")
    saved = tmp_path / "saved"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(saved), str(made)], check=True, capture_output=True, timeout=300)
    cover = tmp_path / "Cover report (LibreOffice).docx"
    (saved / "made.docx").rename(cover)
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(cover), "-o", str(out)]) == 0
    content = read_docx(out)
    bullets = list_paragraphs(content)
    assert len(bullets) >= 3 + 10 + 66
    grid = [p for p in bullets if p["style"] in ("List Bullet", "List Bullet 2")]
    assert {(p["style"], p["list"]["level"], p["list"]["format"]) for p in grid} == {
        ("List Bullet", 0, "bullet"), ("List Bullet 2", 1, "bullet")}
