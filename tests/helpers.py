"""What many test modules share: where the examples are, running briefgen and the tools a
user has (LibreOffice, pandoc, poppler), templates and cover reports made in a test, and
reading a grid back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from docx.shared import Cm

from briefgen.errors import TemplateProblem
from briefgen.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
MET = ROOT / "inputs" / "metropolitan-2018-19"
MET_2016 = ROOT / "inputs" / "metropolitan-2016-efficiency"
FIXTURES = Path(__file__).parent / "fixtures"
#: The committee paper options the end-to-end tests give.
PAPER = ["--committee", "Police and Crime Committee", "--meeting-date", "2019-10-16",
         "--appendix", "2", "--agenda-item", "6"]
#: The grid of the hand-written Met 2018/19 briefing, item by item.
SEED_GRID = yaml.safe_load((FIXTURES / "seed-000-grid.yaml").read_text("utf-8"))
#: Its caption as a title is written: an en dash where the hand-written one has a spaced hyphen.
SEED_CAPTION = SEED_GRID["caption"].replace(" - ", " – ")


def require_tool(name: str, package: str) -> str:
    """The tool's path; skip (locally) or fail (in CI) when it is not installed."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (Debian package {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it")
    pytest.skip(message)


def run_briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``briefgen ARGS`` in its own process, as an officer runs it, from ``cwd``."""
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, encoding="utf-8")


def save_with_libreoffice(path: Path, out_dir: Path) -> Path:
    """Open and save ``path`` as Word 2007–365 in LibreOffice, as an officer's save would."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    subprocess.run([soffice, f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out_dir), str(path)], check=True, capture_output=True, timeout=300)
    return out_dir / path.name


def copy_met(folder: Path) -> Path:
    """Copy the Met 2018/19 inputs to ``folder``, with the 2016 assessment they follow beside
    it (``previous: [../metropolitan-2016-efficiency]``)."""
    shutil.copytree(MET, folder)
    earlier = folder.parent / MET_2016.name
    if not earlier.exists():
        shutil.copytree(MET_2016, earlier)
    return folder


def the_grid(content: dict) -> tuple[str, dict]:
    """The caption paragraph and the grid table of a document read back."""
    body = content["body"]
    index = next(i for i, block in enumerate(body) if "table" in block)
    return body[index - 1]["paragraph"], body[index]["table"]


def list_items(cell: dict) -> list[dict]:
    """A grid cell's bullets: their text and list level."""
    return [{"text": p["paragraph"], "level": p["list"]["level"]}
            for p in cell["paragraphs"] if "list" in p]


def under_concerns(items: list[dict], element) -> list[dict]:
    """The seed's bullets of an element's last column, with the recommendations a level in
    where they follow causes of concern (the seed lists them at the top level)."""
    if not element.causes_of_concern:
        return items
    count = sum(1 + len(b.items) for b in element.recommendations)
    return [{**i, "level": i["level"] + 1} for i in items[:count]] + items[count:]


def plain_texts(cell: dict) -> list[str]:
    """A grid cell's paragraphs that are not bullets."""
    return [p["paragraph"] for p in cell["paragraphs"] if "list" not in p]


def list_paragraphs(content: dict) -> list[dict]:
    """Every list paragraph of the body, in tables or not."""
    found = []
    for block in content["body"]:
        if "list" in block:
            found.append(block)
        for row in block.get("table", {}).get("rows", []):
            found.extend(p for cell in row["cells"] for p in cell["paragraphs"] if "list" in p)
    return found


def cover_report(path: Path) -> Path:
    """An officer's cover report as python-docx's default template makes it (portrait A4)."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.54)
    section.header.paragraphs[0].text = "London Assembly – {{ paper.committee }}"
    doc.add_heading("Subject: HMICFRS PEEL assessment of {{ force.short_name }}", 1)
    doc.add_paragraph("The committee is asked to note:")
    doc.add_paragraph("the report", style="List Bullet")
    doc.add_paragraph("{{p briefing }}")
    doc.add_heading("Background papers", 2)
    doc.add_paragraph("None.")
    doc.save(path)
    return path


def template_with(tmp_path: Path, *paragraphs: str) -> Path:
    """A template (``t.docx`` in ``tmp_path``) of one plain paragraph per text."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(path)
    return path


def render_problem(met_assessment, template: Path) -> str:
    """What rendering ``template`` with the assessment is refused for."""
    with pytest.raises(TemplateProblem) as caught:
        render_bytes(met_assessment, template)
    return caught.value.message
