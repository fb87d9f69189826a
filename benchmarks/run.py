"""briefgen's benchmark, against docxtemplater in the same run (issues 16, 25): not a test.

    python benchmarks/run.py            # full run, a few minutes; rewrites benchmarks/README.md
    python benchmarks/run.py --quick    # fewer repetitions, for a smoke run

Synthetic assessments (43 forces with the Met's PEEL 2018/19 shape and shuffled Met text, and
assessments of 10, 100 and 1,000 elements under synthetic frameworks) are written to a
temporary folder; every figure is the median of repeated runs. Where node and the npm packages
are there, benchmarks/node/dt.js renders an equivalent grid with docxtemplater from the same
data, alternating with briefgen's runs, and the ratio to it is the figure that counts. The PDF
row is skipped when LibreOffice is missing, the docxtemplater rows when node or its packages are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import serve  # noqa: E402
import synthetic  # noqa: E402
from make_dt_template import make_template  # noqa: E402
from peer import Peer, timed  # noqa: E402

from briefgen.build import build  # noqa: E402
from briefgen.render import render_bytes  # noqa: E402
from briefgen.templates import builtin_templates  # noqa: E402
from briefgen.validate import check_assessment, load_assessment  # noqa: E402


def render_to_file(assessment, template: Path, output: Path) -> Path:
    """``assessment`` rendered with ``template`` and written to ``output``: a render and save."""
    output.write_bytes(render_bytes(assessment, template))
    return output


FORCES = 43
SIZES = (10, 100, 1000)


class Reps:
    """How many times each thing is measured (median taken)."""

    def __init__(self, quick: bool):
        self.whole = 3 if quick else 7  # one process per run
        self.inproc = 5 if quick else 30  # in-process, after warming up
        self.batch = 2 if quick else 5  # the 43-grid build
        self.separate = 1 if quick else 3  # 43 processes one after another
        self.pdf = 1 if quick else 3  # 43 PDFs in one build
        self.editor = 10 if quick else 40  # the web editor's edits, in one server


def clock(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int, warm: int = 3) -> float:
    for _ in range(warm):
        action()
    return statistics.median(clock(action) for _ in range(runs))


def briefgen_command() -> list[str]:
    exe = Path(sys.executable).parent / "briefgen"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefgen"]


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


class Bench:
    def __init__(self, work: Path, reps: Reps, pdf: bool):
        self.work, self.reps, self.want_pdf = work, reps, pdf
        self.peer = Peer()
        self.cmd = briefgen_command()
        help_text = subprocess.run(
            self.cmd + ["build", "--help"], capture_output=True, text=True
        ).stdout
        self.opts = ["--quiet"] if "--quiet" in help_text else []
        self.templates = builtin_templates()
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.notes: list[str] = [
            f"`briefgen build --help` offers `--quiet`: {'yes, used' if self.opts else 'no'}.",
            "`build()` takes several templates at once: "
            f"{'yes' if 'templates' in inspect.signature(build).parameters else 'no'} "
            f"(its parameters: {', '.join(inspect.signature(build).parameters)}).",
        ]

    # -- inputs ------------------------------------------------------------------------
    def prepare(self) -> None:
        w = self.work
        self.forces = synthetic.write_forces(w / "forces", FORCES)
        self.fw_dir = w / "frameworks"
        self.wide = {
            n: synthetic.write_wide(w / f"wide-{n}", synthetic.write_framework(self.fw_dir, n))
            for n in SIZES
        }
        self.grid = make_template(w / "grid.docx")
        self.data_met = self._json("met.json", synthetic.grid_data(synthetic.MET))
        self.data_43 = self._json("forces.json", [synthetic.grid_data(f) for f in self.forces])
        self.data_wide = {
            n: self._json(f"wide-{n}.json", synthetic.grid_data(self.wide[n], [self.fw_dir]))
            for n in SIZES
        }
        for folder in ("out", "batch", "separate", "pdf", "dt"):
            (w / folder).mkdir()

    def _json(self, name: str, data: object) -> Path:
        (self.work / name).write_text(json.dumps(data), "utf-8")
        return self.work / name

    def row(
        self,
        label: str,
        ours: str,
        theirs: str = "—",
        ratio: str = "—",
        goal: str = "—",
        result: str = "—",
    ) -> None:
        self.rows.append((label, ours, theirs, ratio, goal, result))
        print(f"{label:<58} {ours:>10} {theirs:>10} {ratio:>7}  {goal:<26} {result}", flush=True)

    # -- whole processes ---------------------------------------------------------------
    def alternate(
        self, ours: list[str], theirs: list[str] | None, runs: int, cwd: Path, cold: bool = False
    ) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """Run ``ours`` and ``theirs`` in turn, ``runs`` times each after one warm-up each;
        with ``cold``, each of ours with an empty cache of its own (nothing kept from before)."""
        a, b = [], []
        for i in range(runs + 1):
            env = (
                {"BRIEFGEN_CACHE_DIR": tempfile.mkdtemp(dir=self.work, prefix="cold-")}
                if cold
                else None
            )
            first = timed(ours, cwd, env)
            second = timed(theirs, cwd) if theirs else None
            if i:
                a.append(first)
                if second:
                    b.append(second)
        return a, b

    def whole_process(self) -> None:
        out, dt_out = self.work / "out", self.work / "dt"
        dt1 = (
            self.peer.command(1, self.data_met, dt_out, self.grid)
            if not self.peer.missing
            else None
        )
        build_met = self.cmd + [
            "build",
            str(synthetic.MET),
            "-t",
            "summary-grid",
            "-o",
            str(out / "met.docx"),
            *self.opts,
        ]
        one, peer_one = self.alternate(build_met, dt1, self.reps.whole, out)
        cold, peer_cold = self.alternate(build_met, dt1, self.reps.whole, out, cold=True)
        helped, _ = self.alternate(self.cmd + ["--help"], None, self.reps.whole, out)
        ours = statistics.median(t for t, _ in one)
        self.dt1 = statistics.median(t for t, _ in peer_one + peer_cold) if peer_one else None
        self.met_rss = max(r for _, r in one + cold)
        ratio = ours / self.dt1 if self.dt1 else None
        self.row(
            "One document, whole process, warm cache (Met grid)",
            fmt_time(ours),
            fmt_time(self.dt1),
            fmt_ratio(ours, self.dt1),
            "≤ 1.0× (stretch 0.7×)",
            verdict(
                None if ratio is None else ratio <= 1.0, None if ratio is None else ratio <= 0.7
            ),
        )
        first = statistics.median(t for t, _ in cold)
        self.row(
            "One document, whole process, cold: first build (Met grid)",
            fmt_time(first),
            fmt_time(self.dt1),
            fmt_ratio(first, self.dt1),
            "≤ 1.5×",
            verdict(None if self.dt1 is None else first / self.dt1 <= 1.5),
        )
        help_time = statistics.median(t for t, _ in helped)
        self.row(
            "`briefgen --help`, whole process",
            fmt_time(help_time),
            fmt_time(self.dt1),
            fmt_ratio(help_time, self.dt1),
            "≤ 0.35× one document",
            verdict(None if self.dt1 is None else help_time / self.dt1 <= 0.35),
        )

    def batch(self) -> None:
        dt43 = (
            self.peer.command(FORCES, self.data_43, self.work / "dt", self.grid)
            if not self.peer.missing
            else None
        )
        ours_runs, theirs_runs = self.alternate(
            self.cmd + ["build", *map(str, self.forces), "-t", "summary-grid", *self.opts],
            dt43,
            self.reps.batch,
            self.work / "batch",
        )
        ours = statistics.median(t for t, _ in ours_runs)
        theirs = statistics.median(t for t, _ in theirs_runs) if theirs_runs else None
        self.batch_rss = max(r for _, r in ours_runs)
        self.dt43_rss = max(r for _, r in theirs_runs) if theirs_runs else None
        self.row(
            f"{FORCES} grids in one build, whole process",
            fmt_time(ours),
            fmt_time(theirs),
            fmt_ratio(ours, theirs),
            f"≤ 0.8× {FORCES} in one node",
            verdict(None if theirs is None else ours / theirs <= 0.8),
        )
        separate = []
        for _ in range(self.reps.separate):
            separate.append(
                sum(
                    timed(
                        self.cmd + ["build", str(f), "-t", "summary-grid", *self.opts],
                        self.work / "separate",
                    )[0]
                    for f in self.forces
                )
            )
        total = statistics.median(separate)
        self.row(
            f"{FORCES} grids in {FORCES} separate builds (sum)",
            fmt_time(total),
            fmt_time(theirs),
            fmt_ratio(total, theirs),
            "(for comparison)",
            f"one build takes {ours / total:.0%} of it",
        )

    # -- in process --------------------------------------------------------------------
    def in_process(self) -> None:
        met = load_assessment(synthetic.MET)
        out = self.work / "out"
        dt_in = (
            self.peer.in_process(
                max(self.reps.inproc, 20), self.data_met, self.work / "dt", self.grid
            )
            if not self.peer.missing
            else None
        )
        for name in ("summary-grid", "briefing"):
            ours = median_of(
                lambda n=name: render_to_file(met, self.templates[n], out / f"{n}.docx"),
                self.reps.inproc,
            )
            self.row(
                f"In-process render + save, {name} (Met)",
                fmt_time(ours),
                fmt_time(dt_in) + ("" if name == "summary-grid" else " (grid)"),
                fmt_ratio(ours, dt_in),
                "≤ 1.0×",
                verdict(None if dt_in is None else ours / dt_in <= 1.0),
            )

    def per_element(self) -> None:
        """Render + save and the input check of 10, 100 and 1,000 elements; kept for the
        per-bullet rows, which take the slope between 100 and 1,000 elements."""
        self.render, self.check, self.bullets = {}, {}, {}
        theirs = {}
        for n in SIZES:
            runs = {10: self.reps.inproc, 100: max(3, self.reps.inproc // 3)}.get(
                n, max(1, self.reps.inproc // 10)
            )
            warm = 1 if n >= 1000 else 3
            self.bullets[n] = synthetic.count_bullets(self.wide[n])
            self.check[n] = median_of(
                lambda n=n: check_assessment(self.wide[n], [self.fw_dir]), runs, warm
            )
            assessment = load_assessment(self.wide[n], [self.fw_dir])
            self.render[n] = median_of(
                lambda a=assessment: render_to_file(
                    a, self.templates["summary-grid"], self.work / "out" / "wide.docx"
                ),
                runs,
                warm,
            )
            theirs[n] = (
                self.peer.in_process(max(runs, 3), self.data_wide[n], self.work / "dt", self.grid)
                if not self.peer.missing
                else None
            )
            per, first = self.render[n] / n, self.render[SIZES[0]] / SIZES[0]
            self.row(
                f"Render + save per element, {n:,} elements (grid)",
                fmt_time(per),
                fmt_time(theirs[n] and theirs[n] / n),
                fmt_ratio(self.render[n], theirs[n]),
                "flat (±50%) from 10 to 1,000",
                "reference"
                if n == SIZES[0]
                else verdict(0.5 <= per / first <= 1.5)
                + f" ({per / first:.2f}× the 10's"
                + (
                    f"; docxtemplater {theirs[n] / n / (theirs[SIZES[0]] / SIZES[0]):.2f}×)"
                    if theirs[n]
                    else ")"
                ),
            )
        lo, hi = SIZES[1], SIZES[2]
        slope = (self.render[hi] - self.render[lo]) / (hi - lo)
        fixed = self.render[lo] - slope * lo
        fixed_said = (
            f"fixed cost ≈ {fmt_time(fixed)} a document"
            if fixed >= 0
            else f"no fixed cost to see: an element costs more among {hi:,} than among {lo:,}"
        )
        peer_slope = ((theirs[hi] - theirs[lo]) / (hi - lo)) if theirs[hi] else None
        self.row(
            f"Render + save per extra element, {lo:,} → {hi:,} (slope)",
            fmt_time(slope),
            fmt_time(peer_slope),
            fmt_ratio(slope, peer_slope),
            "≤ 1.0×",
            verdict(None if peer_slope is None else slope / peer_slope <= 1.0) + f" ({fixed_said})",
        )
        self.row(
            "Input check per element, " + " / ".join(f"{n:,}" for n in SIZES),
            " / ".join(fmt_time(self.check[n] / n) for n in SIZES),
        )

    def per_bullet(self) -> None:
        lo, hi = SIZES[1], SIZES[2]
        extra = self.bullets[hi] - self.bullets[lo]
        check = (self.check[hi] - self.check[lo]) / extra
        render = (self.render[hi] - self.render[lo]) / extra
        self.row(
            f"Input check per bullet ({lo:,} → {hi:,} elements, slope)",
            fmt_time(check),
            "—",
            f"{check / render:.2f}× render",
            "≤ 2× the render's",
            verdict(check <= 2 * render),
        )
        self.row(f"Render + save per bullet ({lo:,} → {hi:,} elements, slope)", fmt_time(render))
        force = self.forces[0]
        bullets = synthetic.count_bullets(force)
        whole_check = median_of(lambda: check_assessment(force), self.reps.inproc)
        assessment = load_assessment(force)
        whole_render = median_of(
            lambda: render_to_file(
                assessment, self.templates["summary-grid"], self.work / "out" / "force.docx"
            ),
            self.reps.inproc,
        )
        self.row(
            f"Input check / render + save of one force, per bullet ({bullets})",
            f"{fmt_time(whole_check / bullets)} / {fmt_time(whole_render / bullets)}",
            "—",
            f"{whole_check / whole_render:.2f}×",
            "(whole documents)",
        )

    def pdfs(self) -> None:
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            self.notes.append("The PDF row was skipped: LibreOffice (soffice) is not installed.")
            self.row(
                f"{FORCES} PDFs in one build --pdf, wall per document",
                "skipped",
                goal="≤ 0.15 s per document",
                result="not measured",
            )
            return
        if not self.want_pdf:
            self.notes.append("The PDF row was skipped (--no-pdf).")
            return
        walls = [
            timed(
                self.cmd
                + ["build", *map(str, self.forces), "-t", "summary-grid", "--pdf", *self.opts],
                self.work / "pdf",
            )[0]
            for _ in range(self.reps.pdf)
        ]
        per = statistics.median(walls) / FORCES
        self.row(
            f"{FORCES} PDFs in one build --pdf, wall per document",
            fmt_time(per),
            goal="≤ 0.15 s per document",
            result=verdict(per <= 0.15),
        )

    def memory(self) -> None:
        mb = self.batch_rss / 1024
        theirs = self.dt43_rss / 1024 if self.dt43_rss else None
        self.row(
            f"Peak RSS, {FORCES}-grid build",
            f"{mb:.0f} MB",
            "—" if theirs is None else f"{theirs:.0f} MB",
            "—" if theirs is None else f"{mb / theirs:.2f}×",
            "≤ 100 MB",
            verdict(mb <= 100),
        )
        self.row("Peak RSS, one document (Met grid)", f"{self.met_rss / 1024:.0f} MB")

    def editor(self) -> None:
        """The web editor's rows (``serve.py``'s measures, in the server's process): a field
        edit to its validation shown, the same edit to the preview updated (one answer carries
        both), and the first page a freshly started server answers."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import starlette.testclient  # noqa: F401 - needs httpx, from the test extras
        except ImportError as exc:
            self.notes.append(f"The web editor's rows were skipped: {exc}.")
            return
        folder = serve.copy_inputs(self.work / "serve")
        edit = serve.medians(serve.edits(folder, self.reps.editor))
        first = serve.medians(serve.first_loads(folder, self.reps.whole))
        for label, (wall, cpu), goal in (
            ("Web editor: a field edit to its validation shown", edit, serve.GOALS["edit"]),
            ("Web editor: the same edit to the preview updated", edit, serve.GOALS["preview"]),
            ("Web editor: first page load (fresh server)", first, serve.GOALS["first"]),
        ):
            self.row(
                label,
                f"{fmt_time(cpu / 1000)} CPU ({fmt_time(wall / 1000)} wall)",
                goal=f"≤ {goal:.0f} ms server CPU",
                result=verdict(cpu <= goal),
            )


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
    path: Path, bench: Bench, facts: list[tuple[str, str]], quick: bool, took: float
) -> None:
    table = [
        "| measure | briefgen | docxtemplater | ratio | goal | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    table += ["| " + " | ".join(row) + " |" for row in bench.rows]
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
        *[f"- {note}" for note in bench.notes],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the 43 PDFs row")
    parser.add_argument(
        "--readme",
        type=Path,
        default=HERE / "README.md",
        help="where to write the results (default: benchmarks/README.md)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as work:
        os.environ["BRIEFGEN_CACHE_DIR"] = str(Path(work) / "cache")  # the run's own cache
        # As an installed briefgen runs: its bytecode kept, not compiled again in every process.
        no_bytecode = bool(os.environ.pop("PYTHONDONTWRITEBYTECODE", ""))
        bench = Bench(Path(work), Reps(args.quick), pdf=not args.no_pdf)
        bench.notes.append(
            "Python keeps briefgen's compiled bytecode, as an installed briefgen "
            "has it (PYTHONDONTWRITEBYTECODE "
            + ("was set here and is cleared for the run)." if no_bytecode else "is not set).")
        )
        facts = machine(bench.peer)
        if bench.peer.missing:
            bench.notes.append(f"The docxtemplater rows were skipped: {bench.peer.missing}.")
        for key, value in facts:
            print(f"{key}: {value}")
        bench.prepare()
        print(
            f"\n{'measure':<58} {'briefgen':>10} {'docxtpl':>10} {'ratio':>7}  {'goal':<26} result"
        )
        for step in (
            bench.whole_process,
            bench.batch,
            bench.in_process,
            bench.per_element,
            bench.per_bullet,
            bench.pdfs,
            bench.memory,
            bench.editor,
        ):
            step()
    write_readme(args.readme, bench, facts, args.quick, time.perf_counter() - started)
    print(f"\nwritten: {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
