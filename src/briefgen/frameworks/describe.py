"""The frameworks as an officer needs to see them (``briefgen frameworks``): which there are,
and for one, the keys its files are named by, its grading scale and what it continues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..model import Framework, reference_parts
from . import available, load_framework, named

#: The years in a framework's name: "PEEL 2018/19" → "2018/19", "PEEL 2023–25" → "2023–25".
_YEARS = re.compile(r"\d{4}(?:[/–-]\d{2,4})?")


def years(framework: Framework) -> str:
    """The years the framework's inspections ran, as its name gives them."""
    found = _YEARS.search(framework.name)
    return found.group() if found else ""


def continues(framework: Framework) -> list[str]:
    """The keys of the earlier frameworks its elements continue, in the order first named."""
    keys = (reference_parts(ref)[0] for e in framework.elements for ref in e.continues)
    return list(dict.fromkeys(keys))


def framework_lines(search: Sequence[Path] | None = None) -> list[str]:
    """One line a framework: key, title, years, pillars and scale."""
    lines = []
    for path in available(search).values():
        framework = load_framework(path)
        pillars = ", ".join(p.key for p in framework.named_pillars) or "none (areas only)"
        lines.append(
            f"{framework.key}: {framework.name} ({years(framework)}); "
            f"pillars: {pillars}; scale: "
            f"{', '.join(g.label for g in framework.scale)}"
        )
    return lines


def framework_detail(key: str, search: Sequence[Path] | None = None) -> list[str]:
    """A framework's pillars and elements with the keys to name files by, its scale, and the
    frameworks it continues."""
    framework = named(key, search, asked="frameworks show")
    lines = [
        f"{framework.key}: {framework.name} ({framework.inspectorate}, {years(framework)})",
        f"scale: {', '.join(g.label for g in framework.scale)} "
        f"(an element it does not grade: {framework.ungraded.label})",
    ]
    earlier = continues(framework)
    lines.append(f"continues: {', '.join(earlier)}" if earlier else "continues: nothing earlier")
    lines.append("elements (write each as elements/KEY.yaml):")
    for pillar in framework.pillars:
        indent = "  "
        if pillar.name:
            graded = "graded overall" if pillar.graded else "not graded overall"
            lines.append(f"  pillar {pillar.key}: {pillar.name} ({graded})")
            indent = "    "
        for element in pillar.elements:
            note = "" if element.graded else " (not graded)"
            lines.append(f"{indent}{element.key}: {element.name}{note}")
    return lines
