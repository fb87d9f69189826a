"""Build briefings: the pipeline behind ``briefgen.build``.

``build()`` checks its options, each template (and a cover report) once, plans where every
document goes, has the batch engine (``batch.py``) check and render each input across the
machine's cores, writes each document atomically, then makes the other output formats asked
for (``output_formats.py``: a PDF through LibreOffice, a process per core), each committed
together with its .docx. Any problem is a :class:`~errors.BriefgenError`.

>>> from briefgen import BuildOptions, build
>>> build(BuildOptions(["inputs/metropolitan-2018-19"], templates=["summary-grid"]))
... # doctest: +SKIP
Built(written=[PosixPath('outputs/metropolitan-2018-19-summary-grid.docx')], warnings=[])
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from . import frameworks
from .batch import Job, Progress, run_all
from .errors import (
    FileProblem,
    InputError,
    OptionError,
    PartlyBuilt,
    Problem,
    TemplateProblem,
    display_path,
    fails,
)
from .options import BuildOptions, paper_option
from .output_formats import Converter, OutputFormat, converted, document_name
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
from .template_verdicts import require_sound
from .templates import builtin_covers, builtin_templates, find_cover, find_template

OUTPUTS = Path("outputs")


class Built(NamedTuple):
    """What a build wrote, and what it warns about (printed; failures only with strict)."""

    written: list[Path]
    warnings: list[Problem]


def build(options: BuildOptions, progress: Progress | None = None) -> Built:
    """Build every input with every template; return the files written and the warnings.

    The options are checked, then the templates (and the cover), once each; then each input
    is checked and rendered, across ``options.jobs`` processes (one per core by default), and
    only then is anything written, with the other formats of ``options.formats`` made beside
    each .docx. ``options.paper`` overrides the inputs' ``paper:`` values; ``options.cover``
    has each briefing inserted at its ``{{p briefing }}`` tag. With ``options.strict``, a
    warning fails an input as a problem does. ``progress`` is told as each input is done.

    An input may be a folder of assessment folders, or a pattern the shell did not expand
    (``inputs/*``): see :func:`~input_paths.assessment_folders`; ``options.cover`` may name
    a built-in cover report.

    One input that fails raises its error and nothing is written. Of several, those that fail
    do not stop the others: they are written, and :class:`~errors.PartlyBuilt` then says which
    failed. Raises OptionError, InputError, TemplateProblem(s), FileProblem or PdfError.
    """
    options = options.checked()
    search = frameworks.search_path(options.frameworks)
    templates = list(dict.fromkeys(find_template(name) for name in options.templates))
    cover = _checked_cover(options.cover) if options.cover is not None else None
    shows = {
        document: require_sound(document)
        for document in (*templates, cover)
        if document is not None
    }
    used: set[str] = set().union(*shows.values())
    builtin = {path: f"the {name} template" for name, path in builtin_templates().items()}
    paper_shown = tuple(
        (
            builtin.get(document, display_path(document)),
            tuple(
                sorted(name.removeprefix("paper.") for name in names if name.startswith("paper."))
            ),
        )
        for document, names in shows.items()
        if any(name.startswith("paper.") for name in names)
    )
    warnings: list[Problem] = list(_unused_options(options.paper, used, cover or templates[0]))
    if fails([], warnings, options.strict):
        raise InputError(warnings)
    # each other format's converter, found before anything is written (LibreOffice for a PDF)
    formats = converted(options.formats)
    converters = [(form, form.converter(options)) for form in formats if form.converter]
    plan = _plan(options.inputs, templates, cover, options.output, formats)
    jobs = [
        Job(folder, tuple(templates), options, cover, search, paper_shown)
        for folder in options.inputs
    ]
    results = run_all(jobs, options.jobs, progress)
    failures = [result.error for result in results if result.error is not None]
    for result in results:
        warnings.extend(result.warnings)
    if failures and len(results) == 1:
        raise failures[0]
    documents = [
        (data, target)
        for result in results
        if result.error is None
        for data, target in zip(result.documents, plan[result.folder], strict=True)
    ]
    written: list[Path] = []
    for parent in dict.fromkeys(target.parent for _, target in documents):
        here = [(data, target) for data, target in documents if target.parent == parent]
        with _writing(parent):
            sweep(parent)
        written.extend(_write_with(here, parent, converters) if converters else _write(here))
    if failures:
        raise PartlyBuilt(written, warnings, failures)
    return Built(written, warnings)


def _plan(
    folders: tuple[Path, ...],
    templates: list[Path],
    cover: Path | None,
    output: Path | None,
    formats: list[OutputFormat],
) -> dict[Path, list[Path]]:
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
                target = make_folder(OUTPUTS) / document_name(folder, cover or template)
            target = checked_output(target)
            refuse_sources(target, sources)
            for form in formats:
                refuse_read_only(form.target(target))
                refuse_sources(form.target(target), sources)
            if target.resolve() in planned:
                raise OptionError(
                    f"two inputs would both be written to {display_path(target)}: "
                    "give each assessment folder its own name"
                )
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
        raise FileProblem(
            f"{display_path(path)}: cannot be written: {exc.strerror or exc}"
        ) from None


def _write(documents: list[tuple[bytes, Path]]) -> list[Path]:
    for data, target in documents:
        with _writing(target):
            write_atomically(target, data)
    return [target for _, target in documents]


def _write_with(
    documents: list[tuple[bytes, Path]],
    folder: Path,
    converters: list[tuple[OutputFormat, Converter]],
) -> list[Path]:
    """Each .docx with its other formats, made in a staging folder beside them (a PDF by
    LibreOffice, checked to hold every word: ``pdf_check``) and committed together: a .docx is
    never new beside an old PDF."""
    with _writing(folder), staging(folder) as stage:
        staged = []
        for data, target in documents:
            with _writing(target):
                write_atomically(stage / target.name, data)
            staged.append(stage / target.name)
        made = [convert(staged, stage) for _, convert in converters]
        for index, (docx, (_, target)) in enumerate(zip(staged, documents, strict=True)):
            others = [
                (files[index], form.target(target))
                for (form, _), files in zip(converters, made, strict=True)
            ]
            with _writing(target):
                commit([(docx, target), *others])
    targets = [target for _, target in documents]
    return targets + [form.target(target) for form, _ in converters for target in targets]


def _unused_options(paper: Mapping[str, object], used: set[str], template: Path) -> list[Problem]:
    """A warning for each committee-paper option given that the template does not show."""
    return [
        Problem.of_option(
            paper_option(name),
            f"{display_path(template)} does not show paper.{name}, so this "
            "option changes nothing; leave it out, or use a template that shows "
            "it, such as committee-appendix",
        )
        for name in paper
        if f"paper.{name}" not in used
    ]


def copy_template(name: str, dest: Path) -> Path:
    """An editable copy of the built-in template or cover report ``name`` at ``dest`` (a new
    .docx file)."""
    builtin = {**builtin_templates(), **builtin_covers()}
    if name not in builtin:
        raise TemplateProblem(
            name, f"no such built-in template; built-in templates: {', '.join(builtin)}"
        )
    dest = checked_output(dest)
    refuse_sources(dest, [])
    if dest.exists():
        raise FileProblem(
            f"{display_path(dest)}: already exists; choose another name or delete it first"
        )
    shutil.copyfile(builtin[name], dest)
    return dest


def _checked_cover(cover: Path) -> Path:
    cover = find_cover(cover)
    if not cover.is_file():
        raise FileProblem(f"{display_path(cover)}: no such cover document")
    if cover.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(cover)}: the cover must be a Word document (.docx)")
    return cover
