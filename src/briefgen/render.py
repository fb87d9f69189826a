"""Render a Word template with a context: docxtpl, made deterministic and written atomically.

docxtpl does the rendering, in the environment ``environment.py`` makes; here its output is held
to briefgen's rules: the rendered XML must be well formed, a table's columns fit its cells once
``{%tc %}`` tags have come and gone, the document properties and zip carry nothing that changes
between builds (same input, same bytes), Word's property elements keep the schema's order
(``ooxml_order``), and the file is written through a temporary file so a failure never leaves
a half-written document or clobbers the previous good one.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from . import __version__, compose
from .context import build_context
from .cover_fit import set_language
from .docx_package import NOT_A_DOCX, package_problem, parse_xml
from .environment import make_environment
from .errors import TemplateProblem, display_path
from .lazy_parts import open_document, untouched
from .model import Assessment
from .ooxml_order import in_word_part, part_in_order
from .package_zip import DocxZip
from .row_breaks import keep_rows_whole
from .table_geometry import grid_span, set_cell_widths
from .template_cache import as_written, in_order, prepared
from .word_places import describe_error, template_line, where

#: The language generated documents declare (spelling, screen readers).
LANGUAGE = "en-GB"


class Template(DocxTemplate):
    """docxtpl's template, remembering what it renders so that errors can be located.

    Also where briefgen departs from docxtpl: each footnotes part is rendered exactly once
    (docxtpl renders it once per section, each time from the last render's output, so that
    input data would be read as template code), and entities inside tags (``&apos;``, as
    LibreOffice writes an apostrophe) are decoded before Jinja sees them.
    """

    rendering: tuple[Any, str] | None = None

    def init_docx(self, reload: bool = True) -> None:
        # docxtpl's, but the package opened by lazy_parts
        if not self.docx or (self.is_rendered and reload):  # type: ignore[has-type]
            self.docx = open_document(self.template_file)
            self.is_rendered = False

    def sources(self) -> Iterator[tuple[Any, str]]:
        """(part, XML as docxtpl hands it to :meth:`patch_xml`) for the body, each header
        and footer and each footnotes part: what :meth:`render` renders, in its order."""
        yield self.docx.part, self.get_xml()
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for _, part in self.get_headers_footers(uri):
                yield part, self.get_part_xml(part)
        for part in self.footnote_parts():
            yield part, xml_text(part.blob) if isinstance(part.blob, bytes) else part.blob

    def filled_parts(self) -> list[Any]:
        """The parts :meth:`render` fills in: the body, each header and footer, the
        footnotes (what :meth:`sources` gives, without reading their XML)."""
        return [
            self.docx.part,
            *(
                part
                for uri in (self.HEADER_URI, self.FOOTER_URI)
                for _, part in self.get_headers_footers(uri)
            ),
            *self.footnote_parts(),
        ]

    def footnote_parts(self) -> list[Any]:
        return [
            part
            for part in self.docx.part.package.iter_parts()
            if part.content_type == CT.WML_FOOTNOTES
        ]

    def render_footnotes(self, context, jinja_env=None):  # type: ignore[override]
        for part, source in self.sources():
            if part.content_type == CT.WML_FOOTNOTES:
                xml = self.render_xml_part(self.patch_xml(source), part, context, jinja_env)
                part._blob = xml.encode("utf-8")

    def patch_xml(self, src_xml):  # type: ignore[override]
        patched = _PATCHED.get(src_xml)
        if patched is None:  # each part of a template is prepared once (template_cache)
            patched = prepared(
                src_xml,
                lambda xml: _TAG_TEXT.sub(
                    lambda m: html.unescape(m.group(0)), super(Template, self).patch_xml(xml)
                ),
            )
            if len(_PATCHED) >= _MAX_PATCHED:
                _PATCHED.pop(next(iter(_PATCHED)))
            _PATCHED[src_xml] = patched
        return patched

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
        self.rendering = (part, src_xml)
        rendered = super().render_xml_part(src_xml, part, context, jinja_env)
        try:  # docxtpl later parses leniently: never let broken XML through to the file
            parse_xml(rendered.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            if "HUGE" in str(exc):  # libxml2's limit on one text or one nesting
                raise SecurityError(
                    "the template writes more than 10,000,000 characters of "
                    "text into one place, or nests too deep; look for a loop "
                    "that repeats too often"
                ) from None
            raise _BrokenXml(str(exc)) from None
        return rendered

    def render_properties(self, context, jinja_env=None):  # type: ignore[override]
        # Document properties are plain text that python-docx escapes when it saves them:
        # autoescaping here too would show "Devon &amp; Cornwall" in File › Properties.
        self.rendering = None
        super().render_properties(
            context, jinja_env.overlay(autoescape=False) if jinja_env else None
        )

    def fix_tables(self, xml):  # type: ignore[override]
        # Each table's width as the template gives it, before docxtpl rounds it off.
        widths = [sum(int(w) for w in _COLUMN_WIDTH.findall(grid)) for grid in _GRID.findall(xml)]
        tree = super().fix_tables(xml)
        for table, width in zip(tree.iter(qn("w:tbl")), widths, strict=False):
            fit_columns(table, width)
        return tree


class _BrokenXml(Exception):
    pass


def xml_text(blob: bytes) -> str:
    """An XML part's text, whatever encoding it was saved in (UTF-8, or UTF-16 as some programs
    write): a UTF-16 part is read and written out again as UTF-8, as it will be saved."""
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")) or blob[:2] in (b"<\x00", b"\x00<"):
        try:
            root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise _BrokenXml(str(exc)) from None
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return blob.decode("utf-8")


#: Parts prepared for Jinja, by their XML: patching is pure, so a part is prepared once.
_PATCHED: dict[str, str] = {}
_MAX_PATCHED = 64
#: The text inside a tag, as docxtpl finds it to clean it.
_TAG_TEXT = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})")


_GRID = re.compile(r"<w:tblGrid\b(?:[^>]*/>|.*?</w:tblGrid>)", re.DOTALL)
_COLUMN_WIDTH = re.compile(r'<w:gridCol\b[^>]*?w:w="(\d+)"')


def fit_columns(table: etree._Element, width: int | None = None) -> None:
    """Make a table's grid agree with its cells once ``{%tc %}`` tags have come and gone.

    docxtpl removes a ``{%tc %}`` tag's cell (so a column can be left out, or repeated with
    ``{%tc for %}``) but then only trims or pads the grid at its right-hand end, with equal
    widths. Here the cells are the truth: the columns left take the widths their cells have,
    in proportion, across the table's full width, and a row with merged cells (a band across
    the whole table) still reaches across it, its last merged cell taking up the difference.
    A table whose grid already matches its cells is left exactly as it is. ``width`` is the
    table's full width in twips (by default, what its grid adds up to).
    """
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return
    columns = grid.findall(qn("w:gridCol"))
    rows = [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]
    plain = [cells for cells in rows if cells and all(grid_span(c) == 1 for c in cells)]
    if not columns or not plain:
        return
    widest = max(plain, key=len)
    found = [_cell_width(c) for c in widest]
    widths = [w for w in found if w is not None]
    current = [int(c.get(qn("w:w"), "0")) for c in columns]
    total = width or sum(current)
    if (
        None in found
        or not total
        or (
            len(widths) == len(current)
            and all(abs(a - b) <= max(20, b // 100) for a, b in zip(widths, current, strict=False))
        )
    ):
        return
    scale = total / sum(widths)
    fitted = [int(w * scale) for w in widths]
    fitted[-1] += total - sum(fitted)
    for column in columns:
        grid.remove(column)
    for share in fitted:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(share))
    for cells in rows:
        spans = [grid_span(cell) for cell in cells]
        merged = [i for i, span in enumerate(spans) if span > 1]
        if merged:  # a row with merged cells still reaches across the table, at its last one
            spans[merged[-1]] = max(1, len(fitted) - sum(spans) + spans[merged[-1]])
            cells[merged[-1]].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").set(
                qn("w:val"), str(spans[merged[-1]])
            )
    set_cell_widths(rows, fitted)


def _cell_width(cell: etree._Element) -> int | None:
    """A cell's width in twentieths of a point, if it has a fixed one."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type"), "dxa") != "dxa":
        return None
    try:
        return int(width.get(qn("w:w"))) or None
    except (TypeError, ValueError):
        return None


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


