"""serve/editing.py: which page edits a file, and where a form's file and page are."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.serve import library
from briefgen.serve.editing import Target, page_of


@pytest.mark.parametrize(
    ("file", "page"),
    [
        ("assessment.yaml", "/a/met"),
        ("elements/investigating-crime.yaml", "/a/met/e/investigating-crime"),
        ("elements/notes.txt", "/a/met"),
        ("other.yaml", "/a/met"),
    ],
)
def test_the_page_where_a_file_is_edited(file, page):
    assert page_of("met", file) == page


def test_a_targets_file_and_address():
    framework = library.framework_named("peel-2018-19")
    crime = next(e for e in framework.elements if e.key == "investigating-crime")
    element = Target(
        "met",
        Path("/in/met"),
        library.element_file(crime.key),
        "element",
        framework,
        framework.graded_pillars,
        crime,
    )
    assert element.path == Path("/in/met/elements/investigating-crime.yaml")
    assert element.url == "/a/met/e/investigating-crime" == page_of("met", element.rel)
    head = Target("met", Path("/in/met"), library.ASSESSMENT_FILE, "assessment", framework, [])
    assert head.path == Path("/in/met/assessment.yaml") and head.url == "/a/met"
