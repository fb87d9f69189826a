"""pdf_access.py: what LibreOffice's tagged PDF lacks for PDF/UA, added after it converts: on
the Met documents as LibreOffice converts them (``conftest.pdfs``), and on a PDF made here."""

from __future__ import annotations

import pikepdf

from briefgen.docx_content import read_docx
from briefgen.pdf_access import make_accessible, table_descriptions


def test_each_tables_description_is_read_in_order(built, tmp_path):
    descriptions = table_descriptions(built["briefing"])
    assert descriptions and descriptions[0].startswith("Each element of the assessment")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK not really")
    assert table_descriptions(broken) == [] == table_descriptions(tmp_path / "none.docx")


def test_a_pdf_without_them_is_given_keyboard_order_link_descriptions_and_xmp(tmp_path):
    document = pikepdf.new()
    document.add_blank_page()
    document.Root.Lang = pikepdf.String("en-GB")
    document.docinfo["/Title"] = "Metropolitan Police Service – PEEL 2018/19"
    links = [
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 9, 9],
            Contents=pikepdf.String("1"),
        ),
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 9, 9],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/met")),
        ),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9]),
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 9, 9],
            Contents=pikepdf.String("The report"),
        ),
    ]
    document.pages[0].obj.Annots = pikepdf.Array([document.make_indirect(a) for a in links])
    make_accessible(document)
    document.save(tmp_path / "made.pdf")
    with pikepdf.open(tmp_path / "made.pdf") as made:
        page = made.pages[0]
        assert page.obj.Tabs == "/S"
        assert [str(a.Contents) for a in page.Annots] == [
            "Footnote 1",
            "https://example.org/met",
            "Link",
            "The report",
        ]
        meta = made.open_metadata()
        assert meta["dc:title"] == "Metropolitan Police Service – PEEL 2018/19"
        assert meta["dc:language"] == {"en-GB"}
        assert meta["pdfuaid:part"] == "1"
        assert "xmp:ModifyDate" not in meta and "pdf:Producer" not in meta


def test_pdf_ua_basics(pdfs, built):
    """What a PDF/UA checker asks beyond LibreOffice's tagging: XMP metadata agreeing with
    the document information (title, language) and marked PDF/UA-1; keyboard order by
    structure on every page; the grid's caption a /Caption, first in its table; each table's
    description as its /Summary; every link described."""
    for name, pdf in pdfs.items():
        with pikepdf.open(pdf) as document:
            meta = document.open_metadata()
            assert meta["dc:title"] == str(document.docinfo.Title), name
            assert "Metropolitan Police" in meta["dc:title"]
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:language"] == {str(document.Root.Lang)} == {"en-GB"}
            assert {str(page.obj.get("/Tabs")) for page in document.pages} == {"/S"}, name
            links = [
                a
                for page in document.pages
                for a in page.get("/Annots", [])
                if a.get("/Subtype") == "/Link"
            ]
            assert all(
                str(a.get("/Contents", "")).strip() and not str(a.Contents).isdigit() for a in links
            ), name
            tree = document.Root.StructTreeRoot
            assert "/caption" not in tree.RoleMap
            elements = _structure(tree)
            tables = [e for e in elements if e.S == "/Table"]
            summaries = [
                next(
                    a.Summary
                    for a in (t.A if isinstance(t.A, pikepdf.Array) else [t.A])
                    if "/Summary" in a
                )
                for t in tables
            ]
            assert summaries == table_descriptions(built[name]), name
            assert str(summaries[0]).startswith("Each element of the assessment"), name
            captions = [e for e in elements if e.S == "/Caption"]
            if any(b.get("style") == "Caption" for b in read_docx(built[name])["body"]):
                # a caption in Word's Caption style (others head their grid with a heading 1)
                assert [c.P.S for c in captions] == ["/Table"], name
                assert captions[0].P.K[0].objgen == captions[0].objgen
    with pikepdf.open(pdfs["briefing"]) as document:
        assert sorted(
            str(a.Contents)
            for page in document.pages
            for a in page.get("/Annots", [])
            if "/Dest" in a
        ) == ["Footnote 1", "Footnote 1", "Footnote 2", "Footnote 2"]


def _structure(tree) -> list:
    found, todo = [], [tree.K]
    while todo:
        kid = todo.pop()
        if isinstance(kid, pikepdf.Array):
            todo.extend(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            todo.append(kid.get("/K"))
    return found
