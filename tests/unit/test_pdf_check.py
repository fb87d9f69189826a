"""pdf_check.py: whether every word of a .docx reached its PDF, on the Met documents as
LibreOffice converts them (``conftest.pdfs``); what is missing named by its place."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pikepdf
import pytest

from briefgen import pdf_check
from briefgen.pdf_check import Missing, describe, docx_paragraphs, missing_words, pdf_words, words


def test_words_are_compared_in_lower_case_letters_and_digits():
    assert words("Requires improvement (2017); PEEL’s grid!") == [
        "requires",
        "improvement",
        "2017",
        "peel",
        "s",
        "grid",
    ]
    assert words(" – • ") == []


def test_each_paragraph_with_text_is_named_by_its_place(built):
    body = docx.Document(str(built["summary-grid"])).element.body
    paragraphs = docx_paragraphs(body)
    assert all(words(text) for _, text in paragraphs)
    places = [place for place, _ in paragraphs]
    assert any(p.startswith("table 1, row 1, cell 1") for p in places)
    assert any(p.startswith("paragraph ") for p in places)
    assert any("Investigating crime" in text for _, text in paragraphs)


def test_the_pdf_is_read_page_by_page_from_a_file_or_bytes(pdfs):
    pages = pdf_words(pdfs["briefing"])
    assert len(pages) >= 2 and all(pages)
    assert "metropolitan" in pages[0]
    assert pdf_words(pdfs["briefing"].read_bytes()) == pages


def test_every_word_of_each_document_is_in_its_pdf(built, pdfs):
    for name in pdfs:
        assert missing_words(built[name], pdfs[name]) == [], name


def test_words_the_pdf_does_not_show_are_named_with_their_place(built, pdfs):
    document = docx.Document(str(built["briefing"]))
    document.add_paragraph("Words added after the PDF was made, never shown in it")
    added = io.BytesIO()
    document.save(added)
    missing = missing_words(added.getvalue(), pdfs["briefing"].read_bytes())
    assert len(missing) == 1
    (lost,) = missing
    assert lost.place.startswith("paragraph ")
    assert lost.paragraph == "Words added after the PDF was made, never shown in it"
    assert lost.words == words(lost.paragraph)
    said = describe(missing)
    assert said == (
        f"11 words are missing from the PDF: {lost.place.rstrip(',')} "
        "(“Words added after the PDF was made, …”): "  # the paragraph's start
        "“words added after the pdf was made never …”"
    )


def test_a_long_list_of_missing_paragraphs_is_cut_short():
    missing = [
        Missing(f"table 1, row {n}, cell 2,", f"Row {n} text", ["row", str(n)]) for n in range(5)
    ]
    said = describe(missing, limit=2)
    assert said.startswith("10 words are missing from the PDF: table 1, row 0, cell 2 (“Row 0")
    assert said.endswith("; and 3 more paragraphs")


def document_with(path: Path, text: str) -> Path:
    made = docx.Document()
    made.add_paragraph(text)
    made.save(str(path))
    return path


def pdf_showing(path: Path, text: str) -> Path:
    """A one-page PDF showing ``text`` in Helvetica (no LibreOffice needed)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode()),
        )
    )
    pdf.pages.append(page)
    pdf.save(path)
    return path


@pytest.fixture
def pairs(tmp_path) -> tuple[list[Path], list[Path]]:
    shown = "The force keeps its promises"
    documents = [
        document_with(tmp_path / "whole.docx", shown),
        document_with(tmp_path / "short.docx", shown + " to victims"),
        document_with(tmp_path / "again.docx", shown),
    ]
    pdfs = [pdf_showing(tmp_path / f"{d.stem}.pdf", shown) for d in documents]
    return documents, pdfs


def test_many_checks_across_processes_answer_as_one_process(pairs, monkeypatch):
    monkeypatch.setattr(pdf_check, "_PER_WORKER", 1)
    documents, pdfs = pairs
    assert pdf_check._lacking(documents, pdfs, workers=1) == [False, True, False]
    assert pdf_check._lacking(documents, pdfs, workers=2) == [False, True, False]


def test_a_check_that_fails_in_a_worker_fails_as_it_always_has(pairs, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_check, "_PER_WORKER", 1)
    documents, pdfs = pairs
    pdfs[1] = tmp_path / "broken.pdf"
    pdfs[1].write_bytes(b"%PDF-1.7 not really")
    with pytest.raises(Exception) as alone:
        pdf_check.missing_words(documents[1], pdfs[1])
    with pytest.raises(type(alone.value)) as shared:
        pdf_check._lacking(documents, pdfs, workers=2)
    assert str(shared.value) == str(alone.value)
