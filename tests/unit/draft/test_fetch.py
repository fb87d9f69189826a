"""briefgen draft URL, against a server on 127.0.0.1 serving saved pages of a real report (the
pages made here from a corpus text, one page per page of the inspection): no test reaches the
internet."""

from __future__ import annotations

import datetime as dt
import http.server
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.draft import DraftError, draft
from briefgen.draft.fetch import fetch_pages

from ...draft_accuracy import REAL, load, score
from ...draft_reports import web_page

SLUG = "hampshire-peel-2018-19"
ROOT = "/peel-assessments/peel-2018/hampshire/"
PILLARS = ("effectiveness", "efficiency", "legitimacy")


def _site() -> dict[str, bytes]:
    """The report's pages by path: the landing page linking to each pillar's page."""
    text = (REAL / f"{SLUG}.txt").read_text("utf-8")
    text = re.sub(r"(?m)^Skip to content$", "", text)  # each page's own furniture
    pages = re.split(r"(?m)^(?=Hampshire PEEL 2018$)", text)
    assert len(pages) == 4
    site = {ROOT: web_page(pages[0], [f"{ROOT}{p}/" for p in PILLARS] + [ROOT])}
    for pillar, page in zip(PILLARS, pages[1:], strict=True):
        site[f"{ROOT}{pillar}/"] = web_page(page)
    return site


class _Handler(http.server.BaseHTTPRequestHandler):
    site: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        page = self.site.get(self.path)
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if page:
            self.wfile.write(page)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.site = _site()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_address_drafts_what_its_pages_say(server, tmp_path):
    address = server + ROOT
    pages = fetch_pages(address)
    assert [p.address for p in pages] == [address] + [f"{address}{p}/" for p in PILLARS]
    draft(address, tmp_path / "out", today=dt.date(2024, 5, 1))
    head, _ = load(tmp_path / "out")
    assert head["source"] == address and head["framework"] == "peel-2018-19"
    got = score(REAL / f"{SLUG}.truth.yaml", tmp_path / "out")
    assert got["gradings_right"] == got["gradings_stated"] == 5
    assert got["findings_found"] == got["findings_stated"] == 1
    assert got["gradings_wrong"] == got["gradings_invented"] == got["findings_extra"] == 0
    assert got["force"] and got["date"]


def test_the_cli_takes_an_address(server, tmp_path, capsys):
    assert main(["draft", server + ROOT, "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"{tmp_path / 'out'}: drafted from {server + ROOT} (PEEL 2018/19, Hampshire Constabulary)"
    )


def test_only_https_is_fetched_and_a_missing_page_is_said(server, tmp_path):
    with pytest.raises(DraftError) as caught:
        draft("http://example.org/peel-assessments/peel-2018/essex/", tmp_path / "out")
    assert str(caught.value) == (
        "http://example.org/peel-assessments/peel-2018/essex/: briefgen fetches reports only "
        "from https:// addresses; give the address starting https://, or save the page and "
        "give the file"
    )
    with pytest.raises(
        DraftError,
        match=r"/nowhere/: the site answered 404 \(Not Found\); "
        "check the address",
    ):
        draft(server + "/nowhere/", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_offline_slow_and_oversized_answers_stop_with_a_plain_message(server):
    with pytest.raises(
        DraftError,
        match=r"cannot connect \(.*\); try again when online, or "
        r"save the page and give the file",
    ):
        fetch_pages(f"http://127.0.0.1:{_closed_port()}/report/")
    with socket.socket() as silent:  # accepts, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        address = f"http://127.0.0.1:{silent.getsockname()[1]}/report/"
        with pytest.raises(DraftError, match="no answer within 0.5 seconds"):
            fetch_pages(address, timeout=0.5)
    with pytest.raises(DraftError, match="the pages are larger than"):
        fetch_pages(server + ROOT, max_bytes=1000)


def test_a_saved_page_set_is_a_file_like_any_other(server, tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_bytes(_site()[ROOT])
    result = draft(saved, tmp_path / "out")
    assert result.report == saved and isinstance(result.report, Path)
