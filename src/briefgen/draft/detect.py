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
from .blocks import BULLET, Block
from .find import markers
from .gradings import stated_gradings

#: How many blocks from the top of a report count as its title page.
TITLE_BLOCKS = 15
#: At least this many of a framework's pillars and elements must be named in the report.
LEAST_PARTS = 2
_YEAR = re.compile(r"\d{4}(?:\s*[/–-]\s*\d{2,4})?")
_INSPECTION_OF = re.compile(r"\binspection of (?:the )?(.+?)[.:]?$", re.IGNORECASE)
_MONTHS = "january february march april may june july august september october november december"
_PUBLISHED = re.compile(
    r"\b(?:last updated|published(?: on)?|date of publication)\s*:?\s*"
    r"(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2} [A-Za-z]+ \d{4})",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"\b(?:source|available (?:at|from)|published at|url)\s*:?\s*"
    r"(https?://[^\s)>\]]+)",
    re.IGNORECASE,
)


def load_frameworks(search: Sequence[Path] | None = None) -> dict[str, Framework]:
    """Every framework on the search path, by key (the one place draft loads them)."""
    return {
        key: frameworks.load_framework(path) for key, path in frameworks.available(search).items()
    }


def shown(report: Path | str) -> str:
    """A report as a message names it: a file as the officer types it, an address whole."""
    return report if isinstance(report, str) else display_path(report)


def framework_of(blocks: list[Block], known: dict[str, Framework], report: Path | str) -> Framework:
    """The framework of the round the report is of.

    The round's own words decide first: the address of the report's first page, then its page
    titles ("Essex PEEL 2017", "Surrey 2021/22"). Among the rounds they leave (all, where they
    say nothing), the one whose pillars and elements the report names most.
    """
    by_address = _round_of_address(blocks, known)
    if by_address is not None:
        return by_address
    titled = {key: _title_hits(blocks, framework) for key, framework in known.items()}
    if not any(titled.values()):  # no title names a round: the text may ("PEEL 2021/22")
        titled = {key: _mentions(blocks, framework) for key, framework in known.items()}
    best = max(titled.values(), default=0)
    candidates = [key for key, hits in titled.items() if hits == best] if best else list(known)
    if not best:
        unknown = _unknown_round(blocks)
        if unknown:
            raise DraftError(
                f"{shown(report)}: the report is of {unknown}, a round briefgen has no "
                f"framework for (it knows {', '.join(f.name for f in known.values())}); give "
                "the nearest with --framework KEY, or add the round's framework file"
            )
    scores = {}
    for key in candidates:
        parts = {(kind, part) for _, kind, part in markers(blocks, known[key])}
        parts |= {(p.kind, p.key) for p in stated_gradings(blocks, known[key])}
        if len(parts) >= LEAST_PARTS or best:
            scores[key] = (len(parts), _mentions(blocks, known[key]))
    if not scores:
        raise DraftError(
            f"{shown(report)}: cannot tell which inspection framework the report follows: "
            f"looked for the round's name in its titles and the pillar and element headings of "
            f"{', '.join(candidates)} and found fewer than {LEAST_PARTS} of any one; give the "
            "framework with --framework KEY"
        )
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = [key for key, score in ranked if score == ranked[0][1]]
        raise DraftError(
            f"{shown(report)}: the report fits the frameworks "
            f"{' and '.join(tied)} equally well; give one with --framework KEY"
        )
    return known[ranked[0][0]]


_DASHES = str.maketrans({"–": "-", "—": "-", "\u00a0": " "})
_ROUND = re.compile(r"(?:\bPEEL |\s)((?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?)$")


def _round_pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w/-])" + re.escape(name.translate(_DASHES).casefold()) + r"(?![\w/-])"
    )


def _address_pattern(address: str) -> re.Pattern[str]:
    return re.compile(".*".join(map(re.escape, address.casefold().split("*"))))


def _round_of_address(blocks: list[Block], known: dict[str, Framework]) -> Framework | None:
    """The framework whose round's address the report's first web address has."""
    for block in blocks:
        for address in re.findall(r"https?://\S+", block.text):
            address = address.casefold()
            found = [
                f
                for f in known.values()
                if any(_address_pattern(a).search(address) for a in f.round_addresses)
            ]
            if len(found) == 1:
                return found[0]
            if found:
                return None
    return None


def _titles(blocks: list[Block]) -> list[str]:
    """The report's short lines that can be titles, dashes made plain, in lower case."""
    return [
        b.text.translate(_DASHES).casefold()
        for b in blocks
        if b.kind != BULLET and len(b.text) < 150 and not b.text.endswith((".", ":", ";"))
    ]


def _title_hits(blocks: list[Block], framework: Framework) -> int:
    """How many title lines name the framework's round at their end or before a dash."""
    patterns = [_round_pattern(n) for n in framework.round_names]
    return sum(
        any(
            m.end() == len(t) or t[m.end() :].startswith((" - ", ": "))
            for p in patterns
            for m in p.finditer(t)
        )
        for t in _titles(blocks)
    )


def _mentions(blocks: list[Block], framework: Framework) -> int:
    patterns = [_round_pattern(n) for n in framework.round_names if not n[:1].isdigit()]
    return sum(
        len(p.findall(b.text.translate(_DASHES).casefold())) for b in blocks for p in patterns
    )


