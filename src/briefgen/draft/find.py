"""Find the framework's parts in a report's blocks: each pillar's and element's section, its
grading, its findings (causes of concern, recommendations, areas for improvement) and the
summary its comments are drafted from.

Pillars and elements are found by the names the framework file holds (``name``,
``report_name``; a pillar also by its ``question``), matched against whole
blocks, so a heading is found whether it is marked as one or not. What follows is the
inspectorate's own vocabulary, the same in every report: the titles of the findings lists, the
sentence that ends a summary, and the ways a grading is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Framework
from .blocks import BULLET, HEADING, PARAGRAPH, Block
from .comments import draft_comments
from .gradings import Stated, carried_over_year, section_grading, stated_gradings
from .names import Part, heading_part, names_of

#: The findings lists, by the field they fill, and the titles a report gives them.
FINDING_TITLES = {
    "causes_of_concern": ("cause of concern", "causes of concern"),
    "recommendations": ("recommendation", "recommendations"),
    "areas_for_improvement": ("area for improvement", "areas for improvement"),
}
#: Where a full report's summary of a part ends and its detailed findings begin.
DETAILS_START = ("we set out our detailed findings below",)
_GRADE_STATED = re.compile(
    r"^(?:overall )?(?:grade|grading|graded|judgment|judgement|rating)"
    r"\s*(?:[:\-]|is)?\s*(.+)$"
)
_NUMBERING = re.compile(r"^(?:question\s+)?(?:\d{1,2}|[a-z])(?:[.):]\s*|\s+)(?=\w)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})

Bullet = str | dict[str, Any]


def key_text(text: str) -> str:
    """``text`` as names are compared: case, quotes, dashes, numbering, end marks ignored."""
    text = " ".join(text.translate(_QUOTES).split()).casefold()
    text = _NUMBERING.sub("", text)
    return text.rstrip(" .:?!*")


@dataclass
class FoundElement:
    """What the report says of one element; empty lists where it says nothing."""

    key: str
    grading: str | None = None
    #: The year of an earlier judgment that still stands, and the sentence a grading was read
    #: from (None where it stands on a line of its own).
    carried_from: int | None = None
    said: str | None = None
    comments: list[str] = field(default_factory=list)
    causes_of_concern: list[Bullet] = field(default_factory=list)
    recommendations: list[Bullet] = field(default_factory=list)
    areas_for_improvement: list[Bullet] = field(default_factory=list)


@dataclass
class Found:
    """The framework's parts found in a report: only those the report has."""

    elements: dict[str, FoundElement]
    pillars: dict[str, str | None]  # pillar key → its grading, None where none is stated
    #: The sentence each pillar's grading was read from, where it was read from one.
    pillars_said: dict[str, str] = field(default_factory=dict)


def markers(blocks: list[Block], framework: Framework) -> list[tuple[int, str, str]]:
    """(block index, "element" or "pillar", key) for each block that names a part: a heading
    or a line of its own (never a list item, nor a sentence), whose words are a part's name."""
    names = names_of(framework)
    out = []
    for i, block in enumerate(blocks):
        if not _heading_like(block):
            continue
        part = heading_part(block.text, names)
        if part is not None:
            out.append((i, part.kind, part.key))
    return out


def _heading_like(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind != BULLET
        and len(text) < 200
        and not text.endswith((".", ";", ",", ":"))
        and not text[:1].islower()
    )


def grading_in(text: str, framework: Framework) -> str | None:
    """The scale's label where ``text`` states a grading and nothing else."""
    wanted = key_text(text)
    stated = _GRADE_STATED.match(wanted)
    for candidate in (wanted, stated.group(1) if stated else None):
        grade = framework.grade(candidate) if candidate else None
        if grade is not None:
            return grade.label
    return None


def find(blocks: list[Block], framework: Framework) -> Found:
    """Every pillar and element of ``framework`` that the report has, with what it says."""
    marks = markers(blocks, framework)
    bounds = [i for i, _, _ in marks] + [len(blocks)]
    sections: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for n, (start, kind, key) in enumerate(marks):
        end = next(b for b in bounds[n + 1 :] if b > start)
        end = _chapter_end(blocks, start, end)
        sections.setdefault((kind, key), []).append((start + 1, end))
    elements = {}
    for definition in framework.elements:
        spans = sections.get(("element", definition.key))
        if spans:
            start, end = max(spans, key=lambda s: _words(blocks[s[0] : s[1]]))
            found = _element(definition.key, blocks[start:end], framework)
            if found.grading is None:  # stated on a line after another of its headings
                found.grading = next(
                    (
                        g
                        for s, e in spans
                        for g in [_first_grading(blocks[s : s + 2], framework)]
                        if g
                    ),
                    None,
                )
            if found.grading is None and definition.graded:  # in a sentence under its heading
                under = section_grading(blocks[start:end], framework, definition.key)
                if under:
                    found.grading, found.said = under.grade, under.said
            found.carried_from = next(
                (y for s, e in spans for y in [carried_over_year(blocks[s:e])] if y), None
            )
            elements[definition.key] = found
    pillars: dict[str, str | None] = {}
    for pillar in framework.named_pillars:
        spans = sections.get(("pillar", pillar.key))
        if spans:
            pillars[pillar.key] = next(  # on a line of its own under the pillar's heading
                (
                    g
                    for s, e in spans
                    for g in [_first_grading(blocks[s : min(e, s + 3)], framework)]
                    if g
                ),
                None,
            )
    said = _with_stated(stated_gradings(blocks, framework), framework, elements, pillars)
    for pillar in framework.named_pillars:  # a pillar is in the report if an element is
        if pillar.key not in pillars and any(e.key in elements for e in pillar.elements):
            pillars[pillar.key] = None
    return Found(elements, pillars, said)


