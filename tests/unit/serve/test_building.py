"""serve/building.py: the grading shades as classes, and downloads given only by the key a
build made, with the media type of their kind."""

from __future__ import annotations

import asyncio
import re

import pytest
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from briefgen.serve import library
from briefgen.serve.building import download, shades

from .conftest import MET


def test_each_gradings_shade_is_a_class(served, request_to):
    answer = asyncio.run(shades(request_to(served)))
    assert answer.media_type == "text/css"
    css = bytes(answer.body).decode()
    lines = css.splitlines()
    assert all(
        re.fullmatch(r"\.shade-[0-9a-f]{6} \{ background-color: #[0-9A-F]{6}; \}", line)
        for line in lines
    )
    assert lines == sorted(set(lines))
    framework = library.framework_named("peel-2018-19")
    for shade in [g.shade for g in framework.scale] + [framework.ungraded.shade, "FFFFFF"]:
        assert f".shade-{shade.lower()} {{ background-color: #{shade}; }}" in lines


def test_a_download_is_given_only_by_its_builds_key(served, request_to):
    built = served.work / "abc" / f"{MET}-briefing.docx"
    built.parent.mkdir()
    built.write_bytes(b"PK document")
    pdf = built.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF")
    served.downloads["k1"] = {built.name: built, pdf.name: pdf}
    answer = asyncio.run(download(request_to(served, {"key": "k1", "file": built.name})))
    assert isinstance(answer, FileResponse) and answer.path == built
    assert answer.media_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert f'filename="{built.name}"' in answer.headers["content-disposition"]
    as_pdf = asyncio.run(download(request_to(served, {"key": "k1", "file": pdf.name})))
    assert as_pdf.media_type == "application/pdf"
    for key, file in (("k2", built.name), ("k1", "assessment.yaml"), ("k1", "../abc")):
        with pytest.raises(HTTPException) as raised:
            asyncio.run(download(request_to(served, {"key": key, "file": file})))
        assert raised.value.status_code == 404
    built.unlink()  # the server's own folder was emptied
    with pytest.raises(HTTPException, match="build it again"):
        asyncio.run(download(request_to(served, {"key": "k1", "file": built.name})))
