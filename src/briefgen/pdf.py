"""Convert .docx files to PDF with LibreOffice, headless, many files in one run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import PdfError

#: Tagged PDF (accessibility) from LibreOffice's Writer PDF export.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 300


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
    """Convert every document in one LibreOffice run; return the PDFs, in the same order.

    LibreOffice writes into a private folder first; each PDF is then moved into ``out_dir``,
    so a failed run leaves no partial PDF and an older PDF is never mistaken for a new one.
    """
    if not documents:
        return []
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="briefgen-lo-") as work:
        profile, staging = Path(work) / "profile", Path(work) / "pdf"
        # A private profile: runs beside (or without) a desktop LibreOffice.
        command = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", PDF_FILTER, "--outdir", str(staging),
                   *[str(d) for d in documents]]
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice did not finish converting within "
                           f"{TIMEOUT_SECONDS} seconds") from None
        made = [staging / (Path(d).stem + ".pdf") for d in documents]
        missing = [Path(d).name for d, pdf in zip(documents, made) if not pdf.is_file()]
        if result.returncode != 0 or missing:
            detail = (result.stderr or result.stdout).strip()
            raise PdfError(f"LibreOffice could not convert {', '.join(missing) or 'the files'}"
                           f"{': ' + detail if detail else ''}")
        pdfs = []
        for pdf in made:
            target = out_dir / pdf.name
            shutil.move(pdf, target)
            pdfs.append(target)
    return pdfs
