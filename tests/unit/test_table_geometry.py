"""table_geometry.py: the grid columns a cell spans, and each cell's width from its grid."""

from __future__ import annotations

from lxml import etree

from briefgen.table_geometry import grid_span, set_cell_widths

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
