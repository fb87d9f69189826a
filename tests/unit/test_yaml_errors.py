"""PyYAML's errors in an officer's words: each mistake at its line, with the fix, and PyYAML's
own words kept as the detail that ``--debug`` shows."""

from __future__ import annotations

import pytest

from briefgen.errors import InputError
from briefgen.inputs import parse_yaml

QUOTE_IT = "put the whole bullet in double quotes"


def refused(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_yaml(text.encode("utf-8"), "x.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "comments:\n  - 'the force's approach'\n",
            "x.yaml:2:16: invalid YAML: the apostrophe here ends the text quoted with ' before it; "
            "put "
            "the text in double quotes instead, or write the apostrophe twice ('')",
        ),
        (
            "force: 'the force's name'\n",
            "x.yaml:1:19: invalid YAML: the apostrophe here ends the text quoted with ' before it; "
            "put "
            "the text in double quotes instead, or write the apostrophe twice ('')",
        ),
        (
            "comments:\n    - one\n  - two\n",
            "x.yaml:3:3: invalid YAML: this line is indented differently from the lines around it; "
            "line up its bullet's “-” with those above it",
        ),
        (
            "comments:\n  - one\n grading: Good\n",
            "x.yaml:3:2: invalid YAML: this line is indented differently from the lines around it; "
            "line up its key with those above it",
        ),
        (
            "comments:\n  - one\n  -two\n",
            "x.yaml:3:3: invalid YAML: a “-” that starts a bullet needs a space after it; write "
            "“- two”",
        ),
        (
            "element: a\ngrading:Good\ncomments:\n  - x\n",
            "x.yaml:2:8: invalid YAML: a “:” after a key needs a space after it; write “grading: "
            "Good”",
        ),
        (
            "comments:\n  - one\n\u00a0\u00a0- two\n",
            "x.yaml:3:1: invalid YAML: this line is indented with non-breaking spaces (U+00A0, as "
            "Word "
            "pastes them), which YAML does not see as spaces; delete the indentation and type it "
            "again with ordinary spaces",
        ),
        (
            "comments:\n  - 'one\n  - two\n",
            "x.yaml:2:5: invalid YAML: the quoted text starting here is never closed; add the "
            "closing "
            "quote",
        ),
        (
            "comments:\n  - The force: it is good, and: so\n",
            "x.yaml:2:31: invalid YAML: a “: ” inside unquoted text reads as a new key; put the "
            "whole "
            "text in double quotes",
        ),
        (
            "element: a\n  grading: Good\n",
            "x.yaml:2:3: invalid YAML: “grading:” is indented further than the line above it, so "
            "YAML "
            "reads it as part of that line; line it up with the key above it",
        ),
        (
            'comments:\n  - "Good" said the inspector\n',
            'x.yaml:2:12: invalid YAML: the quote (") closes before the end of the text; put '
            "the whole text in single quotes instead",
        ),
    ],
)
def test_mistakes_are_explained(text, message):
    assert refused(text).lines() == [message]


STRAIGHT = (
    'use straight quotes " " around the whole text instead (Word turns them curly as '
    "you type; a plain text editor keeps them straight)"
)
HYPHEN = "start each bullet with “- ” (a hyphen and a space) instead"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # an unclosed quote is told where it opens, however far YAML read on
        (
            'comments:\n  - "one\n  - two\n  # - "an example"\n  - three\n',
            'x.yaml:2:5: invalid YAML: the text quoted with " here is not closed on its line, so '
            'YAML read on to the next " (line 4); add the closing " at the end of the text',
        ),
        (
            "force: 'Kent\nsource: x\n# 'note' here\n",
            "x.yaml:1:8: invalid YAML: the text quoted with ' here is not closed on its line, so "
            "YAML "
            "read on to the next ' (line 3); add the closing ' at the end of the text",
        ),
        # Word's curly quotes are not quotes to YAML
        (
            "force: “Kent: the county force”\n",
            f"x.yaml:1:13: invalid YAML: the text is in Word’s curly quotes, which YAML reads as "
            f"ordinary characters, so the “: ” in it reads as a new key; {STRAIGHT}",
        ),
        # Word's list habits, each named with its fix
        (
            "comments:\n  - one\n  • two\n",
            "x.yaml:3:3: invalid YAML: this line starts with Word’s bullet “•”, which YAML does "
            "not "
            f"read as a bullet; {HYPHEN}",
        ),
        (
            "comments:\n  - one\n  – two\n",
            "x.yaml:3:3: invalid YAML: this line starts with an en dash “–” (Word turns a typed “- "
            "” "
            f"into one), which YAML does not read as a bullet; {HYPHEN}",
        ),
        (
            "comments:\n  - one\n  2. two\n",
            "x.yaml:3:3: invalid YAML: this line starts with a number “2.” (as a Word numbered "
            "list "
            f"has), which YAML does not read as a bullet; {HYPHEN}",
        ),
        (
            "comments:\n  * one\n  * two\n",
            f"x.yaml:2:3: invalid YAML: this line starts with a “*”, which YAML does not read as a "
            f"bullet; {HYPHEN}",
        ),
        (
            "comments:\n  - * one\n",
            "x.yaml:2:5: invalid YAML: the bullet starts with a “*” after its “- ”; delete it (the "
            "“- ” "
            "makes the bullet)",
        ),
    ],
)
def test_word_habits_are_named_with_their_fix(text, message):
    assert refused(text).lines() == [message]


@pytest.mark.parametrize(
    ("start", "reads_as"),
    [
        ("*", "YAML reads it as a reference to another value"),
        ("&", "YAML reads it as a name for the value"),
        ("!", "YAML reads it as a type tag"),
        ("@", "YAML reserves it"),
        ("`", "YAML reserves it"),
        ("[", "YAML reads it as a list"),
        ("{", "YAML reads it as a mapping"),
        (">", "YAML reads it as a block of folded text"),
        ("|", "YAML reads it as a block of text"),
        ("%", "YAML reads it as a directive"),
    ],
)
def test_a_reserved_first_character_asks_for_quotes(start, reads_as):
    closing = start if start in "*`" else ""
    gap = " " if start == "&" else ""  # "&Note" would name the text "Note", silently
    message = refused(f"comments:\n  - {start}{gap}Note{closing} the force improved\n").lines()[0]
    assert message.startswith("x.yaml:2:5: ")
    assert message.endswith(
        f"text cannot start with “{start}” unless it is quoted ({reads_as}); {QUOTE_IT}"
    )


def test_yaml_own_words_are_kept_for_debug():
    error = refused("comments:\n  - 'the force's approach'\n")
    assert error.lines(debug=True) == [
        "x.yaml:2:16: invalid YAML: the apostrophe here ends the text quoted with ' before it; "
        "put the text in double quotes instead, or write the apostrophe twice ('') (YAML said: "
        "expected <block end>, but found '<scalar>' (while parsing a block collection))"
    ]
