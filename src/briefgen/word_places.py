"""Where something stands in a Word document, in the words an officer would use.

"table 1, row 7, cell 1", "paragraph 2", "in a footnote, paragraph …": rendering and the
template check both describe places this way, and both describe a template error (Jinja's line
number in a part's XML) through :func:`describe_error`. This is also the one place that knows
how docxtpl hands a part to Jinja: its XML with each ``<w:p`` starting a new line, so that a
Jinja line number is a paragraph.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any, Protocol

import jinja2
from docx.oxml.ns import qn
from jinja2.sandbox import SecurityError
from lxml import etree

from .docx_package import parse_xml
from .errors import quote

_TAG_PREFIX = re.compile(r"([{][{%])-?\s*(?:p|tr|tc|r)\s")
_PART_NAMES = {"footnotes": "a footnote", "header": "a header", "footer": "a footer"}


class Rendering(Protocol):
    """A template being rendered: docxtpl's template, with the part it is rendering."""

    docx: Any
    #: (part, the XML source handed to Jinja) of the part being rendered; None for the
    #: document properties.
    rendering: tuple[Any, str] | None


def one_paragraph_a_line(xml: str) -> str:
    """A part's XML as Jinja sees it: each paragraph (``<w:p``) starts a line."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def part_kind(partname: str) -> str | None:
    """How a message names a part that is not the body ("a header"); None for the body."""
    return next((label for key, label in _PART_NAMES.items() if key in partname), None)


def text_of(element: etree._Element) -> str:
    """The text of a paragraph, row or cell, as Word's runs hold it."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def paragraphs_in(
    root: etree._Element, kind: str | None = None
) -> Iterator[tuple[str, str, etree._Element]]:
    """(place in Word terms, text, w:p element) of every paragraph under ``root``.

    ``kind`` names a part other than the body ("a header"), whose paragraphs are not numbered.
    """
    tables = {table: n for n, table in enumerate(root.iter(qn("w:tbl")), start=1)}
    number = 0
    for p in root.iter(qn("w:p")):
        text = text_of(p)
        if kind:
            yield f"in {kind}, paragraph", text, p
            continue
        cell = next((a for a in p.iterancestors(qn("w:tc"))), None)
        if cell is None:
            number += 1
            yield f"paragraph {number}", text, p
            continue
        row = cell.getparent()
        table = row.getparent()
        yield (
            (
                f"table {tables[table]}, "
                f"row {table.findall(qn('w:tr')).index(row) + 1}, "
                f"cell {row.findall(qn('w:tc')).index(cell) + 1},"
            ),
            text,
            p,
        )


def body_paragraphs(tpl: Rendering) -> Iterator[tuple[str, str]]:
    """(place in Word terms, text) of every paragraph of the template body, in order."""
    for place, text, _ in paragraphs_in(tpl.docx.element.body):
        yield place, text


def _normalise(text: str) -> str:
    """Tag text as docxtpl compares it: typographic quotes straight, no row/paragraph marker."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", "", _TAG_PREFIX.sub(r"\1 ", text))


def where(tpl: Rendering, line: int | None) -> str:
    """Where in Word terms the source line ``line`` of the part being rendered stands."""
    if tpl.rendering is None:
        return "document properties"
    part, source = tpl.rendering
    kind = part_kind(str(part.partname))
    lines = one_paragraph_a_line(source).splitlines()
    if line is None or not 0 < line <= len(lines):
        return f"in {kind}" if kind else "in the document"
    paragraph = lines[line - 1].split("</w:p>")[0]  # a line may run on past its paragraph
    text = html.unescape(re.sub(r"<[^>]+>", "", paragraph)).strip()
    for place, paragraph_text, _ in paragraphs_in(_part_root(tpl), kind):
        if _normalise(paragraph_text) == _normalise(text):  # the officer's text, as typed
            return f"{place} {quote(paragraph_text.strip())}"
    return f"in {kind}, paragraph {quote(text)}" if kind else f"paragraph {quote(text)}"


def _part_root(tpl: Rendering) -> etree._Element:
    """The Word XML of the part being rendered, as the template holds it (tags as typed)."""
    part = tpl.rendering[0] if tpl.rendering else None
    if part is None or part_kind(str(part.partname)) is None:
        return tpl.docx.element.body
    root = getattr(part, "_element", None)
    return root if root is not None else parse_xml(part.blob)


def describe_error(tpl: Rendering, exc: jinja2.TemplateError) -> str:
    """A Jinja error met while rendering ``tpl``, located in Word terms."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return describe_syntax_error(tpl, exc)
    line = template_line(exc)
    if isinstance(exc, jinja2.UndefinedError):
        return f"{where(tpl, line)}: unknown variable: {exc.message}"
    if isinstance(exc, SecurityError):
        return f"{where(tpl, line)}: not allowed in a template: {exc}"
    return f"{where(tpl, line)}: {exc}"


