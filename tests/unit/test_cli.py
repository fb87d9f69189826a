"""cli.py on its own: arguments mapped to one options object per command, and the library's
answers and errors mapped to text and exit codes. The library is stood in for by functions that
record what they are given and answer as told; tests/e2e/test_cli.py runs the whole commands."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import briefgen
from briefgen.build import Built
from briefgen.cli import EXIT_INTERRUPTED, ProgressBar, main
from briefgen.errors import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    FileProblem,
    InputError,
    OptionError,
    PartlyBuilt,
    Problem,
)
from briefgen.options import BuildOptions, CheckOptions, DraftOptions, NewOptions
from briefgen.validate import Checked


class Library:
    """Stands in for one function of the declared API: what it was called with, its answer."""

    def __init__(self, answer: Callable[..., Any]):
        self.answer = answer
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.answer(*args)


def replace(monkeypatch: pytest.MonkeyPatch, name: str, answer: Callable[..., Any]) -> Library:
    library = Library(answer)
    monkeypatch.setattr(briefgen, name, library)
    return library


def raising(error: BaseException) -> Callable[..., Any]:
    def answer(*args: Any) -> Any:
        raise error

    return answer


WARNING = Problem("inputs/met/elements/x.yaml", 4, 5, "a bullet starts with •", warning=True)


def test_build_arguments_become_one_options_object(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    build = replace(monkeypatch, "build", lambda options, progress: Built([], []))
    argv = [
        "--frameworks",
        "ours",
        "build",
        "inputs/a",
        "inputs/b",
        "-t",
        "summary-grid",
        "-t",
        "mine.docx",
        "-o",
        "out.docx",
        "--pdf",
        "--committee",
        "Police and Crime Committee",
        "--meeting-date",
        "2019-10-16",
        "--appendix",
        "2",
        "--into",
        "cover.docx",
        "--strict",
        "-j",
        "3",
        "--soffice",
        "/opt/soffice",
    ]
    assert main(argv) == EXIT_OK
    [(options, progress)] = build.calls
    assert options == BuildOptions(
        inputs=(Path("inputs/a"), Path("inputs/b")),
        templates=("summary-grid", "mine.docx"),
        output=Path("out.docx"),
        formats=("docx", "pdf"),
        paper={
            "committee": "Police and Crime Committee",
            "meeting_date": dt.date(2019, 10, 16),
            "appendix": "2",
        },
        cover=Path("cover.docx"),
        frameworks=(Path("ours"),),
        strict=True,
        jobs=3,
        soffice="/opt/soffice",
    )
    assert progress is None  # not a terminal: no progress bar


def test_a_plain_build_leaves_every_choice_to_the_library(monkeypatch):
    build = replace(monkeypatch, "build", lambda options, progress: Built([], []))
    assert main(["build", "inputs/a"]) == EXIT_OK
    assert build.calls[0][0] == BuildOptions(inputs=(Path("inputs/a"),))


def test_what_a_build_wrote_is_printed_and_its_warnings_told(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    written = [tmp_path / "outputs" / "met-briefing.docx", tmp_path / "outputs" / "met.pdf"]
    replace(monkeypatch, "build", lambda options, progress: Built(written, [WARNING]))
    assert main(["build", "inputs/met"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == "outputs/met-briefing.docx\noutputs/met.pdf\n"
    assert err == f"{WARNING.text()}\n"
    assert main(["build", "inputs/met", "--quiet"]) == EXIT_OK
    assert capsys.readouterr() == ("", f"{WARNING.text()}\n")  # warnings even when quiet


def test_several_documents_are_counted_with_the_time_taken(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    written = [tmp_path / "a.docx", tmp_path / "b.docx"]
    replace(monkeypatch, "build", lambda options, progress: Built(written, []))
    assert main(["build", "a", "b"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == "a.docx\nb.docx\n" and err.startswith("briefgen: 2 files written in ")
    assert err.endswith(" s\n")


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (OptionError("--jobs must be 1 or more"), EXIT_USAGE, "briefgen: --jobs must be 1 or more"),
        (FileProblem("out: is a folder"), EXIT_INVALID, "out: is a folder"),
        (InputError([Problem("met/assessment.yaml", 2, 1, "force: missing")]), EXIT_INVALID, ""),
    ],
)
def test_the_librarys_errors_become_their_exit_codes_and_lines(
    monkeypatch, capsys, error, code, said
):
    replace(monkeypatch, "build", raising(error))
    assert main(["build", "inputs/met"]) == code
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == error.lines()
    assert said in err


def test_a_partial_build_tells_what_was_written_before_what_failed(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    failed = InputError([Problem("b/assessment.yaml", 2, 1, "force: missing")])
    error = PartlyBuilt([tmp_path / "a.docx"], [WARNING], [failed])
    replace(monkeypatch, "build", raising(error))
    assert main(["build", "a", "b"]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert out == "a.docx\n"
    assert err.splitlines() == [WARNING.text(), *error.lines()]


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (
            KeyboardInterrupt(),
            EXIT_INTERRUPTED,
            "briefgen: stopped (Ctrl-C); what was there before is as it was\n",
        ),
        (
            MemoryError(),
            EXIT_INVALID,
            "briefgen: stopped: this machine has not the memory for what was asked; check the "
            "inputs and templates for something far larger than a briefing\n",
        ),
        (
            RuntimeError("a bug"),
            EXIT_INVALID,
            "briefgen: internal error: RuntimeError('a bug') (run with --debug for details)\n",
        ),
    ],
)
def test_what_is_not_the_users_doing_is_said_plainly(monkeypatch, capsys, error, code, said):
    replace(monkeypatch, "check", raising(error))
    assert main(["validate", "inputs/met"]) == code
    assert capsys.readouterr() == ("", said)


def test_a_bug_is_shown_whole_with_debug(monkeypatch):
    replace(monkeypatch, "check", raising(RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        main(["--debug", "validate", "inputs/met"])


def test_output_into_a_closed_pipe_ends_quietly(monkeypatch, capsys):
    replace(monkeypatch, "check", raising(BrokenPipeError()))
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert main(["validate", "inputs/met"]) == EXIT_OK


def test_text_that_is_not_utf8_is_refused_before_anything_runs(monkeypatch, capsys):
    new = replace(monkeypatch, "new", lambda options: [])
    assert main(["new", "kent", "--framework", "peel-2023-25", "--force", "K\udce9nt"]) == 2
    assert capsys.readouterr().err == (
        "briefgen: --force: holds bytes that are not UTF-8 text; type it again in a terminal "
        "that uses UTF-8\n"
    )
    assert new.calls == []


def checked(problems: list[Problem], warnings: list[Problem]) -> Callable[..., Checked]:
    return lambda folder, options: Checked(None, problems, warnings)


def test_validate_prints_every_problem_and_fails_on_one(monkeypatch, tmp_path, capsys):
    (tmp_path / "met").mkdir()
    problem = Problem("met/elements/x.yaml", 3, 10, "grading: 'Fine' is not a grading")
    check = replace(monkeypatch, "check", checked([problem], [WARNING]))
    assert main(["--frameworks", "ours", "validate", str(tmp_path / "met")]) == EXIT_INVALID
    assert check.calls == [(tmp_path / "met", CheckOptions((Path("ours"),), False))]
    assert capsys.readouterr() == ("", f"{WARNING.text()}\n{problem.text()}\n")


def test_validate_passes_with_warnings_unless_strict(monkeypatch, tmp_path, capsys):
    (tmp_path / "met").mkdir()
    replace(monkeypatch, "check", checked([], [WARNING]))
    assert main(["validate", str(tmp_path / "met")]) == EXIT_OK
    assert capsys.readouterr() == ("ok\n", f"{WARNING.text()}\n")
    assert main(["validate", str(tmp_path / "met"), "--strict"]) == EXIT_INVALID
    assert capsys.readouterr() == ("", f"{WARNING.text()}\n")


def test_validate_names_each_input_only_when_there_are_several(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    replace(monkeypatch, "check", checked([], []))
    assert main(["validate", "a", "b"]) == EXIT_OK
    assert capsys.readouterr().out == "a: ok\nb: ok\n"


def test_new_and_draft_fill_their_options_and_say_what_they_did(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    new = replace(monkeypatch, "new", lambda options: [Path("kent/assessment.yaml")] * 3)
    args = ["new", "kent", "--framework", "peel-2023-25", "--force", "Kent Police"]
    assert main(args) == EXIT_OK
    assert new.calls == [(NewOptions(Path("kent"), "peel-2023-25", "Kent Police"),)]
    assert capsys.readouterr().out == (
        "kent: 3 files written; fill in what says “to be completed” "
        "(briefgen validate kent lists them)\n"
    )

    class Drafted:
        def summary(self) -> list[str]:
            return ["met: drafted", "elements found: 10 of 10"]

    draft = replace(monkeypatch, "draft", lambda options: Drafted())
    assert main(["draft", "met.pdf", "-o", "met", "--overwrite"]) == EXIT_OK
    [(options,)] = draft.calls
    assert isinstance(options, DraftOptions)
    assert (options.report, options.folder, options.overwrite) == (
        "met.pdf",  # a file or a web address
        Path("met"),
        True,
    )
    assert capsys.readouterr().out == "met: drafted\nelements found: 10 of 10\n"


def test_briefgen_alone_prints_the_help(capsys):
    assert main([]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith("usage: briefgen ") and err == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_on_a_terminal_only_and_cleared():
    assert ProgressBar.for_terminal(io.StringIO()) is None
    terminal = Terminal()
    bar = ProgressBar.for_terminal(terminal)
    assert bar is not None
    bar(1, 1, Path("met"))  # one input: no bar
    bar.close()
    assert terminal.getvalue() == ""
    bar(1, 4, Path("inputs/metropolitan-2018-19"))
    assert terminal.getvalue() == (
        "\r[#######.......................] 1/4 " + "metropolitan-2018-19".ljust(40)
    )
    bar.close()
    assert terminal.getvalue().endswith("\r" + " " * 80 + "\r")
