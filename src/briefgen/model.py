"""The validated assessment as frozen dataclasses: what every later step works from.

Also how data that validation has passed becomes an :class:`Assessment`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

BULLET_FIELDS = ("comments", "causes_of_concern", "recommendations", "areas_for_improvement")


class State(StrEnum):
    """How an element stands in an assessment."""

    GRADED = "graded"
    UNGRADED = "ungraded"  # the framework does not grade it
    NOT_INSPECTED = "not inspected"  # this inspection did not look at it
    CARRIED_OVER = "carried over"  # an earlier inspection's grading still stands

    @property
    def has_grading(self) -> bool:
        """Whether the element carries a grading of the scale (its own or a carried one)."""
        return self in (State.GRADED, State.CARRIED_OVER)


def reference(framework_key: str, element_key: str) -> str:
    """An element named across frameworks, as ``continues:`` writes it: "framework/element"."""
    return f"{framework_key}/{element_key}"


def reference_parts(text: str) -> tuple[str, str]:
    """A ``continues:`` reference's framework key and element key (the schema checks its
    form)."""
    framework_key, _, element_key = text.partition("/")
    return framework_key, element_key


def carried_over_label(grading: str, year: int | None) -> str:
    """A grading as the grid shows it: "Good", or "Good (2017)" where it was carried over."""
    return f"{grading} ({year})" if year else grading


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
    #: Other headings the inspectorate's reports give it.
    report_names: tuple[str, ...] = ()


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
    #: What the round's reports call it, and parts of their web addresses (``briefgen draft``).
    round_names: tuple[str, ...] = ()
    round_addresses: tuple[str, ...] = ()
    #: Whether the round published a report per pillar, so an assessment may cover some.
    pillar_reports: bool = False

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

    @cached_property  # worked out once: history asks for it for every element
    def elements(self) -> tuple[ElementDefinition, ...]:
        return tuple(e for p in self.pillars for e in p.elements)

    @cached_property
    def element_by_key(self) -> dict[str, ElementDefinition]:
        """Each element by its key (the first, were a key given twice)."""
        return {e.key: e for e in reversed(self.elements)}

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
    state: State = State.GRADED
    carried_over_from: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", State(self.state))  # "graded" is State.GRADED

    @property
    def shown(self) -> str:
        """The grading as the grid shows it: "Good", or "Good (2017)" if carried over."""
        return carried_over_label(self.grade.label, self.carried_over_from)


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
    #: The frameworks its framework's ``continues:`` links reach (from the search path), so
    #: history can follow a link through a framework that no assessment in the chain uses.
    linked: tuple[Framework, ...] = ()
    #: The pillars an assessment of a one-pillar report covers (``covers:``); empty for all.
    covers: tuple[str, ...] = ()
    #: Whether running text puts "the" before the force's full name ("the" or "none", as the
    #: input's ``force_article`` says); None for the rule of :func:`default_article`.
    force_article: str | None = None

    @property
    def force_in_text(self) -> str:
        """The force's full name as running text says it: "the Metropolitan Police Service"."""
        article = self.force_article or default_article(self.force)
        return self.force if article == "none" else f"{article} {self.force}"

    @cached_property  # worked out once: history asks for it for every element
    def elements(self) -> tuple[Element, ...]:
        return tuple(e for p in self.pillars for e in p.elements)

    @cached_property
    def element_by_key(self) -> dict[str, Element]:
        """Each element by its key (the last, were a key given twice)."""
        return {e.key: e for e in self.elements}


# --- from checked data ----------------------------------------------------------------------------


def _bullets(values: list[Any] | None) -> tuple[Bullet, ...]:
    out = []
    for value in values or ():
        if isinstance(value, str):
            out.append(Bullet(value))
        else:
            out.append(Bullet(value["text"], _bullets(value.get("items")), value.get("status", "")))
    return tuple(out)


def _state(data: dict[str, Any], definition: ElementDefinition) -> State:
    if data.get("not_inspected"):
        return State.NOT_INSPECTED
    if data.get("carried_over_from"):
        return State.CARRIED_OVER
    return State.GRADED if definition.graded else State.UNGRADED


def default_article(force: str) -> str:
    """Whether running text puts "the" before a force's full name, when its input does not
    say (``force_article``): "the" for a service (the Metropolitan Police Service, the Police
    Service of Northern Ireland, the Devon and Somerset Fire and Rescue Service), "none" for
    the others (Kent Police, Avon and Somerset Constabulary, Police Scotland) and for a name
    that begins with its own article."""
    words = force.split()
    return "the" if "Service" in words and words[0].lower() != "the" else "none"


def assessment_from(
    folder: Path,
    data: dict[str, Any],
    framework: Framework,
    found: dict[str, tuple[dict[str, Any], Grade]],
    pillar_grades: dict[str, Grade],
) -> Assessment:
    """The assessment that checked data describes: ``data`` is assessment.yaml's, ``found``
    each element's data and grade by key, ``pillar_grades`` each graded pillar's grade."""
    pillars = []
    for p in framework.pillars:
        elements = []
        for e in p.elements:
            element, grade = found[e.key]
            fields = {name: _bullets(element.get(name)) for name in BULLET_FIELDS}
            elements.append(
                Element(
                    key=e.key,
                    name=e.name,
                    grade=grade,
                    graded=e.graded,
                    state=_state(element, e),
                    carried_over_from=element.get("carried_over_from"),
                    **fields,
                )
            )
        pillars.append(Pillar(p.key, p.name, pillar_grades.get(p.key), tuple(elements)))
    themes = (data.get("briefing") or {}).get("themes")
    short_name = data.get("force_short_name", data["force"])
    paper = data.get("paper") or {}
    meeting = paper.get("meeting_date")
    return Assessment(
        folder=folder,
        framework=framework,
        force=data["force"],
        force_short_name=short_name,
        force_informal_name=data.get("force_informal_name", short_name),
        force_article=data.get("force_article"),
        published=dt.date.fromisoformat(data["published"]),
        source=data["source"],
        pillars=tuple(pillars),
        themes=Themes(themes["introduction"], themes["source"], tuple(themes["items"]))
        if themes
        else None,
        paper=Paper(
            committee=paper.get("committee", ""),
            meeting_date=dt.date.fromisoformat(meeting) if meeting else None,
            appendix=str(paper.get("appendix", "")),
            agenda_item=str(paper.get("agenda_item", "")),
        ),
        covers=tuple(data.get("covers") or ()),
    )
