"""The ``briefgen`` command: arguments → options, the library's answer → text and exit code.

Each command fills one options object and makes one call into the library's declared API
(``briefgen.build``, ``briefgen.check``, …), which loads what it needs only when called, so
``briefgen --help`` and ``validate`` load no rendering library. Every rule is the library's;
this module only maps arguments to options and errors to text and an exit code. Every error a
user can cause is a :class:`~errors.BriefgenError`, printed as its lines with its exit code:
0 ok, 1 invalid input, template or output, 2 an option that cannot be acted on.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import briefgen

from .arguments import parser
from .errors import EXIT_INVALID, EXIT_OK, BriefgenError, OptionError, display_path
from .options import PAPER_FIELDS, BuildOptions, CheckOptions, DraftOptions, NewOptions
from .output_formats import RENDERED

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
        print("briefgen: stopped (Ctrl-C); what was there before is as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print(
            "briefgen: stopped: this machine has not the memory for what was asked; "
            "check the inputs and templates for something far larger than a briefing",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except Exception as exc:  # pragma: no cover - a bug, not a user error
        if args.debug:
            raise
        print(f"briefgen: internal error: {exc!r} (run with --debug for details)", file=sys.stderr)
        return EXIT_INVALID


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """OptionError for a text option (not a file name) that holds bytes that are not UTF-8, as a
    terminal set to another encoding sends them: briefgen could not show or write it."""
    for name, value in vars(args).items():
        if isinstance(value, str) and any("\udc80" <= c <= "\udcff" for c in value):
            raise OptionError(
                f"--{name.replace('_', '-')}: holds bytes that are not UTF-8 text; "
                "type it again in a terminal that uses UTF-8"
            )


def _report(exc: BriefgenError, args: argparse.Namespace) -> None:
    """What was built before the error (a batch's), then what failed and why."""
    _print_built(exc.written, exc.warnings, args)
    for line in exc.lines(args.debug):
        print(line, file=sys.stderr)


def _frameworks_folders(args: argparse.Namespace) -> tuple[Path, ...]:
    return tuple(args.frameworks or ())


# --- the commands ---------------------------------------------------------------------------


def _build(args: argparse.Namespace) -> int:
    paper = {name: getattr(args, name) for name in PAPER_FIELDS if getattr(args, name) is not None}
    options = BuildOptions(
        inputs=args.inputs,
        templates=args.template or (),
        output=args.output,
        formats=(*(args.format or ()), *(("pdf",) if args.pdf else ())),
        paper=paper,
        cover=args.into,
        frameworks=_frameworks_folders(args),
        strict=args.strict,
        jobs=args.jobs,
        soffice=args.soffice,
    )
    started = time.monotonic()
    progress = None if args.quiet else ProgressBar.for_terminal(sys.stderr)
    try:
        written, warnings = briefgen.build(options, progress)
    finally:
        if progress:
            progress.close()
    _print_built(written, warnings, args)
    if sum(path.suffix == RENDERED.suffix for path in written) > 1 and not args.quiet:
        print(
            f"briefgen: {len(written)} files written in {time.monotonic() - started:.1f} s",
            file=sys.stderr,
        )
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
    if not getattr(args, "quiet", False):
        for path in written:
            print(display_path(path))


class ProgressBar:
    """A progress bar on a terminal: how many of the inputs are built."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = False

    @classmethod
    def for_terminal(cls, stream: TextIO) -> ProgressBar | None:
        return cls(stream) if stream.isatty() else None

    def __call__(self, done: int, total: int, folder: Path) -> None:
        if total < 2:
            return
        width = 30
        filled = width * done // total
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {folder.name[:40]:<40}"
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _validate(args: argparse.Namespace) -> int:
    from .input_paths import assessment_folders

    options = CheckOptions(_frameworks_folders(args), args.strict)
    status = EXIT_OK
    folders = assessment_folders(args.inputs)
    for folder in folders:
        checked = briefgen.check(folder, options)
        for problem in sorted(checked.problems + checked.warnings):
            print(problem.text(args.debug), file=sys.stderr)
        if checked.fails(options.strict):
            status = EXIT_INVALID
        else:  # name the input only when there are several to tell apart
            print(f"{display_path(folder)}: ok" if len(folders) > 1 else "ok")
    return status


def _templates(args: argparse.Namespace) -> int:
    from .templates import builtin_covers, find_template, template_description

    if args.templates_command == "check":
        status = EXIT_OK
        for name in args.templates:
            path = find_template(name, covers=True)
            problems = briefgen.check_template(path)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                status = EXIT_INVALID
            else:
                print(f"{display_path(path)}: ok")
        return status
    if args.templates_command == "list":
        builtin, covers = briefgen.builtin_templates(), builtin_covers()
        width = max(map(len, [*builtin, *covers]))
        for name, path in builtin.items():
            print(f"{name:<{width}}  {template_description(path)}")
        for name, path in covers.items():
            print(f"{name:<{width}}  a cover for --into: {template_description(path)}")
        return EXIT_OK
    print(display_path(briefgen.copy_template(args.name, args.dest)))
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    result = briefgen.draft(
        DraftOptions(
            args.report,
            args.output,
            args.framework,
            args.force,
            args.overwrite,
            _frameworks_folders(args),
        )
    )
    print("\n".join(result.summary()))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .assessment_folder import TO_BE_COMPLETED

    files = briefgen.new(
        NewOptions(args.folder, args.framework, args.force, _frameworks_folders(args))
    )
    print(
        f"{display_path(args.folder)}: {len(files)} files written; fill in what says "
        f"“{TO_BE_COMPLETED}” (briefgen validate {display_path(args.folder)} lists them)"
    )
    return EXIT_OK


def _frameworks(args: argparse.Namespace) -> int:
    from .frameworks import search_path
    from .frameworks.describe import framework_detail, framework_lines

    search = search_path(_frameworks_folders(args))
    if args.frameworks_command == "show":
        print("\n".join(framework_detail(args.key, search)))
    else:
        print("\n".join(framework_lines(search)))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    for path in briefgen.write_schemas(args.framework, args.output, _frameworks_folders(args)):
        print(display_path(path))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    import yaml

    yaml.safe_dump(
        briefgen.show(args.docx), sys.stdout, allow_unicode=True, sort_keys=False, width=100
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.folder, args.port, open_browser=not args.no_browser)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "validate": _validate,
    "templates": _templates,
    "draft": _draft,
    "show": _show,
    "new": _new,
    "frameworks": _frameworks,
    "schema": _schema,
    "serve": _serve,
}
