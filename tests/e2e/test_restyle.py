"""A built-in template copied, restyled, saved by LibreOffice and renamed still builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from briefgen.cli import main
from briefgen.docx_content import read_docx
from briefgen.templates import builtin_templates

from ..helpers import (
    MET,
    SEED_CAPTION,
    SEED_GRID,
    list_items,
    plain_texts,
    save_with_libreoffice,
    the_grid,
    under_concerns,
)

#: The officer's column widths, tag columns (either side of the change column) included.
WIDTHS = (Cm(5.0), Cm(3.0), Cm(1.0), Cm(2.7), Cm(1.0), Cm(6.5), Cm(6.5))
TAG_COLUMNS = (2, 4)
HEADER_FILL = "002B5C"


def restyle(path: Path) -> None:
    """What an officer does in the word processor: fonts, colours and column widths."""
    doc = Document(str(path))
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.styles["Normal"].font.size = Pt(10)
    heading = doc.styles["Heading 1"]
    heading.font.name = "Liberation Serif"
    heading.font.color.rgb = RGBColor(0x7B, 0x1F, 0x3A)
    table = doc.tables[0]
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), WIDTHS, strict=False):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table._tbl.tr_lst:
        cells = row.tc_lst
        if len(cells) == len(WIDTHS):
            for cell, width in zip(cells, WIDTHS, strict=False):
                cell.get_or_add_tcPr().get_or_add_tcW().set(qn("w:w"), str(int(width.twips)))
    for cell in table._tbl.tr_lst[0].tc_lst:
        cell.tcPr.find(qn("w:shd")).set(qn("w:fill"), HEADER_FILL)
    doc.save(path)


def test_copied_restyled_renamed_template_still_builds(tmp_path, capsys, met_assessment):
    copy = tmp_path / "summary-grid.docx"
    assert main(["templates", "copy", "summary-grid", str(copy)]) == 0
    restyle(copy)
    saved = save_with_libreoffice(copy, tmp_path / "saved")
    ours = tmp_path / "Our PEEL grid (restyled).docx"
    saved.rename(ours)
    capsys.readouterr()

    assert main(["templates", "check", str(ours)]) == 0
    out = tmp_path / "out.docx"
    assert main(["build", str(MET), "--template", str(ours), "-o", str(out)]) == 0

    content = read_docx(out)
    caption, table = the_grid(content)
    assert caption == SEED_CAPTION
    header, *rows = table["rows"]
    assert header["header"] is True and header["cells"][0]["shading"] == HEADER_FILL
    assert len(rows) == len(SEED_GRID["rows"])
    for row, expected in zip(rows, SEED_GRID["rows"], strict=False):
        if "pillar" in expected:
            assert plain_texts(row["cells"][0]) == [expected["pillar"]]
            continue
        name, grading, change, comments, actions = row["cells"]
        assert plain_texts(name) == [expected["element"]]
        assert plain_texts(grading) == [expected["grading"]]
        assert list_items(comments) == expected["comments"]
        assert list_items(actions) == under_concerns(
            expected["recommendations"],
            next(e for e in met_assessment.elements if e.name == expected["element"]),
        )

    # The restyling is what the output carries.
    built = Document(str(out))
    styles = {s.style_id: s for s in built.styles}  # LibreOffice writes its own style names
    assert styles["Normal"].font.name == "Liberation Serif"
    assert styles["Heading1"].font.color.rgb == RGBColor(0x7B, 0x1F, 0x3A)
    # The tag columns go; the others keep their proportions across the table's full width.
    columns = built.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    widths = [int(c.get(qn("w:w"))) for c in columns]
    kept = [w.twips for i, w in enumerate(WIDTHS) if i not in TAG_COLUMNS]
    scale = sum(w.twips for w in WIDTHS) / sum(kept)
    assert len(widths) == len(kept)
    assert all(abs(w - want * scale) <= 20 for w, want in zip(widths, kept, strict=False)), widths
    assert abs(sum(widths) - sum(w.twips for w in WIDTHS)) <= 20


def same_content(content: dict) -> dict:
    """A document read back, without what LibreOffice rewrites on saving but a reader does not
    see as content: field results it recomputes ("Page 2 of 2"), the ids it gives footnotes, the
    empty paragraph that holds a section break, and a header or footer a section inherits,
    which it writes out on the section."""
    text = re.sub(r"Page \d+ of \d+", "Page N of M", json.dumps(content, ensure_ascii=False))
    content = json.loads(text)
    ids = {note["id"]: n for n, note in enumerate(content["footnotes"], start=1)}
    text = re.sub(
        r"\[\^(\d+)\]",
        lambda m: f"[^{ids.get(int(m[1]), m[1])}]",
        json.dumps(content, ensure_ascii=False),
    )
    content = json.loads(text)
    content["footnotes"] = [{**note, "id": ids[note["id"]]} for note in content["footnotes"]]
    content["body"] = [block for block in content["body"] if block.get("paragraph") != ""]
    inherited: dict = {}
    for section in content["sections"]:
        for part in ("header", "footer"):
            inherited[part] = section.setdefault(part, inherited.get(part))
    return content


@pytest.mark.parametrize("name", sorted(builtin_templates()))
def test_every_template_saved_by_libreoffice_checks_builds_and_reads_the_same(
    name, tmp_path, capsys
):
    """LibreOffice writes an apostrophe inside a tag as &apos; (and splits runs its own way):
    what it saves must check ok, build, and give the document the original gives."""
    saved = save_with_libreoffice(builtin_templates()[name], tmp_path / "saved")
    assert main(["templates", "check", str(saved)]) == 0, capsys.readouterr().err
    original, resaved = tmp_path / "original.docx", tmp_path / "resaved.docx"
    assert main(["build", str(MET), "-t", name, "-o", str(original)]) == 0
    assert main(["build", str(MET), "-t", str(saved), "-o", str(resaved)]) == 0
    assert same_content(read_docx(resaved)) == same_content(read_docx(original))
