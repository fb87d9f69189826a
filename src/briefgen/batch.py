"""Many documents at once: each input checked and rendered with every template, across cores.

A job is one assessment folder and the templates to render it with. Each runs where it is
cheapest: in this process for a single job, otherwise in a pool of worker processes, one per
core. A worker keeps what it prepares for later jobs (frameworks loaded, template parts patched
and compiled), so a template is prepared once per process however many forces are built. A job
that fails fails alone; its error comes back with it, and the others go on. The documents come
back as bytes, in the order of the jobs: the caller writes them, so a batch's output is the
same, byte for byte, as building each input on its own.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BriefgenError, InputError, Problem

#: Called as each job is done: (jobs done, jobs in all, the job's folder).
Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class Job:
    """One input to check and render with each of ``templates`` (into ``cover``, if given)."""

    folder: Path
    templates: tuple[Path, ...]
    cover: Path | None = None
    paper: dict[str, Any] = field(default_factory=dict)
    search: tuple[Path, ...] | None = None
    strict: bool = False


@dataclass
class Result:
    """What a job gave: a document per template, its warnings, or the error that stopped it."""

    folder: Path
    documents: list[bytes] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: BriefgenError | None = None


def run(job: Job) -> Result:
    """Check ``job``'s input and render it with each template."""
    from .render import render_bytes
    from .validate import check

    checked = check(job.folder, job.search)
    assessment, problems, warnings = checked
    if checked.fails(job.strict):  # every problem, and every warning that fails it too
        return Result(job.folder, warnings=warnings,
                      error=InputError(sorted(problems + warnings)))
    assert assessment is not None  # no problem: the model is there
    if job.paper:
        assessment = dataclasses.replace(
            assessment, paper=dataclasses.replace(assessment.paper, **job.paper))
    try:
        documents = [render_bytes(assessment, template, into=job.cover)
                     for template in job.templates]
    except BriefgenError as exc:  # a template that fails on this input's data
        return Result(job.folder, warnings=warnings, error=exc)
    return Result(job.folder, documents, warnings)


def run_all(jobs: Sequence[Job], workers: int | None = None,
            progress: Progress | None = None) -> list[Result]:
    """Every job's result, in the order of ``jobs``: across ``workers`` processes (one per
    core by default) when there is more than one job."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    results: list[Result | None] = [None] * len(jobs)
    if workers <= 1:
        for index, job in enumerate(jobs):
            results[index] = run(job)
            if progress:
                progress(index + 1, len(jobs), job.folder)
        return [r for r in results if r is not None]
    _prepare_before_forking()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        waiting = {pool.submit(run, job): index for index, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(waiting), start=1):
            index = waiting[future]
            results[index] = future.result()
            if progress:
                progress(done, len(jobs), jobs[index].folder)
    return [r for r in results if r is not None]


def _prepare_before_forking() -> None:
    """Load the rendering libraries here, once, so that workers made by forking start with
    them (where processes are spawned instead, each worker loads them itself)."""
    from . import render, validate  # noqa: F401
