"""light_imports.py: docxtpl imported without its sub-documents, which load when one is made.

Each check runs in a fresh Python, where nothing is imported yet."""

from __future__ import annotations

import json
import subprocess
import sys

from ..helpers import template_with

SCRIPT = """
import json, sys
from briefgen.light_imports import docxtpl_lightly
docxtpl_lightly()
names = ("docxtpl", "docxtpl.subdoc", "docxcompose", "babel")
lightly = sorted(n for n in names if n in sys.modules)
docxtpl_lightly()  # a second call changes nothing
import docxtpl
template = docxtpl.DocxTemplate(sys.argv[1])  # docxtpl works as imported
template.render({"force": "Kent"})
template.new_subdoc()  # a sub-document loads what it needs on the spot
after = sorted(n for n in ("docxtpl.subdoc", "docxcompose") if n in sys.modules)
print(json.dumps([lightly, after]))
"""


def test_docxtpl_loads_without_its_sub_documents_until_one_is_made(tmp_path):
    template = str(template_with(tmp_path, "{{ force }}"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, template], capture_output=True, encoding="utf-8"
    )
    assert result.returncode == 0, result.stderr
    lightly, after = json.loads(result.stdout)
    assert lightly == ["docxtpl"]
    assert after == ["docxcompose", "docxtpl.subdoc"]
