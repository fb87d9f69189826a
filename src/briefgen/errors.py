"""What can go wrong, as values: one base error with its exit code, and the message helpers.

Every error the ``briefgen`` command reports is a :class:`BriefgenError`, so the command line
catches one type and prints its :meth:`~BriefgenError.lines`. The helpers below are the one
place where a message names a file, suggests a correction or quotes a value, so that every
message does these the same way. This module imports nothing heavy: it is loaded on every run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class BriefgenError(Exception):
    """Something the user can put right: printed as :meth:`lines`, exit :attr:`exit_code`."""

    exit_code = EXIT_INVALID
    #: What was written before the error, and the warnings about it (a partial build's).
    written: list[Path] = []
    warnings: list[Any] = []

    def lines(self, debug: bool = False) -> list[str]:
        """The message, a line each; with ``debug``, the details a developer would want too."""
        return [str(self)]


class OptionError(BriefgenError):
    """An option that cannot be acted on as given (the command line's, or a caller's options
    object): a framework or template not known, an empty value, a folder that is not there."""

    exit_code = EXIT_USAGE

    def lines(self, debug: bool = False) -> list[str]:
        return [f"briefgen: {self}"]


class FileProblem(BriefgenError):
    """A file named on the command line that cannot be read, or written, as asked."""


class PdfError(BriefgenError):
    """LibreOffice is missing or could not convert a file."""


class DraftError(BriefgenError):
    """A report that cannot be drafted, or an assessment folder that cannot be written; the
    message names the file and says what to do."""


#: Where a problem with an option (not with a file) is said to be: the program itself.
PROGRAM = "briefgen"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: located in a file, or in an option given to briefgen.

    A *warning* is what is probably a mistake but could be meant (two bullets run together,
    text cut at a ``#``, an option the template does not show): it is printed, and fails only
    with ``--strict``. ``detail`` is what a developer would want besides (PyYAML's own words),
    shown with ``--debug``. A problem with an option (:meth:`of_option`) has no line: it is
    told as ``briefgen: warning: --appendix: …``.
    """

    file: str
    line: int
    column: int
    message: str
    warning: bool = False
    detail: str = field(default="", compare=False)

    @classmethod
    def of_option(cls, option: str, message: str, warning: bool = True) -> Problem:
        """A problem with ``option`` (as the command line names it), not with a file."""
        return cls(PROGRAM, 0, 0, f"{option}: {message}", warning)

    def __str__(self) -> str:
        return self.text()

    def text(self, debug: bool = False) -> str:
        """``file:line:col: message``, with ``warning:`` before a warning's message and, with
        ``debug``, the detail after it."""
        kind = "warning: " if self.warning else ""
        extra = f" ({self.detail})" if debug and self.detail else ""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {kind}{self.message}{extra}"


class InputError(BriefgenError):
    """Input that is not valid, with every problem found in it."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)

    def __reduce__(self) -> tuple[Any, ...]:  # it crosses from a worker process intact
        return type(self), (self.problems,)

    def lines(self, debug: bool = False) -> list[str]:
        return [p.text(debug) for p in self.problems]


class TemplateProblem(BriefgenError):
    """A template that cannot be used, with the template file and what is wrong."""

    def __init__(self, template: str, message: str):
        super().__init__(f"{template}: {message}")
        self.template = template
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.template, self.message)


class TemplateProblems(BriefgenError):
    """A template that the check found problems in: every one of them."""

    def __init__(self, problems: list[TemplateProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.problems,)

    def lines(self, debug: bool = False) -> list[str]:
        return [str(p) for p in self.problems]


class PartlyBuilt(BriefgenError):
    """A build of several inputs in which some failed: the others were written."""

    def __init__(self, written: list[Path], warnings: list[Any], failures: list[BriefgenError]):
        super().__init__(f"{len(failures)} of the inputs could not be built")
        self.written = written
        self.warnings = warnings
        self.failures = failures

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.written, self.warnings, self.failures)

    def lines(self, debug: bool = False) -> list[str]:
        """What failed and why, then how many inputs that was."""
        count = len(self.failures)
        return [
            *(line for failure in self.failures for line in failure.lines(debug)),
            f"briefgen: {count} input{'s' if count > 1 else ''} could not be built; the "
            "others were",
        ]


def fails(problems: Sequence[object], warnings: Sequence[object], strict: bool) -> bool:
    """The verdict on a check: its problems fail it, and with ``strict`` its warnings too."""
    return bool(problems) or (strict and bool(warnings))


# --- message helpers ------------------------------------------------------------------------


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as an officer would type it: relative to the working folder when inside it."""
    p = Path(path)
    here = Path.cwd()
    # The file's own name, not where a link leads: the officer knows their file by it.
    for absolute, folder in ((Path(os.path.abspath(p)), here), (_resolved(p), here.resolve())):
        try:
            return str(absolute.relative_to(folder))
        except ValueError:
            continue
    return str(p)


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path.parent)) / path.name
    except (OSError, RuntimeError, ValueError):
        return path


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` was most likely meant to be, if one is close enough.

    A choice that begins with what was typed ('peel-2018' → 'peel-2018-19') is the likeliest;
    otherwise the nearest by spelling, ignoring case.
    """
    lowered = {c.casefold(): c for c in choices}
    started = [c for c in lowered if len(word) >= 4 and c.startswith(word.casefold())]
    import difflib  # only when a suggestion is wanted

    close = started[:1] or difflib.get_close_matches(
        word.casefold(), list(lowered), n=1, cutoff=0.6
    )
    return lowered[close[0]] if close else None


def did_you_mean(word: str, choices: Sequence[str], quote: Callable[[str], str] = repr) -> str:
    """ "; did you mean 'x'?" for the closest choice, or nothing."""
    found = closest(word, choices)
    return f"; did you mean {quote(found)}?" if found is not None else ""


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: str, limit: int = 60) -> str:
    """Text from a document, shortened, in typographic quotes: “{{ element.nme }}”."""
    return f"“{shorten(text, limit)}”"


def show(value: Any, limit: int = 60) -> str:
    """A value from the input, shortened, as Python would write it: 'Requires improvment'."""
    return repr(shorten(str(value), limit))
