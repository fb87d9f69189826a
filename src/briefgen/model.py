"""The validated assessment as frozen dataclasses: what every later step works from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Bullet:
    """One bullet point, with an optional nested list under it."""

    text: str
    items: tuple[Bullet, ...] = ()
    #: For a finding of an earlier inspection: "discharged", "not discharged", or "".
    status: str = ""


@dataclass(frozen=True)
class Grade:
    """A label of a grading scale and the shade its grid cell gets."""

    label: str
    shade: str


@dataclass(frozen=True)
class ElementDefinition:
    key: str
    name: str
    graded: bool = True
    report_name: str | None = None
    #: Earlier elements this one continues, as "framework-key/element-key".
    continues: tuple[str, ...] = ()


@dataclass(frozen=True)
class PillarDefinition:
    """A pillar and its elements; a framework without pillars has one, unnamed and ungraded."""

    key: str
    name: str
    elements: tuple[ElementDefinition, ...]
    question: str | None = None
    graded: bool = True


@dataclass(frozen=True)
class Framework:
    """An inspection framework: pillars, their elements, and the grading scale."""

    key: str
    name: str
    inspectorate: str
    source: str
    scale: tuple[Grade, ...]
    ungraded: Grade
    pillars: tuple[PillarDefinition, ...]
    about: str | None = None
    aims: tuple[str, ...] = ()
    inspectorate_name: str = ""
    assessment: str = ""
    assessment_long: str = ""

    @property
    def named_pillars(self) -> tuple[PillarDefinition, ...]:
        """The pillars the framework names (none where it lists its elements without pillars)."""
        return tuple(p for p in self.pillars if p.name)

    @property
    def has_pillars(self) -> bool:
        """Whether the framework groups its elements in named pillars."""
        return bool(self.named_pillars)

    @property
    def graded_pillars(self) -> tuple[PillarDefinition, ...]:
        return tuple(p for p in self.pillars if p.graded)

    @property
    def elements(self) -> tuple[ElementDefinition, ...]:
        return tuple(e for p in self.pillars for e in p.elements)

    def grade(self, label: str) -> Grade | None:
        """The scale's grade for ``label``, matched case-insensitively."""
        wanted = " ".join(label.split()).casefold()
        return next((g for g in self.scale if g.label.casefold() == wanted), None)


@dataclass(frozen=True)
class Element:
    """What the inspectorate found for one element."""

    key: str
    name: str
    grade: Grade
    graded: bool
    comments: tuple[Bullet, ...] = ()
    causes_of_concern: tuple[Bullet, ...] = ()
    recommendations: tuple[Bullet, ...] = ()
    areas_for_improvement: tuple[Bullet, ...] = ()
    #: graded, ungraded, not inspected, or carried over (an earlier grading still standing).
    state: str = "graded"
    carried_over_from: int | None = None


@dataclass(frozen=True)
class Pillar:
    key: str
    name: str
    grade: Grade | None
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Themes:
    introduction: str
    source: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Paper:
    """The committee paper a briefing goes out with: what an appendix's header and footer show.

    Empty text (and no date) where the input and the command line say nothing.
    """

    committee: str = ""
    meeting_date: dt.date | None = None
    appendix: str = ""
    agenda_item: str = ""


@dataclass(frozen=True)
class Assessment:
    """One inspection of one force, ready to render."""

    folder: Path
    framework: Framework
    force: str
    force_short_name: str
    force_informal_name: str
    published: dt.date
    source: str
    pillars: tuple[Pillar, ...]
    themes: Themes | None = None
    paper: Paper = Paper()
    #: The earlier assessments this one follows, nearest first (``previous:`` folders).
    previous: tuple[Assessment, ...] = ()
    #: The pillars an assessment of a one-pillar report covers (``covers:``); empty for all.
    covers: tuple[str, ...] = ()

    @property
    def elements(self) -> tuple[Element, ...]:
        return tuple(e for p in self.pillars for e in p.elements)
