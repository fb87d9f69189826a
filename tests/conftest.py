"""Shared fixtures: the Met example, built documents, and external tools."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.templates import builtin_templates

from .helpers import MET, copy_met, load_assessment, render_to_file, require_tool


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory) -> Iterator[Path]:
    """Builds in the tests keep what they cache in a folder of their own, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
        yield folder


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


@pytest.fixture(scope="session")
def pdfs(built, tmp_path_factory) -> dict[str, Path]:
    """The Met documents of ``built`` as PDFs, by template name: one LibreOffice run for every
    test that reads a PDF of them."""
    from briefgen.pdf import convert

    require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("pdf")
    return dict(zip(built, convert(list(built.values()), out), strict=True))
