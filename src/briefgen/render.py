"""Render a Word template with an assessment: docxtpl in a sandboxed Jinja environment.

The result is deterministic (same input, same bytes) and written atomically: a failed build
never leaves a half-written file and never replaces the previous good one.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import os
import random
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


def _grading_of(value: Any) -> str:
    """The grading text of a pillar or element (from the context), or the text itself."""
    if isinstance(value, dict):
        if "grading" not in value:
            raise jinja2.UndefinedError(
                "a grading filter needs a pillar, an element or a grading's text")
        return str(value["grading"])
    return str(value)


def grading_label(value: Any) -> str:
    """A pillar's or element's grading as the grid shows it: Requires improvement.

    A grading carried over from an earlier inspection shows its year: Good (2017).
    """
    grading = _grading_of(value)
    if isinstance(value, dict) and value.get("carried_over_from"):
        return f"{grading} ({value['carried_over_from']})"
    return grading


def lower_grading(value: Any) -> str:
    """A grading for running text: requires improvement (from a pillar, element or label)."""
    return _grading_of(value).lower()


def pillar_label(pillar: dict[str, Any]) -> str:
    """A pillar named with its overall grading: Effectiveness: requires improvement.

    Just the name where the framework gives pillars no grading.
    """
    if not isinstance(pillar, dict) or "name" not in pillar or "elements" not in pillar:
        raise jinja2.UndefinedError("pillar_label needs a pillar, e.g. {{ pillar|pillar_label }}")
    grading = lower_grading(pillar)
    return f"{pillar['name']}: {grading}" if grading else str(pillar["name"])


def upper_first(value: Any) -> str:
    """Text starting a sentence or heading: the first letter in capitals, the rest as it is."""
    text = str(value)
    return text[:1].upper() + text[1:]


def join_and(values: Any, word: str = "and") -> str:
    """A list for running text: "a, b and c"."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


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


#: The filters briefgen adds to Jinja's own, by name (``hyperlink`` is added per template).
FILTERS: dict[str, Callable[..., str]] = {
    "long_date": long_date,
    "day_month": day_month,
    "month_year": month_year,
    "grading_label": grading_label,
    "lower_grading": lower_grading,
    "pillar_label": pillar_label,
    "join_and": join_and,
    "upper_first": upper_first,
}