def _unknown_round(blocks: list[Block]) -> str | None:
    """A round a title names that no framework knows ("Essex PEEL 2013")."""
    for block in blocks[:TITLE_BLOCKS]:
        text = block.text.translate(_DASHES)
        found = _ROUND.search(text) if len(text) < 80 and block.kind != BULLET else None
        if found and ("PEEL" in text or len(text.split()) <= 4):
            return f"“{text.strip()}”"
    return None


#: What a force's or service's name ends with.
FORCE_ENDS = (
    "Police Service",
    "Police Force",
    "Police",
    "Constabulary",
    "Fire and Rescue Service",
    "Fire & Rescue Service",
    "Fire and Rescue Authority",
    "Fire Brigade",
    "Fire Service",
)
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|and|&|of|the)"
_FORCE_NAME = re.compile(
    r"\b((?:[A-Z][\w’'.-]*)(?: "
    + _NAME_WORD
    + r"){0,5}? (?:"
    + "|".join(map(re.escape, FORCE_ENDS))
    + r"))\b"
)
_PLACE_TITLE = re.compile(r"^(?:the )?(.+?)\s+(?:PEEL\s+)?(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?$")
#: What force_of looks for, as a draft's hint says it.
FORCE_LOOKED_FOR = (
    "“An inspection of …”, a title such as “<force> PEEL <year>” or "
    "“<place> 2018/19”, and a force's or service's full name in the text"
)


def force_of(blocks: list[Block]) -> str | None:
    """The force's or service's full name, as the report's titles give it; None where they do
    not give one that has the shape of a force's or service's name."""
    names = Counter(
        name
        for b in blocks
        for m in _FORCE_NAME.finditer(b.text)
        for name in [_after_title_words(m.group(1))]
        if _force_shaped(name)
    )
    for name in list(names):  # "Overall Essex Police" is "Essex Police" opening a sentence
        shorter = name.split(" ", 1)[-1]
        if shorter != name and shorter in names:
            names[shorter] += names.pop(name)
    for block in blocks[: TITLE_BLOCKS * 2]:
        found = _INSPECTION_OF.search(block.text)
        if found and _force_shaped(found.group(1).strip()):
            return found.group(1).strip()
    for block in blocks[: TITLE_BLOCKS * 2]:
        titled = _PLACE_TITLE.match(block.text.strip()) if len(block.text) < 80 else None
        if titled:
            place = titled.group(1).strip()
            if _force_shaped(place):
                return place
            mine = Counter({n: c for n, c in names.items() if n.startswith(place + " ")})
            if mine:
                return mine.most_common(1)[0][0]
    return names.most_common(1)[0][0] if names else None


_TITLE_WORDS = re.compile(
    r"^.*\b(?:PEEL|Assessment|Inspection|Report|HMIC|HMICFRS|Inspector)"
    r"\b.*? of (?:the )?"
)


def _after_title_words(name: str) -> str:
    """ "PEEL Assessment of Dyfed-Powys Police" is "Dyfed-Powys Police"."""
    return _TITLE_WORDS.sub("", name)


def _force_shaped(name: str) -> bool:
    """Whether ``name`` has the shape of a force's or service's name: a few capitalised words
    (or "and", "of", "the", "&") ending as a force's or service's name does."""
    parts = name.split()
    return (
        2 <= len(parts) <= 10
        and name.endswith(FORCE_ENDS)
        and parts[0][:1].isupper()
        and all(w[:1].isupper() or w in ("and", "&", "of", "the") for w in parts)
    )


def published_of(blocks: list[Block]) -> dt.date | None:
    """The date the report says it was published or last updated, where it gives a day: the
    first date of its own pages where it has a landing page before them (a pillar page is
    titled "<force> PEEL <year>"; the landing page repeats an earlier pillar's date)."""
    first_page = next(
        (i for i, b in enumerate(blocks) if len(b.text) < 80 and _PILLAR_PAGE.search(b.text)), 0
    )
    return (
        _first_date(blocks[first_page:])
        or _first_date(blocks)
        or next(
            (
                day
                for b in blocks[:TITLE_BLOCKS]
                if _DATE_LINE.match(b.text.strip())
                for day in [_date(b.text.strip())]
                if day
            ),
            None,
        )
    )  # a title page's date on its own


_DATE_LINE = re.compile(r"^\d{1,2} [A-Za-z]+ (?:19|20)\d\d$")


_PILLAR_PAGE = re.compile(r"\bPEEL (?:19|20)\d\d(?:/\d\d)?$")


def _first_date(blocks: list[Block]) -> dt.date | None:
    for block in blocks:
        found = _PUBLISHED.search(block.text)
        if found:
            day = _date(found.group(1))
            if day:
                return day
    return None


_MONTH_YEAR = re.compile(r"\b(?:" + "|".join(_MONTHS.split()) + r") (?:19|20)\d\d\b", re.IGNORECASE)


def month_of(blocks: list[Block]) -> str | None:
    """The month and year the report's title page gives, where it gives no day."""
    for block in blocks[: TITLE_BLOCKS * 2]:
        found = _MONTH_YEAR.search(block.text) if len(block.text) < 150 else None
        if found:
            return found.group(0)
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
