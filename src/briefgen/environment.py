"""The environment every template renders in, and the filters committee prose needs.

Jinja sandboxed and bounded (``sandbox.py``), autoescaped and strict about unknown names, with
briefgen's filters (each documented, with an example, in templates/README.md). Light to
import: Jinja and the rendering libraries are loaded only when an environment is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the rendering libraries are loaded only when something is rendered
    from docxtpl import DocxTemplate
    from markupsafe import Markup

    from .sandbox import BoundedEnvironment

#: The template being rendered now, for the filters that write into it (hyperlink).
_RENDERING: ContextVar[DocxTemplate | None] = ContextVar("rendering", default=None)


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
            raise _undefined("a grading filter needs a pillar, an element or a grading's text")
        return str(value["grading"])
    return str(value)


def grading_label(value: Any) -> str:
    """A pillar's or element's grading as the grid shows it: Requires improvement.

    A grading carried over from an earlier inspection shows its year: Good (2017).
    """
    grading = _grading_of(value)
    from .model import carried_over_label

    return carried_over_label(
        grading, value.get("carried_over_from") if isinstance(value, dict) else None
    )


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

    rendering = _RENDERING.get()  # the template being rendered now
    assert rendering is not None, "the hyperlink filter runs only while a template renders"
    part = rendering.current_rendering_part
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

    env = BoundedEnvironment(
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.filters.update(FILTERS, hyperlink=hyperlink)
    return env
