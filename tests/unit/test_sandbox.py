"""Templates cannot make a build hang or exhaust the machine: the corpus of hostile templates.

Each case under ``hostile_templates/`` is a template written as text (one paragraph a line,
made into a .docx here) with ``expected.txt``, the exact message ``briefgen templates check``
gives; ``build`` refuses it with the same message, writes nothing, and both finish quickly.
"""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pytest
from jinja2.sandbox import SecurityError

from briefgen.cli import main
from briefgen.sandbox import MAX_DIGITS, BoundedEnvironment, Budget

from ..helpers import MET, TESTS

HOSTILE = TESTS / "hostile_templates"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
#: Far longer than any case takes, far shorter than an unbounded one would.
SECONDS = 20


def make_template(case: str, folder: Path) -> Path:
    document = docx.Document()
    for line in (HOSTILE / case / "template.txt").read_text("utf-8").splitlines():
        document.add_paragraph(line)
    path = folder / f"{case}.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("case", CASES)
def test_hostile_template_is_refused_in_words(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    template = make_template(case, tmp_path)
    expected = (HOSTILE / case / "expected.txt").read_text("utf-8")
    started = time.monotonic()
    assert main(["templates", "check", template.name]) == 1
    assert capsys.readouterr().err == expected
    assert main(["build", str(MET), "-t", template.name, "-o", "out.docx"]) == 1
    assert capsys.readouterr().err == expected
    assert time.monotonic() - started < SECONDS
    assert not (tmp_path / "out.docx").exists()


def test_arithmetic_within_bounds_is_worked_out():
    env = BoundedEnvironment()
    assert (
        env.from_string("{{ 2 ** 64 }} {{ 'ab' * 3 }} {{ [1] * 2 }} {{ 10 ** 999 > 0 }}").render()
        == "18446744073709551616 ababab [1, 1] True"
    )
    with pytest.raises(SecurityError, match=f"at most {MAX_DIGITS:,} digits"):
        env.from_string("{{ 10 ** 1001 }}").render()


def test_a_render_has_a_time_budget():
    env = BoundedEnvironment(budget=Budget(seconds=0.01))
    env.budget.start()
    template = env.from_string(
        "{% for i in range(90000) %}{% for e in [1, 2, 3] %}{{ e is even }}{% endfor %}{% endfor %}"
    )
    with pytest.raises(SecurityError, match="took more than 0.01 seconds"):
        template.render()


def test_range_is_counted_but_still_a_sequence():
    env = BoundedEnvironment(budget=Budget(range_items=10))
    assert (
        env.from_string("{{ range(5)|length }} {{ range(5)[-1] }} {{ range(3)|list }}").render()
        == "5 4 [0, 1, 2]"
    )
    with pytest.raises(SecurityError, match="more than 10 times"):
        env.from_string(
            "{% for i in range(6) %}{% for j in range(2) %}{% endfor %}{% endfor %}"
        ).render()
    with pytest.raises(SecurityError, match="at most 100,000 numbers"):
        env.from_string("{{ range(10**6)|length }}").render()


def test_values_within_bounds_are_made_as_jinja_makes_them():
    env = BoundedEnvironment(autoescape=True)
    source = (
        "{{ 'ab'|center(6) }}|{{ [1, 2, 3]|join(', ') }}|{{ 'a-b'|replace('-', '+') }}|"
        "{{ '%3s' % 'x' }}|{{ '{:>3}'.format('y') }}|{{ [1, 2, 3]|batch(2, 0)|list }}|"
        "{% set block %}a&b{% endset %}{{ block }}|{{ 'a' ~ 1 ~ '<' }}|"
        "{% for x in [1, 2] %}{{ loop.index }}{% else %}none{% endfor %}|"
        "{% for x in [] %}{{ x }}{% else %}none{% endfor %}|"
        "{% macro m(s) %}[{{ s }}]{% endmacro %}{{ m('z') }}|{{ [[1], [2]]|sum(start=[]) }}|"
        "{{ 'x'.ljust(3) ~ '.' }}|{{ lipsum(1, false, 2, 3)|wordcount in [2, 3] }}|"
        "{{ 'a\nb'|indent(2) }}|{{ ([1] + [2])|length }}"
    )
    assert env.from_string(source).render() == (
        "  ab  |1, 2, 3|a+b|  x|  y|[[1, 2], [3, 0]]|a&b|a1&lt;|12|none|[z]|[1, 2]|"
        "x  .|True|a\n  b|2"
    )


def test_loops_are_counted_whatever_their_body():
    env = BoundedEnvironment(budget=Budget(loop_turns=10))
    assert (
        env.from_string("{% for a in 'abc' %}{% for b in 'ab' %}{% endfor %}{% endfor %}").render()
        == ""
    )
    with pytest.raises(SecurityError, match="go round more than 10 times"):
        env.from_string("{% for a in 'abcd' %}{% for b in 'ab' %}{% endfor %}{% endfor %}").render()
