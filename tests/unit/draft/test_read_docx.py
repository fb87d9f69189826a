"""draft/read_docx.py: a Word report's headings, bold lines, lists and table cells, in order."""

from __future__ import annotations

import docx

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block
from briefgen.draft.read_docx import read_docx


def test_styles_bold_paragraphs_lists_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("PEEL 2018/19", level=1)
    document.add_heading("Investigating crime", level=2)
    document.add_paragraph().add_run("Areas for improvement").bold = True
    document.add_paragraph("The force should improve its supervision.", style="List Bullet")
    document.add_paragraph("of investigations;", style="List Bullet 2")
    document.sections[0].header.paragraphs[0].text = "A running header"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Effectiveness"
    table.cell(0, 1).text = "Requires improvement"
    document.add_paragraph("Published 27 September 2019.")
    document.save(tmp_path / "r.docx")
    headings = [(1, "PEEL 2018/19"), (2, "Investigating crime"), (0, "Areas for improvement")]
    bullets = [(0, "The force should improve its supervision."), (1, "of investigations;")]
    cells = ["Effectiveness", "Requires improvement", "Published 27 September 2019."]
    assert read_docx(tmp_path / "r.docx") == [
        *(Block(HEADING, text, level) for level, text in headings),
        *(Block(BULLET, text, level) for level, text in bullets),
        *(Block(PARAGRAPH, text) for text in cells),
    ]
