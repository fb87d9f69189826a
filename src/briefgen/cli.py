"""The ``briefgen`` command: parse arguments, call the steps, print problems.

Exit codes: 0 ok, 1 invalid input or template, 2 usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import __version__, frameworks
from .docx_content import read_docx
from .inputs import InputError, display_path
from .pdf import PdfError, convert_to_pdf
from .render import (
    TemplateProblem,
    builtin_templates,
    find_template,
    render_to_file,
    template_description,
)
from .template_check import TemplateProblems, check_template, require_sound
from .validate import check_assessment

DEFAULT_TEMPLATE = "briefing"
OUTPUTS = Path("outputs")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be acted on."""


class FileProblem(Exception):
    """A file named on the command line that cannot be read, or written, as asked."""


def build(inputs: Path | Sequence[Path], template: str = DEFAULT_TEMPLATE,
          output: Path | None = None, pdf: bool = False, paper: dict[str, Any] | None = None,
          into: Path | None = None) -> list[Path]:
    """Build assessments with one template; return the files written.

    Every input is checked before anything is written, and with ``pdf`` one LibreOffice run
    converts them all. ``paper`` overrides the inputs' ``paper:`` values; ``into`` inserts each
    briefing into that cover document at its ``{{p briefing }}`` tag.
    Raises InputError, TemplateProblem(s), FileProblem, UsageError or PdfError.
    """
    folders = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(i) for i in inputs]
    if output is not None and len(folders) > 1:
        raise UsageError("-o/--output names one file: leave it out to build several inputs "
                         "into outputs/")
    template_path = find_template(template)
    cover = _checked_cover(into) if into is not None else None
    for document in (template_path, cover):
        if document is not None:
            require_sound(document)
    assessments, problems = [], []
    for folder in folders:
        assessment, found = check_assessment(folder)
        problems.extend(found)
        if assessment is not None:
            assessments.append(assessment)
    if problems:
        raise InputError(problems)
    plan = []
    for folder, assessment in zip(folders, assessments):
        if paper:
            assessment = dataclasses.replace(
                assessment, paper=dataclasses.replace(assessment.paper, **paper))
        target = output
        if target is None:
            OUTPUTS.mkdir(exist_ok=True)
            stem = (cover or template_path).stem
            target = OUTPUTS / f"{folder.resolve().name}-{stem}.docx"
        target = _checked_output(target)
        if any(target.resolve() == planned.resolve() for _, planned in plan):
            raise UsageError(f"two inputs would both be written to {display_path(target)}: "
                             "give each assessment folder its own name")
        plan.append((assessment, target))
    written = []
    for assessment, target in plan:
        try:
            written.append(render_to_file(assessment, template_path, target, into=cover))
        except OSError as exc:
            raise FileProblem(f"{display_path(target)}: cannot be written: "
                              f"{exc.strerror or exc}") from None
    if pdf:
        documents = list(written)
        for parent in dict.fromkeys(p.parent for p in documents):
            written.extend(convert_to_pdf([p for p in documents if p.parent == parent], parent))
    return written


def _checked_cover(cover: Path) -> Path:
    if not cover.is_file():
        raise FileProblem(f"{display_path(cover)}: no such cover document")
    if cover.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(cover)}: the cover must be a Word document (.docx)")
    return cover


def _checked_output(output: Path) -> Path:
    if output.is_dir():
        raise FileProblem(f"{display_path(output)}: is a folder; give a file name ending .docx")
    if output.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(output)}: the output must be a .docx file")
    if not output.parent.is_dir():
        raise FileProblem(f"{display_path(output.parent)}: no such folder for the output; "
                          "create it first")
    return output


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD, e.g. 2019-10-16") from None


