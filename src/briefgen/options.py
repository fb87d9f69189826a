"""What a caller asks of briefgen: one options object per command, and the rules on them.

A front end (the ``briefgen`` command, ``briefgen serve``, a Python script) fills one of these
and hands it to the library (``briefgen.build``, ``briefgen.draft``, …); the library checks it
(:meth:`BuildOptions.checked`) and says what is wrong as an :class:`~errors.OptionError`. The
options are named as the command line names them, so that a message about one reads the same
whichever front end set it. Light: importing this module loads none of briefgen's steps.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import OptionError
from .output_formats import RENDERED, checked_formats

#: The built-in template a build uses when none is named.
DEFAULT_TEMPLATE = "briefing"

#: The committee-paper fields an option may set (``--committee``, ``--meeting-date``, …),
#: overriding the input's ``paper:`` section.
PAPER_FIELDS = ("committee", "meeting_date", "appendix", "agenda_item")


def paper_option(name: str) -> str:
    """The option that sets the paper field ``name``: ``meeting_date`` → ``--meeting-date``."""
    return f"--{name.replace('_', '-')}"


def _paths(value: Path | str | Iterable[Path | str] | None) -> tuple[Path, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, os.PathLike)):
        return (Path(value),)
    return tuple(Path(v) for v in value)


def _names(
    value: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, os.PathLike)):
        return (str(value),)
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class BuildOptions:
    """What to build: every input with every template, into ``output`` or ``outputs/``.

    ``inputs`` are assessment folders; ``templates`` built-in template names or .docx files
    (``briefing`` when none); ``output`` the one file to write (for one input and one
    template); ``formats`` the output formats wanted (``docx`` always, ``pdf`` beside it);
    ``paper`` committee-paper fields (:data:`PAPER_FIELDS`) overriding the inputs'; ``cover``
    a cover report to insert each briefing into; ``frameworks`` folders of framework files
    to use besides the built-in ones; ``strict`` fails on warnings as on problems; ``jobs``
    how many documents to make at once (one per core by default); ``soffice`` LibreOffice's
    program where it is not found by itself. A single path or name may be given for a list.
    """

    inputs: tuple[Path, ...]
    templates: tuple[str, ...] = (DEFAULT_TEMPLATE,)
    output: Path | None = None
    formats: tuple[str, ...] = (RENDERED.key,)
    paper: Mapping[str, Any] = field(default_factory=dict)
    cover: Path | None = None
    frameworks: tuple[Path, ...] = ()
    strict: bool = False
    jobs: int | None = None
    soffice: str | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "inputs", _paths(self.inputs))
        set_(self, "templates", _names(self.templates) or (DEFAULT_TEMPLATE,))
        set_(self, "formats", tuple(dict.fromkeys((RENDERED.key, *_names(self.formats)))))
        set_(self, "frameworks", _paths(self.frameworks))
        set_(self, "paper", dict(self.paper or {}))
        if self.output is not None:
            set_(self, "output", Path(self.output))
        if self.cover is not None:
            set_(self, "cover", Path(self.cover))

    def replace(self, **changes: Any) -> BuildOptions:
        """These options with ``changes``."""
        return dataclasses.replace(self, **changes)

    def checked(self) -> BuildOptions:
        """These options, or the :class:`~errors.OptionError` saying what cannot be done."""
        from .authoring import unshowable

        if self.jobs is not None and self.jobs < 1:
            raise OptionError("--jobs must be 1 or more")
        for name, value in self.paper.items():
            if name not in PAPER_FIELDS:
                raise OptionError(f"paper field {name!r} is not one of {', '.join(PAPER_FIELDS)}")
            option = paper_option(name)
            if isinstance(value, str) and not value.strip():
                raise OptionError(f"{option} is empty")
            for message in unshowable(value) if isinstance(value, str) else ():
                raise OptionError(f"{option}: {message}")
            if name in ("appendix", "agenda_item") and not re.fullmatch(r"\S{1,10}", value or "-"):
                raise OptionError(
                    f"{option}: {value!r} is not a number or letter; give it "
                    "alone, e.g. 2 or B (the template adds the word)"
                )
        from .input_paths import assessment_folders  # inputs/* typed where no shell expands it

        checked = self.replace(inputs=tuple(assessment_folders(self.inputs)))
        if self.output is not None and len(checked.inputs) * len(self.templates) > 1:
            raise OptionError(
                "-o/--output names one file: leave it out to build several "
                "inputs or templates into outputs/"
            )

        checked_formats(self.formats)
        return checked

    @property
    def pdf(self) -> bool:
        """Whether a PDF is made beside each .docx."""
        return "pdf" in self.formats


@dataclass(frozen=True)
class CheckOptions:
    """How to check assessment folders: where frameworks are besides the built-in ones, and
    whether warnings fail as problems do (``strict``)."""

    frameworks: tuple[Path, ...] = ()
    strict: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "frameworks", _paths(self.frameworks))


@dataclass(frozen=True)
class DraftOptions:
    """What to draft: the assessment ``folder`` from the inspection ``report`` (a file, or the
    inspectorate's https:// address of it).

    ``framework`` and ``force`` where the report does not tell; ``overwrite`` replaces the
    files of an existing folder; ``frameworks`` folders of framework files besides the
    built-in ones.
    """

    report: Path | str
    folder: Path
    framework: str | None = None
    force: str | None = None
    overwrite: bool = False
    frameworks: tuple[Path, ...] = ()

    def __post_init__(self) -> None:  # the report stays as given: a path, or an address
        object.__setattr__(self, "folder", Path(self.folder))
        object.__setattr__(self, "frameworks", _paths(self.frameworks))


@dataclass(frozen=True)
class NewOptions:
    """A new assessment ``folder`` to fill in for ``force`` under the framework keyed
    ``framework``; ``frameworks`` folders of framework files besides the built-in ones."""

    folder: Path
    framework: str
    force: str
    frameworks: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "folder", Path(self.folder))
        object.__setattr__(self, "frameworks", _paths(self.frameworks))
