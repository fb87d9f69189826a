"""The ``briefgen`` command: parse the arguments, call the library, print, exit.

Each command is one call into a function a test can call too (``build.build``,
``validate.check``, ``template_check.check_template``, …), imported only when that command
runs, so ``briefgen --help`` and ``validate`` load no rendering library. Every error a user can
cause is a :class:`~errors.BriefgenError`, printed as its lines with its exit code: 0 ok,
1 invalid input, template or output, 2 a command-line mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import frameworks
from .arguments import parser
from .errors import EXIT_INVALID, EXIT_OK, BriefgenError, UsageError, display_path


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``briefgen`` with ``argv`` (the process's arguments by default); the exit code."""
    args = parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except BriefgenError as exc:
        _report(exc, args)
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


def _report(exc: BriefgenError, args: argparse.Namespace) -> None:
    from .errors import PartlyBuilt

    if isinstance(exc, PartlyBuilt):  # what was built, then what failed and why
        _print_built(exc.written, exc.warnings, args)
    for line in exc.lines(args.debug):
        print(line, file=sys.stderr)
    if isinstance(exc, PartlyBuilt):
        print(f"briefgen: {len(exc.failures)} input{'s' if len(exc.failures) > 1 else ''} "
              f"could not be built; the others were", file=sys.stderr)


def _search_path(args: argparse.Namespace) -> tuple[Path, ...]:
    """Where frameworks are looked for: --frameworks folders, then BRIEFGEN_FRAMEWORKS's."""
    for folder in args.frameworks or []:
        if not folder.is_dir():
            raise UsageError(f"--frameworks {display_path(folder)}: no such folder")
    return frameworks.search_path(args.frameworks or [], os.environ)


# --- the commands ---------------------------------------------------------------------------

def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .templates import DEFAULT_TEMPLATE

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    started = time.monotonic()
    progress = None if args.quiet else _Progress.for_terminal(sys.stderr)
    try:
        written, warnings = build(args.inputs, args.template or [DEFAULT_TEMPLATE],
                                  args.output, args.pdf, paper=_paper_options(args),
                                  into=args.into, frameworks=_search_path(args),
                                  strict=args.strict, workers=args.jobs,
                                  progress=progress, soffice_path=args.soffice)
    finally:
        if progress:
            progress.close()
    _print_built(written, warnings, args)
    if len(args.inputs) * len(args.template or [DEFAULT_TEMPLATE]) > 1 and not args.quiet:
        print(f"briefgen: {len(written)} files written in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    return EXIT_OK


def _print_built(written: list[Path], warnings: list[Any], args: argparse.Namespace) -> None:
    for warning in warnings:
        print(warning.text(args.debug), file=sys.stderr)
    if not args.quiet:
        for path in written:
            print(display_path(path))


class _Progress:
    """A progress bar on a terminal: how many of the inputs are built."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = False

    @classmethod
    def for_terminal(cls, stream: TextIO) -> _Progress | None:
        return cls(stream) if stream.isatty() else None

    def __call__(self, done: int, total: int, folder: Path) -> None:
        if total < 2:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                          f"{folder.name[:40]:<40}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _validate(args: argparse.Namespace) -> int:
    from .validate import check

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
    from .templates import builtin_templates, find_template, template_description

    if args.templates_command == "check":
        from .template_check import check_template

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
    from .build import copy_template

    print(display_path(copy_template(args.name, args.dest)))
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    from .draft import draft

    result = draft(args.report, args.output, framework=args.framework, force=args.force,
                   overwrite=args.overwrite, search=_search_path(args))
    print("\n".join(result.summary()))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import new_assessment
    from .schema import TO_BE_COMPLETED

    files = new_assessment(args.folder, args.framework, args.force, _search_path(args))
    print(f"{display_path(args.folder)}: {len(files)} files written; fill in what says "
          f"“{TO_BE_COMPLETED}” (briefgen validate {display_path(args.folder)} lists them)")
    return EXIT_OK


def _frameworks(args: argparse.Namespace) -> int:
    from .frameworks.describe import framework_detail, framework_lines

    if args.frameworks_command == "show":
        print("\n".join(framework_detail(args.key, _search_path(args))))
    else:
        print("\n".join(framework_lines(_search_path(args))))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .editor_schema import write_schemas

    chosen = frameworks.named(args.framework, _search_path(args))
    for path in write_schemas(chosen, args.output):
        print(display_path(path))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    import yaml

    from .docx_content import show

    yaml.safe_dump(show(args.docx), sys.stdout, allow_unicode=True, sort_keys=False,
                   width=100)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if args.port is not None and not 0 < args.port < 65536:
        raise UsageError("--port must be a number from 1 to 65535")
    serve(args.folder, args.port, open_browser=not args.no_browser)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build, "validate": _validate, "templates": _templates, "draft": _draft,
    "show": _show, "new": _new, "frameworks": _frameworks, "schema": _schema,
    "serve": _serve,
}


def _paper_options(args: argparse.Namespace) -> dict[str, Any]:
    """The --committee, --meeting-date, --appendix and --agenda-item values given."""
    given = {"committee": args.committee, "meeting_date": args.meeting_date,
             "appendix": args.appendix, "agenda_item": args.agenda_item}
    for name, value in given.items():
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"--{name.replace('_', '-')} is empty")
    return {name: value for name, value in given.items() if value is not None}
