"""Check a Word template without data: what `briefgen templates check` reports.

A template is checked the way it will be rendered: each part (body, headers, footers,
footnotes, document properties) goes through docxtpl's own preparation and Jinja's parser,
then every variable, attribute, filter and test it uses is compared with the documented
context (what ``context.py`` produces) and the filters ``environment.py`` provides. Tags docxtpl
treats specially (``{%p``, ``{{p``, ``{%tr``, ``{%tc``) are checked for where they stand, and a
tag that Word split across paragraphs is found before docxtpl joins it into broken XML.
Problems are located in Word terms: "table 1, row 3, cell 1" or "paragraph 2".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from jinja2 import nodes
from lxml import etree

from .context import build_context
from .context_shape import ANY, ListShape, Record, context_shape, sample_assessment
from .docx_package import external_links, parse_xml
from .docx_template import FillFailed, Template, fill, open_template
from .environment import make_environment
from .errors import TemplateProblem, TemplateProblems, did_you_mean, display_path, quote
from .word_places import (
    describe_error,
    one_paragraph_a_line,
    paragraphs_in,
    part_kind,
    plain_syntax_error,
    text_of,
    where,
)

#: Variables a template may use beyond the assessment's context, and what they are.
EXTRA_VARIABLES = {"briefing": "the rendered briefing, in a cover report used with --into"}


def require_sound(template: Path) -> set[str]:
    """The context values ``template`` uses (``paper.appendix``, …); raise TemplateProblems
    unless it passes the check."""
    problems, used = _check(template, with_sample=False)  # the render that follows fills it in,
    # within the same bounds, with the real data
    if problems:
        raise TemplateProblems(problems)
    return used


# --- checking ---------------------------------------------------------------------------


def check_template(template: Path) -> list[TemplateProblem]:
    """Every problem found in ``template``, in document order; an empty list if none."""
    return _check(template)[0]


def _check(template: Path, with_sample: bool = True) -> tuple[list[TemplateProblem], set[str]]:
    """The problems found in ``template``, and the context values it uses; with ``with_sample``, the
    template is also filled in with sample data to find work beyond the sandbox's bounds."""
    tpl = open_template(template)
    name = display_path(template)
    linked = external_links(template)
    if linked:  # Word would fetch each when the briefing is opened: nothing is rendered
        return [TemplateProblem(name, _LINKED.format(what="; ".join(linked)))], set()
    env = make_environment(tpl)
    known = context_shape()
    known = Record(known.name, {**known.fields, **{k: ANY for k in EXTRA_VARIABLES}})
    problems: list[str] = []
    used: set[str] = set()
    for part, raw in tpl.sources():  # exactly what the renderer will render
        kind = None if part is tpl.docx.part else part_kind(str(part.partname))
        root = tpl.docx.element.body if kind is None else parse_xml(raw.encode("utf-8"))
        problems.extend(_placement(root, kind))
        source = tpl.patch_xml(raw)
        tpl.rendering = (part, source)
        parsed, errors = _parse(env, tpl, one_paragraph_a_line(source))
        problems.extend(errors)
        if parsed is None:
            continue
        checker = _Checker(env, known, lambda line, tpl=tpl: where(tpl, line))
        checker.block(parsed.body, {})
        problems.extend(checker.problems)
        used |= checker.used
    tpl.rendering = None
    problems.extend(_check_properties(tpl, env, known))
    if with_sample and not problems:  # what only filling it in shows: work beyond the bounds
        sample = {**build_context(sample_assessment()), **dict.fromkeys(EXTRA_VARIABLES, "")}
        breach = _bounds_breach(template, sample)
        if breach:
            problems.append(breach)
    return [TemplateProblem(name, message) for message in dict.fromkeys(problems)], used


def _bounds_breach(template: Path, context: dict[str, Any]) -> str | None:
    """Where and how filling in ``template`` with ``context`` breaks the sandbox's bounds
    (sandbox.py), located in Word terms; None if it does not. Any other failure is left to
    the render: with sample data it may come from a branch real data never takes."""
    tpl = open_template(template)
    try:
        fill(tpl, context)
    except FillFailed as exc:
        return exc.message if exc.beyond_bounds else None
    except Exception:  # noqa: BLE001 - the static check says what it can
        return None
    return None


_LINKED = (
    "links to what is outside the document, which Word would fetch from the network "
    "each time the briefing is opened: {what}; insert each picture into the document "
    "itself (Insert › Pictures › This Device), detach any template (Developer › Document "
    "Template), and save it again"
)


_EXPRESSION = re.compile(r"[{][{].*?[}][}]")
#: How many syntax errors of one part are reported at most.
MAX_SYNTAX_ERRORS = 10


