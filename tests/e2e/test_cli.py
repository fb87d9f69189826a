"""The briefgen command, end to end, as an officer runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefgen.cli import main

from ..helpers import MET, ROOT, require_tool, run_briefgen


def test_build_default_output(tmp_path):
    result = run_briefgen("build", str(MET), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "outputs" / "metropolitan-2018-19-briefing.docx"
    assert result.stdout == "outputs/metropolitan-2018-19-briefing.docx\n"
    assert out.read_bytes()[:2] == b"PK"


def test_build_twice_same_bytes(tmp_path):
    out = tmp_path / "grid.docx"
    assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["build", str(MET), "--template", "summary-grid", "--output", str(out)]) == 0
    assert out.read_bytes() == first


def test_build_with_template_path(tmp_path):
    template = MET.parents[1] / "templates" / "summary-grid.docx"
    out = tmp_path / "x.docx"
    assert main(["build", str(MET), "--template", str(template), "-o", str(out)]) == 0
    assert out.is_file()


def test_validate_ok(capsys):
    assert main(["validate", str(MET)]) == 0
    assert capsys.readouterr().out == "ok\n"


def test_validate_several(capsys, met_copy):
    assert main(["validate", str(MET), str(met_copy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line.endswith(": ok") for line in lines)


def test_invalid_input_exit_1_no_output(met_copy, tmp_path):
    (met_copy / "elements" / "armed-response.yaml").write_text(
        "element: armed-response\ncomments: [ok]\nrecomendations: [x]\n", "utf-8"
    )
    out = tmp_path / "out.docx"
    result = run_briefgen("build", str(met_copy), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "metropolitan-2018-19/elements/armed-response.yaml:3:1: recomendations: unknown key "
        "'recomendations'; did you mean 'recommendations'?; allowed keys: element, grading, "
        "carried_over_from, not_inspected, comments, causes_of_concern, recommendations, "
        "areas_for_improvement\n"
    )
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_output_path_problems_exit_1(tmp_path, capsys):
    assert main(["build", str(MET), "-o", str(tmp_path)]) == 1
    assert "is a folder; give a file name ending .docx" in capsys.readouterr().err
    assert main(["build", str(MET), "-o", str(tmp_path / "missing" / "x.docx")]) == 1
    assert "no such folder for the output" in capsys.readouterr().err
    assert main(["build", str(MET), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "must be a .docx file" in capsys.readouterr().err


def test_unwritable_output_folder(tmp_path, capsys, monkeypatch):
    # As root (CI) every folder is writable, so the refusal is simulated where it happens.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("briefgen.outputs.tempfile.mkstemp", refuse)
    assert main(["build", str(MET), "-o", str(tmp_path / "x.docx")]) == 1
    assert capsys.readouterr().err.endswith("x.docx: cannot be written: Permission denied\n")
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exited:
        main(["build"])
    assert exited.value.code == 2


def test_unknown_template_exit_1(tmp_path, capsys):
    assert main(["build", str(MET), "-t", "nope", "-o", str(tmp_path / "x.docx")]) == 1
    assert "no such template" in capsys.readouterr().err


def test_show_prints_yaml(tmp_path, capsys):
    out = tmp_path / "g.docx"
    assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "Tackling serious and organised crime" in shown and "style: List Bullet 2" in shown


def test_build_pdf(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "grid.docx"
    assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out), "--pdf"]) == 0
    assert (tmp_path / "grid.pdf").read_bytes().startswith(b"%PDF-")


def test_show_refuses_what_is_not_a_document(tmp_path, capsys):
    fake = tmp_path / "notes.docx"
    fake.write_text("hello", "utf-8")
    assert main(["show", str(fake)]) == 1
    assert capsys.readouterr().err.endswith(
        "notes.docx: is not a Word document (.docx) that can be read\n"
    )


def test_templates_list(capsys):
    assert main(["templates", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [
        "briefing",
        "committee-appendix",
        "grading-history",
        "summary-grid",
        "cover-report",
    ]
    assert all(len(line.split(None, 1)[1]) > 20 for line in lines), "each has a description"
    assert lines[-1].split(None, 1)[1].startswith("a cover for --into: ")


def test_templates_copy_then_build_with_the_copy(tmp_path, capsys):
    copy = tmp_path / "our-grid.docx"
    assert main(["templates", "copy", "summary-grid", str(copy)]) == 0
    assert copy.read_bytes() == (MET.parents[1] / "templates" / "summary-grid.docx").read_bytes()
    assert main(["templates", "copy", "summary-grid", str(copy)]) == 1
    assert "already exists" in capsys.readouterr().err
    out = tmp_path / "out.docx"
    assert main(["build", str(MET), "--template", str(copy), "-o", str(out)]) == 0
    assert main(["templates", "copy", "nope", str(tmp_path / "x.docx")]) == 1
    assert "no such built-in template" in capsys.readouterr().err


def test_every_command_has_a_purpose_and_an_example():
    from briefgen.arguments import parser as _parser

    def commands(parser, prefix=()):
        for action in parser._actions:
            for name, sub in (getattr(action, "choices", None) or {}).items():
                if hasattr(sub, "format_help"):
                    yield (*prefix, name), sub
                    yield from commands(sub, (*prefix, name))

    found = dict(commands(_parser()))
    assert sorted(" ".join(k) for k in found) == [
        "build",
        "draft",
        "frameworks",
        "frameworks show",
        "new",
        "schema",
        "serve",
        "show",
        "templates",
        "templates check",
        "templates copy",
        "templates list",
        "validate",
    ]
    for name, sub in found.items():
        text = sub.format_help()
        assert sub.description and "\n" not in sub.description, name
        assert "\nexample" in text and f"  briefgen {name[0]}" in text.split("\nexample")[1], name


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["bild", "x"],
            "invalid choice: 'bild' (choose from 'new', 'frameworks', 'schema', 'build', "
            "'validate', 'templates', 'draft', 'serve', 'show'); did you mean 'build'?",
        ),
        (
            ["build", "x", "--tempalte", "y"],
            "unrecognized arguments: --tempalte y; did you mean --template?",
        ),
        (
            ["templates", "lst"],
            "invalid choice: 'lst' (choose from 'list', 'copy', 'check'); did you mean 'list'?",
        ),
        (["validate", "x", "--stirct"], "unrecognized arguments: --stirct; did you mean --strict?"),
    ],
)
def test_a_mistyped_command_or_option_gets_did_you_mean(args, said, tmp_path):
    result = run_briefgen(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(said)


def test_debug_before_or_after_the_command(tmp_path):
    bad = tmp_path / "met"
    from ..helpers import copy_met

    copy_met(bad)
    element = bad / "elements" / "investigating-crime.yaml"
    element.write_text(
        element.read_text("utf-8").replace(
            "  - The force needs to review how it allocates crimes for investigation.",
            "  - 'The force's allocation needs review.'",
        ),
        "utf-8",
    )
    plain = run_briefgen("validate", "met", cwd=tmp_path)
    said = (
        " (YAML said: expected <block end>, but found '<scalar>' (while parsing a block "
        "collection))\n"
    )
    assert plain.returncode == 1 and "YAML said" not in plain.stderr
    for args in (
        ["--debug", "validate", "met"],
        ["validate", "met", "--debug"],
        ["validate", "--debug", "met"],
    ):
        result = run_briefgen(*args, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == plain.stderr[:-1] + said


def test_new_then_validate_from_the_command_line(tmp_path):
    result = run_briefgen(
        "new", "kent", "--framework", "peel-2023-25", "--force", "Kent Police", cwd=tmp_path
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "kent: 13 files written; fill in what says “to be completed” "
        "(briefgen validate kent lists them)\n"
    )
    again = run_briefgen(
        "new", "kent", "--framework", "peel-2023-25", "--force", "Kent Police", cwd=tmp_path
    )
    assert (again.returncode, again.stderr) == (
        1,
        "kent: already exists; briefgen new never writes over a folder: choose a new folder name\n",
    )
    unknown = run_briefgen("new", "x", "--framework", "peel-2023", "--force", "K", cwd=tmp_path)
    assert unknown.returncode == 2 and "did you mean 'peel-2023-25'?" in unknown.stderr


def test_frameworks_list_and_show(capsys):
    assert main(["frameworks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10
    assert lines[7] == (
        "peel-2018-19: PEEL 2018/19 (2018/19); pillars: effectiveness, "
        "efficiency, legitimacy; scale: Outstanding, Good, Requires improvement, "
        "Inadequate"
    )
    assert lines[9] == (
        "peel-2023-25: PEEL 2023–25 (2023–25); pillars: none (areas only); "
        "scale: Outstanding, Good, Adequate, Requires improvement, Inadequate"
    )
    assert main(["frameworks", "show", "peel-2018-19"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[:5] == [
        "peel-2018-19: PEEL 2018/19 (HMICFRS, 2018/19)",
        "scale: Outstanding, Good, Requires improvement, Inadequate (an element it does not "
        "grade: Ungraded)",
        "continues: peel-2017, peel-2016",
        "elements (write each as elements/KEY.yaml):",
        "  pillar effectiveness: Effectiveness (graded overall)",
    ]
    assert "    armed-response: Armed response capability (not graded)" in shown
    assert main(["frameworks", "show", "peel-2018"]) == 2
    assert capsys.readouterr().err.startswith(
        "briefgen: frameworks show: unknown framework 'peel-2018'; did you mean 'peel-2018-19'?"
    )


def test_schema_command_writes_the_schemas(tmp_path, capsys):
    assert main(["schema", "--framework", "peel-2021-22", "-o", str(tmp_path / "s")]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "assessment.peel-2021-22.schema.json",
        "element.peel-2021-22.schema.json",
    ]


def test_an_option_the_template_does_not_show_is_a_warning(tmp_path):
    args = ["build", str(MET), "-t", "summary-grid", "-o", "grid.docx", "--appendix", "2"]
    result = run_briefgen(*args, cwd=tmp_path)
    warning = (
        "briefgen: warning: --appendix: "
        + str(ROOT / "templates" / "summary-grid.docx")
        + " does not show paper.appendix, so this option changes nothing; leave it out, "
        "or use a template that shows it, such as committee-appendix\n"
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "grid.docx\n", warning)
    strict = run_briefgen(*args, "--strict", cwd=tmp_path / "..")
    assert strict.returncode == 1 and "--appendix" in strict.stderr
    shown = run_briefgen(
        "build",
        str(MET),
        "-t",
        "committee-appendix",
        "-o",
        "a.docx",
        "--appendix",
        "2",
        "--committee",
        "Police and Crime Committee",
        "--meeting-date",
        "2019-10-16",
        cwd=tmp_path,
    )
    assert (shown.returncode, shown.stderr) == (0, "")


@pytest.mark.parametrize("command", [["--help"], ["frameworks"], ["validate", str(MET)]])
def test_light_commands_load_no_rendering_library(command, tmp_path):
    """--help, frameworks and validate answer without loading docxtpl, python-docx, lxml or
    docxcompose (nor Jinja): they start in a fraction of a render's time."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['briefgen', *{command!r}]\n"
        "try:\n    runpy.run_module('briefgen', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}\n"
        "               & {'docxtpl', 'docx', 'lxml', 'docxcompose', 'jinja2'})\n"
        "print('loaded:', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.stderr.strip().endswith("loaded: []"), result.stderr


def test_a_batch_shows_its_progress_on_a_terminal_only(met_copy, tmp_path, monkeypatch, capsys):
    import io

    from briefgen import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    bar = cli.ProgressBar.for_terminal(terminal)
    bar(1, 43, tmp_path / "metropolitan-2018-19")
    shown = terminal.getvalue()
    assert shown.startswith("\r[") and "1/43 metropolitan-2018-19" in shown
    bar.close()
    assert terminal.getvalue().endswith("\r")
    assert cli.ProgressBar.for_terminal(io.StringIO()) is None  # not a terminal: no bar
    monkeypatch.chdir(tmp_path)
    other = met_copy.rename(tmp_path / "metropolitan-copy")
    assert main(["build", str(MET), str(other), "-t", "summary-grid", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["build", str(MET), str(other), "-t", "summary-grid"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "outputs/metropolitan-2018-19-summary-grid.docx",
        "outputs/metropolitan-copy-summary-grid.docx",
    ]
    assert captured.err.startswith("briefgen: 2 files written in ")


def test_briefgen_alone_prints_the_help(tmp_path):
    result = run_briefgen(cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: briefgen ")
    assert "build" in result.stdout and "validate" in result.stdout
