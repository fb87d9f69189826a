"""The built-in cover report: copied, made the officer's own, and the briefing built into it
(build --into); shown by templates list as a cover, and refused as a template with the way to
use it."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from briefgen.cli import main
from briefgen.docx_content import show
from briefgen.docx_package import package_problem
from briefgen.template_check import check_template
from briefgen.templates import builtin_covers, builtin_templates

from ..helpers import MET, PAPER
from ..unit.test_ooxml_order import problems_in

COVER = builtin_covers()["cover-report"]


def test_the_cover_is_sound_and_not_among_the_templates():
    assert list(builtin_covers()) == ["cover-report"]
    assert "cover-report" not in builtin_templates()
    assert check_template(COVER) == []
    assert problems_in(COVER.read_bytes()) == []
    assert package_problem(COVER) is None


def test_it_is_written_in_12_pt_arial_as_a_council_s_reports_are():
    defaults = docx.Document(str(COVER)).styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert run.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert run.find(qn("w:sz")).get(qn("w:val")) == "24"


def test_copy_the_cover_and_build_the_briefing_into_it(tmp_path, capsys):
    mine = tmp_path / "my-cover.docx"
    assert main(["templates", "copy", "cover-report", str(mine)]) == 0
    assert mine.read_bytes() == COVER.read_bytes()
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", str(mine), "-o", str(out), *PAPER]) == 0
    content = show(out)
    sections = content["sections"]
    assert [s["orientation"] for s in sections] == ["portrait", "landscape", "portrait"]
    for section in sections:  # every page says what it is for, and is numbered
        assert section["header"] == ["Police and Crime Committee · Agenda item 6"]
        assert section["footer"] == ["Page 1 of 1"]  # the PAGE and NUMPAGES fields, unupdated
    text = [block.get("paragraph") for block in content["body"]]
    assert text[:7] == [
        "HMICFRS PEEL 2018/19 assessment of the Metropolitan Police Service",
        "Report to: Police and Crime Committee",
        "Date of meeting: 16 October 2019",
        "Agenda item: 6",
        "Report by: [your name and job title]",
        "Classification: Public",
        "1. Purpose",
    ]
    purpose, recommendation = text.index("1. Purpose"), text.index("2. Recommendation")
    assert text[purpose + 1].startswith("1.1 This report presents the PEEL assessment")
    assert text[recommendation + 1].startswith(
        "2.1 That the Committee notes the findings of HMICFRS's PEEL 2018/19 assessment"
    )
    # The briefing stands where the cover said {{p briefing }}: after 3, before 4.
    briefing = text.index("PEEL 2018/19: Metropolitan Police Service")
    grid = next(i for i, block in enumerate(content["body"]) if "table" in block)
    assert text.index("3. The assessment") < briefing < grid < text.index("4. Contact")
    assert "{{" not in str(content)


def test_the_cover_by_name_and_where_a_template_is_wanted(tmp_path, capsys):
    out = tmp_path / "paper.docx"
    assert main(["build", str(MET), "--into", "cover-report", "-o", str(out)]) == 0
    assert show(out)["body"][0]["paragraph"].startswith("HMICFRS PEEL 2018/19 assessment")
    capsys.readouterr()
    assert main(["build", str(MET), "-t", "cover-report", "-o", str(tmp_path / "x.docx")]) == 1
    assert capsys.readouterr().err == (
        "cover-report: is a cover report, not a template: put the briefing into it with --into "
        "cover-report, or into your own copy of it (briefgen templates copy cover-report "
        "my-cover.docx)\n"
    )
    assert not (tmp_path / "x.docx").exists()
    assert main(["templates", "check", "cover-report"]) == 0
    assert capsys.readouterr().out.endswith("cover-report.docx: ok\n")
