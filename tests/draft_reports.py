"""Make the PDF, .docx and .html versions of a report that ``briefgen draft`` reads, as a
publisher would: pandoc for the document, a running header and page numbers on every page
(python-docx), and LibreOffice for the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

RUNNING_HEADER = "PEEL: Police effectiveness, efficiency and legitimacy – inspection report"


def pandoc(source: Path, target: Path) -> Path:
    subprocess.run(["pandoc", "--from", "markdown", "--standalone", str(source), "-o",
                    str(target)], check=True, capture_output=True)
    return target


def _page_field(paragraph) -> None:
    """Append a PAGE field (the page number) to ``paragraph``."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.text = text
            element.set(qn("xml:space"), "preserve")
        run._r.append(element)


def add_running_header(path: Path, header: str = RUNNING_HEADER) -> Path:
    """Give every page of the .docx at ``path`` a running header and a page-number footer."""
    document = docx.Document(str(path))
    for section in document.sections:
        section.header.paragraphs[0].text = header
        footer = section.footer.paragraphs[0]
        footer.text = ""
        _page_field(footer)
    document.save(str(path))
    return path


def to_pdf(source: Path, folder: Path, profile: Path) -> Path:
    """Convert with LibreOffice, using a private profile so that it never meets another run."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    return folder / (source.stem + ".pdf")
