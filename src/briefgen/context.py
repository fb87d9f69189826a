"""The model as the template context: the whole interface a Word template sees.

Every variable is documented, with an example, in ``templates/README.md``; a test keeps the two
in step. Values are plain lists, dicts, strings, booleans and dates, so that a template (and a
sandboxed Jinja environment) needs nothing from Python beyond the filters in ``environment.py``.
"""

from __future__ import annotations

from typing import Any

from .history import chain, change, counterpart, frameworks_of, lineage, reaches, same_scale
from .model import Assessment, Bullet, Element, Grade, Pillar

#: The shade of a history cell for an inspection that did not assess the element, or graded
#: it on another scale than this assessment's (white: a four-point "Good" is not a five-point
#: one, so the two never share a shade).
NO_SHADE = "FFFFFF"


def build_context(assessment: Assessment) -> dict[str, Any]:
    """The template context for ``assessment``."""
    framework = assessment.framework
    pillars = [_pillar(p, assessment) for p in assessment.pillars]
    return {
        "force": {
            "name": assessment.force,
            "name_in_text": assessment.force_in_text,
            "short_name": assessment.force_short_name,
            "informal_name": assessment.force_informal_name,
        },
        "published": assessment.published,
        "source": assessment.source,
        "framework": {
            "key": framework.key,
            "name": framework.name,
            "inspectorate": framework.inspectorate,
            "inspectorate_name": framework.inspectorate_name,
            "assessment": framework.assessment,
            "assessment_long": framework.assessment_long,
            "has_pillars": framework.has_pillars,
            "about": framework.about or "",
            "aims": list(framework.aims),
            "scale": [_grade(g) for g in framework.scale],
        },
        "pillars": pillars,
        "elements": [e for p in pillars for e in p["elements"]],
        "change_since": assessment.previous[0].published.year if assessment.previous else None,
        "history": _history(assessment),
        "paper": {
            "committee": assessment.paper.committee,
            "meeting_date": assessment.paper.meeting_date,
            "appendix": assessment.paper.appendix,
            "agenda_item": assessment.paper.agenda_item,
        },
        "themes": None
        if assessment.themes is None
        else {
            "introduction": assessment.themes.introduction,
            "source": assessment.themes.source,
            "bullets": list(assessment.themes.items),
        },
    }


def _grade(grade: Grade) -> dict[str, str]:
    return {"label": grade.label, "shade": grade.shade}


def _pillar(pillar: Pillar, assessment: Assessment) -> dict[str, Any]:
    return {
        "key": pillar.key,
        "name": pillar.name,
        "graded": pillar.grade is not None,
        "grading": pillar.grade.label if pillar.grade else "",
        "shade": pillar.grade.shade if pillar.grade else "",
        "elements": [_element(e, assessment) for e in pillar.elements],
    }


def _element(element: Element, assessment: Assessment) -> dict[str, Any]:
    since = change(element, assessment)
    recommendations = _bullets(element.recommendations)
    areas = _bullets(element.areas_for_improvement)
    return {
        "key": element.key,
        "name": element.name,
        "graded": element.graded,
        "state": element.state.value,
        "grading": element.grade.label,
        "carried_over_from": element.carried_over_from,
        "shade": element.grade.shade,
        "comments": _bullets(element.comments),
        "causes_of_concern": _bullets(element.causes_of_concern),
        "recommendations": recommendations,
        "areas_for_improvement": areas,
        "improvements": recommendations + areas,
        "change": None
        if since is None
        else {"since": since.since, "direction": since.direction, "previous": since.previous},
    }


def _bullets(bullets: tuple[Bullet, ...]) -> list[dict[str, Any]]:
    return [{"text": b.text, "status": b.status, "nested": _bullets(b.items)} for b in bullets]


def _history(assessment: Assessment) -> dict[str, Any]:
    """Each element's grading at each inspection in the chain ``assessment`` ends, oldest first."""
    inspections = chain(assessment)
    frameworks = frameworks_of(inspections)
    scales = [same_scale(assessment.framework, a.framework) for a in inspections]

    def element(e: Element) -> dict[str, Any]:
        references = lineage(assessment.framework, e.key, frameworks)
        return {
            "key": e.key,
            "name": e.name,
            "gradings": [
                _history_cell(counterpart(references, a), reaches(references, a), same)
                for a, same in zip(inspections, scales, strict=False)
            ],
        }

    def pillar(p: Pillar) -> dict[str, Any]:
        then = [
            next((q.grade for q in a.pillars if q.key == p.key and q.grade), None)
            for a in inspections
        ]
        # A report of one pillar (covers:) did not assess the others; it still links to them.
        linked = [
            bool(a.covers) or any(q.key == p.key for q in a.framework.pillars) for a in inspections
        ]
        return {
            "key": p.key,
            "name": p.name,
            "graded": p.grade is not None,
            "gradings": [
                {
                    "grading": g.label if g else "",
                    "shade": g.shade if g and same else NO_SHADE,
                    "linked": link,
                }
                for g, link, same in zip(then, linked, scales, strict=False)
            ],
            "elements": [element(e) for e in p.elements],
        }

    others = {
        a.framework.name: len(a.framework.scale)
        for a, same in zip(inspections, scales, strict=False)
        if not same
    }
    return {
        "inspections": [
            {
                "published": a.published,
                "framework": a.framework.name,
                "name": a.framework.name
                + "".join(f" {q.name.lower()}" for q in a.framework.pillars if q.key in a.covers),
                "current": a is assessment,
                "same_scale": same,
                "points": len(a.framework.scale),
            }
            for a, same in zip(inspections, scales, strict=False)
        ],
        "same_scale": all(scales),
        "other_scales": [{"framework": name, "points": points} for name, points in others.items()],
        "pillars": [pillar(p) for p in assessment.pillars],
    }


def _history_cell(element: Element | None, linked: bool, same: bool) -> dict[str, Any]:
    if element is None:
        return {"grading": "", "shade": NO_SHADE, "linked": linked}
    return {
        "grading": element.shown,
        "shade": element.grade.shade if same else NO_SHADE,
        "linked": linked,
    }
