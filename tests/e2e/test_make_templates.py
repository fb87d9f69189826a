"""tools/make_templates.py makes the shipped templates and cover report, part for part (the
zip's own timestamps aside): a change to the script shows in the files it makes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from ..helpers import ROOT


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_script_makes_the_shipped_templates(tmp_path):
    # In its own process, as it is run: briefgen's renderer, loaded here, changes how
    # python-docx writes document properties.
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_templates.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.docx"))
    shipped = sorted(
        p.relative_to(ROOT / "templates") for p in (ROOT / "templates").rglob("*.docx")
    )
    assert made == shipped and Path("covers/cover-report.docx") in made
    for name in made:
        assert parts(tmp_path / name) == parts(ROOT / "templates" / name), name
