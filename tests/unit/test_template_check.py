"""`briefgen templates check`: a template checked without data, problems located in Word terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from briefgen.cli import main
from briefgen.context_shape import context_shape
from briefgen.template_check import check_template
from briefgen.templates import builtin_templates

from ..helpers import MET


def template(
    tmp_path: Path,
    *paragraphs: str,
    header: str | None = None,
    title: str | None = None,
    name: str = "t.docx",
) -> Path:
    """A blank Word document whose paragraphs are ``paragraphs``."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    if title is not None:
        doc.core_properties.title = title
    path = tmp_path / name
    doc.save(path)
    return path


def messages(path: Path) -> list[str]:
    return [p.message for p in check_template(path)]


@pytest.mark.parametrize("name", sorted(builtin_templates()))
def test_builtin_templates_pass(name):
    assert check_template(builtin_templates()[name]) == []


def test_misspelt_variable_split_across_runs_is_located_in_its_cell(tmp_path):
    """Word keeps a tag in several runs when its formatting changes part-way: still found."""
    doc = Document(str(builtin_templates()["summary-grid"]))
    paragraph = next(
        p
        for row in doc.tables[0].rows
        for p in row.cells[0].paragraphs
        if p.text == "{{ element.name }}"
    )
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    for text, italic in (("{{ elem", False), ("ent.nme", True), (" }}", False)):
        paragraph.add_run(text).italic = italic
    path = tmp_path / "restyled grid.docx"
    doc.save(path)
    assert messages(path) == [
        "table 1, row 7, cell 1, “{{ element.nme }}”: unknown variable “element.nme”; did you "
        "mean “name”? (an element has key, name, graded, state, grading, carried_over_from, "
        "shade, comments, "
        "causes_of_concern, recommendations, areas_for_improvement, improvements, change)"
    ]


def test_cli_check_fails_with_the_location_and_passes_a_good_template(tmp_path, capsys):
    bad = template(tmp_path, "Published {{ pubished|long_date }}", name="bad.docx")
    assert main(["templates", "check", str(bad)]) == 1
    assert capsys.readouterr().err == (
        f"{bad}: paragraph 1 “Published {{{{ pubished|long_date }}}}”: unknown variable "
        "“pubished”; did you mean “published”?\n"
    )
    assert main(["templates", "check", "summary-grid", str(bad)]) == 1
    good = template(tmp_path, "{{ force.name }}", name="good.docx")
    assert main(["templates", "check", str(good)]) == 0
    assert capsys.readouterr().out.endswith(f"{good}: ok\n")


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["{{ force.name }"],
            "paragraph 1 “{{ force.name }”: a tag begins here but does not end in this paragraph: "
            "keep each tag within one paragraph",
        ),
        (
            ["{{ published|longdate }}"],
            "paragraph 1 “{{ published|longdate }}”: unknown filter “longdate”; did you mean "
            "“long_date”?",
        ),
        (
            ["{% if force is defind %}x{% endif %}"],
            "paragraph 1 “{% if force is defind %}x{% endif %}”: unknown test “defind”; did you "
            "mean "
            "“defined”?",
        ),
        (
            ["{% for p in pillars %}{{ p.nme }}{% endfor %}"],
            "paragraph 1 “{% for p in pillars %}{{ p.nme }}{% endfor %}”: unknown variable "
            "“p.nme”; did you mean “name”? (a pillar has key, name, graded, grading, shade, "
            "elements)",
        ),
        (
            ["{{ framework.scale[0].colour }}"],
            "paragraph 1 “{{ framework.scale[0].colour }}”: unknown variable "
            "“framework.scale[0].colour” (a grade has label, shade)",
        ),
        (
            ["Intro {%p if themes %}", "x", "{%p endif %}"],
            "paragraph 1 “Intro {%p if themes %}”: “{%p if themes %}” must stand alone in its "
            "paragraph: docxtpl replaces the whole paragraph with it, so the rest of the paragraph "
            "would be lost",
        ),
        (
            ["{%tr for e in elements %}", "{%tr endfor %}"],
            "paragraph 1 “{%tr for e in elements %}”: “{%tr for e in elements %}” must stand in a "
            "table row of its own; outside a table use {%p … %}",
        ),
        (
            ["{{ force.", "name }}"],
            "paragraph 1 “{{ force.”: a tag begins here but does not end in this paragraph: keep "
            "each tag within one paragraph",
        ),
        (
            ["{%p for e in elements %}", "{{ e.name }}"],
            "paragraph 1 “{%p for e in elements %}”: this “for” is never closed: add {%p endfor %} "
            "where it should end",
        ),
        (
            ["{%p for p in pillars %}", "{{ p.name }}", "{%p endif %}"],
            "paragraph 1 “{%p for p in pillars %}”: this “for” is not closed before “{%p endif %}” "
            "(paragraph 3): add {%p endfor %} where the “for” should end",
        ),
        (
            ["{{ force.name }}", "{% endif %}"],
            "paragraph 2 “{% endif %}”: “{% endif %}” closes an “if” that was never opened: remove "
            "it, or add the “if” it should close",
        ),
        (
            ["{{ paper.committee | }}"],
            "paragraph 1 “{{ paper.committee | }}”: this tag cannot be read: Jinja expected a name "
            "but found “}}”",
        ),
        (
            ["{% fro p in pillars %}{% endfor %}"],
            "paragraph 1 “{% fro p in pillars %}{% endfor %}”: “fro” is not a tag a template can "
            "use "
            "(the tags are for, if, elif, else, endfor, endif, set and with)",
        ),
    ],
)
def test_each_kind_of_problem(tmp_path, paragraphs, expected):
    assert messages(template(tmp_path, *paragraphs))[0] == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [
                ["{%tr for e in elements %}", "Grading"],
                ["{{ e.name }}", ""],
                ["{%tr endfor %}", ""],
            ],
            "table 1, row 1, cell 1, “{%tr for e in elements %}”: “{%tr for e in elements %}” must "
            "stand alone in its table row: docxtpl replaces the whole row with it, so the rest of "
            "the row would be lost",
        ),
        (
            [["{%tc if change_since %}Change", "{{ change_since }}", "{%tc endif %}"]],
            "table 1, row 1, cell 1, “{%tc if change_since %}Change”: “{%tc if change_since %}” "
            "must stand alone in its table cell: docxtpl replaces the whole cell with it, so the "
            "rest of the cell would be lost",
        ),
    ],
)
def test_row_and_cell_tags_must_be_alone_in_their_row_or_cell(tmp_path, rows, expected):
    doc = Document()
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    path = tmp_path / "t.docx"
    doc.save(path)
    assert messages(path) == [expected]


