"""A template opened without re-reading what does not change: its styles and numbering parsed
only when asked for, written from their bytes when nobody asked, and the document the same."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.opc.constants import CONTENT_TYPE as CT

from briefgen import lazy_parts
from briefgen.docx_package import NOT_A_DOCX
from briefgen.render import _save, open_template, render_bytes
from briefgen.templates import builtin_templates


def lazy_parts_of(document) -> list:
    return [p for p in document.part.package.parts if p.content_type in lazy_parts.LAZY]


def test_styles_and_numbering_are_not_parsed_when_opened():
    document = lazy_parts.open_document(builtin_templates()["summary-grid"])
    parts = lazy_parts_of(document)
    assert {p.content_type for p in parts} == {CT.WML_STYLES, CT.WML_NUMBERING}
    assert all(lazy_parts.untouched(p) is not None for p in parts)
    assert document.part.content_type == CT.WML_DOCUMENT_MAIN  # the rest as python-docx has it


def test_two_documents_read_one_shared_tree_and_leave_their_parts_untouched():
    template = builtin_templates()["summary-grid"]
    first, second = (lazy_parts.open_document(template) for _ in range(2))
    styles = [first.part._styles_part, second.part._styles_part]
    assert lazy_parts.read_only(styles[0]) is lazy_parts.read_only(styles[1])
    assert all(lazy_parts.untouched(p) is not None for p in styles)


def test_a_part_asked_for_is_its_own_and_what_is_changed_in_it_is_written():
    tpl = open_template(builtin_templates()["summary-grid"])
    styles = tpl.docx.part._styles_part
    shared = lazy_parts.read_only(styles)
    own = styles.element
    assert lazy_parts.untouched(styles) is None
    assert own is not shared and lazy_parts.read_only(styles) is own
    own.set("{urn:example}mark", "changed here")
    written = zipfile.ZipFile(io.BytesIO(_save(tpl))).read(styles.partname.membername)
    assert b"changed here" in written
    assert b"changed here" not in zipfile.ZipFile(
        io.BytesIO(_save(open_template(builtin_templates()["summary-grid"])))
    ).read(styles.partname.membername)


@pytest.mark.parametrize("name", ["summary-grid", "briefing"])
def test_a_document_is_the_same_as_with_every_part_parsed(name, monkeypatch, met_assessment):
    met = met_assessment
    template = builtin_templates()[name]
    lazily = render_bytes(met, template)
    monkeypatch.setattr(lazy_parts, "LAZY", frozenset())
    assert render_bytes(met, template) == lazily


def test_a_file_that_is_not_a_word_document_is_refused_as_python_docx_refuses_it(tmp_path):
    path = tmp_path / "not.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(NOT_A_DOCX):
        lazy_parts.open_document(path)


def test_an_untouched_part_is_written_as_python_docx_writes_it_and_looked_up_by_its_bytes(
    monkeypatch,
):
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    from briefgen import template_cache

    styles = lazy_parts.open_document(builtin_templates()["briefing"]).part._styles_part
    raw = lazy_parts.untouched(styles)
    written = template_cache.as_written(raw)
    assert written == template_cache.in_order(parse_xml(raw))
    assert parse_xml(written).tag == parse_xml(serialize_part_xml(parse_xml(raw))).tag
    monkeypatch.setattr("hashlib.sha256", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert template_cache.as_written(raw) is written  # the very bytes: not hashed again
