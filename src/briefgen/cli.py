"""The ``briefgen`` command: parse the arguments, call the library, print, exit.

Each command is one call into a function a test can call too (``build.build``,
``validate.check``, ``template_check.check_template``, …). Every error a user can
cause is a :class:`~errors.BriefgenError`, printed as its lines with its exit code: 0 ok,
1 invalid input, template or output, 2 a command-line mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import __version__, frameworks
from .build import DEFAULT_TEMPLATE, build, copy_template
from .docx_content import show
from .draft import draft
from .editor_schema import write_schemas
from .errors import EXIT_INVALID, EXIT_OK, BriefgenError, UsageError, did_you_mean, display_path
from .frameworks.describe import framework_detail, framework_lines
from .scaffold import new_assessment
from .schema import TO_BE_COMPLETED
from .template_check import check_template
from .templates import builtin_templates, find_template, template_description
from .validate import check


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``briefgen`` with ``argv`` (the process's arguments by default); the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except BriefgenError as exc:
        for line in exc.lines(args.debug):
            print(line, file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # pragma: no cover - a bug, not a user error
        if args.debug:
            raise
        print(f"briefgen: internal error: {exc!r} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INVALID


def _search_path(args: argparse.Namespace) -> tuple[Path, ...]:
    """Where frameworks are looked for: --frameworks folders, then BRIEFGEN_FRAMEWORKS's."""
    for folder in args.frameworks or []:
        if not folder.is_dir():
            raise UsageError(f"--frameworks {display_path(folder)}: no such folder")
    return frameworks.search_path(args.frameworks or [], os.environ)


# --- the commands ---------------------------------------------------------------------------

def _build(args: argparse.Namespace) -> int:
    written, warnings = build(args.inputs, args.template, args.output, args.pdf,
                              paper=_paper_options(args), into=args.into,
                              frameworks=_search_path(args), strict=args.strict)
    for warning in warnings:
        print(warning.text(args.debug), file=sys.stderr)
    for path in written:
        print(display_path(path))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    search = _search_path(args)
    status = EXIT_OK
    for folder in args.inputs:
        _, problems, warnings = check(folder, search)
        for problem in sorted(problems + warnings):
            print(problem.text(args.debug), file=sys.stderr)
        if problems or (warnings and args.strict):
            status = EXIT_INVALID
        else:  # name the input only when there are several to tell apart
            print(f"{display_path(folder)}: ok" if len(args.inputs) > 1 else "ok")
    return status


def _templates(args: argparse.Namespace) -> int:
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
        builtin = builtin_templates()
        width = max(map(len, builtin))
        for name, path in builtin.items():
            print(f"{name:<{width}}  {template_description(path)}")
        return EXIT_OK
    print(display_path(copy_template(args.name, args.dest)))
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    result = draft(args.report, args.output, framework=args.framework, force=args.force,
                   overwrite=args.overwrite, search=_search_path(args))
    print("\n".join(result.summary()))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    files = new_assessment(args.folder, args.framework, args.force, _search_path(args))
    print(f"{display_path(args.folder)}: {len(files)} files written; fill in what says "
          f"“{TO_BE_COMPLETED}” (briefgen validate {display_path(args.folder)} lists them)")
    return EXIT_OK


def _frameworks(args: argparse.Namespace) -> int:
    if args.frameworks_command == "show":
        print("\n".join(framework_detail(args.key, _search_path(args))))
    else:
        print("\n".join(framework_lines(_search_path(args))))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    chosen = frameworks.named(args.framework, _search_path(args))
    for path in write_schemas(chosen, args.output):
        print(display_path(path))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    yaml.safe_dump(show(args.docx), sys.stdout, allow_unicode=True, sort_keys=False,
                   width=100)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build, "validate": _validate, "templates": _templates, "draft": _draft,
    "show": _show, "new": _new, "frameworks": _frameworks, "schema": _schema,
}


# --- the arguments --------------------------------------------------------------------------

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


STRICT_HELP = "fail (exit 1) on warnings as on problems, as CI should"
DEBUG_HELP = "show YAML's own words beside a message, and a Python traceback for a bug"