def test_grading_history_records_are_named_in_the_singular(tmp_path):
    path = template(
        tmp_path,
        "{%p for i in history.inspections %}",
        "{{ i.nme }}",
        "{%p endfor %}",
        "{%p for p in history.pillars %}",
        "{{ p.gradings[0].grade }}",
        "{%p endfor %}",
    )
    assert messages(path) == [
        "paragraph 2 “{{ i.nme }}”: unknown variable “i.nme”; did you mean “name”? (an "
        "inspection has published, framework, name, current, same_scale, points)",
        "paragraph 5 “{{ p.gradings[0].grade }}”: unknown variable “p.gradings[0].grade”; did "
        "you mean “grading”? (a history cell has grading, shade, linked)",
    ]


def test_headers_and_properties_are_checked(tmp_path):
    path = template(
        tmp_path,
        "{{ force.name }}",
        header="Appendix {{ paper.apendix }}",
        title="{{ framework.nam }}",
    )
    assert messages(path) == [
        "in a header, paragraph “Appendix {{ paper.apendix }}”: unknown variable "
        "“paper.apendix”; did you mean “appendix”? (a paper has committee, meeting_date, "
        "appendix, agenda_item)",
        "document properties, title “{{ framework.nam }}”: unknown variable “framework.nam”; "
        "did you mean “name”? (a framework has key, name, inspectorate, inspectorate_name, "
        "assessment, assessment_long, has_pillars, about, aims, scale)",
    ]


def test_what_templates_legitimately_do_passes(tmp_path):
    path = template(
        tmp_path,
        "{% set who = force.short_name %}{{ who }}",
        "{% for p in pillars %}{{ loop.index }}. {{ p|pillar_label }}{% endfor %}",
        "{{ elements|selectattr('graded')|first|attr('name') }}",
        "{{ (elements|first).comments[0].nested[0].text }}",
        "{% if nothing is defined %}{{ nothing }}{% endif %}",
        "{{ paper.meeting_date|long_date if paper.meeting_date else 'to be arranged' }}",
        "{{ force.name.upper() }} {{ framework.scale|map(attribute='label')|join_and('or') }}",
        "{% with first = pillars[0] %}{{ first.name }}{% endwith %}",
        "{{p briefing }}",
    )
    assert messages(path) == []


