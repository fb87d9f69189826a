"""Shared fixtures: the Met example, built documents, and external tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.templates import builtin_templates

from .helpers import MET, copy_met, load_assessment, render_to_file


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
