"""A template opened without re-reading what does not change.

python-docx reads a whole package when it opens one: each XML part parsed, however little is done
with it. A template's styles (hundreds of kilobytes) and its numbering are only ever read while a
briefing is rendered, the same for every document, and written out as they came. So here:

- the package's files are read from the .docx once per process for the same bytes, and shared
  by every document made from it (python-docx never changes what it read);
- the styles and numbering parts are parsed only when something asks for their XML
  (:class:`_Lazy`); a part nobody asked for is written from its bytes (:func:`untouched`, and
  ``template_cache.as_written``), exactly as it would have been written once parsed;
- what only reads them (``text_measure``) reads a tree parsed once per process for the same
  bytes (:func:`read_only`), never the part's own, so nothing written can differ.

A part that is asked for (a cover whose styles ``--into`` changes) is parsed and written as
python-docx would, so the bytes written are the same either way.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from lxml import etree

from . import cache

#: The parts parsed only when asked for: read while rendering, never changed by it.
LAZY = frozenset({CT.WML_STYLES, CT.WML_NUMBERING})
#: Packages read, by the .docx's bytes; trees parsed to be read only, by a part's bytes.
_READ: dict[bytes, PackageReader] = {}
_SHARED: dict[bytes, etree._Element] = {}
_MAX_KEPT = 8


class _Lazy:
    """An XML part whose element is parsed from its bytes when first asked for."""

    _raw: bytes

    @property
    def _element(self) -> Any:
        element = self.__dict__.get("_parsed")
        if element is None:
            element = self.__dict__["_parsed"] = parse_xml(self._raw)
        return element

    @_element.setter
    def _element(self, value: Any) -> None:
        self.__dict__["_parsed"] = value


def open_document(template: str | Path) -> Any:
    """The python-docx Document of the .docx at ``template``, as ``docx.Document`` opens it
    (the same errors for a file that is not one), its styles and numbering parsed on need."""
    from docx.package import Package

    path = str(template)
    try:
        content: bytes | None = Path(path).read_bytes()
    except OSError:
        content = None  # python-docx says what is wrong with it
    reader = _READ.get(content) if content is not None else None
    if reader is None:
        reader = PackageReader.from_file(io.BytesIO(content) if content is not None else path)
        if content is not None:
            cache.remember(_READ, content, reader, _MAX_KEPT)
    package = Package()
    Unmarshaller.unmarshal(reader, package, _part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(
            f"file '{path}' is not a Word file, content type is '{document_part.content_type}'"
        )
    return document_part.document


def untouched(part: Part) -> bytes | None:
    """The bytes of a part nobody has asked for the XML of (as the template holds them);
    None for any other part."""
    if isinstance(part, _Lazy) and "_parsed" not in part.__dict__:
        return part._raw
    return None


def read_only(part: XmlPart) -> etree._Element:
    """``part``'s XML, to be read and never changed: its own element once it has been asked
    for, else a tree parsed once per process for the same bytes."""
    raw = untouched(part)
    if raw is None:
        return part.element
    tree = _SHARED.get(raw)
    if tree is None:
        tree = parse_xml(raw)
        cache.remember(_SHARED, raw, tree, _MAX_KEPT)
    return tree


def _part(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Part:
    """``PartFactory``, but a part of :data:`LAZY` made lazy."""
    if content_type in LAZY and PartFactory.part_class_selector is not None:
        selected = PartFactory.part_class_selector(content_type, reltype)
        cls = selected or PartFactory.part_type_for.get(content_type)
        if cls is not None and issubclass(cls, XmlPart) and "__init__" not in vars(cls):
            lazy = _lazy(cls)
            part = lazy.__new__(lazy)
            Part.__init__(part, partname, content_type, package=package)
            part._raw = blob
            return part  # type: ignore[no-any-return]
    return PartFactory(partname, content_type, reltype, blob, package)  # type: ignore[return-value]


def _lazy(cls: type[XmlPart]) -> Any:
    """``cls`` with its element parsed on need (one class made per part class)."""
    made = _CLASSES.get(cls)
    if made is None:
        made = _CLASSES[cls] = type(f"Lazy{cls.__name__}", (_Lazy, cls), {})
    return made


_CLASSES: dict[type[XmlPart], type] = {}
