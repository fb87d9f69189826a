"""Render a Word template with an assessment: docxtpl in a sandboxed Jinja environment.

The result is deterministic (same input, same bytes) and written atomically: a failed build
never leaves a half-written file and never replaces the previous good one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .context import build_context
from .model import Assessment

#: The timestamp every member of a generated .docx carries, so rebuilds are byte-identical.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
#: The language generated documents declare (spelling, screen readers).
LANGUAGE = "en-GB"

_REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"


class TemplateProblem(Exception):
    """A template that cannot be rendered, with the template file and what went wrong."""

    def __init__(self, template: str, message: str):
        super().__init__(f"{template}: {message}")
        self.template = template
        self.message = message


def templates_dir() -> Path:
    """The built-in templates: inside the installed package, or the checkout's templates/."""
    return _PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir() else _REPO_TEMPLATES


def builtin_templates() -> dict[str, Path]:
    """Template name → file, for every built-in template."""
    return {p.stem: p for p in sorted(templates_dir().glob("*.docx"))
            if not p.name.startswith(("~$", "."))}


def find_template(name_or_path: str) -> Path:
    """A built-in template by name, or any .docx by path."""
    builtin = builtin_templates()
    if name_or_path in builtin:
        return builtin[name_or_path]
    path = Path(name_or_path)
    if path.suffix.lower() == ".docx" and path.is_file():
        return path
    known = ", ".join(builtin)
    raise TemplateProblem(name_or_path, f"no such template; give a .docx file or one of the "
                                        f"built-in templates: {known}")


# --- filters: what committee prose needs --------------------------------------------------

def long_date(value: dt.date) -> str:
    """27 September 2019."""
    return f"{value.day} {value:%B %Y}"


def day_month(value: dt.date) -> str:
    """27 September."""
    return f"{value.day} {value:%B}"


def month_year(value: dt.date) -> str:
    """September 2019."""
    return f"{value:%B %Y}"


def _hyperlink_filter(tpl: DocxTemplate) -> Callable[[str], Markup]:
    """``{{r url|hyperlink }}``: a real, clickable Word hyperlink showing the address.

    The relationship is added to the part being rendered (body, header or footnotes), so the
    link works wherever the tag stands.
    """

    def hyperlink(url: str) -> Markup:
        part = tpl.current_rendering_part
        r_id = part.relate_to(str(url), RT.HYPERLINK, is_external=True)
        return Markup(
            f'<w:hyperlink r:id="{r_id}" w:history="1"><w:r><w:rPr>'
            f'<w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{escape(url)}'
            "</w:t></w:r></w:hyperlink>"
        )

    return hyperlink


def make_environment(tpl: DocxTemplate) -> SandboxedEnvironment:
    """The Jinja environment templates render in: sandboxed, autoescaped, strict."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                               keep_trailing_newline=True)
    env.filters.update(long_date=long_date, day_month=day_month, month_year=month_year,
                       hyperlink=_hyperlink_filter(tpl))
    return env


# --- rendering ----------------------------------------------------------------------------

def render_bytes(assessment: Assessment, template: Path, extra: dict[str, Any] | None = None
                 ) -> bytes:
    """The rendered document as deterministic .docx bytes."""
    context = build_context(assessment)
    context.update(extra or {})
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context, make_environment(tpl), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(str(template), f"template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(str(template), f"unknown variable: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(str(template), str(exc)) from None
    _fix_properties(tpl)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue())


def _fix_properties(tpl: DocxTemplate) -> None:
    """Document properties that do not change from one build to the next."""
    props = tpl.docx.core_properties
    props.language = LANGUAGE
    # Not props.revision: with docxcompose installed, python-docx then writes a second
    # <cp:revision> in the wrong namespace. The templates carry revision 1 already.
    element = props._element
    for tag in ("created", "modified", "lastPrinted", "lastModifiedBy"):
        for child in element.findall(f"{{*}}{tag}"):
            element.remove(child)


def normalise_zip(data: bytes) -> bytes:
    """The same .docx with fixed timestamps and attributes on every zip member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_to_file(assessment: Assessment, template: Path, output: Path,
                   extra: dict[str, Any] | None = None) -> Path:
    """Render and write ``output`` atomically; return it."""
    data = render_bytes(assessment, template, extra)
    write_atomically(output, data)
    return output
