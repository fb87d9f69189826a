"""draft/names.py: which pillar or element a heading, or a sentence's topic, is about, told by
their words (the headings and topics here are the inspectorate's own, from the reports in
``tests/fixtures/reports/real/``)."""

from __future__ import annotations

import pytest

from briefgen.draft.names import (
    ASKED,
    SMALL,
    Part,
    heading_part,
    names_of,
    normal,
    stem,
    topic_part,
    within,
    words,
)
from briefgen.frameworks import BUILTIN, load_framework

FIRE = load_framework(BUILTIN / "fire-2018-19.yaml")
PEEL = load_framework(BUILTIN / "peel-2018-19.yaml")


def test_words_are_compared_by_their_stems():
    assert {stem(w) for w in ("preventing", "prevents", "prevent")} == {"prevent"}
    assert stem("re-offending") == stem("offending") == "offend"
    assert stem("planning") == "plan" and stem("using") == "use"
    assert stem("skills") == "skill" and stem("at") == "at"  # too short to cut


def test_text_is_made_plain_before_it_is_compared():
    assert normal("  The ‘Force’ is\u00a0 GOOD.  ") == "the 'force' is good"
    assert normal("Investigating crime:") == "investigating crime"


def test_a_question_heading_keeps_only_what_it_asks_about():
    assert words("How well does the force understand demand?") == {"understand", "demand"}
    asked = words("How effective is the FRS at understanding the risk of fire?")
    assert asked == {"effectiv", "understand", "risk", "fir"}  # "effective": ASKED, see below
    assert words("the way it prevents fires") == {"prevent", "fir"}
    assert not words("the and of") and {"the", "and", "of"} <= SMALL


def test_every_name_of_every_part_is_known_by_its_words():
    names = names_of(PEEL)
    assert {p.kind for p in names} == {"pillar", "element"}
    assert len([p for p in names if p.kind == "element"]) == len(PEEL.elements)
    assert words("Investigating crime") in names[Part("element", "investigating-crime")]


@pytest.mark.parametrize(
    "heading, part",
    [
        (
            "How effective is the fire and rescue service at keeping people safe and secure "
            "from fire and other risks?",
            Part("pillar", "effectiveness"),
        ),
        (
            "How effective is the FRS at understanding the risk of fire and other emergencies?",
            Part("element", "understanding-risk"),
        ),
        (
            "Understanding the risk of fire and other emergencies",
            Part("element", "understanding-risk"),
        ),
        ("Preventing fires and other risks", Part("element", "preventing-fires")),
        ("Responding to national risks", Part("element", "national-risks")),
        ("Getting the right people with the right skills", Part("element", "skills")),
        ("Looking after people", Part("pillar", "people")),
        ("Last updated 20/12/2018", None),
        ("", None),
    ],
)
def test_a_heading_names_the_part_whose_words_it_has(heading, part):
    assert heading_part(heading, names_of(FIRE)) == part


@pytest.mark.parametrize(
    "topic, key",
    [
        ("preventing crime and anti-social behaviour", "preventing-crime"),  # one verb left out
        ("meeting current demand", "meeting-current-demands"),
        ("tackling serious and organised crime", "serious-and-organised-crime"),
        ("protecting vulnerable people from harm", "protecting-vulnerable-people"),  # words added
        ("preventing serious and organised crime", None),  # another topic: grades nothing
        ("understanding current and likely future demand", None),
        ("the", None),
    ],
)
def test_a_sentences_topic_names_a_part_only_where_one_fits(topic, key):
    found = topic_part(topic, names_of(PEEL))
    assert found == (Part("element", key) if key else None)


def test_a_topic_of_another_kind_is_looked_for_among_that_kind():
    names = names_of(PEEL)
    assert topic_part("investigating crime", names, "pillar") is None
    assert topic_part("legitimacy", names, "pillar") == Part("pillar", "legitimacy")


def test_a_question_asking_how_effective_names_the_element_without_that_word():
    names = names_of(FIRE)
    question = "How effective is the FRS at understanding the risk of fire and other emergencies?"
    assert (
        "effectiv" in ASKED
        and words(question) - ASKED in names[Part("element", "understanding-risk")]
    )


def test_under_its_own_heading_a_topic_that_says_no_more_than_the_name_is_the_part():
    mine = names_of(FIRE)[Part("element", "understanding-risk")]
    assert within("understanding risk", mine)
    assert not within("understanding risk and preventing fires", mine)
    assert not within("", mine)
