"""draft/blocks.py: a block's text made plain, and a paragraph a page break cut joined."""

from __future__ import annotations

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block, plain, tidy


def test_plain_drops_inline_marks_and_spaces():
    assert (
        plain("  The [force](https://x.org) is **good** at <em>this</em>\u00a0and\\_that ")
        == "The force is good at this and_that"
    )
    assert plain("co\u00adoperate") == "cooperate"


def test_tidy_drops_empty_blocks_and_joins_a_cut_paragraph():
    assert tidy(
        [
            Block(HEADING, "**Findings**", 1),
            Block(PARAGRAPH, "  "),
            Block(PARAGRAPH, "The force works with"),
            Block(PARAGRAPH, "partners well."),
            Block(PARAGRAPH, "Another sentence."),
            Block(BULLET, "A bullet that runs"),
            Block(PARAGRAPH, "on here."),
        ]
    ) == [
        Block(HEADING, "Findings", 1),
        Block(PARAGRAPH, "The force works with partners well."),
        Block(PARAGRAPH, "Another sentence."),
        Block(BULLET, "A bullet that runs on here."),
    ]


def test_a_paragraph_after_a_finished_sentence_stays_apart():
    blocks = [Block(PARAGRAPH, "It ended."), Block(PARAGRAPH, "lower case but new.")]
    assert tidy(blocks) == blocks
