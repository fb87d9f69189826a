"""The package as users and their tools see it: licence, classifiers, bounded dependencies."""

from __future__ import annotations

import re
import tomllib

from .helpers import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def test_the_licence_is_the_one_pyproject_declares():
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License\n")


def test_classifiers_say_what_it_is():
    assert "License :: OSI Approved :: MIT License" not in PROJECT["classifiers"]  # PEP 639
    assert {"Programming Language :: Python :: 3.11", "Environment :: Console",
            "Topic :: Office/Business"} <= set(PROJECT["classifiers"])


def test_dependencies_have_lower_bounds_and_docxtpl_an_upper_one():
    for requirement in PROJECT["dependencies"]:
        assert ">=" in requirement, requirement
    docxtpl = next(r for r in PROJECT["dependencies"] if r.startswith("docxtpl"))
    assert re.fullmatch(r"docxtpl>=[\d.]+,<[\d.]+", docxtpl)
