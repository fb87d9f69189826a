"""``briefgen new``: an assessment folder to fill in, for one force under one framework.

``assessment.yaml`` names the framework and the force, leaves each value the report gives
"to be completed" (``validate`` then says what to write there), lists every pillar the
framework grades, and shows each optional section as a commented example. Each element of the
framework gets its file, its grading "to be completed" with the scale's labels in a comment,
how to mark it not inspected or carried over, and a commented skeleton of its lists. The
folder is written by the one folder writer (``assessment_folder.py``) and never over an
existing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import frameworks
from .assessment_folder import (
    ASSESSMENT_FILE,
    TO_BE_COMPLETED,
    Notes,
    element_file,
    refuse_existing,
    write_folder,
)
from .errors import OptionError
from .model import ElementDefinition, Framework
from .schema_files import schema

#: What an element's lists look like, as comments to uncomment and fill in.
_LISTS = [
    "Then each list from the report, one bullet a line starting “- ” (leave out a list that",
    "would be empty). Put a bullet in double quotes if it holds “: ” or “ #”, or starts with",
    "a quote or one of * & ! @ ` [ { > | %.",
    "comments:",
    "  - The key findings, in your words or the report's.",
    "causes_of_concern:",
    "  - Each cause of concern, word for word.",
    "recommendations:",
    "  - Each recommendation, word for word.",
    "areas_for_improvement:",
    "  - Each area for improvement, word for word.",
    '  - text: "A bullet with a list under it:"',
    "    items:",
    "      - the first point;",
    "      - the second point.",
]


def new_assessment(
    folder: Path, framework: str, force: str, search: Sequence[Path] | None = None
) -> list[Path]:
    """Write a new assessment folder for ``force`` under the framework keyed ``framework``;
    return the files written. An existing folder (or file) is refused."""
    refuse_existing(folder, overwrite=None)
    if not force.strip():
        raise OptionError('--force is empty; give the force\'s full name, e.g. "Kent Police"')
    chosen = frameworks.named(framework, search)
    head, notes = _assessment(chosen, force.strip())
    elements = {}
    for element in chosen.elements:
        elements[element.key], notes[element_file(element.key)] = _element(element, chosen)
    header = [
        f"{force.strip()}: {chosen.name} assessment, started with briefgen new.",
        f"Write what each “{TO_BE_COMPLETED}” asks for; briefgen validate lists them.",
    ]
    return write_folder(
        folder, head, elements, header, overwrite=None, framework=chosen, notes=notes
    )


def _about(key: str) -> list[str]:
    """The schema's description of an assessment key, as comment lines."""
    return [schema("assessment")["properties"][key]["description"]]


def _assessment(framework: Framework, force: str) -> tuple[dict[str, Any], dict[str, Notes]]:
    head: dict[str, Any] = {
        "framework": framework.key,
        "force": force,
        "published": TO_BE_COMPLETED,
        "source": TO_BE_COMPLETED,
    }
    above = {key: _about(key) for key in ("published", "source")}
    if framework.graded_pillars:
        head["pillars"] = {p.key: TO_BE_COMPLETED for p in framework.graded_pillars}
        above["pillars"] = [
            *_about("pillars"),
            "One of: " + ", ".join(g.label for g in framework.scale) + ".",
        ]
    after = [
        "",
        "Optional: uncomment (delete the “# ”) and fill in what you need.",
        "",
        *_about("force_short_name"),
        "force_short_name: the Kent Police",
        "",
        *_about("force_informal_name"),
        "force_informal_name: Kent",
        "",
        *_about("previous"),
        "previous: [../an-earlier-assessment]",
        "",
    ]
    if framework.has_pillars:
        after += [
            *_about("covers"),
            f"covers: [{', '.join(p.key for p in framework.named_pillars)}]",
            "",
        ]
    else:
        after += [
            *_about("groups"),
            "groups:",
            "  - name: A heading for the committee",
            f"    elements: [{', '.join(e.key for e in framework.elements[:2])}]",
            "",
        ]
    after += [
        *_about("paper"),
        "paper:",
        "  committee: Police and Crime Committee",
        "  meeting_date: 2025-10-16",
        "  appendix: 2",
        "  agenda_item: 6",
        "",
        *_about("briefing"),
        "briefing:",
        "  themes:",
        '    introduction: "Emerging themes from the national report include:"',
        "    source: https://www.justiceinspectorates.gov.uk/hmicfrs/…",
        "    items:",
        "      - A theme, one line each.",
    ]
    return head, {ASSESSMENT_FILE: Notes(above, after)}


def _element(element: ElementDefinition, framework: Framework) -> tuple[dict[str, Any], Notes]:
    data: dict[str, Any] = {"element": element.key}
    labels = ", ".join(g.label for g in framework.scale)
    above = {"element": [f"{element.name} ({framework.name})."]}
    if element.graded:
        data["grading"] = TO_BE_COMPLETED
        above["grading"] = [
            f"The grading the report gives: one of {labels}.",
            "If this inspection did not look at it, write instead of the grading:",
            "  not_inspected: true",
            "If an earlier grading still stands, give that grading and the year it was given:",
            "  carried_over_from: 2021",
        ]
        after = ["", *_LISTS]
    else:
        after = [
            "",
            f"{framework.name} does not grade {element.name}: give no grading. If "
            "this inspection did not look at it, write:",
            "not_inspected: true",
            "",
            *_LISTS,
        ]
    return data, Notes(above, after)
