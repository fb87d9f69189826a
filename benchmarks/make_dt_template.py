"""The docxtemplater peer's template: the summary grid in docxtemplater's syntax, made with
python-docx. A landscape page, a heading, a table with a header row, then per pillar a band row
(one merged cell) and one row per element: name, grading, comment bullets, and the
recommendations, areas for improvement and causes of concern as bullets (paragraph loops).

    python benchmarks/make_dt_template.py OUT.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

HEADER = ("Element of assessment", "Grading", "Comments", "Recommendations / areas for improvement")


def _bullets(cell, loop: str, closing: str = "") -> None:
    """A paragraph loop in a cell: one List Bullet paragraph per item of ``loop``."""
    first = cell.paragraphs[0]
    first.text = f"{{#{loop}}}"
    cell.add_paragraph("{.}", style="List Bullet")
    cell.add_paragraph(f"{{/{loop}}}")
    if closing:
        cell.add_paragraph(closing)


def make_template(path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    doc.add_heading("{title}", level=1)
    table = doc.add_table(rows=3, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=False):
        cell.text = text
    band = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
    band.text = "{#pillars}{band}"
    name, grading, comments, improvements = table.rows[2].cells
    name.text = "{#elements}{name}"
    grading.text = "{grading}"
    _bullets(comments, "comments")
    _bullets(improvements, "improvements", "{/elements}{/pillars}")
    doc.save(path)
    return path


if __name__ == "__main__":
    make_template(Path(sys.argv[1]))
