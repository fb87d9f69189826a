"""draft/read_pdf.py: a PDF's runs of text back as headings, paragraphs and nested bullets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block
from briefgen.draft.read_pdf import join_lines, read_pdf


def make_pdf(path: Path, pages: list[list[tuple[str, int, int, int, str]]]) -> Path:
    """A PDF of lines of text: (font F1 bold or F2 regular, size, x, y, text) a line."""
    pdf = pikepdf.new()
    fonts = Dictionary(
        {
            f"/{key}": pdf.make_indirect(
                Dictionary(
                    Type=Name.Font,
                    Subtype=Name.Type1,
                    BaseFont=Name(f"/{face}"),
                    Encoding=Name.WinAnsiEncoding,
                )
            )
            for key, face in (("F1", "Helvetica-Bold"), ("F2", "Helvetica"))
        }
    )
    for lines in pages:
        ops = []
        for font, size, x, y, text in lines:
            escaped = (
                text.encode("cp1252")
                .replace(b"\\", b"\\\\")
                .replace(b"(", b"\\(")
                .replace(b")", b"\\)")
            )
            ops.append(b"BT /%s %d Tf %d %d Td (%s) Tj ET" % (font.encode(), size, x, y, escaped))
        pdf.pages.append(
            pikepdf.Page(
                Dictionary(
                    Type=Name.Page,
                    MediaBox=Array([0, 0, 595, 842]),
                    Resources=Dictionary(Font=fonts),
                    Contents=pdf.make_stream(b"\n".join(ops)),
                )
            )
        )
    pdf.save(path)
    return path


BODY = [
    ("F1", 18, 72, 760, "Investigating crime"),
    ("F2", 10, 72, 730, "The force is good at investigating crime and it works well with partners"),
    ("F2", 10, 72, 718, "to keep vulnerable people safe from harm in every part of the city."),
    ("F2", 10, 72, 690, "\u2022 It should improve how it supervises investigations."),
    ("F2", 10, 90, 676, "\u2022 including those for online crime."),
]


def test_headings_paragraphs_and_nested_bullets(tmp_path):
    assert read_pdf(make_pdf(tmp_path / "r.pdf", [BODY])) == [
        Block(HEADING, "Investigating crime", 1),
        Block(
            PARAGRAPH,
            "The force is good at investigating crime and it works well with "
            "partners to keep vulnerable people safe from harm in every part of "
            "the city.",
        ),
        Block(BULLET, "It should improve how it supervises investigations.", 0),
        Block(BULLET, "including those for online crime.", 1),
    ]


def test_running_headers_and_page_numbers_are_dropped(tmp_path):
    titles = ["Investigating crime", "Protecting vulnerable people", "Armed response"]
    pages = [
        [
            ("F2", 8, 72, 810, "PEEL 2018/19 – Metropolitan Police Service"),
            ("F1", 18, 72, 760, title),
            *BODY[1:4],
            ("F2", 10, 90, 676, f"\u2022 including {title.lower()}."),
            ("F2", 8, 290, 40, str(number)),
        ]
        for number, title in enumerate(titles, start=1)
    ]
    blocks = read_pdf(make_pdf(tmp_path / "r.pdf", pages))
    assert not any("Metropolitan Police Service" in b.text for b in blocks)
    assert not any(b.text.isdigit() for b in blocks)
    assert [b.text for b in blocks if b.kind == HEADING] == titles
    assert len(blocks) == 3 * 4


def test_a_line_break_hyphen_is_joined_only_where_the_word_is_not_hyphenated_elsewhere():
    words = Counter(["well-established", "wellbeing", "the"])
    assert join_lines("a well-", "established plan", words) == "a well-established plan"
    assert join_lines("staff well-", "being matters", words) == "staff wellbeing matters"
    # "higher-risk" is written whole nowhere: its hyphen stays
    assert join_lines("a higher-", "risk case", words) == "a higher-risk case"
    assert join_lines("a well\x02", "established plan", words) == "a well-established plan"
    assert join_lines("an inspec\x02", "tion found", words) == "an inspection found"
