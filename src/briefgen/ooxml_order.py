"""Word's own rules for element order: the children of six property elements and of the
document's settings put in the order the OOXML schema (ECMA-376 Part 1, wml.xsd) requires, and
the attributes the schema requires given where a template left them out.

python-docx, docxtpl (``{% cellbg %}`` adds a ``w:shd``) and docxcompose append children where
it is convenient, and Word may call a file whose ``w:tblCaption`` stands before ``w:tblLook``
"unreadable content". Each sequence below is the schema's, as data: a child's rank is the
position of its group; children of one group (a ``xsd:choice``) may come in any order. A child
the schema does not list here (an extension) keeps its place after the child before it.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .docx_package import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The namespaces of the children the sequences name with a prefix ("m:mathPr").
_PREFIXES = {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}

#: CT_Settings (word/settings.xml): a sequence of single children, in the schema's order.
_SETTINGS = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids m:mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType sl:schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator"
)

#: For each property element, its children's groups in schema order (a group: names that may
#: come in any order among themselves). From ECMA-376 Part 1, wml.xsd: CT_TblPr, CT_TcPr,
#: CT_TrPr, CT_PPr, CT_RPr / CT_ParaRPr, CT_SectPr and CT_Settings.
SEQUENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "tblPr": (
        ("tblStyle",),
        ("tblpPr",),
        ("tblOverlap",),
        ("bidiVisual",),
        ("tblStyleRowBandSize",),
        ("tblStyleColBandSize",),
        ("tblW",),
        ("jc",),
        ("tblCellSpacing",),
        ("tblInd",),
        ("tblBorders",),
        ("shd",),
        ("tblLayout",),
        ("tblCellMar",),
        ("tblLook",),
        ("tblCaption",),
        ("tblDescription",),
        ("tblPrChange",),
    ),
    "tcPr": (
        ("cnfStyle",),
        ("tcW",),
        ("gridSpan",),
        ("hMerge",),
        ("vMerge",),
        ("tcBorders",),
        ("shd",),
        ("noWrap",),
        ("tcMar",),
        ("textDirection",),
        ("tcFitText",),
        ("vAlign",),
        ("hideMark",),
        ("headers",),
        ("cellIns", "cellDel", "cellMerge"),
        ("tcPrChange",),
    ),
    # CT_TrPrBase is an unbounded choice: its children in any order, then the revisions.
    "trPr": (
        (
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
        ),
        ("ins",),
        ("del",),
        ("trPrChange",),
    ),
    "pPr": (
        ("pStyle",),
        ("keepNext",),
        ("keepLines",),
        ("pageBreakBefore",),
        ("framePr",),
        ("widowControl",),
        ("numPr",),
        ("suppressLineNumbers",),
        ("pBdr",),
        ("shd",),
        ("tabs",),
        ("suppressAutoHyphens",),
        ("kinsoku",),
        ("wordWrap",),
        ("overflowPunct",),
        ("topLinePunct",),
        ("autoSpaceDE",),
        ("autoSpaceDN",),
        ("bidi",),
        ("adjustRightInd",),
        ("snapToGrid",),
        ("spacing",),
        ("ind",),
        ("contextualSpacing",),
        ("mirrorIndents",),
        ("suppressOverlap",),
        ("jc",),
        ("textDirection",),
        ("textAlignment",),
        ("textboxTightWrap",),
        ("outlineLvl",),
        ("divId",),
        ("cnfStyle",),
        ("rPr",),
        ("sectPr",),
        ("pPrChange",),
    ),
    # A paragraph mark's run properties (CT_ParaRPr) start with its revision marks.
    "rPr": (
        ("ins",),
        ("del",),
        ("moveFrom",),
        ("moveTo",),
        ("rStyle",),
        ("rFonts",),
        ("b",),
        ("bCs",),
        ("i",),
        ("iCs",),
        ("caps",),
        ("smallCaps",),
        ("strike",),
        ("dstrike",),
        ("outline",),
        ("shadow",),
        ("emboss",),
        ("imprint",),
        ("noProof",),
        ("snapToGrid",),
        ("vanish",),
        ("webHidden",),
        ("color",),
        ("spacing",),
        ("w",),
        ("kern",),
        ("position",),
        ("sz",),
        ("szCs",),
        ("highlight",),
        ("u",),
        ("effect",),
        ("bdr",),
        ("shd",),
        ("fitText",),
        ("vertAlign",),
        ("rtl",),
        ("cs",),
        ("em",),
        ("lang",),
        ("eastAsianLayout",),
        ("specVanish",),
        ("oMath",),
        ("rPrChange",),
    ),
    "sectPr": (
        ("headerReference", "footerReference"),
        ("footnotePr",),
        ("endnotePr",),
        ("type",),
        ("pgSz",),
        ("pgMar",),
        ("paperSrc",),
        ("pgBorders",),
        ("lnNumType",),
        ("pgNumType",),
        ("cols",),
        ("formProt",),
        ("vAlign",),
        ("noEndnote",),
        ("titlePg",),
        ("textDirection",),
        ("bidi",),
        ("rtlGutter",),
        ("docGrid",),
        ("printerSettings",),
        ("sectPrChange",),
    ),
    # word/settings.xml: python-docx's default template and briefgen's own footnote settings
    # (w:footnotePr, which the schema puts before w:compat) are appended at its end.
    "settings": tuple((name,) for name in _SETTINGS.split()),
}

#: Attributes the schema requires that templates leave out, with the value Word assumes:
#: python-docx's default template has ``<w:zoom w:val="bestFit"/>``, without ``w:percent``.
REQUIRED_ATTRIBUTES: dict[str, dict[str, str]] = {"zoom": {"percent": "100"}}


def _qualified(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{_PREFIXES[prefix] if prefix else W}}}{local}"


_RANKS = {
    _qualified(parent): {
        _qualified(name): rank for rank, group in enumerate(groups) for name in group
    }
    for parent, groups in SEQUENCES.items()
}
_REQUIRED = {
    _qualified(tag): {_qualified(name): value for name, value in attributes.items()}
    for tag, attributes in REQUIRED_ATTRIBUTES.items()
}
#: The package parts whose XML may hold these elements.
_PARTS = (
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/header",
    "word/footer",
    "word/settings.xml",
)


def out_of_order(element: etree._Element) -> list[str]:
    """The children of ``element`` (one the sequences name) that stand before a child the
    schema puts first, as local names; empty when they are in order (or it is not one of them).
    """
    ranks = _RANKS.get(element.tag)
    if ranks is None:
        return []
    late, highest = [], -1
    for child in element:
        rank = ranks.get(child.tag) if isinstance(child.tag, str) else None
        if rank is None:
            continue
        if rank < highest:
            late.append(etree.QName(child).localname)
        highest = max(highest, rank)
    return late


def missing_attributes(element: etree._Element) -> list[str]:
    """The attributes the schema requires of ``element`` that it lacks, as local names."""
    return [
        etree.QName(name).localname
        for name in _REQUIRED.get(element.tag, {})
        if element.get(name) is None
    ]


def put_in_order(root: etree._Element) -> bool:
    """Order the children of every one of the property elements under ``root`` (and ``root``
    itself) and give the attributes the schema requires; whether anything changed."""
    moved = False
    for tag, required in _REQUIRED.items():
        for element in root.iter(tag):
            for name, value in required.items():
                if element.get(name) is None:
                    element.set(name, value)
                    moved = True
    for tag, ranks in _RANKS.items():
        for element in root.iter(tag):
            if not out_of_order(element):
                continue
            keyed, rank = [], -1
            for position, child in enumerate(element):
                found = ranks.get(child.tag) if isinstance(child.tag, str) else None
                rank = rank if found is None else found  # an unknown child follows its neighbour
                keyed.append((rank, position, child))
            for _, _, child in sorted(keyed, key=lambda item: item[:2]):
                element.append(child)  # appending an existing child moves it to the end
            moved = True
    return moved


def in_word_part(name: str) -> bool:
    """Whether the package member ``name`` is one of Word's XML parts that hold them."""
    return name.startswith(_PARTS) and name.endswith(".xml")


def part_in_order(name: str, data: bytes) -> bytes:
    """A package member's bytes with its property elements in schema order (unchanged bytes
    when nothing moves, or the member is not one of Word's XML parts)."""
    if not in_word_part(name):
        return data
    root = parse_xml(data)
    if not put_in_order(root):
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def package_in_order(data: bytes) -> bytes:
    """A whole .docx with every part's property elements in schema order (for
    ``tools/make_templates.py``)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            zout.writestr(item, part_in_order(item.filename, zin.read(item.filename)))
    return out.getvalue()
