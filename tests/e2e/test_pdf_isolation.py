"""LibreOffice is held in: it fetches nothing from the network whatever a document links to,
its temporary files stay in the folder briefgen sweeps, Ctrl-C stops it and briefgen quietly,
and what it says (a full disk) or makes (not a PDF) is told in an officer's words."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import docx
import pytest

from briefgen import pdf
from briefgen.cli import main

from ..helpers import MET, require_tool
from .test_hostile_files import add_linked_picture


class Listener:
    """A server on 127.0.0.1 that counts who connects to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections: list[bytes] = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except (TimeoutError, OSError):
                continue
            connection.settimeout(1)
            try:
                self.connections.append(connection.recv(200))
            except OSError:
                self.connections.append(b"")
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.socket.close()


def linked_document(path: Path, address: str) -> Path:
    """A document whose picture is linked to ``address`` (fetched on opening), not embedded."""
    document = docx.Document()
    document.add_paragraph("A document with a linked picture.")
    add_linked_picture(document, address)
    document.save(path)
    return path


@pytest.fixture
def system_temp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder, as briefgen and LibreOffice see it, made empty."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def test_libreoffice_fetches_nothing_a_document_links_to(tmp_path, system_temp):
    require_tool("soffice", "libreoffice-writer-nogui")
    listener = Listener()
    try:
        document = linked_document(
            tmp_path / "linked.docx", f"http://127.0.0.1:{listener.port}/image.png"
        )
        out = tmp_path / "out"
        out.mkdir()
        made = pdf.convert([document], out)
    finally:
        listener.close()
    assert made == [out / "linked.pdf"] and made[0].read_bytes().startswith(b"%PDF")
    assert listener.connections == []
    assert list(system_temp.iterdir()) == []  # its lu*.tmp files went with its profile


def _soffice_of(parent: int, timeout: float = 120) -> int:
    """The process id of the LibreOffice that process ``parent`` started, once it runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status and b"soffice" in command:
                return int(entry.name)
        time.sleep(0.1)
    raise AssertionError("LibreOffice did not start")


def _gone(pid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/status").read_text().find("State:\tZ") >= 0:
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["ctrl-c", "kill -9"])
def test_a_run_stopped_while_libreoffice_converts_leaves_nothing(tmp_path, system_temp, how):
    """Ctrl-C: exit 130, one quiet line, LibreOffice gone, the old pair as it was. kill -9:
    LibreOffice dies too, and its temporary files (in the profile folder) go at the next run."""
    require_tool("soffice", "libreoffice-writer-nogui")
    (tmp_path / "out.docx").write_bytes(b"old docx")
    (tmp_path / "out.pdf").write_bytes(b"old pdf")
    run = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(MET), "-o", "out.docx", "--pdf"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(system_temp)},
    )
    soffice = _soffice_of(run.pid)
    time.sleep(1)  # LibreOffice at work
    run.send_signal(signal.SIGINT if how == "ctrl-c" else signal.SIGKILL)
    out, err = run.communicate(timeout=60)
    assert _gone(soffice)
    assert (tmp_path / "out.docx").read_bytes() == b"old docx"
    assert (tmp_path / "out.pdf").read_bytes() == b"old pdf"
    assert not list(system_temp.glob("lu*.tmp"))
    if how == "ctrl-c":
        assert (run.returncode, out) == (130, "")
        assert err == "briefgen: stopped (Ctrl-C); what was there before is as it was\n"
        assert list(system_temp.iterdir()) == []
    else:
        left = list(system_temp.iterdir())
        assert [p.name.startswith(f"briefgen-lo-{run.pid}-") for p in left] == [True]
        pdf.sweep_profiles()
        assert list(system_temp.iterdir()) == []


def _fake_soffice(path: Path, script: str) -> Path:
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


_OUTDIR = 'while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; last="$1"; shift; done\n'


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for LibreOffice")
def test_a_program_that_writes_no_pdf_is_told(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    fake = _fake_soffice(
        tmp_path / "not-soffice",
        _OUTDIR + 'echo "not a pdf" > "$out/$(basename "$last" .docx).pdf"\n',
    )
    assert main(["build", str(MET), "-o", "out.docx", "--pdf", "--soffice", str(fake)]) == 1
    assert capsys.readouterr().err == (
        f"{fake} did not make a PDF of out.docx (what "
        "it wrote cannot be read as one); name LibreOffice's "
        "soffice with --soffice\n"
    )
    assert not (tmp_path / "out.pdf").exists() and not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for LibreOffice")
def test_a_full_disk_is_told_in_plain_words(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    fake = _fake_soffice(
        tmp_path / "full-soffice",
        'echo "Error: Please verify input parameters... (SfxBaseModel::'
        "impl_store <file:///x.pdf> failed: 0x507(Error Area:Io Class:Space "
        'Code:7)" >&2\nexit 1\n',
    )
    assert main(["build", str(MET), "-o", "out.docx", "--pdf", "--soffice", str(fake)]) == 1
    assert capsys.readouterr().err == (
        f"{tmp_path.resolve()}: no room left on the disk for the PDF; make room, and build again\n"
    )
