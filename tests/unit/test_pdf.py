"""PDF through LibreOffice, for real (the Met documents converted once for the session:
``conftest.pdfs``); the documents also read back through pandoc."""

from __future__ import annotations

import subprocess
import time

import pytest

from briefgen.errors import PdfError
from briefgen.pdf import convert

from ..helpers import require_tool


def pdf_text(path, layout: bool = True) -> str:
    """The PDF's text; with ``layout``, as laid out on the page (table columns side by side),
    otherwise in reading order (a cell's wrapped lines together)."""
    require_tool("pdftotext", "poppler-utils")
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_both_documents_convert_in_one_run(pdfs):
    assert set(pdfs) >= {"briefing", "summary-grid"}
    for pdf in pdfs.values():
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_pdf_holds_the_grid(pdfs):
    text = " ".join(pdf_text(pdfs["summary-grid"]).split())
    assert "HMICFRS PEEL assessment of the Metropolitan Police (September 2019) – summary" in text
    assert "Legitimacy: Overall grading – good" in text
    assert "Page 1 of" in text
    # The header row repeats on every page of the grid.
    pages = pdf_text(pdfs["summary-grid"], layout=False).split("\f")
    pages = [" ".join(p.split()) for p in pages if p.strip()]
    assert len(pages) > 2
    assert all("Element of assessment" in page for page in pages)
    assert all("Change since 2016" in page for page in pages)


def test_every_pdf_is_tagged_and_titled(pdfs):
    require_tool("pdfinfo", "poppler-utils")
    for name, pdf in pdfs.items():
        info = subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        assert "Tagged:          yes" in info, name
        assert "Title:           " in info and "Metropolitan Police" in info, name


def test_missing_libreoffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError, match="apt-get install libreoffice-writer-nogui"):
        convert([tmp_path / "x.docx"], tmp_path)


@pytest.mark.parametrize("template", ["briefing", "summary-grid"])
def test_pandoc_reads_the_document(built, template):
    require_tool("pandoc", "pandoc")
    text = subprocess.run(
        ["pandoc", "--from", "docx", "--to", "plain", "--wrap", "none", str(built[template])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "HMICFRS PEEL assessment of the Metropolitan Police (September 2019) – summary" in text
    assert "Tackling serious and organised crime" in text
    assert "builds effective relationships with the individuals and organisations" in text


def test_building_twice_gives_the_same_pdf_bytes(tmp_path):
    """LibreOffice stamps each PDF with the time and a random-looking ID; briefgen's PDFs carry
    neither, so a rebuilt PDF diffs as unchanged, like its .docx."""
    require_tool("soffice", "libreoffice-writer-nogui")
    from briefgen.cli import main

    from ..helpers import MET

    made = []
    for attempt in ("first", "second"):
        out = tmp_path / attempt / "grid.docx"
        out.parent.mkdir()
        assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out), "--pdf"]) == 0
        made.append((out.read_bytes(), out.with_suffix(".pdf").read_bytes()))
        time.sleep(1.1)  # a second apart: a creation date would differ
    assert made[0] == made[1]
    pdf = made[0][1]
    assert b"/CreationDate" not in pdf and b"/DocChecksum" not in pdf


def test_a_missing_libreoffice_is_told_before_anything_is_written(monkeypatch, tmp_path, capsys):
    from briefgen.cli import main

    from ..helpers import MET

    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "grid.docx"
    assert main(["build", str(MET), "-t", "summary-grid", "-o", str(out), "--pdf"]) == 1
    assert "PDF output needs LibreOffice" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_every_link_in_the_pdf_is_tagged(pdfs):
    """A screen reader meets every link in the structure: LibreOffice leaves a footnote's
    number (its link back to the text) untagged; briefgen tags it under its footnote."""
    import pikepdf

    with pikepdf.open(pdfs["briefing"]) as document:
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        elements = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        links = [
            a
            for page in document.pages
            for a in page.get("/Annots", [])
            if a.get("/Subtype") == "/Link"
        ]
        assert len(links) >= 6
        for link in links:
            element = elements[int(link.StructParent)]
            assert element.S == "/Link"
            assert element.P.S in ("/Footnote", "/Standard", "/Document")
        backs = [
            elements[int(a.StructParent)]
            for a in links
            if "/Dest" in a and elements[int(a.StructParent)].P.S == "/Footnote"
        ]
        assert [str(b.Alt) for b in backs] == [
            "Footnote 1: back to the text that refers to it",
            "Footnote 2: back to the text that refers to it",
        ]


# --- which program makes the PDFs -----------------------------------------------------------


def test_libreoffice_is_found_where_officers_have_it():
    """The selection logic, as it runs on Windows, macOS and Linux (here with made-up file
    systems: briefgen's tests run on Linux)."""
    from briefgen.pdf import WORD, find_soffice

    windows = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)"}
    program = r"C:\Program Files\LibreOffice\program\soffice.exe"
    x86 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
    mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    none = lambda name: None  # noqa: E731 - nothing on the PATH

    def found(platform, files, environ=windows, explicit=None, which=none, word=False):
        return find_soffice(
            explicit,
            environ,
            platform,
            exists=lambda p: p in files,
            which=which,
            word_installed=lambda: word,
        )

    assert found("win32", {program}) == program
    assert found("win32", {x86}) == x86
    assert found("darwin", {mac}, environ={}) == mac
    assert (
        found(
            "linux",
            set(),
            which=lambda n: "/usr/bin/soffice" if n == "soffice" else None,
            environ={},
        )
        == "/usr/bin/soffice"
    )
    # Named by the officer: --soffice first, then the setting; each must exist.
    assert (
        found("win32", {program, r"D:\LO\soffice.exe"}, explicit=r"D:\LO\soffice.exe")
        == r"D:\LO\soffice.exe"
    )
    assert (
        found(
            "win32",
            {r"D:\LO\soffice.exe"},
            environ={**windows, "BRIEFGEN_SOFFICE": r"D:\LO\soffice.exe"},
        )
        == r"D:\LO\soffice.exe"
    )
    with pytest.raises(PdfError, match=r"--soffice D:\\nowhere.exe: no such program"):
        found("win32", {program}, explicit=r"D:\nowhere.exe")
    # Microsoft Word, through docx2pdf, only where there is no LibreOffice.
    assert found("win32", set(), word=True) == WORD
    assert found("win32", {program}, word=True) == program
    # None at all: how to install it, in this system's terms.
    with pytest.raises(PdfError, match="libreoffice.org.*briefgen\\[word\\]"):
        found("win32", set())
    with pytest.raises(PdfError, match="brew install --cask libreoffice"):
        found("darwin", set(), environ={})
    with pytest.raises(PdfError, match="apt-get install libreoffice-writer-nogui"):
        found("linux", set(), environ={})


def test_word_is_a_candidate_only_with_docx2pdf_and_word(monkeypatch):
    import sys

    from briefgen.pdf import word_is_installed

    monkeypatch.setitem(sys.modules, "docx2pdf", None)  # not installed: import fails
    assert not word_is_installed("win32", {"ProgramFiles": "C:/PF"}, lambda p: True)
    monkeypatch.setitem(sys.modules, "docx2pdf", type(sys)("docx2pdf"))
    word = r"C:/PF\Microsoft Office\root\Office16\WINWORD.EXE"
    assert word_is_installed("win32", {"ProgramFiles": "C:/PF"}, lambda p: p == word)
    assert not word_is_installed("win32", {"ProgramFiles": "C:/PF"}, lambda p: False)
    assert not word_is_installed("linux", {}, lambda p: True)
