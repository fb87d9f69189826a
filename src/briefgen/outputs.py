"""Where documents are written, and how: never half-written, never a torn .docx and PDF pair.

Every file briefgen writes is first written in full beside its target, under a name that says
it is briefgen's and which process made it, then moved into place with ``os.replace``. A .docx
built with its PDF is committed together with it: both are made in a staging folder beside the
target, a small journal names the moves, the old PDF goes first, then the .docx and the PDF move
in. A run killed at any moment therefore leaves the previous pair, or the previous .docx alone,
or the new .docx alone, never a new .docx beside an old PDF; and the next run into that folder
completes the moves a journal names and sweeps away what dead runs left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import FileProblem, display_path

#: Every temporary name briefgen makes carries this mark and the process's id.
MARK = ".briefgen-"
_JOURNAL = ".briefgen-commit"


def checked_output(output: Path) -> Path:
    """``output`` if a .docx can be written there; FileProblem saying why not otherwise."""
    if output.is_dir():
        raise FileProblem(f"{display_path(output)}: is a folder; give a file name ending .docx")
    if output.suffix.lower() != ".docx":
        raise FileProblem(f"{display_path(output)}: the output must be a .docx file")
    if not output.parent.is_dir():
        raise FileProblem(
            f"{display_path(output.parent)}: no such folder for the output; create it first"
        )
    refuse_read_only(output)
    return output


def refuse_sources(target: Path, sources: Iterable[Path]) -> None:
    """FileProblem, before any work, if writing ``target`` would replace one of ``sources`` (a
    template, a cover, an input file) or anything of briefgen's own (its package, its built-in
    templates): the same file however it is named, through links and ``..``."""
    shown = display_path(target)
    try:
        status = target.stat()
    except OSError:
        status = None
    if status is not None:
        for source in sources:
            try:
                other = source.stat()
            except OSError:
                continue
            if (status.st_dev, status.st_ino) == (other.st_dev, other.st_ino):
                raise FileProblem(
                    f"{shown}: is {display_path(source)}, which this run reads; "
                    "write the output somewhere else with -o"
                )
    resolved = target.resolve()
    for root in _own_folders():
        if resolved.is_relative_to(root):
            raise FileProblem(
                f"{shown}: is inside briefgen's own files ({root}); write the "
                "output somewhere else with -o"
            )


def _own_folders() -> list[Path]:
    """The folders of briefgen's own files: its package and its built-in templates."""
    from .templates import templates_dir

    return [Path(__file__).resolve().parent, templates_dir().resolve()]


def input_files(folder: Path, limit: int = 10_000) -> list[Path]:
    """The files an assessment folder holds (at most ``limit``), for :func:`refuse_sources`."""
    found: list[Path] = []
    try:
        for path in folder.rglob("*"):
            if len(found) >= limit:
                break
            found.append(path)
    except OSError:
        pass
    return found


def refuse_read_only(target: Path) -> None:
    """FileProblem if ``target`` exists and its owner made it read-only: not replaced unasked."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise FileProblem(
            f"{display_path(target)}: is read-only, so briefgen leaves it as it "
            "is; make it writable, or write somewhere else with -o"
        )


def make_folder(folder: Path) -> Path:
    """``folder``, created if it is not there; FileProblem saying why it cannot be."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise FileProblem(
            f"{display_path(folder)}: cannot be created: {exc.strerror or exc}"
        ) from None
    if not folder.is_dir():
        raise FileProblem(f"{display_path(folder)}: is not a folder")
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}{MARK}{os.getpid()}-", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A private folder beside the targets in ``folder`` (so moves out of it are atomic),
    removed afterwards; a killed run's is swept by the next."""
    path = Path(tempfile.mkdtemp(prefix=f"{MARK}{os.getpid()}-", dir=folder))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def commit(moves: Sequence[tuple[Path, Path]]) -> None:
    """Move each staged file to its target, all of one document together.

    The journal is written first; the targets that are not the first (the PDF) are removed
    before the first (the .docx) is replaced, so no moment shows a new .docx beside an old PDF.
    """
    first = moves[0][1]
    journal = first.with_name(f".{first.name}{_JOURNAL}")
    record = {"pid": os.getpid(), "moves": [[str(a), str(b)] for a, b in moves]}
    write_atomically(journal, json.dumps(record).encode())
    for _, target in moves[1:]:
        target.unlink(missing_ok=True)
    _roll_forward(moves)
    journal.unlink(missing_ok=True)


def _roll_forward(moves: Sequence[tuple[Path, Path]]) -> None:
    for staged, target in moves:
        if staged.exists():
            os.replace(staged, target)


def sweep(folder: Path) -> list[Path]:
    """Finish the commits a killed run left in ``folder`` and remove what dead runs left there
    (staging folders and temporary files); return what was removed or completed."""
    done = []
    for journal in sorted(folder.glob(f".*{_JOURNAL}")):
        try:
            record = json.loads(journal.read_text("utf-8"))
            moves = [(Path(a), Path(b)) for a, b in record["moves"]]
        except (OSError, ValueError, TypeError, KeyError):
            record, moves = {}, []
        if process_alive(record.get("pid", 0)):
            continue  # another run is committing it now
        for _, target in moves[1:]:
            if moves[0][0].exists():  # the .docx had not moved: its old PDF goes first
                target.unlink(missing_ok=True)
        _roll_forward(moves)
        journal.unlink(missing_ok=True)
        done.append(journal)
    for leftover in sorted(folder.glob(f"*{MARK}*")):
        if writer_gone(leftover.name, MARK):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(
                missing_ok=True
            )
            done.append(leftover)
    return done


def writer_gone(name: str, mark: str) -> bool:
    """Whether the process whose id a temporary name carries after ``mark`` (``…<mark><process
    id>-…``) has ended; False for a name that carries none."""
    try:
        pid = int(name.rsplit(mark, 1)[1].split("-", 1)[0])  # the last: a journal's own
    except (IndexError, ValueError):
        return False
    return not process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (on Windows, assumed so: nothing is swept early)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
