"""template_cache.py: what a template's parts alone decide (each prepared and compiled, a
part's XML in Word's order) worked out once and kept; nothing kept is believed that is not
whole."""

from __future__ import annotations

import docx
from docxtpl import DocxTemplate
from lxml import etree

from briefgen import template_cache
from briefgen.environment import make_environment

from ..helpers import cache_entries

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_part_compiled_once_renders_as_jinja_compiles_it(cache_folder):
    env = make_environment(DocxTemplate(None))
    source = "{{ force|upper }}: {{ 3|number_word }}"
    first = template_cache.compiled(env, source)
    (entry,) = cache_entries(cache_folder, "compiled")
    again = template_cache.compiled(env, source)
    assert cache_entries(cache_folder, "compiled") == [entry]
    assert first.render(force="Kent") == again.render(force="Kent") == "KENT: three"
    assert again.render(force="Kent") == env.from_string(source).render(force="Kent")
    entry.write_bytes(entry.read_bytes()[:-4])  # damaged: compiled again
    assert template_cache.compiled(env, source).render(force="Essex") == "ESSEX: three"


def test_a_part_prepared_once_is_read_back_not_prepared_again(cache_folder):
    calls: list[str] = []

    def prepare(xml: str) -> str:
        calls.append(xml)
        return xml.replace("{ {", "{{")

    assert template_cache.prepared("<w:t>{ { force }}</w:t>", prepare) == "<w:t>{{ force }}</w:t>"
    assert template_cache.prepared("<w:t>{ { force }}</w:t>", prepare) == "<w:t>{{ force }}</w:t>"
    assert calls == ["<w:t>{ { force }}</w:t>"]


def test_a_part_is_written_with_its_properties_in_words_order(cache_folder, tmp_path):
    out_of_order = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:jc w:val="center"/>'
        '<w:pStyle w:val="Heading1"/></w:pPr></w:p></w:body></w:document>'
    )

    def order_of(xml: bytes) -> list[str]:
        return [etree.QName(e).localname for e in next(etree.fromstring(xml).iter(f"{{{W}}}pPr"))]

    for keep in (True, True, False):  # worked out, then known, then not kept
        written = template_cache.in_order(etree.fromstring(out_of_order), keep=keep)
        assert order_of(written) == ["pStyle", "jc"]
    assert len(cache_entries(cache_folder, "ordered")) == 1
    plain = docx.Document().element  # already in order: written as python-docx writes it
    assert template_cache.in_order(plain).startswith(b"<?xml")