def make_environment(tpl: DocxTemplate) -> SandboxedEnvironment:
    """The Jinja environment templates render in: sandboxed, autoescaped, strict."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                               keep_trailing_newline=True)
    env.filters.update(FILTERS, hyperlink=_hyperlink_filter(tpl))
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

    def fix_tables(self, xml):  # type: ignore[override]
        # Each table's width as the template gives it, before docxtpl rounds it off.
        widths = [sum(int(w) for w in _COLUMN_WIDTH.findall(grid))
                  for grid in _GRID.findall(xml)]
        tree = super().fix_tables(xml)
        for table, width in zip(tree.iter(qn("w:tbl")), widths):
            fit_columns(table, width)
        return tree


class _BrokenXml(Exception):
    pass


_GRID = re.compile(r"<w:tblGrid\b(?:[^>]*/>|.*?</w:tblGrid>)", re.DOTALL)
_COLUMN_WIDTH = re.compile(r'<w:gridCol\b[^>]*?w:w="(\d+)"')


def fit_columns(table: etree._Element, width: int | None = None) -> None:
    """Make a table's grid agree with its cells once ``{%tc %}`` tags have come and gone.

    docxtpl removes a ``{%tc %}`` tag's cell (so a column can be left out, or repeated with
    ``{%tc for %}``) but then only trims or pads the grid at its right-hand end, with equal
    widths. Here the cells are the truth: the columns left take the widths their cells have,
    in proportion, across the table's full width, and a row with merged cells (a band across
    the whole table) still reaches across it, its last merged cell taking up the difference.
    A table whose grid already matches its cells is left exactly as it is. ``width`` is the
    table's full width in twips (by default, what its grid adds up to).
    """
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return
    columns = grid.findall(qn("w:gridCol"))
    rows = [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]
    plain = [cells for cells in rows if cells and all(_span(c) == 1 for c in cells)]
    if not columns or not plain:
        return
    widest = max(plain, key=len)
    widths = [_cell_width(c) for c in widest]
    current = [int(c.get(qn("w:w"), "0")) for c in columns]
    total = width or sum(current)
    if None in widths or not total or (
            len(widths) == len(current)
            and all(abs(a - b) <= max(20, b // 100) for a, b in zip(widths, current))):
        return
    scale = total / sum(widths)
    fitted = [int(w * scale) for w in widths]
    fitted[-1] += total - sum(fitted)
    for column in columns:
        grid.remove(column)
    for share in fitted:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(share))
    for cells in rows:
        spans = [_span(cell) for cell in cells]
        merged = [i for i, span in enumerate(spans) if span > 1]
        if merged:  # a row with merged cells still reaches across the table, at its last one
            spans[merged[-1]] = max(1, len(fitted) - sum(spans) + spans[merged[-1]])
            cells[merged[-1]].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").set(
                qn("w:val"), str(spans[merged[-1]]))
        start = 0
        for cell, span in zip(cells, spans):
            tc_w = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tc_w is not None and tc_w.get(qn("w:type"), "dxa") == "dxa":
                tc_w.set(qn("w:w"), str(sum(fitted[start:start + span])))
            start += span


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    try:
        return int(span.get(qn("w:val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _cell_width(cell: etree._Element) -> int | None:
    """A cell's width in twentieths of a point, if it has a fixed one."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type"), "dxa") != "dxa":
        return None
    try:
        return int(width.get(qn("w:w"))) or None
    except (TypeError, ValueError):
        return None


def render_bytes(assessment: Assessment, template: Path, extra: dict[str, Any] | None = None,
                 into: Path | None = None) -> bytes:
    """The rendered document as deterministic .docx bytes; TemplateProblem if it cannot be.

    With ``into``, the rendered template is inserted into that cover document (itself a
    template) where it says ``{{p briefing }}``, and the cover is what is returned.
    """
    context = build_context(assessment)
    context.update(extra or {})
    data = _render(template, context)
    if into is None:
        return data
    tpl = _open(into)
    if not _has_briefing_tag(tpl):
        raise TemplateProblem(display_path(into), "has no {{p briefing }} tag: type it, alone "
                                                  "in its own paragraph, where the briefing "
                                                  "should go")
    state = random.getstate()
    random.seed(0)  # docxcompose gives added lists random ids: same input, same bytes
    try:
        briefing = tpl.new_subdoc(io.BytesIO(_pin_numbering(data)))
    finally:
        random.setstate(state)
    _fit_sections(briefing.subdocx, tpl.docx)
    return _render(into, {**context, "briefing": briefing}, tpl)


def _open(template: Path) -> _Template:
    try:
        tpl = _Template(str(template))
        tpl.init_docx()  # opening the package is what fails on a file that is not .docx
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise TemplateProblem(display_path(template),
                              "is not a Word document (.docx) that can be opened; "
                              "save it from Word or LibreOffice as .docx") from None
    return tpl


def _render(template: Path, context: dict[str, Any], tpl: _Template | None = None) -> bytes:
    name = display_path(template)
    tpl = tpl or _open(template)
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


_BRIEFING_TAG = re.compile(r"[{][{]-?\s*p\s+briefing\s*-?[}][}]")


def _has_briefing_tag(tpl: _Template) -> bool:
    return any(_BRIEFING_TAG.fullmatch(text.strip()) for _, text in _paragraphs(tpl))


