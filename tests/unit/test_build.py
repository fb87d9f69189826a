"""The build pipeline: several inputs, everything checked before anything is written."""

from __future__ import annotations

import pytest

from briefgen import pdf
from briefgen.cli import main

from ..helpers import MET, PAPER, require_tool


def test_several_inputs_build_into_outputs(met_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert main(["build", str(MET), str(other), "-t", "summary-grid"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "outputs/metropolitan-2018-19-summary-grid.docx",
        "outputs/metropolitan-copy-summary-grid.docx",
    ]
    assert main(["build", str(MET), str(other), "-o", "x.docx"]) == 2
    assert "-o/--output names one file" in capsys.readouterr().err
    assert main(["build", str(MET), str(MET)]) == 2
    assert (
        "two inputs would both be written to outputs/metropolitan-2018-19-briefing.docx"
        in capsys.readouterr().err
    )


def test_one_failing_input_does_not_stop_the_others(met_copy, tmp_path, monkeypatch, capsys):
    """A batch builds every input it can; each one that fails is located as usual, and the
    exit code says that one did. (A single input that fails still writes nothing.)"""
    monkeypatch.chdir(tmp_path)
    broken = met_copy.rename(tmp_path / "broken-copy")
    (broken / "elements" / "armed-response.yaml").unlink()
    assert main(["build", str(MET), str(broken), "-t", "summary-grid"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "outputs/metropolitan-2018-19-summary-grid.docx\n"
    assert captured.err.splitlines() == [
        "broken-copy/assessment.yaml:3:12: framework: PEEL 2018/19 has the element "
        "'armed-response' (Armed response capability), but there is no "
        "elements/armed-response.yaml; write it, or, if this inspection did not look at Armed "
        "response capability, make elements/armed-response.yaml of the two lines “element: "
        "armed-response” and “not_inspected: true”",
        "briefgen: 1 input could not be built; the others were",
    ]
    assert (tmp_path / "outputs" / "metropolitan-2018-19-summary-grid.docx").exists()
    assert not (tmp_path / "outputs" / "broken-copy-summary-grid.docx").exists()
    assert main(["build", str(broken), "-t", "summary-grid"]) == 1
    assert not (tmp_path / "outputs" / "broken-copy-summary-grid.docx").exists()


def test_a_batch_gives_the_same_bytes_as_one_at_a_time(met_copy, tmp_path, monkeypatch):
    """Every input × template pair across two worker processes, against each built alone."""
    from briefgen import BuildOptions, build

    monkeypatch.chdir(tmp_path)
    other = met_copy.rename(tmp_path / "metropolitan-copy")
    templates = ["summary-grid", "briefing", "grading-history"]
    done = []
    built = build(
        BuildOptions([MET, other], templates, jobs=2),
        progress=lambda n, total, folder: done.append((n, total)),
    )
    assert len(built.written) == 6 and sorted(done) == [(1, 2), (2, 2)]
    batch = {path.name: path.read_bytes() for path in built.written}
    for folder in (MET, other):
        for template in templates:
            alone = tmp_path / "alone" / f"{folder.name}-{template}.docx"
            alone.parent.mkdir(exist_ok=True)
            assert build(BuildOptions([folder], template, alone, jobs=1)).written == [alone]
            assert alone.read_bytes() == batch[alone.name], alone.name


@pytest.mark.parametrize("jobs, processes", [("1", 1), ("2", 2)])
def test_pdfs_are_made_by_a_libreoffice_process_per_core(
    met_copy, tmp_path, monkeypatch, jobs, processes
):
    """Four documents, converted by as many LibreOffice processes as --jobs (by default, the
    cores) allows: each process its own profile, each PDF committed with its .docx."""
    require_tool("soffice", "libreoffice-writer-nogui")
    runs = []
    real_run = pdf.run_soffice

    def counting_run(command, *args, **kwargs):
        returncode, said = real_run(command, *args, **kwargs)
        if returncode != pdf.RESTART:  # a new profile: LibreOffice asks to start again
            runs.append(next(a for a in command if a.startswith("-env:UserInstallation=")))
        return returncode, said

    monkeypatch.setattr("briefgen.pdf.run_soffice", counting_run)
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert (
        main(
            [
                "build",
                str(MET),
                str(other),
                "-t",
                "committee-appendix",
                "-t",
                "summary-grid",
                "--pdf",
                "--jobs",
                jobs,
                *PAPER,
            ]
        )
        == 0
    )
    assert len(runs) == len(set(runs)) == processes  # one run each, each its own profile
    for name in ("metropolitan-2018-19", "metropolitan-copy"):
        for template in ("committee-appendix", "summary-grid"):
            assert (tmp_path / "outputs" / f"{name}-{template}.pdf").read_bytes()[:5] == b"%PDF-"


def test_build_is_a_library_call_with_its_frameworks_given(tmp_path):
    """Frameworks in a folder the caller names win over the built-in ones of the same key."""
    from briefgen import BuildOptions, InputError, OptionError, build

    out = tmp_path / "grid.docx"
    assert build(BuildOptions([MET], "summary-grid", out)) == ([out], [])
    assert out.read_bytes()[:2] == b"PK"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "peel-2018-19.yaml").write_text("key: peel-2018-19\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:  # the named folder's (broken) file is used
        build(BuildOptions([MET], "summary-grid", out, frameworks=[mine]))
    assert str(mine / "peel-2018-19.yaml") in str(refused.value)
    with pytest.raises(OptionError, match="no such folder"):
        build(BuildOptions([MET], "summary-grid", out, frameworks=[tmp_path / "none"]))
