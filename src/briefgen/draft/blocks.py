"""What every reader gives: the report as a list of blocks (heading, paragraph or bullet), its
text plain (no markdown, HTML or link marks) and its white space single.

The readers differ in how they find the blocks; what follows them (``tidy``) is shared: a
paragraph that a page break cut in two is joined again, and inline marks are taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING, PARAGRAPH, BULLET = "heading", "paragraph", "bullet"


class TooDeep(ValueError):
    """What a reader raises for a report nested deeper than can be read (a web page, even
    without its wrappers)."""


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or bullet of the report.

    ``level`` is a heading's level (1 for the largest; 0 where a bold line stands as a heading)
    or a bullet's depth in its list (0 for the outermost).
    """

    kind: str
    text: str
    level: int = 0


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|br)\b[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_SPACE = re.compile(r"\s+")
#: A paragraph ends where a sentence can end; otherwise the next one may be its other half.
_OPEN_END = re.compile(r"[^.!?:;)\]’”\"']$")


def plain(text: str) -> str:
    """``text`` without inline markdown or HTML marks, and with single spaces."""
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    return _SPACE.sub(" ", text).strip()


def tidy(blocks: list[Block]) -> list[Block]:
    """Plain text in every block, empty blocks dropped, and a paragraph that a page break cut
    in two joined again (the first half ends mid-sentence, the second starts in lower case)."""
    out: list[Block] = []
    pieces: list[list[str]] = []  # each block's text, joined once at the end (in linear time)
    for block in blocks:
        text = plain(block.text)
        if not text:
            continue
        if (
            out
            and block.kind == PARAGRAPH
            and out[-1].kind in (PARAGRAPH, BULLET)
            and text[0].islower()
            and _OPEN_END.search(pieces[-1][-1][-1])
        ):
            pieces[-1].append(text)
            continue
        out.append(block)
        pieces.append([text])
    return [
        Block(block.kind, " ".join(texts), block.level)
        for block, texts in zip(out, pieces, strict=False)
    ]
