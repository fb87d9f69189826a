"""Each command loads only what it needs: checking valid input loads no jsonschema (the quick
check says so), and building with a template checked before loads neither the template checker
nor jsonschema, nor LibreOffice's helpers unless PDFs are asked for. Told by the modules a
process has loaded, not by time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..helpers import MET

#: Modules only checking needs: jsonschema for explaining input errors, the template checker.
CHECKING = {"jsonschema", "briefgen.template_check", "briefgen.context_shape"}
RENDERING = {"docxtpl", "docx", "lxml", "docxcompose", "jinja2"}
#: Loaded only to build several documents at once, or PDFs.
ONLY_FOR_MORE = {"concurrent.futures.process", "briefgen.pdf", "pikepdf"}


def loaded(args: list[str], cwd: Path, cache: Path) -> set[str]:
    """The modules ``briefgen ARGS`` has loaded by the time it ends."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['briefgen', *{args!r}]\n"
        "try:\n    runpy.run_module('briefgen', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)},
    )
    return set(result.stderr.split())


def names(modules: set[str], wanted: set[str]) -> set[str]:
    """Which of ``wanted`` (packages or modules) are among ``modules``."""
    return {w for w in wanted if any(m == w or m.startswith(w + ".") for m in modules)}


def test_validating_valid_input_loads_neither_jsonschema_nor_rendering(tmp_path):
    modules = loaded(["validate", str(MET)], tmp_path, tmp_path / "cache")
    assert names(modules, {"jsonschema", *RENDERING, *CHECKING, *ONLY_FOR_MORE}) == set()
    assert "briefgen.validate" in modules


def test_validating_invalid_input_loads_jsonschema_to_explain_it(met_copy, tmp_path):
    head = met_copy / "assessment.yaml"
    head.write_text(
        head.read_text("utf-8").replace("published: 2019-09-27", "published: 27/09/2019"), "utf-8"
    )
    modules = loaded(["validate", str(met_copy)], tmp_path, tmp_path / "cache")
    assert names(modules, {"jsonschema"}) == {"jsonschema"}
    assert names(modules, RENDERING) == set()


def test_a_build_with_a_template_checked_before_loads_no_checker(tmp_path):
    args = ["build", str(MET), "-t", "summary-grid", "-o", "grid.docx", "--quiet"]
    first = loaded(args, tmp_path, tmp_path / "cache")  # checks the template, keeps the answer
    assert names(first, CHECKING) == {"briefgen.template_check", "briefgen.context_shape"}
    again = loaded(args, tmp_path, tmp_path / "cache")
    assert names(again, CHECKING | ONLY_FOR_MORE) == set()
    assert names(again, {"docxtpl", "jinja2"}) == {"docxtpl", "jinja2"}  # it did render
    assert names(again, {"docxcompose", "babel"}) == set()  # sub-documents: only for --into
    assert names(first, {"fontTools"}) == {"fontTools"}  # the fonts measured, and kept
    assert names(again, {"fontTools"}) == set()
    assert (tmp_path / "grid.docx").is_file()
