"""Every part of every output is valid ECMA-376 transitional OOXML (``tests/xsd``), and the
package says only what is true of itself: briefgen made it, no blank thumbnail."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import pytest

from briefgen.model import Paper
from briefgen.render import render_bytes
from briefgen.templates import builtin_templates

from ..helpers import MET_2016, cover_report, load_assessment
from ..ooxml_schema import schema_problems

TEMPLATES = sorted(builtin_templates())
PAPER = {
    "committee": "Police and Crime Committee",
    "meeting_date": dt.date(2019, 10, 16),
    "appendix": "2",
    "agenda_item": "6",
}


def test_the_check_finds_an_invalid_part(built):
    """The schemas are really applied: a settings part in the wrong order, a core property the
    schema does not know, a zoom without its percentage and a thumbnail are each found."""
    data = built["summary-grid"].read_bytes()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(broken, "w") as zout:
        for name in zin.namelist():
            part = zin.read(name)
            if name == "word/settings.xml":
                part = part.replace(
                    b'<w:zoom w:val="bestFit" w:percent="100"/>', b'<w:zoom w:val="bestFit"/>'
                )
            if name == "docProps/core.xml":
                part = part.replace(
                    b"</cp:coreProperties>", b"<dc:format>docx</dc:format></cp:coreProperties>"
                )
            zout.writestr(name, part)
        zout.writestr("docProps/thumbnail.jpeg", b"\xff\xd8")
    found = schema_problems(broken.getvalue())
    assert sorted(line.split(":")[0] for line in found) == [
        "docProps/core.xml",
        "docProps/thumbnail.jpeg",
        "word/settings.xml",
    ], found
    assert any("percent" in line for line in found) and any("format" in line for line in found)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_output_part_is_valid(built, template, met_assessment, tmp_path):
    """With history (Met 2018/19), without (Met 2016), with the committee paper's details,
    and inserted into an officer's cover (--into): every part valid, settings.xml included."""
    path = builtin_templates()[template]
    documents = {
        "with history": built[template].read_bytes(),
        "without history": render_bytes(load_assessment(MET_2016), path),
        "with a paper": render_bytes(
            dataclasses.replace(met_assessment, paper=Paper(**PAPER)), path
        ),
        "into a cover": render_bytes(
            met_assessment, path, into=cover_report(tmp_path / "cover.docx")
        ),
    }
    for kind, data in documents.items():
        assert schema_problems(data) == [], kind


def test_the_package_tells_the_truth_about_itself(built):
    """No blank thumbnail from python-docx's default template; app.xml says briefgen made the
    document and claims no page or word count that only a layout could know."""
    with zipfile.ZipFile(built["briefing"]) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        rels = package.read("_rels/.rels").decode()
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert "<Application>briefgen</Application>" in app
    assert "<AppVersion>00.0100</AppVersion>" in app
    for claim in ("Pages", "Words", "Characters", "Lines", "Microsoft"):
        assert claim not in app
