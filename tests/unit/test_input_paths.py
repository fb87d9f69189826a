"""The assessment folders a command names: wildcards the shell left as typed (PowerShell and the
Command Prompt do), and a folder of assessment folders."""

from __future__ import annotations

import shutil

import pytest

from briefgen.errors import FileProblem
from briefgen.input_paths import assessment_folders

from ..helpers import MET, MET_2016, ROOT, run_briefgen

INPUTS = ROOT / "inputs"


def test_a_wildcard_the_shell_left_is_expanded_to_the_folders_it_matches():
    assert assessment_folders([INPUTS / "*"]) == [MET_2016, MET]
    assert assessment_folders([str(INPUTS / "metropolitan-201?-19")]) == [MET]
    # In the order given (a folder named twice is refused by build: two outputs in one place).
    assert assessment_folders([MET, INPUTS / "metropolitan-2016*"]) == [MET, MET_2016]


def test_a_folder_of_assessment_folders_stands_for_them():
    assert assessment_folders([INPUTS]) == [MET_2016, MET]
    assert assessment_folders([MET]) == [MET]


def test_a_pattern_matching_no_folder_says_so(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder", "utf-8")
    for pattern in ("kent-*", "*.txt"):
        with pytest.raises(FileProblem) as refused:
            assessment_folders([tmp_path / pattern])
        assert str(refused.value) == (
            f"{tmp_path / pattern}: no folder matches this name (a * in it stands for any "
            "letters, a ? for any one letter); check the folder names"
        )


def test_a_name_that_exists_as_written_is_not_a_pattern(tmp_path):
    odd = tmp_path / "kent*2023"
    odd.mkdir()
    (tmp_path / "kent-2023").mkdir()
    assert assessment_folders([odd]) == [odd]


def test_neither_an_assessment_nor_a_folder_of_them_is_kept_for_the_check_to_name(tmp_path):
    (tmp_path / "empty").mkdir()
    assert assessment_folders([tmp_path / "empty", tmp_path / "missing"]) == [
        tmp_path / "empty",
        tmp_path / "missing",
    ]


def test_validate_and_build_as_typed_in_powershell(tmp_path):
    """No shell between: briefgen sees inputs/* and inputs as typed."""
    shutil.copytree(INPUTS, tmp_path / "inputs")
    for typed in ("inputs/*", "inputs"):
        result = run_briefgen("validate", typed, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == (
            "inputs/metropolitan-2016-efficiency: ok\ninputs/metropolitan-2018-19: ok\n"
        )
    result = run_briefgen("build", "inputs", "-t", "summary-grid", "-q", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == [
        "metropolitan-2016-efficiency-summary-grid.docx",
        "metropolitan-2018-19-summary-grid.docx",
    ]
    result = run_briefgen("validate", "inputs/kent*", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "inputs/kent*: no folder matches this name (a * in it stands for "
        "any letters, a ? for any one letter); check the folder names\n"
    )