def _pin_numbering(data: bytes) -> bytes:
    """The document with each list paragraph's numbering written on the paragraph itself.

    A list style's numbering (List Bullet → list 10, level 0) is otherwise looked up through
    the style, and docxcompose maps it onto the cover's style of the same name, whose list may
    have a single level: nested bullets would lose their bullet. Each list a style uses is
    copied to a list of its own that no style names, and its paragraphs point at the copy, so
    the briefing's lists keep their levels while the cover's styles set fonts and spacing.
    """
    document = docx.Document(io.BytesIO(data))
    styles = {s.style_id: s for s in document.styles}
    numbering = document.part.numbering_part.element
    copies: dict[int, int] = {}
    for p in document.element.body.iter(qn("w:p")):
        p_pr = p.pPr
        if p_pr is None or p_pr.numPr is not None or p_pr.pStyle is None:
            continue
        style, seen = styles.get(p_pr.pStyle.val), set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
            if num_pr is not None and num_pr.numId is not None:
                if num_pr.numId.val not in copies:
                    copies[num_pr.numId.val] = _copy_list(numbering, num_pr.numId.val)
                pinned = p_pr.get_or_add_numPr()
                pinned.get_or_add_ilvl().val = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                pinned.get_or_add_numId().val = copies[num_pr.numId.val]
                break
            style = style.base_style
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _copy_list(numbering: etree._Element, num_id: int) -> int:
    """Copy list ``num_id`` and its abstract numbering under new ids; return the new numId."""
    w_id, w_abstract = qn("w:numId"), qn("w:abstractNumId")
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(w_id) == str(num_id))
    abstract_id = num.find(w_abstract).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(w_abstract) == abstract_id)
    new_abstract_id = 1 + max(int(a.get(w_abstract)) for a in numbering.findall(
        qn("w:abstractNum")))
    new_num_id = 1 + max(int(n.get(w_id)) for n in numbering.findall(qn("w:num")))
    abstract_copy = copy.deepcopy(abstract)
    abstract_copy.set(w_abstract, str(new_abstract_id))
    for link in abstract_copy.findall(qn("w:numStyleLink")) + abstract_copy.findall(
            qn("w:styleLink")):
        abstract_copy.remove(link)
    numbering.find(qn("w:num")).addprevious(abstract_copy)  # abstract lists come first
    num_copy = copy.deepcopy(num)
    num_copy.set(w_id, str(new_num_id))
    num_copy.find(w_abstract).set(qn("w:val"), str(new_abstract_id))
    numbering.append(num_copy)
    return new_num_id


def _fit_sections(briefing: docx.document.Document, cover: docx.document.Document) -> None:
    """Give the briefing's sections the cover's page setup, header and footer.

    The briefing keeps its orientation (the grid stays landscape) but takes the cover's paper
    size, margins, header and footer, so the pages read as one paper. Its last section, which
    a sub-document would otherwise lose, ends at an empty paragraph after the briefing; the
    cover's own content resumes after it on a new page.
    """
    body = briefing.element.body
    final = body.find(qn("w:sectPr"))
    if final is not None:
        body.remove(final)
        closing = body.makeelement(qn("w:p"), {})
        closing.append(body.makeelement(qn("w:pPr"), {}))
        closing[0].append(final)
        body.append(closing)
    cover_section = cover.element.body.find(qn("w:sectPr"))
    if cover_section is None:
        return
    for own in list(body.iter(qn("w:sectPr"))):
        fitted = copy.deepcopy(cover_section)
        section_type = own.find(qn("w:type"))
        for child in fitted.findall(qn("w:type")):
            fitted.remove(child)
        if section_type is not None:
            fitted.insert(_after_references(fitted), copy.deepcopy(section_type))
        if _is_landscape(own) != _is_landscape(fitted):
            _turn(fitted)
        own.getparent().replace(own, fitted)
    _fit_tables(body)


def _fit_tables(body: etree._Element) -> None:
    """Narrow any table wider than its section's text, keeping its columns' proportions."""
    sections = list(body.iter(qn("w:sectPr")))
    for table in body.findall(qn("w:tbl")):
        section = next((s for s in sections if s.getparent() is not None
                        and _follows(s, table)), None)
        if section is None:
            continue
        size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
        try:
            text_width = (int(size.get(qn("w:w"))) - int(margins.get(qn("w:left")))
                          - int(margins.get(qn("w:right"))))
        except (AttributeError, TypeError, ValueError):
            continue
        columns = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        total = sum(int(c.get(qn("w:w"), "0")) for c in columns)
        if not total or total <= text_width:
            continue
        scale = text_width / total
        for element in [*columns, *table.iter(qn("w:tcW")), *table.iter(qn("w:tblW"))]:
            width = element.get(qn("w:w"))
            if width and element.get(qn("w:type"), "dxa") == "dxa":
                element.set(qn("w:w"), str(int(int(width) * scale)))


