"""text_runs.py: text set line by line in a document's fonts, each word at the font's own
advance width, broken at spaces as Word breaks them."""

from __future__ import annotations

import pytest

from briefgen.fonts import face
from briefgen.text_runs import TWIP, Paragraph, Run


def arial(text: str, points: float = 10.0, bold: bool = False) -> Run:
    return Run(text, "Arial", points, bold)


def paragraph(*runs: Run, line: tuple[str, float] = ("auto", 1.0)) -> Paragraph:
    """A paragraph of ``runs`` whose bullet or number (``marker``) is smaller than its text."""
    marker = Run("", "Arial", 8.0, False)
    return Paragraph(list(runs), before=0.0, after=0.0, line=line, indent=0.0, marker=marker)


def test_a_run_measures_its_own_text_or_another():
    run = Run("Good", "Arial", 10.0, True)
    assert run.width() == face("Arial", True).width("Good", 10.0)
    assert run.width("Outstanding") > run.width()


def test_a_runs_widest_word_is_its_widest_and_none_without_words():
    run = arial("a force that investigates")
    assert run.widest_word() == run.width("investigates")
    assert arial("   ").widest_word() is None


def test_words_go_on_to_the_next_line_where_the_room_ends():
    words = arial("Requires improvement in investigating crime")
    whole = words.width()
    assert paragraph(words).lines(whole + 1) == 1
    # room for all but the last word: it goes on to a second line
    room = words.width("Requires improvement in investigating")
    assert paragraph(words).lines(room + TWIP / 2) == 2
    # a point less: "investigating" goes on to the second line with "crime"
    assert paragraph(words).lines(room - 1) == 2
    # room for one word at a time
    assert paragraph(words).lines(words.width("investigating") + TWIP / 2) == 5


def test_a_word_wider_than_the_line_is_broken_where_it_must_be():
    word = arial("Outstanding")
    assert paragraph(word).lines(word.width() / 2.5) == 3


def test_a_line_break_starts_a_new_line_and_runs_share_a_line():
    assert paragraph(arial("Good\nOutstanding")).lines(500) == 2
    assert paragraph(arial("Good "), arial("Outstanding", bold=True)).lines(500) == 1


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [("exact", 12.0, 12.0), ("atLeast", 40.0, 40.0), ("atLeast", 1.0, None), ("auto", 2.0, None)],
)
def test_a_lines_height_follows_its_rule(rule, value, expected):
    """Exactly as given; at least as given; or a multiple of the tallest run's natural height
    (its size and the font's line spacing)."""
    run = arial("Good", points=10.0)
    natural = 10.0 * face("Arial").line
    height = paragraph(run, line=(rule, value)).line_height()
    if expected is None:
        expected = max(value, natural) if rule == "atLeast" else natural * value
    assert height == pytest.approx(expected)
