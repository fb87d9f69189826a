"""What every page shares: the folder served, its assessments found by name, the page
templates (autoescaped), and the grid's HTML from the template context."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from . import library
from .checking import ASSESSMENT
from .yamlfile import read

PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("briefgen.serve", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
PAGES.filters.update(library.FILTERS)


@dataclass
class Site:
    """The folder of assessments served, and where built documents wait to be downloaded."""

    folder: Path
    token: str
    hosts: tuple[str, ...]
    downloads: dict[str, dict[str, Path]] = field(default_factory=dict)
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="briefgen-serve-")))

    def assessments(self) -> dict[str, Path]:
        """Each assessment folder under the folder served, by its name."""
        if not self.folder.is_dir():
            return {}
        return {
            p.name: p
            for p in sorted(self.folder.iterdir())
            if p.is_dir() and not p.name.startswith(".") and (p / ASSESSMENT).is_file()
        }

    def assessment(self, name: str) -> Path:
        """The assessment folder named ``name`` (a name the folder lists, never a path)."""
        found = self.assessments().get(name)
        if found is None:
            raise HTTPException(404, f"There is no assessment {name!r} in this folder.")
        return found


def site(request: Request) -> Site:
    return request.app.state.site  # type: ignore[no-any-return]


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page (or a fragment) rendered from ``template``."""
    html = PAGES.get_template(template).render(request=request, **values)
    return HTMLResponse(html, status_code=status)


def head_of(folder: Path) -> dict[str, Any]:
    """assessment.yaml's values as written (empty where it cannot be read)."""
    try:
        return read(folder / ASSESSMENT).plain()
    except Exception:  # the checks say what is wrong with it
        return {}


def framework_of(head: dict[str, Any]) -> library.Framework | None:
    """The framework assessment.yaml's values (``head``) name, if briefgen knows it."""
    key = head.get("framework")
    if not isinstance(key, str):
        return None
    try:
        return library.framework_named(key)
    except library.BriefgenError:
        return None


def grid(context: dict[str, Any] | None) -> str:
    """The summary grid as HTML, from the template context the .docx is made from."""
    if context is None:
        return ""
    return PAGES.get_template("grid.html").render(c=context)
