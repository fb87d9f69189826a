"""briefgen serve, route by route, through Starlette's test client on copies of the Met inputs:
the guard, the pages, live checks in validate's words, saves that keep the officer's lines,
refused saves, the preview grid against the .docx, and builds equal to the CLI's."""

from __future__ import annotations

import difflib
import re
import warnings
from pathlib import Path

import lxml.html
import pytest

with warnings.catch_warnings():  # Starlette would rather have httpx2; httpx serves
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from briefgen.docx_content import show
from briefgen.serve.app import make_app
from briefgen.validate import check

from ..helpers import FIXTURES, copy_met, joined, require_tool, run_briefgen

TOKEN = "test-token"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
MET = "metropolitan-2018-19"
ELEMENT = f"/a/{MET}/e/investigating-crime"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    copy_met(folder / MET)
    return folder


@pytest.fixture
def client(inputs: Path) -> TestClient:
    client = TestClient(make_app(inputs, TOKEN, PORT), base_url=BASE)
    assert client.get(f"/?token={TOKEN}").status_code == 200  # the cookie is kept
    return client


def version(html: str) -> str:
    found = re.search(r'name="version" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def form_of(html: str) -> dict[str, str]:
    """The editor form's fields as the browser would post them."""
    doc = lxml.html.fromstring(html)
    form = doc.xpath("//form[contains(@class, 'editor')]")[0]
    values = {k: v for k, v in form.form_values()}
    return values


# --- paths and headers (the guard on its own: tests/unit/serve/test_guard.py) --------------


@pytest.mark.parametrize(
    "path",
    [
        "/a/..%2F..%2Fetc",
        "/a/../inputs",
        f"/a/{MET}/e/..%2F..%2Fassessment",
        f"/a/{MET}/e/not-an-element",
        "/a/%2Fetc%2Fpasswd/e/x",
        "/static/..%2F..%2Fsite.py",
        "/download/..%2F..%2F/assessment.yaml",
    ],
)
def test_no_path_outside_the_folder_is_reached(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert "framework:" not in answer.text and "import" not in answer.text


def test_every_answer_forbids_inline_script(client):
    for path in ("/", ELEMENT, f"/a/{MET}", "/new", "/nowhere", "/static/htmx.min.js"):
        answer = client.get(path)
        assert answer.status_code == (404 if path == "/nowhere" else 200)
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = client.get(f"/a/{MET}").text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page) and "style=" not in page


# --- home, editor, checks -----------------------------------------------------------------


def test_home_lists_each_assessment_with_its_state(client, inputs):
    text = client.get("/").text
    assert "metropolitan-2016-efficiency" in text and "Metropolitan Police Service" in text
    assert text.count(">ready<") == 2
    element = inputs / MET / "elements/investigating-crime.yaml"
    element.write_text(element.read_text().replace("Requires improvement", "to be completed"))
    assert "1 still to complete" in client.get("/").text


def test_saving_changes_only_the_edited_lines(client, inputs):
    path = inputs / MET / "elements/investigating-crime.yaml"
    before = path.read_text("utf-8")
    posted = {**form_of(client.get(ELEMENT).text), "grading": "Good", "op": "save"}
    saved = client.post(ELEMENT, data=posted, follow_redirects=False)
    assert saved.status_code == 303
    after = path.read_text("utf-8")
    changed = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]
    assert changed == ["- grading: Requires improvement", "+ grading: Good"]
    assert after.startswith("# yaml-language-server: $schema=")  # comments kept in place
    assert "# Source: HMICFRS" in after
    assert "Saved." in client.get(saved.headers["location"]).text


def test_an_unchanged_form_saves_the_same_bytes(client, inputs):
    for url, rel in (
        (ELEMENT, "elements/investigating-crime.yaml"),
        (f"/a/{MET}", "assessment.yaml"),
    ):
        before = (inputs / MET / rel).read_bytes()
        posted = {**form_of(client.get(url).text), "op": "save"}
        assert client.post(url, data=posted, follow_redirects=False).status_code == 303
        assert (inputs / MET / rel).read_bytes() == before


