"""Word's own rules for element order: every property element's children in schema order, in
every built-in template and every document built from one."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from briefgen.ooxml_order import in_word_part, missing_attributes, out_of_order, put_in_order
from briefgen.render import render_bytes
from briefgen.templates import builtin_templates

from ..helpers import MET_2016, cover_report, load_assessment


def problems_in(data: bytes) -> list[str]:
    """Every element of a .docx's Word parts whose children are out of schema order, or that
    lacks an attribute the schema requires, as "part: element: what" lines."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in filter(in_word_part, package.namelist()):
            for element in etree.fromstring(package.read(name)).iter():
                late, lacking = out_of_order(element), missing_attributes(element)
                if late:
                    found.append(
                        f"{name}: {etree.QName(element).localname}: "
                        f"{', '.join(late)} out of place in "
                        f"{[etree.QName(c).localname for c in element]}"
                    )
                if lacking:
                    found.append(
                        f"{name}: {etree.QName(element).localname}: lacks {', '.join(lacking)}"
                    )
    return found


TEMPLATES = sorted(builtin_templates())


def test_children_are_put_in_the_schema_order():
    tbl_pr = parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblStyle w:val="x"/><w:tblCaption w:val="c"/>'
        '<w:tblDescription w:val="d"/><w:tblLook w:val="0420"/></w:tblPr>'
    )
    assert out_of_order(tbl_pr) == ["tblLook"]
    assert put_in_order(tbl_pr)
    assert [c.tag.split("}")[1] for c in tbl_pr] == [
        "tblStyle",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ]
    assert out_of_order(tbl_pr) == [] and not put_in_order(tbl_pr)


def test_a_shaded_cell_keeps_its_width_first_and_an_unknown_child_its_neighbour():
    tc_pr = parse_xml(
        f'<w:tcPr {nsdecls("w")} xmlns:x="urn:x"><w:shd w:fill="FFE699"/>'
        '<x:ext/><w:tcW w:w="100" w:type="dxa"/></w:tcPr>'
    )
    put_in_order(tc_pr)
    assert [c.tag.split("}")[1] for c in tc_pr] == ["tcW", "shd", "ext"]


def test_a_row_s_properties_are_a_choice_in_any_order():
    tr_pr = parse_xml(f"<w:trPr {nsdecls('w')}><w:tblHeader/><w:cantSplit/></w:trPr>")
    assert out_of_order(tr_pr) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_builtin_template_is_in_schema_order(template):
    assert problems_in(builtin_templates()[template].read_bytes()) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_output_is_in_schema_order(built, template, met_assessment, tmp_path):
    assert problems_in(built[template].read_bytes()) == []
    earlier = load_assessment(MET_2016)
    assert problems_in(render_bytes(earlier, builtin_templates()[template])) == []
    cover = cover_report(tmp_path / "cover.docx")
    into = render_bytes(met_assessment, builtin_templates()[template], into=cover)
    assert problems_in(into) == []


def test_settings_are_put_in_order_and_a_zoom_given_its_percentage():
    """python-docx's default settings lack w:zoom's required w:percent; briefgen's footnote
    settings come after w:compat, where the schema puts them before it."""
    settings = parse_xml(
        f'<w:settings {nsdecls("w")} xmlns:w14="urn:w14"><w:zoom w:val="bestFit"/>'
        "<w:compat/><w14:docId/><w:footnotePr/></w:settings>"
    )
    assert out_of_order(settings) == ["footnotePr"]
    assert put_in_order(settings)
    assert [c.tag.split("}")[1] for c in settings] == ["zoom", "footnotePr", "compat", "docId"]
    assert settings[0].get(f"{{{settings.nsmap['w']}}}percent") == "100"
