"""The ``briefgen`` command: parse arguments, call the steps, print problems.

Exit codes: 0 ok, 1 invalid input or template, 2 usage.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import yaml
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import __version__
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
from .validate import check_assessment

DEFAULT_TEMPLATE = "briefing"
OUTPUTS = Path("outputs")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be acted on."""


class FileProblem(Exception):
    """A file named on the command line that cannot be read, or written, as asked."""


def build(input_folder: Path, template: str = DEFAULT_TEMPLATE, output: Path | None = None,
          pdf: bool = False) -> list[Path]:
    """Build one assessment with one template; return the files written.

    Raises InputError, TemplateProblem, FileProblem or PdfError.
    """
    template_path = find_template(template)
    assessment, problems = check_assessment(input_folder)
    if problems or assessment is None:
        raise InputError(problems)
    if output is None:
        OUTPUTS.mkdir(exist_ok=True)
        output = OUTPUTS / f"{Path(input_folder).resolve().name}-{template_path.stem}.docx"
    output = _checked_output(output)
    try:
        written = [render_to_file(assessment, template_path, output)]
    except OSError as exc:
        raise FileProblem(f"{display_path(output)}: cannot be written: "
                          f"{exc.strerror or exc}") from None
    if pdf:
        written.extend(convert_to_pdf([output], output.parent))
    return written


def _checked_output(output: Path) -> Path:
    if output.is_dir():
        raise FileProblem(f"{display_path(output)}: is a folder; give a file name ending .docx")
    if output.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(output)}: the output must be a .docx file")
    if not output.parent.is_dir():
        raise FileProblem(f"{display_path(output.parent)}: no such folder for the output; "
                          "create it first")
    return output


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Draft Word briefings on police inspections from YAML summaries.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show a Python traceback for unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_build = commands.add_parser("build", help="render an assessment into a Word document")
    p_build.add_argument("input", type=Path, metavar="INPUT",
                         help="an assessment folder (assessment.yaml and elements/)")
    p_build.add_argument("--template", "-t", default=DEFAULT_TEMPLATE, metavar="NAME|PATH",
                         help="a built-in template name or a .docx file "
                              f"(default: {DEFAULT_TEMPLATE}; built-in: "
                              f"{', '.join(builtin_templates())})")
    p_build.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                         help="the .docx to write (default: outputs/<input>-<template>.docx)")
    p_build.add_argument("--pdf", action="store_true",
                         help="also write a PDF beside it, through LibreOffice")

    p_validate = commands.add_parser("validate", help="check assessments without building")
    p_validate.add_argument("inputs", type=Path, nargs="+", metavar="INPUT")

    p_templates = commands.add_parser("templates", help="list or copy the built-in templates")
    template_commands = p_templates.add_subparsers(dest="templates_command", required=True,
                                                   metavar="ACTION")
    template_commands.add_parser("list", help="the built-in templates, one line each")
    p_copy = template_commands.add_parser("copy", help="an editable copy of a built-in template")
    p_copy.add_argument("name", metavar="NAME")
    p_copy.add_argument("dest", type=Path, metavar="DEST.docx")

    p_show = commands.add_parser("show", help="print a .docx's content as YAML")
    p_show.add_argument("docx", type=Path, metavar="DOCX")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"briefgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
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
        for path in build(args.input, args.template, args.output, args.pdf):
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
