"""End to end: the briefing as a committee appendix and inside an officer's cover report."""

from __future__ import annotations

import subprocess

import pytest

from briefgen.cli import main
from briefgen.docx_content import read_docx
from briefgen.pdf import convert

from ..helpers import MET, PAPER, SEED_CAPTION, cover_report, list_paragraphs, require_tool


def test_committee_appendix_from_the_command_line(tmp_path):
    out = tmp_path / "appendix.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(out), *PAPER]) == 0
    content = read_docx(out)
    assert content["sections"] == [
        {
            "orientation": "landscape",
            "width_mm": 297,
            "height_mm": 210,
            "header": ["Appendix 2\tPolice and Crime Committee"],
            "footer": ["Meeting of 16 October 2019 · Agenda item 6\tPage 1 of 1"],
        }
    ]
    heading = content["body"][0]
    assert heading == {"paragraph": "Appendix 2: " + SEED_CAPTION, "style": "Heading 1"}
    assert content["properties"]["title"] == "Appendix 2: " + SEED_CAPTION
    assert len(list_paragraphs(content)) == 66


def test_paper_section_of_the_input_and_the_command_line_overriding_it(met_copy, tmp_path):
    with (met_copy / "assessment.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "paper:\n  committee: Police and Crime Panel\n  meeting_date: 2019-11-05\n"
            "  appendix: B\n  agenda_item: 7\n"
        )
    out = tmp_path / "appendix.docx"
    assert main(["build", str(met_copy), "-t", "committee-appendix", "-o", str(out)]) == 0
    section = read_docx(out)["sections"][0]
    assert section["header"] == ["Appendix B\tPolice and Crime Panel"]
    assert section["footer"] == ["Meeting of 5 November 2019 · Agenda item 7\tPage 1 of 1"]
    assert (
        main(
            [
                "build",
                str(met_copy),
                "-t",
                "committee-appendix",
                "-o",
                str(out),
                "--appendix",
                "C",
                "--meeting-date",
                "2019-12-03",
            ]
        )
        == 0
    )
    section = read_docx(out)["sections"][0]
    assert section["header"] == ["Appendix C\tPolice and Crime Panel"]
    assert section["footer"] == ["Meeting of 3 December 2019 · Agenda item 7\tPage 1 of 1"]


def test_appendix_without_paper_details_leaves_them_out(tmp_path):
    out = tmp_path / "appendix.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(out)]) == 0
    content = read_docx(out)
    assert content["sections"][0]["header"] == []
    assert content["sections"][0]["footer"] == ["\tPage 1 of 1"]
    assert content["body"][0]["paragraph"] == SEED_CAPTION


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
    assert (
        "assessment.yaml:31:3: paper.comittee: unknown key 'comittee'; did you mean "
        "'committee'?" in err
    )


# --- a briefing inside a cover report ------------------------------------------------------


# --- PDF: one LibreOffice run for many documents; appendix and cover convert ----------------


def test_appendix_and_cover_report_convert_with_bullets_intact(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    require_tool("pdftotext", "poppler-utils")
    appendix, paper = tmp_path / "appendix.docx", tmp_path / "paper.docx"
    assert main(["build", str(MET), "-t", "committee-appendix", "-o", str(appendix), *PAPER]) == 0
    cover = cover_report(tmp_path / "cover.docx")
    assert main(["build", str(MET), "--into", str(cover), "-o", str(paper), *PAPER]) == 0
    for pdf, bullets in zip(convert([appendix, paper], tmp_path), (66, 80), strict=False):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        # LibreOffice drew a bullet (or dash, for the nested level) before every list item.
        marks = sum(
            1 for line in text.splitlines() if line.lstrip().startswith(("•", "", "–", "◦", "▪"))
        )
        assert marks >= bullets, pdf.name
        if pdf.stem == "appendix":
            assert all("Appendix 2" in page and "Agenda item 6" in page for page in pages)
            assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
        else:
            assert "Background papers" in pages[-1]
            assert "PEEL assessment of the Met" in text


def test_an_appendix_without_its_paper_details_is_a_located_warning(
    met_copy, tmp_path, capsys, monkeypatch
):
    """Without --committee, --meeting-date and --appendix (nor a paper: section) the header
    is empty and the title the grid's: a warning at the input, naming what fills them; with
    --strict, nothing is written. A paper: section with the committee alone is pointed at."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "appendix.docx"
    args = ["build", "metropolitan-2018-19", "-t", "committee-appendix", "-o", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().err == (
        "metropolitan-2018-19/assessment.yaml:3:1: warning: the committee-appendix template "
        "shows the committee, the meeting date and the appendix number, which are not given, "
        "so its header and title are left without them; give them with --committee, "
        "--meeting-date and --appendix, or in this file under paper: (committee:, "
        "meeting_date:, appendix:)\n"
    )
    out.unlink()
    assert main([*args, "--strict"]) == 1 and not out.exists()
    assert "--meeting-date" in capsys.readouterr().err
    head = met_copy / "assessment.yaml"
    lines = head.read_text("utf-8").splitlines()
    head.write_text(
        "\n".join([*lines, "paper:", "  committee: Police and Crime Committee", ""]), "utf-8"
    )
    assert main(args) == 0
    assert capsys.readouterr().err == (
        f"metropolitan-2018-19/assessment.yaml:{len(lines) + 1}:1: warning: the "
        "committee-appendix template shows the meeting date and the appendix number, which are "
        "not given, so its header and title are left without them; give them with "
        "--meeting-date and --appendix, or in this file under paper: (meeting_date:, "
        "appendix:)\n"
    )
    assert main([*args, "--meeting-date", "2019-10-16", "--appendix", "2", "--strict"]) == 0
    assert capsys.readouterr().err == ""
