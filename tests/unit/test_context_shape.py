"""context_shape.py: the template context's shape, worked out from a full sample assessment."""

from __future__ import annotations

from briefgen.context import build_context
from briefgen.context_shape import ANY, ListShape, Record, context_shape, sample_assessment


def test_the_sample_fills_every_field():
    sample = sample_assessment()
    assert sample.framework.key == "peel-2018-19"
    assert all(
        element.comments and element.recommendations
        for pillar in sample.pillars
        for element in pillar.elements
    )
    assert sample.paper.committee and sample.themes.items


def test_records_lists_and_anything():
    shape = context_shape()
    assert isinstance(shape, Record) and shape.name == "the context"
    assert set(shape.fields) == set(build_context(sample_assessment()))
    pillars = shape.fields["pillars"]
    assert isinstance(pillars, ListShape) and pillars.item.name == "pillar"
    element = pillars.item.fields["elements"].item
    assert element.name == "element" and "grading" in element.fields
    bullet = element.fields["comments"].item
    assert bullet.name == "bullet" and bullet.fields["text"] is ANY
    assert bullet.fields["nested"].item.name == "bullet"
