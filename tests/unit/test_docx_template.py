"""docx_template.py: a .docx opened as a template, and filled in within the sandbox's bounds,
its failures told in Word terms and marked as the bounds' or not."""

from __future__ import annotations

import pytest

from briefgen.docx_template import FillFailed, fill, open_template, xml_text
from briefgen.errors import TemplateProblem

from ..helpers import template_with


def filled_text(tmp_path, *paragraphs: str, **context) -> list[str]:
    tpl = open_template(template_with(tmp_path, *paragraphs))
    fill(tpl, context)
    return [p.text for p in tpl.docx.paragraphs]


def failure(tmp_path, *paragraphs: str) -> FillFailed:
    tpl = open_template(template_with(tmp_path, *paragraphs))
    with pytest.raises(FillFailed) as caught:
        fill(tpl, {})
    return caught.value


def test_a_template_is_filled_in_with_its_context_escaped(tmp_path):
    assert filled_text(tmp_path, "Force: {{ force }}", force="Devon & Cornwall") == [
        "Force: Devon & Cornwall"
    ]


def test_work_beyond_the_bounds_is_told_in_word_terms_and_marked_as_the_bounds(tmp_path):
    looped = failure(tmp_path, "Intro", "{{ range(10**6)|length }}")
    assert looped.beyond_bounds
    assert looped.message.startswith("paragraph 2 “{{ range(10**6)|length }}”: ")
    assert "at most 100,000 numbers" in looped.message
    endless = failure(tmp_path, "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}")
    assert endless.beyond_bounds
    assert endless.message.endswith(": a macro or include calls itself without end")


def test_a_mistake_on_this_data_is_not_the_bounds(tmp_path):
    unknown = failure(tmp_path, "{{ nothing.here }}")
    assert not unknown.beyond_bounds
    assert "nothing" in unknown.message


def test_what_is_not_a_word_document_is_refused_by_name(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("not a zip", "utf-8")
    with pytest.raises(TemplateProblem) as caught:
        open_template(path)
    assert str(caught.value).endswith(
        "notes.docx: is not a Word document (.docx) that can be opened; save it from Word or "
        "LibreOffice as .docx"
    )


def test_a_part_saved_as_utf16_is_read_as_utf8():
    xml = '<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="urn:w">é</w:document>'
    text = xml_text(xml.encode("utf-16"))
    assert text.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    assert text.endswith('<w:document xmlns:w="urn:w">é</w:document>')
    assert xml_text(b"<a>plain</a>") == "<a>plain</a>"
