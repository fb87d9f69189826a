"""What LibreOffice's tagged PDF lacks for PDF/UA, added after it converts a document.

- XMP metadata, which PDF/UA requires: the document information LibreOffice wrote (title,
  subject, keywords, …) in XMP too, the language, and ``pdfuaid:part`` 1;
- ``/Tabs /S`` on every page: a keyboard reaches links and other annotations in the order of
  the document's structure;
- the grid's caption tagged ``/Caption`` (LibreOffice maps Word's "caption" style to a plain
  paragraph), and, where it stands just before its table, made the table's first child, where
  a screen reader looks for a table's caption;
- each table's description (the template's alternative text, ``w:tblDescription``) carried
  into the PDF as the table's ``/Summary``;
- every link annotation described (``/Contents``): LibreOffice gives a footnote's number alone.

Nothing here depends on the time or on chance, so a rebuilt PDF is byte-identical.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from .docx_package import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: PDF/UA's identification schema in XMP (ISO 14289-1, 5): pdfuaid:part.
PDFUA = "http://www.aiim.org/pdfua/ns/id/"
#: The paragraph style a caption has in Word (LibreOffice's tag keeps the style's name).
CAPTION_STYLES = ("/caption", "/Caption")


def make_accessible(document: Any, source: Path | None = None) -> None:
    """Add to the open pikepdf ``document`` what PDF/UA asks that LibreOffice leaves out;
    ``source`` is the .docx it was made from (for its tables' descriptions)."""
    for page in document.pages:
        page.obj.Tabs = _name("/S")
    tree = document.Root.get("/StructTreeRoot")
    if tree is not None:
        _tag_captions(tree)
        if source is not None:
            _carry_summaries(tree, table_descriptions(source))
    _describe_links(document)
    _add_xmp(document)


def table_descriptions(docx: Path) -> list[str]:
    """The description (alternative text) of each of the body's tables, in order ("" for a
    table without one); nested tables are not counted. Empty if ``docx`` cannot be read."""
    try:
        with zipfile.ZipFile(docx) as package:
            root = parse_xml(package.read("word/document.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return []
    tables = [
        t
        for t in root.iter(f"{{{W}}}tbl")
        if not any(a.tag == f"{{{W}}}tbl" for a in t.iterancestors())
    ]
    return [
        next(
            (d.get(f"{{{W}}}val", "") for d in t.iterfind(f"{{{W}}}tblPr/{{{W}}}tblDescription")),
            "",
        )
        for t in tables
    ]


def _name(value: str) -> Any:
    import pikepdf

    return pikepdf.Name(value)


def _elements(tree: Any) -> list[Any]:
    """Every structure element under ``tree``, in document order."""
    import pikepdf

    found, todo = [], [tree.get("/K")]
    while todo:
        kid = todo.pop(0)
        if isinstance(kid, pikepdf.Array):
            todo[:0] = list(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            todo.insert(0, kid.get("/K"))
    return found


def _tag_captions(tree: Any) -> None:
    """Word's caption style as the standard ``/Caption``; a caption just before a table
    becomes that table's first child."""
    import pikepdf

    roles = tree.get("/RoleMap")
    for style in CAPTION_STYLES:
        if roles is not None and style in roles and style != "/Caption":
            del roles[style]
    for element in _elements(tree):
        if str(element.S) not in CAPTION_STYLES:
            continue
        element.S = _name("/Caption")
        parent = element.get("/P")
        kids = parent.get("/K") if parent is not None else None
        if not isinstance(kids, pikepdf.Array):
            continue
        index = next(
            (i for i, kid in enumerate(kids) if kid.is_indirect and kid.objgen == element.objgen),
            None,
        )
        table = kids[index + 1] if index is not None and index + 1 < len(kids) else None
        if (
            index is not None
            and isinstance(table, pikepdf.Dictionary)
            and table.get("/S") == "/Table"
        ):
            del kids[index]
            table.K = first_of(element, table.get("/K"))
            element.P = table


def _carry_summaries(tree: Any, descriptions: list[str]) -> None:
    """Each table's description as its ``/Summary`` attribute, the tables matched in order
    (only when the PDF has as many tables as the document: never a guess)."""
    import pikepdf

    tables = [e for e in _elements(tree) if e.S == "/Table"]
    if len(tables) != len(descriptions):
        return
    for table, description in zip(tables, descriptions, strict=True):
        if not description:
            continue
        summary = pikepdf.Dictionary(O=_name("/Table"), Summary=pikepdf.String(description))
        attributes = table.get("/A")
        if attributes is None:
            table.A = summary
        elif isinstance(attributes, pikepdf.Array):
            attributes.append(summary)
        else:
            table.A = pikepdf.Array([attributes, summary])


_NUMBER = re.compile(r"\d+")


def _describe_links(document: Any) -> None:
    """Every link with a ``/Contents`` that says what it is: "Footnote 1" where LibreOffice
    wrote only the number, "Link" where it wrote nothing and the link has no address."""
    import pikepdf

    for page in document.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            contents = str(annotation.get("/Contents", "")).strip()
            if _NUMBER.fullmatch(contents):
                annotation.Contents = pikepdf.String(f"Footnote {contents}")
            elif not contents:
                action = annotation.get("/A")
                uri = action.get("/URI") if action is not None else None
                annotation.Contents = pikepdf.String(str(uri) if uri is not None else "Link")


def _add_xmp(document: Any) -> None:
    """XMP metadata as the document information says, with its language and PDF/UA's mark;
    no date (the PDF's date is removed for reproducibility) and no editor's mark."""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(document.docinfo)
        language = document.Root.get("/Lang")
        if language is not None:
            meta["dc:language"] = [str(language)]
        meta[f"{{{PDFUA}}}part"] = "1"


def first_of(element: Any, kids: Any) -> Any:
    """A structure element's kids with ``element`` put first: ``kids`` may be an array, one
    kid alone, or none."""
    import pikepdf

    rest = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return pikepdf.Array([element, *rest])


def tag_links(document: Any) -> int:
    """Give every link annotation LibreOffice left untagged (a footnote's number, linking back
    to where it is referred to) a Link structure element, so that a screen reader meets every
    link in the document's structure; how many were tagged.

    Each goes under the structure element of a tagged link beside it (its footnote), or under
    the document's own element.
    """
    import pikepdf

    tree = document.Root.get("/StructTreeRoot")
    numbers = tree.get("/ParentTree") if tree is not None else None
    if numbers is None or "/Nums" not in numbers or "/Kids" in numbers:
        return 0  # no structure, or a parent tree in pieces: left as LibreOffice wrote it
    nums = numbers.Nums
    elements = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    next_key = max(elements, default=-1) + 1
    top = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    tagged = 0
    for page in document.pages:
        links = [a for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        for annotation in links:
            if "/StructParent" in annotation:
                continue
            parent = next(
                (
                    elements[int(other.StructParent)].P
                    for other in links
                    if "/StructParent" in other
                    and int(other.StructParent) in elements
                    and _beside(other.Rect, annotation.Rect)
                ),
                top,
            )
            link = document.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.Link,
                    P=parent,
                    Pg=page.obj,
                    Alt=pikepdf.String(
                        f"Footnote {annotation.get('/Contents', '')}: back to the "
                        "text that refers to it"
                    ),
                    K=pikepdf.Array(
                        [pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation, Pg=page.obj)]
                    ),
                )
            )
            parent.K = first_of(link, parent.get("/K"))
            annotation.StructParent = next_key
            nums.extend([next_key, link])
            elements[next_key] = link
            next_key += 1
            tagged += 1
    if tagged:
        tree.ParentTreeNextKey = next_key
    return tagged


def _beside(one: Any, other: Any) -> bool:
    """Whether two annotation rectangles share a line (overlap vertically)."""
    return float(one[1]) < float(other[3]) and float(other[1]) < float(one[3])
