"""The package as users and their tools see it: licence, classifiers, bounded dependencies."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import briefgen

from ..helpers import ROOT, run_briefgen

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def test_the_licence_is_the_one_pyproject_declares():
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License\n")


def test_classifiers_say_what_it_is():
    assert "License :: OSI Approved :: MIT License" not in PROJECT["classifiers"]  # PEP 639
    assert {"Environment :: Console", "Topic :: Office/Business"} <= set(PROJECT["classifiers"])


def test_classifiers_name_each_python_the_noxfile_runs_the_suite_on():
    noxfile = (ROOT / "noxfile.py").read_text("utf-8")
    pythons = re.search(r"PYTHONS = \[([^]]*)\]", noxfile).group(1)
    versions = re.findall(r'"(3\.\d+)"', pythons)
    assert versions == ["3.11", "3.12", "3.13"]
    assert PROJECT["requires-python"] == f">={versions[0]}"
    named = {
        c.rsplit(" :: ", 1)[1]
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    }
    assert named == set(versions)


def test_the_version_is_written_once():
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    assert importlib.metadata.version("briefgen") == briefgen.__version__
    assert run_briefgen("--version", cwd=ROOT).stdout == f"briefgen {briefgen.__version__}\n"


def test_dependencies_have_lower_bounds_and_docxtpl_an_upper_one():
    """(That the lower bounds install and work together is ``nox -s lowest``'s job: it pins
    each to its bound in a fresh environment and runs the smoke test there.)"""
    for requirement in PROJECT["dependencies"]:
        assert ">=" in requirement, requirement
    docxtpl = next(r for r in PROJECT["dependencies"] if r.startswith("docxtpl"))
    assert re.fullmatch(r"docxtpl>=[\d.]+,<[\d.]+", docxtpl)
