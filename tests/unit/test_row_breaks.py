"""Grid rows that break well across pages: kept whole, or split with a labelled continuation."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from briefgen.render import render_bytes
from briefgen.row_breaks import keep_rows_whole
from briefgen.templates import builtin_templates

from ..draft_reports import to_pdfs
from ..helpers import MET, MET_2016, load_assessment, require_tool


def table_document(bullets: int) -> docx.document.Document:
    """A landscape A4 page with a two-row table: a header, then a "can't split" row named
    "Armed response", graded in a shaded cell, with ``bullets`` long bullets beside it."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"  # measured with Liberation Sans's metrics
    section = document.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    table = document.add_table(rows=2, cols=3)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    table.rows[1]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for cell, text in zip(table.rows[0].cells, ("Element", "Grading", "Comments"), strict=False):
        cell.text = text
    name, grading, comments = table.rows[1].cells
    name.text = "Armed response"
    grading.text = "Good"
    grading._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="C6E0B4"/>')
    )
    comments.paragraphs[0].text = "n/a" if not bullets else ""
    for number in range(bullets):
        comments.add_paragraph(
            f"Finding {number}: " + "the force does a great deal. " * 6, style="List Bullet"
        )
    return document


def rows_of(document) -> list[list[str]]:
    table = document.element.body.find(qn("w:tbl"))
    return [
        [
            "\n".join(
                "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.findall(qn("w:p"))
            )
            for cell in row.findall(qn("w:tc"))
        ]
        for row in table.findall(qn("w:tr"))
    ]


def test_a_row_that_fits_on_a_page_is_left_whole():
    document = table_document(bullets=4)
    before = rows_of(document)
    keep_rows_whole(document)
    assert rows_of(document) == before


def test_a_row_longer_than_a_page_continues_under_its_name_and_grading():
    document = table_document(bullets=40)
    keep_rows_whole(document)
    header, first, *continuations = rows_of(document)
    assert header == ["Element", "Grading", "Comments"]
    assert first[:2] == ["Armed response", "Good"]
    assert continuations and all(
        row[:2] == ["Armed response (continued)", "Good"] for row in continuations
    )
    findings = [
        line.split(":")[0] for row in (first, *continuations) for line in row[2].split("\n") if line
    ]
    assert findings == [f"Finding {n}" for n in range(40)]  # every bullet, once, in order
    table = document.element.body.find(qn("w:tbl"))
    for row in table.findall(qn("w:tr"))[1:]:
        assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        assert (
            row.findall(qn("w:tc"))[1].find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
            == "C6E0B4"
        )  # the continuation's grading shaded as its grading


def test_a_row_whose_name_cannot_start_at_the_foot_of_a_page_starts_the_next_whole():
    """Its first bullet would fit in what the rows before it leave of the page, but not its
    name (fourteen lines, repeated whole in every piece): split there, its first piece would
    go over to the next page all the same, and its continuation after it."""
    document = table_document(bullets=9)
    row = document.tables[0].add_row()
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    name, grading, comments = row.cells
    name.text = "Armed"
    for number in range(13):
        name.add_paragraph(f"name line {number}")
    grading.text = "Good"
    for number in range(4):
        comments.add_paragraph(f"Point {number}: the force does well.", style="List Bullet")
    keep_rows_whole(document)
    names = [cells[0].split("\n")[0] for cells in rows_of(document)]
    assert names[-1] == "Armed" and "Armed (continued)" not in names


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    return text.split("\f")


@pytest.mark.parametrize("folder", [MET, MET_2016], ids=["met-2018-19", "met-2016"])
def test_no_page_opens_with_a_fragment_of_a_row(folder, tmp_path):
    """Both Met inputs' briefing and summary grid through LibreOffice: on every page the grid
    continues onto, the first row under the repeated header starts with its element's name (or
    is a pillar's band), never with a fragment of the row before."""
    require_tool("soffice", "libreoffice-writer-nogui")
    assessment = load_assessment(folder)
    names = [e.name for e in assessment.elements] + [p.name for p in assessment.pillars]
    documents = []
    for template in ("summary-grid", "briefing"):
        path = tmp_path / f"{template}.docx"
        path.write_bytes(render_bytes(assessment, builtin_templates()[template]))
        documents.append(path)
    checked = 0
    for pdf in to_pdfs(documents, tmp_path, tmp_path / "profile"):
        for number, page in enumerate(pages(pdf), start=1):
            lines = page.splitlines()
            header = next(
                (i for i, line in enumerate(lines) if line.startswith("Element of")), None
            )
            if header is None:
                continue
            body = [line for line in lines[header + 2 :] if line.strip()]
            if not body:
                continue
            first = body[0]
            assert not first[0].isspace(), (pdf.name, number, first)  # the first column
            words = first.split("  ")[0].strip()
            assert any(name.startswith(words) or words.startswith(name) for name in names), (
                pdf.name,
                number,
                first,
            )
            checked += 1
    assert checked >= (4 if folder == MET_2016 else 14)


def test_a_continued_cell_repeats_the_label_its_bullets_stand_under(met_assessment):
    """The Met's longest row goes on over a page; where its recommendations go on, the
    continuation says again which kind they are ("Areas for improvement:" …)."""
    import io

    data = render_bytes(met_assessment, builtin_templates()["summary-grid"])
    rows = rows_of(docx.Document(io.BytesIO(data)))
    name = "Ethical and lawful workforce behaviour"
    pieces = [row for row in rows if re.sub(r"\s+", " ", row[0]).startswith(name)]
    assert len(pieces) >= 2 and pieces[1][0].endswith("(continued)")
    labels = ("Cause of concern", "Recommendations:", "Areas for improvement:")
    for row in pieces[1:]:
        if row[4].strip():
            assert row[4].startswith(labels), row[4][:80]