def template_line(exc: BaseException) -> int | None:
    """The line of the part's source where a runtime error ``exc`` arose, if it arose there
    (Jinja rewrites its tracebacks to point into the template)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# --- syntax errors, in the officer's words ---------------------------------------------------

_BLOCK = re.compile(r"[{]%-?\s*(p|tr|tc|r)?\s*(for|if|endfor|endif)\b[^%]*%[}]")
#: How Jinja names the tokens it expected or found, as the officer types them.
_TOKENS = {
    "end of print statement": "“}}”",
    "end of statement block": "“%}”",
    "begin of print statement": "“{{”",
    "begin of statement block": "“{%”",
    "end of template": "the end of the template",
    "name": "a name",
    "string": "a text in quotes",
    "integer": "a number",
    "float": "a number",
}


def describe_syntax_error(tpl: Rendering, exc: jinja2.TemplateSyntaxError) -> str:
    """A tag Jinja cannot read, located in Word terms and said in the officer's words: a block
    left open or closed twice is named where the block opens, with its own tag text."""
    message = exc.message or ""
    if "end of template" in message or "unknown tag 'end" in message:
        blocks = block_problem(tpl)
        if blocks:
            return blocks
    return f"{where(tpl, exc.lineno)}: {plain_syntax_error(message)}"


def plain_syntax_error(message: str) -> str:
    """What Jinja's syntax error ``message`` means, in the words of the tags as typed."""
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unknown:
        return (
            f"“{unknown[1]}” is not a tag a template can use (the tags are for, if, elif, "
            "else, endfor, endif, set and with)"
        )
    expected = re.match(r"expected token '(.+?)', got '(.+?)'", message)
    if expected:
        return (
            f"this tag cannot be read: Jinja expected "
            f"{_TOKENS.get(expected[1], quote(expected[1]))} but found "
            f"{_TOKENS.get(expected[2], quote(expected[2]))}"
        )
    found = re.match(r"unexpected '(.+?)'", message)
    if found:
        return (
            f"this tag cannot be read: {quote(found[1])} is not expected there; check the "
            "tag's brackets and quotes"
        )
    if message == "expected name or number":
        return "this tag cannot be read: a name must follow “.”"
    if "end of template" in message:
        return "a “for” or “if” here is never closed: add its {% endfor %} or {% endif %}"
    plain = message if "<" not in message else "check the tag's brackets and quotes"
    return f"this tag cannot be read: {plain}"


def block_problem(tpl: Rendering) -> str | None:
    """The first ``for`` or ``if`` of the part being rendered that is not closed in its place:
    one closed by the wrong end tag, one never closed, or an end tag that closes nothing.
    Found from the part's Word paragraphs, so the place and the tag are the officer's own."""
    if tpl.rendering is None:
        return None
    kind = part_kind(str(tpl.rendering[0].partname))
    stack: list[tuple[str, str, str, str]] = []  # (for/if, place, paragraph text, marker)
    for place, text, _ in paragraphs_in(_part_root(tpl), kind):
        for match in _BLOCK.finditer(text):
            marker, word = match[1] or "", match[2]
            if word in ("for", "if"):
                stack.append((word, place, text, marker))
                continue
            opened = word[3:]
            if stack and stack[-1][0] == opened:
                stack.pop()
            elif stack:
                block, start, start_text, start_marker = stack[-1]
                there = "in the same cell" if place == start else place.rstrip(",")
                return (
                    f"{start} {quote(start_text)}: this “{block}” is not closed before "
                    f"{quote(match[0], 30)} ({there}): add "
                    f"{_end_tag(block, start_marker)} where the “{block}” should end"
                )
            else:
                return (
                    f"{place} {quote(text)}: {quote(match[0], 30)} closes an “{opened}” "
                    "that was never opened: remove it, or add the "
                    f"“{opened}” it should close"
                )
    if not stack:
        return None
    block, place, text, marker = stack[-1]  # the innermost, as Jinja reports it
    return (
        f"{place} {quote(text)}: this “{block}” is never closed: add "
        f"{_end_tag(block, marker)} where it should end"
    )


def _end_tag(block: str, marker: str) -> str:
    """The end tag for a block opened with ``marker`` (p, tr, tc or none): {%p endfor %}."""
    return "{%" + marker + (" " if marker else " ") + f"end{block} %}}"
