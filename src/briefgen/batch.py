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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefgenError, FileProblem, InputError, Problem, display_path, fails
from .options import BuildOptions
from .workers import process_pool, worker_count

#: Called as each job is done: (jobs done, jobs in all, the job's folder).
Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class Job:
    """One input to check and render with each of ``templates`` (into ``cover``, if given),
    as ``options`` ask (their ``paper`` fields, ``strict``): the build's options as they are,
    so that an option the render reads needs no change here."""

    folder: Path
    #: The options' templates and cover, found (``templates.find_template``) once per build.
    templates: tuple[Path, ...]
    options: BuildOptions = field(default_factory=lambda: BuildOptions(()))
    cover: Path | None = None
    #: Where frameworks are found: the options' folders, then the built-in ones.
    search: tuple[Path, ...] | None = None
    #: For each template (or the cover) that shows committee paper details: its name and the
    #: ``paper`` fields it shows, so that an input without them is warned about.
    paper_shown: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class Result:
    """What a job gave: a document per template, its warnings, or the error that stopped it."""

    folder: Path
    documents: list[bytes] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: BriefgenError | None = None


def run(job: Job) -> Result:
    """Check ``job``'s input and render it with each template. Whatever goes wrong with it
    comes back as its error, naming it, so that one input never stops the others."""
    try:
        return _run(job)
    except BriefgenError as exc:
        return Result(job.folder, error=exc)
    except Exception as exc:  # noqa: BLE001 - one input's failure, whatever it is, is its own
        return Result(job.folder, error=failed(job.folder, exc))


def failed(folder: Path, exc: BaseException) -> BriefgenError:
    """The error of an input that failed in a way briefgen has no words for: named, and what
    happened said as plainly as it can be."""
    what = (
        "it needs more memory than this machine has"
        if isinstance(exc, MemoryError)
        else "it goes deeper than briefgen can follow"
        if isinstance(exc, RecursionError)
        else f"{type(exc).__name__}: {exc}"
    )
    return FileProblem(f"{display_path(folder)}: could not be built: {what}")


def _run(job: Job) -> Result:
    from .authoring import missing_paper
    from .light_imports import docxtpl_lightly

    docxtpl_lightly()
    from .render import render_bytes
    from .validate import check

    assessment, problems, warnings = check(job.folder, job.search)
    if problems or assessment is None:
        return Result(job.folder, warnings=warnings, error=InputError(sorted(problems + warnings)))
    if job.options.paper:
        assessment = dataclasses.replace(
            assessment, paper=dataclasses.replace(assessment.paper, **job.options.paper)
        )
    for template, shown in job.paper_shown:
        missing = missing_paper(assessment, template, shown)
        if missing is not None:
            warnings.append(missing)
    if fails([], warnings, job.options.strict):  # the one --strict verdict
        return Result(job.folder, warnings=warnings, error=InputError(warnings))
    try:
        documents = [
            render_bytes(assessment, template, into=job.cover) for template in job.templates
        ]
    except BriefgenError as exc:  # a template that fails on this input's data
        return Result(job.folder, warnings=warnings, error=exc)
    return Result(job.folder, documents, warnings)


def run_all(
    jobs: Sequence[Job], workers: int | None = None, progress: Progress | None = None
) -> list[Result]:
    """Every job's result, in the order of ``jobs``: across ``workers`` processes (one per
    core by default) when there is more than one job."""
    workers = worker_count(workers, len(jobs))
    results: list[Result | None] = [None] * len(jobs)
    if workers <= 1:
        for index, job in enumerate(jobs):
            results[index] = run(job)
            if progress:
                progress(index + 1, len(jobs), job.folder)
        return [r for r in results if r is not None]
    from concurrent.futures import as_completed  # only for a pool

    _prepare_before_forking()
    pool = process_pool(workers)
    try:
        waiting = {pool.submit(run, job): index for index, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(waiting), start=1):
            index = waiting[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died (out of memory, …)
                results[index] = Result(jobs[index].folder, error=failed(jobs[index].folder, exc))
            if progress:
                progress(done, len(jobs), jobs[index].folder)
    except BaseException:  # Ctrl-C: the inputs not yet begun are not begun
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [r for r in results if r is not None]


def _prepare_before_forking() -> None:
    """Load the rendering libraries here, once, so that workers made by forking start with
    them (where processes are spawned instead, each worker loads them itself)."""
    from .light_imports import docxtpl_lightly

    docxtpl_lightly()
    from . import render, validate  # noqa: F401
