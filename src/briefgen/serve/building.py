"""Preview (the grid as HTML) and Build (= ``briefgen build``, then a download): the
documents are the CLI's, byte for byte."""

from __future__ import annotations

import re
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from . import library, uploads
from .checking import check
from .site import grid, page, site

_HEX = re.compile(r"[0-9A-Fa-f]{6}")


async def preview(request: Request) -> Response:
    name = request.path_params["name"]
    report = check(site(request).assessment(name))
    return page(request, "preview.html", name=name, report=report, grid_html=grid(report.context))


def _build_page(request: Request, name: str, status: int = 200, **values: object) -> Response:
    report = check(site(request).assessment(name))
    return page(
        request,
        "build.html",
        status,
        name=name,
        report=report,
        templates=list(library.builtin_templates()),
        pdf=library.soffice_found(),
        **{"problems": [], "files": [], "chosen": library.DEFAULT_TEMPLATE, **values},
    )


async def build_page(request: Request) -> Response:
    return _build_page(request, request.path_params["name"])


async def build_submit(request: Request) -> Response:
    here = site(request)
    name = request.path_params["name"]
    folder = here.assessment(name)
    form = await request.form(max_files=1, max_fields=10, max_part_size=uploads.LIMIT + 1024)
    chosen = str(form.get("template", ""))
    upload = form.get("upload")
    builtin = library.builtin_templates()
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            template = await uploads.keep(upload, here.work, "template.docx")
            if template.suffix.lower() != ".docx":
                template = template.rename(template.with_name(template.name + ".docx"))
            problems = await run_in_threadpool(library.check_template, template)
            if problems:
                return _build_page(request, name, 422, problems=problems, chosen=chosen)
        elif chosen in builtin:
            template = builtin[chosen]
        else:
            raise ValueError("choose a template")
        out = uploads.fresh(here.work)
        target = out / library.document_name(folder, template)
        pdf = bool(form.get("pdf")) and library.soffice_found()
        written = await run_in_threadpool(library.build_docx, folder, template, target, pdf)
    except (ValueError, uploads.TooBig, library.BriefgenError) as exc:
        lines = exc.lines() if isinstance(exc, library.BriefgenError) else [str(exc)]
        return _build_page(request, name, 422, problems=lines, chosen=chosen)
    key = secrets.token_hex(8)
    here.downloads[key] = {path.name: path for path in written}
    files = [(f"/download/{key}/{path.name}", path.name) for path in written]
    return _build_page(request, name, files=files, chosen=chosen)


async def download(request: Request) -> Response:
    files = site(request).downloads.get(request.path_params["key"], {})
    path = files.get(request.path_params["file"])
    if path is None or not path.is_file():
        raise HTTPException(404, "No such document: build it again.")
    return FileResponse(path, media_type=library.media_type(path), filename=path.name)


async def shades(request: Request) -> Response:
    """A class for each grading's shade, so the grid needs no inline style."""
    found = {"FFFFFF"}
    for framework in library.frameworks():
        found |= {g.shade for g in framework.scale} | {framework.ungraded.shade}
    css = "\n".join(
        f".shade-{s.lower()} {{ background-color: #{s}; }}"
        for s in sorted(found)
        if _HEX.fullmatch(s)
    )
    return Response(css, media_type="text/css")
