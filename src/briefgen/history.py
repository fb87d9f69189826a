"""Year on year: how an element's grading compares with the inspection it follows.

A comparison is made only where it is honest: the earlier element must be the same element of
the same framework, or one the framework declares it continues (``continues:``), and both
gradings must come from the same scale. Otherwise the answer says why there is none.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Assessment, Element, Framework

IMPROVED, DECLINED, UNCHANGED = "improved", "declined", "unchanged"
NEW, NOT_COMPARABLE = "new", "not comparable"


@dataclass(frozen=True)
class Change:
    """The direction of travel of one element since an earlier inspection."""

    since: int                  # the year the earlier inspection was published
    direction: str              # improved, declined, unchanged, new or not comparable
    previous: str = ""          # the earlier grading, as its grid showed it ("" when new)


def previous_element(element: Element, assessment: Assessment,
                     continues: tuple[str, ...]) -> tuple[Assessment, Element] | None:
    """The element of an earlier assessment that ``element`` continues, nearest first:
    the same element of the same framework, or one named in ``continues``."""
    for earlier in assessment.previous:
        for candidate in earlier.elements:
            reference = f"{earlier.framework.key}/{candidate.key}"
            same = (earlier.framework.key == assessment.framework.key
                    and candidate.key == element.key)
            if same or reference in continues:
                return earlier, candidate
    return None


def change(element: Element, assessment: Assessment) -> Change | None:
    """How ``element`` compares with the assessments ``assessment`` follows.

    None where there is nothing to compare with: no earlier assessment is given, or those
    given did not cover the element it continues (a PEEL 2016 efficiency report has nothing on
    effectiveness). "new" where the element continues nothing at all.
    """
    if not assessment.previous:
        return None
    definition = next(e for e in assessment.framework.elements if e.key == element.key)
    found = previous_element(element, assessment, definition.continues)
    if found is None:
        if definition.continues:
            return None
        return Change(assessment.previous[0].published.year, NEW)
    earlier, before = found
    since = earlier.published.year
    shown = before.grade.label + (f" ({before.carried_over_from})"
                                  if before.carried_over_from else "")
    if not _graded(element) or not _graded(before):
        return Change(since, NOT_COMPARABLE, shown)
    if not same_scale(assessment.framework, earlier.framework):
        return Change(since, NOT_COMPARABLE, shown)
    labels = [g.label for g in assessment.framework.scale]
    now, then = labels.index(element.grade.label), labels.index(before.grade.label)
    direction = IMPROVED if now < then else DECLINED if now > then else UNCHANGED
    return Change(since, direction, shown)


def same_scale(a: Framework, b: Framework) -> bool:
    """Whether two frameworks grade on the same scale (same labels, same order)."""
    return [g.label.casefold() for g in a.scale] == [g.label.casefold() for g in b.scale]


def _graded(element: Element) -> bool:
    return element.state in ("graded", "carried over")
