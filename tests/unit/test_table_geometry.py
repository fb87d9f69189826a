"""table_geometry.py: the grid columns a cell spans, and each cell's width from its grid."""

from __future__ import annotations

from lxml import etree

from briefgen.table_geometry import grid_span, section_of, set_cell_widths

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def cell(properties: str) -> etree._Element:
    return etree.fromstring(f'<w:tc xmlns:w="{W}"><w:tcPr>{properties}</w:tcPr></w:tc>')


def width_of(tc: etree._Element) -> str | None:
    found = tc.find(f"{{{W}}}tcPr/{{{W}}}tcW")
    return None if found is None else found.get(f"{{{W}}}w")


def test_a_cell_spans_one_column_unless_merged_across():
    assert grid_span(cell("")) == 1
    assert grid_span(cell('<w:gridSpan w:val="3"/>')) == 3
    assert grid_span(cell('<w:gridSpan w:val="x"/>')) == 1


def test_each_fixed_width_cell_gets_the_columns_it_spans():
    first, merged = (
        cell('<w:tcW w:w="1" w:type="dxa"/>'),
        cell('<w:gridSpan w:val="2"/><w:tcW w:w="1" w:type="dxa"/>'),
    )
    relative = cell('<w:tcW w:w="50" w:type="pct"/>')
    set_cell_widths([[first, merged], [relative]], [1000, 2000, 3000])
    assert (width_of(first), width_of(merged), width_of(relative)) == ("1000", "5000", "50")


def test_a_table_stands_in_the_section_that_ends_first_after_it():
    body = etree.fromstring(
        f'<w:body xmlns:w="{W}">'
        '<w:tbl w:n="1"/>'
        '<w:p><w:pPr><w:sectPr w:n="a"/></w:pPr></w:p>'
        '<w:tbl w:n="2"><w:tr><w:tc><w:tbl w:n="3"/><w:p/></w:tc></w:tr>'
        '<w:tr><w:tc><w:p><w:pPr><w:sectPr w:n="b"/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
        '<w:tbl w:n="4"/>'
        '<w:sectPr w:n="c"/>'
        '<w:tbl w:n="5"/>'
        "</w:body>"
    )
    n = f"{{{W}}}n"
    tables = {t.get(n): t for t in body.iter(f"{{{W}}}tbl")}
    found = {name: section_of(table, body) for name, table in tables.items()}
    assert {name: s.get(n) if s is not None else None for name, s in found.items()} == {
        "1": "a",
        "2": "b",  # a section ending inside it, where Word would let one
        "3": "b",
        "4": "c",
        "5": None,
    }
    assert section_of(tables["1"], tables["2"]) is None  # not in what is searched


def test_a_path_is_found_as_elementpath_finds_it():
    from briefgen.table_geometry import find_path

    tc = etree.fromstring(
        f'<w:tc xmlns:w="{W}"><w:tcPr/><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc>'
    )
    tags = (f"{{{W}}}tcPr", f"{{{W}}}gridSpan")
    assert find_path(tc, *tags) is tc.find("/".join(tags)) is not None  # not in the first tcPr
    assert find_path(tc, f"{{{W}}}p") is tc.find(f"{{{W}}}p")
    assert find_path(tc, f"{{{W}}}tcPr", f"{{{W}}}tcW") is None
