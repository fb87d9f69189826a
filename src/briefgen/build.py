"""Build briefings: the pipeline, and the library entry point that the command line calls.

``build()`` checks the template (and a cover report) and every input before anything is
written, plans where each document goes, renders and writes each one atomically, then converts
them to PDF in one LibreOffice run. Any problem is raised as a :class:`~errors.BriefgenError`.

>>> from briefgen.build import build
>>> build(["inputs/metropolitan-2018-19"], template="summary-grid")  # doctest: +SKIP
[PosixPath('outputs/metropolitan-2018-19-summary-grid.docx')]
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from .errors import (
    FileProblem,
    InputError,
    OptionWarning,
    Problem,
    TemplateProblem,
    UsageError,
    display_path,
)
from .outputs import (
    checked_output,
    commit,
    make_folder,
    refuse_read_only,
    staging,
    sweep,
    write_atomically,
)
from .pdf import convert, soffice
from .render import render_bytes
from .template_check import require_sound
from .templates import builtin_templates, find_template
from .validate import check

DEFAULT_TEMPLATE = "briefing"
OUTPUTS = Path("outputs")


class Built(NamedTuple):
    """What a build wrote, and what it warns about (printed; failures only with strict)."""

    written: list[Path]
    warnings: list[Problem | OptionWarning]


def build(inputs: Path | Sequence[Path], template: str = DEFAULT_TEMPLATE,
          output: Path | None = None, pdf: bool = False, paper: dict[str, Any] | None = None,
          into: Path | None = None, frameworks: Sequence[Path] | None = None,
          strict: bool = False) -> Built:
    """Build assessments with one template; return the files written and the warnings.

    Every input is checked before anything is written, and with ``pdf`` one LibreOffice run
    converts them all. ``paper`` overrides the inputs' ``paper:`` values; ``into`` inserts each
    briefing into that cover document at its ``{{p briefing }}`` tag; ``frameworks`` is where
    frameworks are looked for (by default, :func:`briefgen.frameworks.search_path`). With
    ``strict``, a warning (a paper option the template does not show, two bullets run
    together, …) fails the build as a problem does, and nothing is written.
    Raises InputError, TemplateProblem(s), FileProblem, UsageError or PdfError.
    """
    folders = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(i) for i in inputs]
    if output is not None and len(folders) > 1:
        raise UsageError("-o/--output names one file: leave it out to build several inputs "
                         "into outputs/")
    template_path = find_template(template)
    cover = _checked_cover(into) if into is not None else None
    used = set()
    for document in (template_path, cover):
        if document is not None:
            used |= require_sound(document)
    assessments, problems = [], []
    warnings: list[Problem | OptionWarning] = []
    for folder in folders:
        assessment, found, warned = check(folder, frameworks)
        problems.extend(found)
        warnings.extend(warned)
        if assessment is not None:
            assessments.append(assessment)
    if problems:
        raise InputError(sorted(problems + warnings))
    warnings.extend(_unused_options(paper or {}, used, cover or template_path))
    if strict and warnings:
        raise InputError(warnings)
    exe = soffice() if pdf else None  # a missing LibreOffice is told before anything is written
    plan = []
    for folder, assessment in zip(folders, assessments):
        if paper:
            assessment = dataclasses.replace(
                assessment, paper=dataclasses.replace(assessment.paper, **paper))
        target = output
        if target is None:
            stem = (cover or template_path).stem
            target = make_folder(OUTPUTS) / f"{folder.resolve().name}-{stem}.docx"
        target = checked_output(target)
        if pdf:
            refuse_read_only(target.with_suffix(".pdf"))
        if any(target.resolve() == planned.resolve() for _, planned in plan):
            raise UsageError(f"two inputs would both be written to {display_path(target)}: "
                             "give each assessment folder its own name")
        plan.append((assessment, target))
    documents = [(render_bytes(assessment, template_path, into=cover), target)
                 for assessment, target in plan]
    written: list[Path] = []
    for parent in dict.fromkeys(target.parent for _, target in documents):
        here = [(data, target) for data, target in documents if target.parent == parent]
        with _writing(parent):
            sweep(parent)
        written.extend(_write_with_pdf(here, parent, exe) if exe else _write(here))
    return Built(written, warnings)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A failure to write ``path`` (no room, no permission, …) told as a FileProblem."""
    try:
        yield
    except OSError as exc:
        raise FileProblem(f"{display_path(path)}: cannot be written: "
                          f"{exc.strerror or exc}") from None


def _write(documents: list[tuple[bytes, Path]]) -> list[Path]:
    for data, target in documents:
        with _writing(target):
            write_atomically(target, data)
    return [target for _, target in documents]


def _write_with_pdf(documents: list[tuple[bytes, Path]], folder: Path, exe: str) -> list[Path]:
    """Each .docx with its PDF, made in a staging folder beside them (one LibreOffice run for
    them all) and committed together: a .docx is never new beside an old PDF."""
    with _writing(folder), staging(folder) as stage:
        staged = []
        for data, target in documents:
            with _writing(target):
                write_atomically(stage / target.name, data)
            staged.append(stage / target.name)
        pdfs = convert(staged, stage, exe)
        for docx, pdf, (_, target) in zip(staged, pdfs, documents):
            with _writing(target):
                commit([(docx, target), (pdf, target.with_suffix(".pdf"))])
    targets = [target for _, target in documents]
    return targets + [target.with_suffix(".pdf") for target in targets]


def _unused_options(paper: dict[str, Any], used: set[str], template: Path
                    ) -> list[OptionWarning]:
    """A warning for each committee-paper option given that the template does not show."""
    return [OptionWarning(f"--{name.replace('_', '-')}",
                          f"{display_path(template)} does not show paper.{name}, so this "
                          "option changes nothing; leave it out, or use a template that shows "
                          "it, such as committee-appendix")
            for name in paper if f"paper.{name}" not in used]


def copy_template(name: str, dest: Path) -> Path:
    """An editable copy of the built-in template ``name`` at ``dest`` (a new .docx file)."""
    builtin = builtin_templates()
    if name not in builtin:
        raise TemplateProblem(name, f"no such built-in template; built-in templates: "
                                    f"{', '.join(builtin)}")
    dest = checked_output(dest)
    if dest.exists():
        raise FileProblem(f"{display_path(dest)}: already exists; choose another name or "
                          "delete it first")
    shutil.copyfile(builtin[name], dest)
    return dest


def _checked_cover(cover: Path) -> Path:
    if not cover.is_file():
        raise FileProblem(f"{display_path(cover)}: no such cover document")
    if cover.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(cover)}: the cover must be a Word document (.docx)")
    return cover
