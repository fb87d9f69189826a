"""draft/readers.py: a report in any format briefgen knows read into blocks, and a report that
cannot be read refused in words that name it and say what to do."""

from __future__ import annotations

import pytest

from briefgen.draft.blocks import HEADING, Block, TooDeep
from briefgen.draft.formats import report_format
from briefgen.draft.read_text import read_text
from briefgen.draft.readers import read_report
from briefgen.errors import DraftError

from ...draft_accuracy import REAL
from ...helpers import FIXTURES


def test_a_real_report_is_read_in_its_format():
    for path in (
        REAL / "west-yorkshire-peel-2018-19.txt",
        FIXTURES / "reports/met-peel-2018-19.md",
    ):
        assert read_report(path) == read_text(path.read_text("utf-8")) != []
    assert read_report(FIXTURES / "reports/met-peel-2018-19.md")[0].kind == HEADING


def test_an_older_windows_text_file_is_read_too(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes("# Kent PEEL 2017\n\nThe force’s work\n".encode("cp1252"))
    assert read_report(report)[:2] == [
        Block(HEADING, "Kent PEEL 2017", 1),
        read_text("The force’s work")[0],
    ]


def test_a_damaged_file_is_told_as_its_format_and_an_empty_one_as_empty(tmp_path):
    damaged = tmp_path / "r.pdf"
    damaged.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(DraftError, match=r"r.pdf: cannot be read as PDF \("):
        read_report(damaged)
    empty = tmp_path / "r.md"
    empty.write_text("\n\n   \n")
    with pytest.raises(DraftError, match="has no text to read"):
        read_report(empty)


def test_a_report_larger_than_its_format_is_refused_before_it_is_read(tmp_path):
    report = tmp_path / "huge.txt"
    report.write_bytes(b"The force is good.\n" * 600_000)  # 11,400,000 bytes
    assert report_format(report).max_bytes == 10_000_000
    with pytest.raises(DraftError) as refused:
        read_report(report)
    assert str(refused.value).endswith(
        "huge.txt: is 11,400,000 bytes, more than the 10,000,000 bytes briefgen reads in a "
        "report saved as TEXT; a published report is far smaller: check that it is the right file"
    )


def test_a_web_page_nested_too_deep_even_without_its_wrappers_is_refused_with_what_to_do(tmp_path):
    page = tmp_path / "deep.html"
    page.write_bytes(
        b"<!DOCTYPE html><html><body>" + b"<blockquote>" * 10_000 + b"text</body></html>"
    )
    with pytest.raises(DraftError) as refused:
        read_report(page)
    assert str(refused.value).endswith(
        "deep.html: cannot be read: its elements are nested more than 256 levels deep; save "
        "the page again from a web browser, or save the report as PDF"
    )
    assert issubclass(TooDeep, ValueError)
