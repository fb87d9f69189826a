"""The docxtpl internals briefgen overrides or calls, pinned: if a docxtpl release renames or
reshapes one, this test names it, rather than a briefing silently coming out wrong.

briefgen uses (render.py, compose.py, templates.py, template_check.py, word_places.py):
``DocxTemplate.render_xml_part``, ``render_properties`` and ``fix_tables`` (overridden),
``patch_xml``, ``get_headers_footers``, ``HEADER_URI``/``FOOTER_URI``, ``init_docx``,
``new_subdoc``, ``render_footnotes`` (overridden: each footnotes part once), ``pre_processing``,
``get_xml``, ``get_part_xml``, and the attributes ``docx`` and ``current_rendering_part``.
pyproject.toml bounds docxtpl below its next minor release; raise the bound only with this test
passing.
"""

from __future__ import annotations

import inspect

import pytest
from docxtpl import DocxTemplate

#: Each method briefgen relies on, with the parameters it passes or overrides.
METHODS = {
    "render_xml_part": ["self", "src_xml", "part", "context", "jinja_env"],
    "render_properties": ["self", "context", "jinja_env"],
    "fix_tables": ["self", "xml"],
    "patch_xml": ["self", "src_xml"],
    "get_headers_footers": ["self", "uri"],
    "init_docx": ["self", "reload"],
    "new_subdoc": ["self", "docpath"],
    "render": ["self", "context", "jinja_env", "autoescape"],
    "render_footnotes": ["self", "context", "jinja_env"],
    "pre_processing": ["self"],
    "get_xml": ["self"],
    "get_part_xml": ["self", "part"],
}


@pytest.mark.parametrize("name", METHODS)
def test_method(name):
    method = getattr(DocxTemplate, name, None)
    assert callable(method), f"docxtpl changed: DocxTemplate.{name} is gone; briefgen uses it"
    found = list(inspect.signature(method).parameters)
    assert found[: len(METHODS[name])] == METHODS[name], (
        f"docxtpl changed: DocxTemplate.{name} now takes {found}; briefgen expects {METHODS[name]}"
    )


@pytest.mark.parametrize("name", ["HEADER_URI", "FOOTER_URI"])
def test_part_uri(name):
    value = getattr(DocxTemplate, name, None)
    assert isinstance(value, str) and value.endswith(name.split("_")[0].lower()), (
        f"docxtpl changed: DocxTemplate.{name} is {value!r}; briefgen finds headers and footers "
        "by it"
    )


def test_attributes_set_while_rendering(tmp_path):
    import jinja2

    from ..helpers import template_with

    tpl = DocxTemplate(template_with(tmp_path, "{{ 'x'|seen }}"))
    parts = []

    def seen(value):
        parts.append(getattr(tpl, "current_rendering_part", "gone"))
        return value

    env = jinja2.Environment()
    env.filters["seen"] = seen
    tpl.render({}, env)
    assert tpl.docx is not None, "docxtpl changed: rendering no longer sets .docx"
    assert parts == [tpl.docx.part], (
        f"docxtpl changed: DocxTemplate.current_rendering_part is {parts}, not the part being "
        "rendered; briefgen's hyperlink filter relates its link to it"
    )
