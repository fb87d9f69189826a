"""A Word template opened and filled in: the one step ``render`` and ``template_check`` share.

:class:`Template` is docxtpl's template where briefgen departs from it (each part rendered once,
entities in tags decoded, every rendered part well formed, columns fitted after ``{%tc %}``);
:func:`open_template` opens a .docx as one, once ``docx_package`` has found it safe to open;
:func:`fill` fills one in with a context in the sandboxed environment (``environment.py``)
within a fresh budget, and says what went wrong in Word terms (:class:`FillFailed`). What
becomes of the filled-in template (laid out, saved as deterministic bytes) is ``render``'s.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from . import cache
from .docx_package import NOT_A_DOCX, package_problem, parse_xml
from .environment import make_environment
from .errors import TemplateProblem, display_path
from .lazy_parts import open_document
from .table_geometry import fit_columns
from .template_cache import prepared
from .word_places import describe_error, template_line, where


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
            yield part, _footnotes_source(part)

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
        for part in self.footnote_parts():
            source = self.patch_xml(_footnotes_source(part))
            part._blob = self.render_xml_part(source, part, context, jinja_env).encode("utf-8")

    def patch_xml(self, src_xml):  # type: ignore[override]
        patched = _PATCHED.get(src_xml)
        if patched is None:  # each part of a template is prepared once (template_cache)
            patched = prepared(
                src_xml,
                lambda xml: _TAG_TEXT.sub(
                    lambda m: html.unescape(m.group(0)), super(Template, self).patch_xml(xml)
                ),
            )
            cache.remember(_PATCHED, src_xml, patched, _MAX_PATCHED)
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
            root = parse_xml(blob)
        except etree.XMLSyntaxError as exc:
            raise _BrokenXml(str(exc)) from None
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return blob.decode("utf-8")


def _footnotes_source(part: Any) -> str:
    """A footnotes part's XML as docxtpl hands it on: its text, where python-docx keeps it as
    bytes (a part no one has parsed)."""
    return xml_text(part.blob) if isinstance(part.blob, bytes) else part.blob


#: Parts prepared for Jinja, by their XML: patching is pure, so a part is prepared once.
_PATCHED: dict[str, str] = {}
_MAX_PATCHED = 64
#: The text inside a tag, as docxtpl finds it to clean it.
_TAG_TEXT = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})")


_GRID = re.compile(r"<w:tblGrid\b(?:[^>]*/>|.*?</w:tblGrid>)", re.DOTALL)
_COLUMN_WIDTH = re.compile(r'<w:gridCol\b[^>]*?w:w="(\d+)"')


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


class FillFailed(Exception):
    """Filling in a template failed: ``message`` says where and how, in Word terms;
    ``beyond_bounds`` when it is the sandbox's bounds (``sandbox.py``) that stopped it, a
    failure that sample data shows as surely as real data."""

    def __init__(self, message: str, beyond_bounds: bool):
        super().__init__(message)
        self.message = message
        self.beyond_bounds = beyond_bounds


def fill(tpl: Template, context: dict[str, Any]) -> None:
    """Fill in ``tpl`` with ``context`` in the sandboxed environment, within a fresh budget:
    the one step every render (and the check of a template's bounds) takes. Raises
    :class:`FillFailed` where the template fails on this context."""
    env = make_environment(tpl)
    env.budget.start()
    try:
        tpl.render(context, env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise FillFailed(describe_error(tpl, exc), isinstance(exc, SecurityError)) from None
    except RecursionError as exc:
        raise FillFailed(
            f"{where(tpl, template_line(exc))}: a macro or include calls itself without end", True
        ) from None
    except _BrokenXml as exc:
        raise FillFailed(
            f"{where(tpl, None)}: the template produced XML that Word "
            f"cannot open ({exc}); check that each {{%p %}}, {{%tr %}} "
            "tag stands alone in its paragraph or row",
            False,
        ) from None
