"""Read a report saved as a Word document (.docx), with python-docx.

Headings are told by their style (Heading 1–6, Title) or by a paragraph that is bold as a whole,
bullets by a list style or Word numbering (depth from its level), and table cells are read as
paragraphs in document order. Running headers and footers are never part of the body.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .blocks import BULLET, HEADING, PARAGRAPH, Block, tidy

_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.IGNORECASE)


def read_docx(path: Path) -> list[Block]:
    """The blocks of a Word report."""
    document = docx.Document(str(path))
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.extend(_paragraph(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        blocks.extend(_paragraph(paragraph))
    return tidy(blocks)


def _paragraph(paragraph: Paragraph) -> list[Block]:
    text = paragraph.text.replace("\t", " ").strip()
    if not text:
        return []
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(style.strip())
    if heading:
        return [Block(HEADING, text, int(heading.group(1) or 1))]
    numbering = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is not None or style.casefold().startswith(("list bullet", "list number")):
        level = numbering.find(qn("w:ilvl")) if numbering is not None else None
        depth = int(level.get(qn("w:val"))) if level is not None else _style_depth(style)
        return [Block(BULLET, text, depth)]
    runs = [run for run in paragraph.runs if run.text.strip()]
    if runs and all(run.bold for run in runs) and len(text) < 150:
        return [Block(HEADING, text, 0)]
    return [Block(PARAGRAPH, text)]


def _style_depth(style: str) -> int:
    found = re.search(r"(\d)$", style)
    return int(found.group(1)) - 1 if found else 0
