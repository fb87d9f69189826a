"""The benchmark's in-process rows: render + save of one document, per element and per
bullet, and the input check beside them, timed inside this process after warming up (the
whole-process rows are ``run.py``'s; the floors under them ``floors.py``'s)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import synthetic
from report import fmt_ratio, fmt_time, verdict

from briefgen.render import render_bytes
from briefgen.validate import check_assessment, load_assessment

SIZES = (10, 100, 1000)


def render_to_file(assessment, template: Path, output: Path) -> Path:
    """``assessment`` rendered with ``template`` and written to ``output``: a render and save."""
    output.write_bytes(render_bytes(assessment, template))
    return output


def clock(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int, warm: int = 3) -> float:
    for _ in range(warm):
        action()
    return statistics.median(clock(action) for _ in range(runs))


class InProcessRows:
    """The in-process rows of ``run.Bench`` (which has the inputs, the peer and ``row``)."""

    def in_process(self) -> None:
        met = load_assessment(synthetic.MET)
        out = self.work / "out"
        self.dt_in = dt_in = (
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
            if name == "summary-grid":
                self.grid_in = ours
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
        self.theirs = theirs = {}
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