def test_the_context_shape_is_what_context_py_provides(met_assessment):
    from briefgen.context import build_context

    shape = context_shape()
    context = build_context(met_assessment)
    assert list(shape.fields) == list(context)
    element = shape.fields["elements"].item
    assert list(element.fields) == list(context["elements"][0])
    assert list(element.fields["comments"].item.fields) == ["text", "status", "nested"]


def test_build_refuses_a_template_that_fails_the_check(tmp_path, capsys):
    bad = template(tmp_path, "{%p if themes %} lost words", "{%p endif %}")
    out = tmp_path / "out.docx"
    assert main(["build", str(MET), "-t", str(bad), "-o", str(out)]) == 1
    assert "must stand alone in its paragraph" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_that_is_not_word(tmp_path, capsys):
    path = tmp_path / "notes.docx"
    path.write_text("not a zip")
    assert main(["templates", "check", str(path)]) == 1
    assert "is not a Word document (.docx) that can be opened" in capsys.readouterr().err


def test_word_terms_cover_a_table_cell_paragraph(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ force.name }}")
    table = doc.add_table(rows=2, cols=3)
    table.cell(1, 2).paragraphs[0].add_run("{{ source|hyperlnk }}")
    path = tmp_path / "t.docx"
    doc.save(path)
    assert doc.element.body.find(qn("w:tbl")) is not None
    assert messages(path) == [
        "table 1, row 2, cell 3, “{{ source|hyperlnk }}”: unknown filter “hyperlnk”; did you "
        "mean “hyperlink”?"
    ]


def test_a_deleted_endfor_is_named_where_its_for_opens(tmp_path):
    """The summary grid with the comments' {%p endfor %} deleted: the message names the cell
    where the unclosed "for" opens, with the officer's own tag, not Jinja's "endif"."""
    doc = Document(str(builtin_templates()["summary-grid"]))
    cell = next(
        c
        for row in doc.tables[0].rows
        for c in row.cells
        if c.paragraphs[0].text == "{%p if element.comments %}"
    )
    endfor = [p for p in cell.paragraphs if p.text == "{%p endfor %}"][-1]
    endfor._p.getparent().remove(endfor._p)
    path = tmp_path / "grid.docx"
    doc.save(path)
    assert messages(path) == [
        "table 1, row 7, cell 6, “{%p for comment in element.comments %}”: this “for” is not "
        "closed before “{%p endif %}” (in the same cell): add {%p endfor %} where the “for” "
        "should end"
    ]


def test_independent_syntax_errors_are_each_reported(tmp_path):
    """One per part at least (body, header, footer, footnotes), and each {{ }} Jinja cannot
    read in a part; never Jinja's own wording or XML."""
    path = template(
        tmp_path,
        "{{ force.name ] }}",
        "{{ force.name }}",
        "{{ x.y. }}",
        header="{{ paper.committee | }}",
    )
    doc = Document(str(path))
    doc.sections[0].footer.paragraphs[0].text = "{% endif %}"
    doc.save(path)
    found = messages(path)
    assert found == [
        "paragraph 1 “{{ force.name ] }}”: this tag cannot be read: “]” is not expected there; "
        "check the tag's brackets and quotes",
        "paragraph 3 “{{ x.y. }}”: this tag cannot be read: a name must follow “.”",
        "in a header, paragraph “{{ paper.committee | }}”: this tag cannot be read: Jinja "
        "expected a name but found “}}”",
        "in a footer, paragraph “{% endif %}”: “{% endif %}” closes an “if” that was never "
        "opened: remove it, or add the “if” it should close",
    ]
    assert not any("<w:" in m or "Encountered" in m or "innermost" in m for m in found)


def test_a_footnote_s_syntax_error_is_reported_with_the_body_s(tmp_path):
    from briefgen.templates import builtin_templates as builtins

    doc = Document(str(builtins()["briefing"]))
    doc.paragraphs[1].runs[0].text = "On {{ published|day_month }, …"
    path = tmp_path / "briefing.docx"
    doc.save(path)
    notes = tmp_path / "notes.docx"
    import zipfile

    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(notes, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/footnotes.xml":
                data = re.sub(
                    rb"[{][{]r source[|]hyperlink[(].*?[)] [}][}]",
                    b"{{r source|hyperlink ) }}",
                    data,
                )
            zout.writestr(item, data)
    found = messages(notes)
    assert [m.split(":")[0] for m in found] == [
        "paragraph 2 “On {{ published|day_month }, …”",
        "in a footnote, paragraph “{{r source|hyperlink ) }}”",
    ]
