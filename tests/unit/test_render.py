"""Rendering: filters, escaping, hyperlinks, determinism and atomic output."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import docx.shared
import pytest
from docx.oxml.ns import qn

from briefgen.docx_content import read_docx
from briefgen.errors import TemplateProblem
from briefgen.render import render_bytes
from briefgen.templates import builtin_templates

from ..helpers import MET_2016, load_assessment, render_problem, render_to_file, template_with


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_rebuild_gives_same_bytes(met_assessment):
    template = builtin_templates()["briefing"]
    first = render_bytes(met_assessment, template)
    assert render_bytes(met_assessment, template) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "<dcterms:modified" not in core and "<dc:language>en-GB</dc:language>" in core
    assert core.count("revision>") == 2, "exactly one <cp:revision> element"


def test_user_text_is_escaped_and_round_trips(met_copy, tmp_path):
    tricky = "Fish & chips <b>not bold</b> \"quoted\" 'single' – “curly” […] ŵŷ שלום 🚓"
    element = met_copy / "elements" / "armed-response.yaml"
    text = element.read_text("utf-8")
    bullet = json.dumps(tricky, ensure_ascii=False)
    element.write_text(text.replace("comments:\n", f"comments:\n  - {bullet}\n"), "utf-8")
    assessment = load_assessment(met_copy)
    assert assessment.elements[4].comments[0].text == tricky
    data = render_bytes(
        assessment,
        template_with(
            tmp_path,
            "{% for e in elements %}{% for c in e.comments %}[{{ c.text }}]"
            "{% endfor %}{% endfor %}",
        ),
    )
    assert f"[{tricky}]" in texts(data)[0]


def test_sandbox_blocks_python_internals(met_assessment, tmp_path):
    template = template_with(tmp_path, "{{ force.__class__.__mro__[1].__subclasses__() }}")
    assert render_problem(met_assessment, template) == (
        "paragraph 1 “{{ force.__class__.__mro__[1].__subclasses__() }}”: not allowed in a "
        "template: access to attribute '__class__' of 'dict' object is unsafe."
    )


def test_tag_split_across_runs_still_renders(met_assessment, tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in ("{{ for", "ce.na", "me }}"):  # as Word leaves it after an autocorrect
        paragraph.add_run(piece).bold = piece == "ce.na"
    document.save(tmp_path / "t.docx")
    assert texts(render_bytes(met_assessment, tmp_path / "t.docx")) == [
        "Metropolitan Police Service"
    ]


def test_not_a_word_document(met_assessment, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", "utf-8")
    assert render_problem(met_assessment, fake).startswith("is not a Word document (.docx)")


def test_failed_build_keeps_previous_output(met_assessment, tmp_path):
    out = tmp_path / "out.docx"
    render_to_file(met_assessment, builtin_templates()["summary-grid"], out)
    before = out.read_bytes()
    with pytest.raises(TemplateProblem):
        render_to_file(met_assessment, template_with(tmp_path, "{{ missing }}"), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx", "t.docx"]


def test_footnote_sources_are_real_hyperlinks(built, met_assessment):
    document = docx.Document(built["briefing"])
    footnotes = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/footnotes.xml"
    )
    targets = {rel.target_ref for rel in footnotes.rels.values() if rel.is_external}
    assert targets == {met_assessment.source, met_assessment.themes.source}
    xml = footnotes.blob.decode("utf-8")
    assert xml.count("<w:hyperlink ") == 2


def test_input_text_in_a_footnote_is_never_read_as_template_code(met_assessment, tmp_path):
    """The briefing has two sections, and docxtpl renders footnotes once per section: the
    force's name in a footnote's link text must come out as typed, not be rendered again."""
    import dataclasses

    odd = dataclasses.replace(met_assessment, force="{{ 7 * 7 }} {%tr endfor %} Police")
    out = render_to_file(odd, builtin_templates()["briefing"], tmp_path / "b.docx")
    footnote = read_docx(out)["footnotes"][0]["text"]
    assert "inspection of {{ 7 * 7 }} {%tr endfor %} Police (HMICFRS" in footnote


# --- columns that {%tc %} tags leave out or repeat ------------------------------------------


def table_template(
    tmp_path: Path,
    rows: list[list[str]],
    widths_cm: list[float],
    band: str | None = None,
    landscape: bool = False,
) -> Path:
    """A template with one table of ``rows`` at ``widths_cm``, after an optional band row
    merged across the whole table (on a landscape A4 page, with ``landscape``)."""
    document = docx.Document()
    if landscape:
        section = document.sections[0]
        section.page_width, section.page_height = docx.shared.Cm(29.7), docx.shared.Cm(21)
    table = document.add_table(rows=0, cols=len(widths_cm))
    if band is not None:
        cells = table.add_row().cells
        cells[0].merge(cells[-1]).paragraphs[0].add_run(band)
    for texts_ in rows:
        for cell, text, width in zip(table.add_row().cells, texts_, widths_cm, strict=False):
            cell.paragraphs[0].add_run(text)
            cell.width = docx.shared.Cm(width)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=False):
        column.w = docx.shared.Cm(width)
    path = tmp_path / "table.docx"
    document.save(path)
    return path


def rendered_table(data: bytes) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """The grid's column widths and each row's cells as (span, width), in twips."""
    table = docx.Document(io.BytesIO(data)).tables[0]._tbl
    grid = [int(c.get(qn("w:w"))) for c in table.tblGrid.gridCol_lst]
    rows = [
        [(tc.grid_span, int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))) for tc in tr.tc_lst]
        for tr in table.tr_lst
    ]
    return grid, rows


def twips(cm: float) -> int:
    return int(docx.shared.Cm(cm).twips)


def test_a_column_left_out_gives_its_width_to_the_others(met_assessment, tmp_path):
    from ..helpers import load_assessment as load

    template = table_template(
        tmp_path,
        [
            [
                "Area",
                "{%tc if change_since %}",
                "Change since {{ change_since }}",
                "{%tc endif %}",
                "Notes",
            ],
            [
                "{{ force.name }}",
                "{%tc if change_since %}",
                "{{ change_since }}",
                "{%tc endif %}",
                "n/a",
            ],
        ],
        [4, 1, 3, 1, 6],
        band="{{ framework.name }}",
    )
    total = sum(twips(w) for w in (4, 1, 3, 1, 6))

    grid, rows = rendered_table(render_bytes(met_assessment, template))
    assert len(grid) == 3 and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([w / 13 for w in (4, 3, 6)], abs=1e-3)
    assert rows[0] == [(3, total)]  # the band still spans the whole table
    assert rows[1] == rows[2] == [(1, w) for w in grid]

    grid, rows = rendered_table(render_bytes(load(MET_2016), template))  # follows nothing
    assert len(grid) == 2 and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([0.4, 0.6], abs=1e-3)
    assert rows[0] == [(2, total)]
    assert rows[1] == rows[2] == [(1, w) for w in grid]


def test_repeated_columns_share_the_width_as_their_cells_say(met_assessment, tmp_path):
    template = table_template(
        tmp_path,
        [
            [
                "Grading",
                "{%tc for grade in framework.scale %}",
                "{{ grade.label }}",
                "{%tc endfor %}",
            ],
        ],
        [10, 1, 6, 1],
        landscape=True,
    )  # each grading column wide enough for "improvement"
    grid, rows = rendered_table(render_bytes(met_assessment, template))
    total = sum(twips(w) for w in (10, 1, 6, 1))
    assert len(grid) == 1 + len(met_assessment.framework.scale) and sum(grid) == total
    assert [w / total for w in grid] == pytest.approx([w / 34 for w in (10, 6, 6, 6, 6)], abs=1e-3)
    assert rows[0] == [(1, w) for w in grid]


def test_a_table_whose_grid_matches_its_cells_is_left_as_it_is(met_assessment, tmp_path):
    template = table_template(tmp_path, [["{{ force.name }}", "b", "c"]], [3.0, 4.6, 7.0], band="x")
    before = docx.Document(str(template)).tables[0]._tbl
    grid, rows = rendered_table(render_bytes(met_assessment, template))
    assert grid == [int(c.get(qn("w:w"))) for c in before.tblGrid.gridCol_lst]
    assert rows[1] == [(1, twips(w)) for w in (3.0, 4.6, 7.0)]
