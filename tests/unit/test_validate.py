"""Validation: every problem of an assessment at once, located, with the way to fix it."""

from __future__ import annotations

from pathlib import Path

from ..helpers import check_assessment


def messages(folder: Path) -> list[str]:
    assessment, problems = check_assessment(folder)
    assert assessment is None
    return [
        f"{Path(p.file).relative_to(folder.parent)}:{p.line}:{p.column}: {p.message}"
        for p in problems
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_met_inputs_are_valid(met_assessment):
    assert met_assessment.force == "Metropolitan Police Service"
    assert str(met_assessment.published) == "2019-09-27"
    assert [p.grade.label for p in met_assessment.pillars] == [
        "Requires improvement",
        "Good",
        "Good",
    ]


def test_misspelt_key_and_grading_all_reported(met_copy):
    element = met_copy / "elements" / "investigating-crime.yaml"
    edit(element, "areas_for_improvement:", "recomendations:")
    edit(element, "grading: Requires improvement", "grading: Requires improvment")
    assert messages(met_copy) == [
        "metropolitan-2018-19/elements/investigating-crime.yaml:3:10: grading: 'Requires "
        "improvment' is not a grading of PEEL 2018/19; did you mean 'Requires improvement'?; "
        "allowed: Outstanding, Good, Requires improvement, Inadequate",
        "metropolitan-2018-19/elements/investigating-crime.yaml:9:1: recomendations: unknown "
        "key 'recomendations'; did you mean 'recommendations'?; allowed keys: element, "
        "grading, carried_over_from, not_inspected, comments, causes_of_concern, "
        "recommendations, areas_for_improvement",
    ]


def test_grading_is_case_insensitive(met_copy):
    edit(
        met_copy / "elements" / "investigating-crime.yaml",
        "grading: Requires improvement",
        "grading: requires IMPROVEMENT",
    )
    assessment, problems = check_assessment(met_copy)
    assert problems == []
    assert assessment.elements[1].grade.label == "Requires improvement"


def test_unknown_element_and_missing_file(met_copy):
    elements = met_copy / "elements"
    (elements / "investigating-crime.yaml").rename(elements / "investigating-crimes.yaml")
    edit(
        elements / "investigating-crimes.yaml",
        "element: investigating-crime",
        "element: investigating-crimes",
    )
    found = messages(met_copy)
    assert found[0] == (
        "metropolitan-2018-19/assessment.yaml:3:12: framework: PEEL 2018/19 has the element "
        "'investigating-crime' (Investigating crime), but there is no "
        "elements/investigating-crime.yaml; write it, or, if this inspection did not look at "
        "Investigating crime, make elements/investigating-crime.yaml of the two lines "
        "“element: investigating-crime” and “not_inspected: true” (or, where an earlier "
        "grading still stands, “grading: …” and “carried_over_from: YEAR” instead)"
    )
    assert found[1].startswith(
        "metropolitan-2018-19/elements/investigating-crimes.yaml:2:10: element: "
        "'investigating-crimes' is not an element of PEEL 2018/19; did you mean "
        "'investigating-crime'?"
    )
    assert len(found) == 2


def test_file_name_and_key_disagree(met_copy):
    elements = met_copy / "elements"
    (elements / "investigating-crime.yaml").rename(elements / "crime.yaml")
    assert messages(met_copy) == [
        "metropolitan-2018-19/elements/crime.yaml:2:10: element: 'investigating-crime' does "
        "not match the file name 'crime'; name the file investigating-crime.yaml"
    ]


def test_two_files_for_one_element_blames_the_copy(met_copy):
    elements = met_copy / "elements"
    (elements / "a-copy.yaml").write_bytes((elements / "planning-for-the-future.yaml").read_bytes())
    assert messages(met_copy) == [
        "metropolitan-2018-19/elements/a-copy.yaml:2:10: element: 'planning-for-the-future' is "
        "also given in planning-for-the-future.yaml; keep one "
        "file per element"
    ]


def test_pillar_gradings_exactly_for_framework_pillars(met_copy):
    edit(
        met_copy / "assessment.yaml",
        "  legitimacy: Good\n",
        "  legitimacy: Good\n  efectiveness: Good\n",
    )
    edit(met_copy / "assessment.yaml", "  efficiency: Good\n", "")
    assert messages(met_copy) == [
        "metropolitan-2018-19/assessment.yaml:10:1: pillars: no overall grading for efficiency; "
        "PEEL 2018/19 grades each of its pillars: effectiveness, efficiency, legitimacy",
        "metropolitan-2018-19/assessment.yaml:13:3: pillars.efectiveness: PEEL 2018/19 has no "
        "pillar 'efectiveness'; did you mean 'effectiveness'?; its pillars are: "
        "effectiveness, efficiency, legitimacy",
    ]


def test_ungraded_and_graded_elements(met_copy):
    elements = met_copy / "elements"
    edit(
        elements / "armed-response.yaml",
        "element: armed-response",
        "element: armed-response\ngrading: Good",
    )
    edit(elements / "planning-for-the-future.yaml", "grading: Good\n", "")
    assert messages(met_copy) == [
        "metropolitan-2018-19/elements/armed-response.yaml:3:1: grading: Armed response "
        "capability is not graded in PEEL 2018/19; remove the grading",
        "metropolitan-2018-19/elements/planning-for-the-future.yaml:2:1: grading: missing; "
        "Planning for the future is graded in PEEL 2018/19: one of Outstanding, Good, "
        "Requires improvement, Inadequate",
    ]


def test_characters_xml_cannot_hold(met_copy):
    edit(
        met_copy / "elements" / "planning-for-the-future.yaml",
        "  - The force works well",
        '  - "Copied from Word\\v"\n  - The force works well',
    )
    assert messages(met_copy) == [
        "metropolitan-2018-19/elements/planning-for-the-future.yaml:6:5: comments, bullet 2: "
        "character 17 is U+000B (a vertical tab, as Word leaves in copied text), which a Word "
        "document cannot hold; delete it or replace it with a space"
    ]


def test_unknown_framework(met_copy):
    edit(met_copy / "assessment.yaml", "framework: peel-2018-19", "framework: peel-2018")
    found = messages(met_copy)
    assert found == [
        "metropolitan-2018-19/assessment.yaml:3:12: framework: unknown framework "
        "'peel-2018'; did you mean 'peel-2018-19'?; known frameworks: fire-2018-19, "
        "fire-2021-22, fire-2023-25, peel-2014, peel-2015, peel-2016, peel-2017, peel-2018-19, "
        "peel-2021-22, peel-2023-25"
    ]


def test_not_a_folder(tmp_path):
    assessment, problems = check_assessment(tmp_path / "missing")
    assert assessment is None
    assert problems[0].message.startswith("does not exist; expected an assessment folder")


def test_lone_surrogate_escape_is_reported(met_copy):
    edit(
        met_copy / "elements" / "planning-for-the-future.yaml",
        "  - The force works well",
        '  - "police car \\ud83d\\ude93"\n  - The force works well',
    )
    found = messages(met_copy)
    assert len(found) == 2
    assert "comments, bullet 2: character 12 is U+D83D (half of a \\u escape pair" in found[0]
    assert "comments, bullet 2: character 13 is U+DE93 (half of a \\u escape pair" in found[1]


def test_text_word_cannot_keep_is_reported(met_copy):
    edit(
        met_copy / "elements" / "planning-for-the-future.yaml",
        "  - The force works well",
        '  - "a\\rb {_{ x }_}"\n  - The force works well',
    )
    assert [m.split(": ", 1)[1] for m in messages(met_copy)] == [
        "comments, bullet 2: '{_{' at character 5 cannot be shown (the template engine reads "
        "it as a "
        "brace); write it differently",
        "comments, bullet 2: '}_}' at character 11 cannot be shown (the template engine reads "
        "it as a "
        "brace); write it differently",
        "comments, bullet 2: character 2 is U+000D (a carriage return), which a Word document "
        "cannot "
        "hold; delete it or replace it with a space",
    ]


# --- judgement states and finding status ----------------------------------------------------


def test_judgement_states_reach_the_grid(met_copy, tmp_path):
    from briefgen.docx_content import read_docx
    from briefgen.templates import builtin_templates

    from ..helpers import load_assessment, render_to_file

    elements = met_copy / "elements"
    edit(
        elements / "investigating-crime.yaml",
        "grading: Requires improvement",
        "grading: Requires improvement\ncarried_over_from: 2017",
    )
    edit(elements / "preventing-crime.yaml", "grading: Good", "not_inspected: true")
    edit(
        elements / "meeting-current-demands.yaml",
        "areas_for_improvement:\n  - ",
        "areas_for_improvement:\n  - status: not discharged\n    text: ",
    )
    assessment = load_assessment(met_copy)
    states = {e.key: (e.state, e.grade.label, e.carried_over_from) for e in assessment.elements}
    assert states["investigating-crime"] == ("carried over", "Requires improvement", 2017)
    assert states["preventing-crime"] == ("not inspected", "Not inspected", None)
    assert states["armed-response"] == ("ungraded", "Ungraded", None)
    assert states["fair-treatment-of-the-public"][0] == "graded"

    out = render_to_file(assessment, builtin_templates()["summary-grid"], tmp_path / "g.docx")
    table = next(b["table"] for b in read_docx(out)["body"] if "table" in b)
    rows = {
        r["cells"][0]["paragraphs"][0]["paragraph"]: r["cells"]
        for r in table["rows"]
        if len(r["cells"]) == 5
    }
    grading = {name: cells[1]["paragraphs"][0]["paragraph"] for name, cells in rows.items()}
    assert grading["Investigating crime"] == "Requires improvement (2017)"
    assert grading["Preventing crime and tackling anti-social behaviour"] == "Not inspected"
    assert rows["Preventing crime and tackling anti-social behaviour"][1]["shading"] == "E7E6E6"
    first = rows["Meeting current demands and using resources 2018/19"][4]["paragraphs"][0]
    assert first["paragraph"].endswith(" (not discharged)") and first["list"]["level"] == 0


def test_judgement_state_mistakes(met_copy):
    elements = met_copy / "elements"
    edit(elements / "preventing-crime.yaml", "grading: Good", "grading: Good\nnot_inspected: true")
    edit(
        elements / "armed-response.yaml",
        "element: armed-response",
        "element: armed-response\ncarried_over_from: 2017",
    )
    edit(
        elements / "investigating-crime.yaml",
        "grading: Requires improvement",
        "grading: Requires improvement\ncarried_over_from: 17",
    )
    edit(
        elements / "meeting-current-demands.yaml",
        "areas_for_improvement:\n  - ",
        "areas_for_improvement:\n  - status: done\n    text: ",
    )
    found = messages(met_copy)
    assert found[0].startswith(
        "metropolitan-2018-19/elements/armed-response.yaml:3:1: "
        "carried_over_from: Armed response capability is not graded in "
        "PEEL 2018/19, so no grading carries over"
    )
    assert (
        "metropolitan-2018-19/elements/investigating-crime.yaml:4:20: carried_over_from: "
        "'17' is not a year; write the year of the inspection whose grading stands, "
        "e.g. 2017"
    ) in found
    assert (
        "metropolitan-2018-19/elements/meeting-current-demands.yaml:9:13: "
        "areas_for_improvement, bullet 1, status: 'done' is not allowed; allowed: discharged, "
        "not discharged"
    ) in found
    assert any(
        m.startswith(
            "metropolitan-2018-19/elements/preventing-crime.yaml:3:1: grading: "
            "an element that was not inspected has no grading"
        )
        for m in found
    )
