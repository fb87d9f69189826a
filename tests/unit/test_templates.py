"""templates.py: the catalogue of built-in templates (the filters: ``test_environment.py``)."""

from __future__ import annotations

import pytest

from briefgen.errors import TemplateProblem
from briefgen.templates import builtin_templates, find_template


def test_builtin_templates_found():
    assert set(builtin_templates()) >= {"briefing", "summary-grid"}
    assert find_template("briefing").name == "briefing.docx"
    with pytest.raises(TemplateProblem, match="built-in templates: briefing"):
        find_template("no-such-template")
