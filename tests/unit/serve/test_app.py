"""serve/app.py: the application over a folder, its guard for its own address, its routes and
its error pages; copies a stopped server left are swept when it starts."""

from __future__ import annotations

import shutil
import warnings

import pytest

with warnings.catch_warnings():  # Starlette would rather have httpx2; httpx serves
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from briefgen.serve.app import STATIC, make_app
from briefgen.serve.checking import SCRATCH

TOKEN = "test-token"


@pytest.fixture
def empty(tmp_path):
    """An application over a folder with no assessments yet, and its client with the token."""
    app = make_app(tmp_path / "inputs", TOKEN, 8765)
    client = TestClient(app, base_url="http://localhost:8765")
    yield app, client
    shutil.rmtree(app.state.site.work, ignore_errors=True)


def test_the_app_serves_the_folder_at_its_own_port_only(empty, tmp_path):
    app, client = empty
    site = app.state.site
    assert site.folder == tmp_path / "inputs" and site.token == TOKEN
    assert site.hosts == ("127.0.0.1:8765", "localhost:8765")
    assert client.get("/").status_code == 403  # the guard is in front of every route
    assert client.get(f"/?token={TOKEN}").status_code == 200
    assert client.get("/", headers={"host": "127.0.0.1:8766"}).status_code == 400


def test_the_pages_and_static_files_answer(empty):
    _, client = empty
    client.get(f"/?token={TOKEN}")
    for path in ("/", "/new", "/draft", "/shades.css"):
        assert client.get(path).status_code == 200, path
    assert (STATIC / "htmx.min.js").is_file()
    assert client.get("/static/htmx.min.js").content == (STATIC / "htmx.min.js").read_bytes()


def test_what_is_not_there_is_told_on_a_page(empty):
    _, client = empty
    client.get(f"/?token={TOKEN}")
    missing = client.get("/a/kent")
    assert missing.status_code == 404
    assert "<h1>Not found</h1>" in missing.text
    assert "There is no assessment &#39;kent&#39; in this folder." in missing.text
    assert client.get("/nowhere").status_code == 404
    assert client.post("/shades.css").status_code == 405


def test_copies_a_stopped_server_left_are_swept_at_the_start(tmp_path):
    folder = tmp_path / "inputs"
    left = folder / f".met{SCRATCH}{2**22 + 1}-x"  # no process has this id
    left.mkdir(parents=True)
    app = make_app(folder, TOKEN, 8765)
    shutil.rmtree(app.state.site.work)
    assert not left.exists()
