"""Convert .docx files to PDF with LibreOffice, headless, many files in one run.

LibreOffice runs in its own process group with a private profile, and dies with briefgen: on
Linux the kernel kills it if briefgen is killed, and briefgen kills it on any error, timeout or
interrupt. The profile forbids it the network (no linked image, template or file is fetched,
whatever a document names), and its temporary files go inside the profile's folder, which the
next run sweeps if this one is killed. Its PDFs are then made reproducible (no creation date,
no LibreOffice checksum, a document ID computed from the content), so that the same input
gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import PdfError
from .outputs import writer_gone
from .workers import worker_count

#: Tagged PDF (accessibility) from LibreOffice's Writer PDF export.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 300
#: The LibreOffice profiles in the temporary folder: briefgen-lo-<process id>-….
_PROFILE = "briefgen-lo-"
#: soffice.bin's exit status when it has just made its profile and asks to be started again.
RESTART = 81
#: The settings every profile starts with: links from a document to anything outside it are
#: blocked (BlockUntrustedRefererLinks: linked images and files) and never updated (Writer's
#: Update/Link 2 = never), so that converting a document never reaches the network.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link"
 oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link"
 oor:op="fuse"><value>2</value></prop></item>
</oor:items>
"""
#: What LibreOffice says when the disk is full, and what briefgen says instead.
_NO_ROOM = "Class:Space"


#: Where LibreOffice's installers put it, beyond the PATH.
_INSTALLED = {
    "win32": [
        r"{ProgramFiles}\LibreOffice\program\soffice.exe",
        r"{ProgramFiles(x86)}\LibreOffice\program\soffice.exe",
    ],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}
#: Where Microsoft Word is, where it may stand in for LibreOffice (through docx2pdf).
_WORD = {
    "win32": [
        r"{ProgramFiles}\Microsoft Office\root\Office16\WINWORD.EXE",
        r"{ProgramFiles(x86)}\Microsoft Office\root\Office16\WINWORD.EXE",
    ],
    "darwin": ["/Applications/Microsoft Word.app"],
}
#: What to do when no converter is found, on each system.
_INSTALL = {
    "win32": "install LibreOffice from libreoffice.org (or, with Microsoft Word installed, "
    "run 'pip install briefgen[word]')",
    "darwin": "install LibreOffice from libreoffice.org, or 'brew install --cask libreoffice' "
    "(or, with Microsoft Word installed, run 'pip install briefgen[word]')",
    "linux": "on Debian or Ubuntu run 'apt-get install libreoffice-writer-nogui' (on Fedora, "
    "'dnf install libreoffice-writer')",
}
ENVIRONMENT_VARIABLE = "BRIEFGEN_SOFFICE"
#: The converter that stands for Microsoft Word (through docx2pdf).
WORD = "word"


def find_soffice(
    explicit: str | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    exists: Callable[[str], bool] = os.path.isfile,
    which: Callable[[str], str | None] = shutil.which,
    word_installed: Callable[[], bool] | None = None,
) -> str:
    """The program that makes PDFs: LibreOffice's ``soffice`` as ``--soffice`` names it, or the
    ``BRIEFGEN_SOFFICE`` setting, or as found on the PATH or where its installer puts it on
    Windows and macOS; failing those, :data:`WORD` where Microsoft Word and docx2pdf are there.
    PdfError saying how to install LibreOffice on this system when there is none."""
    environ = os.environ if environ is None else environ
    named = explicit or environ.get(ENVIRONMENT_VARIABLE)
    if named:
        if exists(named):
            return named
        origin = "--soffice" if explicit else ENVIRONMENT_VARIABLE
        raise PdfError(
            f"{origin} {named}: no such program; name LibreOffice's soffice "
            f"({_installed_example(platform)})"
        )
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return found
    for pattern in _INSTALLED.get(platform, []):
        candidate = _expand(pattern, environ)
        if candidate and exists(candidate):
            return candidate
    if (word_installed or (lambda: word_is_installed(platform, environ, exists)))():
        return WORD
    system = platform if platform in _INSTALL else "linux"
    raise PdfError(
        f"PDF output needs LibreOffice, which is not installed: {_INSTALL[system]}; "
        f"or name it with --soffice PATH or {ENVIRONMENT_VARIABLE}, and try again"
    )


def soffice() -> str:
    """The program that makes PDFs on this machine (see :func:`find_soffice`)."""
    return find_soffice()


def _expand(pattern: str, environ: Mapping[str, str]) -> str | None:
    try:
        return pattern.format_map(environ)
    except KeyError:  # a Windows setting this machine does not have
        return None


def _installed_example(platform: str) -> str:
    return {
        "win32": r"C:\Program Files\LibreOffice\program\soffice.exe",
        "darwin": _INSTALLED["darwin"][0],
    }.get(platform, "/usr/bin/soffice")


def word_is_installed(
    platform: str, environ: Mapping[str, str], exists: Callable[[str], bool]
) -> bool:
    """Whether Microsoft Word and the docx2pdf package that drives it are both here."""
    if platform not in _WORD:
        return False
    try:
        import docx2pdf  # noqa: F401  (only where the [word] extra is installed)
    except ImportError:
        return False
    return any(
        (path := _expand(p, environ)) and (exists(path) or os.path.isdir(path))
        for p in _WORD[platform]
    )


