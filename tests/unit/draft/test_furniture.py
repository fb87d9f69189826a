"""draft/furniture.py: what a web page says about itself (skip links, banners, "Read more
about …", download links, a page's number, its title repeated on each page) taken out, the
report's own words kept; on real page sets from ``tests/fixtures/reports/real/``."""

from __future__ import annotations

from briefgen.draft.blocks import BULLET, PARAGRAPH, Block
from briefgen.draft.furniture import without_furniture
from briefgen.draft.read_text import read_text

from ...draft_accuracy import REAL


def test_page_furniture_goes_and_each_page_title_is_kept_once():
    blocks = [
        Block(PARAGRAPH, t)
        for t in (
            "Skip to content",
            "Proposed policing inspection programme 2025–29: For consultation",
            "Read more about Westshire",
            "Read more about WestshireThis is the report.",
            "Westshire PEEL 2017",
            "Contact Matt Parr",
            "Westshire PEEL 2017",
            "Contact management",
        )
    ]
    assert [b.text for b in without_furniture(blocks)] == [
        "This is the report.",
        "Westshire PEEL 2017",
        "Contact management",
    ]


def test_a_real_page_set_loses_its_furniture_and_keeps_the_report():
    text = (REAL / "avon-and-somerset-peel-2018-19.txt").read_text("utf-8")
    before = read_text(text)
    after = without_furniture(before)
    said = [b.text for b in after]
    for furniture in ("Skip to content", "Download the full report", "Contact Wendy Williams"):
        assert furniture in [b.text for b in before] and furniture not in said
    assert said.count("Avon and Somerset PEEL 2018") == 1  # the title, once for the set
    assert not any(t.isdigit() and len(t) <= 2 for t in said)  # page numbers
    kept = [b for b in before if b not in after]
    assert all(b.kind != BULLET for b in kept) and len(kept) < len(before) // 4
    assert (
        "Avon and Somerset Constabulary is good at reducing crime and keeping people safe." in said
    )


def test_the_reports_words_glued_to_a_link_are_kept_without_it():
    text = (REAL / "surrey-fire-2018-19.txt").read_text("utf-8")
    said = [b.text for b in without_furniture(read_text(text))]
    assert said[:2] == [
        "Surrey 2018/19",
        "This is HMICFRS’s first annual assessment of fire and rescue services. This "
        "assessment examines the service’s effectiveness, efficiency and how well it looks "
        "after its people. It is designed to give the public information about how their local "
        "fire and rescue service is performing in several important areas, in a way that is "
        "comparable with other services across England.",
    ]


def test_a_list_item_or_a_long_paragraph_is_never_furniture():
    blocks = [
        Block(BULLET, "Search", 0),
        Block(BULLET, "Download the data", 0),
        Block(PARAGRAPH, "Search " + "and more words " * 30),
    ]
    assert without_furniture(blocks) == blocks
