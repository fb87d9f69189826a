"""How big a value a filter, method or operator would make, worked out before it is made.

The sandbox (``sandbox.py``) counts what every filter, method call and operator gives back; but
some ask for a huge value in a few characters (``x|center(2000000000)``, ``'%2000000000s'|format``,
``s.replace('x', 'x' * 100000)``, ``lipsum(20000000)``) and would take the machine's memory
before giving it back. Here each of those is sized from its arguments first, and refused when
the value it would make is larger than a template's value may be (:data:`MAX_VALUE`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from typing import Any

from jinja2.sandbox import SecurityError

#: Characters (or items) one value a template makes may have: a whole briefing is a few
#: hundred thousand characters.
MAX_VALUE = 1_000_000
#: Steps one ``|sum`` of texts or lists may take (adding each to all before it).
MAX_SUM_STEPS = 50_000_000

_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def size_of(value: Any) -> int:
    """How many characters or items ``value`` holds (0 for what is neither)."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


def refuse(what: str, size: int) -> SecurityError:
    return SecurityError(
        f"{what} would make {size:,} characters or items, more than the "
        f"{MAX_VALUE:,} a value in a template may have"
    )


def check(what: str, size: int) -> None:
    """SecurityError if a value of ``size`` is more than a template's value may be."""
    if size > MAX_VALUE:
        raise refuse(what, size)


_CONTAINERS = (list, tuple, dict, set, frozenset)
#: Filters that write their value out as text: a list given to one is written out whole.
WRITE_OUT = frozenset(
    {
        "string",
        "e",
        "escape",
        "forceescape",
        "format",
        "join",
        "pprint",
        "tojson",
        "urlize",
        "xmlattr",
        "trim",
        "upper",
        "lower",
        "title",
        "capitalize",
        "center",
        "indent",
        "replace",
        "truncate",
        "wordwrap",
        "striptags",
        "urlencode",
        "wordcount",
        "safe",
    }
)


def check_written(what: str, *values: Any) -> None:
    """SecurityError if writing ``values`` out as text would make more than a template's value
    may hold: a list of lists (``[big] * 100000``) is small to make and huge to write out. Only
    lists and mappings are walked, and never further than the limit."""
    count, waiting = 0, [value for value in values if isinstance(value, _CONTAINERS)]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            count += len(item)
        elif isinstance(item, dict):
            count += len(item)
            waiting.extend(item.keys())
            waiting.extend(item.values())
        elif isinstance(item, _CONTAINERS):
            count += len(item)
            waiting.extend(item)
        else:
            count += 1
        if count > MAX_VALUE:
            raise SecurityError(
                f"{what} would write out more than {MAX_VALUE:,} characters, "
                "more than a value in a template may have"
            )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _listed(what: str, items: Any) -> Any:
    """``items`` as a list, if it is an iterator (so that it can be sized and still used),
    refused once it gives more than :data:`MAX_VALUE` items."""
    if isinstance(items, (str, list, tuple, dict, set, frozenset)) or not isinstance(
        items, Iterable
    ):
        return items
    listed = []
    for item in items:
        listed.append(item)
        if len(listed) > MAX_VALUE:
            raise refuse(what, len(listed))
    return listed


def check_printf(what: str, template: Any, values: Any) -> None:
    """``template % values`` sized from its widths and precisions (``%2000000000s``)."""
    if not isinstance(template, str):
        return
    star = False
    for match in _PRINTF.finditer(template):
        for width in match.groups():
            if width == "*":
                star = True
            elif width:
                check(what, len(template) + int(width))
    if star:
        for value in values if isinstance(values, tuple) else (values,):
            check(what, _int(value))


