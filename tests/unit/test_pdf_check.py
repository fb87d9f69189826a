"""pdf_check.py: whether every word of a .docx reached its PDF, on the Met documents as
LibreOffice converts them (``conftest.pdfs``); what is missing named by its place."""

from __future__ import annotations

import io

import docx

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
