"""Tell what a report is about: the framework it follows, the force it is about, and when it
was published (its format is told by ``formats.py``).

The framework is told by the framework files alone: the one whose pillar and element headings
the report has most of, the year in the report's title breaking a tie. Nothing is guessed: what
cannot be told is a :class:`DraftError` saying what was looked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .. import frameworks
from ..errors import DraftError, display_path
from ..model import Framework
from .blocks import Block
from .find import markers

#: How many blocks from the top of a report count as its title page.
TITLE_BLOCKS = 15
#: At least this many of a framework's pillars and elements must be named in the report.
LEAST_PARTS = 2
_YEAR = re.compile(r"\d{4}(?:\s*[/–-]\s*\d{2,4})?")
_INSPECTION_OF = re.compile(r"\binspection of (?:the )?(.+?)[.:]?$", re.IGNORECASE)
_TITLED = re.compile(r"^(.+?)\s+PEEL\b")
_FORCE = (r"(?:the )?({place}(?: [A-Z][\w&’'-]*)*? "
          r"(?:Police Service|Police Force|Police|Constabulary))\b")
_MONTHS = "january february march april may june july august september october november december"
_PUBLISHED = re.compile(r"\b(?:last updated|published(?: on)?|date of publication)\s*:?\s*"
                        r"(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2} [A-Za-z]+ \d{4})", re.IGNORECASE)
_SOURCE = re.compile(r"\b(?:source|available (?:at|from)|published at|url)\s*:?\s*"
                     r"(https?://[^\s)>\]]+)", re.IGNORECASE)


def load_frameworks(search: Sequence[Path] | None = None) -> dict[str, Framework]:
    """Every framework on the search path, by key (the one place draft loads them)."""
    return {key: frameworks.load_framework(path)
            for key, path in frameworks.available(search).items()}


def framework_of(blocks: list[Block], known: dict[str, Framework], report: Path) -> Framework:
    """The framework whose pillars and elements the report names most."""
    title = " ".join(b.text for b in blocks[:TITLE_BLOCKS])
    scores = {}
    for key, framework in known.items():
        parts = {(kind, part) for _, kind, part in markers(blocks, framework)}
        if len(parts) >= LEAST_PARTS:
            years = set(_YEAR.findall(framework.name))
            scores[key] = (len(parts) + 3 * any(y in title for y in years), len(parts))
    if not scores:
        raise DraftError(
            f"{display_path(report)}: cannot tell which inspection framework the report follows: "
            f"looked for the pillar and element headings of {', '.join(known)} and found fewer "
            f"than {LEAST_PARTS} of any one; give the framework with --framework KEY")
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = [key for key, score in ranked if score == ranked[0][1]]
        raise DraftError(f"{display_path(report)}: the report fits the frameworks "
                         f"{' and '.join(tied)} equally well; give one with --framework KEY")
    return known[ranked[0][0]]


def force_of(blocks: list[Block], report: Path) -> str:
    """The force's full name, as the report's title gives it."""
    title = blocks[:TITLE_BLOCKS]
    for block in title:
        found = _INSPECTION_OF.search(block.text)
        if found:
            return found.group(1).strip()
    for block in title:
        found = _TITLED.match(block.text)
        if found:
            place = re.escape(found.group(1).strip())
            names = Counter(m.group(1) for b in blocks
                            for m in re.finditer(_FORCE.format(place=place), b.text))
            return names.most_common(1)[0][0] if names else found.group(1).strip()
    raise DraftError(f"{display_path(report)}: cannot find which force the report is about: "
                     "looked for “An inspection of …” or a title such as “<force> PEEL <year>” "
                     "at its top; give it with --force NAME")


def published_of(blocks: list[Block]) -> dt.date | None:
    """The date the report says it was published or last updated, where it gives a day."""
    for block in blocks:
        found = _PUBLISHED.search(block.text)
        if found:
            day = _date(found.group(1))
            if day:
                return day
    return None


def _date(text: str) -> dt.date | None:
    numeric = re.match(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", text)
    try:
        if numeric:  # the inspectorate writes dates day first
            return dt.date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        day, month, year = text.split()
        return dt.date(int(year), _MONTHS.split().index(month.casefold()) + 1, int(day))
    except ValueError:
        return None


def source_of(blocks: list[Block]) -> str | None:
    """The report's web address, where it states it as such."""
    for block in blocks:
        found = _SOURCE.search(block.text)
        if found:
            return found.group(1).rstrip(".,;")
    return None
