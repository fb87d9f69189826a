"""pdf_check: the word check of many PDFs shared out across processes answers as one process
does, and a check that fails fails as it always has."""

from __future__ import annotations

from pathlib import Path

import docx
import pikepdf
import pytest

from briefgen import pdf_check


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
