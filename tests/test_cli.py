"""The briefgen command, end to end, as an officer runs it."""

from __future__ import annotations

import pytest

from briefgen.cli import main

from .helpers import MET, require_tool, run_briefgen


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
        "element: armed-response\ncomments: [ok]\nrecomendations: [x]\n", "utf-8")
    out = tmp_path / "out.docx"
    result = run_briefgen("build", str(met_copy), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "metropolitan-2018-19/elements/armed-response.yaml:3:1: recomendations: unknown key "
        "'recomendations'; did you mean 'recommendations'?; allowed keys: element, grading, "
        "carried_over_from, not_inspected, comments, causes_of_concern, recommendations, areas_for_improvement\n")
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
        "notes.docx: is not a Word document (.docx) that can be read\n")


def test_templates_list(capsys):
    assert main(["templates", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [
        "briefing", "committee-appendix", "grading-history", "summary-grid"]
    assert all(len(line.split(None, 1)[1]) > 20 for line in lines), "each has a description"


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
