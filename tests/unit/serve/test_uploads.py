"""serve/uploads.py: files the officer sends, kept under a safe name in a fresh folder of the
server's own, refused past the bound; a report fetched from a web address with the same bound."""

from __future__ import annotations

import asyncio
import functools
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.datastructures import UploadFile

from briefgen.serve.uploads import FOLDER_NAME, LIMIT, TooBig, fetch, fresh, keep, safe_name, slug


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Met PEEL 2018.pdf", "Met-PEEL-2018.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\officer\\report.docx", "report.docx"),
        (".hidden", "hidden"),
        ("..", "report"),
        ("", "report"),
        ("rapport été.pdf", "rapport-t-.pdf"),
        ("x" * 300 + ".pdf", "x" * 100),
    ],
)
def test_a_file_is_kept_under_a_safe_name(given, kept):
    assert safe_name(given, "report") == kept


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("Kent Police peel-2023-25", "kent-police-peel-2023-25"),
        ("  Met / PEEL 2018–19!  ", "met-peel-2018-19"),
        ("", ""),
    ],
)
def test_a_folder_name_is_made_of_small_letters_digits_and_hyphens(text, made):
    assert slug(text) == made
    assert made == "" or FOLDER_NAME.fullmatch(made)


def test_folder_names_the_server_accepts():
    assert FOLDER_NAME.fullmatch("kent-2023-25")
    for refused in ("", "-kent", "Kent", "kent_2023", "../kent", "kent/x", "k" * 81):
        assert not FOLDER_NAME.fullmatch(refused), refused


def test_each_fresh_folder_is_new_and_inside_the_servers_folder(tmp_path):
    first, second = fresh(tmp_path), fresh(tmp_path)
    assert first != second and first.parent == second.parent == tmp_path
    assert first.is_dir() and not any(first.iterdir())


def upload(name: str, data: bytes) -> UploadFile:
    return UploadFile(io.BytesIO(data), filename=name)


def test_an_upload_is_kept_in_a_fresh_folder(tmp_path):
    kept = asyncio.run(keep(upload("../Met report.md", b"# PEEL\n"), tmp_path, "report"))
    assert kept.name == "Met-report.md" and kept.parent.parent == tmp_path
    assert kept.read_bytes() == b"# PEEL\n"
    unnamed = asyncio.run(keep(UploadFile(io.BytesIO(b"x")), tmp_path, "template.docx"))
    assert unnamed.name == "template.docx"


def test_an_upload_past_the_bound_is_refused(tmp_path):
    assert asyncio.run(keep(upload("at.txt", b"x" * LIMIT), tmp_path, "r")).stat().st_size == LIMIT
    with pytest.raises(TooBig, match="larger than 25 MB"):
        asyncio.run(keep(upload("over.txt", b"x" * (LIMIT + 1)), tmp_path, "r"))


@pytest.mark.parametrize(
    "address", ["file:///etc/passwd", "ftp://example.org/r.pdf", "http://", "report.pdf", ""]
)
def test_only_a_web_address_is_fetched(address, tmp_path):
    with pytest.raises(ValueError, match="must start http:// or https://"):
        fetch(address, tmp_path)
    assert not any(tmp_path.iterdir())


@pytest.fixture
def website(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving a folder: its address and the folder."""
    folder = tmp_path / "site"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


def test_a_report_is_fetched_under_the_last_part_of_its_address(website, tmp_path):
    address, folder = website
    (folder / "met-peel-2018-19.pdf").write_bytes(b"%PDF-1.7 report")
    work = tmp_path / "work"
    work.mkdir()
    fetched = fetch(f"{address}/met-peel-2018-19.pdf", work)
    assert fetched.name == "met-peel-2018-19.pdf" and fetched.parent.parent == work
    assert fetched.read_bytes() == b"%PDF-1.7 report"


def test_a_report_past_the_bound_is_not_kept(website, tmp_path):
    address, folder = website
    (folder / "big.pdf").write_bytes(b"x" * (LIMIT + 1))
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(TooBig, match="larger than 25 MB"):
        fetch(f"{address}/big.pdf", work)
    assert not any(path.is_file() for path in work.rglob("*"))
