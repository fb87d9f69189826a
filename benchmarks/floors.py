"""The floors under issue 25's goals: what the stack briefgen is built on costs before
briefgen does anything of its own, each against docxtemplater in the same run.

- Importing docxtpl (with python-docx, jinja2 and lxml) and PyYAML, which every build needs,
  as a whole process, against docxtemplater's whole one-document job: what is left of the
  warm goal for briefgen's own start-up, checks, render and write.
- 43 grids in one build, and the render + save of the Met grid and of an extra element,
  without the layout issue 20 added (columns fitted to their words, rows split at the foot of
  a page so no word is lost), which docxtemplater does not do: docxtpl's render and
  python-docx's save alone.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import synthetic
from in_process import SIZES, median_of
from report import fmt_ratio, fmt_time

from briefgen.context import build_context
from briefgen.render import render_document
from briefgen.validate import load_assessment

#: What a build cannot do without: the design's template engine and YAML reader.
IMPORTS = "import docxtpl, yaml"
#: ``briefgen`` as a user runs it, but with the layout of issue 20 left out (forked workers
#: inherit it): what a build costs without it.
NO_LAYOUT = (
    "import sys, briefgen.render as r\n"
    "assert callable(r.keep_rows_whole)\n"
    "r.keep_rows_whole = lambda document: None\n"
    "from briefgen.cli import main\n"
    "sys.exit(main(sys.argv[1:]))"
)


def without_layout(assessment, template: Path, output: Path) -> Path:
    """``assessment`` rendered with ``template`` and saved, its tables left as the template
    lays them out (no columns fitted, no rows split)."""
    output.write_bytes(render_document(template, build_context(assessment), lay_out=False))
    return output


def _share(ours: float | None, theirs: float | None, whole: float | None) -> str:
    """What the floor leaves of a ≤ 1.0× goal, beside briefgen's whole figure (a ratio)."""
    if ours is None or theirs is None:
        return "—"
    left = f"leaves {1 - ours / theirs:.2f}× of 1.0×" if ours < theirs else "over 1.0× alone"
    return left + ("" if whole is None else f"; briefgen's whole: {whole:.2f}×")


class FloorRows:
    """The floor rows of ``run.Bench``, after its whole-process and in-process rows."""

    def floors(self) -> None:
        dt1 = (
            self.peer.command(1, self.data_met, self.work / "dt", self.grid)
            if not self.peer.missing
            else None
        )
        ours, theirs = self.alternate(
            [sys.executable, "-c", IMPORTS], dt1, self.reps.whole, self.work / "out"
        )
        imports = statistics.median(t for t, _ in ours)
        peer = statistics.median(t for t, _ in theirs) if theirs else None
        self.row(
            f"Floor: `{IMPORTS}` alone, whole process",
            fmt_time(imports),
            fmt_time(peer) + " (one document)",
            fmt_ratio(imports, peer),
            "under the warm one-document goal",
            _share(imports, peer, self.warm / self.dt1 if self.dt1 else None),
        )
        ours, theirs = self.alternate(
            [sys.executable, "-c", NO_LAYOUT, "build", *map(str, self.forces)]
            + ["-t", "summary-grid", *self.opts],
            self.peer.command(len(self.forces), self.data_43, self.work / "dt", self.grid)
            if not self.peer.missing
            else None,
            self.reps.batch,
            self.work / "batch",
        )
        bare43 = statistics.median(t for t, _ in ours)
        peer = statistics.median(t for t, _ in theirs) if theirs else None
        self.row(
            f"Floor: {len(self.forces)} grids in one build without the layout, whole process",
            fmt_time(bare43),
            fmt_time(peer),
            fmt_ratio(bare43, peer),
            "under the 43-grid goal (≤ 0.8×)",
            "—" if peer is None else f"briefgen's whole: {self.grids43 / self.dt43:.2f}×",
        )
        template = self.templates["summary-grid"]
        out = self.work / "out" / "floor.docx"
        met = load_assessment(synthetic.MET)
        bare = median_of(lambda: without_layout(met, template, out), self.reps.inproc)
        self.row(
            "Floor: in-process render + save without the layout (Met grid)",
            fmt_time(bare),
            fmt_time(self.dt_in),
            fmt_ratio(bare, self.dt_in),
            "under the in-process goal",
            _share(bare, self.dt_in, self.dt_in and self.grid_in / self.dt_in),
        )
        lo, hi = SIZES[1], SIZES[2]
        bare_n = {}
        for n in (lo, hi):
            wide = load_assessment(self.wide[n], [self.fw_dir])
            runs = max(3, self.reps.inproc // 3) if n == lo else max(1, self.reps.inproc // 10)
            bare_n[n] = median_of(lambda a=wide: without_layout(a, template, out), runs, 1)
        slope = (bare_n[hi] - bare_n[lo]) / (hi - lo)
        peer_slope = (
            (self.theirs[hi] - self.theirs[lo]) / (hi - lo) if self.theirs.get(hi) else None
        )
        whole = (self.render[hi] - self.render[lo]) / (hi - lo)
        whole_ratio = whole / peer_slope if peer_slope else None
        self.row(
            f"Floor: render + save per extra element without the layout, {lo:,} → {hi:,}",
            fmt_time(slope),
            fmt_time(peer_slope),
            fmt_ratio(slope, peer_slope),
            "under the per-element goal",
            _share(slope, peer_slope, whole_ratio),
        )
