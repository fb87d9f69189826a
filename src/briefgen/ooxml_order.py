"""Word's own rules for element order: the children of six property elements put in the order
the OOXML schema (ECMA-376 Part 1, wml.xsd) requires.

python-docx, docxtpl (``{% cellbg %}`` adds a ``w:shd``) and docxcompose append children where
it is convenient, and Word may call a file whose ``w:tblCaption`` stands before ``w:tblLook``
"unreadable content". Each sequence below is the schema's, as data: a child's rank is the
position of its group; children of one group (a ``xsd:choice``) may come in any order. A child
the schema does not list here (an extension) keeps its place after the child before it.
"""

from __future__ import annotations

from lxml import etree

from .docx_package import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: For each property element, its children's groups in schema order (a group: names that may
#: come in any order among themselves). From ECMA-376 Part 1, wml.xsd: CT_TblPr, CT_TcPr,
#: CT_TrPr, CT_PPr, CT_RPr / CT_ParaRPr and CT_SectPr.
SEQUENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "tblPr": (("tblStyle",), ("tblpPr",), ("tblOverlap",), ("bidiVisual",),
              ("tblStyleRowBandSize",), ("tblStyleColBandSize",), ("tblW",), ("jc",),
              ("tblCellSpacing",), ("tblInd",), ("tblBorders",), ("shd",), ("tblLayout",),
              ("tblCellMar",), ("tblLook",), ("tblCaption",), ("tblDescription",),
              ("tblPrChange",)),
    "tcPr": (("cnfStyle",), ("tcW",), ("gridSpan",), ("hMerge",), ("vMerge",), ("tcBorders",),
             ("shd",), ("noWrap",), ("tcMar",), ("textDirection",), ("tcFitText",), ("vAlign",),
             ("hideMark",), ("headers",), ("cellIns", "cellDel", "cellMerge"),
             ("tcPrChange",)),
    # CT_TrPrBase is an unbounded choice: its children in any order, then the revisions.
    "trPr": (("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"),
             ("ins",), ("del",), ("trPrChange",)),
    "pPr": (("pStyle",), ("keepNext",), ("keepLines",), ("pageBreakBefore",), ("framePr",),
            ("widowControl",), ("numPr",), ("suppressLineNumbers",), ("pBdr",), ("shd",),
            ("tabs",), ("suppressAutoHyphens",), ("kinsoku",), ("wordWrap",),
            ("overflowPunct",), ("topLinePunct",), ("autoSpaceDE",), ("autoSpaceDN",),
            ("bidi",), ("adjustRightInd",), ("snapToGrid",), ("spacing",), ("ind",),
            ("contextualSpacing",), ("mirrorIndents",), ("suppressOverlap",), ("jc",),
            ("textDirection",), ("textAlignment",), ("textboxTightWrap",), ("outlineLvl",),
            ("divId",), ("cnfStyle",), ("rPr",), ("sectPr",), ("pPrChange",)),
    # A paragraph mark's run properties (CT_ParaRPr) start with its revision marks.
    "rPr": (("ins",), ("del",), ("moveFrom",), ("moveTo",), ("rStyle",), ("rFonts",), ("b",),
            ("bCs",), ("i",), ("iCs",), ("caps",), ("smallCaps",), ("strike",), ("dstrike",),
            ("outline",), ("shadow",), ("emboss",), ("imprint",), ("noProof",),
            ("snapToGrid",), ("vanish",), ("webHidden",), ("color",), ("spacing",), ("w",),
            ("kern",), ("position",), ("sz",), ("szCs",), ("highlight",), ("u",), ("effect",),
            ("bdr",), ("shd",), ("fitText",), ("vertAlign",), ("rtl",), ("cs",), ("em",),
            ("lang",), ("eastAsianLayout",), ("specVanish",), ("oMath",), ("rPrChange",)),
    "sectPr": (("headerReference", "footerReference"), ("footnotePr",), ("endnotePr",),
               ("type",), ("pgSz",), ("pgMar",), ("paperSrc",), ("pgBorders",), ("lnNumType",),
               ("pgNumType",), ("cols",), ("formProt",), ("vAlign",), ("noEndnote",),
               ("titlePg",), ("textDirection",), ("bidi",), ("rtlGutter",), ("docGrid",),
               ("printerSettings",), ("sectPrChange",)),
}

_RANKS = {f"{{{W}}}{parent}": {f"{{{W}}}{name}": rank for rank, group in enumerate(groups)
                               for name in group}
          for parent, groups in SEQUENCES.items()}
#: The package parts whose XML may hold these elements.
_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml",
          "word/endnotes.xml", "word/header", "word/footer")


def out_of_order(element: etree._Element) -> list[str]:
    """The children of ``element`` (one of the six) that stand before a child the schema puts
    first, as local names; empty when they are in order (or the element is not one of them)."""
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


def put_in_order(root: etree._Element) -> bool:
    """Order the children of every one of the six elements under ``root``; whether any moved."""
    moved = False
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
    """Whether the package member ``name`` is one of Word's XML parts that hold the six."""
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
