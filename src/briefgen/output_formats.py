"""The formats a build writes, one entry each: its suffix, how it is made, how it is committed.

The first entry is the document the templates render (the .docx); each other entry is made from
it by a converter, in a staging folder beside the targets, and committed together with it
(``outputs.commit``), so a .docx is never new beside an old copy in another format. Adding an
output format (an HTML preview, Markdown) is one entry here: its key, its suffix, its label, its
media type (what ``briefgen serve`` tells a browser) and the function that, told the build's
options before anything is written, returns its converter (or raises what stops it, such as no
LibreOffice for a PDF).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import OptionError, did_you_mean


class Options(Protocol):
    """What a converter is made from: the build's options (``options.BuildOptions``), of which
    it reads these."""

    @property
    def soffice(self) -> str | None: ...

    @property
    def jobs(self) -> int | None: ...


#: Converts the staged documents into ``folder``: the files made, in the documents' order.
Converter = Callable[[Sequence[Path], Path], list[Path]]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: ``key`` as options name it, the file ``suffix``, a ``label`` for
    people, and ``converter`` (None for the rendered document itself)."""

    key: str
    suffix: str
    label: str
    media_type: str
    converter: Callable[[Options], Converter] | None = None

    def target(self, document: Path) -> Path:
        """Where this format's file for the rendered ``document`` goes: beside it."""
        return document.with_suffix(self.suffix)


def _pdf(options: Options) -> Converter:
    """LibreOffice (found before anything is written), a process per core, each PDF checked
    to hold every word of its .docx (``pdf_check``)."""
    from .pdf import find_soffice
    from .pdf_check import convert_checked

    exe = find_soffice(options.soffice)

    def convert(documents: Sequence[Path], folder: Path) -> list[Path]:
        return convert_checked(documents, folder, exe, options.jobs)

    return convert


#: Every output format, the rendered one first.
FORMATS: dict[str, OutputFormat] = {
    f.key: f
    for f in (
        OutputFormat(
            "docx",
            ".docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        OutputFormat("pdf", ".pdf", "PDF (through LibreOffice)", "application/pdf", _pdf),
    )
}
#: The format the templates render; every other is made from it.
RENDERED = next(iter(FORMATS.values()))


def document_name(folder: Path, template: Path) -> str:
    """The name of the document an assessment ``folder`` makes with ``template`` (or the cover
    it goes into) where no name is given: ``metropolitan-2018-19-summary-grid.docx``."""
    return f"{folder.resolve().name}-{template.stem}{RENDERED.suffix}"


def media_type(path: Path) -> str:
    """The media type a browser is told for a file briefgen wrote, by its suffix."""
    return next(
        (f.media_type for f in FORMATS.values() if f.suffix == path.suffix.lower()),
        "application/octet-stream",
    )


def checked_formats(keys: Sequence[str]) -> list[OutputFormat]:
    """The formats named by ``keys``, the rendered one first; OptionError for one not known."""
    for key in keys:
        if key not in FORMATS:
            raise OptionError(
                f"output format {key!r} is not known"
                f"{did_you_mean(key, list(FORMATS))}; known: {', '.join(FORMATS)}"
            )
    return [RENDERED, *(FORMATS[key] for key in dict.fromkeys(keys) if key != RENDERED.key)]


def converted(keys: Sequence[str]) -> list[OutputFormat]:
    """The formats of ``keys`` made from the rendered document."""
    return checked_formats(keys)[1:]
