"""The README's walk-through typed in a shell, from a fresh folder to a briefing: ``briefgen
new``, ``validate``, filling in, ``build``. The folder ``new`` writes: ``unit/test_scaffold.py``."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.docx_content import show

from ..helpers import GRADED_2023, ROOT


def walk_through() -> list[str]:
    """The README's walk-through: its lines, as written."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("<!-- walk-through -->\n```\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def test_the_readme_walk_through_from_a_fresh_folder(tmp_path):
    """Typed as written, in a shell, after the set-up: activation first, then bare briefgen."""
    if not (Path(sys.prefix) / "bin" / "activate").is_file():
        pytest.skip("the tests run outside a virtual environment: nothing to activate")
    (tmp_path / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    lines = walk_through()
    assert len(lines) <= 7
    activate, *rest = lines
    assert shlex.split(activate, comments=True) == [".", ".venv/bin/activate"]
    commands = [shlex.split(line, comments=True) for line in rest]
    new, first_validate, _, validate, build = commands
    assert [c[:2] for c in (new, first_validate, validate, build)] == [
        ["briefgen", "new"],
        ["briefgen", "validate"],
        ["briefgen", "validate"],
        ["briefgen", "build"],
    ]
    typed = dict(zip(("new", "first", "_", "validate", "build"), rest, strict=True))

    def run(line: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", f"{activate}\n{line}"],
            cwd=tmp_path,
            capture_output=True,
            encoding="utf-8",
        )

    result = run(typed["new"])
    assert result.returncode == 0, result.stderr
    folder = tmp_path / new[2]
    result = run(typed["first"])
    assert result.returncode == 1 and result.stderr.count("still “to be completed”") == 11
    # Fill in what validate listed: two elements in full, the others' gradings.
    head = folder / "assessment.yaml"
    head.write_text(
        head.read_text("utf-8")
        .replace("published: to be completed", "published: 2025-03-14")
        .replace(
            "source: to be completed", "source: https://hmicfrs.justiceinspectorates.gov.uk/kent/"
        ),
        "utf-8",
    )
    for key, grading, bullet in [
        ("investigating-crime", "Good", "The force investigates crime well."),
        (
            "preventing-crime",
            "Requires improvement",
            "The force's plan is new: it has yet to show results.",
        ),
    ]:
        path = folder / "elements" / f"{key}.yaml"
        path.write_text(
            path.read_text("utf-8").replace("grading: to be completed", f"grading: {grading}")
            + f'comments:\n  - "{bullet}"\n',
            "utf-8",
        )
    for key in GRADED_2023:
        path = folder / "elements" / f"{key}.yaml"
        path.write_text(
            path.read_text("utf-8").replace("grading: to be completed", "grading: Adequate"),
            "utf-8",
        )
    result = run(typed["validate"])
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")
    result = run(typed["build"])
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "outputs/kent-2023-25-briefing.docx\n"
    text = str(show(tmp_path / "outputs" / "kent-2023-25-briefing.docx"))
    assert "The force investigates crime well." in text
    assert "The force's plan is new: it has yet to show results." in text
