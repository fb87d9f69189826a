"""template_cache.py: what a template alone decides (its check, its parts prepared and
compiled, a part's XML in Word's order) worked out once and kept; nothing kept is believed
that is not whole, and a template with problems is checked every time."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from briefgen import cache, template_cache
from briefgen.environment import make_environment
from briefgen.errors import TemplateProblems

from ..helpers import template_with

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A cache of the test's own, empty."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.bin"))


def test_a_sound_template_is_checked_once_and_its_answer_kept(folder, tmp_path):
    template = template_with(tmp_path, "{{ force }}: {{ paper.appendix }} {{ paper.committee }}")
    used = {"paper.appendix", "paper.committee"}
    assert template_cache.require_sound(template) == used
    (entry,) = entries(folder, "checked")
    assert entry.read_bytes().endswith(b'["paper.appendix", "paper.committee"]')
    cache.write("checked", entry.stem, b'["paper.kept"]')  # the kept answer is the one given
    assert template_cache.require_sound(template) == {"paper.kept"}
    entry.write_bytes(entry.read_bytes().replace(b"kept", b"kepT"))  # its seal broken
    assert template_cache.require_sound(template) == used
    assert entries(folder, "checked") == [entry]


def test_a_template_with_problems_is_told_every_time(folder, tmp_path):
    template = template_with(tmp_path, "{{ force_nmae }}")
    for _ in range(2):
        with pytest.raises(TemplateProblems, match="force_nmae"):
            template_cache.require_sound(template)
    assert not entries(folder, "checked")


def test_a_changed_template_is_checked_again(folder, tmp_path):
    template = template_with(tmp_path, "{{ force }}")
    assert template_cache.require_sound(template) == set()
    template_with(tmp_path, "{{ force_nmae }}")
    with pytest.raises(TemplateProblems, match="force_nmae"):
        template_cache.require_sound(template)


def test_a_damaged_check_answer_is_not_believed(folder, tmp_path):
    template = template_with(tmp_path, "{{ paper.committee }}")
    template_cache.require_sound(template)
    (entry,) = entries(folder, "checked")
    entry.write_bytes(entry.read_bytes().replace(b"[", b"{"))
    assert template_cache.require_sound(template) == {"paper.committee"}
    assert entry.read_bytes().endswith(b'["paper.committee"]')  # checked again, rewritten


def test_a_part_compiled_once_renders_as_jinja_compiles_it(folder):
    env = make_environment(DocxTemplate(None))
    source = "{{ force|upper }}: {{ 3|number_word }}"
    first = template_cache.compiled(env, source)
    (entry,) = entries(folder, "compiled")
    again = template_cache.compiled(env, source)
    assert entries(folder, "compiled") == [entry]
    assert first.render(force="Kent") == again.render(force="Kent") == "KENT: three"
    assert again.render(force="Kent") == env.from_string(source).render(force="Kent")
    entry.write_bytes(entry.read_bytes()[:-4])  # damaged: compiled again
    assert template_cache.compiled(env, source).render(force="Essex") == "ESSEX: three"


def test_a_part_prepared_once_is_read_back_not_prepared_again(folder):
    calls: list[str] = []

    def prepare(xml: str) -> str:
        calls.append(xml)
        return xml.replace("{ {", "{{")

    assert template_cache.prepared("<w:t>{ { force }}</w:t>", prepare) == "<w:t>{{ force }}</w:t>"
    assert template_cache.prepared("<w:t>{ { force }}</w:t>", prepare) == "<w:t>{{ force }}</w:t>"
    assert calls == ["<w:t>{ { force }}</w:t>"]


def test_a_part_is_written_with_its_properties_in_words_order(folder, tmp_path):
    out_of_order = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:jc w:val="center"/>'
        '<w:pStyle w:val="Heading1"/></w:pPr></w:p></w:body></w:document>'
    )

    def order_of(xml: bytes) -> list[str]:
        return [etree.QName(e).localname for e in next(etree.fromstring(xml).iter(f"{{{W}}}pPr"))]

    for keep in (True, True, False):  # worked out, then known, then not kept
        written = template_cache.in_order(etree.fromstring(out_of_order), keep=keep)
        assert order_of(written) == ["pStyle", "jc"]
    assert len(entries(folder, "ordered")) == 1
    plain = docx.Document().element  # already in order: written as python-docx writes it
    assert template_cache.in_order(plain).startswith(b"<?xml")
