"""Every part of a .docx checked against the ECMA-376 transitional schemas (``tests/xsd``).

Word reads a part through Markup Compatibility (ECMA-376 Part 3) before it checks it against
the schema, and so does :func:`schema_problems`: the namespaces a part lists in
``mc:Ignorable`` (``w14``, ``w15``, … in what Word and LibreOffice write) are dropped, elements
and attributes alike, ``mc:AlternateContent`` is replaced by its ``mc:Fallback`` (what a
processor that knows no extension uses), and the ``mc:`` attributes themselves are removed.
What remains must be valid transitional OOXML.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: The schema of each namespace a part's root element may be in.
SCHEMAS = {
    "http://www.w3.org/XML/1998/namespace": "xml.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        "shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": (
        "shared-customXmlDataProperties.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": (
        "opc-xsd/opc-coreProperties.xsd"
    ),
}
#: Where the schemas' imports from the web are found here.
_OFFLINE = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dublin-core/dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dublin-core/dcterms.xsd",
}


class _Offline(etree.Resolver):
    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url in _OFFLINE:
            return self.resolve_filename(str(XSD / _OFFLINE[url]), context)
        return None


@cache
def schema() -> etree.XMLSchema:
    """One schema importing every namespace of :data:`SCHEMAS`."""
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{location}"/>'
        for ns, location in SCHEMAS.items()
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    driver = etree.fromstring(
        f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>',
        parser,
        base_url=str(XSD / "all.xsd"),
    )
    return etree.XMLSchema(driver)


def compatible(root: etree._Element) -> etree._Element:
    """``root`` as a processor that knows no extension reads it (Markup Compatibility)."""
    ignorable = set()
    for element in root.iter("{*}*"):
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            ignorable.add(element.nsmap.get(prefix))
    for alternative in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent, fallback = alternative.getparent(), alternative.find(f"{{{MC}}}Fallback")
        position = parent.index(alternative)
        for child in list(fallback) if fallback is not None else []:
            parent.insert(position, child)
            position += 1
        parent.remove(alternative)
    for element in list(root.iter("{*}*")):
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del element.attrib[name]
    return root


def schema_problems(data: bytes) -> list[str]:
    """Every part of the .docx ``data`` that is not valid transitional OOXML, as
    "part: line: message" lines; also a part that is not XML, or a name the zip holds twice."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        found += [
            f"{name}: in the package {names.count(name)} times"
            for name in sorted(set(names))
            if names.count(name) > 1
        ]
        for name in names:
            if not name.endswith((".xml", ".rels")):
                found.append(f"{name}: not an XML part")
                continue
            root = compatible(etree.fromstring(package.read(name)))
            if not schema().validate(root):
                found += [f"{name}: {e.line}: {e.message}" for e in schema().error_log]
    return found
