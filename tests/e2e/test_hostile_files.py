"""Hostile and unlucky files and values, round two: each is refused in an officer's words, or
handled, within bounds; never a traceback, never "internal error", never a source overwritten.

(The YAML cases are in bad_inputs/, the template ones in hostile_templates/; LibreOffice's in
tests/e2e/test_pdf_isolation.py.)
"""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen import validate
from briefgen.cli import main
from briefgen.docx_package import MAX_XML_PART_BYTES
from briefgen.draft.blocks import PARAGRAPH, Block
from briefgen.draft.detect import force_of
from briefgen.draft.read_html import read_html
from briefgen.templates import builtin_templates

from ..helpers import FIXTURES, MET, copy_met


def template(path: Path, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


def rewritten(source: Path, target: Path, change) -> Path:
    """``source``'s zip written to ``target`` with each member's bytes as ``change`` makes them
    (given its name and bytes)."""
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, change(name, data))
    return target


# --- 1. sources are never outputs ---------------------------------------------------------


def test_an_output_that_is_the_template_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    mine = template(tmp_path / "mine.docx", "{{ force.name }}")
    before = mine.read_bytes()
    (tmp_path / "sub").mkdir()
    os.symlink("mine.docx", tmp_path / "link.docx")
    for output in ("mine.docx", "sub/../mine.docx", "link.docx"):
        code, out, err = run(capsys, "build", str(MET), "-t", "mine.docx", "-o", output)
        assert code == 1 and out == ""
        assert err.endswith(
            ".docx: is mine.docx, which this run reads; write the output somewhere else with -o\n"
        )
    assert mine.read_bytes() == before


def test_an_output_that_is_the_cover_or_an_input_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    cover = template(tmp_path / "cover.docx", "{{p briefing }}")
    folder = copy_met(tmp_path / "met")
    os.symlink("met/assessment.yaml", tmp_path / "input.docx")
    code, _, err = run(capsys, "build", "met", "--into", "cover.docx", "-o", "cover.docx")
    assert code == 1 and "cover.docx: is cover.docx, which this run reads" in err
    code, _, err = run(capsys, "build", "met", "-o", "input.docx")
    assert code == 1 and "input.docx: is met/assessment.yaml, which this run reads" in err
    assert (folder / "assessment.yaml").read_bytes() == (MET / "assessment.yaml").read_bytes()
    assert cover.stat().st_size > 0


def test_briefgens_own_templates_are_never_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    grid = builtin_templates()["summary-grid"]
    before = grid.read_bytes()
    code, _, err = run(capsys, "build", str(MET), "-t", "summary-grid", "-o", str(grid))
    assert code == 1 and "summary-grid.docx, which this run reads" in err
    code, _, err = run(capsys, "build", str(MET), "-o", str(grid.with_name("new.docx")))
    assert code == 1 and "new.docx: is inside briefgen's own files" in err
    assert grid.read_bytes() == before and not grid.with_name("new.docx").exists()


# --- 2. nothing fetched from outside the document -----------------------------------------


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def add_linked_picture(document, address: str) -> None:
    """A picture in ``document`` linked to ``address`` (fetched when it opens), not embedded."""
    import io

    document.add_picture(io.BytesIO(_png()))
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    blip = document.element.body.xpath(".//a:blip")[0]
    blip.set(f"{r}link", document.part.relate_to(address, RT.IMAGE, is_external=True))
    del blip.attrib[f"{r}embed"]


def linked_image_template(path: Path, address: str) -> Path:
    """A template whose picture is linked (fetched when the document opens), not embedded;
    and whose settings attach a template on a server, as Word writes it."""
    document = docx.Document()
    document.add_paragraph("{{ force.name }} https://example.org/a-hyperlink-is-fine")
    add_linked_picture(document, address)
    settings = document.part._settings_part
    settings.relate_to(address + ".dotm", ATTACHED_TEMPLATE, is_external=True)
    document.save(path)
    return path


