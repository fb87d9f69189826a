"""Convert .docx files to PDF with LibreOffice, headless, many files in one run.

LibreOffice runs in its own process group with a private profile, and dies with briefgen: on
Linux the kernel kills it if briefgen is killed, and briefgen kills it on any error, timeout or
interrupt. Its PDFs are then made reproducible (no creation date, no LibreOffice checksum, a
document ID computed from the content), so that the same input gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import PdfError
from .outputs import process_alive, staging

#: Tagged PDF (accessibility) from LibreOffice's Writer PDF export.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 300
#: The LibreOffice profiles in the temporary folder: briefgen-lo-<process id>-….
_PROFILE = "briefgen-lo-"
#: soffice.bin's exit status when it has just made its profile and asks to be started again.
_RESTART = 81


def soffice() -> str:
    """The LibreOffice executable, or a PdfError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError("PDF output needs LibreOffice, which is not installed: on Debian or Ubuntu "
                   "run 'apt-get install libreoffice-writer-nogui' (or install LibreOffice "
                   "from libreoffice.org) and try again")


def convert_to_pdf(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert every document in one LibreOffice run into ``out_dir``; return the PDFs, in
    the same order. Each PDF is moved into place only when all are made."""
    if not documents:
        return []
    with staging(out_dir) as stage:
        made = convert(documents, stage)
        pdfs = []
        for pdf in made:
            os.replace(pdf, out_dir / pdf.name)
            pdfs.append(out_dir / pdf.name)
    return pdfs


def convert(documents: Sequence[Path], out_dir: Path, exe: str | None = None) -> list[Path]:
    """Convert every document in one LibreOffice run, writing ``<stem>.pdf`` into
    ``out_dir``; return those PDFs, reproducible, in the same order. PdfError if any fails."""
    exe = exe or soffice()
    sweep_profiles()
    with tempfile.TemporaryDirectory(prefix=f"{_PROFILE}{os.getpid()}-") as work:
        profile = Path(work) / "profile"
        program = _direct(exe)
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", PDF_FILTER, "--outdir", str(out_dir),
                   *[str(d) for d in documents]]
        for _ in range(2):  # a new profile: soffice.bin makes it, then asks to start again
            returncode, output = _run(command, {**os.environ, "HOME": work})
            if returncode != _RESTART or program == exe:
                break
    made = [out_dir / (Path(d).stem + ".pdf") for d in documents]
    missing = [Path(d).name for d, pdf in zip(documents, made) if not pdf.is_file()]
    if returncode != 0 or missing:
        raise PdfError(f"LibreOffice could not convert {', '.join(missing) or 'the files'}"
                       f"{': ' + output if output else ''}")
    for pdf in made:
        make_reproducible(pdf)
    return made


def make_reproducible(pdf: Path) -> None:
    """Rewrite ``pdf`` without what changes from one conversion to the next: the creation
    date, LibreOffice's checksum, and an ID drawn from the time (one from the content instead).
    """
    import pikepdf  # only when PDFs are made

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        for key in ("/CreationDate", "/ModDate"):
            if key in document.docinfo:
                del document.docinfo[key]
        for key in ("/DocChecksum", "/ID"):
            if key in document.trailer:
                del document.trailer[key]
        tag_links(document)
        document.save(pdf, deterministic_id=True)


def tag_links(document: Any) -> int:
    """Give every link annotation LibreOffice left untagged (a footnote's number, linking back
    to where it is referred to) a Link structure element, so that a screen reader meets every
    link in the document's structure; how many were tagged.

    Each goes under the structure element of a tagged link beside it (its footnote), or under
    the document's own element.
    """
    import pikepdf

    tree = document.Root.get("/StructTreeRoot")
    numbers = tree.get("/ParentTree") if tree is not None else None
    if numbers is None or "/Nums" not in numbers or "/Kids" in numbers:
        return 0  # no structure, or a parent tree in pieces: left as LibreOffice wrote it
    nums = numbers.Nums
    elements = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    next_key = max(elements, default=-1) + 1
    top = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    tagged = 0
    for page in document.pages:
        links = [a for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        for annotation in links:
            if "/StructParent" in annotation:
                continue
            parent = next((elements[int(other.StructParent)].P for other in links
                           if "/StructParent" in other
                           and int(other.StructParent) in elements
                           and _beside(other.Rect, annotation.Rect)), top)
            link = document.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=parent, Pg=page.obj,
                Alt=pikepdf.String(f"Footnote {annotation.get('/Contents', '')}: back to the "
                                   "text that refers to it"),
                K=pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation,
                                                    Pg=page.obj)])))
            kids = parent.get("/K")
            parent.K = pikepdf.Array([link, *(kids if isinstance(kids, pikepdf.Array)
                                              else [kids] if kids is not None else [])])
            annotation.StructParent = next_key
            nums.extend([next_key, link])
            elements[next_key] = link
            next_key += 1
            tagged += 1
    if tagged:
        tree.ParentTreeNextKey = next_key
    return tagged


def _beside(one: Any, other: Any) -> bool:
    """Whether two annotation rectangles share a line (overlap vertically)."""
    return float(one[1]) < float(other[3]) and float(other[1]) < float(one[3])


def sweep_profiles() -> None:
    """Remove the LibreOffice profiles that killed runs left in the temporary folder."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PROFILE}*"):
        try:
            pid = int(folder.name[len(_PROFILE):].split("-", 1)[0])
        except (IndexError, ValueError):
            continue
        if not process_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _direct(exe: str) -> str:
    """On Linux, LibreOffice's own program (soffice.bin) rather than the launcher script: only
    a direct child can be told to die with briefgen."""
    program = Path(os.path.realpath(exe)).with_name("soffice.bin")
    return str(program) if sys.platform.startswith("linux") and program.is_file() else exe


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, before exec
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _run(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run LibreOffice in its own process group; kill the group on error, timeout or
    interrupt. Its exit status and what it said."""
    linux = sys.platform.startswith("linux")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True, env=env,
                               start_new_session=os.name == "posix",
                               preexec_fn=_die_with_parent if linux else None)
    try:
        out, err = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise PdfError(f"LibreOffice did not finish converting within {TIMEOUT_SECONDS} "
                       "seconds") from None
    except BaseException:
        _kill(process)
        raise
    return process.returncode, (err or out or "").strip()


def _kill(process: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
