"""Warnings about YAML that reads without error but probably not as the officer meant.

Each is something YAML accepts silently and the briefing would then show wrongly: two bullets
run together because the second was indented too far, a bullet cut short at `` #`` (YAML took
the rest for a comment), a bullet character typed or pasted from Word (the template adds its
own, so it would show twice), and a number YAML read differently from how it was written
(``12:30`` is 750 to YAML). Each is a :class:`~errors.Problem` with ``warning=True``, located
where the officer must look, saying what to do.

Characters that a Word document cannot hold at all are errors, told here too. And one warning
about what the input leaves out: a template that shows the committee paper's details (the
committee-appendix) given none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from yaml.nodes import ScalarNode

from .errors import Problem, quote
from .input_files import character_name
from .inputs import JsonPath, YamlFile, json_path, load_yaml, written_otherwise
from .model import Assessment

#: Bullet characters typed or pasted at the start of a bullet's text: these whatever follows,
#: and these when a space follows (a dash or star before a word is text).
BULLET_MARKS, BULLET_DASHES = "•·▪●◦", "–-*"
_TYPED_BULLET = re.compile(rf"[{BULLET_MARKS}]\s*|[{re.escape(BULLET_DASHES)}]\s+")
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
# Characters a Word document cannot hold: the C0 controls XML 1.0 forbids, the carriage return
# (XML turns it into a newline), lone surrogates (a YAML "\ud83d" escape), U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# docxtpl turns these back into Jinja braces in whatever it renders, so they cannot be shown.
_DOCXTPL_ESCAPES = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")


def authoring_warnings(doc: YamlFile) -> list[Problem]:
    """Every warning about ``doc``, in the order of the file."""
    found: list[Problem] = []
    for path, node in doc.scalars.items():
        if _is_bullet(path) and isinstance(doc.data_at(path), str):
            found.extend(_bullet_warnings(doc, path, node))
        found.extend(_misread_number(doc, path, node))
    return sorted(found)


def _is_bullet(path: JsonPath) -> bool:
    """Whether the value at ``path`` is a bullet's text: a list item, or a bullet's ``text``."""
    return bool(path) and (
        isinstance(path[-1], int)
        or (path[-1] == "text" and len(path) > 1 and isinstance(path[-2], int))
    )


def _bullet_warnings(doc: YamlFile, path: JsonPath, node: ScalarNode) -> Iterator[Problem]:
    where, text = json_path(path), str(node.value)
    start, end = node.start_mark, node.end_mark
    if node.style is None:  # plain: neither quoted nor a block of text
        for number in range(start.line + 1, end.line + 1):
            line = doc.lines[number]
            if re.match(r"\s*-(\s|$)", line):
                column = len(line) - len(line.lstrip()) + 1
                joined = "…" + text[text.find(" - ") :]
                yield Problem(
                    doc.file,
                    number + 1,
                    column,
                    f"{where}: this “-” is indented further than the bullet above "
                    f"it, so the two were joined into one bullet ({quote(joined, 40)});"
                    " if it starts a bullet of its own, line its “-” up with the "
                    "others",
                    warning=True,
                )
                break
        rest = doc.lines[end.line][end.column :] if end.line < len(doc.lines) else ""
        comment = re.match(r"\s+#", rest)
        if comment:
            cut = rest[comment.end() - 1 :].strip()
            yield Problem(
                doc.file,
                end.line + 1,
                end.column + comment.end(),
                f"{where}: the bullet stops before {quote(cut, 40)}: YAML reads "
                "“ #” and what follows as a note to yourself, not part of the text; "
                "put the whole bullet in double quotes to keep it",
                warning=True,
            )
    typed = _TYPED_BULLET.match(text)
    if typed:
        mark = typed.group().strip()
        yield Problem(
            doc.file,
            start.line + 1,
            start.column + 1,
            f"{where}: the text starts with a typed “{mark}”; the template adds the "
            "bullet itself, so it would show twice; delete the "
            f"“{mark}” (and the space after it)",
            warning=True,
        )


def _misread_number(doc: YamlFile, path: JsonPath, node: ScalarNode) -> Iterator[Problem]:
    """A number YAML reads differently from how it was written: 12:30, 010, 1_000, 0x1A."""
    if node.tag not in (_INT, _FLOAT):
        return
    value = doc.data_at(path)
    if written_otherwise(node, value):
        yield Problem(
            doc.file,
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            f"{json_path(path)}: YAML reads {node.value} as the number {value}, so it "
            f"would show as {value}; if you meant {node.value} as written, put it in "
            f'double quotes: "{node.value}"',
            warning=True,
        )


def unshowable_characters(doc: YamlFile) -> Iterator[Problem]:
    """Characters a Word document cannot hold, or the template engine would change: errors."""
    for path in doc.scalars:
        value = doc.data_at(path)
        if not isinstance(value, str):
            continue
        for message in unshowable(value):
            yield doc.problem(path, f"{json_path(path)}: {message}")


def unshowable(value: str) -> Iterator[str]:
    """What in ``value`` a Word document cannot show as it is written: each message completes
    a sentence that begins with where the value is (a YAML path, a command-line option)."""
    for match in _XML_ILLEGAL.finditer(value):
        code = ord(match.group())
        yield (
            f"character {match.start() + 1} is U+{code:04X} ({character_name(code)}), which "
            "a Word document cannot hold; delete it or replace it with a space"
        )
    for match in _DOCXTPL_ESCAPES.finditer(value):
        yield (
            f"{match.group()!r} at character {match.start() + 1} cannot be shown (the "
            "template engine reads it as a brace); write it differently"
        )


#: The committee paper's details an appendix is not one without, as the officer fills each: its
#: command-line option and its key under ``paper:``, and what it is called.
PAPER_DETAILS = {
    "committee": ("--committee", "the committee"),
    "meeting_date": ("--meeting-date", "the meeting date"),
    "appendix": ("--appendix", "the appendix number"),
}


def missing_paper(assessment: Assessment, template: str, shown: Sequence[str]) -> Problem | None:
    """A warning, at the input's ``paper:`` section (or its first line), when ``template``
    shows committee paper details (``shown``: the ``paper`` fields it uses) that neither the
    options nor the input give: its header and title would be left without them."""
    missing = [
        name for name in PAPER_DETAILS if name in shown and not getattr(assessment.paper, name)
    ]
    if not missing:
        return None
    head = load_yaml(assessment.folder / "assessment.yaml")
    line, column = head.locate(("paper",), at_key=True)
    what = _and([PAPER_DETAILS[name][1] for name in missing])
    options = _and([PAPER_DETAILS[name][0] for name in missing])
    keys = ", ".join(f"{name}:" for name in missing)
    are, them = ("is", "it") if len(missing) == 1 else ("are", "them")
    return Problem(
        head.file,
        line,
        column,
        f"{template} shows {what}, which {are} not given, so its header and title "
        f"are left without {them}; give {them} with {options}, or in this file under "
        f"paper: ({keys})",
        warning=True,
    )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
