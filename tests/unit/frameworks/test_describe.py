"""frameworks/describe.py: ``briefgen frameworks`` and ``frameworks show``, line by line."""

from __future__ import annotations

import pytest

from briefgen.errors import OptionError
from briefgen.frameworks import BUILTIN, load_framework
from briefgen.frameworks.describe import continues, framework_detail, framework_lines, years


def test_one_line_a_framework():
    lines = framework_lines()
    assert (
        "peel-2018-19: PEEL 2018/19 (2018/19); pillars: effectiveness, efficiency, "
        "legitimacy; scale: Outstanding, Good, Requires improvement, Inadequate"
    ) in lines
    assert len(lines) == len(list(BUILTIN.glob("*.yaml")))


def test_a_framework_shown_with_the_keys_to_name_files_by():
    lines = framework_detail("peel-2018-19")
    assert lines[0].startswith("peel-2018-19: PEEL 2018/19 (")
    assert "elements (write each as elements/KEY.yaml):" in lines
    assert "    investigating-crime: Investigating crime" in lines
    assert any(line.startswith("  pillar effectiveness: Effectiveness (") for line in lines)
    with pytest.raises(
        OptionError,
        match="frameworks show: unknown framework 'peel-2018'; did you mean 'peel-2018-19'",
    ):
        framework_detail("peel-2018")


def test_years_and_what_a_framework_continues():
    later = load_framework(BUILTIN / "peel-2021-22.yaml")
    assert years(later) == "2021/22"
    assert "peel-2018-19" in continues(later)
    assert continues(load_framework(BUILTIN / "peel-2018-19.yaml")) == ["peel-2017", "peel-2016"]
    assert continues(load_framework(BUILTIN / "peel-2014.yaml")) == []
