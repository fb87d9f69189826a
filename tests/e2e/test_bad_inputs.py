"""Bad input never breaks a briefing: each case in bad_inputs/ is refused cleanly, word for word.

A case folder holds the files that differ from inputs/metropolitan-2018-19 (byte-exact), an
optional delete.txt (paths to remove, one a line) and expected.txt: the exact stderr of
``briefgen validate <case>`` run from the folder above the case ("ok", on stdout, for the valid
control). A case whose every line is a warning is built (exit 0, the warnings printed by both
commands) and fails only with ``--strict``.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.inputs import MAX_FILE_BYTES

from ..helpers import MET, TESTS, copy_met, run_briefgen

BAD = TESTS / "bad_inputs"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
OK = "ok\n"


@dataclass
class Outcome:
    validate: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    created: list[str]  # files that running both commands left behind


def expected(case: str) -> str:
    return (BAD / case / "expected.txt").read_text("utf-8")


def warns_only(case: str) -> bool:
    return expected(case) != OK and all(
        ": warning: " in line for line in expected(case).splitlines()
    )


def assemble(case: str, root: Path) -> Path:
    """The Met example copied to root/case, with the case's files laid over it."""
    folder = root / case
    copy_met(folder)
    for path in sorted((BAD / case).rglob("*")):
        rel = path.relative_to(BAD / case)
        if path.is_file() and str(rel) not in ("expected.txt", "delete.txt"):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / rel)
    deletions = BAD / case / "delete.txt"
    for rel in deletions.read_text("utf-8").splitlines() if deletions.exists() else ():
        shutil.rmtree(folder / rel) if (folder / rel).is_dir() else (folder / rel).unlink()
    return folder


def run_both(case: str, root: Path) -> Outcome:
    before = set(root.rglob("*"))
    validate = run_briefgen("validate", case, cwd=root)
    build = run_briefgen("build", case, "-o", "out.docx", cwd=root)
    created = sorted(str(p.relative_to(root)) for p in set(root.rglob("*")) - before)
    return Outcome(validate, build, created)


def assert_refused_cleanly(outcome: Outcome) -> None:
    validate, build = outcome.validate, outcome.build
    assert (validate.returncode, build.returncode) == (1, 1)
    assert validate.stdout == build.stdout == ""
    assert "Traceback" not in validate.stderr + build.stderr
    assert build.stderr == validate.stderr != ""
    assert outcome.created == []  # no document, no temporary file, nothing a YAML tag ran


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    @functools.cache
    def run(case: str) -> Outcome:
        root = tmp_path_factory.mktemp(case)
        assemble(case, root)
        return run_both(case, root)

    return run


def test_corpus_is_large_enough():
    assert len(CASES) >= 32
    assert len([case for case in CASES if warns_only(case)]) >= 4


@pytest.mark.parametrize("case", CASES)
def test_refused_cleanly(case, outcome):
    if expected(case) == OK or warns_only(case):  # a positive control, or only warnings
        result = outcome(case)
        warned = "" if expected(case) == OK else expected(case)
        assert (result.validate.returncode, result.build.returncode) == (0, 0)
        assert (result.validate.stdout, result.validate.stderr, result.build.stderr) == (
            OK,
            warned,
            warned,
        )
        assert result.created == ["out.docx"]
    else:
        assert_refused_cleanly(outcome(case))


@pytest.mark.parametrize("case", CASES)
def test_message(case, outcome):
    result = outcome(case).validate
    assert (result.stderr or result.stdout) == expected(case)


@pytest.mark.parametrize("case", [case for case in CASES if warns_only(case)])
def test_strict_fails_on_warnings(case, tmp_path):
    assemble(case, tmp_path)
    validate = run_briefgen("validate", "--strict", case, cwd=tmp_path)
    build = run_briefgen("build", "--strict", case, "-o", "out.docx", cwd=tmp_path)
    assert (validate.returncode, validate.stdout, validate.stderr) == (1, "", expected(case))
    assert (build.returncode, build.stdout, build.stderr) == (1, "", expected(case))
    assert not (tmp_path / "out.docx").exists()


def test_oversized_file(tmp_path):
    folder = tmp_path / "oversized-file"
    copy_met(folder)
    element = folder / "elements" / "armed-response.yaml"
    with element.open("a", encoding="utf-8") as f:
        f.write("  - " + "x" * MAX_FILE_BYTES + "\n")
    result = run_both("oversized-file", tmp_path)
    assert_refused_cleanly(result)
    assert result.validate.stderr == (
        f"oversized-file/elements/armed-response.yaml:1:1: file is "
        f"{element.stat().st_size:,} bytes; a briefing input may be at most 1,000,000 bytes\n"
    )


def test_missing_assessment_folder(tmp_path):
    result = run_both("no-such-folder", tmp_path)
    assert_refused_cleanly(result)
    assert result.validate.stderr == (
        "no-such-folder:1:1: does not exist; expected an "
        "assessment folder holding assessment.yaml and elements/\n"
    )


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "out.docx"
    assert run_briefgen("build", str(MET), "-o", str(out), cwd=tmp_path).returncode == 0
    good = out.read_bytes()
    assemble("all-at-once", tmp_path)
    result = run_briefgen("build", "all-at-once", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1 and result.stderr
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "all-at-once",
        "metropolitan-2016-efficiency",
        "out.docx",
    ]
