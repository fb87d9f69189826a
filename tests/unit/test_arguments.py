"""arguments.py: the command line's words, its help made from the library's tables, and "did
you mean" for a mistyped command or option."""

from __future__ import annotations

import pytest

from briefgen.arguments import parser
from briefgen.options import DEFAULT_TEMPLATE


def help_of(*command: str) -> None:
    """Print the help of ``command`` (argparse then exits)."""
    with pytest.raises(SystemExit):
        parser().parse_args([*command, "--help"])


def test_the_build_options_map_onto_the_library(capsys):
    args = parser().parse_args(
        [
            "build",
            "inputs/met",
            "-t",
            "summary-grid",
            "-t",
            "x.docx",
            "--pdf",
            "-j",
            "2",
            "--meeting-date",
            "2019-10-16",
        ]
    )
    assert [str(p) for p in args.inputs] == ["inputs/met"]
    assert args.template == ["summary-grid", "x.docx"] and args.pdf and args.jobs == 2
    assert str(args.meeting_date) == "2019-10-16" and args.committee is None


def test_the_help_names_the_default_template_and_the_formats(capsys):
    help_of("build")
    shown = " ".join(capsys.readouterr().out.split())
    assert f"(default: {DEFAULT_TEMPLATE}; built-in:" in shown
    assert "--format FORMAT" in shown and "(pdf: PDF (through LibreOffice))" in shown
    help_of("draft")
    drafted = " ".join(capsys.readouterr().out.split())
    assert "the report: a file (text, markdown, .html, PDF or .docx) or" in drafted


def test_an_output_format_from_the_table():
    assert parser().parse_args(["build", "x", "--format", "pdf"]).format == ["pdf"]
    with pytest.raises(SystemExit):
        parser().parse_args(["build", "x", "--format", "docx"])  # always written


@pytest.mark.parametrize(
    "argv, said",
    [
        (["biuld"], "invalid choice: 'biuld'"),
        (["build", "x", "--templte", "t"], "unrecognized arguments"),
        (["build", "x", "--meeting-date", "16/10/2019"], "is not a date written YYYY-MM-DD"),
    ],
)
def test_mistakes_are_answered_with_what_was_meant(capsys, argv, said):
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(argv)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert said in error
    if argv[0] == "biuld":
        assert "did you mean 'build'?" in error
    if "--templte" in argv:
        assert "did you mean --template?" in error
