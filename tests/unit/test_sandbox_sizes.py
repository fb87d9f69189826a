"""sandbox_sizes.py: how big a value a filter, method or operator would make, worked out from
its arguments before it is made, and refused beyond what a template's value may hold. (The
hostile templates that need it, refused in words: ``test_sandbox.py``.)"""

from __future__ import annotations

import pytest
from jinja2.sandbox import SecurityError

from briefgen.sandbox_sizes import (
    FILTER_SIZES,
    MAX_SUM_STEPS,
    MAX_VALUE,
    WRITE_OUT,
    check,
    check_format,
    check_lipsum,
    check_method,
    check_printf,
    check_written,
    refuse,
    replaced_size,
    size_of,
)

TOO_BIG = MAX_VALUE + 1


def test_a_value_is_sized_by_its_characters_or_items():
    assert [size_of(v) for v in ("Kent", b"ab", [1, 2, 3], {"a": 1}, {1}, (), 7, None)] == [
        4,
        2,
        3,
        1,
        1,
        0,
        0,
        0,
    ]


def test_the_limit_is_a_template_values_and_said_in_words():
    check("|center(5)", MAX_VALUE)  # at the limit: allowed
    with pytest.raises(SecurityError) as refused:
        check("|center(1000001)", TOO_BIG)
    assert str(refused.value) == (
        "|center(1000001) would make 1,000,001 characters or items, more than the "
        "1,000,000 a value in a template may have"
    )
    made = refuse("'x' * 5", 5)  # made, not raised: the caller raises it where it fits
    assert isinstance(made, SecurityError) and str(made).startswith("'x' * 5 would make 5 ")


def test_replace_is_sized_without_being_made():
    for text, old, new, count in [
        ("a-b-c", "-", "--", -1),
        ("a-b-c", "-", "", 1),
        ("abc", "", "xy", -1),  # between every character and at both ends
        ("abc", "z", "long", -1),
        ("aaaa", "a", "bb", 2),
    ]:
        assert replaced_size(text, old, new, count) == len(text.replace(old, new, count))


def test_printf_and_format_widths_are_sized_first():
    check_printf("|format", "%10s and %-5d", ("Kent", 4))
    check_printf("|format", 42, ())  # not a template: nothing to size
    with pytest.raises(SecurityError, match="would make 2,000,000,012 characters"):
        check_printf("|format", "%2000000000s", ("x",))
    with pytest.raises(SecurityError):
        check_printf("|format", "%*s", (TOO_BIG, "x"))  # the width given as a value
    check_format(".format(…)", "{:>20} {}", ("a", "b"), {})
    with pytest.raises(SecurityError):
        check_format(".format(…)", "{:>2000000000}", ("a",), {})
    with pytest.raises(SecurityError):
        check_format(".format(…)", "{:>{w}}", ("a",), {"w": TOO_BIG})
    check_format(".format(…)", "{unclosed", (), {})  # str.format says what is wrong


def test_a_list_written_out_is_counted_as_written():
    check_written("|string", ["x" * 1000] * 900)
    with pytest.raises(SecurityError, match="would write out more than 1,000,000 characters"):
        check_written("|string", ["x" * 1000] * 1001)
    with pytest.raises(SecurityError):
        check_written("|tojson", {"key": [["y" * 500] * 100] * 21})
    check_written("|string", "a" * TOO_BIG)  # a text alone is sized when it is made
    assert {"string", "join", "tojson", "replace"} <= WRITE_OUT


@pytest.mark.parametrize(
    "name, args, kwargs",
    [
        ("center", ["x", TOO_BIG], {}),
        ("center", ["x"], {"width": TOO_BIG}),
        ("replace", ["x" * 1000, "x", "y" * 1001], {}),
        ("join", [["ab"] * 1000, "-" * 1001], {}),
        ("join", [[str(n) * 2000 for n in range(501)]], {}),
        ("batch", [[1], TOO_BIG, "fill"], {}),
        ("slice", [[1], TOO_BIG], {}),
        ("indent", ["a\n" * 1000, 1000], {}),
        ("indent", ["a"], {"width": " " * TOO_BIG}),
        ("wordwrap", ["word " * 200_000, 1], {}),
        ("format", ["%2000000000s", "x"], {}),
        ("sum", [[["a"] * 1000] * 1001, None, []], {}),
    ],
)
def test_each_filter_is_sized_before_it_runs(name, args, kwargs):
    with pytest.raises(SecurityError):
        FILTER_SIZES[name](list(args), kwargs)


def test_filters_within_bounds_pass_and_an_iterator_is_read_once_into_a_list():
    args = [iter(["a", "b", "c"]), ", "]
    FILTER_SIZES["join"](args, {})
    assert args[0] == ["a", "b", "c"]  # the filter then joins the list it was given
    FILTER_SIZES["center"](["x", 80], {})
    FILTER_SIZES["sum"]([[1, 2, 3]], {})  # numbers: nothing to size
    with pytest.raises(SecurityError, match="use \\|join, or a loop"):
        many = 100_000  # small in all, but each step of the sum copies what is summed so far
        assert many * many > MAX_SUM_STEPS and many <= MAX_VALUE
        FILTER_SIZES["sum"]([[["a"]] * many, None, []], {})


def test_lipsum_is_sized_by_its_paragraphs_and_words():
    check_lipsum()
    check_lipsum(5, max=100)
    with pytest.raises(SecurityError, match=r"^lipsum\(20000000\) would make"):
        check_lipsum(20_000_000)


def test_methods_are_sized_before_they_are_called():
    assert check_method("ab", "center", (10,), {}) == (10,)
    for obj, name, args in [
        ("x", "ljust", (TOO_BIG,)),
        ("\t" * 1000, "expandtabs", (1001,)),
        ("x" * 1000, "replace", ("x", "y" * 1001)),
        ("-" * 2, "join", (["a" * 400_000] * 3,)),
    ]:
        with pytest.raises(SecurityError, match=rf"^\.{name}\(…\) would make"):
            check_method(obj, name, args, {})
    big = [0] * MAX_VALUE
    with pytest.raises(SecurityError):
        check_method(big, "append", (1,), {})
    with pytest.raises(SecurityError):
        check_method([], "extend", (range(TOO_BIG),), {})
    items, separator = check_method(", ", "join", (iter("abc"), ""), {})
    assert items == ["a", "b", "c"] and separator == ""
    assert check_method(5, "bit_length", (), {}) == ()  # neither text nor list: as given