def open_template(template: Path) -> Template:
    """A .docx opened as a template; TemplateProblem where it is not a Word document, or not
    one that is safe to open."""
    unsafe = package_problem(template)
    if unsafe:
        raise TemplateProblem(display_path(template), unsafe)
    try:
        tpl = Template(str(template))
        tpl.init_docx()  # opening the package is what fails on a file that is not .docx
    except NOT_A_DOCX:
        raise TemplateProblem(
            display_path(template),
            "is not a Word document (.docx) that can be opened; "
            "save it from Word or LibreOffice as .docx",
        ) from None
    _find_core_properties(tpl.docx.part.package)
    return tpl


#: The relationship type LibreOffice's plain "docx" export gives docProps/core.xml (an early
#: draft's spelling): python-docx does not know it, so it would make a second, default
#: core.xml ("Word Document") beside the template's, and write that name twice.
_CORE_PROPERTIES_AS_LIBREOFFICE = (
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)


def _find_core_properties(package: Any) -> None:
    """The template's own document properties (its title), however its relationship is spelt:
    related by the type the standard gives, so that they are the ones rendered and saved."""
    for rel in package.rels.values():
        if rel.reltype == _CORE_PROPERTIES_AS_LIBREOFFICE:
            rel._reltype = RT.CORE_PROPERTIES


def bounds_breach(template: Path, context: dict[str, Any]) -> str | None:
    """Where and how filling in ``template`` with ``context`` breaks the sandbox's bounds
    (sandbox.py), located in Word terms; None if it does not. Any other failure is left to
    the caller: with sample data it may come from a branch real data never takes."""
    tpl = open_template(template)
    try:
        fill(tpl, context)
    except SecurityError as exc:
        return describe_error(tpl, exc)
    except RecursionError as exc:
        return _ENDLESS.format(where=where(tpl, template_line(exc)))
    except Exception:  # noqa: BLE001 - the static check says what it can
        return None
    return None


_ENDLESS = "{where}: a macro or include calls itself without end"


def fill(tpl: Template, context: dict[str, Any]) -> None:
    """Fill in ``tpl`` with ``context`` in the sandboxed environment, within a fresh budget:
    the one step every render (and the check of a template's bounds) takes."""
    env = make_environment(tpl)
    env.budget.start()
    tpl.render(context, env, autoescape=True)


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
    except jinja2.TemplateError as exc:
        raise TemplateProblem(name, describe_error(tpl, exc)) from None
    except RecursionError as exc:
        raise TemplateProblem(name, _ENDLESS.format(where=where(tpl, template_line(exc)))) from None
    except _BrokenXml as exc:
        raise TemplateProblem(
            name,
            f"{where(tpl, None)}: the template produced XML that Word "
            f"cannot open ({exc}); check that each {{%p %}}, {{%tr %}} "
            "tag stands alone in its paragraph or row",
        ) from None
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