def _parse(
    env: jinja2.Environment, tpl: Template, source: str
) -> tuple[nodes.Template | None, list[str]]:
    """A part's source parsed, or None and its syntax errors: where Jinja allows it, more than
    one. A ``{{ … }}`` Jinja cannot read is set aside (its line's expressions blanked) and the
    part read again, so each independent mistake is found; a block left open ends the search."""
    errors: list[str] = []
    lines = source.split("\n")
    while len(errors) < MAX_SYNTAX_ERRORS:
        try:
            parsed = env.parse("\n".join(lines))
        except jinja2.TemplateSyntaxError as exc:
            errors.append(describe_error(tpl, exc))
            line = (exc.lineno or 0) - 1
            if not 0 <= line < len(lines) or not _EXPRESSION.search(lines[line]):
                return None, errors
            lines[line] = _EXPRESSION.sub("", lines[line])
            continue
        return (None if errors else parsed), errors
    return None, errors


def _check_properties(tpl: Template, env: jinja2.Environment, known: Record) -> list[str]:
    problems = []
    props = tpl.docx.core_properties
    for prop in ("author", "comments", "identifier", "language", "subject", "title"):
        text = getattr(props, prop) or ""
        where = f"document properties, {prop} {quote(text)}"
        try:
            parsed = env.parse(text)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"{where}: {plain_syntax_error(exc.message or '')}")
            continue
        checker = _Checker(env, known, lambda line, where=where: where)
        checker.block(parsed.body, {})
        problems.extend(checker.problems)
    return problems


# --- where docxtpl's special tags stand -----------------------------------------------------

# As docxtpl finds them: the letter right after the brace, then one space.
_PARAGRAPH_TAG = re.compile(r"[{][{%#]p [^}%#]*[}%#][}]")
_ROW_TAG = re.compile(r"[{][{%#]tr [^}%#]*[}%#][}]")
_CELL_TAG = re.compile(r"[{][{%#]tc [^}%#]*[}%#][}]")
_DELIMITER = re.compile(r"[{][{%#]|[}%#][}]")
#: Tags docxtpl replaces a whole table row or cell with: (tag, element, unit, said outside one).
_WHOLE_UNIT_TAGS = (
    (_ROW_TAG, "w:tr", "row", "must stand in a table row of its own; outside a table use {%p … %}"),
    (_CELL_TAG, "w:tc", "cell", "must stand in a table cell"),
)


def _placement(root: etree._Element, kind: str | None) -> list[str]:
    problems = []
    for place, text, paragraph in paragraphs_in(root, kind):
        stripped = text.strip()
        for tag in _PARAGRAPH_TAG.finditer(text):
            if tag.group(0) != stripped:
                problems.append(
                    f"{place} {quote(text)}: {quote(tag.group(0), 30)} must stand alone in "
                    "its paragraph: docxtpl replaces the whole paragraph with it, so the rest "
                    "of the paragraph would be lost"
                )
        for pattern, element, unit, outside in _WHOLE_UNIT_TAGS:
            for tag in pattern.finditer(text):
                container = next(paragraph.iterancestors(qn(element)), None)
                if container is None:
                    problems.append(f"{place} {quote(text)}: {quote(tag.group(0), 30)} {outside}")
                elif text_of(container).strip() != tag.group(0):
                    problems.append(
                        f"{place} {quote(text)}: {quote(tag.group(0), 30)} must stand alone "
                        f"in its table {unit}: docxtpl replaces the whole {unit} with it, so the "
                        f"rest of the {unit} would be lost"
                    )
        problems.extend(_split_tags(place, text))
    return problems


def _split_tags(place: str, text: str) -> list[str]:
    """A tag that starts in this paragraph but ends in another (Enter typed inside it)."""
    opened: str | None = None
    for match in _DELIMITER.finditer(text):
        token = match.group(0)
        if token[0] == "{":
            if opened is None:
                opened = token
        elif opened is not None and {"{{": "}}", "{%": "%}", "{#": "#}"}[opened] == token:
            opened = None
        elif opened is None and token in ("}}", "%}"):
            return [
                f"{place} {quote(text)}: this paragraph ends a tag that began in the "
                "paragraph before: keep each tag within one paragraph"
            ]
    if opened is not None:
        return [
            f"{place} {quote(text)}: a tag begins here but does not end in this "
            "paragraph: keep each tag within one paragraph"
        ]
    return []


# --- variables, attributes, filters and tests ---------------------------------------------

