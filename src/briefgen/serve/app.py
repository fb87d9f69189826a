"""The web application: its routes, the guard in front of them, its static files."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import building, editing, library, starting
from .checking import sweep
from .guard import Guard
from .site import PAGES, Site, page

STATIC = Path(__file__).parent / "static"


async def _error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "Something went wrong."
    return page(
        request,
        "message.html",
        status,
        heading={404: "Not found", 409: "This file cannot be shown in the form"}.get(
            status, "Cannot do that"
        ),
        lines=str(detail).split("\n"),
    )


def make_app(folder: Path, token: str, port: int) -> Starlette:
    """The application serving the assessments under ``folder`` at 127.0.0.1:``port``."""
    hosts = (f"127.0.0.1:{port}", f"localhost:{port}")
    site = Site(folder, token, hosts)
    if folder.is_dir():
        sweep(folder)
    routes = [
        Route("/", starting.home),
        Route("/new", starting.new_page),
        Route("/new", starting.new_submit, methods=["POST"]),
        Route("/draft", starting.draft_page),
        Route("/draft", starting.draft_submit, methods=["POST"]),
        Route("/a/{name}", editing.show),
        Route("/a/{name}", editing.submit, methods=["POST"]),
        Route("/a/{name}/check", editing.check_fragment, methods=["POST"]),
        Route("/a/{name}/e/{key}", editing.show),
        Route("/a/{name}/e/{key}", editing.submit, methods=["POST"]),
        Route("/a/{name}/e/{key}/check", editing.check_fragment, methods=["POST"]),
        Route("/a/{name}/preview", building.preview),
        Route("/a/{name}/build", building.build_page),
        Route("/a/{name}/build", building.build_submit, methods=["POST"]),
        Route("/download/{key}/{file}", building.download),
        Route("/shades.css", building.shades),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, token=token, hosts=hosts)],
        exception_handlers={HTTPException: _error},
    )
    app.state.site = site
    warm()
    return app


def warm() -> None:
    """What the first page would otherwise wait for: the pages compiled, the frameworks read,
    the libraries the checks and the editor use loaded."""
    for name in PAGES.list_templates():
        PAGES.get_template(name)
    library.frameworks()
    import ruamel.yaml  # noqa: F401

    from .. import context, schema, validate  # noqa: F401
