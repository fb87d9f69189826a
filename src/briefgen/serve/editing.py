"""The editors: assessment.yaml and each element's file, checked as the officer types, saved
only when the file is as the form read it and the schema takes every value."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import forms, library
from .checking import ASSESSMENT, ELEMENTS, Report, anchors, check, field_at, placed
from .site import framework_of, grid, head_of, page, site
from .yamlfile import Changed, Edit, edited, read, save

UNSAVED = {"kind": "info", "text": "Checked as you type; not saved yet: press Save to keep it."}


@dataclass
class Target:
    """One file a form edits, found from names the folder and the framework list."""

    name: str
    folder: Path
    rel: str
    kind: str  # "assessment" or "element"
    framework: library.Framework | None
    pillars: list[Any]  # the graded pillars the assessment covers
    definition: Any = None

    @property
    def path(self) -> Path:
        return self.folder / self.rel

    @property
    def url(self) -> str:
        return page_of(self.name, self.rel)


def _target(request: Request, element: bool) -> Target:
    name = request.path_params["name"]
    folder = site(request).assessment(name)
    head = head_of(folder)  # read once a request
    framework = framework_of(head)
    pillars = _pillars(framework, head)
    if not element:
        return Target(name, folder, ASSESSMENT, "assessment", framework, pillars)
    key = request.path_params["key"]
    definition = framework.element_by_key.get(key) if framework else None
    if definition is None or not (folder / library.element_file(key)).is_file():
        raise HTTPException(404, f"{name} has no element file {key!r}.")
    rel = library.element_file(key)
    return Target(name, folder, rel, "element", framework, pillars, definition)


#: The fields each page has, by the ids the form gives them.
_FIELDS = {
    "assessment": re.compile(
        r"(framework|force|force_short_name|force_informal_name|published|source|previous"
        r"|pillars(-[a-z0-9-]+)?|paper(-[a-z_]+)?|briefing(-themes(-[a-z]+)?)?)"
    ),
    "element": re.compile(
        r"(element|grading|carried_over_from|not_inspected"
        r"|(comments|causes_of_concern|recommendations|areas_for_improvement)(-\d+)?)"
    ),
}


def page_of(name: str, file: str) -> str:
    """The page where ``file`` (of the assessment ``name``) is edited."""
    if file.startswith(f"{ELEMENTS}/") and file.endswith(".yaml"):
        return f"/a/{name}/e/{file[len(ELEMENTS) + 1 : -5]}"
    return f"/a/{name}"


def _linker(target: Target, texts: dict[str, str]) -> Callable[[str, Any], str]:
    """``link(name, shown)``: the page and field where a problem is put right."""
    marks: dict[str, list[tuple[int, str]]] = {}

    def link(name: str, shown: Any) -> str:
        if shown.file not in marks:
            if shown.file not in texts:
                try:
                    texts[shown.file] = (target.folder / shown.file).read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    texts[shown.file] = ""
            marks[shown.file] = anchors(texts[shown.file])
        kind = "assessment" if shown.file == ASSESSMENT else "element"
        pattern = _FIELDS[kind]
        field = field_at(marks[shown.file], shown.line, lambda n: bool(pattern.fullmatch(n)))
        return page_of(name, shown.file) + (f"#p-{field}" if field else "")

    return link


def _labels(target: Target) -> list[str]:
    return [g.label for g in target.framework.scale] if target.framework else []


def _wanted(
    target: Target, form: FormData, edit: Edit
) -> tuple[dict[str, Any], list[str], dict[str, list[Any]]]:
    """The file's values as the form has them, the keys it edits, and its lists."""
    current = edit.plain()
    if target.kind == "element":
        wanted, lists, fields = forms.element_values(form, target.definition.graded, current)
        return wanted, fields, lists
    wanted, fields = forms.assessment_values(form, current, [p.key for p in target.pillars])
    return wanted, fields, {}


def _pillars(framework: library.Framework | None, head: dict[str, Any]) -> list[Any]:
    if framework is None:
        return []
    covers = head.get("covers")
    return [p for p in framework.graded_pillars if not isinstance(covers, list) or p.key in covers]


def _ids(target: Target, lists: dict[str, list[Any]]) -> set[str]:
    if target.kind == "element":
        ids = {"element", "grading", "carried_over_from", "not_inspected", *forms.LISTS}
        ids |= {f"{n}-{i}" for n, bullets in lists.items() for i in range(len(bullets))}
        return ids
    ids = {"framework", *forms.ASSESSMENT_TEXT, "previous", "pillars", "paper"}
    ids |= {f"pillars-{p.key}" for p in target.pillars}
    ids |= {"briefing", "briefing-themes"}
    ids |= {f"briefing-themes-{key}" for key in ("introduction", "source", "items")}
    return ids | {f"paper-{key}" for key in forms.PAPER}


