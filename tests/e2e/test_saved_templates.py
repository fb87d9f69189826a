"""Templates as officers save them: each built-in template saved by LibreOffice in each of its
ways, and by python-docx, builds a clean package (no part twice, every part valid), keeps its
title, and no Python warning is ever printed."""

from __future__ import annotations

import re
import subprocess
import warnings
from pathlib import Path

import docx
import pytest

from briefgen.cli import main
from briefgen.templates import builtin_templates

from ..helpers import MET, PAPER, require_tool, run_briefgen
from ..ooxml_schema import schema_problems

TEMPLATES = sorted(builtin_templates())
#: LibreOffice's ways of saving as .docx: File › Save and "Keep current format" writes what
#: the "MS Word 2007 XML" filter does; plain "docx" is the command line's default, which
#: relates docProps/core.xml by an older spelling of its type.
LIBREOFFICE = {"keep current format": "docx:MS Word 2007 XML", "convert to docx": "docx"}
WAYS = [*LIBREOFFICE, "python-docx"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """Every built-in template saved each way (one LibreOffice run a way, for all four), by
    the way's name: the folder they are in."""
    root = tmp_path_factory.mktemp("saved")
    folders = {}
    for way, target in LIBREOFFICE.items():
        soffice = require_tool("soffice", "libreoffice-writer-nogui")
        folders[way] = root / way.replace(" ", "-")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(root / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folders[way]),
                *[str(builtin_templates()[name]) for name in TEMPLATES],
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    folders["python-docx"] = root / "python-docx"
    folders["python-docx"].mkdir()
    for name in TEMPLATES:
        docx.Document(str(builtin_templates()[name])).save(
            str(folders["python-docx"] / f"{name}.docx")
        )
    return folders


def title(path: Path) -> str:
    return docx.Document(str(path)).core_properties.title


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.filterwarnings("error")  # any Python warning fails the test
def test_a_template_saved_each_way_builds_a_clean_package(way, saved, tmp_path, capsys):
    for name in TEMPLATES:
        template = saved[way] / f"{name}.docx"
        assert main(["templates", "check", str(template)]) == 0, capsys.readouterr().err
        ours, theirs = tmp_path / f"{name}-original.docx", tmp_path / f"{name}.docx"
        paper = PAPER if name == "committee-appendix" else []  # what an appendix needs
        assert main(["build", str(MET), "-t", name, "-o", str(ours), *paper]) == 0
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert main(["build", str(MET), "-t", str(template), "-o", str(theirs), *paper]) == 0
        assert schema_problems(theirs.read_bytes()) == [], (way, name)
        assert title(theirs) == title(ours) != "Word Document", (way, name)
        assert capsys.readouterr().err == ""


@pytest.mark.parametrize("way", WAYS)
def test_the_command_prints_no_python_warning(way, saved, tmp_path):
    """As an officer runs it, in its own process: every template saved this way in one
    build, and nothing on the error stream."""
    templates = [arg for name in TEMPLATES for arg in ("-t", str(saved[way] / f"{name}.docx"))]
    done = run_briefgen("build", str(MET), *templates, *PAPER, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"briefgen: 4 files written in [\d.]+ s\n", done.stderr), done.stderr
    assert len(list((tmp_path / "outputs").glob("*.docx"))) == len(TEMPLATES)
