"""Open finished documents in the system's viewer (``build --open``).

Windows opens a file with the program its type is registered to (``os.startfile``), macOS with
``open``, Linux and the rest with ``xdg-open``; the ``BRIEFGEN_OPENER`` setting names another
program to open it with instead. The viewer is started and left running. A document that cannot
be opened is a warning, not a failure: it is written, and the officer can open it by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import Problem, display_path

#: The setting that names the program to open a document with.
OPENER_VARIABLE = "BRIEFGEN_OPENER"
#: How long to wait for an opener that hands the file on (xdg-open, open) to say it failed.
_HANDED_ON = 5.0


def documents_to_open(written: Sequence[Path]) -> list[Path]:
    """Of the files a build wrote, the ones to show: each document's PDF where it has one."""
    pdfs = {path.with_suffix("") for path in written if path.suffix.lower() == ".pdf"}
    return [
        path
        for path in written
        if path.suffix.lower() == ".pdf" or path.with_suffix("") not in pdfs
    ]


def open_in_viewer(
    path: Path, environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> Problem | None:
    """Open ``path`` in the system's viewer (or ``BRIEFGEN_OPENER``'s program); a warning
    saying why not where it cannot be."""
    chosen = environ.get(OPENER_VARIABLE, "").strip()
    if not chosen and platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined]  # only Windows has it
        except OSError as exc:
            return _not_opened(path, exc.strerror or str(exc))
        return None
    program = chosen or ("open" if platform == "darwin" else "xdg-open")
    found = shutil.which(program, path=environ.get("PATH"))
    if found is None:
        where = f" (the {OPENER_VARIABLE} setting)" if chosen else ""
        return _not_opened(path, f"there is no program {program!r}{where} to open it with")
    try:
        process = subprocess.Popen(
            [found, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return _not_opened(path, f"{program} could not be started ({exc.strerror or exc})")
    try:
        code = process.wait(timeout=_HANDED_ON)
    except subprocess.TimeoutExpired:  # the viewer itself, still showing it
        return None
    return _not_opened(path, f"{program} could not open it (exit {code})") if code else None


def _not_opened(path: Path, why: str) -> Problem:
    return Problem.of_option(
        "--open",
        f"{display_path(path)} is written but could not be opened: {why}; open it yourself",
    )
