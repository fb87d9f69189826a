"""The JSON Schemas, and their errors told in an officer's terms."""

from __future__ import annotations

import pytest

from briefgen.frameworks import BUILTIN as FRAMEWORKS
from briefgen.schema import check_file, schema

from .test_validate import edit, messages


def test_schema_problems_are_explained(met_copy):
    head = met_copy / "assessment.yaml"
    edit(head, "published: 2019-09-27", "published: 27/09/2019")
    edit(
        head,
        "source: https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/"
        "peel-2018/metropolitan/",
        "source: justiceinspectorates",
    )
    edit(head, "force: Metropolitan Police Service", "force: ''")
    element = met_copy / "elements" / "preventing-crime.yaml"
    edit(element, "comments:\n", "comments:\n  - Note: oops\n  - {txt: oops, items: [a]}\n  - 42\n")
    assert messages(met_copy) == [
        "metropolitan-2018-19/assessment.yaml:4:8: force: is empty; write the text or leave "
        "the key out",
        "metropolitan-2018-19/assessment.yaml:7:12: published: '27/09/2019' is not a date; "
        "expected YYYY-MM-DD, e.g. 2019-09-27",
        "metropolitan-2018-19/assessment.yaml:8:9: source: 'justiceinspectorates' is not a web "
        "address; expected one starting https:// (or http://)",
        "metropolitan-2018-19/elements/preventing-crime.yaml:5:5: comments, bullet 1: the "
        "bullet was "
        "read as 'key: value' because of the ': ' in it; put the whole bullet in double quotes",
        "metropolitan-2018-19/elements/preventing-crime.yaml:6:5: comments, bullet 2: missing "
        "required key 'text'",
        "metropolitan-2018-19/elements/preventing-crime.yaml:6:6: comments, bullet 2, txt: "
        "unknown key "
        "'txt'; did you mean 'text'?; allowed keys: text, status, items",
        "metropolitan-2018-19/elements/preventing-crime.yaml:7:5: comments, bullet 3: YAML "
        "reads 42 "
        'as a number, not as text; put it in double quotes: "42"',
    ]


def test_a_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "element.yaml"
    path.write_text("- just\n- a list\n", "utf-8")
    doc, problems = check_file(path, "element")
    assert doc is None
    assert [p.message for p in problems] == [
        "the file holds a list; expected a mapping of keys and values (key: value)"
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        (
            "source: www.example.org",
            "source: 'www.example.org' is not a web address; expected one "
            "starting https:// (or http://)",
        ),
        (
            "key: Custody_2030",
            "key: 'Custody_2030' is not a key; keys are lower-case words joined "
            "by hyphens, e.g. investigating-crime",
        ),
        (
            "ungraded: {label: Not assessed, shade: e7e6e6}",
            "ungraded.shade: 'e7e6e6' is not a colour; expected six upper-case hex digits, "
            "e.g. C6E0B4",
        ),
        ("name: ' '", "name: is empty; write the text or leave the key out"),
    ],
)
def test_patterns_are_explained_by_the_definition_they_belong_to(tmp_path, line, message):
    """Each pattern's message comes from the schema definition it stands in (url, key, shade,
    text), so rewording a pattern in a schema cannot silently lose its explanation."""
    text = (FRAMEWORKS / "peel-2018-19.yaml").read_text("utf-8")
    field = line.split(":")[0]
    lines = [
        line if existing.startswith(f"{field}:") else existing for existing in text.splitlines()
    ]
    path = tmp_path / "framework.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    _, problems = check_file(path, "framework")
    assert [p.message for p in problems] == [message]


def test_every_pattern_in_the_schemas_has_its_explanation():
    definitions = {
        name
        for stem in ("assessment", "element", "framework")
        for name, d in schema(stem)["$defs"].items()
        if "pattern" in d
    }
    assert definitions == {"key", "text", "url", "shade", "reference"}
