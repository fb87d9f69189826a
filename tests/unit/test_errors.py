"""Errors as values: one base type with its exit code, and the message helpers."""

from __future__ import annotations

import pytest

from briefgen.errors import (
    EXIT_INVALID,
    EXIT_USAGE,
    BriefgenError,
    FileProblem,
    InputError,
    OptionError,
    PdfError,
    Problem,
    TemplateProblem,
    TemplateProblems,
    closest,
    did_you_mean,
    display_path,
    quote,
    shorten,
    show,
)


def test_every_error_the_cli_reports_is_one_type_with_its_exit_code():
    problems = [Problem("a.yaml", 2, 3, "grading: missing"), Problem("b.yaml", 1, 1, "x")]
    errors = [
        OptionError("--appendix is empty"),
        FileProblem("x.docx: no such file"),
        PdfError("LibreOffice failed"),
        InputError(problems),
        TemplateProblem("t.docx", "paragraph 1: oops"),
        TemplateProblems([TemplateProblem("t.docx", "a"), TemplateProblem("t.docx", "b")]),
    ]
    assert all(isinstance(e, BriefgenError) for e in errors)
    assert [e.exit_code for e in errors] == [EXIT_USAGE] + [EXIT_INVALID] * 5
    assert [e.lines() for e in errors] == [
        ["briefgen: --appendix is empty"],
        ["x.docx: no such file"],
        ["LibreOffice failed"],
        ["a.yaml:2:3: grading: missing", "b.yaml:1:1: x"],
        ["t.docx: paragraph 1: oops"],
        ["t.docx: a", "t.docx: b"],
    ]


def test_problems_sort_by_file_then_place():
    found = [
        Problem("b.yaml", 1, 1, "z"),
        Problem("a.yaml", 9, 1, "y"),
        Problem("a.yaml", 2, 5, "x"),
    ]
    assert [str(p) for p in sorted(found)] == ["a.yaml:2:5: x", "a.yaml:9:1: y", "b.yaml:1:1: z"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("peel-2018", "peel-2018-19"),  # what was typed begins a choice: the likeliest
        ("Requires improvment", "Requires improvement"),
        ("GOOD", "Good"),  # case does not matter
        ("recomendations", "recommendations"),
        ("nothing-like-it", None),
        ("pe", None),  # too short to be a beginning
    ],
)
def test_closest(typed, expected):
    choices = ["peel-2018-19", "peel-2017", "Requires improvement", "Good", "recommendations"]
    assert closest(typed, choices) == expected


def test_did_you_mean_quotes_as_asked():
    assert did_you_mean("nme", ["name", "key"]) == "; did you mean 'name'?"
    assert did_you_mean("nme", ["name"], quote=lambda s: f"“{s}”") == "; did you mean “name”?"
    assert did_you_mean("zzz", ["name"]) == ""


def test_shorten_quote_and_show():
    assert shorten("x" * 60) == "x" * 60
    assert shorten("x" * 61) == "x" * 59 + "…"
    assert quote("{{ element.nme }}") == "“{{ element.nme }}”"
    assert quote("abcdef", limit=4) == "“abc…”"
    assert show("Requires improvment") == "'Requires improvment'"
    assert show(42) == "'42'"


def test_display_path_is_relative_inside_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "inputs" / "x.yaml") == "inputs/x.yaml"
    assert display_path("/elsewhere/x.yaml") == "/elsewhere/x.yaml"
