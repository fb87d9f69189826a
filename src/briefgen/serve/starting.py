"""Home (every assessment and its state), New (= ``briefgen new``) and Draft (= ``briefgen
draft``), each ending in the assessment's editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import library, uploads
from .checking import check
from .site import Site, head_of, page, site


async def home(request: Request) -> Response:
    here = site(request)
    rows = []
    for name, folder in here.assessments().items():
        head = head_of(folder)
        rows.append(
            {
                "name": name,
                "force": head.get("force", ""),
                "framework": head.get("framework", ""),
                "published": head.get("published", ""),
                "state": check(folder).state(),
            }
        )
    return page(request, "home.html", folder=library.display_path(here.folder), rows=rows)


def folder_for(here: Site, name: str) -> Path:
    """The new assessment's folder: a plain name inside the folder served (ValueError, in the
    officer's words, for any other name or a folder already there)."""
    if not uploads.FOLDER_NAME.fullmatch(name):
        raise ValueError(
            f"the folder name {name!r} may hold only small letters, digits and "
            "hyphens, e.g. kent-2023-25"
        )
    here.folder.mkdir(parents=True, exist_ok=True)
    folder = here.folder / name
    if folder.exists():
        raise ValueError(f"there is already a folder {name} here: choose another name")
    return folder


async def new_page(request: Request) -> Response:
    return page(
        request,
        "new.html",
        frameworks=library.framework_names(),
        error=None,
        values={"framework": "", "force": "", "name": ""},
    )


async def new_submit(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=20)
    values = {key: str(form.get(key, "")).strip() for key in ("framework", "force", "name")}
    known = library.framework_names()
    try:
        if values["framework"] not in known:
            raise ValueError("choose a framework from the list")
        name = values["name"] or uploads.slug(f"{values['force']} {values['framework']}")
        await run_in_threadpool(
            library.new_folder,
            folder_for(site(request), name),
            values["framework"],
            values["force"],
        )
    except (ValueError, library.BriefgenError) as exc:
        return page(
            request, "new.html", 422, frameworks=known, error=str(exc).strip(), values=values
        )
    return RedirectResponse(f"/a/{name}", status_code=303)


def _draft_page(
    request: Request, status: int = 200, error: list[str] | None = None, **values: Any
) -> Response:
    return page(
        request,
        "draft.html",
        status,
        error=error,
        limit_mb=uploads.LIMIT // 2**20,
        values={"address": values.get("address", ""), "name": values.get("name", "")},
    )


async def draft_page(request: Request) -> Response:
    return _draft_page(request)


async def draft_submit(request: Request) -> Response:
    here = site(request)
    form = await request.form(max_files=1, max_fields=10, max_part_size=uploads.LIMIT + 1024)
    address = str(form.get("address", "")).strip()
    name = str(form.get("name", "")).strip()
    upload = form.get("report")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            report = await uploads.keep(upload, here.work, "report")
        elif address:
            report = await run_in_threadpool(uploads.fetch, address, here.work)
        else:
            raise ValueError("choose the report's file, or give its web address")
        name = name or uploads.slug(report.stem)
        lines = await run_in_threadpool(
            library.draft_folder, report, folder_for(site(request), name)
        )
    except (ValueError, uploads.TooBig, OSError, library.BriefgenError) as exc:
        text = exc.lines() if isinstance(exc, library.BriefgenError) else [str(exc)]
        return _draft_page(request, 422, text, address=address, name=name)
    return RedirectResponse(f"/a/{name}?drafted={len(lines)}", status_code=303)
