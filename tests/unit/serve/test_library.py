"""serve/library.py: the one place the server calls briefgen, answering as the declared API and
the command answer for the same input."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen
from briefgen.serve import library

from ...helpers import FIXTURES, MET, copy_met, template_with


def test_a_folder_is_checked_as_briefgen_checks_it(met_copy):
    checked = library.check_folder(met_copy)
    assert checked.assessment is not None and checked.problems == [] == checked.warnings
    element = met_copy / library.element_file("investigating-crime")
    element.write_text(element.read_text("utf-8").replace("Requires improvement", "Fine"))
    checked = library.check_folder(met_copy)
    assert checked.assessment is None
    assert [p.text() for p in checked.problems] == [
        p.text() for p in briefgen.check(met_copy).problems
    ]
    assert "grading: 'Fine'" in checked.problems[0].message


def test_one_files_schema_problems(tmp_path):
    assert library.file_problems(MET / "assessment.yaml", "assessment") == []
    element = tmp_path / "investigating-crime.yaml"
    element.write_text("element: investigating-crime\ncarried_over_from: 17\n", "utf-8")
    found = library.file_problems(element, "element")
    assert [(p.line, p.message.split(":")[0]) for p in found] == [(2, "carried_over_from")]


def test_the_grid_is_shown_from_the_templates_own_context():
    assessment = library.check_folder(MET).assessment
    assert assessment is not None
    context = library.template_context(assessment)
    assert context["force"]["name"] == "Metropolitan Police Service"
    assert {"elements", "pillars", "history", "paper"} <= set(context)
    assert library.FILTERS["upper_first"]("the Met") == "The Met"


def test_frameworks_are_the_libraries_own():
    names = library.framework_names()
    assert names == {f.key: f.name for f in briefgen.list_frameworks()}
    assert names["peel-2018-19"] == "PEEL 2018/19"
    assert library.framework_named("peel-2018-19").key == "peel-2018-19"
    with pytest.raises(library.BriefgenError, match="did you mean 'peel-2018-19'"):
        library.framework_named("peel-2018")


def test_a_new_folder_is_briefgen_news(tmp_path):
    written = library.new_folder(tmp_path / "kent", "peel-2023-25", "Kent Police")
    assert tmp_path / "kent" / library.ASSESSMENT_FILE in written and len(written) == 13
    head = (tmp_path / "kent" / library.ASSESSMENT_FILE).read_text("utf-8")
    assert "force: Kent Police" in head and library.TO_BE_COMPLETED in head
    with pytest.raises(library.BriefgenError, match="already exists"):
        library.new_folder(tmp_path / "kent", "peel-2023-25", "Kent Police")


def test_a_report_is_drafted_into_a_folder_with_a_summary(tmp_path):
    summary = library.draft_folder(FIXTURES / "reports/met-peel-2018-19.md", tmp_path / "met")
    assert "(PEEL 2018/19, Metropolitan Police Service)" in summary[0]
    assert "elements found: 10 of 10" in summary
    assert (tmp_path / "met" / library.element_file("investigating-crime")).is_file()


def test_templates_are_the_built_in_ones_and_are_checked_in_the_checks_words(tmp_path):
    builtin = library.builtin_templates()
    assert {"briefing", "summary-grid"} <= set(builtin)
    assert library.check_template(builtin["summary-grid"]) == []
    mistyped = template_with(tmp_path, "{{ force.nmae }}")
    assert library.check_template(mistyped) == [
        f"{mistyped}: paragraph 1 “{{{{ force.nmae }}}}”: unknown variable “force.nmae”; "
        "did you mean “name”? (a force has name, name_in_text, short_name, informal_name)"
    ]
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a word document")
    with pytest.raises(library.BriefgenError, match="is not a Word document"):
        library.check_template(junk)


def test_a_build_writes_the_document_named(tmp_path):
    target = tmp_path / "met-grid.docx"
    assert library.build_docx(MET, "summary-grid", target, pdf=False) == [target]
    assert target.read_bytes()[:2] == b"PK"


def test_a_build_of_an_invalid_folder_writes_nothing(tmp_path):
    folder = copy_met(tmp_path / "met")
    element = folder / library.element_file("investigating-crime")
    element.write_text(element.read_text("utf-8").replace("Requires improvement", "Fine"))
    with pytest.raises(library.BriefgenError) as raised:
        library.build_docx(folder, "briefing", tmp_path / "out.docx", pdf=True)
    assert any("grading: 'Fine'" in line for line in raised.value.lines())
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.pdf").exists()


def test_pdfs_are_offered_only_where_libreoffice_is_found(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert library.soffice_found() is False
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n")
    monkeypatch.setenv("BRIEFGEN_SOFFICE", str(program))
    assert library.soffice_found() is True


def test_the_to_be_completed_value_and_element_paths_are_the_folders():
    assert library.is_to_be_completed(library.TO_BE_COMPLETED)
    assert not library.is_to_be_completed("Good")
    assert library.element_file("x") == f"{library.ELEMENTS_FOLDER}/x.yaml"
    assert Path(library.ASSESSMENT_FILE).suffix == ".yaml"
