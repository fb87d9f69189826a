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

from .errors import quote

_TAG_PREFIX = re.compile(r"([{][{%])-?\s*(?:p|tr|tc|r)\s")
_PART_NAMES = {"footnotes": "a footnote", "header": "a header", "footer": "a footer"}
_BLOCK = re.compile(r"[{]%-?\s*(?:p|tr|tc|r)?\s*(for|if|endfor|endif)\b")


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


def paragraphs_in(root: etree._Element, kind: str | None = None
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
        yield (f"table {tables[table]}, "
               f"row {table.findall(qn('w:tr')).index(row) + 1}, "
               f"cell {row.findall(qn('w:tc')).index(cell) + 1},"), text, p


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
    if kind:
        return f"in {kind}, paragraph {quote(text)}"
    for place, paragraph_text in body_paragraphs(tpl):
        if _normalise(paragraph_text) == _normalise(text):
            return f"{place} {quote(paragraph_text)}"
    return f"paragraph {quote(text)}"


def describe_error(tpl: Rendering, exc: jinja2.TemplateError) -> str:
    """A Jinja error met while rendering ``tpl``, located in Word terms."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {exc.message}"
        if "Unexpected end of template" in (exc.message or ""):
            unclosed = _unclosed_block(tpl)
            if unclosed:
                return f"{unclosed}: this block is never closed; {what}"
        return f"{where(tpl, exc.lineno)}: {what}"
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


def _unclosed_block(tpl: Rendering) -> str | None:
    """Where the innermost {% for %} or {% if %} that is never closed stands, if one is."""
    if tpl.rendering is None or "document" not in str(tpl.rendering[0].partname):
        return None
    stack: list[tuple[str, str, str]] = []
    for place, text in body_paragraphs(tpl):
        for match in _BLOCK.finditer(text):
            word = match.group(1)
            if word in ("for", "if"):
                stack.append((word, place, text))
            elif stack and stack[-1][0] == word[3:]:
                stack.pop()
    if not stack:
        return None
    _, place, text = stack[-1]  # the innermost, as Jinja reports it
    return f"{place} {quote(text)}"
