"""Build briefings: the pipeline, and the library entry point that the command line calls.

``build()`` checks each template (and a cover report) once, plans where every document goes,
has the batch engine (``batch.py``) check and render each input across the machine's cores,
writes each document atomically, then converts them to PDF, a LibreOffice process per core,
each PDF committed together with its .docx. Any problem is a :class:`~errors.BriefgenError`.

>>> from briefgen.build import build
>>> build(["inputs/metropolitan-2018-19"], template="summary-grid")  # doctest: +SKIP
Built(written=[PosixPath('outputs/metropolitan-2018-19-summary-grid.docx')], warnings=[])
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from .batch import Job, Progress, run_all
from .errors import (
    FileProblem,
    InputError,
    OptionWarning,
    PartlyBuilt,
    Problem,
    TemplateProblem,
    UsageError,
    display_path,
)
from .input_paths import assessment_folders
from .outputs import (
    checked_output,
    commit,
    input_files,
    make_folder,
    refuse_read_only,
    refuse_sources,
    staging,
    sweep,
    write_atomically,
)
from .template_cache import require_sound
from .templates import (
    DEFAULT_TEMPLATE,
    builtin_covers,
    builtin_templates,
    find_cover,
    find_template,
)

OUTPUTS = Path("outputs")


class Built(NamedTuple):
    """What a build wrote, and what it warns about (printed; failures only with strict)."""

    written: list[Path]
    warnings: list[Problem | OptionWarning]


def build(inputs: Path | Sequence[Path], template: str | Sequence[str] = DEFAULT_TEMPLATE,
          output: Path | None = None, pdf: bool = False, paper: dict[str, Any] | None = None,
          into: Path | None = None, frameworks: Sequence[Path] | None = None,
          strict: bool = False, workers: int | None = None,
          progress: Progress | None = None, soffice_path: str | None = None) -> Built:
    """Build every input with every template; return the files written and the warnings.

    The templates (and the cover) are checked first, once each; then each input is checked and
    rendered, across ``workers`` processes (one per core by default), and only then is
    anything written; with ``pdf``, LibreOffice converts them all, one process per core.
    ``paper`` overrides the inputs' ``paper:`` values; ``into`` inserts each briefing into that
    cover document (or built-in cover report, by name) at its ``{{p briefing }}`` tag;
    ``frameworks`` is where frameworks are looked for (by default,
    :func:`briefgen.frameworks.search_path`). With ``strict``, a warning fails an input as a
    problem does. ``progress`` is told as each input is done.

    An input may be a folder of assessment folders, or a pattern the shell did not expand
    (``inputs/*``): see :func:`~input_paths.assessment_folders`.

    One input that fails raises its error and nothing is written. Of several, those that fail
    do not stop the others: they are written, and :class:`~errors.PartlyBuilt` then says which
    failed. Raises InputError, TemplateProblem(s), FileProblem, UsageError or PdfError.
    """
    folders = assessment_folders([inputs] if isinstance(inputs, (str, Path)) else inputs)
    names = [template] if isinstance(template, (str, Path)) else list(template)
    if output is not None and len(folders) * len(names) > 1:
        raise UsageError("-o/--output names one file: leave it out to build several inputs "
                         "or templates into outputs/")
    templates = list(dict.fromkeys(find_template(str(name)) for name in names))
    cover = _checked_cover(into) if into is not None else None
    shows = {document: require_sound(document) for document in (*templates, cover)
             if document is not None}
    used: set[str] = set().union(*shows.values())
    builtin = {path: f"the {name} template" for name, path in builtin_templates().items()}
    paper_shown = tuple((builtin.get(document, display_path(document)), tuple(sorted(
        name.removeprefix("paper.") for name in names if name.startswith("paper."))))
        for document, names in shows.items()
        if any(name.startswith("paper.") for name in names))
    warnings: list[Problem | OptionWarning] = list(
        _unused_options(paper or {}, used, cover or templates[0]))
    if strict and warnings:
        raise InputError(warnings)
    exe = _soffice(soffice_path) if pdf else None  # told before anything is written
    plan = _plan(folders, templates, cover, output, pdf)
    search = None if frameworks is None else tuple(frameworks)
    jobs = [Job(folder, tuple(templates), cover, dict(paper or {}), search, strict,
                paper_shown) for folder in folders]
    results = run_all(jobs, workers, progress)
    failures = [result.error for result in results if result.error is not None]
    for result in results:
        warnings.extend(result.warnings)
    if failures and len(results) == 1:
        raise failures[0]
    documents = [(data, target) for result in results if result.error is None
                 for data, target in zip(result.documents, plan[result.folder])]
    written: list[Path] = []
    for parent in dict.fromkeys(target.parent for _, target in documents):
        here = [(data, target) for data, target in documents if target.parent == parent]
        with _writing(parent):
            sweep(parent)
        written.extend(_write_with_pdf(here, parent, exe, workers) if exe else _write(here))
    if failures:
        raise PartlyBuilt(written, warnings, failures)
    return Built(written, warnings)


def _plan(folders: list[Path], templates: list[Path], cover: Path | None,
          output: Path | None, pdf: bool) -> dict[Path, list[Path]]:
    """Where each input's documents go, one per template, all checked before any is made."""
    plan: dict[Path, list[Path]] = {}
    planned: set[Path] = set()
    read = [*templates, *([cover] if cover else [])]
    for folder in folders:
        sources = [*read, *input_files(folder)]
        targets = []
        for template in templates:
            target = output
            if target is None:
                stem = (cover or template).stem
                target = make_folder(OUTPUTS) / f"{folder.resolve().name}-{stem}.docx"
            target = checked_output(target)
            refuse_sources(target, sources)
            if pdf:
                refuse_read_only(target.with_suffix(".pdf"))
                refuse_sources(target.with_suffix(".pdf"), sources)
            if target.resolve() in planned:
                raise UsageError(f"two inputs would both be written to {display_path(target)}: "
                                 "give each assessment folder its own name")
            planned.add(target.resolve())
            targets.append(target)
        plan[folder] = targets
    return plan


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


def _write_with_pdf(documents: list[tuple[bytes, Path]], folder: Path, exe: str,
                    workers: int | None) -> list[Path]:
    """Each .docx with its PDF, made in a staging folder beside them (LibreOffice converting
    them all, one process per core, each PDF checked to hold every word: ``pdf_check``) and
    committed together: a .docx is never new beside an old PDF."""
    with _writing(folder), staging(folder) as stage:
        staged = []
        for data, target in documents:
            with _writing(target):
                write_atomically(stage / target.name, data)
            staged.append(stage / target.name)
        from .pdf_check import convert_checked  # LibreOffice's helpers, only for PDFs

        pdfs = convert_checked(staged, stage, exe, workers)
        for docx, pdf, (_, target) in zip(staged, pdfs, documents):
            with _writing(target):
                commit([(docx, target), (pdf, target.with_suffix(".pdf"))])
    targets = [target for _, target in documents]
    return targets + [target.with_suffix(".pdf") for target in targets]


def _soffice(soffice_path: str | None) -> str:
    from .pdf import find_soffice  # LibreOffice's helpers, only when PDFs are asked for

    return find_soffice(soffice_path)


def _unused_options(paper: dict[str, Any], used: set[str], template: Path
                    ) -> list[OptionWarning]:
    """A warning for each committee-paper option given that the template does not show."""
    return [OptionWarning(f"--{name.replace('_', '-')}",
                          f"{display_path(template)} does not show paper.{name}, so this "
                          "option changes nothing; leave it out, or use a template that shows "
                          "it, such as committee-appendix")
            for name in paper if f"paper.{name}" not in used]


def copy_template(name: str, dest: Path) -> Path:
    """An editable copy of the built-in template or cover report ``name`` at ``dest`` (a new
    .docx file)."""
    builtin = {**builtin_templates(), **builtin_covers()}
    if name not in builtin:
        raise TemplateProblem(name, f"no such built-in template; built-in templates: "
                                    f"{', '.join(builtin)}")
    dest = checked_output(dest)
    refuse_sources(dest, [])
    if dest.exists():
        raise FileProblem(f"{display_path(dest)}: already exists; choose another name or "
                          "delete it first")
    shutil.copyfile(builtin[name], dest)
    return dest


def _checked_cover(cover: Path) -> Path:
    cover = find_cover(cover)
    if not cover.is_file():
        raise FileProblem(f"{display_path(cover)}: no such cover document")
    if cover.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(cover)}: the cover must be a Word document (.docx)")
    return cover
