"""PyYAML's errors told in an officer's words, at the line to change, with the fix.

PyYAML describes a broken file in the parser's terms ("expected <block end>, but found
'<scalar>'"). Each kind of mistake an officer makes in a bullet list (an apostrophe in
single quotes, a bullet out of line, a missing space, a tab or a non-breaking space, a
character YAML reserves) is recognised here from PyYAML's error and the line it points at,
and explained with what to write instead. PyYAML's own words are kept as the problem's
detail, shown with ``--debug``.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem, quote

#: Characters that YAML reserves at the start of unquoted text, and what each would begin.
RESERVED = {
    "*": "YAML reads it as a reference to another value",
    "&": "YAML reads it as a name for the value",
    "!": "YAML reads it as a type tag",
    "@": "YAML reserves it",
    "`": "YAML reserves it",
    "[": "YAML reads it as a list",
    "{": "YAML reads it as a mapping",
    ">": "YAML reads it as a block of folded text",
    "|": "YAML reads it as a block of text",
    "%": "YAML reads it as a directive",
}
QUOTE_IT = "put the whole bullet in double quotes"
_NBSP = "\u00a0"

#: What Word (or habit) puts at the start of a list line instead of YAML's “- ”.
_LIST_HABITS = (
    ("•", "Word’s bullet “•”"),
    ("·", "a dot “·”"),
    ("▪", "Word’s square bullet “▪”"),
    ("o ", "Word’s hollow bullet “o”"),
    ("–", "an en dash “–” (Word turns a typed “- ” into one)"),
    ("—", "a long dash “—” (Word turns a typed “--” into one)"),
    ("*", "a “*”"),
    ("+", "a “+”"),
)
_NUMBERED = re.compile(r"(\(?\d{1,3}|\(?[a-z])[.)]\s")
LIST_HABIT_FIX = "start each bullet with “- ” (a hyphen and a space) instead"
#: Word's curly quotes, which YAML reads as ordinary characters.
CURLY_QUOTES = "“”‘’„"
STRAIGHTEN = (
    'use straight quotes " " around the whole text instead (Word turns them curly as '
    "you type; a plain text editor keeps them straight)"
)


def list_habit(text: str) -> str | None:
    """What ``text`` starts with where a list line wanted “- ” (Word's “•”, an autocorrected
    “–”, a number “1.”, a “*”), or None."""
    stripped = text.lstrip()
    number = _NUMBERED.match(stripped)
    if number:
        return f"a number “{number.group().strip()}” (as a Word numbered list has)"
    return next(
        (
            name
            for mark, name in _LIST_HABITS
            if stripped.startswith(mark) and stripped[len(mark.strip()) :][:1] in (" ", "\t")
        ),
        None,
    )


def curly_quoted(text: str) -> bool:
    """Whether ``text`` opens with one of Word's curly quotes."""
    return text.lstrip()[:1] in CURLY_QUOTES


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """The problem ``exc`` stands for in ``text`` (the file named ``name``)."""
    lines = text.splitlines()
    said = f"YAML said: {exc.problem or ''}{f' ({exc.context})' if exc.context else ''}"
    line, column, message = _explain(exc, lines)
    return Problem(name, line, column, f"invalid YAML: {message}", detail=said)


