"""output_formats.py: the formats a build writes, one entry each, the rendered .docx first."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import OptionError, PdfError
from briefgen.options import BuildOptions
from briefgen.output_formats import (
    FORMATS,
    RENDERED,
    checked_formats,
    converted,
    document_name,
    media_type,
)

from ..helpers import MET


def test_the_docx_is_rendered_and_the_pdf_made_from_it():
    assert list(FORMATS) == ["docx", "pdf"]
    assert RENDERED is FORMATS["docx"] and RENDERED.converter is None
    assert FORMATS["pdf"].converter is not None
    assert (FORMATS["pdf"].suffix, FORMATS["pdf"].label) == (".pdf", "PDF (through LibreOffice)")


def test_a_formats_file_goes_beside_the_document():
    document = Path("outputs/met-briefing.docx")
    assert FORMATS["pdf"].target(document) == Path("outputs/met-briefing.pdf")
    assert RENDERED.target(document) == document


def test_formats_named_come_back_the_rendered_first_each_once():
    assert checked_formats(["pdf", "docx", "pdf"]) == [FORMATS["docx"], FORMATS["pdf"]]
    assert checked_formats([]) == [RENDERED]
    assert converted(["docx", "pdf"]) == [FORMATS["pdf"]] and converted(["docx"]) == []


def test_an_unknown_format_is_refused_with_a_suggestion():
    with pytest.raises(OptionError) as refused:
        checked_formats(["docx", "pfd"])
    assert (
        str(refused.value)
        == "output format 'pfd' is not known; did you mean 'pdf'?; known: docx, pdf"
    )


def test_the_pdf_converter_finds_libreoffice_before_anything_is_written(tmp_path):
    converter = FORMATS["pdf"].converter
    assert converter is not None
    missing = str(tmp_path / "no-soffice")
    with pytest.raises(PdfError, match=f"--soffice {missing}: no such program"):
        converter(BuildOptions(MET, formats="pdf", soffice=missing))
    assert list(tmp_path.iterdir()) == []


def test_a_document_is_named_after_its_folder_and_template_and_typed_by_its_suffix(tmp_path):
    folder = tmp_path / "inputs" / "kent-2023-25"
    name = document_name(folder / ".." / "kent-2023-25", Path("templates/summary-grid.docx"))
    assert name == "kent-2023-25-summary-grid.docx"
    assert media_type(Path("x.PDF")) == "application/pdf"
    assert media_type(Path("x.docx")).endswith("wordprocessingml.document")
    assert media_type(Path("x.yaml")) == "application/octet-stream"
