"""What the serve unit tests share: a Site over a copy of the Met inputs, and a request to it
as a route receives one (no server, no test client)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from starlette.requests import Request

from briefgen.serve.site import Site

from ...helpers import copy_met

MET = "metropolitan-2018-19"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Site]:
    """The folder ``inputs/`` holding the Met 2018/19 and 2016 assessments, served."""
    copy_met(tmp_path / "inputs" / MET)
    site = Site(tmp_path / "inputs", "test-token", ("127.0.0.1:8765",))
    yield site
    shutil.rmtree(site.work, ignore_errors=True)


@pytest.fixture
def request_to() -> Callable[..., Request]:
    """``request_to(site, path_params, method)``: a request as the route for it receives it."""

    def make(site: Site, path_params: dict[str, Any] | None = None, method: str = "GET") -> Request:
        app = SimpleNamespace(state=SimpleNamespace(site=site))
        return Request(
            {
                "type": "http",
                "method": method,
                "path": "/",
                "query_string": b"",
                "headers": [(b"host", b"127.0.0.1:8765")],
                "app": app,
                "path_params": path_params or {},
            }
        )

    return make
