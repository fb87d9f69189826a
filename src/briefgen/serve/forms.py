"""The forms' fields to and from the files' values: no rule here, only the shape of the data.

A bullet list is posted as ``<list>-<i>-text``, ``<list>-<i>-status`` and ``<list>-<i>-items``
(its nested bullets, one a line); the buttons beside a bullet post ``op`` as
``<list>:<i>:up|down|delete`` or ``<list>:add``, and a bullet dragged with the mouse
``<list>:<i>:to:<j>``. What the form posts becomes the values of the
file's keys it edits; every key the form does not edit stays as the file has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import library

#: The element file's lists, in the order of the file and of the form.
LISTS = library.BULLET_FIELDS
#: How the form names each list: its heading, one bullet of it, and that in running text.
LIST_WORDS = {
    "comments": ("Comments", "Comment", "comment"),
    "causes_of_concern": ("Causes of concern", "Cause of concern", "cause of concern"),
    "recommendations": ("Recommendations", "Recommendation", "recommendation"),
    "areas_for_improvement": (
        "Areas for improvement",
        "Area for improvement",
        "area for improvement",
    ),
}
STATUSES = ("discharged", "not discharged")
ELEMENT_ORDER = ("element", "grading", "carried_over_from", "not_inspected", *LISTS)
GRADED_FIELDS = ("grading", "carried_over_from", "not_inspected")
ASSESSMENT_TEXT = ("force", "force_short_name", "force_informal_name", "published", "source")
PAPER = ("committee", "meeting_date", "appendix", "agenda_item")
ASSESSMENT_ORDER = (
    "framework",
    "covers",
    "force",
    "force_short_name",
    "force_informal_name",
    "published",
    "source",
    "previous",
    "groups",
    "pillars",
    "paper",
    "briefing",
)
_OP = re.compile(r"^([a-z_]+):(?:(\d+):(up|down|delete|to:(\d+))|add)$")


def _text(value: Any) -> str:
    return str(value).replace("\r\n", "\n").strip()


def bullet_view(value: Any) -> dict[str, Any]:
    """A bullet as the form shows it: its text, status and nested bullets."""
    if isinstance(value, dict):
        return {
            "text": str(value.get("text", "")),
            "status": value.get("status") or "",
            "items": [str(i) for i in value.get("items") or []],
        }
    return {"text": "" if value is None else str(value), "status": "", "items": []}


def _bullet(text: str, status: str, items: list[str]) -> Any:
    if not status and not items:
        return text
    bullet: dict[str, Any] = {"text": text}
    if status:
        bullet["status"] = status
    if items:
        bullet["items"] = items
    return bullet


def posted_list(form: Mapping[str, Any], name: str) -> list[Any]:
    """The bullets of list ``name`` as posted, in order."""
    indices = sorted(
        {int(m.group(1)) for key in form if (m := re.fullmatch(rf"{name}-(\d+)-text", key))}
    )
    bullets = []
    for i in indices:
        status = _text(form.get(f"{name}-{i}-status", ""))
        items = [
            line.strip()
            for line in _text(form.get(f"{name}-{i}-items", "")).split("\n")
            if line.strip()
        ]
        bullets.append(
            _bullet(_text(form[f"{name}-{i}-text"]), status if status in STATUSES else "", items)
        )
    return bullets


def apply_op(lists: dict[str, list[Any]], op: str) -> bool:
    """Add, delete or move a bullet as the button ``op`` asks; whether it did."""
    match = _OP.match(op)
    if not match or match.group(1) not in lists:
        return False
    bullets = lists[match.group(1)]
    if match.group(2) is None:
        bullets.append("")
        return True
    i, action = int(match.group(2)), match.group(3)
    if i >= len(bullets):
        return False
    if match.group(4) is not None:  # dragged to the place of bullet j
        j = int(match.group(4))
        if j >= len(bullets) or j == i:
            return False
        bullets.insert(j, bullets.pop(i))
    elif action == "delete":
        del bullets[i]
    elif action == "up" and i > 0:
        bullets[i - 1], bullets[i] = bullets[i], bullets[i - 1]
    elif action == "down" and i + 1 < len(bullets):
        bullets[i + 1], bullets[i] = bullets[i], bullets[i + 1]
    else:
        return False
    return True


def element_values(
    form: Mapping[str, Any], graded: bool, current: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, list[Any]], list[str]]:
    """The element file's values as posted, its lists (for the buttons) and the keys the form
    edits."""
    wanted = dict(current)
    fields = list(LISTS)
    if graded:
        fields += GRADED_FIELDS
        for key in GRADED_FIELDS:
            wanted.pop(key, None)
        state = form.get("state", "graded")
        grading = _text(form.get("grading", ""))
        if state == "not_inspected":
            wanted["not_inspected"] = True
        elif grading:
            wanted["grading"] = grading
        if state == "carried_over":
            year = _text(form.get("carried_over_from", ""))
            wanted["carried_over_from"] = int(year) if year.isdigit() else year
    lists = {name: posted_list(form, name) for name in LISTS}
    return wanted, lists, fields


def with_lists(wanted: dict[str, Any], lists: dict[str, list[Any]]) -> dict[str, Any]:
    """``wanted`` with each list set (an empty one left out, as the files do)."""
    out = {k: v for k, v in wanted.items() if k not in lists}
    out.update({name: bullets for name, bullets in lists.items() if bullets})
    return out


def assessment_values(
    form: Mapping[str, Any], current: dict[str, Any], graded_pillars: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """assessment.yaml's values as posted, and the keys the form edits."""
    wanted = dict(current)
    fields = [*ASSESSMENT_TEXT, "previous", "pillars", "paper"]
    for key in ASSESSMENT_TEXT:
        value = _text(form.get(key, ""))
        _keep(wanted, key, value)
    previous = [
        line.strip() for line in _text(form.get("previous", "")).split("\n") if line.strip()
    ]
    _keep(wanted, "previous", previous)
    pillars = dict(current.get("pillars") or {}) if isinstance(current.get("pillars"), dict) else {}
    for key in graded_pillars:
        value = _text(form.get(f"pillars-{key}", ""))
        _keep(pillars, key, value)
    _keep(wanted, "pillars", pillars)
    paper = dict(current.get("paper") or {}) if isinstance(current.get("paper"), dict) else {}
    for key in PAPER:
        value = _text(form.get(f"paper-{key}", ""))
        if value:  # a number written as one stays one
            paper[key] = paper[key] if str(paper.get(key)) == value else value
        else:
            paper.pop(key, None)
    _keep(wanted, "paper", paper)
    briefing = _themes(form, current.get("briefing"))
    _keep(wanted, "briefing", briefing)
    return wanted, [*fields, "briefing"]


def _keep(mapping: dict[str, Any], key: str, value: Any) -> None:
    """``value`` under ``key``, or no ``key`` at all where the officer left it empty."""
    if value:
        mapping[key] = value
    else:
        mapping.pop(key, None)


def _themes(form: Mapping[str, Any], current: Any) -> dict[str, Any]:
    """briefing: with its themes as posted (introduction, source, the themes one a line)."""
    briefing = dict(current) if isinstance(current, dict) else {}
    themes = dict(briefing.get("themes") or {}) if isinstance(briefing.get("themes"), dict) else {}
    for key in ("introduction", "source"):
        value = _text(form.get(f"themes-{key}", ""))
        _keep(themes, key, value)
    items = [line.strip() for line in _text(form.get("themes-items", "")).split("\n")]
    _keep(themes, "items", [item for item in items if item])
    _keep(briefing, "themes", themes)
    return briefing