def _explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context_at = (
        (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else at
    )

    def line_text(position: tuple[int, int]) -> str:
        return lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""

    nbsp = _nbsp_indentation(lines, at[0])
    if nbsp:
        return (
            nbsp,
            1,
            (
                "this line is indented with non-breaking spaces (U+00A0, as Word "
                "pastes them), which YAML does not see as spaces; delete the "
                "indentation and type it again with ordinary spaces"
            ),
        )
    if "'\\t'" in problem or "\\t" in problem:
        return (*at, "a tab character is not allowed here; indent with spaces")
    if context == "while scanning a quoted scalar":
        return (*context_at, "the quoted text starting here is never closed; add the closing quote")
    reserved = _reserved_start(problem, context, line_text(context_at), line_text(at))
    habit = _habit(context_at if context else at, lines)
    if reserved and habit:  # “* text”: a list habit, not a reference to another value
        return habit
    if reserved:
        start = line_text(context_at if context else at)
        column = len(start) - len(start.lstrip(" -")) + 1
        return context_at[0] if context else at[0], column, reserved
    if problem == "could not find expected ':'" and context == "while scanning a simple key":
        return _habit(context_at, lines) or _missing_space(context_at, line_text(context_at))
    if problem == "mapping values are not allowed here":
        return _colon(at, lines)
    if problem.startswith("expected <block end>, but found"):
        return _block_end(problem, at, lines, context_at)
    return (*at, f"{problem} ({context})" if context else problem or "not valid YAML")


def _nbsp_indentation(lines: list[str], upto: int) -> int | None:
    """The first line up to ``upto`` indented with a non-breaking space, if any."""
    for number, line in enumerate(lines[:upto], start=1):
        indent = line[: len(line) - len(line.lstrip(" " + _NBSP))]
        if _NBSP in indent:
            return number
    return None


def _reserved_start(problem: str, context: str, context_line: str, line: str) -> str | None:
    """The message for unquoted text starting with a character YAML reserves, if it does."""
    if context in (
        "while scanning an alias",
        "while scanning an anchor",
        "while scanning a block scalar",
        "while scanning a tag",
        "while parsing a flow sequence",
        "while parsing a flow mapping",
    ):
        first = context_line.lstrip(" -")[:1]
    elif problem.startswith("found character") and "cannot start any token" in problem:
        first = problem.split("'")[1]
    elif problem.startswith("found undefined alias"):
        first = "*"
    else:
        return None
    return unquoted_start(first) if first in RESERVED else None


def unquoted_start(first: str) -> str:
    """The message for text that starts with ``first``, a character YAML reserves."""
    return f"text cannot start with “{first}” unless it is quoted ({RESERVED[first]}); {QUOTE_IT}"


def _missing_space(at: tuple[int, int], line: str) -> tuple[int, int, str]:
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if re.match(r"-[^\s-]", stripped):
        return (
            at[0],
            indent + 1,
            (
                "a “-” that starts a bullet needs a space after it; write "
                f"{quote('- ' + stripped[1:].strip(), 40)}"
            ),
        )
    colon = re.match(r"([\w-]+):(\S)", stripped)
    if colon:
        return (
            at[0],
            indent + len(colon.group(1)) + 1,
            (
                "a “:” after a key needs a space after it; write "
                f"{quote(colon.group(1) + ': ' + stripped[len(colon.group(1)) + 1 :].strip(), 40)}"
            ),
        )
    return (
        at[0],
        indent + 1,
        (
            "this line is neither a “key: value” nor a “- bullet”; check "
            "for a missing space after “:” or “-”, or a line that belongs "
            "to the one above it"
        ),
    )


def _colon(at: tuple[int, int], lines: list[str]) -> tuple[int, int, str]:
    """A ': ' YAML took for a key: a key indented too far, or a colon inside a sentence."""
    line = lines[at[0] - 1] if at[0] <= len(lines) else ""
    before = line[: at[1] - 1]
    above = next(
        (
            lines[i]
            for i in range(at[0] - 2, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")
        ),
        "",
    )
    indent, indent_above = len(line) - len(line.lstrip()), len(above) - len(above.lstrip())
    if re.fullmatch(r"\s*[\w-]+", before) and indent > indent_above:
        key = before.strip()
        return (
            at[0],
            indent + 1,
            (
                f"“{key}:” is indented further than the line above it, so "
                "YAML reads it as part of that line; line it up with the "
                "key above it"
            ),
        )
    value = line.split(": ", 1)[1] if ": " in line else line
    if curly_quoted(value) or curly_quoted(line.lstrip(" -")):
        return (
            *at,
            "the text is in Word’s curly quotes, which YAML reads as ordinary "
            f"characters, so the “: ” in it reads as a new key; {STRAIGHTEN}",
        )
    return (
        *at,
        "a “: ” inside unquoted text reads as a new key; put the whole text in double quotes",
    )


def _block_end(
    problem: str, at: tuple[int, int], lines: list[str], context_at: tuple[int, int]
) -> tuple[int, int, str]:
    line = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    found = problem.rsplit("found", 1)[-1].strip(" '")
    if found == "<scalar>":
        closing = line[: at[1] - 1].rstrip()[-1:]
        start = line.lstrip(" -")[:1]
        opened = _unclosed_above(lines, at[0], closing) if closing in ("'", '"') else None
        if opened is not None:
            return (
                opened[0],
                opened[1],
                f"the text quoted with {closing} here is not closed "
                f"on its line, so YAML read on to the next {closing} (line {at[0]}); add "
                f"the closing {closing} at the end of the text",
            )
        if line[at[1] - 2 : at[1] - 1] == "'" and line[at[1] - 1 : at[1]].isalpha():
            return (
                *at,
                "the apostrophe here ends the text quoted with ' before it; put the "
                "text in double quotes instead, or write the apostrophe twice ('')",
            )
        if start in ("[", "{"):
            return at[0], len(line) - len(line.lstrip(" -")) + 1, unquoted_start(start)
        if closing in ("'", '"'):
            other = "single" if closing == '"' else "double"
            return (
                *at,
                f"the quote ({closing}) closes before the end of the text; put the "
                f"whole text in {other} quotes instead",
            )
    habit = _habit(at, lines)
    if habit:
        return habit
    what = "bullet's “-”" if found in ("<block sequence start>", "<block entry>") else "key"
    return (
        at[0],
        at[1],
        (
            f"this line is indented differently from the lines around it; "
            f"line up its {what} with those above it"
        ),
    )


def _unclosed_above(lines: list[str], upto: int, quote_mark: str) -> tuple[int, int] | None:
    """Where a value quoted with ``quote_mark`` opens above line ``upto`` and is not closed on
    its own line (so YAML read on into the lines below, up to the next ``quote_mark``): its
    line and column, if any. The lines between hold no ``quote_mark``, or it would have closed
    there."""
    for number in range(upto - 1, 0, -1):
        text = lines[number - 1]
        start = re.match(r"\s*(?:-\s+|[\w-]+:\s+)*", text)
        rest = text[start.end() if start else 0 :]
        if quote_mark not in text:
            continue  # a line inside the quoted text YAML read on into
        if rest.startswith(quote_mark) and _closing_at(rest, quote_mark) is None:
            return number, len(text) - len(rest) + 1
        return None  # the nearest quote above does not open an unclosed value
    return None


def _closing_at(text: str, quote_mark: str) -> int | None:
    """Where the quoted value at the start of ``text`` closes, or None where it does not."""
    index = 1
    while index < len(text):
        char = text[index]
        if quote_mark == '"' and char == "\\":
            index += 2
            continue
        if char == quote_mark:
            if quote_mark == "'" and text[index + 1 : index + 2] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return index
        index += 1
    return None


def _habit(at: tuple[int, int], lines: list[str]) -> tuple[int, int, str] | None:
    """A list line started Word's way (“• text”, “– text”, “1. text”, “* text”) rather than
    YAML's (“- text”), or a bullet with a second marker after its “- ”: where, and the fix."""
    line = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    stripped = line.lstrip()
    column = len(line) - len(stripped) + 1
    if stripped.startswith("- ") and list_habit(stripped[2:]):
        habit = list_habit(stripped[2:])
        return (
            at[0],
            column + 2,
            (
                f"the bullet starts with {habit} after its “- ”; delete "
                "it (the “- ” makes the bullet)"
            ),
        )
    habit = list_habit(stripped)
    if habit is None:
        return None
    return (
        at[0],
        column,
        f"this line starts with {habit}, which YAML does not read as a bullet; {LIST_HABIT_FIX}",
    )