def _with_stated(
    stated: dict[Part, Stated],
    framework: Framework,
    elements: dict[str, FoundElement],
    pillars: dict[str, str | None],
) -> dict[str, str]:
    """Gradings stated in sentences and lists, where no line of its own states one."""
    said: dict[str, str] = {}
    graded = {e.key for e in framework.elements if e.graded}
    for part, grading in stated.items():
        if part.kind == "pillar":
            if pillars.get(part.key) is None and any(
                p.key == part.key and p.graded for p in framework.named_pillars
            ):
                pillars[part.key] = grading.grade
                said[part.key] = grading.said
            continue
        if part.key not in graded:
            continue
        element = elements.setdefault(part.key, FoundElement(part.key))
        if element.grading is None:
            element.grading, element.said = grading.grade, grading.said
            element.carried_from = element.carried_from or grading.carried_from
    for element in elements.values():  # a year carried over only with a grading
        if element.grading is None:
            element.carried_from = None
    return said


def _chapter_end(blocks: list[Block], start: int, end: int) -> int:
    """A section also ends at the next top-level heading (an annex, say)."""
    return next(
        (i for i in range(start + 1, end) if blocks[i].kind == HEADING and blocks[i].level == 1),
        end,
    )


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _first_grading(blocks: list[Block], framework: Framework) -> str | None:
    return next(
        (g for b in blocks if b.kind != BULLET for g in [grading_in(b.text, framework)] if g), None
    )


def summary_of(blocks: list[Block]) -> list[Block]:
    """The part's summary: up to its detailed findings, or else up to its first sub-heading
    that is not a findings list (the whole section where it has neither)."""
    for i, block in enumerate(blocks):
        if block.kind == PARAGRAPH and key_text(block.text).startswith(DETAILS_START):
            return blocks[:i]
    for i, block in enumerate(blocks):
        if (
            i
            and block.kind == HEADING
            and _finding_list(block.text) is None
            and key_text(block.text) != "summary"
        ):
            return blocks[:i]
    return blocks


def _finding_list(text: str) -> str | None:
    wanted = key_text(text)
    return next((f for f, titles in FINDING_TITLES.items() if wanted in titles), None)


def _lead_in(block: Block) -> str | None:
    """The findings list a paragraph leads into ("In 2017, we identified two areas for
    improvement:"), where it ends with a colon and names one."""
    if block.kind != PARAGRAPH or not block.text.rstrip().endswith(":"):
        return None
    wanted = key_text(block.text)
    return next(
        (
            f
            for f, titles in FINDING_TITLES.items()
            if any(re.search(rf"\b{t}\b", wanted) for t in titles[::-1])
        ),
        None,
    )


def _element(key: str, section: list[Block], framework: Framework) -> FoundElement:
    found = FoundElement(key)
    prose: list[list[str]] = []  # the summary's paragraphs, as the comments are drafted from
    current: str | None = None  # the findings list being read
    loose = False  # a list led into by a sentence: its items may have prose between
    items: list[Block] = []
    for block in summary_of(section):
        title = _finding_list(block.text) if block.kind != BULLET else None
        grading = grading_in(block.text, framework) if block.kind != BULLET else None
        lead_in = _lead_in(block)
        if current and (
            title
            or lead_in
            or block.kind == HEADING
            or (
                block.kind == PARAGRAPH
                and (not loose or block.text.endswith(":"))
                and any(b.kind == BULLET for b in items)
            )
        ):
            getattr(found, current).extend(nest(items))
            current, items = None, []
        if title or lead_in:
            current, loose = title or lead_in, lead_in is not None
        elif grading:
            found.grading = found.grading or grading
        elif current and loose and block.kind != BULLET:
            continue  # what is said of an item between the items
        elif current:
            items.append(block)
        elif block.kind != HEADING and re.search(r"[a-z]", block.text):
            prose.append([block.text])
    if current:
        getattr(found, current).extend(nest(items))
    found.comments = draft_comments([p[0] for p in prose])
    return found


def nest(blocks: list[Block]) -> list[Bullet]:
    """Bullets as briefgen writes them: a string, or ``{text, items}`` for one with a list
    under it. A lead-in ending in a colon (a bullet, or a line of its own: "The force should:")
    takes the lower-case bullets after it even where the report's indent was lost."""
    out: list[Bullet] = []
    opener: dict[str, Any] | None = None
    for block in blocks:
        nested = block.kind == BULLET and (
            block.level > 0 or (opener is not None and block.text[:1].islower())
        )
        if nested and out:
            if opener is None:
                last = out.pop()
                opener = last if isinstance(last, dict) else {"text": last, "items": []}
                out.append(opener)
            opener["items"].append(block.text)
            continue
        opener = None
        if block.text.endswith(":"):  # a lead-in, as a bullet or a line of its own
            opener = {"text": block.text, "items": []}
            out.append(opener)
        else:
            out.append(block.text)
    return [
        {"text": b["text"], "items": b["items"]}
        if isinstance(b, dict) and b["items"]
        else (b["text"] if isinstance(b, dict) else b)
        for b in out
    ]
