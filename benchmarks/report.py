"""The benchmark's report: figures as the table shows them, the machine it ran on, and
benchmarks/README.md written from the rows (``run.py`` measures, this writes)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
from pathlib import Path

from peer import Peer

HERE = Path(__file__).resolve().parent

Row = tuple[str, str, str, str, str, str]


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.2f}×"


def verdict(ok: bool | None, stretch: bool | None = None) -> str:
    if ok is None:
        return "not measured"
    if ok and stretch:
        return "**met** (stretch too)"
    return "**met**" if ok else "**missed**"


def machine(peer: Peer) -> list[tuple[str, str]]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    office_version = (
        subprocess.run([office, "--version"], capture_output=True, text=True).stdout.strip()
        if office
        else "not installed"
    )
    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        or "unknown"
    )
    return [
        ("date", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("cores", str(os.cpu_count())),
        (
            "load average at the start (1, 5, 15 min)",
            ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        ),
        ("system", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("Python", platform.python_version()),
        ("LibreOffice", office_version),
        ("docxtemplater peer", peer.versions()),
        ("briefgen commit", commit),
    ]


ROWS_EXPLAINED = """\
- **One document, whole process**: `briefgen build inputs/metropolitan-2018-19 -t summary-grid
  -o X` as a user runs it (start-up, checks, render, write), against `node dt.js 1 met.json`
  rendering the same grid data with docxtemplater in one node process. *Warm cache*: built
  before with the same template, as a user rebuilds (the benchmark's own cache folder,
  `BRIEFGEN_CACHE_DIR`); *cold*: each run with an empty cache, as the very first build.
- **`briefgen --help`**: start-up alone, against the same docxtemplater document.
- **43 grids in one build**: `briefgen build force-01 … force-43 -t summary-grid`, against
  `node dt.js 43 forces.json` (one node process, 43 documents). The separate-builds row is 43
  `briefgen build` processes one after another.
- **In-process render + save**: `render_to_file()` of the Met's assessment, already loaded,
  after warming up, against docxtemplater's render + PizZip generate (DEFLATE) + write inside
  node (the peer renders the grid only).
- **Per element**: render + save (and, separately, the input check) of assessments of 10, 100
  and 1,000 elements under synthetic frameworks without pillars, divided by the elements; each
  element has the bullets of the Met's element in turn. docxtemplater renders the same grids.
  A document's fixed cost is in these figures, so the 10-element one is the highest; the
  slope row (the time 900 more elements add) is the cost of an element alone.
- **Input check per bullet**: the time `check_assessment()` takes for the bullets 900 more
  elements bring (the slope between 100 and 1,000 elements), against the same slope of the
  grid's render + save; the fixed costs of a check and a render are left out. The row after
  divides one synthetic force's whole check and whole render by its bullets.
- **Floors** (`floors.py`): what the libraries a build cannot do without cost before briefgen
  does anything of its own, against the same docxtemplater figures. *Imports*: a Python process
  that only imports docxtpl (with python-docx, jinja2, lxml) and PyYAML, against the whole
  one-document job in node. *Without the layout*: leaving out what issue 20 added (columns
  fitted to their words, rows split at the foot of a page so that no word is lost), which
  docxtemplater does not do: render + save with docxtpl and python-docx alone, and a 43-grid
  build with the layout switched off in its process. A floor above its goal is a goal that
  cannot be met on these libraries however little briefgen adds.
- **43 PDFs**: `briefgen build force-01 … force-43 -t summary-grid --pdf` (one LibreOffice
  run), its wall time divided by 43.
- **Peak RSS**: the build process's maximum resident set size (`os.wait4`), docxtemplater's
  node process beside it.
- **Web editor** (`serve.py`): `briefgen serve`'s app on a copy of the Met's inputs, in this
  process (Starlette's test client: no network, no browser), from the request arriving to the
  answer's last byte. *A field edit*: the htmx request the element editor sends as the officer
  types (the library's checks on the form's text, each problem placed at its field); its one
  answer carries the validation and the updated preview grid, so its time counts against both
  goals. *First page load*: the element editor, the first request a fresh server process
  answers. Read against the goals as the server's CPU time (the wall time beside it), since
  the machine's other work slows the wall clock.
"""


def write_readme(
    path: Path,
    rows: list[Row],
    notes: list[str],
    facts: list[tuple[str, str]],
    quick: bool,
    took: float,
) -> None:
    table = [
        "| measure | briefgen | docxtemplater | ratio | goal | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    lines = [
        "# Benchmarks",
        "",
        "`python benchmarks/run.py` times briefgen against docxtemplater in the same run and",
        "rewrites this file (`--quick` for fewer repetitions; `--no-pdf` to leave out the PDF",
        "row). It needs briefgen installed (`pip install -e .`); for the docxtemplater rows,",
        "node and npm (it runs `npm ci` in `benchmarks/node/` when the packages are missing);",
        "for the PDF row, LibreOffice. Rows it cannot measure are skipped with a note. It is not",
        "a test: no test asserts a time. Builds keep what they cache in a folder of the run's",
        "own (`BRIEFGEN_CACHE_DIR`), never the user's.",
        "The web editor's rows time `briefgen serve` in its own process (`serve.py`).",
        "",
        "Timings on a shared machine are noisy: **the ratio to docxtemplater, measured in the",
        "same run (runs alternate), is the figure that counts**, not an absolute time. Each",
        "figure is a median of repeated runs; the inputs are synthetic assessments with the",
        "Met's PEEL 2018/19 shape and its own sentences, shuffled with a fixed seed",
        "(`synthetic.py`). The docxtemplater template (`make_dt_template.py`) is the grid",
        "without shading or the change column: a header row, a band per pillar, one row per",
        "element with paragraph loops for the bullets.",
        "",
        f"## Results{' (quick run: few repetitions)' if quick else ''}",
        "",
        *table,
        "",
        *[f"- {note}" for note in notes],
        f"- The run took {took:.0f} s; load average at the end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + ".",
        "",
        "## The machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts],
        "",
        "## What each row measures",
        "",
        ROWS_EXPLAINED,
        "The goals are issue 25's (issue 16's where it set none), measured on 2 cores, never",
        "asserted in tests.",
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")
