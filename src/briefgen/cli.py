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
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import frameworks
from .arguments import parser
from .errors import EXIT_INVALID, EXIT_OK, BriefgenError, UsageError, display_path

#: The exit status of a run stopped with Ctrl-C, as shells give it (128 + SIGINT).
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``briefgen`` with ``argv`` (the process's arguments by default); the exit code.
    ``briefgen`` alone prints the help."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        parser().print_help()
        return EXIT_OK
    args = parser().parse_args(argv)
    try:
        _refuse_undecodable(args)
        return _COMMANDS[args.command](args)
    except BriefgenError as exc:
        _report(exc, args)
        return exc.exit_code
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C: LibreOffice is stopped, nothing is half-written
        print("briefgen: stopped (Ctrl-C); what was there before is as it was",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print("briefgen: stopped: this machine has not the memory for what was asked; "
              "check the inputs and templates for something far larger than a briefing",
              file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # pragma: no cover - a bug, not a user error
        if args.debug:
            raise
        print(f"briefgen: internal error: {exc!r} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INVALID


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """UsageError for a text option (not a file name) that holds bytes that are not UTF-8, as a
    terminal set to another encoding sends them: briefgen could not show or write it."""
    for name, value in vars(args).items():
        if isinstance(value, str) and any("\udc80" <= c <= "\udcff" for c in value):
            raise UsageError(f"--{name.replace('_', '-')}: holds bytes that are not UTF-8 text; "
                             "type it again in a terminal that uses UTF-8")


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
    if sum(path.suffix == ".docx" for path in written) > 1 and not args.quiet:
        print(f"briefgen: {len(written)} files written in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    if args.open:
        _open(written)
    return EXIT_OK


def _open(written: list[Path]) -> None:
    from .viewer import documents_to_open, open_in_viewer

    for path in documents_to_open(written):
        warning = open_in_viewer(path)
        if warning is not None:
            print(warning.text(), file=sys.stderr)


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
    from .input_paths import assessment_folders
    from .validate import check

    search = _search_path(args)
    status = EXIT_OK
    folders = assessment_folders(args.inputs)
    for folder in folders:
        _, problems, warnings = check(folder, search)
        for problem in sorted(problems + warnings):
            print(problem.text(args.debug), file=sys.stderr)
        if problems or (warnings and args.strict):
            status = EXIT_INVALID
        else:  # name the input only when there are several to tell apart
            print(f"{display_path(folder)}: ok" if len(folders) > 1 else "ok")
    return status


def _templates(args: argparse.Namespace) -> int:
    from .templates import builtin_covers, builtin_templates, find_template, template_description

    if args.templates_command == "check":
        from .template_check import check_template

        status = EXIT_OK
        for name in args.templates:
            path = find_template(name, covers=True)
            problems = check_template(path)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                status = EXIT_INVALID
            else:
                print(f"{display_path(path)}: ok")
        return status
    if args.templates_command == "list":
        builtin, covers = builtin_templates(), builtin_covers()
        width = max(map(len, [*builtin, *covers]))
        for name, path in builtin.items():
            print(f"{name:<{width}}  {template_description(path)}")
        for name, path in covers.items():
            print(f"{name:<{width}}  a cover for --into: {template_description(path)}")
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


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build, "validate": _validate, "templates": _templates, "draft": _draft,
    "show": _show, "new": _new, "frameworks": _frameworks, "schema": _schema,
}


def _paper_options(args: argparse.Namespace) -> dict[str, Any]:
    """The --committee, --meeting-date, --appendix and --agenda-item values given."""
    given = {"committee": args.committee, "meeting_date": args.meeting_date,
             "appendix": args.appendix, "agenda_item": args.agenda_item}
    from .authoring import unshowable

    for name, value in given.items():
        option = f"--{name.replace('_', '-')}"
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"{option} is empty")
        for message in unshowable(value) if isinstance(value, str) else ():
            raise UsageError(f"{option}: {message}")
        if name in ("appendix", "agenda_item") and not re.fullmatch(r"\S{1,10}", value or "-"):
            raise UsageError(f"{option}: {value!r} is not a number or letter; give it alone, "
                             "e.g. 2 or B (the template adds the word)")
    return {name: value for name, value in given.items() if value is not None}