def convert_in_parallel(
    documents: Sequence[Path], out_dir: Path, exe: str | None = None, workers: int | None = None
) -> list[Path]:
    """:func:`convert`, the documents shared between as many LibreOffice processes as there
    are cores (each with its own profile); the PDFs in the order of ``documents``."""
    exe = exe or soffice()
    count = worker_count(workers, len(documents))
    if count <= 1 or exe == WORD:
        return convert(documents, out_dir, exe)
    shares = [list(documents[start::count]) for start in range(count)]
    pool = ThreadPoolExecutor(max_workers=count)
    try:
        made = list(pool.map(lambda share: convert(share, out_dir, exe), shares))
    except BaseException:  # an interrupt reaches this thread only: stop the others' too
        stop_all()
        raise
    finally:
        pool.shutdown(wait=True)
    pdfs = {pdf.stem: pdf for share in made for pdf in share}
    return [pdfs[Path(document).stem] for document in documents]


def convert(documents: Sequence[Path], out_dir: Path, exe: str | None = None) -> list[Path]:
    """Convert every document in one LibreOffice run, writing ``<stem>.pdf`` into
    ``out_dir``; return those PDFs, reproducible, in the same order. PdfError if any fails."""
    exe = exe or soffice()
    if exe == WORD:
        return _convert_with_word(documents, out_dir)
    sweep_profiles()
    with tempfile.TemporaryDirectory(prefix=f"{_PROFILE}{os.getpid()}-") as work:
        profile = Path(work) / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, "utf-8")
        temporary = Path(work) / "tmp"  # LibreOffice's lu*.tmp files: swept with the profile
        temporary.mkdir()
        program = _direct(exe)
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *[str(d) for d in documents],
        ]
        env = {
            **os.environ,
            "HOME": work,
            "TMPDIR": str(temporary),
            "TMP": str(temporary),
            "TEMP": str(temporary),
        }
        for _ in range(2):  # a new profile: soffice.bin makes it, then asks to start again
            returncode, output = run_soffice(command, env)
            if returncode != RESTART or program == exe:
                break
    made = [out_dir / (Path(d).stem + ".pdf") for d in documents]
    missing = [Path(d).name for d, pdf in zip(documents, made, strict=False) if not pdf.is_file()]
    if _NO_ROOM in output:
        folder = out_dir.parent if out_dir.name.startswith(".") else out_dir
        raise PdfError(
            f"{folder.resolve()}: no room left on the disk for the PDF; make room, and build again"
        )
    if returncode != 0 or missing:
        raise PdfError(
            f"LibreOffice could not convert {', '.join(missing) or 'the files'}"
            f"{': ' + output if output else ''}"
        )
    for pdf, document in zip(made, documents, strict=True):
        try:
            make_reproducible(pdf, Path(document))
        except Exception:  # noqa: BLE001 - pikepdf's errors for what is not a PDF
            raise PdfError(
                f"{exe} did not make a PDF of {Path(document).name} (what it wrote "
                "cannot be read as one); name LibreOffice's soffice with --soffice"
            ) from None
    return made


def _convert_with_word(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    """Microsoft Word's PDFs, through docx2pdf: where Word is installed and LibreOffice is not.
    (Not run on real Word here: briefgen's tests check only that it is chosen as it should
    be.)"""
    from docx2pdf import convert as word_convert  # pragma: no cover - needs Microsoft Word

    made = []
    for document in documents:  # pragma: no cover
        pdf = out_dir / (Path(document).stem + ".pdf")
        try:
            word_convert(str(document), str(pdf))
        except Exception as exc:  # noqa: BLE001 - Word's automation fails in many ways
            raise PdfError(
                f"Microsoft Word could not convert {Path(document).name}: {exc}"
            ) from None
        make_reproducible(pdf, Path(document))
        made.append(pdf)
    return made


def make_reproducible(pdf: Path, source: Path | None = None) -> None:
    """Rewrite ``pdf`` without what changes from one conversion to the next: the creation
    date, LibreOffice's checksum, and an ID drawn from the time (one from the content instead);
    with every link tagged and what PDF/UA asks for added (``pdf_access``; ``source`` is the
    .docx it was made from).
    """
    import pikepdf  # only when PDFs are made

    from .pdf_access import make_accessible, tag_links

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        for key in ("/CreationDate", "/ModDate"):
            if key in document.docinfo:
                del document.docinfo[key]
        for key in ("/DocChecksum", "/ID"):
            if key in document.trailer:
                del document.trailer[key]
        tag_links(document)
        make_accessible(document, source)
        document.save(pdf, deterministic_id=True)


def sweep_profiles() -> None:
    """Remove the LibreOffice profiles that killed runs left in the temporary folder."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PROFILE}*"):
        if writer_gone(folder.name, _PROFILE):
            shutil.rmtree(folder, ignore_errors=True)


def _direct(exe: str) -> str:
    """On Linux, LibreOffice's own program (soffice.bin) rather than the launcher script: only
    a direct child can be told to die with briefgen."""
    program = Path(os.path.realpath(exe)).with_name("soffice.bin")
    return str(program) if sys.platform.startswith("linux") and program.is_file() else exe


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, before exec
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


#: The LibreOffice processes running now, so that an interrupt stops every one of them.
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()


def run_soffice(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run LibreOffice in its own process group; kill the group on error, timeout or
    interrupt. Its exit status and what it said."""
    linux = sys.platform.startswith("linux")
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        errors="replace",
        start_new_session=os.name == "posix",
        preexec_fn=_die_with_parent if linux else None,
    )
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    try:
        out, err = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise PdfError(
            f"LibreOffice did not finish converting within {TIMEOUT_SECONDS} seconds"
        ) from None
    except BaseException:
        _kill(process)
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    return process.returncode, (err or out or "").strip()


def stop_all() -> None:
    """Kill every LibreOffice process this run started (on an interrupt)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
