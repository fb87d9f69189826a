"""The build pipeline: several inputs, everything checked before anything is written."""

from __future__ import annotations

import pytest

from briefgen import pdf
from briefgen.cli import main

from .helpers import MET, PAPER, require_tool


def test_several_inputs_build_into_outputs(met_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert main(["build", str(MET), str(other), "-t", "summary-grid"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "outputs/metropolitan-2018-19-summary-grid.docx",
        "outputs/metropolitan-copy-summary-grid.docx"]
    assert main(["build", str(MET), str(other), "-o", "x.docx"]) == 2
    assert "-o/--output names one file" in capsys.readouterr().err
    assert main(["build", str(MET), str(MET)]) == 2
    assert "two inputs would both be written to outputs/metropolitan-2018-19-briefing.docx" \
        in capsys.readouterr().err


def test_several_inputs_checked_before_anything_is_written(met_copy, tmp_path, monkeypatch,
                                                           capsys):
    monkeypatch.chdir(tmp_path)
    (met_copy / "elements" / "armed-response.yaml").unlink()
    assert main(["build", str(MET), str(met_copy)]) == 1
    assert "armed-response" in capsys.readouterr().err
    assert not (tmp_path / "outputs" / "metropolitan-2018-19-briefing.docx").exists()


def test_many_inputs_convert_in_one_libreoffice_run(met_copy, tmp_path, monkeypatch):
    require_tool("soffice", "libreoffice-writer-nogui")
    runs = []
    real_run = pdf._run

    def counting_run(command, *args, **kwargs):
        returncode, said = real_run(command, *args, **kwargs)
        if returncode != pdf._RESTART:  # a new profile: LibreOffice asks to start again
            runs.append(command)
        return returncode, said

    monkeypatch.setattr("briefgen.pdf._run", counting_run)
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "metropolitan-copy"
    met_copy.rename(other)
    assert main(["build", str(MET), str(other), "-t", "committee-appendix", "--pdf",
                 *PAPER]) == 0
    assert len(runs) == 1
    for name in ("metropolitan-2018-19", "metropolitan-copy"):
        assert (tmp_path / "outputs" / f"{name}-committee-appendix.pdf").read_bytes()[:5] \
            == b"%PDF-"


def test_build_is_a_library_call_with_its_frameworks_given(tmp_path):
    from briefgen import frameworks
    from briefgen.build import build
    from briefgen.errors import InputError

    out = tmp_path / "grid.docx"
    assert build([MET], "summary-grid", out) == ([out], [])
    assert out.read_bytes()[:2] == b"PK"
    with pytest.raises(InputError) as refused:
        build([MET], "summary-grid", out, frameworks=[tmp_path])  # no frameworks there
    assert "unknown framework 'peel-2018-19'" in str(refused.value)
    assert build([MET], "summary-grid", out, frameworks=[frameworks.BUILTIN]).written == [out]
