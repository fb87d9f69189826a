"""build --open: each document opened in the system's viewer when it is made; here the viewer is
a fake one (BRIEFGEN_OPENER, or a fake xdg-open or open on the PATH) that notes what it was
asked to open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.viewer import OPENER_VARIABLE, documents_to_open, open_in_viewer

from ..helpers import MET


def fake_opener(folder: Path, name: str = "fake-viewer", exit_code: int = 0) -> Path:
    """A program that writes the paths it is given to ``opened.txt`` beside it, then exits."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(
        f"#!{sys.executable}\nimport pathlib, sys\n"
        f"pathlib.Path({str(folder / 'opened.txt')!r}).open('a').write("
        f"''.join(a + '\\n' for a in sys.argv[1:]))\nsys.exit({exit_code})\n",
        "utf-8",
    )
    program.chmod(0o755)
    return program


def opened(program: Path) -> list[str]:
    log = program.parent / "opened.txt"
    return log.read_text("utf-8").splitlines() if log.exists() else []


def test_build_open_opens_the_document_it_made(tmp_path, monkeypatch, capsys):
    program = fake_opener(tmp_path / "bin")
    monkeypatch.setenv(OPENER_VARIABLE, str(program))
    out = tmp_path / "briefing.docx"
    assert main(["build", str(MET), "-o", str(out), "--open"]) == 0
    assert opened(program) == [str(out)]
    assert capsys.readouterr().err == ""
    assert main(["build", str(MET), "-o", str(out)]) == 0  # without --open, nothing opened
    assert opened(program) == [str(out)]


def test_with_pdf_it_is_the_pdf_that_is_shown():
    written = [Path("a.docx"), Path("b.docx"), Path("a.pdf"), Path("b.pdf")]
    assert documents_to_open(written) == [Path("a.pdf"), Path("b.pdf")]
    assert documents_to_open([Path("a.docx")]) == [Path("a.docx")]


@pytest.mark.parametrize(("platform", "program"), [("linux", "xdg-open"), ("darwin", "open")])
def test_the_system_s_own_opener_by_default(tmp_path, platform, program):
    fake = fake_opener(tmp_path / "bin", program)
    document = tmp_path / "paper.docx"
    assert open_in_viewer(document, {"PATH": str(fake.parent)}, platform) is None
    assert opened(fake) == [str(document)]


def test_windows_opens_it_with_the_program_its_type_is_registered_to(tmp_path, monkeypatch):
    started: list[Path] = []
    monkeypatch.setattr(os, "startfile", started.append, raising=False)
    assert open_in_viewer(tmp_path / "paper.pdf", {}, "win32") is None
    assert started == [tmp_path / "paper.pdf"]


def test_a_document_that_cannot_be_opened_is_a_warning_not_a_failure(tmp_path, monkeypatch, capsys):
    failing = fake_opener(tmp_path / "bin", exit_code=3)
    monkeypatch.setenv(OPENER_VARIABLE, str(failing))
    out = tmp_path / "grid.docx"
    assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out), "--open"]) == 0
    assert out.is_file()
    assert capsys.readouterr().err == (
        f"briefgen: warning: --open: {out} is written but could not be opened: {failing} "
        "could not open it (exit 3); open it yourself\n"
    )
    warning = open_in_viewer(out, {"PATH": str(tmp_path / "nothing")}, "linux")
    assert warning is not None and warning.text() == (
        f"briefgen: warning: --open: {out} is written but could not be opened: there is no "
        "program 'xdg-open' to open it with; open it yourself"
    )
    warning = open_in_viewer(out, {OPENER_VARIABLE: "no-such-viewer", "PATH": ""}, "linux")
    assert (
        warning is not None
        and "there is no program 'no-such-viewer' (the BRIEFGEN_OPENER setting) to open it with"
        in warning.text()
    )
