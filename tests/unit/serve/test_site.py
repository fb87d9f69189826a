"""serve/site.py: the assessments found by name under the folder served (never a path), their
heads and frameworks, the page templates (escaped) and the grid from the template context."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException

from briefgen.serve import library
from briefgen.serve.site import Site, framework_of, grid, head_of, page, site

from .conftest import MET


def test_the_assessments_are_the_folders_holding_an_assessment_file(served):
    (served.folder / "notes").mkdir()  # no assessment.yaml
    (served.folder / ".hidden").mkdir()
    (served.folder / ".hidden" / library.ASSESSMENT_FILE).write_text("framework: x\n")
    (served.folder / "loose.yaml").write_text("framework: x\n")
    found = served.assessments()
    assert list(found) == ["metropolitan-2016-efficiency", MET]
    assert found[MET] == served.folder / MET
    assert Site(served.folder / "nowhere", "t", ()).assessments() == {}


@pytest.mark.parametrize("name", ["nowhere", "..", f"{MET}/elements", "/etc", ".hidden", ""])
def test_any_other_name_is_not_found(served, name):
    (served.folder / ".hidden").mkdir()
    (served.folder / ".hidden" / library.ASSESSMENT_FILE).write_text("framework: x\n")
    with pytest.raises(HTTPException) as raised:
        served.assessment(name)
    assert raised.value.status_code == 404
    assert raised.value.detail == f"There is no assessment {name!r} in this folder."


def test_each_site_keeps_downloads_in_a_folder_of_its_own(served, tmp_path):
    other = Site(tmp_path, "t", ())
    try:
        assert served.work.is_dir() and other.work.is_dir() and served.work != other.work
        assert served.downloads == {}
    finally:
        other.work.rmdir()


def test_a_route_finds_its_site_on_the_app(served, request_to):
    assert site(request_to(served)) is served


def test_the_head_and_framework_of_an_assessment(served):
    folder = served.assessment(MET)
    assert head_of(folder)["force"] == "Metropolitan Police Service"
    assert head_of(folder)["published"] == "2019-09-27"  # as the form shows it
    framework = framework_of(head_of(folder))
    assert framework is not None and framework.key == "peel-2018-19"
    head = folder / library.ASSESSMENT_FILE
    for text in ("framework: peel-2018\n", "framework: [peel]\n", "force: x\n"):
        head.write_text(text)
        assert framework_of(head_of(folder)) is None, text
    head.write_text("framework: 'peel's\n")  # YAML cannot read it: the checks say so
    assert head_of(folder) == {} and framework_of(head_of(folder)) is None
    assert head_of(served.folder / "nowhere") == {}


def test_pages_escape_what_they_show(served, request_to):
    answer = page(
        request_to(served),
        "message.html",
        404,
        heading="Not found",
        lines=["<script>alert(1)</script>", "second"],
    )
    assert answer.status_code == 404 and answer.media_type == "text/html"
    html = bytes(answer.body).decode()
    assert "<h1>Not found</h1>" in html and "<p>second</p>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_grid_is_drawn_from_the_template_context(served):
    assert grid(None) == ""
    assessment = library.check_folder(served.assessment(MET)).assessment
    assert assessment is not None
    html = grid(library.template_context(assessment))
    assert "HMICFRS PEEL assessment of the Metropolitan Police (September 2019) – summary" in html
    assert 'class="shade-ffe699" data-shade="FFE699">Requires improvement<' in html
    assert "style=" not in html
