"""Read a report saved as text or markdown: a published report's text with ``#`` headings, or
the text of the inspectorate's web pages as copied from a browser.

A line is a heading when it starts with ``#`` or is bold as a whole (``**…**``, ``<b>…</b>``),
a bullet when it starts with a bullet mark (``-``, ``*``, ``•``, ``·``, ``▪``, ``–``) or a number
(``1.``, ``(a)``), its depth in the list told by its indent; every other line is a paragraph.
"""

from __future__ import annotations

import re

from .blocks import BULLET, HEADING, PARAGRAPH, Block, tidy

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(
    r"^(?:\*\*([^*]+)\*\*|__([^_]+)__|<b>([^<]+)</b>|<strong>([^<]+)</strong>)"
    r"\s*:?$",
    re.IGNORECASE,
)
BULLET_MARK = re.compile(r"^(\s*)(?:[-*+•·▪◦‣●■–]|\d{1,2}[.)]|\(?[a-z]\))\s+(?=\S)")


def read_text(text: str) -> list[Block]:
    """The blocks of a report's text."""
    blocks: list[Block] = []
    indents: list[int] = []  # the indents of the open lists, outermost first
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.expandtabs(4).rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        bullet = BULLET_MARK.match(line)
        if bullet:
            indent = len(bullet.group(1))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            blocks.append(Block(BULLET, line[bullet.end() :], len(indents) - 1))
            continue
        indents = []
        heading = _HEADING.match(stripped)
        bold = _BOLD_LINE.match(stripped)
        if heading:
            blocks.append(Block(HEADING, heading.group(2), len(heading.group(1))))
        elif bold:
            blocks.append(Block(HEADING, next(g for g in bold.groups() if g), 0))
        else:
            blocks.append(Block(PARAGRAPH, stripped))
    return tidy(blocks)
