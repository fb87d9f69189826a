"""briefgen draft on the same report as PDF, .docx and .html, made here from its markdown as a
publisher would (pandoc; a running header and page numbers; LibreOffice for the PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.draft import draft

from ..draft_accuracy import compare, load, normal
from ..draft_reports import add_running_header, pandoc, to_pdf
from ..helpers import MET, require_tool
from .test_draft import REPORT_2018


@pytest.fixture(scope="session")
def made(tmp_path_factory) -> dict[str, Path]:
    require_tool("pandoc", "pandoc")
    require_tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("reports")
    # no suffix on the .docx copy given to draft: the format is told from the content
    word = add_running_header(pandoc(REPORT_2018, folder / "met.docx"))
    return {
        "docx": word,
        "html": pandoc(REPORT_2018, folder / "met.html"),
        "pdf": to_pdf(word, folder, folder / "profile"),
    }


@pytest.fixture(scope="session")
def from_text(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("text") / "met"
    draft(REPORT_2018, folder, today=dt.date(2024, 5, 1))
    return folder


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_each_format_gives_what_the_text_gives(kind, made, from_text, tmp_path):
    report = tmp_path / "report-as-saved"
    report.write_bytes(made[kind].read_bytes())
    draft(report, tmp_path / "met", today=dt.date(2024, 5, 1))
    figures = compare(tmp_path / "met", MET)
    print(f"{kind}:", figures)
    assert figures["gradings"] == 13 and figures["findings"] == 26
    assert figures["extra_findings"] == 0
    head, elements = load(tmp_path / "met")
    text_head, text_elements = load(from_text)
    assert head["pillars"] == text_head["pillars"]
    for key, element in text_elements.items():
        for name in ("grading", "causes_of_concern", "recommendations", "areas_for_improvement"):
            assert normal(elements[key].get(name)) == normal(element.get(name)), (key, name)
    assert figures["sentence_share"] >= 0.9 and figures["word_ratio"] <= 2
