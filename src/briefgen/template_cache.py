"""What a template's parts alone decide, worked out once and kept (``cache.py``).

Each part of a template prepared (docxtpl's clean-up) and compiled by Jinja depends on nothing
but its text and this briefgen's libraries, so both are kept in the cache: building with a
template that has not changed parses none of its parts again (whether it passes its check is
kept by ``template_verdicts.py``). A compiled part is kept as the code Jinja compiles it to
(``marshal``), read back only from an entry whose content hash is right, as Jinja's own
bytecode cache does.

A third answer depends only on a part's XML: the part as written, its property elements in
Word's order (``ooxml_order``). The parts a render leaves as they were (styles, numbering,
settings) are the same every time, so they are written as kept, not walked again.
"""

from __future__ import annotations

import marshal
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import cache

if TYPE_CHECKING:
    import jinja2
    from lxml import etree

_COMPILED = "compiled"
_ORDERED = "ordered"
_AS_WRITTEN = "as-written"
_PREPARED = "prepared"
_MAX_IN_ORDER = 64


def _as_kept(kept: bytes) -> bytes:
    return kept


#: Parts put in order, by their XML (serialized afresh each time: never the same object).
_IN_ORDER = cache.Answers(_ORDERED, _MAX_IN_ORDER, bytes, _as_kept, by_object=False)
#: Untouched parts as written, by the template's bytes for them (lazy_parts hands out a
#: template's parts' own bytes each time).
_WRITTEN = cache.Answers(_AS_WRITTEN, _MAX_IN_ORDER, bytes, _as_kept)


def compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """``env.from_string(source)``, with the compiled code kept by the source and the
    environment's settings."""
    import jinja2

    name = cache.key(
        _COMPILED, jinja2.__version__, type(env).__qualname__, repr(bool(env.autoescape)), source
    )
    code = cache.kept(_COMPILED, name, lambda: env.compile(source), marshal.dumps, _code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def prepared(source: str, prepare: Callable[[str], str]) -> str:
    """``prepare(source)``: a part's XML made ready for Jinja (docxtpl's clean-up of tags Word
    split), kept by the part's XML."""
    name = cache.key(_PREPARED, libraries(), source)
    return cache.kept(_PREPARED, name, lambda: prepare(source), str.encode, _text)


def in_order(element: etree._Element, keep: bool = True) -> bytes:
    """A part's XML as written to the package: ``element`` serialized as python-docx does,
    its property elements in Word's order (``element`` itself is put in order only when the
    answer is not known already). Without ``keep`` (a part filled in with an assessment's
    data, different each time) the answer is worked out and not kept."""
    from docx.opc.oxml import serialize_part_xml

    from .ooxml_order import put_in_order

    if not keep:
        put_in_order(element)
        return serialize_part_xml(element)
    raw = serialize_part_xml(element)
    return _IN_ORDER.answer(
        raw, lambda: serialize_part_xml(element) if put_in_order(element) else raw
    )


def as_written(raw: bytes) -> bytes:
    """A template's XML part nobody changed, as it is written to a document: what python-docx
    makes of ``raw`` (parsed, then serialized) put in order (:func:`in_order`), kept by
    ``raw``'s hash, so an unchanged part is neither parsed nor serialized again."""
    from docx.oxml.parser import parse_xml

    return _WRITTEN.answer(raw, lambda: in_order(parse_xml(raw)))


def libraries() -> str:
    """The versions of the libraries a check's answer depends on."""
    from .light_imports import docxtpl_lightly

    docxtpl_lightly()
    import docx
    import docxtpl
    import jinja2

    return f"{docx.__version__} {docxtpl.__version__} {jinja2.__version__}"


def _code(kept: bytes) -> types.CodeType | None:
    try:
        code = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, types.CodeType) else None


def _text(kept: bytes) -> str | None:
    try:
        return kept.decode("utf-8")
    except UnicodeDecodeError:
        return None
