"""Make the PDF, .docx and .html versions of a report that ``briefgen draft`` reads, as a
publisher would: pandoc for the document, a running header and page numbers on every page
(python-docx), and LibreOffice for the PDF; and web pages of a report's copied text."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

RUNNING_HEADER = "PEEL: Police effectiveness, efficiency and legitimacy – inspection report"


def pandoc(source: Path, target: Path, source_format: str = "markdown") -> Path:
    subprocess.run(
        ["pandoc", "--from", source_format, "--standalone", str(source), "-o", str(target)],
        check=True,
        capture_output=True,
    )
    return target


def web_page(text: str, links: Sequence[str] = ()) -> bytes:
    """A web page of a page's copied text, as the inspectorate's site serves it: lines as
    paragraphs, "•" or "-" lines as a list, and a menu of ``links``."""
    body, items = [], []
    for line in text.splitlines():
        bullet = re.match(r"^\s*[•-]\s+(.*)", line)
        if bullet:
            items.append(f"<li>{html.escape(bullet[1])}</li>")
            continue
        if items:
            body.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line.strip():
            body.append(f"<p>{html.escape(line.strip())}</p>")
    if items:
        body.append(f"<ul>{''.join(items)}</ul>")
    menu = "".join(f'<a href="{link}">{link}</a>' for link in links)
    return (
        f"<!DOCTYPE html><html><head><title>HMICFRS</title></head><body><nav>{menu}"
        f'<a href="/about/">About us</a><a href="https://example.org/">elsewhere</a></nav>'
        f"<main>{''.join(body)}</main></body></html>"
    ).encode()


def _page_field(paragraph) -> None:
    """Append a PAGE field (the page number) to ``paragraph``."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
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
    return to_pdfs([source], folder, profile)[0]


def to_pdfs(sources: Sequence[Path], folder: Path, profile: Path) -> list[Path]:
    """Convert many documents in one LibreOffice run (it starts once: the slow part)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [folder / (source.stem + ".pdf") for source in sources]
