"""Nothing lost on the page, in any house style: every word of every document reaches its PDF,
and its grid breaks where a reader would have it break.

The documents are the built-in templates with the Met's two assessments and every framework's
example, and a matrix of house styles: the summary grid restyled, and a cover report the
briefing goes into (``--into``), in 9, 11, 12 and 14 pt, in Arial (Liberation Sans), Calibri
(Carlito) and Times New Roman (Liberation Serif), on A4 and Letter, portrait and landscape. The
matrix is a covering set, not every combination: every size with every font, and every pair of
font, size, paper and orientation at least once. All are converted in one LibreOffice run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt

from briefgen.cover_fit import LEAST_CONTRAST, contrast
from briefgen.frameworks import available
from briefgen.pdf import convert
from briefgen.pdf_check import convert_checked, missing_words
from briefgen.render import render_bytes
from briefgen.templates import builtin_templates
from briefgen.validate import load_assessment

from ..helpers import MET, MET_2016, require_tool
from ..page_checks import grid_problems
from .test_every_framework import write_example

SIZES = (9, 11, 12, 14)
FONTS = ("Arial", "Calibri", "Times New Roman")
PAPERS = {"A4": (Cm(21), Cm(29.7)), "Letter": (Inches(8.5), Inches(11))}


def _matrix() -> list[tuple[int, str, str, str, str]]:
    """(size, font, paper, orientation, kind) for each document of the matrix: each size with
    each font; paper, orientation and kind (restyled template or cover) so that every pair of
    values of any two of these is met at least once."""
    found = []
    for i, (size, font) in enumerate((s, f) for s in SIZES for f in FONTS):
        found.append(
            (
                size,
                font,
                ("A4", "Letter")[i % 2],
                ("portrait", "landscape")[i // 2 % 2],
                ("restyled", "into")[(i + i // 2) % 2],
            )
        )
    return found


MATRIX = _matrix()
#: Every document the checks run on, by name.
NAMES = [
    f"{kind}-{font.split()[0].lower()}-{size}pt-{paper}-{orientation}"
    for size, font, paper, orientation, kind in MATRIX
]
NAMES += [
    f"{who}-{template}" for who in ("met-2018-19", "met-2016") for template in builtin_templates()
]
NAMES += [f"example-{key}-{template}" for key in available() for template in builtin_templates()]


def page_setup(document: docx.document.Document, paper: str, orientation: str) -> None:
    width, height = PAPERS[paper]
    if orientation == "landscape":
        width, height = height, width
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.orientation = 1 if orientation == "landscape" else 0


def restyled(path: Path, font: str, size: int, paper: str, orientation: str) -> Path:
    """The summary grid as an officer restyles it: every font and size changed."""
    shutil.copyfile(builtin_templates()["summary-grid"], path)
    document = docx.Document(str(path))
    for style in document.styles:
        if style.type in (1, 3):  # paragraph and table styles
            rpr = style.element.get_or_add_rPr()
            rpr.get_or_add_rFonts().set(qn("w:ascii"), font)
            rpr.get_or_add_rFonts().set(qn("w:hAnsi"), font)
            for tag in ("w:sz", "w:szCs"):
                for old in rpr.findall(qn(tag)):
                    rpr.remove(old)
    for paragraph_style in ("Normal",):
        document.styles[paragraph_style].font.size = Pt(size)
    page_setup(document, paper, orientation)
    document.save(str(path))
    return path


def cover(path: Path, font: str, size: int, paper: str, orientation: str) -> Path:
    """An officer's cover report in python-docx's default styles, its text in ``font``."""
    document = docx.Document()
    document.styles["Normal"].font.name = font
    document.styles["Normal"].font.size = Pt(size)
    page_setup(document, paper, orientation)
    document.add_heading("Police and Crime Committee", 0)
    document.add_heading("1. Summary", 1)
    document.add_paragraph("This report introduces the inspectorate’s assessment.")
    document.add_heading("2. Background", 1)
    document.add_paragraph("{{p briefing }}")
    document.add_heading("3. Recommendations", 1)
    document.add_paragraph("The committee is asked to note the report.")
    document.save(str(path))
    return path


def build_all(folder: Path) -> dict[str, Path]:
    """Every document of :data:`NAMES`, as .docx files in ``folder``."""
    made: dict[str, Path] = {}
    met = load_assessment(MET)
    for name, (size, font, paper, orientation, kind) in zip(NAMES, MATRIX, strict=False):
        if kind == "restyled":
            data = render_bytes(
                met, restyled(folder / f"{name}.template.docx", font, size, paper, orientation)
            )
        else:
            data = render_bytes(
                met,
                builtin_templates()["briefing"],
                into=cover(folder / f"{name}.cover.docx", font, size, paper, orientation),
            )
        made[name] = folder / f"{name}.docx"
        made[name].write_bytes(data)
    assessments = {"met-2018-19": met, "met-2016": load_assessment(MET_2016)}
    for key in available():
        assessments[f"example-{key}"] = load_assessment(write_example(folder / key, key))
    for who, assessment in assessments.items():
        for template, path in builtin_templates().items():
            made[f"{who}-{template}"] = folder / f"{who}-{template}.docx"
            made[f"{who}-{template}"].write_bytes(render_bytes(assessment, path))
    return made


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each document with its PDF, all converted in one LibreOffice run, unmended."""
    require_tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("layout")
    made = build_all(folder)
    pdfs = convert(list(made.values()), folder)
    return {name: (made[name], pdf) for name, pdf in zip(made, pdfs, strict=True)}


