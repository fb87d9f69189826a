"""The built-in templates and the environment every template renders in.

The catalogue: where the built-in templates are, finding one by name or path, and copying one
to restyle. The environment: Jinja sandboxed, autoescaped and strict about unknown names, with
the filters committee prose needs (each documented, with an example, in templates/README.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TemplateProblem

if TYPE_CHECKING:  # the rendering libraries are loaded only when something is rendered
    from docxtpl import DocxTemplate
    from markupsafe import Markup

    from .sandbox import BoundedEnvironment

#: The built-in template ``briefgen build`` uses when none is named.
DEFAULT_TEMPLATE = "briefing"
#: The template being rendered now, for the filters that write into it (hyperlink).
_RENDERING: ContextVar[DocxTemplate | None] = ContextVar("rendering", default=None)

_REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def templates_dir() -> Path:
    """The built-in templates: inside the installed package, or the checkout's templates/."""
    return _PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir() else _REPO_TEMPLATES


def builtin_templates() -> dict[str, Path]:
    """Template name → file, for every built-in template."""
    return {p.stem: p for p in sorted(templates_dir().glob("*.docx"))
            if not p.name.startswith(("~$", "."))}


#: The folder, among the built-in templates, of the built-in cover reports (for --into).
COVERS_FOLDER = "covers"


def builtin_covers() -> dict[str, Path]:
    """Cover report name → file, for every built-in cover report (a document for ``--into``
    that says ``{{p briefing }}`` where the briefing goes)."""
    folder = templates_dir() / COVERS_FOLDER
    return {p.stem: p for p in sorted(folder.glob("*.docx"))
            if not p.name.startswith(("~$", "."))}


def find_cover(name_or_path: str | Path) -> Path:
    """A built-in cover report by name, or any .docx by path (as given: the build checks it)."""
    covers = builtin_covers()
    if str(name_or_path) in covers and not Path(name_or_path).exists():
        return covers[str(name_or_path)]
    return Path(name_or_path)


def template_description(path: Path) -> str:
    """A template's one-line description: its document properties' comments."""
    import docx  # python-docx, only when a description is asked for

    return docx.Document(str(path)).core_properties.comments or ""


def find_template(name_or_path: str, covers: bool = False) -> Path:
    """A built-in template by name, or any .docx by path; with ``covers``, a built-in cover
    report by name too (a cover named where a template is wanted is told how to use it)."""
    builtin = builtin_templates()
    if name_or_path in builtin:
        return builtin[name_or_path]
    path = Path(name_or_path)
    if path.suffix.lower() == ".docx" and path.is_file():
        return path
    if name_or_path in builtin_covers():
        if covers:
            return builtin_covers()[name_or_path]
        raise TemplateProblem(name_or_path, "is a cover report, not a template: put the "
                                            f"briefing into it with --into {name_or_path}, or "
                                            "into your own copy of it (briefgen templates copy "
                                            f"{name_or_path} my-cover.docx)")
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
            raise _undefined(
                "a grading filter needs a pillar, an element or a grading's text")
        return str(value["grading"])
    return str(value)


def grading_label(value: Any) -> str:
    """A pillar's or element's grading as the grid shows it: Requires improvement.

    A grading carried over from an earlier inspection shows its year: Good (2017).
    """
    grading = _grading_of(value)
    from .model import carried_over_label

    return carried_over_label(grading, value.get("carried_over_from")
                              if isinstance(value, dict) else None)


def lower_grading(value: Any) -> str:
    """A grading for running text: requires improvement (from a pillar, element or label)."""
    return _grading_of(value).lower()


def pillar_label(pillar: dict[str, Any]) -> str:
    """A pillar named with its overall grading: Effectiveness: requires improvement.

    Just the name where the framework gives pillars no grading.
    """
    if not isinstance(pillar, dict) or "name" not in pillar or "elements" not in pillar:
        raise _undefined("pillar_label needs a pillar, e.g. {{ pillar|pillar_label }}")
    grading = lower_grading(pillar)
    return f"{pillar['name']}: {grading}" if grading else str(pillar["name"])


def upper_first(value: Any) -> str:
    """Text starting a sentence or heading: the first letter in capitals, the rest as it is."""
    text = str(value)
    return text[:1].upper() + text[1:]


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(value: Any) -> str:
    """A small number in words for running text (four); 10 and above in figures."""
    number = int(value)
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def join_and(values: Any, word: str = "and") -> str:
    """A list for running text: "a, b and c"."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def hyperlink(url: str, title: str = "") -> Markup:
    """``{{r url|hyperlink }}``: a real, clickable Word hyperlink showing the address;
    ``{{r url|hyperlink(title) }}`` shows the publication's title, then the address, so a
    screen reader's list of links says what each one is.

    The relationship is added to the part being rendered (body, header or footnotes), so the
    link works wherever the tag stands.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from markupsafe import Markup, escape

    part = _RENDERING.get().current_rendering_part  # the template being rendered now
    r_id = part.relate_to(str(url), RT.HYPERLINK, is_external=True)
    text = f"{title}, {url}" if title else str(url)
    return Markup(
        f'<w:hyperlink r:id="{r_id}" w:history="1"><w:r><w:rPr>'
        f'<w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{escape(text)}'
        "</w:t></w:r></w:hyperlink>"
    )


def _undefined(message: str) -> Exception:
    """What a filter given the wrong kind of value raises: Jinja's own undefined error."""
    import jinja2

    return jinja2.UndefinedError(message)


#: The filters briefgen adds to Jinja's own, by name (and ``hyperlink``, which writes into the
#: document).
FILTERS: dict[str, Callable[..., str]] = {
    "long_date": long_date,
    "day_month": day_month,
    "month_year": month_year,
    "grading_label": grading_label,
    "lower_grading": lower_grading,
    "pillar_label": pillar_label,
    "join_and": join_and,
    "upper_first": upper_first,
    "number_word": number_word,
}


def make_environment(tpl: DocxTemplate) -> BoundedEnvironment:
    """The Jinja environment ``tpl`` renders in: sandboxed and bounded (see sandbox.py),
    autoescaped, strict about unknown names, with a fresh budget for this render.

    One environment serves every render in the process, so that each part of a template is
    compiled once however many documents are built from it.
    """
    from .sandbox import Budget

    _RENDERING.set(tpl)
    env = _environment()
    env.budget = Budget()
    return env


@cache
def _environment() -> BoundedEnvironment:
    import jinja2

    from .sandbox import BoundedEnvironment

    env = BoundedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters.update(FILTERS, hyperlink=hyperlink)
    return env