def _follows(sect_pr: etree._Element, table: etree._Element) -> bool:
    """Whether the section ``sect_pr`` ends at or after ``table`` (so the table is in it)."""
    top = sect_pr
    while top.getparent() is not None and top.getparent().tag != qn("w:body"):
        top = top.getparent()
    body = table.getparent()
    return body.index(top) > body.index(table)


def _after_references(sect_pr: etree._Element) -> int:
    """Where in a w:sectPr a w:type goes: after the header and footer references."""
    refs = [c for c in sect_pr if c.tag in (qn("w:headerReference"), qn("w:footerReference"),
                                            qn("w:footnotePr"), qn("w:endnotePr"))]
    return sect_pr.index(refs[-1]) + 1 if refs else 0


def _is_landscape(sect_pr: etree._Element) -> bool:
    size = sect_pr.find(qn("w:pgSz"))
    if size is None:
        return False
    if size.get(qn("w:orient")) == "landscape":
        return True
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    return bool(width and height and int(width) > int(height))


def _turn(sect_pr: etree._Element) -> None:
    """Swap a section between portrait and landscape (the margins stay, for the header)."""
    size = sect_pr.find(qn("w:pgSz"))
    if size is not None:
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        if width and height:
            size.set(qn("w:w"), height)
            size.set(qn("w:h"), width)
        landscape = bool(width and height and int(height) > int(width))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        elif qn("w:orient") in size.attrib:
            del size.attrib[qn("w:orient")]


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


def _part_kind(partname: str) -> str | None:
    """How a message names a part that is not the body ("a header"); None for the body."""
    return next((label for key, label in _PART_NAMES.items() if key in partname), None)


def _normalise(text: str) -> str:
    """Tag text as docxtpl compares it: typographic quotes straight, no row/paragraph marker."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", "", _TAG_PREFIX.sub(r"\1 ", text))


def _where(tpl: _Template, line: int | None) -> str:
    """Where in Word terms the source line ``line`` of the part being rendered stands."""
    if tpl.rendering is None:
        return "document properties"
    part, source = tpl.rendering
    kind = _part_kind(str(part.partname))
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
    for place, text, _ in _paragraphs_in(tpl.docx.element.body):
        yield place, text


def _text(element: etree._Element) -> str:
    """The text of a paragraph, row or cell, as Word's runs hold it."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _paragraphs_in(root: etree._Element, kind: str | None = None):
    """(place in Word terms, text, w:p element) of every paragraph under ``root``.

    ``kind`` names a part other than the body ("a header"), whose paragraphs are not numbered.
    """
    tables = {table: n for n, table in enumerate(root.iter(qn("w:tbl")), start=1)}
    number = 0
    for p in root.iter(qn("w:p")):
        text = _text(p)
        if kind:
            yield f"in {kind}, paragraph", text, p
            continue
        cell = next((a for a in p.iterancestors(qn("w:tc"))), None)
        if cell is None:
            number += 1
            yield f"paragraph {number}", text, p
            continue
        row = cell.getparent()
        table = row.getparent()
        yield (f"table {tables[table]}, "
               f"row {table.findall(qn('w:tr')).index(row) + 1}, "
               f"cell {row.findall(qn('w:tc')).index(cell) + 1},"), text, p


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
                   extra: dict[str, Any] | None = None, into: Path | None = None) -> Path:
    """Render (into the cover ``into``, if given) and write ``output`` atomically; return it."""
    data = render_bytes(assessment, template, extra, into)
    write_atomically(output, data)
    return output
