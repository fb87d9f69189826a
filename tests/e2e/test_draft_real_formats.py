"""Real reports as .html, .docx and PDF, made here from their corpus text as the inspectorate's
site and a publisher would (a web page; pandoc and a running header for Word; one LibreOffice
run for every PDF): each format gives what the text gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.draft import draft

from ..draft_accuracy import REAL, report_of, score
from ..draft_reports import add_running_header, pandoc, to_pdfs, web_page
from ..helpers import require_tool

#: A fire page set graded in lists, a PEEL 2017 set graded in sentences, a PEEL 2014 landing page.
SLUGS = ("hampshire-fire-2018-19", "essex-peel-2017", "dyfed-powys-peel-2014")
COMPARED = (
    "framework",
    "gradings_right",
    "gradings_wrong",
    "gradings_invented",
    "findings_found",
    "findings_extra",
    "force",
    "date",
)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[tuple[str, str], Path]:
    require_tool("pandoc", "pandoc")
    require_tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("formats")
    out: dict[tuple[str, str], Path] = {}
    for slug in SLUGS:
        page = folder / f"{slug}.html"
        page.write_bytes(web_page(REAL.joinpath(f"{slug}.txt").read_text("utf-8")))
        out[slug, "html"] = page
        out[slug, "docx"] = add_running_header(
            pandoc(page, folder / f"{slug}.docx", "html"), f"{slug} – inspection report"
        )
    pdfs = to_pdfs([out[slug, "docx"] for slug in SLUGS], folder, folder / "profile")
    out.update({(slug, "pdf"): pdf for slug, pdf in zip(SLUGS, pdfs, strict=True)})
    return out


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
@pytest.mark.parametrize("slug", SLUGS)
def test_each_format_gives_what_the_text_gives(slug, kind, made, tmp_path):
    truth = REAL / f"{slug}.truth.yaml"
    draft(report_of(truth), tmp_path / "text", today=dt.date(2024, 5, 1))
    saved = tmp_path / "as-saved"  # no suffix: the format is told from the content
    saved.write_bytes(made[slug, kind].read_bytes())
    draft(saved, tmp_path / kind, today=dt.date(2024, 5, 1))
    from_text, got = score(truth, tmp_path / "text"), score(truth, tmp_path / kind)
    print(slug, kind, got)
    assert {k: got[k] for k in COMPARED} == {k: from_text[k] for k in COMPARED}
    assert got["gradings_right"] == got["gradings_stated"]