class _Parser(argparse.ArgumentParser):
    """argparse, saying "did you mean …?" for a mistyped command or option."""

    def error(self, message: str) -> NoReturn:
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        unknown = re.search(r"unrecognized arguments: (-[^\s]+)", message)
        if choice:
            message += did_you_mean(choice.group(1), re.findall(r"'([^']*)'", choice.group(2)))
        elif unknown:
            message += did_you_mean(unknown.group(1), _options(self), quote=str)
        super().error(message)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every option of ``parser`` and of its commands, for a "did you mean"."""
    found = []
    for action in parser._actions:
        found.extend(o for o in action.option_strings if o.startswith("--"))
        for sub in getattr(action, "choices", None) or {}:
            if isinstance(action.choices[sub], argparse.ArgumentParser):
                found.extend(_options(action.choices[sub]))
    return list(dict.fromkeys(found))


def _command(commands: Any, name: str, purpose: str, *examples: str) -> argparse.ArgumentParser:
    """A subcommand with its one-line purpose and examples in its help; --debug works after
    it as before it."""
    shown = "\n".join(f"  {example}" for example in examples)
    sub = commands.add_parser(name, help=purpose, description=purpose[0].upper() + purpose[1:]
                              + ".", epilog=f"example{'s' if len(examples) > 1 else ''}:\n"
                              f"{shown}", formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                     help=DEBUG_HELP)
    return sub


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="briefgen",
        description="Draft Word briefings on police inspections from YAML summaries.",
        epilog="example:\n  briefgen new inputs/kent-2023-25 --framework peel-2023-25 "
               "--force \"Kent Police\"", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    parser.add_argument("--frameworks", type=Path, metavar="DIR", action="append",
                        help="a folder of framework files (*.yaml) to use besides the "
                             f"built-in ones; also ${frameworks.ENVIRONMENT_VARIABLE}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)

    p_new = _command(commands, "new", "start an assessment folder to fill in",
                     "briefgen new inputs/kent-2023-25 --framework peel-2023-25 "
                     "--force \"Kent Police\"")
    p_new.add_argument("folder", type=Path, metavar="FOLDER",
                       help="the assessment folder to make (it must not exist yet)")
    p_new.add_argument("--framework", required=True, metavar="KEY",
                       help="the framework's key (briefgen frameworks lists them)")
    p_new.add_argument("--force", required=True, metavar="NAME",
                       help="the force's full name, e.g. \"Kent Police\"")

    p_frameworks = _command(commands, "frameworks", "list the frameworks, or show one",
                            "briefgen frameworks", "briefgen frameworks show peel-2023-25")
    framework_commands = p_frameworks.add_subparsers(dest="frameworks_command", metavar="ACTION",
                                                     parser_class=_Parser)
    p_fshow = _command(framework_commands, "show",
                       "a framework's pillars, elements (the keys to name files by), scale and "
                       "what it continues", "briefgen frameworks show peel-2023-25")
    p_fshow.add_argument("key", metavar="KEY")

    p_schema = _command(commands, "schema", "write a framework's JSON Schemas for your editor",
                        "briefgen schema --framework peel-2023-25 -o inputs/kent-2023-25/schemas")
    p_schema.add_argument("--framework", required=True, metavar="KEY")
    p_schema.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                          help="the folder to write them to (made if need be)")

    p_build = _command(commands, "build", "render an assessment into a Word document",
                       "briefgen build inputs/metropolitan-2018-19",
                       "briefgen build inputs/metropolitan-2018-19 --template summary-grid --pdf")
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
    p_build.add_argument("--strict", action="store_true", help=STRICT_HELP)
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

    p_validate = _command(commands, "validate", "check assessments without building",
                          "briefgen validate inputs/metropolitan-2018-19",
                          "briefgen validate --strict inputs/*")
    p_validate.add_argument("inputs", type=Path, nargs="+", metavar="INPUT")
    p_validate.add_argument("--strict", action="store_true", help=STRICT_HELP)

    p_templates = _command(commands, "templates", "list, copy or check templates",
                           "briefgen templates list")
    template_commands = p_templates.add_subparsers(dest="templates_command", required=True,
                                                   metavar="ACTION", parser_class=_Parser)
    _command(template_commands, "list", "the built-in templates, one line each",
             "briefgen templates list")
    p_copy = _command(template_commands, "copy", "an editable copy of a built-in template",
                      "briefgen templates copy summary-grid my-grid.docx")
    p_copy.add_argument("name", metavar="NAME")
    p_copy.add_argument("dest", type=Path, metavar="DEST.docx")
    p_check = _command(
        template_commands, "check",
        "check templates without data: syntax, variables, filters, tag placement",
        "briefgen templates check my-grid.docx")
    p_check.add_argument("templates", nargs="+", metavar="NAME|PATH",
                         help="a .docx template (or a built-in template's name)")

    p_draft = _command(commands, "draft", "draft an assessment folder from a report",
                       "briefgen draft met-peel-report.pdf -o inputs/metropolitan-2018-19")
    p_draft.add_argument("report", type=Path,
                         help="the report: text, markdown, .html, PDF or .docx")
    p_draft.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER",
                         help="the assessment folder to write")
    p_draft.add_argument("--framework", metavar="KEY",
                         help="the framework key, where the report does not tell")
    p_draft.add_argument("--force", metavar="NAME",
                         help="the force's full name, where the report does not tell")
    p_draft.add_argument("--overwrite", action="store_true",
                         help="replace the files of an existing folder")

    p_show = _command(commands, "show", "print a .docx's content as YAML",
                      "briefgen show outputs/metropolitan-2018-19-briefing.docx")
    p_show.add_argument("docx", type=Path, metavar="DOCX")
    return parser
