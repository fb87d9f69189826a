"""The ``briefgen`` command line's words: its commands, their options, their help.

Kept apart from ``cli.py`` (which runs the commands) and light: building the parser loads none
of briefgen's steps, so ``briefgen --help`` answers at once. Each command's help has its
purpose and an example; a mistyped command or option is answered with "did you mean …?".
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, output_formats
from .draft import formats as report_formats
from .errors import did_you_mean
from .frameworks import ENVIRONMENT_VARIABLE as FRAMEWORKS_VARIABLE
from .options import DEFAULT_TEMPLATE
from .templates import builtin_templates


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD, e.g. 2019-10-16"
        ) from None


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
    found: list[str] = []
    for action in parser._actions:
        found.extend(o for o in action.option_strings if o.startswith("--"))
        choices = action.choices if isinstance(action.choices, dict) else {}
        for sub in choices.values():
            if isinstance(sub, argparse.ArgumentParser):
                found.extend(_options(sub))
    return list(dict.fromkeys(found))


def _command(commands: Any, name: str, purpose: str, *examples: str) -> argparse.ArgumentParser:
    """A subcommand with its one-line purpose and examples in its help; --debug works after
    it as before it."""
    shown = "\n".join(f"  {example}" for example in examples)
    sub = commands.add_parser(
        name,
        help=purpose,
        description=purpose[0].upper() + purpose[1:] + ".",
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n{shown}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return sub


def parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(
        prog="briefgen",
        description="Draft Word briefings on police inspections from YAML summaries.",
        epilog="example:\n  briefgen new inputs/kent-2023-25 --framework peel-2023-25 "
        '--force "Kent Police"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    parser.add_argument(
        "--frameworks",
        type=Path,
        metavar="DIR",
        action="append",
        help="a folder of framework files (*.yaml) to use besides the "
        f"built-in ones; also ${FRAMEWORKS_VARIABLE}",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    p_new = _command(
        commands,
        "new",
        "start an assessment folder to fill in",
        'briefgen new inputs/kent-2023-25 --framework peel-2023-25 --force "Kent Police"',
    )
    p_new.add_argument(
        "folder",
        type=Path,
        metavar="FOLDER",
        help="the assessment folder to make (it must not exist yet)",
    )
    p_new.add_argument(
        "--framework",
        required=True,
        metavar="KEY",
        help="the framework's key (briefgen frameworks lists them)",
    )
    p_new.add_argument(
        "--force", required=True, metavar="NAME", help='the force\'s full name, e.g. "Kent Police"'
    )

    p_frameworks = _command(
        commands,
        "frameworks",
        "list the frameworks, or show one",
        "briefgen frameworks",
        "briefgen frameworks show peel-2023-25",
    )
    framework_commands = p_frameworks.add_subparsers(
        dest="frameworks_command", metavar="ACTION", parser_class=_Parser
    )
    p_fshow = _command(
        framework_commands,
        "show",
        "a framework's pillars, elements (the keys to name files by), scale and what it continues",
        "briefgen frameworks show peel-2023-25",
    )
    p_fshow.add_argument("key", metavar="KEY")

    p_schema = _command(
        commands,
        "schema",
        "write a framework's JSON Schemas for your editor",
        "briefgen schema --framework peel-2023-25 -o inputs/kent-2023-25/schemas",
    )
    p_schema.add_argument("--framework", required=True, metavar="KEY")
    p_schema.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder to write them to (made if need be)",
    )

    p_build = _command(
        commands,
        "build",
        "render an assessment into a Word document",
        "briefgen build inputs/metropolitan-2018-19",
        "briefgen build inputs/metropolitan-2018-19 --template summary-grid --pdf",
        "briefgen build inputs/* -t summary-grid -t committee-appendix --pdf",
    )
    p_build.add_argument(
        "inputs",
        type=Path,
        nargs="+",
        metavar="INPUT",
        help="an assessment folder (assessment.yaml and elements/); give "
        "several to build them all, across the computer's cores",
    )
    p_build.add_argument(
        "--template",
        "-t",
        action="append",
        metavar="NAME|PATH",
        help="a built-in template name or a .docx file; give it again for "
        f"more (default: {DEFAULT_TEMPLATE}; built-in: "
        f"{', '.join(builtin_templates())})",
    )
    p_build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUTPUT",
        help="the .docx to write (default: outputs/<input>-<template>.docx)",
    )
    p_build.add_argument(
        "--pdf", action="store_true", help="also write a PDF beside each, through LibreOffice"
    )
    others = {
        key: form
        for key, form in output_formats.FORMATS.items()
        if form is not output_formats.RENDERED
    }
    p_build.add_argument(
        "--format",
        action="append",
        choices=others,
        metavar="FORMAT",
        help="also write each document in this format, beside its "
        f"{output_formats.RENDERED.suffix}; give it again for more ("
        + "; ".join(f"{key}: {form.label}" for key, form in others.items())
        + ")",
    )
    p_build.add_argument(
        "--soffice",
        metavar="PATH",
        help="LibreOffice's soffice program, where it is not found by itself "
        "(also $BRIEFGEN_SOFFICE)",
    )
    p_build.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="how many documents to make at once (default: one per core)",
    )
    p_build.add_argument(
        "--quiet", "-q", action="store_true", help="print nothing but warnings and problems"
    )
    p_build.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p_build.add_argument(
        "--open",
        action="store_true",
        help="open each document when it is made, in the computer's viewer (the PDF with --pdf)",
    )
    p_build.add_argument(
        "--into",
        type=Path,
        metavar="COVER.docx",
        help="insert the briefing into this cover report where it says "
        "{{p briefing }}, and write the cover",
    )
    paper = p_build.add_argument_group(
        "committee paper",
        "what the committee-appendix template's header and footer show; "
        "these override the input's paper: section",
    )
    paper.add_argument("--committee", metavar="NAME", help="e.g. 'Police and Crime Committee'")
    paper.add_argument("--meeting-date", type=_iso_date, metavar="YYYY-MM-DD")
    paper.add_argument("--appendix", metavar="N", help="the appendix's number or letter")
    paper.add_argument("--agenda-item", metavar="N", help="the agenda item, e.g. 6")

    p_validate = _command(
        commands,
        "validate",
        "check assessments without building",
        "briefgen validate inputs/metropolitan-2018-19",
        "briefgen validate --strict inputs/*",
    )
    p_validate.add_argument("inputs", type=Path, nargs="+", metavar="INPUT")
    p_validate.add_argument("--strict", action="store_true", help=STRICT_HELP)

    p_templates = _command(
        commands, "templates", "list, copy or check templates", "briefgen templates list"
    )
    template_commands = p_templates.add_subparsers(
        dest="templates_command", required=True, metavar="ACTION", parser_class=_Parser
    )
    _command(
        template_commands,
        "list",
        "the built-in templates, one line each",
        "briefgen templates list",
    )
    p_copy = _command(
        template_commands,
        "copy",
        "an editable copy of a built-in template",
        "briefgen templates copy summary-grid my-grid.docx",
    )
    p_copy.add_argument("name", metavar="NAME")
    p_copy.add_argument("dest", type=Path, metavar="DEST.docx")
    p_check = _command(
        template_commands,
        "check",
        "check templates without data: syntax, variables, filters, tag placement",
        "briefgen templates check my-grid.docx",
    )
    p_check.add_argument(
        "templates",
        nargs="+",
        metavar="NAME|PATH",
        help="a .docx template (or a built-in template's name)",
    )

    p_draft = _command(
        commands,
        "draft",
        "draft an assessment folder from a report",
        "briefgen draft met-peel-report.pdf -o inputs/metropolitan-2018-19",
    )
    p_draft.add_argument(
        "report",
        help=f"the report: a file ({report_formats.names()}) or "
        "the inspectorate's https:// address of it",
    )
    p_draft.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FOLDER",
        help="the assessment folder to write",
    )
    p_draft.add_argument(
        "--framework", metavar="KEY", help="the framework key, where the report does not tell"
    )
    p_draft.add_argument(
        "--force", metavar="NAME", help="the force's full name, where the report does not tell"
    )
    p_draft.add_argument(
        "--overwrite", action="store_true", help="replace the files of an existing folder"
    )

    p_serve = _command(
        commands,
        "serve",
        "edit, check, preview and build assessments in your web browser",
        "briefgen serve",
        "briefgen serve inputs --port 8765 --no-browser",
    )
    p_serve.add_argument(
        "folder",
        type=Path,
        nargs="?",
        default=Path("inputs"),
        metavar="FOLDER",
        help="the folder of assessment folders (default: inputs)",
    )
    p_serve.add_argument(
        "--port",
        type=int,
        metavar="N",
        help="the port to listen on, on this computer only (default: a free one)",
    )
    p_serve.add_argument(
        "--no-browser",
        action="store_true",
        help="print the address (with its token) but do not open a browser",
    )

    p_show = _command(
        commands,
        "show",
        "print a .docx's content as YAML",
        "briefgen show outputs/metropolitan-2018-19-briefing.docx",
    )
    p_show.add_argument("docx", type=Path, metavar="DOCX")
    return parser