def test_a_template_or_cover_that_links_outside_is_refused_naming_each_link(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    linked_image_template(tmp_path / "linked.docx", "http://127.0.0.1:9/image.png")
    expected = (
        "linked.docx: links to what is outside the document, which Word would fetch "
        "from the network each time the briefing is opened: an image "
        "(http://127.0.0.1:9/image.png); an attached template "
        "(http://127.0.0.1:9/image.png.dotm); insert each picture into the document "
        "itself (Insert › Pictures › This Device), detach any template (Developer › "
        "Document Template), and save it again\n"
    )
    assert run(capsys, "templates", "check", "linked.docx")[2] == expected
    code, _, err = run(capsys, "build", str(MET), "-t", "linked.docx", "-o", "out.docx")
    assert (code, err) == (1, expected)
    code, _, err = run(capsys, "build", str(MET), "--into", "linked.docx", "-o", "out.docx")
    assert code == 1 and "linked.docx: links to what is outside the document" in err
    assert not (tmp_path / "out.docx").exists()


# --- 4. damaged and unusual Word documents ------------------------------------------------


@pytest.fixture
def plain(tmp_path) -> Path:
    return template(tmp_path / "plain.docx", "{{ force.name }}")


def _flag_encrypted(data: bytes) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at >= 0:
            out[at + offset] |= 1
            at = out.find(signature, at + 4)
    return bytes(out)


def _unknown_compression(data: bytes) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = out.find(signature)
        while at >= 0:
            out[at + offset : at + offset + 2] = b"\x63\x00"
            at = out.find(signature, at + 4)
    return bytes(out)


PASSWORD = (
    "is protected by a password; remove the password (in Word: File › Info › Protect "
    "Document) and save it again"
)
COMPRESSION = (
    "is compressed in a way Word does not write; open it in Word or LibreOffice and "
    "save it again as .docx"
)


@pytest.mark.parametrize(
    "damage, message",
    [
        (_flag_encrypted, PASSWORD),
        (_unknown_compression, COMPRESSION),
        (
            lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "is protected by a password, or is an older Word document (.doc); remove the password "
            "(in Word: File › Info › Protect Document), or save it as .docx",
        ),
    ],
)
def test_a_protected_or_strangely_compressed_document_is_told_in_build_and_show(
    plain, tmp_path, monkeypatch, capsys, damage, message
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.docx").write_bytes(damage(plain.read_bytes()))
    for args in (["build", str(MET), "-t", "t.docx", "-o", "out.docx"], ["show", "t.docx"]):
        code, out, err = run(capsys, *args)
        assert (code, out, err) == (1, "", f"t.docx: {message}\n")


def test_a_doctype_after_a_long_comment_is_found(plain, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        declaration, rest = data.split(b"?>", 1)
        return (
            declaration + b"?><!--" + b"c" * 9000 + b"--><!DOCTYPE d [<!ENTITY xxe SYSTEM "
            b'"file:///etc/passwd">]>' + rest.replace(b"{{ force.name }}", b"&xxe;")
        )

    rewritten(plain, tmp_path / "t.docx", change)
    code, _, err = run(capsys, "build", str(MET), "-t", "t.docx", "-o", "out.docx")
    assert code == 1
    assert err == (
        "t.docx: has a part (word/document.xml) that declares entities "
        "(<!DOCTYPE …>), which Word never writes; save the document again from Word "
        "or LibreOffice\n"
    )


def test_a_document_with_too_much_xml_is_refused_before_it_is_parsed(
    plain, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    paragraph = b"<w:p><w:r><w:t>Real paragraph text.</w:t></w:r></w:p>"
    many = paragraph * (MAX_XML_PART_BYTES // len(paragraph) + 1)
    rewritten(
        plain,
        tmp_path / "t.docx",
        lambda name, data: (
            data.replace(b"<w:body>", b"<w:body>" + many, 1)
            if name == "word/document.xml"
            else data
        ),
    )
    code, _, err = run(capsys, "build", str(MET), "-t", "t.docx", "-o", "out.docx")
    assert code == 1 and err.startswith("t.docx: has a part (word/document.xml) of ")
    assert "more than the 10,000,000 briefgen reads" in err


def test_a_footnotes_part_in_utf16_is_read(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    briefing = builtin_templates()["briefing"]

    def change(name: str, data: bytes) -> bytes:
        if not name.endswith("footnotes.xml"):
            return data
        return (
            data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        )

    rewritten(briefing, tmp_path / "t.docx", change)
    assert run(capsys, "templates", "check", "t.docx")[:2] == (0, "t.docx: ok\n")
    assert run(capsys, "build", str(MET), "-t", "t.docx", "-o", "out.docx")[0] == 0
    assert run(capsys, "build", str(MET), "-o", "plain.docx")[0] == 0
    with zipfile.ZipFile("out.docx") as made, zipfile.ZipFile("plain.docx") as expected:
        notes = [n for n in made.namelist() if n.endswith("footnotes.xml")]
        assert notes and all(made.read(n).startswith(b"<?xml") for n in notes)
        assert b"justiceinspectorates" in made.read(notes[0])
        assert len(made.read(notes[0])) == pytest.approx(len(expected.read(notes[0])), rel=0.1)


# --- 5. a batch is as strong as its best input --------------------------------------------


def test_one_broken_input_of_any_kind_is_named_and_the_others_are_written(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b", "c", "d"):
        folder = copy_met(tmp_path / name)
        head = folder / "assessment.yaml"
        head.write_text(
            head.read_text("utf-8").replace("previous: [../metropolitan-2016-efficiency]", ""),
            "utf-8",
        )
    with (tmp_path / "b/elements/armed-response.yaml").open("a") as handle:
        handle.write("areas_for_improvement: &loop\n  - *loop\n")
    head = tmp_path / "c/assessment.yaml"
    head.write_text(
        head.read_text("utf-8").replace(
            "force_informal_name: the Met", "force_informal_name: " + "9" * 5001
        )
    )
    code, out, err = run(capsys, "build", "a", "b", "c", "d", "-q", "-j", "1")
    assert code == 1
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == [
        "a-briefing.docx",
        "d-briefing.docx",
    ]
    # Line 6: after the example's 5 (its schema line first, its source note last).
    assert "b/elements/armed-response.yaml:6:24: a YAML alias (*name) here stands for a list" in err
    assert "c/assessment.yaml:6:22: 99999999999999999999… is a number of 5,001 characters" in err
    assert err.endswith("briefgen: 2 inputs could not be built; the others were\n")


def test_a_failure_briefgen_has_no_words_for_still_names_its_input(monkeypatch, tmp_path):
    from briefgen import batch

    checked = validate.check

    def odd(folder, search=None):
        if Path(folder).name == "b":
            raise RecursionError("maximum recursion depth exceeded")
        return checked(folder, search)

    monkeypatch.setattr(validate, "check", odd)
    grid = (builtin_templates()["summary-grid"],)
    jobs = [batch.Job(MET, grid), batch.Job(tmp_path / "b", grid), batch.Job(MET, grid)]
    results = batch.run_all(jobs, workers=1)
    assert [r.error is None for r in results] == [True, False, True]
    assert [len(r.documents) for r in results] == [1, 0, 1]
    assert str(results[1].error) == (
        f"{tmp_path / 'b'}: could not be built: it goes deeper than briefgen can follow"
    )


# --- 6. text stays text -------------------------------------------------------------------


def test_a_force_name_with_line_breaks_never_becomes_yaml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    force = "Kent\nsecond line: yes\u2028third: no\rfourth: 4"
    assert run(capsys, "new", "kent", "--framework", "peel-2023-25", "--force", force)[0] == 0
    data = yaml.safe_load((tmp_path / "kent/assessment.yaml").read_text("utf-8"))
    assert sorted(data) == ["force", "framework", "published", "source"]
    assert data["force"] == force.strip()


def test_a_report_named_with_a_newline_never_becomes_yaml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "Met\nsecond: yes.md"
    shutil.copyfile(FIXTURES / "reports/met-peel-2018-19.md", report)
    assert run(capsys, "draft", report.name, "-o", "out")[0] == 0
    text = (tmp_path / "out/assessment.yaml").read_text("utf-8")
    assert "# second: yes.md on " in text
    assert "second" not in yaml.safe_load(text)


@pytest.mark.parametrize(
    "option, value, message",
    [
        (
            "--committee",
            "{_{ 7*191 }_}",
            "--committee: '{_{' at character 1 cannot be shown (the "
            "template engine reads it as a brace); write it differently",
        ),
        (
            "--appendix",
            "Appendix 2",
            "--appendix: 'Appendix 2' is not a number or letter; give it "
            "alone, e.g. 2 or B (the template adds the word)",
        ),
        (
            "--committee",
            "Police\udcff",
            "--committee: holds bytes that are not UTF-8 text; type it "
            "again in a terminal that uses UTF-8",
        ),
    ],
)
def test_command_line_values_are_shown_as_typed_or_refused(
    tmp_path, monkeypatch, capsys, option, value, message
):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(
        capsys, "build", str(MET), "-t", "committee-appendix", "-o", "out.docx", option, value
    )
    assert (code, err) == (2, f"briefgen: {message}\n")


# --- 8. history is linear -----------------------------------------------------------------


def test_each_earlier_assessment_is_checked_once_whatever_the_shape(tmp_path, monkeypatch):
    for index in range(16):
        folder = copy_met(tmp_path / f"a{index:02d}")
        head = folder / "assessment.yaml"
        earlier = ", ".join(f"../a{j:02d}" for j in range(index))
        head.write_text(
            head.read_text("utf-8")
            .replace(
                "previous: [../metropolitan-2016-efficiency]",
                f"previous: [{earlier}]" if index else "",
            )
            .replace("published: 2019-09-27", f"published: {2000 + index}-09-27")
        )
    read: list[Path] = []
    opened = os.open

    def counted(path, *args, **kwargs):  # every assessment.yaml read, as the system sees it
        if Path(path).name == "assessment.yaml":
            read.append(Path(path).parent.resolve())
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counted)
    assessment, problems, _ = validate.check(tmp_path / "a15")
    assert problems == [] and len(assessment.previous) == 15
    assert sorted(read) == sorted((tmp_path / f"a{i:02d}").resolve() for i in range(16))


# --- messages for what is not a file ------------------------------------------------------


def test_what_is_not_a_file_is_told_as_what_it_is(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.html").mkdir()
    os.mkfifo(tmp_path / "pipe.html")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    (tmp_path / "folder.docx").mkdir()
    assert run(capsys, "draft", "folder.html", "-o", "out")[2] == (
        "folder.html: is a folder; give the report saved as a file\n"
    )
    assert run(capsys, "draft", "pipe.html", "-o", "out")[2] == (
        "pipe.html: is a named pipe (FIFO), not a file that can be read; give the report "
        "saved as a file\n"
    )
    assert run(capsys, "draft", "zero.txt", "-o", "out")[2] == (
        "zero.txt: is a device, not a file that can be read; give the report saved as a file\n"
    )
    assert run(capsys, "show", "folder.docx")[2] == (
        "folder.docx: is a folder; give a Word document (.docx)\n"
    )


# --- 3. reports read within bounds --------------------------------------------------------


def test_a_report_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "r.html").open("wb") as handle:
        handle.write(b"<!doctype html><html><body><p>PEEL</p>")
        handle.truncate(10_000_001)
    assert run(capsys, "draft", "r.html", "-o", "out")[2] == (
        "r.html: is 10,000,001 bytes, more than the 10,000,000 bytes briefgen reads in a report "
        "saved as HTML; a published report is far smaller: check that it is the right file\n"
    )


def test_a_word_report_goes_through_the_checks_every_document_does(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile(tmp_path / "r.docx", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as part:
            for _ in range(MAX_XML_PART_BYTES // (1 << 20) + 1):
                part.write(b" " * (1 << 20))
    code, _, err = run(capsys, "draft", "r.docx", "-o", "out")
    assert code == 1
    assert err.startswith("r.docx: has a part (word/document.xml) of 10,485,760 bytes of XML")


def test_a_page_nested_ten_thousand_deep_is_read():
    page = (
        b"<html><body>" + b"<div>" * 10_000 + b"<h1>Effectiveness</h1><p>The force is "
        b"good at preventing crime.</p>" + b"</div>" * 10_000 + b"</body></html>"
    )
    assert [block.text for block in read_html(page)] == [
        "Effectiveness",
        "The force is good at preventing crime.",
    ]


def test_a_long_paragraph_does_not_slow_the_search_for_the_force(tmp_path):
    words = Block(PARAGRAPH, " ".join(["Word"] * 60_000))
    title = Block(PARAGRAPH, "Word PEEL 2018/19")
    assert force_of([title, words, Block(PARAGRAPH, "Word Police is good.")]) == "Word Police"


def test_draft_and_schema_never_write_over_what_they_read_or_briefgens_own(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    report = tmp_path / "out/assessment.yaml"
    shutil.copyfile(FIXTURES / "reports/met-peel-2018-19.md", report)
    before = report.read_bytes()
    code, _, err = run(capsys, "draft", "out/assessment.yaml", "-o", "out", "--overwrite")
    assert (code, err) == (
        1,
        "out/assessment.yaml: is out/assessment.yaml, which this run "
        "reads; write the output somewhere else with -o\n",
    )
    assert report.read_bytes() == before
    own = Path(validate.__file__).parent / "schemas"
    code, _, err = run(capsys, "schema", "--framework", "peel-2018-19", "-o", str(own))
    assert code == 1 and err.endswith(
        f"is inside briefgen's own files ({own.parent}); write the output somewhere else with -o\n"
    )
    assert sorted(p.name for p in own.iterdir()) == [
        "assessment.schema.json",
        "element.schema.json",
        "framework.schema.json",
    ]


@pytest.mark.parametrize(
    "target, refused",
    [
        ("file:///C:/Users/officer/Templates/Committee%20report.dotx", False),
        ("C:\\Users\\officer\\Templates\\Committee report.dotx", False),
        ("\\\\server\\templates\\Committee report.dotx", True),
        ("file://server/templates/Committee%20report.dotx", True),
        ("https://example.org/Committee%20report.dotm", True),
    ],
)
def test_a_template_attached_from_the_authors_disk_is_no_network(
    tmp_path, monkeypatch, capsys, target, refused
):
    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    document.add_paragraph("{{p briefing }}")
    document.part._settings_part.relate_to(target, ATTACHED_TEMPLATE, is_external=True)
    document.save(tmp_path / "cover.docx")
    code, _, err = run(capsys, "build", str(MET), "--into", "cover.docx", "-o", "out.docx")
    assert code == (1 if refused else 0)
    assert (f"an attached template ({target})" in err) == refused
