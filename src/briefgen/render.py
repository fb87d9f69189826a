"""Render a Word template with an assessment: docxtpl in a sandboxed Jinja environment.

The result is deterministic (same input, same bytes) and written atomically: a failed build
never leaves a half-written file and never replaces the previous good one.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup, escape

from .context import build_context
from .inputs import display_path
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


def template_description(path: Path) -> str:
    """A template's one-line description: its document properties' comments."""
    return docx.Document(str(path)).core_properties.comments or ""


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

class _Template(DocxTemplate):
    """docxtpl's template, remembering what it renders so that errors can be located."""

    rendering: tuple[Any, str] | None = None

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
        self.rendering = (part, src_xml)
        rendered = super().render_xml_part(src_xml, part, context, jinja_env)
        try:  # docxtpl later parses leniently: never let broken XML through to the file
            etree.fromstring(rendered.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise _BrokenXml(str(exc)) from None
        return rendered

    def render_properties(self, context, jinja_env=None):  # type: ignore[override]
        # Document properties are plain text that python-docx escapes when it saves them:
        # autoescaping here too would show "Devon &amp; Cornwall" in File › Properties.
        self.rendering = None
        super().render_properties(context, jinja_env.overlay(autoescape=False)
                                  if jinja_env else None)


class _BrokenXml(Exception):
    pass


def render_bytes(assessment: Assessment, template: Path, extra: dict[str, Any] | None = None
                 ) -> bytes:
    """The rendered document as deterministic .docx bytes; TemplateProblem if it cannot be."""
    context = build_context(assessment)
    context.update(extra or {})
    name = display_path(template)
    try:
        tpl = _Template(str(template))
        tpl.init_docx()  # opening the package is what fails on a file that is not .docx
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise TemplateProblem(name, "is not a Word document (.docx) that can be opened; "
                                    "save it from Word or LibreOffice as .docx") from None
    try:
        tpl.render(context, make_environment(tpl), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateProblem(name, _describe_template_error(tpl, exc)) from None
    except _BrokenXml as exc:
        raise TemplateProblem(name, f"{_where(tpl, None)}: the template produced XML that Word "
                                    f"cannot open ({exc}); check that each {{%p %}}, {{%tr %}} "
                                    "tag stands alone in its paragraph or row") from None
    _fix_properties(tpl)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue())


def _describe_template_error(tpl: _Template, exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {exc.message}"
        if "Unexpected end of template" in (exc.message or ""):
            unclosed = _unclosed_block(tpl)
            if unclosed:
                return f"{unclosed}: this block is never closed; {what}"
        return f"{_where(tpl, exc.lineno)}: {what}"
    line = None
    tb = exc.__traceback__
    while tb is not None:  # Jinja rewrites runtime tracebacks to point into the template
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, jinja2.UndefinedError):
        return f"{_where(tpl, line)}: unknown variable: {exc.message}"
    if isinstance(exc, SecurityError):
        return f"{_where(tpl, line)}: not allowed in a template: {exc}"
    return f"{_where(tpl, line)}: {exc}"


_TAG_PREFIX = re.compile(r"([{][{%])-?\s*(?:p|tr|tc|r)\s")
_PART_NAMES = {"footnotes": "a footnote", "header": "a header", "footer": "a footer"}


def _normalise(text: str) -> str:
    """Tag text as docxtpl compares it: typographic quotes straight, no row/paragraph marker."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", "", _TAG_PREFIX.sub(r"\1 ", text))


def _where(tpl: _Template, line: int | None) -> str:
    """Where in Word terms the source line ``line`` of the part being rendered stands."""
    if tpl.rendering is None:
        return "document properties"
    part, source = tpl.rendering
    partname = str(part.partname)
    kind = next((label for key, label in _PART_NAMES.items() if key in partname), None)
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", source).splitlines()
    if line is None or not 0 < line <= len(lines):
        return f"in {kind}" if kind else "in the document"
    paragraph = lines[line - 1].split("</w:p>")[0]  # a line may run on past its paragraph
    text = html.unescape(re.sub(r"<[^>]+>", "", paragraph)).strip()
    if kind:
        return f"in {kind}, paragraph {_quote(text)}"
    for place, paragraph_text in _paragraphs(tpl):
        if _normalise(paragraph_text) == _normalise(text):
            return f"{place} {_quote(paragraph_text)}"
    return f"paragraph {_quote(text)}"


def _quote(text: str, limit: int = 60) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def _paragraphs(tpl: _Template):
    """(place in Word terms, text) of every paragraph of the template body, in order."""
    body = tpl.docx.element.body
    tables = {table: n for n, table in enumerate(body.iter(qn("w:tbl")), start=1)}
    number = 0
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        cell = next((a for a in p.iterancestors(qn("w:tc"))), None)
        if cell is None:
            number += 1
            yield f"paragraph {number}", text
            continue
        row = cell.getparent()
        table = row.getparent()
        yield (f"table {tables[table]}, "
               f"row {table.findall(qn('w:tr')).index(row) + 1}, "
               f"cell {row.findall(qn('w:tc')).index(cell) + 1},"), text


_BLOCK = re.compile(r"[{]%-?\s*(?:p|tr|tc|r)?\s*(for|if|endfor|endif)\b")


def _unclosed_block(tpl: _Template) -> str | None:
    """Where the innermost {% for %} or {% if %} that is never closed stands, if one is."""
    if tpl.rendering is None or "document" not in str(tpl.rendering[0].partname):
        return None
    stack: list[tuple[str, str, str]] = []
    for place, text in _paragraphs(tpl):
        for match in _BLOCK.finditer(text):
            word = match.group(1)
            if word in ("for", "if"):
                stack.append((word, place, text))
            elif stack and stack[-1][0] == word[3:]:
                stack.pop()
    if not stack:
        return None
    _, place, text = stack[-1]  # the innermost, as Jinja reports it
    return f"{place} {_quote(text)}"


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
