"""Text set line by line in one document's fonts: a run (text in one font, size and weight), a
paragraph as it is laid out (its runs, spacing and indents), and how many lines it takes in a
given room, its words set with the font's own advance widths (``fonts``) and broken at spaces
as Word breaks them. ``text_measure`` works out each paragraph's fonts and spacing from the
document's styles; here they are set.

A word's width, a run's words and its widest word depend only on the font, the size and the
text, so each is worked out once a process (bounded tables); a paragraph keeps its line count
for each room it is set in, and its line height.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cache import remember
from .fonts import face

#: How far, in points, a line may run over its room and still be set on one line: LibreOffice
#: lays text out in whole twips, so a heading whose width is its column's to a hundredth of a
#: point ("Change since 2016" in Times New Roman 9 pt bold) stays on one line.
TWIP = 0.05
#: Runs' word widths, by family, boldness, size and text (:meth:`Run.widths`).
_WIDTHS: dict[tuple[str, bool, float, str], tuple[list[float | None], list[float]]] = {}
#: Words' widths, by family, boldness, size and word (:meth:`Run.width`).
_WIDTH: dict[tuple[str, bool, float, str], float] = {}
#: Runs' widest words, by family, boldness, size and text (:meth:`Run.widest_word`).
_WIDEST: dict[tuple[str, bool, float, str], float | None] = {}
_MAX_WIDTHS = 20_000
#: Where a run's text goes on to a new line (a ``w:br``), among its words.
_NEW_LINE = "\n"


@dataclass
class Run:
    """Text set in one font: its family, size in points, and weight."""

    text: str
    family: str
    points: float
    bold: bool

    def width(self, text: str | None = None) -> float:
        text = self.text if text is None else text
        key = (self.family, self.bold, self.points, text)
        found = _WIDTH.get(key)
        if found is None:
            found = face(self.family, self.bold).width(text, self.points)
            remember(_WIDTH, key, found, _MAX_WIDTHS)
        return found

    def widest_word(self) -> float | None:
        """The width of its widest word (words split at any white space); None if it has
        none (worked out once per run's text)."""
        key = (self.family, self.bold, self.points, self.text)
        if key not in _WIDEST:
            widest = max((self.width(word) for word in self.text.split()), default=None)
            remember(_WIDEST, key, widest, _MAX_WIDTHS)
        return _WIDEST[key]

    def widths(self) -> tuple[list[float | None], list[float]]:
        """Each of :func:`_lines`' words of this run: its width, and its width without the
        spaces after it (what ``width`` gives, worked out once per run's text); None in
        place of a width where the text goes on to a new line."""
        found = _WIDTHS.get((self.family, self.bold, self.points, self.text))
        if found is None:
            words = _words_with_spaces_all(self.text)
            found = (
                [None if w == _NEW_LINE else self.width(w) for w in words],
                [0.0 if w == _NEW_LINE else self.width(w.rstrip()) for w in words],
            )
            remember(_WIDTHS, (self.family, self.bold, self.points, self.text), found, _MAX_WIDTHS)
        return found


@dataclass
class Paragraph:
    """A paragraph as it is laid out: its runs, spacing and indents, all in points."""

    runs: list[Run]
    before: float
    after: float
    line: tuple[str, float]  # ("auto", multiple) | ("exact", points) | ("atLeast", points)
    indent: float  # left and right indents together
    marker: Run = field(default_factory=lambda: Run("", "Arial", 11.0, False))
    style: str | None = None
    contextual: bool = False  # no spacing between it and paragraphs of its own style
    left: float = 0.0  # the left indent alone
    #: How many lines it takes, by the room it is set in (worked out once each).
    lines_in: dict[float, int] = field(default_factory=dict, repr=False, compare=False)
    #: The height of one of its lines (worked out once).
    single: float | None = field(default=None, repr=False, compare=False)

    def lines(self, room: float) -> int:
        """How many lines it takes in ``room`` points (:func:`_lines`)."""
        found = self.lines_in.get(room)
        if found is None:
            found = self.lines_in[room] = _lines(self.runs, room)
        return found

    def line_height(self) -> float:
        if self.single is None:
            self.single = self._line_height()
        return self.single

    def _line_height(self) -> float:
        tallest = max([self.marker, *self.runs], key=lambda r: r.points * face(r.family).line)
        natural = tallest.points * face(tallest.family, tallest.bold).line
        rule, value = self.line
        if rule == "exact":
            return value
        if rule == "atLeast":
            return max(value, natural)
        return natural * value


def _lines(runs: list[Run], room: float) -> int:
    """How many lines ``runs`` take in ``room`` points, broken at spaces as Word breaks them
    (a word wider than the line is broken where it must be)."""
    lines, used = 1, 0.0
    for run in runs:
        widths, trimmed = run.widths()
        for width, bare in zip(widths, trimmed, strict=True):
            if width is None:  # a line break
                lines, used = lines + 1, 0.0
                continue
            if used and used + bare > room + TWIP:
                lines, used = lines + 1, 0.0
            while width > room + TWIP:  # a word longer than the line
                lines, width = lines + 1, width - room
            used += width
    return lines


def _words_with_spaces(text: str) -> list[str]:
    """``text`` cut after each run of spaces: the words with the spaces that follow them."""
    return _WORDS.findall(text)


def _words_with_spaces_all(text: str) -> list[str]:
    """The words of each line of ``text`` (:func:`_words_with_spaces`), a line's end between
    two lines marked by :data:`_NEW_LINE`."""
    found: list[str] = []
    for index, piece in enumerate(text.split("\n")):
        if index:
            found.append(_NEW_LINE)
        found.extend(_words_with_spaces(piece))
    return found


#: A run's text is its words with the spaces after each (leading spaces a word of their own).
_WORDS = re.compile(r" +|[^ ]+ *")
