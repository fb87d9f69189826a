"""The python-docx internals briefgen relies on, pinned: ``render._save`` writes a document as
``OpcPackage.save`` does (each part's ``before_marshal``, then ``PackageWriter``'s three steps)
through its own zip writer, so that the zip is written once with fixed timestamps; and it puts
property elements in order on a part's ``_element`` (or, for a part docxtpl left as bytes, its
``_blob``). pyproject.toml bounds python-docx below its next minor release; raise the bound
only with this test passing.
"""

from __future__ import annotations

import inspect

import docx
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.opc.pkgwriter import PackageWriter

from briefgen import lazy_parts
from briefgen.templates import builtin_templates


def test_the_package_writer_steps_briefgen_calls():
    for name, parameters in (
        ("_write_content_types_stream", ["phys_writer", "parts"]),
        ("_write_pkg_rels", ["phys_writer", "pkg_rels"]),
        ("_write_parts", ["phys_writer", "parts"]),
    ):
        method = getattr(PackageWriter, name, None)
        assert callable(method), f"python-docx changed: PackageWriter.{name} is gone"
        assert list(inspect.signature(method).parameters) == parameters, (
            f"python-docx changed: PackageWriter.{name} now takes "
            f"{list(inspect.signature(method).parameters)}"
        )
    save = inspect.getsource(OpcPackage.save)
    assert "before_marshal" in save and "PackageWriter.write" in save, (
        "python-docx changed how OpcPackage.save writes a package; render._save copies it"
    )


def test_the_parts_briefgen_reads_and_writes():
    document = docx.Document(str(builtin_templates()["briefing"]))
    parts = list(document.part.package.parts)
    assert all(callable(getattr(part, "before_marshal", None)) for part in parts)
    xml_parts = [part for part in parts if isinstance(part, XmlPart)]
    assert xml_parts and all(part._element is not None for part in xml_parts)
    plain = [part for part in parts if type(part) is Part]
    assert all(isinstance(part._blob, bytes) for part in plain)
    assert all(hasattr(part.partname, "membername") for part in parts)


def test_the_relationship_and_blob_briefgen_sets():
    """``render`` relates a template's core properties by the standard type where LibreOffice
    spelt it otherwise (a relationship's ``_reltype``), drops the thumbnail's relationship
    from the package's ``rels`` (a dict by rId) and replaces app.xml's ``_blob``."""
    document = docx.Document(str(builtin_templates()["briefing"]))
    rels = document.part.package.rels
    assert isinstance(rels, dict)
    for rel in rels.values():
        assert rel._reltype == rel.reltype
    app = next(
        rel.target_part for rel in rels.values() if rel.reltype.endswith("/extended-properties")
    )
    assert type(app) is Part and app.blob == app._blob


def test_the_opening_lazy_parts_copies():
    """``lazy_parts`` opens a package as ``OpcPackage.open`` does (``PackageReader``, then
    ``Unmarshaller.unmarshal`` with a part factory of ``PartFactory``'s signature), makes the
    styles and numbering parts (classes without an ``__init__`` of their own) lazy by their
    ``_element``, and reads the styles through ``DocumentPart._styles_part``."""
    from docx.opc.package import Unmarshaller
    from docx.opc.part import PartFactory
    from docx.parts.document import DocumentPart

    opened = inspect.getsource(OpcPackage.open)
    assert "PackageReader.from_file" in opened and "Unmarshaller.unmarshal" in opened
    assert list(inspect.signature(Unmarshaller.unmarshal).parameters) == [
        "pkg_reader",
        "package",
        "part_factory",
    ]
    assert list(inspect.signature(PartFactory.__new__).parameters)[1:] == [
        "partname",
        "content_type",
        "reltype",
        "blob",
        "package",
    ]
    for content_type in lazy_parts.LAZY:
        cls = PartFactory.part_type_for[content_type]
        assert issubclass(cls, XmlPart) and "__init__" not in vars(cls)
    assert "self._element" in inspect.getsource(XmlPart.blob.fget)
    assert isinstance(DocumentPart._styles_part, property)
