"""draft/formats.py and draft/readers.py: a report's format told from its content, its reader,
and the words that list the formats."""

from __future__ import annotations

import zipfile

import docx
import pytest

from briefgen.draft import formats
from briefgen.draft.blocks import HEADING, Block
from briefgen.draft.readers import read_report
from briefgen.errors import DraftError


def test_the_help_and_the_message_are_made_from_the_table():
    assert formats.names() == "text, markdown, .html, PDF or .docx"
    assert formats.readable() == (
        "it reads a report as text or markdown, a saved web page "
        "(.html), a PDF or a Word document (.docx)"
    )
    assert [f.key for f in formats.FORMATS] == ["text", "html", "pdf", "docx"]


@pytest.mark.parametrize(
    "start, key",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf <!DOCTYPE html><html>", "html"),
        (b"<?xml version='1.0'?>\n<html>", "html"),
        (b"PK\x03\x04", "docx"),
        (b"# Heading\n", "text"),
        (b"<b>bold</b> text", "text"),
    ],
)
def test_a_format_is_told_by_its_first_bytes_not_its_name(tmp_path, start, key):
    report = tmp_path / "report.txt"
    report.write_bytes(start + b" more")
    assert formats.report_format(report).key == key


def test_what_is_none_of_them_is_refused_with_what_is_read(tmp_path):
    report = tmp_path / "report.bin"
    report.write_bytes(b"\x00\x01binary")
    with pytest.raises(DraftError) as refused:
        formats.report_format(report)
    assert str(refused.value).endswith(f": is not a report briefgen can read; {formats.readable()}")


def test_a_word_report_is_checked_as_a_template_is(tmp_path):
    document = docx.Document()
    document.add_heading("Investigating crime", level=1)
    document.save(tmp_path / "r.docx")
    assert read_report(tmp_path / "r.docx") == [Block(HEADING, "Investigating crime", 1)]
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w") as package:
        package.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "b">]><w:document/>')
    with pytest.raises(
        DraftError,
        match=r"bomb.docx: has a part \(word/document.xml\) that "
        r"declares entities",
    ):
        read_report(tmp_path / "bomb.docx")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as package:
        package.writestr("notes.txt", "not Word")
    with pytest.raises(DraftError, match="is a zip file but not a Word document"):
        read_report(tmp_path / "other.zip")
