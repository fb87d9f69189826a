"""Reading YAML: plain data, positions, and located refusals of unsafe or broken files."""

from __future__ import annotations

import time

import pytest

from briefgen.errors import InputError
from briefgen.inputs import json_path, load_yaml, parse_yaml


def problems_of(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InputError) as caught:
        parse_yaml(raw, "x.yaml")
    return [str(p) for p in caught.value.problems]


def test_values_and_positions():
    doc = parse_yaml(b"element: a\ncomments:\n  - one\n  - text: two\n    items: [x]\n", "x.yaml")
    assert doc.data == {"element": "a", "comments": ["one", {"text": "two", "items": ["x"]}]}
    assert doc.values[("element",)] == (1, 10)
    assert doc.values[("comments", 1, "items", 0)] == (5, 13)
    assert doc.keys[("comments",)] == (2, 1)
    assert str(doc.problem(("comments", 1, "text"), "m")) == "x.yaml:4:11: m"
    # A path that does not exist is located at its nearest ancestor.
    assert doc.locate(("comments", 7)) == (3, 3)


def test_dates_are_kept_as_written():
    assert parse_yaml(b"published: 2019-09-27\n", "x.yaml").data == {"published": "2019-09-27"}


def test_duplicate_key_is_an_error():
    assert problems_of("grading: Good\ncomments: [a]\ngrading: Inadequate\n") == [
        "x.yaml:3:1: duplicate key 'grading' (first given on line 1); YAML would silently "
        "keep only the last one"
    ]


def test_python_tag_is_refused_not_run():
    found = problems_of("x: !!python/object/apply:os.system ['echo hacked']\n")
    assert found == [
        "x.yaml:1:4: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    found = problems_of("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    assert len(found) == 1 and "expands to more than 100,000 values" in found[0]


def test_tab_indentation_is_explained():
    assert problems_of("comments:\n\t- a\n") == [
        "x.yaml:2:1: invalid YAML: a tab character is not allowed here; indent with spaces"
    ]


def test_empty_file():
    assert problems_of("# nothing but a comment\n\n") == [
        "x.yaml:1:1: file is empty; expected a YAML mapping"
    ]


def test_two_documents():
    assert problems_of("a: 1\n---\nb: 2\n") == [
        "x.yaml:3:1: the file holds more than one YAML document (---); expected exactly one"
    ]


def test_oversized_file():
    found = problems_of("a: " + "x" * 1_000_001 + "\n")
    assert found == [
        "x.yaml:1:1: file is 1,000,005 bytes; a briefing input may be at most 1,000,000 bytes"
    ]


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "nope.yaml")
    assert caught.value.problems[0].message == "file not found"


def test_nesting_is_limited_before_python_runs_out_of_stack():
    assert problems_of("comments:\n  - " + "[" * 1000 + "]" * 1000 + "\n") == [
        "x.yaml:2:53: lists and mappings are nested more than 50 levels deep here; a briefing "
        "input needs four at most"
    ]


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (("comments", 1), "comments, bullet 2"),
        (
            ("areas_for_improvement", 0, "items", 2),
            "areas_for_improvement, bullet 1, nested bullet 3",
        ),
        (("areas_for_improvement", 3, "txt"), "areas_for_improvement, bullet 4, txt"),
        (("previous", 0), "previous, entry 1"),
        (("groups", 1, "elements", 0), "groups, group 2, elements, entry 1"),
        (("pillars", "efficiency"), "pillars.efficiency"),
        ((), "(top level)"),
    ],
)
def test_places_are_counted_from_one_as_an_officer_counts(path, said):
    assert json_path(path) == said
