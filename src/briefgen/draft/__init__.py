"""``briefgen draft``: read an inspection report and write an assessment folder to edit.

The steps, one module each: ``readers`` (and ``read_*``: the report as blocks of text),
``detect`` (format, framework, force, date), ``find`` (the framework's parts in the text),
``comments`` (comments drafted from a summary) and ``write`` (the folder). What the report does
not say is written as :data:`TO_BE_COMPLETED`, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import frameworks
from ..assessment_folder import (
    ASSESSMENT_FILE,
    TO_BE_COMPLETED,
    Notes,
    element_file,
    refuse_existing,
    write_folder,
)
from ..errors import DraftError, display_path

if TYPE_CHECKING:  # the steps are loaded when a report is drafted, so --help stays light
    from ..model import Framework
    from .find import Found

__all__ = ["TO_BE_COMPLETED", "DraftError", "DraftResult", "draft"]


@dataclass
class DraftResult:
    """What a draft found, and what the officer has left to complete."""

    report: Path | str
    folder: Path
    framework: Framework
    force: str
    elements_found: list[str]
    elements_missing: list[str]
    gradings_found: int
    gradings_wanted: int
    findings: dict[str, int]
    to_complete: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        from .detect import shown

        total = len(self.elements_found) + len(self.elements_missing)
        counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.findings.items())
        lines = [
            f"{display_path(self.folder)}: drafted from {shown(self.report)} "
            f"({self.framework.name}, {self.force})",
            f"elements found: {len(self.elements_found)} of {total}",
            f"gradings found: {self.gradings_found} of {self.gradings_wanted}",
            f"findings: {counts}",
        ]
        if self.elements_missing:
            lines.append(f"not in the report: {', '.join(self.elements_missing)}")
        lines.append(
            "to complete: "
            + ("; ".join(self.to_complete) or "nothing")
            + (f" (marked “{TO_BE_COMPLETED}”)" if self.to_complete else "")
        )
        return lines


def draft(
    report: Path | str,
    folder: Path,
    *,
    framework: str | None = None,
    force: str | None = None,
    overwrite: bool = False,
    today: dt.date | None = None,
    search: Sequence[Path] | None = None,
) -> DraftResult:
    """Draft the assessment folder ``folder`` from the inspection report ``report``: a file, or
    the inspectorate's https:// address of it (see :mod:`.fetch`).

    Raises :class:`DraftError` (a plain message naming the file) for a report that cannot be
    read or told, or a folder that exists (unless ``overwrite``). ``search`` is where
    frameworks are looked for (see :func:`briefgen.frameworks.search_path`).
    """
    from ..input_files import not_a_file
    from .detect import FORCE_LOOKED_FOR, force_of, framework_of, load_frameworks, shown
    from .fetch import fetch_pages, is_address
    from .find import FINDING_TITLES, find
    from .furniture import without_furniture
    from .readers import read_report

    address = report if isinstance(report, str) and is_address(report) else None
    report, folder = Path(report), Path(folder)
    named: Path | str = address or report
    if address is None:
        wrong = not_a_file(report, "the report saved as a file")
        if wrong:
            raise DraftError(f"{display_path(report)}: {wrong}")
    refuse_existing(folder, overwrite)  # before the work, as write_folder checks again
    known = load_frameworks(search)
    chosen = frameworks.named(framework, search) if framework is not None else None
    if address is not None:
        from .read_html import read_html

        blocks = without_furniture(
            [b for page in fetch_pages(address) for b in read_html(page.data)]
        )
    else:
        blocks = without_furniture(read_report(report))
    chosen = chosen or framework_of(blocks, known, named)
    force = force or force_of(blocks)
    found = find(blocks, chosen)
    if not found.elements and not found.pillars:
        raise DraftError(
            f"{shown(named)}: names none of the pillars or elements of {chosen.name} ({chosen.key})"
        )
    header = [
        f"Drafted by briefgen draft from {address or report.name} on "
        f"{(today or dt.date.today()).isoformat()}.",
        f"Check it against the report; complete what says “{TO_BE_COMPLETED}”.",
    ]
    result = DraftResult(
        named,
        folder,
        chosen,
        force or TO_BE_COMPLETED,
        [],
        [],
        0,
        0,
        {name: 0 for name in FINDING_TITLES},
    )
    if force is None:
        result.to_complete.append(f"force (looked for {FORCE_LOOKED_FOR})")
    head = _assessment(chosen, result.force, found, blocks, result, address)
    elements, notes = _elements(chosen, found, head.get("covers"), result)
    quoted = {
        element_file(key): Notes(above={"grading": _quote(part.said)})
        for key, part in found.elements.items()
        if part.said and key in elements
    }
    if found.pillars_said and "pillars" in head:
        quoted[ASSESSMENT_FILE] = Notes(
            above={
                "pillars": [
                    line
                    for key, said in found.pillars_said.items()
                    for line in _quote(said, f"{key}: ")
                ]
            }
        )
    result.files = write_folder(
        folder,
        head,
        elements,
        header,
        notes,
        overwrite=overwrite,
        framework=chosen,
        notes=quoted,
        reads=[] if address is not None else [report],
    )
    return result


def _quote(said: str, label: str = "") -> list[str]:
    """The comment beside a grading read from a sentence: the sentence, to check at a glance."""
    return [f"{label}Read from the report's words: “{said}”"]


def _assessment(
    framework: Framework,
    force: str,
    found: Found,
    blocks: list,
    result: DraftResult,
    address: str | None = None,
) -> dict[str, Any]:
    from .detect import month_of, published_of, source_of

    published, source = published_of(blocks), address or source_of(blocks)
    head: dict[str, Any] = {
        "framework": framework.key,
        "force": force,
        "published": published or TO_BE_COMPLETED,
        "source": source or TO_BE_COMPLETED,
    }
    month = month_of(blocks) if published is None else None
    result.to_complete += [
        name + (f" (the report says only “{month}”)" if month and name == "published" else "")
        for name, value in (("published", published), ("source", source))
        if value is None
    ]
    if not framework.has_pillars:
        return head
    covered = [p for p in framework.named_pillars if p.key in found.pillars]
    if not framework.pillar_reports:  # one report of every pillar: what it lacks is missing
        covered = list(framework.named_pillars)
    elif len(covered) < len(framework.named_pillars):
        head["covers"] = [p.key for p in covered]
    gradings = {}
    for pillar in covered:
        if pillar.graded:
            result.gradings_wanted += 1
            gradings[pillar.key] = found.pillars.get(pillar.key) or TO_BE_COMPLETED
            if found.pillars.get(pillar.key):
                result.gradings_found += 1
            else:
                result.to_complete.append(f"the {pillar.name} pillar's grading")
    if gradings:
        head["pillars"] = gradings
    return head


def _elements(
    framework: Framework, found: Found, covers: list[str] | None, result: DraftResult
) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    from .find import FINDING_TITLES

    elements: dict[str, dict[str, Any]] = {}
    notes: dict[str, list[str]] = {}
    for pillar in framework.pillars:
        if covers is not None and pillar.key not in covers:
            continue
        for definition in pillar.elements:
            part = found.elements.get(definition.key)
            data: dict[str, Any] = {"element": definition.key}
            if part is None:
                result.elements_missing.append(definition.name)
                notes[definition.key] = [
                    f"The report has no section for {definition.name}: "
                    "complete this file from the report."
                ]
            else:
                result.elements_found.append(definition.key)
            if definition.graded:
                result.gradings_wanted += 1
                grading = part.grading if part else None
                data["grading"] = grading or TO_BE_COMPLETED
                if part is not None and part.carried_from and grading:
                    data["carried_over_from"] = part.carried_from
                if grading:
                    result.gradings_found += 1
                else:
                    result.to_complete.append(f"the grading of {definition.name}")
            if part is not None:
                for name in ("comments", *FINDING_TITLES):
                    if getattr(part, name):
                        data[name] = getattr(part, name)
                for name in FINDING_TITLES:
                    result.findings[name] += len(getattr(part, name))
            elements[definition.key] = data
    return elements, notes
