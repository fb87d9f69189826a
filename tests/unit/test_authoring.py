"""Warnings about YAML that reads without error but not as meant, and characters a Word
document cannot hold."""

from __future__ import annotations

from briefgen.authoring import authoring_warnings
from briefgen.inputs import parse_yaml


def warnings_of(text: str) -> list[str]:
    return [str(w) for w in authoring_warnings(parse_yaml(text.encode("utf-8"), "x.yaml"))]


def test_a_bullet_indented_too_far_joins_the_one_above():
    assert warnings_of("comments:\n  - First sentence.\n    - Next sentence.\n  - Third.\n") == [
        "x.yaml:3:5: warning: comments, bullet 1: this “-” is indented further than the bullet "
        "above "
        "it, so the two were joined into one bullet (“… - Next sentence.”); if it starts a "
        "bullet of its own, line its “-” up with the others"
    ]


def test_text_cut_at_a_hash():
    assert warnings_of('comments:\n  - Answered 95% of calls #quickly\n  - "Kept # all"\n') == [
        "x.yaml:2:27: warning: comments, bullet 1: the bullet stops before “#quickly”: YAML "
        "reads “ #” "
        "and what follows as a note to yourself, not part of the text; put the whole bullet in "
        "double quotes to keep it"
    ]


def test_a_comment_after_a_key_is_not_a_cut():
    assert warnings_of("force_short_name: the Met   # in running text\ncomments: [a]\n") == []


def test_typed_bullet_characters():
    found = warnings_of(
        "comments:\n  - • a\n  - ·b\n  - – c\n  - '- d'\n  - \"* e\"\n"
        "  - -5% fall\n  - text: • f\n    items: [g]\n"
    )
    assert [w.split(": warning: ")[1].split(";")[0] for w in found] == [
        f"{where}: the text starts with a typed “{mark}”"
        for where, mark in [
            ("comments, bullet 1", "•"),
            ("comments, bullet 2", "·"),
            ("comments, bullet 3", "–"),
            ("comments, bullet 4", "-"),
            ("comments, bullet 5", "*"),
            ("comments, bullet 7, text", "•"),
        ]
    ]


def test_a_number_read_other_than_written():
    assert warnings_of("paper:\n  appendix: 02\n  agenda_item: 6\n  x: 12:30\n  y: '02'\n") == [
        "x.yaml:2:13: warning: paper.appendix: YAML reads 02 as the number 2, so it would show "
        'as 2; if you meant 02 as written, put it in double quotes: "02"',
        "x.yaml:4:6: warning: paper.x: YAML reads 12:30 as the number 750, so it would show as "
        '750; if you meant 12:30 as written, put it in double quotes: "12:30"',
    ]


def test_the_met_example_has_no_warnings():
    from ..helpers import MET

    for path in [MET / "assessment.yaml", *sorted((MET / "elements").iterdir())]:
        assert warnings_of(path.read_text("utf-8")) == [], path.name


def test_a_bare_date_or_time_of_day_in_a_bullet_is_kept_as_written():
    from briefgen.schema import schema_problems

    doc = parse_yaml(
        b"element: a\ncomments:\n  - 2019-09-27\n  - Met at 12:30 on 1 May\n", "x.yaml"
    )
    assert doc.data["comments"] == ["2019-09-27", "Met at 12:30 on 1 May"]
    assert authoring_warnings(doc) == [] and schema_problems(doc, "element") == []


def test_yes_no_and_on_in_a_bullet_are_refused_plainly():
    from briefgen.schema import schema_problems

    doc = parse_yaml(b"element: a\ncomments:\n  - on\n  - Yes\n", "x.yaml")
    assert [str(p) for p in schema_problems(doc, "element")] == [
        "x.yaml:3:5: comments, bullet 1: YAML reads on as true (a yes/no value), not as text; "
        "put it in "
        'double quotes: "on"',
        "x.yaml:4:5: comments, bullet 2: YAML reads Yes as true (a yes/no value), not as text; "
        "put it "
        'in double quotes: "Yes"',
    ]
