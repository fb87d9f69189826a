"""Writing documents: never half-written, never a torn .docx and PDF pair, nothing left behind.

The situations are real: a file the user made read-only, a read-only file system (a tmpfs
mounted read-only), a disk that fills while either file is written (a file-size limit on the
briefgen process and its LibreOffice), and briefgen killed with SIGKILL at random moments of
``build --pdf``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest

from briefgen.outputs import commit, process_alive, sweep
from briefgen.pdf import sweep_profiles

from ..helpers import MET, copy_met, require_tool, run_briefgen

GRID = ["-t", "summary-grid"]


def leftovers(folder: Path) -> list[str]:
    """What briefgen left in ``folder`` besides documents: temporary files, staging folders,
    journals."""
    return sorted(p.name for p in folder.iterdir() if ".briefgen-" in p.name)


def lo_processes() -> list[str]:
    """LibreOffice processes that briefgen started (their profile is briefgen's)."""
    found = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if "soffice" in line and "briefgen-lo-" in line]


def test_a_read_only_output_is_not_replaced(tmp_path):
    out = tmp_path / "grid.docx"
    out.write_bytes(b"the officer's own file")
    out.chmod(0o444)
    result = run_briefgen("build", str(MET), *GRID, "-o", "grid.docx", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1,
        (
            "grid.docx: is read-only, so briefgen leaves it as it is; make it writable, or write "
            "somewhere else with -o\n"
        ),
    )
    assert out.read_bytes() == b"the officer's own file"


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder on a read-only file system, as a network share or a locked-down PC has."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a read-only tmpfs: {mounted.stderr}")
        pytest.skip(f"cannot mount a read-only tmpfs: {mounted.stderr}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_working_folder_is_said_plainly(read_only_folder):
    result = run_briefgen("build", str(MET), *GRID, cwd=read_only_folder)
    assert result.returncode == 1
    assert result.stderr in (
        "outputs: cannot be created: Read-only file system\n",
        "outputs: cannot be created: Permission denied\n",
    )
    result = run_briefgen(
        "build",
        str(MET),
        *GRID,
        "-o",
        str(read_only_folder / "x.docx"),
        cwd=read_only_folder.parent,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("ro/x.docx: cannot be written: ")


def build_pdf_with_file_limit(folder: Path, out: str, limit: int) -> subprocess.CompletedProcess:
    """``build --pdf`` as if the disk filled after ``limit`` bytes of any one file."""

    def limit_files() -> None:  # in the child, before briefgen starts (LibreOffice inherits it)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "briefgen", "build", "met", *GRID, "-o", out, "--pdf"],
        cwd=folder,
        capture_output=True,
        encoding="utf-8",
        preexec_fn=limit_files,
    )


@pytest.mark.parametrize("limit, fails_at", [(20_000, ".docx"), (60_000, "PDF")])
def test_a_full_disk_leaves_the_previous_pair(tmp_path, limit, fails_at):
    """The .docx (about 43 kB) or the PDF (about 120 kB) cannot be written in full."""
    require_tool("soffice", "libreoffice-writer-nogui")
    copy_met(tmp_path / "met")
    assert (
        run_briefgen("build", "met", *GRID, "-o", "grid.docx", "--pdf", cwd=tmp_path).returncode
        == 0
    )
    before = {p: (tmp_path / p).read_bytes() for p in ("grid.docx", "grid.pdf")}
    edit = tmp_path / "met" / "assessment.yaml"
    edit.write_text(
        edit.read_text("utf-8").replace(
            "force: Metropolitan Police Service", "force: Full Disk Police Service"
        ),
        "utf-8",
    )
    result = build_pdf_with_file_limit(tmp_path, "grid.docx", limit)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    if fails_at == ".docx":
        assert result.stderr == "grid.docx: cannot be written: File too large\n"
    else:
        assert result.stderr.startswith("LibreOffice could not convert grid.docx")
    assert {p: (tmp_path / p).read_bytes() for p in before} == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("killed_after", ["journal", "old PDF removed", ".docx moved"])
def test_a_journal_left_by_a_killed_run_is_completed_by_the_next(tmp_path, killed_after):
    """A kill inside the commit itself (a window of microseconds the kill loop rarely hits):
    what it leaves never shows a new .docx beside an old PDF, and the next run completes it."""
    stage = tmp_path / ".briefgen-999999999-x"
    stage.mkdir()
    (stage / "a.docx").write_text("new docx")
    (stage / "a.pdf").write_text("new pdf")
    (tmp_path / "a.docx").write_text("old docx")
    (tmp_path / "a.pdf").write_text("old pdf")
    moves = [
        [str(stage / "a.docx"), str(tmp_path / "a.docx")],
        [str(stage / "a.pdf"), str(tmp_path / "a.pdf")],
    ]
    (tmp_path / ".a.docx.briefgen-commit").write_text(
        json.dumps({"pid": 999999999, "moves": moves})
    )
    if killed_after != "journal":
        (tmp_path / "a.pdf").unlink()
    if killed_after == ".docx moved":
        os.replace(stage / "a.docx", tmp_path / "a.docx")
    sweep(tmp_path)
    assert (tmp_path / "a.docx").read_text() == "new docx"
    assert (tmp_path / "a.pdf").read_text() == "new pdf"
    assert leftovers(tmp_path) == []


def test_a_pair_committed_in_one_go_leaves_nothing(tmp_path):
    stage = tmp_path / f".briefgen-{os.getpid()}-x"
    stage.mkdir()
    (stage / "a.docx").write_text("new docx")
    (stage / "a.pdf").write_text("new pdf")
    (tmp_path / "a.pdf").write_text("old pdf")
    commit([(stage / "a.docx", tmp_path / "a.docx"), (stage / "a.pdf", tmp_path / "a.pdf")])
    assert [(tmp_path / n).read_text() for n in ("a.docx", "a.pdf")] == ["new docx", "new pdf"]
    stage.rmdir()
    assert leftovers(tmp_path) == []
    sweep(tmp_path)  # a live run's staging folder is not swept
    stage.mkdir()
    sweep(tmp_path)
    assert stage.exists()


#: The force is renamed in version b of the input: which version a document is, is whether it
#: names this.
RENAMED = "Kilmetro"


def version_of_docx(path: Path) -> str:
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    return "b" if RENAMED in text else "a"


def version_of_pdf(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "b" if RENAMED in text else "a"


KILLS = 30


def test_kill_9_at_random_moments_never_tears_the_pair(tmp_path):
    """``build --pdf`` killed with SIGKILL at random moments, alternating between two versions
    of the input: after each kill, the folder holds a pair of one version (or a .docx alone,
    whose PDF the next run adds), both open, and the next run leaves nothing behind."""
    require_tool("soffice", "libreoffice-writer-nogui")
    require_tool("pdftotext", "poppler-utils")
    folders = {}
    for name, force in (("a", "Metropolitan"), ("b", RENAMED)):
        folders[name] = copy_met(tmp_path / name / "met")
        head = folders[name] / "assessment.yaml"
        head.write_text(head.read_text("utf-8").replace("Metropolitan", force), "utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    docx_path, pdf_path = out_dir / "grid.docx", out_dir / "grid.pdf"
    command = [
        sys.executable,
        "-m",
        "briefgen",
        "build",
        "met",
        *GRID,
        "-o",
        str(docx_path),
        "--pdf",
    ]
    started = time.monotonic()
    assert subprocess.run(command, cwd=folders["a"].parent, capture_output=True).returncode == 0
    full = time.monotonic() - started
    rng = random.Random(13)
    figures = {
        "kills": 0,
        "pairs": 0,
        "docx alone": 0,
        "completed by the next run": 0,
        "finished before the kill": 0,
    }
    turn = 0
    while figures["kills"] < KILLS and turn < 3 * KILLS:
        turn += 1
        process = subprocess.Popen(
            command,
            cwd=folders["ab"[turn % 2]].parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, full))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            figures["kills"] += 1
        else:
            figures["finished before the kill"] += 1
        process.wait()
        time.sleep(0.2)  # the kernel kills LibreOffice with its parent
        assert docx_path.exists()  # there was a good pair before: a .docx always stands
        docx_version = version_of_docx(docx_path)
        if pdf_path.exists():
            assert version_of_pdf(pdf_path) == docx_version, f"torn pair after kill {turn}"
            figures["pairs"] += 1
        else:
            figures["docx alone"] += 1
        journal = any(p.name.endswith(".briefgen-commit") for p in out_dir.iterdir())
        sweep(out_dir)  # what the next run does first
        figures["completed by the next run"] += journal
        if pdf_path.exists():
            assert version_of_pdf(pdf_path) == version_of_docx(docx_path)
        assert leftovers(out_dir) == []
    assert lo_processes() == []
    sweep_profiles()  # what the next conversion does first
    assert [
        p
        for p in Path(tempfile.gettempdir()).glob("briefgen-lo-*")
        if not process_alive(int(p.name.split("-")[2]))
    ] == []
    print(f"\nkill loop: {figures}")
    assert figures["kills"] == KILLS
