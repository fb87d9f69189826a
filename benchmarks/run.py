"""briefgen's benchmark, against docxtemplater in the same run (issues 16, 25): not a test.

    python benchmarks/run.py            # full run, a few minutes; rewrites benchmarks/README.md
    python benchmarks/run.py --quick    # fewer repetitions, for a smoke run

Synthetic assessments (43 forces with the Met's PEEL 2018/19 shape and shuffled Met text, and
assessments of 10, 100 and 1,000 elements under synthetic frameworks) are written to a
temporary folder; every figure is the median of repeated runs. Where node and the npm packages
are there, benchmarks/node/dt.js renders an equivalent grid with docxtemplater from the same
data, alternating with briefgen's runs, and the ratio to it is the figure that counts. The PDF
row is skipped when LibreOffice is missing, the docxtemplater rows when node or its packages are.

This module runs the whole-process rows and writes the README (``report.py``); the in-process
rows are ``in_process.py``'s, the floors ``floors.py``'s, the web editor's ``serve.py``'s.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import serve  # noqa: E402
import synthetic  # noqa: E402
from floors import FloorRows  # noqa: E402
from in_process import SIZES, InProcessRows  # noqa: E402
from make_dt_template import make_template  # noqa: E402
from peer import Peer, timed  # noqa: E402
from report import Row, fmt_ratio, fmt_time, machine, verdict, write_readme  # noqa: E402

from briefgen.build import build  # noqa: E402
from briefgen.templates import builtin_templates  # noqa: E402

FORCES = 43


class Reps:
    """How many times each thing is measured (median taken)."""

    def __init__(self, quick: bool):
        self.whole = 3 if quick else 7  # one process per run
        self.inproc = 5 if quick else 30  # in-process, after warming up
        self.batch = 2 if quick else 5  # the 43-grid build
        self.separate = 1 if quick else 3  # 43 processes one after another
        self.pdf = 1 if quick else 3  # 43 PDFs in one build
        self.editor = 10 if quick else 40  # the web editor's edits, in one server


def briefgen_command() -> list[str]:
    exe = Path(sys.executable).parent / "briefgen"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefgen"]


class Bench(InProcessRows, FloorRows):
    def __init__(self, work: Path, reps: Reps, pdf: bool):
        self.work, self.reps, self.want_pdf = work, reps, pdf
        self.peer = Peer()
        self.cmd = briefgen_command()
        help_text = subprocess.run(
            self.cmd + ["build", "--help"], capture_output=True, text=True
        ).stdout
        self.opts = ["--quiet"] if "--quiet" in help_text else []
        self.templates = builtin_templates()
        self.rows: list[Row] = []
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
        self.warm = ours = statistics.median(t for t, _ in one)
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
        self.grids43 = ours = statistics.median(t for t, _ in ours_runs)
        self.dt43 = theirs = statistics.median(t for t, _ in theirs_runs) if theirs_runs else None
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
            bench.floors,
            bench.pdfs,
            bench.memory,
            bench.editor,
        ):
            step()
    write_readme(
        args.readme, bench.rows, bench.notes, facts, args.quick, time.perf_counter() - started
    )
    print(f"\nwritten: {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
