"""What many test modules share: where the examples are, running briefgen and the tools a
user has (LibreOffice, pandoc, poppler), templates and cover reports made in a test, and
reading a grid back."""

from __future__ import annotations

import functools
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
from briefgen.validate import check_assessment, load_assessment  # noqa: F401  (for the tests)

ROOT = Path(__file__).resolve().parents[1]
MET = ROOT / "inputs" / "metropolitan-2018-19"
MET_2016 = ROOT / "inputs" / "metropolitan-2016-efficiency"
#: The tests' own folder: their fixtures, bad inputs, hostile templates and tools.
TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
#: The committee paper options the end-to-end tests give.
PAPER = [
    "--committee",
    "Police and Crime Committee",
    "--meeting-date",
    "2019-10-16",
    "--appendix",
    "2",
    "--agenda-item",
    "6",
]
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
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True, encoding="utf-8"
    )


def save_with_libreoffice(path: Path, out_dir: Path) -> Path:
    """Open and save ``path`` as Word 2007–365 in LibreOffice, as an officer's save would."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
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
    """The caption paragraph and the grid table of a document read back, each row as a reader
    reads it: a row split across pages (its continuation "… (continued)") joined up again."""
    body = content["body"]
    index = next(i for i, block in enumerate(body) if "table" in block)
    return body[index - 1]["paragraph"], joined(body[index]["table"])


CONTINUED = " (continued)"


def joined(table: dict) -> dict:
    """``table`` with each continuation row's shared-out cells appended to the row it
    continues (its repeated name, grading and label, and its empty cells, dropped; a bullet
    cut in two at a page joined up)."""
    rows: list[dict] = []
    for row in table["rows"]:
        first = row["cells"][0]["paragraphs"][0]["paragraph"] if row["cells"] else ""
        if not first.endswith(CONTINUED):
            rows.append(
                {**row, "cells": [{**c, "paragraphs": list(c["paragraphs"])} for c in row["cells"]]}
            )
            continue
        for before, cell in zip(rows[-1]["cells"][1:], row["cells"][1:], strict=False):
            if cell["paragraphs"] != before["paragraphs"] and any(
                p["paragraph"] for p in cell["paragraphs"]
            ):
                going_on = list(cell["paragraphs"])
                labels = [p for p in before["paragraphs"] if "list" not in p]
                if (
                    going_on
                    and "list" not in going_on[0]
                    and labels
                    and going_on[0] == labels[-1]
                    and len(going_on) > 1
                ):
                    going_on = going_on[1:]  # the label repeated over the bullets it heads
                if (
                    going_on
                    and before["paragraphs"]
                    and "list" not in going_on[0]
                    and going_on[0].get("style", "").startswith("List")
                    and "list" in before["paragraphs"][-1]
                ):  # the rest of a bullet cut in two
                    last = before["paragraphs"][-1]
                    before["paragraphs"][-1] = {
                        **last,
                        "paragraph": last["paragraph"] + going_on[0]["paragraph"],
                    }
                    going_on = going_on[1:]
                before["paragraphs"].extend(going_on)
    return {**table, "rows": rows}


def list_items(cell: dict) -> list[dict]:
    """A grid cell's bullets: their text and list level."""
    return [
        {"text": p["paragraph"], "level": p["list"]["level"]}
        for p in cell["paragraphs"]
        if "list" in p
    ]


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


def font_file(family: str) -> Path:
    """The font file fontconfig renders ``family`` with (Arial → Liberation Sans)."""
    fc_match = require_tool("fc-match", "fontconfig")
    found = subprocess.run(
        [fc_match, "-f", "%{file}", family], capture_output=True, encoding="utf-8", check=True
    ).stdout
    return Path(found)


def text_width_pt(text: str, size_pt: float, font: Path) -> float:
    """The width of ``text`` at ``size_pt`` in a TrueType font, from its own metrics (cmap
    format 4 and hmtx tables): what a renderer lays out, independent of briefgen's estimate."""
    import struct

    data = font.read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {
        data[12 + 16 * i : 16 + 16 * i].decode("latin-1"): struct.unpack(
            ">II", data[20 + 16 * i : 28 + 16 * i]
        )
        for i in range(count)
    }
    head, hhea, hmtx, cmap = (tables[t][0] for t in ("head", "hhea", "hmtx", "cmap"))
    units = struct.unpack(">H", data[head + 18 : head + 20])[0]
    metrics = struct.unpack(">H", data[hhea + 34 : hhea + 36])[0]
    subtables = struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]
    offset = next(
        cmap + struct.unpack(">I", data[cmap + 8 + 8 * i : cmap + 12 + 8 * i])[0]
        for i in range(subtables)
        if struct.unpack(">HH", data[cmap + 4 + 8 * i : cmap + 8 + 8 * i]) == (3, 1)
    )
    segments = struct.unpack(">H", data[offset + 6 : offset + 8])[0] // 2
    ends_at = offset + 14
    starts_at = ends_at + 2 * segments + 2
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments

    def u16(at):
        return struct.unpack(">H", data[at : at + 2])[0]

    def glyph(char):
        code = ord(char)
        for i in range(segments):
            if code <= u16(ends_at + 2 * i):
                if code < u16(starts_at + 2 * i):
                    return 0
                delta, range_offset = u16(deltas_at + 2 * i), u16(ranges_at + 2 * i)
                if range_offset == 0:
                    return (code + delta) % 65536
                at = ranges_at + 2 * i + range_offset + 2 * (code - u16(starts_at + 2 * i))
                return (u16(at) + delta) % 65536 if u16(at) else 0
        return 0

    def advance(g):
        g = min(g, metrics - 1)
        return u16(hmtx + 4 * g)

    return sum(advance(glyph(c)) for c in text) * size_pt / units


@functools.cache
def template_shows(template: Path) -> frozenset[str]:
    """What ``template`` shows, asked of the template itself (the context values its check
    finds it using), never told by its name: ``grid`` the summary grid (each element's
    comments), ``history`` the grading history (``history.*``), ``prose`` the briefing's prose
    around the grid (the framework's aims), ``paper`` committee-paper details (``paper.*``).
    A new built-in template is tested by what it shows, with no change to the tests."""
    from briefgen.template_check import require_sound

    used = require_sound(template)
    shows = {
        "grid": any(name.endswith(".comments") for name in used),
        "history": any(name.startswith("history.") for name in used),
        "prose": "framework.aims" in used,
        "paper": any(name.startswith("paper.") for name in used),
    }
    return frozenset(what for what, shown in shows.items() if shown)


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


def render_to_file(assessment, template: Path, output: Path, into: Path | None = None) -> Path:
    """``assessment`` rendered with ``template`` (into the cover ``into``), written to
    ``output``."""
    output.write_bytes(render_bytes(assessment, template, into=into))
    return output


def cache_entries(folder: Path, kind: str) -> list[Path]:
    """The entries of one kind in a cache folder."""
    return sorted((folder / kind).glob("*.bin"))


#: PEEL 2023–25's graded elements, in the framework's order.
GRADED_2023 = [
    "police-powers-and-public-treatment",
    "preventing-crime",
    "responding-to-the-public",
    "investigating-crime",
    "protecting-vulnerable-people",
    "managing-offenders",
    "positive-workplace",
    "leadership-and-force-management",
    "serious-and-organised-crime",
]