def test_bullets_are_added_moved_and_deleted_before_a_save(client, inputs):
    path = inputs / MET / "elements/investigating-crime.yaml"
    before = path.read_bytes()
    form = {**form_of(client.get(ELEMENT).text)}
    first, second = form["areas_for_improvement-0-text"], form["areas_for_improvement-1-text"]
    moved = client.post(ELEMENT, data={**form, "op": "areas_for_improvement:0:down"})
    assert moved.status_code == 200 and path.read_bytes() == before  # not saved
    form = form_of(moved.text)
    assert form["areas_for_improvement-0-text"] == second
    assert form["areas_for_improvement-1-text"] == first
    back = form_of(client.post(ELEMENT, data={**form, "op": "areas_for_improvement:1:to:0"}).text)
    assert back["areas_for_improvement-0-text"] == first  # dragged back with the mouse
    added = form_of(client.post(ELEMENT, data={**form, "op": "comments:add"}).text)
    assert added["comments-4-text"] == ""
    added["comments-4-text"] = "A new comment."
    added["comments-4-items"] = "the first point\nthe second point"
    added.pop("areas_for_improvement-3-text")
    client.post(ELEMENT, data={**added, "op": "save"}, follow_redirects=False)
    assert check(inputs / MET).problems == []
    text = path.read_text("utf-8")
    assert "  - text: A new comment.\n    items:\n      - the first point\n" in text
    assert text.index(second) < text.index(first)
    assert text.count("\n  - ") == 5 + 3 and text.count("\n      - ") == 2


def test_a_pasted_bullet_is_warned_about_beside_it_in_validates_words(client, inputs):
    form = form_of(client.get(ELEMENT).text)
    form["comments-1-text"] = "• The force needs to review how it allocates crimes."
    answer = client.post(f"{ELEMENT}/check", data=form)
    assert answer.status_code == 200
    field = lxml.html.fromstring(answer.text).get_element_by_id("p-comments-1")
    shown = field.text_content()
    # the very words briefgen validate prints for the same file
    path = inputs / MET / "elements/investigating-crime.yaml"
    path.write_text(
        path.read_text().replace(
            "- The force needs to review how it allocates",
            "- • The force needs to review how it allocates",
        )
    )
    warning = check(inputs / MET).warnings[0]
    assert warning.message in " ".join(shown.split())
    assert "Warning:" in shown
    assert 'hx-swap-oob="true"' in answer.text and 'id="preview"' in answer.text


