"""Shared fixtures: the Met example, built documents, and external tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefgen.render import render_to_file
from briefgen.templates import builtin_templates
from briefgen.validate import load_assessment

ROOT = Path(__file__).resolve().parents[1]
MET = ROOT / "inputs" / "metropolitan-2018-19"
MET_2016 = ROOT / "inputs" / "metropolitan-2016-efficiency"
FIXTURES = Path(__file__).parent / "fixtures"


def require_tool(name: str, package: str) -> str:
    """The tool's path; skip (locally) or fail (in CI) when it is not installed."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (Debian package {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it")
    pytest.skip(message)


def copy_met(folder: Path) -> Path:
    """Copy the Met 2018/19 inputs to ``folder``, with the 2016 assessment they follow beside
    it (``previous: [../metropolitan-2016-efficiency]``)."""
    shutil.copytree(MET, folder)
    earlier = folder.parent / MET_2016.name
    if not earlier.exists():
        shutil.copytree(MET_2016, earlier)
    return folder


@pytest.fixture
def met_copy(tmp_path: Path) -> Path:
    """A copy of the Met 2018/19 inputs that a test may change."""
    return copy_met(tmp_path / "metropolitan-2018-19")


@pytest.fixture(scope="session")
def met_assessment():
    return load_assessment(MET)


@pytest.fixture(scope="session")
def built(tmp_path_factory, met_assessment) -> dict[str, Path]:
    """The Met briefing built with every built-in template, by template name."""
    out = tmp_path_factory.mktemp("built")
    return {
        name: render_to_file(met_assessment, path, out / f"metropolitan-2018-19-{name}.docx")
        for name, path in builtin_templates().items()
    }
