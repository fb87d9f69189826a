"""Bounds on the work a template may do, so that no template can hang or exhaust a build.

Jinja's sandbox stops a template reaching into Python; it does not stop one asking for
``9 ** (9 ** 9)``, ``'x' * 10 ** 9`` or a million-by-million loop. Here the environment every
template renders in refuses arithmetic and repetition on huge values before working them out,
counts the items ``range`` may produce and every loop's turns (whatever the loop's body),
sizes the value every filter, method, operator, ``~`` and captured block would make before it
is made (``sandbox_sizes.py``), and counts what they make in all, so that a render's memory
is bounded; it gives one document's render a time budget, and caps the XML one part may
produce. The limits are far beyond what a real briefing needs (it renders in
well under a second and produces a few hundred kilobytes) and an attack always reaches them.
Each breach is a ``SecurityError`` saying which limit, which the render locates in Word terms.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import generate_lorem_ipsum

from . import cache
from .sandbox_sizes import (
    FILTER_SIZES,
    MAX_VALUE,
    WRITE_OUT,
    check,
    check_format,
    check_lipsum,
    check_method,
    check_printf,
    check_written,
    refuse,
    size_of,
)

#: Digits a number worked out in a template may have.
MAX_DIGITS = 1_000
#: Characters (or items) a repetition such as ``'x' * n`` may produce.
MAX_REPEAT = 100_000
#: Items all the ``range(…)`` calls of one render may produce together.
MAX_RANGE_ITEMS = 1_000_000
#: Characters of XML one part of the document (the body, a header, …) may render to: twice
#: the largest part a template may have (docx_package.MAX_XML_PART_BYTES).
MAX_PART_CHARACTERS = 20_000_000
#: Characters and items all the values one render makes may hold together.
MAX_MADE = 50_000_000
#: Turns all the loops of one render may take together.
MAX_LOOP_TURNS = 1_000_000
#: Seconds one document's render may take.
MAX_SECONDS = 30.0

_LOG2_10 = math.log2(10)


@dataclass
class Budget:
    """What one render may still spend: time, and the items ``range`` may produce."""

    seconds: float = MAX_SECONDS
    range_items: int = MAX_RANGE_ITEMS
    part_characters: int = MAX_PART_CHARACTERS
    made: int = MAX_MADE
    loop_turns: int = MAX_LOOP_TURNS
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.range_limit = self.range_items
        self.made_limit = self.made
        self.turns_limit = self.loop_turns

    def take(self, value: Any, what: str) -> Any:
        """``value``, counted against what the render may make in all; SecurityError if it is
        larger than one value may be, or than what is left."""
        size = size_of(value)
        if size:
            if size > MAX_VALUE:
                raise refuse(what, size)
            self.made -= size
            if self.made < 0:
                raise SecurityError(
                    f"the template makes more than {self.made_limit:,} "
                    "characters or items in all; look for a loop that builds "
                    "a text or list again and again"
                )
        return value

    def turn(self) -> None:
        self.loop_turns -= 1
        if self.loop_turns < 0:
            raise SecurityError(
                f"the template's loops would go round more than "
                f"{self.turns_limit:,} times; loop over the assessment's own "
                "lists instead"
            )
        if not self.loop_turns % 1024:
            self.tick()

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        if self.deadline and time.monotonic() > self.deadline:
            raise SecurityError(
                f"the template took more than {self.seconds:g} seconds to fill "
                "in; look for a loop that never ends or repeats too often"
            )

    def take_range(self, count: int) -> None:
        self.range_items -= count
        if self.range_items < 0:
            raise SecurityError(
                f"the template's range(…) loops would run more than "
                f"{self.range_limit:,} times; loop over the assessment's own "
                "lists instead"
            )


#: The budget of the render under way (every environment and overlay of it shares it).
_BUDGET: ContextVar[Budget] = ContextVar("budget")
#: Compiled templates kept per process: (autoescape, source) → template.
_MAX_COMPILED = 64


class _CountedRange(Sequence):
    """``range(…)`` as a template sees it: each item it gives is counted against the budget."""

    def __init__(self, numbers: range, budget: Budget):
        self.numbers = numbers
        self.budget = budget

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index: Any) -> Any:
        return self.numbers[index]

    def __iter__(self) -> Iterator[int]:
        for number in self.numbers:
            self.budget.take_range(1)
            self.budget.tick()
            yield number


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every loop's turns counted and every ``~`` sized: each ``for``
    loops over ``environment.counted(…)``, each ``~`` is ``environment.join_values(…)``."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not isinstance(node.iter, nodes.Call) or not isinstance(
            node.iter.node, nodes.EnvironmentAttribute
        ):
            node.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"),
                [node.iter],
                [],
                None,
                None,
                lineno=node.iter.lineno,
            )
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        escaped = (
            "context.eval_ctx.volatile"
            if frame.eval_ctx.volatile
            else str(bool(frame.eval_ctx.autoescape))
        )
        self.write("environment.join_values((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {escaped})")


class BoundedTemplate(jinja2.Template):
    """A template whose output is produced piece by piece, within the budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        budget = _BUDGET.get(None) or Budget()
        pieces, size = [], 0
        for piece in self.generate(*args, **kwargs):
            size += len(piece)
            if size > budget.part_characters:
                raise SecurityError(
                    f"the template writes more than "
                    f"{budget.part_characters:,} characters into one part of "
                    "the document; look for a loop that repeats too often"
                )
            budget.tick()
            pieces.append(piece)
        return "".join(pieces)


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic, repetition, ``range``, time and output bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = BoundedTemplate
    code_generator_class = _CountingCodeGenerator

    def __init__(self, *args: Any, budget: Budget | None = None, **kwargs: Any):
        kwargs.setdefault("loader", jinja2.FunctionLoader(_no_other_files))
        kwargs.setdefault("finalize", _written)
        super().__init__(*args, **kwargs)
        self.budget = budget or Budget()
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum
        self.filters = _BoundedFilters(self.filters)
        self._compiled: dict[tuple[bool, str], jinja2.Template] = {}

    @property
    def budget(self) -> Budget:
        """What the render under way may still spend."""
        return _BUDGET.get()

    @budget.setter
    def budget(self, budget: Budget) -> None:
        _BUDGET.set(budget)

    def from_string(
        self, source: Any, globals: Any = None, template_class: Any = None
    ) -> jinja2.Template:
        """A template compiled once per process for each source: building many documents from
        one template compiles each of its parts once."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = (bool(self.autoescape), source)
        compiled = self._compiled.get(key)
        if compiled is None:  # compiled before, by another process, or now
            from .template_cache import compiled as kept_or_compiled

            compiled = kept_or_compiled(self, source)
            cache.remember(self._compiled, key, compiled, _MAX_COMPILED)
        return compiled

    def _range(self, *args: int) -> _CountedRange:
        try:
            return _CountedRange(safe_range(*args), self.budget)
        except OverflowError:  # Jinja's own limit on one range
            raise SecurityError(f"range(…) may give at most {MAX_RANGE:,} numbers") from None

    def _lipsum(self, *args: Any, **kwargs: Any) -> Any:
        check_lipsum(*args, **kwargs)
        return self.budget.take(generate_lorem_ipsum(*args, **kwargs), "lipsum(…)")

    def counted(self, items: Iterable[Any]) -> Iterator[Any]:
        """``items``, each counted as a turn of the loop over them."""
        budget = self.budget
        for item in items:
            budget.turn()
            yield item

    def join_values(self, values: tuple[Any, ...], escaped: bool) -> str:
        """``a ~ b ~ …``: sized before it is joined, counted once it is."""
        check_written("~", *values)
        texts = [value if isinstance(value, str) else str(value) for value in values]
        check("~", sum(map(len, texts)))
        joined = markup_join(values) if escaped else str_join(texts)
        return self.budget.take(joined, "~")

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """What a ``{% set %}`` block, a macro or a ``{% call %}`` block writes, joined: each
        piece counted as it comes, so a captured block cannot outgrow a template's value."""
        gathered, size = [], 0
        for piece in pieces:
            size += len(piece)
            check("a {% set %} block or macro", size)
            gathered.append(piece)
        return self.budget.take("".join(gathered), "a {% set %} block or macro")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        elif operator == "+":
            if size_of(left) and size_of(right):
                check("+", size_of(left) + size_of(right))
        elif operator == "%":
            check_printf("%", left, right)
            if isinstance(left, str):
                check_written("%", right)
        return self.budget.take(super().call_binop(context, operator, left, right), operator)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template, budget = value.__self__, self.budget

        @functools.wraps(wrapped)
        def sized(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if value.__name__ == "format_map" and args else kwargs
            check_format(f".{value.__name__}(…)", template, args, mapping)
            check_written(f".{value.__name__}(…)", *args, *dict(mapping).values())
            return budget.take(wrapped(*args, **kwargs), f".{value.__name__}(…)")

        return sized

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.budget.tick()
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if owner is not None and isinstance(name, str):
            args = check_method(owner, name, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if owner is not None and isinstance(owner, (list, dict, set)):
            self.budget.take(owner, f".{name}(…)")
        return self.budget.take(result, f"{name or 'the call'}(…)")


class _BoundedFilters(dict):
    """The environment's filters, each sized before it runs (``sandbox_sizes.FILTER_SIZES``)
    and its value counted after: those added later too."""

    def __init__(self, filters: dict[str, Any]):
        super().__init__()
        self.update(filters)

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, _bounded_filter(name, function))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    sizes = FILTER_SIZES.get(name)
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    writes = name in WRITE_OUT

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get(None) or Budget()
        budget.tick()
        if writes and len(args) > skip:
            check_written(f"|{name}", args[skip])
        if sizes is not None:
            given = list(args[skip:])
            sizes(given, kwargs)
            args = (*args[:skip], *given)
        return budget.take(function(*args, **kwargs), f"|{name}")

    return bounded


def _written(value: Any) -> Any:
    """What ``{{ … }}`` writes out, sized first if it is a list or mapping."""
    check_written("{{ … }}", value)
    return value


def _no_other_files(name: str) -> None:
    raise SecurityError(
        f"{{% include %}}, {{% extends %}} and {{% import %}} cannot use "
        f"{name!r}: a Word template is one document; put what it should show "
        "in this template (a {% macro %} for what repeats)"
    )


def _digits(number: int) -> float:
    return abs(number).bit_length() / _LOG2_10


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, bool) or isinstance(exponent, bool):
        return
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 0
        and abs(base) > 1
        and exponent * math.log10(abs(base)) > MAX_DIGITS
    ):
        raise SecurityError(
            f"{base} ** {exponent} is too large to work out (a template's "
            f"numbers may have at most {MAX_DIGITS:,} digits)"
        )


def _check_product(left: Any, right: Any) -> None:
    for count, other in ((left, right), (right, left)):
        if (
            isinstance(count, int)
            and not isinstance(count, bool)
            and isinstance(other, (str, list, tuple))
        ):
            if count * max(len(other), 1) > MAX_REPEAT:
                raise SecurityError(
                    f"repeating something {count:,} times is too much (a "
                    f"template may repeat to at most {MAX_REPEAT:,} "
                    "characters or items)"
                )
            return
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and _digits(left) + _digits(right) > MAX_DIGITS
    ):
        raise SecurityError(
            f"the product is too large to work out (a template's numbers may "
            f"have at most {MAX_DIGITS:,} digits)"
        )
