"""draft/read_text.py: text and markdown: headings, bold lines, bullets by their indent."""

from __future__ import annotations

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block
from briefgen.draft.read_text import read_text


def test_markdown_headings_bold_lines_and_bullets():
    text = (
        "# PEEL 2018/19\r\n\r\n## Investigating crime ##\n**Areas for improvement**:\n"
        "- The force should improve\n  * its supervision\n\t- of online crime\n"
        "1. Numbered too\nA paragraph that a page\n\nbreak cut in two.\n"
    )
    assert read_text(text) == [
        Block(HEADING, "PEEL 2018/19", 1),
        Block(HEADING, "Investigating crime", 2),
        Block(HEADING, "Areas for improvement", 0),
        Block(BULLET, "The force should improve", 0),
        Block(BULLET, "its supervision", 1),
        Block(BULLET, "of online crime", 2),
        Block(BULLET, "Numbered too", 0),
        Block(PARAGRAPH, "A paragraph that a page break cut in two."),
    ]