def _paper_options(args: argparse.Namespace) -> dict[str, Any]:
    """The --committee, --meeting-date, --appendix and --agenda-item values given."""
    given = {"committee": args.committee, "meeting_date": args.meeting_date,
             "appendix": args.appendix, "agenda_item": args.agenda_item}
    for name, value in given.items():
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"--{name.replace('_', '-')} is empty")
    return {name: value for name, value in given.items() if value is not None}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Draft Word briefings on police inspections from YAML summaries.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show a Python traceback for unexpected errors")
    parser.add_argument("--frameworks", type=Path, metavar="DIR", action="append",
                        help="a folder of framework files (*.yaml) to use besides the "
                             f"built-in ones; also ${frameworks.ENVIRONMENT_VARIABLE}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_build = commands.add_parser("build", help="render an assessment into a Word document")
    p_build.add_argument("inputs", type=Path, nargs="+", metavar="INPUT",
                         help="an assessment folder (assessment.yaml and elements/); give "
                              "several to build them all (and convert them in one "
                              "LibreOffice run with --pdf)")
    p_build.add_argument("--template", "-t", default=DEFAULT_TEMPLATE, metavar="NAME|PATH",
                         help="a built-in template name or a .docx file "
                              f"(default: {DEFAULT_TEMPLATE}; built-in: "
                              f"{', '.join(builtin_templates())})")
    p_build.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                         help="the .docx to write (default: outputs/<input>-<template>.docx)")
    p_build.add_argument("--pdf", action="store_true",
                         help="also write a PDF beside it, through LibreOffice")
    p_build.add_argument("--into", type=Path, metavar="COVER.docx",
                         help="insert the briefing into this cover report where it says "
                              "{{p briefing }}, and write the cover")
    paper = p_build.add_argument_group(
        "committee paper", "what the committee-appendix template's header and footer show; "
                           "these override the input's paper: section")
    paper.add_argument("--committee", metavar="NAME", help="e.g. 'Police and Crime Committee'")
    paper.add_argument("--meeting-date", type=_iso_date, metavar="YYYY-MM-DD")
    paper.add_argument("--appendix", metavar="N", help="the appendix's number or letter")
    paper.add_argument("--agenda-item", metavar="N", help="the agenda item, e.g. 6")

    p_validate = commands.add_parser("validate", help="check assessments without building")
    p_validate.add_argument("inputs", type=Path, nargs="+", metavar="INPUT")

    p_templates = commands.add_parser("templates",
                                      help="list, copy or check templates")
    template_commands = p_templates.add_subparsers(dest="templates_command", required=True,
                                                   metavar="ACTION")
    template_commands.add_parser("list", help="the built-in templates, one line each")
    p_copy = template_commands.add_parser("copy", help="an editable copy of a built-in template")
    p_copy.add_argument("name", metavar="NAME")
    p_copy.add_argument("dest", type=Path, metavar="DEST.docx")
    p_check = template_commands.add_parser(
        "check", help="check templates without data: syntax, variables, filters, tag placement")
    p_check.add_argument("templates", nargs="+", metavar="NAME|PATH",
                         help="a .docx template (or a built-in template's name)")

    p_draft = commands.add_parser("draft", help="draft an assessment folder from a report")
    p_draft.add_argument("report", type=Path,
                         help="the report: text, markdown, .html, PDF or .docx")
    p_draft.add_argument("-o", "--output", type=Path, required=True, help="the folder to write")
    p_draft.add_argument("--framework", help="the framework key, where the report does not tell")
    p_draft.add_argument("--force", help="the force's full name, where the report does not tell")
    p_draft.add_argument("--overwrite", action="store_true",
                         help="replace the files of an existing folder")
    p_show = commands.add_parser("show", help="print a .docx's content as YAML")
    p_show.add_argument("docx", type=Path, metavar="DOCX")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    saved = os.environ.get(frameworks.ENVIRONMENT_VARIABLE)
    try:
        return _main(args)
    finally:  # main() may be called again in the same process (tests): leave no trace
        if saved is None:
            os.environ.pop(frameworks.ENVIRONMENT_VARIABLE, None)
        else:
            os.environ[frameworks.ENVIRONMENT_VARIABLE] = saved


def _main(args: argparse.Namespace) -> int:
    try:
        for folder in reversed(args.frameworks or []):
            if not folder.is_dir():
                raise UsageError(f"--frameworks {display_path(folder)}: no such folder")
            current = os.environ.get(frameworks.ENVIRONMENT_VARIABLE)
            os.environ[frameworks.ENVIRONMENT_VARIABLE] = os.pathsep.join(
                [str(folder.resolve()), *([current] if current else [])])
        return _run(args)
    except UsageError as exc:
        print(f"briefgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, TemplateProblems) as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except (TemplateProblem, PdfError, FileProblem) as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # pragma: no cover - a bug, not a user error
        if args.debug:
            raise
        print(f"briefgen: internal error: {exc!r} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INVALID


def _templates(args: argparse.Namespace) -> int:
    builtin = builtin_templates()
    if args.templates_command == "check":
        status = EXIT_OK
        for name in args.templates:
            path = find_template(name)
            problems = check_template(path)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                status = EXIT_INVALID
            else:
                print(f"{display_path(path)}: ok")
        return status
    if args.templates_command == "list":
        width = max(map(len, builtin))
        for name, path in builtin.items():
            print(f"{name:<{width}}  {template_description(path)}")
        return EXIT_OK
    if args.name not in builtin:
        raise TemplateProblem(args.name, f"no such built-in template; built-in templates: "
                                         f"{', '.join(builtin)}")
    dest = _checked_output(args.dest)
    if dest.exists():
        raise FileProblem(f"{display_path(dest)}: already exists; choose another name or "
                          "delete it first")
    shutil.copyfile(builtin[args.name], dest)
    print(display_path(dest))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        for path in build(args.inputs, args.template, args.output, args.pdf,
                          paper=_paper_options(args), into=args.into):
            print(display_path(path))
        return EXIT_OK
    if args.command == "validate":
        status = EXIT_OK
        for folder in args.inputs:
            _, problems = check_assessment(folder)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                status = EXIT_INVALID
            else:  # name the input only when there are several to tell apart
                print(f"{display_path(folder)}: ok" if len(args.inputs) > 1 else "ok")
        return status
    if args.command == "templates":
        return _templates(args)
    if args.command == "draft":
        from .draft import DraftError, draft
        try:
            result = draft(args.report, args.output, framework=args.framework, force=args.force,
                           overwrite=args.overwrite)
        except DraftError as exc:
            raise FileProblem(str(exc)) from None
        print("\n".join(result.summary()))
        return EXIT_OK
    if args.command == "show":
        if not args.docx.is_file():
            raise FileProblem(f"{display_path(args.docx)}: no such file")
        try:
            content = read_docx(args.docx)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
            raise FileProblem(f"{display_path(args.docx)}: is not a Word document (.docx) "
                              "that can be read") from None
        yaml.safe_dump(content, sys.stdout, allow_unicode=True, sort_keys=False, width=100)
        return EXIT_OK
    raise UsageError(f"unknown command {args.command!r}")  # pragma: no cover
