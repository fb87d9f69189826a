"""Whether a template passes its check, and which context values it uses, kept by the
template's content and this briefgen's libraries (``cache.py``), so that a build with a
template that has not changed neither checks it again nor loads the checker
(``template_check.py``). Only a template that passes is remembered: one with problems is checked
each time, so its problems are always told.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import cache
from .template_cache import libraries

_CHECKED = "checked"


def require_sound(template: Path) -> set[str]:
    """:func:`template_check.require_sound`, its answer kept by the template's content: the
    context values ``template`` uses; TemplateProblems unless it passes the check."""
    content = _content(template)
    name = cache.key(_CHECKED, libraries(), content) if content is not None else None
    if name is not None:
        used = _used(cache.read(_CHECKED, name))
        if used is not None:
            return used
    from .template_check import require_sound as check

    used = check(template)
    if name is not None and _content(template) == content:  # not changed while checked
        cache.write(_CHECKED, name, json.dumps(sorted(used)).encode("utf-8"))
    return used


def _content(template: Path) -> bytes | None:
    try:
        return template.read_bytes()
    except OSError:
        return None  # the check says what is wrong with it


def _used(kept: bytes | None) -> set[str] | None:
    if kept is None:
        return None
    try:
        used = json.loads(kept)
    except ValueError:
        return None
    if not isinstance(used, list) or not all(isinstance(item, str) for item in used):
        return None
    return set(used)
