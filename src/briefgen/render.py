"""Render a Word template with a context: docxtpl's output made deterministic bytes.

The template is opened and filled in by ``docx_template`` (docxtpl in the environment
``environment.py`` makes, each rendered part well formed, columns fitted after ``{%tc %}``);
here the filled-in document is held to briefgen's other rules: its tables' rows laid out on its
pages (``row_breaks``), a briefing put into a cover (``compose``), document properties and zip
that carry nothing that changes between builds (same input, same bytes), and Word's property
elements in the schema's order (``ooxml_order``). Writing the bytes is ``outputs``'.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docxtpl import DocxTemplate

from . import __version__, compose
from .context import build_context
from .cover_fit import set_language
from .docx_template import FillFailed, Template, fill, open_template
from .errors import TemplateProblem, display_path
from .lazy_parts import untouched
from .model import Assessment
from .ooxml_order import in_word_part, part_in_order
from .package_zip import DocxZip
from .row_breaks import keep_rows_whole
from .template_cache import as_written, in_order

#: The language generated documents declare (spelling, screen readers).
LANGUAGE = "en-GB"


def render_bytes(assessment: Assessment, template: Path, into: Path | None = None) -> bytes:
    """The rendered document as deterministic .docx bytes; TemplateProblem if it cannot be.

    With ``into``, the rendered template is inserted into that cover document (itself a
    template) where it says ``{{p briefing }}``, and the cover is what is returned.
    """
    context = build_context(assessment)
    data = render_document(template, context, lay_out=into is None)
    if into is None:
        return data
    cover = open_template(into)
    language = cover.docx.core_properties.language or LANGUAGE
    briefing = compose.briefing_for(cover, data, into, language)
    set_language(cover.docx, language)
    return render_document(into, {**context, "briefing": briefing}, cover, language=language)


def render_document(
    template: Path,
    context: dict[str, Any],
    tpl: Template | None = None,
    lay_out: bool = True,
    language: str = LANGUAGE,
) -> bytes:
    """``template`` (or its open ``tpl``) rendered with ``context``, as deterministic bytes;
    its tables' rows laid out on its pages (``row_breaks``) unless ``lay_out`` is false (a
    briefing that goes into a cover is laid out there, in the cover's pages and styles).
    ``language`` is the one its properties declare."""
    name = display_path(template)
    tpl = tpl or open_template(template)
    try:
        fill(tpl, context)
    except FillFailed as exc:
        raise TemplateProblem(name, exc.message) from None
    if lay_out:
        keep_rows_whole(tpl.docx)
    _fix_properties(tpl, language)
    return _save(tpl)


def _fix_properties(tpl: DocxTemplate, language: str) -> None:
    """Document properties that do not change from one build to the next."""
    props = tpl.docx.core_properties
    props.language = language
    # Not props.revision: with docxcompose installed, python-docx then writes a second
    # <cp:revision> in the wrong namespace. The templates carry revision 1 already.
    element = props._element
    for tag in ("created", "modified", "lastPrinted", "lastModifiedBy"):
        for child in element.findall(f"{{*}}{tag}"):
            element.remove(child)


class _ZipWriter:
    """python-docx's physical package writer, but every member with the same timestamp and
    attributes, each part compressed once for good (``package_zip``): the same for the same
    input."""

    def __init__(self, buffer: io.BytesIO):
        self._buffer = buffer
        self._zip = DocxZip()

    def write(self, pack_uri: Any, blob: bytes, keep: bool = True) -> None:
        self._zip.write(pack_uri.membername, blob, keep)

    def close(self) -> None:
        self._buffer.write(self._zip.close())


def _app_properties() -> bytes:
    """The application properties (docProps/app.xml) as far as they are true: briefgen made the
    document, this version (as Word writes it, XX.YYYY). Pages, words and lines are known only
    once a word processor lays the document out, so none are claimed."""
    major, minor, patch = (int(n) for n in __version__.split(".")[:3])
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>briefgen</Application><AppVersion>{major:02d}.'
        f"{minor:02d}{patch:02d}</AppVersion></Properties>"
    ).encode()


def _package_properties(package: Any) -> None:
    """The package's own parts made true: no thumbnail (python-docx's default template ships
    a blank one, which would stand for every document in a file browser) and application
    properties that say briefgen made it, not the template's word processor and its counts."""
    for rid, rel in list(package.rels.items()):
        if rel.is_external:
            continue
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_properties()


def _save(tpl: Template) -> bytes:
    """The rendered document's bytes, saved as python-docx's ``OpcPackage.save`` saves it
    (docxtpl's ``save`` adds nothing briefgen uses), through :class:`_ZipWriter`, with Word's
    property elements in the order the schema requires (``ooxml_order``). The parts the
    render filled in are put in order and compressed afresh; the others (styles, numbering,
    …) are written as kept from before where they are as they were (``template_cache``,
    ``package_zip``)."""
    tpl.pre_processing()
    package = tpl.docx.part.package
    _package_properties(package)
    parts = list(package.parts)
    filled = {part.partname for part in tpl.filled_parts()}
    ordered: dict[Any, bytes] = {}
    for part in parts:
        part.before_marshal()
        raw = untouched(part)  # a part nobody read (lazy_parts): written as it is kept
        if raw is not None and in_word_part(part.partname.membername):
            ordered[part.partname] = as_written(raw)
            continue
        element = getattr(part, "_element", None)
        if element is not None and in_word_part(part.partname.membername):
            ordered[part.partname] = in_order(element, keep=part.partname not in filled)
        elif element is None:  # a part docxtpl left as rendered bytes (the footnotes)
            part._blob = part_in_order(part.partname.membername, part.blob)
    buffer = io.BytesIO()
    writer = _ZipWriter(buffer)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:  # PackageWriter._write_parts, each Word part as put in order
        writer.write(
            part.partname, ordered.get(part.partname) or part.blob, keep=part.partname not in filled
        )
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buffer.getvalue()