@pytest.mark.parametrize("name", NAMES)
def test_every_word_reaches_the_pdf(laid_out, name):
    document, pdf = laid_out[name]
    assert missing_words(document, pdf) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_grid_breaks_where_a_reader_would_have_it_break(laid_out, name):
    document, pdf = laid_out[name]
    assert grid_problems(document, pdf) == []


INTO = [name for name in NAMES if name.startswith("into-")]


@pytest.mark.parametrize("name", INTO)
def test_into_a_cover_reads_as_one_paper(laid_out, name):
    """No blank page; the briefing's headings under the cover's "2. Background" in the PDF's
    bookmarks, the cover's "3. Recommendations" beside it; one language throughout."""
    document, pdf = laid_out[name]
    import pypdfium2

    texts = [page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(pdf))]
    assert all(text.split() for text in texts), "a blank page"
    with pikepdf.open(pdf) as opened, opened.open_outline() as outline:
        top = [item.title for item in outline.root]
        background = next(item for item in outline.root if item.title == "2. Background")
        inside = [item.title for item in background.children]
        language = str(opened.Root.Lang)
    assert (
        top[-1] == "3. Recommendations" and "PEEL 2018/19: Metropolitan Police Service" not in top
    )
    assert inside == ["PEEL 2018/19: Metropolitan Police Service"]
    opened_docx = docx.Document(str(document))
    assert opened_docx.core_properties.language == language
    runs = {r.get(qn("w:val")) for r in opened_docx.element.body.iter(qn("w:lang"))}
    assert runs <= {language}


@pytest.mark.parametrize("name", INTO)
def test_into_a_cover_keeps_its_text_legible(laid_out, name):
    """Every coloured run inserted keeps 4.5:1 with white, whatever the cover's styles say."""
    document = docx.Document(str(laid_out[name][0]))
    styles = {s.style_id: s for s in document.styles}
    for paragraph in document.paragraphs:
        style = styles.get(paragraph.style.style_id)
        colour = None
        while style is not None and colour is None:
            element = style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
            colour = element.get(qn("w:val")) if element is not None else None
            style = style.base_style
        for run in paragraph.runs:
            shown = run.font.color.rgb if run.font.color and run.font.color.type else colour
            if shown and str(shown) != "auto":
                assert contrast(str(shown), "FFFFFF") >= LEAST_CONTRAST, (paragraph.text, shown)


def tall_row_document(path: Path, row_height: str | None = None) -> Path:
    """A table with a repeated header row eight lines tall and one row that may not break
    across pages (or, with ``row_height``, is exactly that tall, in twips): the row fits on a
    page alone but not under its header, so LibreOffice cuts off its foot."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {}))
    table.rows[0].cells[0].text = "Element"
    for number in range(8):
        table.rows[0].cells[1].add_paragraph(f"Header line {number}")
    properties = table.rows[1]._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {}))
    if row_height:
        properties.append(
            properties.makeelement(
                qn("w:trHeight"), {qn("w:val"): row_height, qn("w:hRule"): "exact"}
            )
        )
    name, findings = table.rows[1].cells
    name.text = "Armed response"
    for number in range(24):
        findings.add_paragraph(f"Finding {number}: the force does well.")
    document.save(str(path))
    return path


def test_a_pdf_short_of_words_is_mended_by_letting_rows_break(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    document = tall_row_document(tmp_path / "tall.docx")
    (tmp_path / "first").mkdir()
    [unmended] = convert([document], tmp_path / "first")
    assert missing_words(document, unmended)  # the row is clipped at the page's foot
    [pdf] = convert_checked([document], tmp_path)
    assert missing_words(document, pdf) == []
    assert b"cantSplit" not in docx.Document(str(document)).element.xml.encode()


def test_a_pdf_that_cannot_be_mended_fails_naming_the_row(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    from briefgen.errors import PdfError

    document = tall_row_document(tmp_path / "exact.docx", row_height="2000")
    with pytest.raises(PdfError) as caught:
        convert_checked([document], tmp_path)
    message = str(caught.value)
    assert "exact.docx: the PDF leaves out text" in message
    assert "table 1, row 2, cell 2" in message and "finding" in message
