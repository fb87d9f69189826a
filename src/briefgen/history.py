"""Year on year: how an element's grading compares with the inspection it follows.

A comparison is made only where it is honest: the earlier element must be the same element of
the same framework, or one the framework declares it continues (``continues:``), and both
gradings must come from the same scale. Otherwise the answer says why there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Assessment, Element, Framework, reference, reference_parts

IMPROVED, DECLINED, UNCHANGED = "improved", "declined", "unchanged"
NEW, NOT_COMPARABLE = "new", "not comparable"


@dataclass(frozen=True)
class Change:
    """The direction of travel of one element since an earlier inspection."""

    since: int  # the year the earlier inspection was published
    direction: str  # improved, declined, unchanged, new or not comparable
    previous: str = ""  # the earlier grading, as its grid showed it ("" when new)


def chain(assessment: Assessment) -> tuple[Assessment, ...]:
    """``assessment`` and every assessment it follows, directly or through others, oldest
    first (by publication date)."""
    found: dict[Path, Assessment] = {}
    waiting = [assessment]
    while waiting:
        current = waiting.pop()
        if current.folder not in found:
            found[current.folder] = current
            waiting.extend(current.previous)
    return tuple(sorted(found.values(), key=lambda a: (a.published, str(a.folder))))


def frameworks_of(assessments: tuple[Assessment, ...]) -> dict[str, Framework]:
    """The frameworks the assessments were made under, and those their ``continues:`` links
    pass through (``Assessment.linked``), by key."""
    found = {f.key: f for a in assessments for f in a.linked}
    return {**found, **{a.framework.key: a.framework for a in assessments}}


def lineage(framework: Framework, key: str, frameworks: dict[str, Framework]) -> tuple[str, ...]:
    """``framework/key`` and every earlier element it continues, as "framework/element", nearest
    first: the ``continues:`` links are followed through each framework in ``frameworks``."""
    found = [reference(framework.key, key)]
    for link in found:  # grows as links are followed
        framework_key, element_key = reference_parts(link)
        known = frameworks.get(framework_key)
        definition = known.element_by_key.get(element_key) if known else None
        for earlier in definition.continues if definition else ():
            if earlier not in found:
                found.append(earlier)
    return tuple(found)


def counterpart(references: tuple[str, ...], earlier: Assessment) -> Element | None:
    """The element of ``earlier`` that is one of ``references`` (a lineage), nearest first."""
    framework, elements = earlier.framework.key, earlier.element_by_key
    for link in references:
        framework_key, key = reference_parts(link)
        if framework_key == framework and key in elements:
            return elements[key]
    return None


def reaches(references: tuple[str, ...], earlier: Assessment) -> bool:
    """Whether a lineage reaches the framework ``earlier`` was made under: if so and ``earlier``
    has no counterpart, that inspection did not assess the element; if not, nothing links the
    element to it and the two cannot be compared."""
    return any(reference_parts(r)[0] == earlier.framework.key for r in references)


def change(element: Element, assessment: Assessment) -> Change | None:
    """How ``element`` compares with the assessments ``assessment`` follows.

    None where there is nothing to compare with: no earlier assessment is given, or those
    given did not assess the element it continues (a PEEL 2016 efficiency report has nothing on
    effectiveness). "new" where the element continues nothing at all; "not comparable" (with
    no earlier grading) where it continues elements, but none of the earlier framework's.
    """
    if not assessment.previous:
        return None
    references = lineage(assessment.framework, element.key, frameworks_of(chain(assessment)))
    found = next(
        (
            (earlier, before)
            for earlier in assessment.previous
            if (before := counterpart(references, earlier)) is not None
        ),
        None,
    )
    if found is None:
        since = assessment.previous[0].published.year
        if any(reaches(references, earlier) for earlier in assessment.previous):
            return None
        return Change(since, NEW if len(references) == 1 else NOT_COMPARABLE)
    earlier, before = found
    since = earlier.published.year
    if not element.state.has_grading or not before.state.has_grading:
        return Change(since, NOT_COMPARABLE, before.shown)
    if not same_scale(assessment.framework, earlier.framework):
        return Change(since, NOT_COMPARABLE, before.shown)
    labels = [g.label for g in assessment.framework.scale]
    now, then = labels.index(element.grade.label), labels.index(before.grade.label)
    direction = IMPROVED if now < then else DECLINED if now > then else UNCHANGED
    return Change(since, direction, before.shown)


def same_scale(a: Framework, b: Framework) -> bool:
    """Whether two frameworks grade on the same scale (same labels, same order)."""
    return [g.label.casefold() for g in a.scale] == [g.label.casefold() for g in b.scale]


def unused_previous(assessment: Assessment) -> list[int]:
    """The indexes in ``previous:`` of the earlier assessments that change nothing in the
    output: no element of ``assessment`` links to an element of them, or of any assessment
    they follow. Probably a mistake (the wrong folder, or a framework file missing from the
    search path), so worth a located warning."""
    frameworks = frameworks_of(chain(assessment))
    lineages = [lineage(assessment.framework, e.key, frameworks) for e in assessment.elements]
    return [
        index
        for index, earlier in enumerate(assessment.previous)
        if not any(
            counterpart(references, followed) is not None
            for followed in chain(earlier)
            for references in lineages
        )
    ]