def check_format(what: str, template: str, args: Any, kwargs: Any) -> None:
    """``template.format(…)`` sized from the widths in its fields (``{:>2000000000}``)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # str.format says what is wrong
    for _, _, spec, _ in fields:
        for width in _DIGITS.findall(spec or ""):
            check(what, len(template) + int(width))
        if spec and "{" in spec:  # a width given as an argument
            for value in (*args, *dict(kwargs).values()):
                check(what, _int(value))


def replaced_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    """The length of ``text.replace(old, new, count)``, worked out without making it."""
    old, new = str(old), str(new)
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


# --- filters: each sized from the arguments that make its value large -----------------------
# Each takes the filter's arguments after any context (a list it may change, to replace an
# iterator it had to read with the list it read) and its keyword arguments.


def _center(args: list[Any], kwargs: dict[str, Any]) -> None:
    width = kwargs.get("width", args[1] if len(args) > 1 else 80)
    check(f"|center({width})", _int(width))


def _format(args: list[Any], kwargs: dict[str, Any]) -> None:
    check_printf("|format", args[0] if args else None, tuple(args[1:]))


def _replace(args: list[Any], kwargs: dict[str, Any]) -> None:
    if len(args) >= 3:
        count = kwargs.get("count", args[3] if len(args) > 3 else None)
        check(
            "|replace",
            replaced_size(str(args[0]), args[1], args[2], count if count is not None else -1),
        )


def _join(args: list[Any], kwargs: dict[str, Any]) -> None:
    if not args:
        return
    args[0] = items = _listed("|join", args[0])
    separator = str(kwargs.get("d", args[1] if len(args) > 1 else ""))
    if isinstance(items, (str, list, tuple, dict, set, frozenset)):
        count = len(items)
        check("|join", max(count - 1, 0) * len(separator))
        if not isinstance(items, str) and "attribute" not in kwargs and len(args) < 3:
            check(
                "|join", sum(len(str(item)) for item in items) + max(count - 1, 0) * len(separator)
            )


def _batch(args: list[Any], kwargs: dict[str, Any]) -> None:
    count = kwargs.get("linecount", args[1] if len(args) > 1 else 0)
    fill = kwargs.get("fill_with", args[2] if len(args) > 2 else None)
    if fill is not None:
        check(f"|batch({count})", _int(count))


def _slice(args: list[Any], kwargs: dict[str, Any]) -> None:
    count = kwargs.get("slices", args[1] if len(args) > 1 else 0)
    check(f"|slice({count})", _int(count))


def _indent(args: list[Any], kwargs: dict[str, Any]) -> None:
    if not args:
        return
    width = kwargs.get("width", args[1] if len(args) > 1 else 4)
    each = len(width) if isinstance(width, str) else _int(width)
    text = str(args[0])
    check(f"|indent({width!r})", each)
    check(f"|indent({width!r})", len(text) + (text.count("\n") + 1) * each)


def _wordwrap(args: list[Any], kwargs: dict[str, Any]) -> None:
    if not args:
        return
    text = str(args[0])
    width = max(_int(kwargs.get("width", args[1] if len(args) > 1 else 79)), 1)
    wrap = kwargs.get("wrapstring", args[3] if len(args) > 3 else None)
    check("|wordwrap", len(text) + (len(text) // width + 1) * len(str(wrap or "\n")))


def _sum(args: list[Any], kwargs: dict[str, Any]) -> None:
    start = kwargs.get("start", args[2] if len(args) > 2 else 0)
    if not args or isinstance(start, (int, float)):
        return
    args[0] = items = _listed("|sum", args[0])
    sizes = [size_of(item) for item in items] if isinstance(items, (list, tuple)) else []
    total = size_of(start) + sum(sizes)
    check("|sum", total)
    if len(sizes) * total > MAX_SUM_STEPS:
        raise SecurityError(
            f"|sum of {len(sizes):,} texts or lists would take too long; use |join, or a loop"
        )


#: Filter name → what sizes it before it runs.
FILTER_SIZES: dict[str, Callable[[list[Any], dict[str, Any]], None]] = {
    "center": _center,
    "format": _format,
    "replace": _replace,
    "join": _join,
    "batch": _batch,
    "slice": _slice,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "sum": _sum,
}


def check_lipsum(n: Any = 5, html: Any = True, min: Any = 20, max: Any = 100) -> None:
    """``lipsum(n, …)``: at most ``max`` words of at most 13 characters a paragraph."""
    check(f"lipsum({n})", _int(n) * (_int(max) + 1) * 14)


# --- methods of texts and lists ------------------------------------------------------------


def check_method(
    obj: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Size the value ``obj.name(*args, **kwargs)`` would make (or make ``obj``), before it
    is called; the arguments to call it with (an iterator ``join`` reads, as a list)."""
    what = f".{name}(…)"
    if isinstance(obj, str):
        if name in ("center", "ljust", "rjust", "zfill") and args:
            check(what, _int(args[0]))
        elif name == "expandtabs":
            check(
                what,
                len(obj) + obj.count("\t") * _int(args[0] if args else kwargs.get("tabsize", 8)),
            )
        elif name == "replace" and len(args) >= 2:
            check(what, replaced_size(obj, args[0], args[1], args[2] if len(args) > 2 else -1))
        elif name == "join" and args:
            items = _listed(what, args[0])
            if isinstance(items, (list, tuple)):
                check(
                    what, sum(size_of(item) for item in items) + max(len(items) - 1, 0) * len(obj)
                )
            args = (items, *args[1:])
    elif isinstance(obj, (list, dict, set)):
        if name in ("append", "add", "insert", "setdefault"):
            check(what, len(obj) + 1)
        elif name in ("extend", "update") and args:
            items = _listed(what, args[0])
            check(what, len(obj) + size_of(items))
            args = (items, *args[1:])
    return args