def _values(
    target: Target,
    request: Request,
    wanted: dict[str, Any],
    lists: dict[str, list[Any]],
    report: Report,
    text: str,
    version: str,
    message: dict[str, Any] | None,
) -> dict[str, Any]:
    """What the editor's page (or its checked fragment) shows."""
    ids = _ids(target, lists)
    by_field, rest = placed(report.shown, target.rel, text, ids)
    rest = [s for s in rest if not s.to_complete]  # those are in the checklist
    values: dict[str, Any] = {
        "name": target.name,
        "report": report,
        "by_field": by_field,
        "rest": rest,
        "grid_html": grid(report.context),
        "version": version,
        "message": message,
        "values": wanted,
        "labels": _labels(target),
        "ids": sorted(ids),
        "link": _linker(target, {target.rel: text}),
        "is_tbc": library.is_to_be_completed,
        "framework": target.framework,
    }
    if target.kind == "element":
        state = (
            "not_inspected"
            if wanted.get("not_inspected")
            else "carried_over"
            if "carried_over_from" in wanted
            else "graded"
        )
        values.update(
            definition=target.definition,
            state=state,
            statuses=forms.STATUSES,
            lists=[
                {
                    "name": n,
                    "label": forms.LIST_WORDS[n][0],
                    "one": forms.LIST_WORDS[n][1],
                    "a": forms.LIST_WORDS[n][2],
                    "bullets": [forms.bullet_view(b) for b in bs],
                }
                for n, bs in lists.items()
            ],
        )
    else:
        counts = Counter(s.file for s in report.problems)
        others = [n for n in site(request).assessments() if n != target.name]
        values.update(
            graded_pillars=target.pillars,
            others=others,
            elements=_element_list(target),
            counts={
                Path(f).stem: f"{n} to do"
                for f, n in counts.items()
                if f.startswith(f"{ELEMENTS}/")
            },
        )
    return values


def _element_list(target: Target) -> list[tuple[Any, bool]]:
    if target.framework is None:
        return []
    return [
        (e, (target.folder / library.element_file(e.key)).is_file())
        for e in target.framework.elements
    ]


def _lists_of(target: Target, wanted: dict[str, Any]) -> dict[str, list[Any]]:
    if target.kind != "element":
        return {}
    return {
        n: list(wanted.get(n) or []) if isinstance(wanted.get(n), list) else [] for n in forms.LISTS
    }


def _order(target: Target) -> tuple[str, ...]:
    return forms.ELEMENT_ORDER if target.kind == "element" else forms.ASSESSMENT_ORDER


def _readable(target: Target, report: Report | None) -> Edit:
    """The file, read for the form; a file YAML cannot read is put right in a text editor,
    as validate says (the form cannot show it, nor save over it)."""
    try:
        return read(target.path)
    except Exception:
        report = report or check(target.folder)
        lines = [s.text for s in report.problems if s.file == target.rel]
        raise HTTPException(
            409,
            "\n".join(
                [
                    *(lines or [f"{target.rel} cannot be read as YAML."]),
                    "Put it right in a text editor, then open this page again.",
                ]
            ),
        ) from None


async def show(request: Request) -> Response:
    """GET: the editor, from the file as it is."""
    target = _target(request, "key" in request.path_params)
    report = check(target.folder)
    edit = _readable(target, report)
    wanted = edit.plain()
    saved = {"kind": "saved", "text": "Saved."} if request.query_params.get("saved") else None
    template = "element.html" if target.kind == "element" else "assessment.html"
    return page(
        request,
        template,
        **_values(
            target,
            request,
            wanted,
            _lists_of(target, wanted),
            report,
            edit.text,
            edit.version,
            saved,
        ),
    )


async def _posted(
    request: Request,
) -> tuple[Target, FormData, Edit, dict[str, Any], list[str], dict[str, list[Any]], str]:
    target = _target(request, "key" in request.path_params)
    form = await request.form(max_fields=5000, max_part_size=1024 * 1024)
    edit = _readable(target, None)
    wanted, fields, lists = _wanted(target, form, edit)
    op = str(form.get("op", "save"))
    if lists and op != "save":
        forms.apply_op(lists, op)
    full = forms.with_lists(wanted, lists) if lists else wanted
    return target, form, edit, full, fields, lists, edited(edit, full, fields, _order(target))


async def check_fragment(request: Request) -> Response:
    """POST (htmx, as the officer types): each field's problems, the checklist, the grid."""
    target, form, edit, wanted, fields, lists, text = await _posted(request)
    report = check(target.folder, {target.rel: text}, target.kind)
    message = UNSAVED if text != edit.text else None
    return page(
        request,
        "checked.html",
        **_values(
            target, request, wanted, lists, report, text, str(form.get("version", "")), message
        ),
    )


async def submit(request: Request) -> Response:
    """POST: a button beside a bullet (the form again, not saved) or Save."""
    target, form, edit, wanted, fields, lists, text = await _posted(request)
    version = str(form.get("version", ""))
    op = str(form.get("op", "save"))
    template = "element.html" if target.kind == "element" else "assessment.html"
    report = check(target.folder, {target.rel: text}, target.kind, refusals=op == "save")

    def again(message: dict[str, Any], status: int = 200) -> Response:
        return page(
            request,
            template,
            status,
            **_values(target, request, wanted, lists, report, text, version, message),
        )

    if op != "save":
        return again(UNSAVED)
    conflict = {
        "kind": "conflict",
        "reload": target.url,
        "text": "Not saved: this file has changed since you opened it (in another tab "
        "or a text editor). Your edits are still in the form below.",
    }
    if version != edit.version:
        return again(conflict, 409)
    before = {s.message for s in check(target.folder).shown if not s.warning}
    refused = [s for s in report.refused if s.message not in before]
    if refused:
        return again(
            {"kind": "refused", "text": "Not saved: " + "; ".join(s.message for s in refused)}, 422
        )
    try:
        save(target.path, text, version)
    except Changed:
        return again(conflict, 409)
    return RedirectResponse(f"{target.url}?saved=1", status_code=303)