def test_to_be_completed_items_form_a_checklist_and_are_highlighted(client, inputs):
    answer = client.post(
        "/new",
        data={"framework": "peel-2023-25", "force": "Kent Police", "name": "kent-2023-25"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/a/kent-2023-25"
    page = client.get("/a/kent-2023-25").text
    doc = lxml.html.fromstring(page)
    items = doc.xpath("//ul[@class='checklist']/li")
    from_validate = [
        p for p in check(inputs / "kent-2023-25").problems if "still “to be completed”" in p.message
    ]
    assert len(items) == len(from_validate) == 11  # published, source, nine gradings
    assert "published: still “to be completed”" in items[0].text_content()
    assert doc.xpath("//div[contains(@class,'to-complete')]//input[@id='f-published']")
    element = client.get("/a/kent-2023-25/e/investigating-crime").text
    assert lxml.html.fromstring(element).xpath(
        "//div[contains(@class,'to-complete')]/select[@id='f-grading']"
    )


def test_a_value_the_schema_refuses_is_not_saved(client, inputs):
    path = inputs / MET / "elements/investigating-crime.yaml"
    before = path.read_bytes()
    form = {
        **form_of(client.get(ELEMENT).text),
        "state": "carried_over",
        "carried_over_from": "17",
        "op": "save",
    }
    answer = client.post(ELEMENT, data=form)
    assert answer.status_code == 422
    assert "Not saved: carried_over_from: " in answer.text
    assert path.read_bytes() == before
    assert 'value="17"' in answer.text  # the officer's value is still in the form


def test_a_save_over_a_file_changed_since_is_refused_and_nothing_is_lost(client, inputs):
    path = inputs / MET / "elements/investigating-crime.yaml"
    first, second = form_of(client.get(ELEMENT).text), form_of(client.get(ELEMENT).text)
    first["grading"] = "Good"
    client.post(ELEMENT, data={**first, "op": "save"}, follow_redirects=False)
    saved = path.read_bytes()
    second["comments-0-text"] = "Written in the second tab."
    refused = client.post(ELEMENT, data={**second, "op": "save"})
    assert refused.status_code == 409
    assert "has changed since you opened it" in refused.text
    assert "Written in the second tab." in refused.text
    assert f'href="{ELEMENT}"' in refused.text  # the reload choice
    assert path.read_bytes() == saved


# --- preview and build --------------------------------------------------------------------


def _docx_rows(path: Path) -> list[list[list[str]]]:
    table = joined(next(b for b in show(path)["body"] if "table" in b)["table"])
    return [
        [
            [
                p["paragraph"] + (f" /{p['list']['level']}" if "list" in p else "")
                for p in cell["paragraphs"]
            ]
            + [cell.get("shading", "")]
            for cell in row["cells"]
        ]
        for row in table["rows"]
    ]


def _html_rows(html: str) -> list[list[list[str]]]:
    rows = []
    for tr in lxml.html.fromstring(html).get_element_by_id("grid-table").iter("tr"):
        cells = []
        for cell in tr:
            lines = []
            for part in cell.iter("p", "li"):
                if part.tag == "p":
                    lines.append(" ".join(part.text_content().split()))
                else:
                    level = int(part.getparent().get("class").split("-")[1]) - 1
                    lines.append(" ".join((part.text or "").split()) + f" /{level}")
            if not lines:
                lines = [cell.text_content().strip()]
            shade = cell.get("data-shade", "")
            if tr.getparent().tag == "thead":
                shade, lines = "1F3864", [cell.text_content()]
            elif "band" in (tr.get("class") or ""):
                shade, lines = "D9E2F3", [cell.text_content()]
            cells.append(lines + [shade])
        rows.append(cells)
    return rows


def test_the_preview_grid_is_the_documents_grid(client, inputs, tmp_path):
    out = tmp_path / "grid.docx"
    assert (
        run_briefgen(
            "build", str(inputs / MET), "-t", "summary-grid", "-o", str(out), cwd=tmp_path
        ).returncode
        == 0
    )
    preview = client.get(f"/a/{MET}/preview").text
    assert _html_rows(preview) == _docx_rows(out)
    caption = lxml.html.fromstring(preview).xpath("//caption")[0].text_content()
    assert (
        caption == "HMICFRS PEEL assessment of the Metropolitan Police (September 2019) – summary"
    )


def test_a_build_downloads_the_clis_document_byte_for_byte(client, inputs, tmp_path):
    out = tmp_path / "cli.docx"
    assert run_briefgen("build", str(inputs / MET), "-o", str(out), cwd=tmp_path).returncode == 0
    built = client.post(f"/a/{MET}/build", data={"template": "briefing"})
    assert built.status_code == 200
    link = lxml.html.fromstring(built.text).xpath("//a[@download]/@href")
    assert link == [f"{link[0].rsplit('/', 1)[0]}/{MET}-briefing.docx"]
    assert client.get(link[0]).content == out.read_bytes()


def test_an_uploaded_template_is_checked_first(client, tmp_path):
    broken = tmp_path / "mine.docx"
    broken.write_bytes(b"not a word document")
    answer = client.post(
        f"/a/{MET}/build",
        data={"template": "briefing"},
        files={"upload": ("mine.docx", broken.read_bytes())},
    )
    assert answer.status_code == 422
    assert "Not built" in answer.text and "mine.docx" in answer.text


def test_a_report_uploaded_is_drafted_into_the_editor(client, inputs):
    report = FIXTURES / "reports/met-peel-2018-19.md"
    answer = client.post(
        "/draft",
        data={"name": "met-drafted"},
        files={"report": ("met.md", report.read_bytes())},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/a/met-drafted")
    page = client.get("/a/met-drafted").text
    assert "source: still “to be completed”" in page
    assert (inputs / "met-drafted" / "elements").is_dir()
    refused = client.post(
        "/draft", data={"name": "../escape"}, files={"report": ("met.md", report.read_bytes())}
    )
    assert refused.status_code == 422 and not (inputs.parent / "escape").exists()


def test_a_report_at_a_web_address_is_fetched_and_drafted(client, inputs, tmp_path):
    import functools
    import http.server
    import threading

    report_bytes = (FIXTURES / "reports/met-peel-2018-19.md").read_bytes()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "met-peel-2018-19").write_bytes(report_bytes)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site")
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/met-peel-2018-19"
        answer = client.post("/draft", data={"address": address}, follow_redirects=False)
    finally:
        server.shutdown()
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/a/met-peel-2018-19")
    assert (inputs / "met-peel-2018-19" / "assessment.yaml").is_file()
    refused = client.post("/draft", data={"address": "file:///etc/passwd"})
    assert refused.status_code == 422 and "must start http:// or https://" in refused.text


def test_an_upload_is_told_by_its_content_not_its_name(client, inputs):
    junk = client.post(
        "/draft", data={"name": "junk"}, files={"report": ("report.pdf", b"\x00\x01binary" * 100)}
    )
    assert junk.status_code == 422
    assert "is not a report briefgen can read" in junk.text
    assert not (inputs / "junk").exists()


def test_each_item_of_the_checklist_links_to_its_field(client, inputs):
    client.post(
        "/new", data={"framework": "peel-2023-25", "force": "Kent Police", "name": "kent-2023-25"}
    )
    doc = lxml.html.fromstring(client.get("/a/kent-2023-25").text)
    links = doc.xpath("//ul[@class='checklist']/li/a/@href")
    assert links[:3] == [
        "/a/kent-2023-25#p-published",
        "/a/kent-2023-25#p-source",
        "/a/kent-2023-25/e/investigating-crime#p-grading",
    ]
    for link in links:
        page, field = link.split("#")
        assert lxml.html.fromstring(client.get(page).text).get_element_by_id(field) is not None


def test_the_briefings_themes_are_edited_one_a_line(client, inputs):
    path = inputs / MET / "assessment.yaml"
    before = path.read_text("utf-8")
    form = form_of(client.get(f"/a/{MET}").text)
    themes = form["themes-items"].splitlines()
    assert len(themes) == 10 and themes[1].startswith("Concerns about the ability")
    themes[1] = "Concerns about control rooms."
    form["themes-items"] = "\r\n".join(themes)
    saved = client.post(f"/a/{MET}", data={**form, "op": "save"}, follow_redirects=False)
    assert saved.status_code == 303
    changed = [
        line
        for line in difflib.ndiff(before.splitlines(), path.read_text().splitlines())
        if line[:1] in "+-"
    ]
    assert len(changed) == 2 and changed[1] == "+       - Concerns about control rooms."


def test_a_date_the_schema_refuses_is_not_saved_on_the_assessments_page(client, inputs):
    path = inputs / MET / "assessment.yaml"
    before = path.read_bytes()
    form = {**form_of(client.get(f"/a/{MET}").text), "published": "2019-13-45", "op": "save"}
    answer = client.post(f"/a/{MET}", data=form)
    assert answer.status_code == 422 and path.read_bytes() == before
    field = lxml.html.fromstring(answer.text).get_element_by_id("p-published")
    assert "published: " in field.text_content()


def test_a_pdf_is_built_beside_the_docx_as_the_cli_builds_it(client, inputs, tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "cli.docx"
    done = run_briefgen(
        "build", str(inputs / MET), "-t", "summary-grid", "-o", str(out), "--pdf", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    built = client.post(f"/a/{MET}/build", data={"template": "summary-grid", "pdf": "1"})
    links = lxml.html.fromstring(built.text).xpath("//a[@download]/@href")
    assert [link.rsplit("/", 1)[1] for link in links] == [
        f"{MET}-summary-grid.docx",
        f"{MET}-summary-grid.pdf",
    ]
    assert client.get(links[0]).content == out.read_bytes()
    assert client.get(links[1]).content == out.with_suffix(".pdf").read_bytes()


def test_a_file_yaml_cannot_read_is_told_in_validates_words_not_shown(client, inputs):
    path = inputs / MET / "elements/investigating-crime.yaml"
    path.write_text(
        path.read_text().replace("grading: Requires improvement", "grading: 'the force's grading'")
    )
    answer = client.get(ELEMENT)
    assert answer.status_code == 409
    said = [p.text() for p in check(inputs / MET).problems][0].split(": ", 1)[1]
    assert said in answer.text.replace("&#39;", "'").replace("&#34;", '"')
    assert "Put it right in a text editor" in answer.text
    posted = client.post(ELEMENT, data={"version": "x", "op": "save"})
    assert posted.status_code == 409
    assert "the force's grading" in path.read_text()
    assert "1 problem" in client.get("/").text