_KEEPS_LIST = {
    "selectattr",
    "rejectattr",
    "sort",
    "reverse",
    "list",
    "unique",
    "batch",
    "slice",
    "default",
    "d",
}
_TAKES_ITEM = {"first", "last", "random", "min", "max"}
_MAY_BE_UNDEFINED = {"defined", "undefined"}


class _Checker:
    """Walks a parsed template with the names in scope, collecting what it does not know."""

    def __init__(self, env: jinja2.Environment, known: Record, where):
        self.env = env
        self.known = known
        self.where = where
        self.problems: list[str] = []
        self.used: set[str] = set()  # the context's values used: "paper.appendix", …

    def report(self, node: nodes.Node, message: str) -> None:
        self.problems.append(f"{self.where(getattr(node, 'lineno', None))}: {message}")

    # statements
    def block(self, body: list[nodes.Node], scope: dict[str, Any]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            iterated = self.expr(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, iterated.item if isinstance(iterated, ListShape) else ANY, inner)
            inner["loop"] = ANY
            if node.test is not None:
                self.expr(node.test, inner)
            self.block(node.body, inner)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.block(node.body, scope)
            self.bind(node.target, ANY, scope)
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for arg in node.args:
                self.bind(arg, ANY, inner)
            inner.update(varargs=ANY, kwargs=ANY, caller=ANY)
            if isinstance(node, nodes.Macro):
                scope[node.name] = inner[node.name] = ANY  # a macro may call itself
            else:
                self.expr(node.call, scope)
            self.block(node.body, inner)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            inner = dict(scope)
            guarded = node.test
            if (
                isinstance(guarded, nodes.Test)
                and guarded.name == "defined"
                and isinstance(guarded.node, nodes.Name)
            ):
                inner[guarded.node.name] = ANY  # {% if x is defined %}: x may be used inside
            self.block(node.body, inner)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.block(node.body, inner)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.statement(child, scope)

    def bind(self, target: nodes.Node, shape: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope)

    # expressions
    def expr(self, node: nodes.Node, scope: dict[str, Any], quiet: bool = False) -> Any:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.known.fields:
                return self.known.fields[node.name]
            if not quiet and node.name not in self.env.globals:
                self.unknown(node, node.name, self.known, [*scope, *self.env.globals])
            return ANY
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            owner = self.expr(node.node, scope, quiet)
            if isinstance(node, nodes.Getitem):
                if not isinstance(node.arg, nodes.Const):
                    self.expr(node.arg, scope)
                    return owner.item if isinstance(owner, ListShape) else ANY
                key = node.arg.value
                if isinstance(owner, ListShape):
                    return owner.item if isinstance(key, int) else ANY
            else:
                key = node.attr
            if isinstance(owner, Record) and isinstance(key, str):
                if key in owner.fields:
                    self.used.add(_dotted(node))
                    return owner.fields[key]
                if not quiet and not hasattr(dict, key):
                    self.unknown(node, _dotted(node), owner)
            return ANY
        if isinstance(node, nodes.Filter):
            if node.name not in self.env.filters:
                self.report(
                    node,
                    f"unknown filter “{node.name}”{_suggest(node.name, list(self.env.filters))}",
                )
            value = self.expr(node.node, scope) if node.node is not None else ANY
            self.arguments(node, scope)
            if node.name in _KEEPS_LIST:
                return value
            if node.name in _TAKES_ITEM and isinstance(value, ListShape):
                return value.item
            return ANY
        if isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.report(
                    node, f"unknown test “{node.name}”{_suggest(node.name, list(self.env.tests))}"
                )
            self.expr(node.node, scope, quiet=quiet or node.name in _MAY_BE_UNDEFINED)
            self.arguments(node, scope)
            return ANY
        for child in node.iter_child_nodes():
            self.expr(child, scope, quiet)
        return ANY

    def arguments(self, node: nodes.Filter | nodes.Test, scope: dict[str, Any]) -> None:
        for arg in [
            *node.args,
            *(k.value for k in node.kwargs),
            *(a for a in (node.dyn_args, node.dyn_kwargs) if a is not None),
        ]:
            self.expr(arg, scope)

    def unknown(
        self, node: nodes.Node, name: str, owner: Record, also: list[str] | None = None
    ) -> None:
        choices = [*owner.fields, *(also or [])]
        last = name.rsplit(".", 1)[-1]
        has = (
            ""
            if owner is self.known
            else (
                f" ({'an' if owner.name[0] in 'aeiou' else 'a'} {owner.name} has "
                f"{', '.join(owner.fields)})"
            )
        )
        self.report(node, f"unknown variable “{name}”{_suggest(last, choices)}{has}")


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"


def _suggest(word: str, choices: list[str]) -> str:
    return did_you_mean(word, choices, quote=lambda choice: f"“{choice}”")
