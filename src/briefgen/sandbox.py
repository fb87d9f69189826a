"""Bounds on the work a template may do, so that no template can hang or exhaust a build.

Jinja's sandbox stops a template reaching into Python; it does not stop one asking for
``9 ** (9 ** 9)``, ``'x' * 10 ** 9`` or a million-by-million loop. Here the environment every
template renders in refuses arithmetic and repetition on huge values before working them out,
counts the items ``range`` may produce, gives one document's render a time budget, and caps the
XML one part may produce. The limits are far beyond what a real briefing needs (it renders in
well under a second and produces a few hundred kilobytes) and an attack always reaches them.
Each breach is a ``SecurityError`` saying which limit, which the render locates in Word terms.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, SecurityError, safe_range

#: Digits a number worked out in a template may have.
MAX_DIGITS = 1_000
#: Characters (or items) a repetition such as ``'x' * n`` may produce.
MAX_REPEAT = 100_000
#: Items all the ``range(…)`` calls of one render may produce together.
MAX_RANGE_ITEMS = 1_000_000
#: Characters of XML one part of the document (the body, a header, …) may render to.
MAX_PART_CHARACTERS = 50_000_000
#: Seconds one document's render may take.
MAX_SECONDS = 30.0

_LOG2_10 = math.log2(10)


@dataclass
class Budget:
    """What one render may still spend: time, and the items ``range`` may produce."""

    seconds: float = MAX_SECONDS
    range_items: int = MAX_RANGE_ITEMS
    part_characters: int = MAX_PART_CHARACTERS
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.range_limit = self.range_items

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        if self.deadline and time.monotonic() > self.deadline:
            raise SecurityError(f"the template took more than {self.seconds:g} seconds to fill "
                                "in; look for a loop that never ends or repeats too often")

    def take_range(self, count: int) -> None:
        self.range_items -= count
        if self.range_items < 0:
            raise SecurityError(f"the template's range(…) loops would run more than "
                                f"{self.range_limit:,} times; loop over the assessment's own "
                                "lists instead")


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


class BoundedTemplate(jinja2.Template):
    """A template whose output is produced piece by piece, within the budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        budget = _BUDGET.get(None) or Budget()
        pieces, size = [], 0
        for piece in self.generate(*args, **kwargs):
            size += len(piece)
            if size > budget.part_characters:
                raise SecurityError(f"the template writes more than "
                                    f"{budget.part_characters:,} characters into one part of "
                                    "the document; look for a loop that repeats too often")
            budget.tick()
            pieces.append(piece)
        return "".join(pieces)


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic, repetition, ``range``, time and output bounded."""

    intercepted_binops = frozenset({"*", "**"})
    template_class = BoundedTemplate

    def __init__(self, *args: Any, budget: Budget | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.budget = budget or Budget()
        self.globals["range"] = self._range
        self._compiled: dict[tuple[bool, str], jinja2.Template] = {}

    @property
    def budget(self) -> Budget:
        """What the render under way may still spend."""
        return _BUDGET.get()

    @budget.setter
    def budget(self, budget: Budget) -> None:
        _BUDGET.set(budget)

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> jinja2.Template:
        """A template compiled once per process for each source: building many documents from
        one template compiles each of its parts once."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = (bool(self.autoescape), source)
        compiled = self._compiled.get(key)
        if compiled is None:  # compiled before, by another process, or now
            from .template_cache import compiled as kept_or_compiled

            compiled = kept_or_compiled(self, source)
            if len(self._compiled) >= _MAX_COMPILED:
                self._compiled.pop(next(iter(self._compiled)))
            self._compiled[key] = compiled
        return compiled

    def _range(self, *args: int) -> _CountedRange:
        try:
            return _CountedRange(safe_range(*args), self.budget)
        except OverflowError:  # Jinja's own limit on one range
            raise SecurityError(f"range(…) may give at most {MAX_RANGE:,} numbers") from None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.budget.tick()
        return super().call(__context, __obj, *args, **kwargs)


def _digits(number: int) -> float:
    return abs(number).bit_length() / _LOG2_10


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, bool) or isinstance(exponent, bool):
        return
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 \
            and abs(base) > 1 and exponent * math.log10(abs(base)) > MAX_DIGITS:
        raise SecurityError(f"{base} ** {exponent} is too large to work out (a template's "
                            f"numbers may have at most {MAX_DIGITS:,} digits)")


def _check_product(left: Any, right: Any) -> None:
    for count, other in ((left, right), (right, left)):
        if isinstance(count, int) and not isinstance(count, bool) \
                and isinstance(other, (str, list, tuple)):
            if count * max(len(other), 1) > MAX_REPEAT:
                raise SecurityError(f"repeating something {count:,} times is too much (a "
                                    f"template may repeat to at most {MAX_REPEAT:,} "
                                    "characters or items)")
            return
    if isinstance(left, int) and isinstance(right, int) \
            and _digits(left) + _digits(right) > MAX_DIGITS:
        raise SecurityError(f"the product is too large to work out (a template's numbers may "
                            f"have at most {MAX_DIGITS:,} digits)")
