"""Draft an element's comments from its summary: sentences split, a few kept per paragraph."""

from __future__ import annotations

import re

_ABBREVIATIONS = ("e.g", "i.e", "etc", "no", "mr", "mrs", "ms", "dr", "st", "vs", "cf", "approx")
_BREAK = re.compile(r"(?<=[.!?])[’”\"')\]]*\s+(?=[A-Z0-9‘“\"'(\[])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (not after an abbreviation such as "e.g.")."""
    out: list[str] = []
    start = 0
    for match in _BREAK.finditer(text):
        before = text[start:match.start()].rstrip("’”\"')]")
        word = before.rsplit(" ", 1)[-1].rstrip(".").casefold()
        if word in _ABBREVIATIONS or len(word) == 1 and word.isalpha():
            continue
        out.append(text[start:match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    return out + ([tail] if tail else [])


def draft_comments(paragraphs: list[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        out.extend(sentences(paragraph))
    return out
