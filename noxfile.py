"""briefgen on each Python it supports, and on the lowest versions of what it needs (nox).

    nox                          # every session whose Python is installed
    nox -s tests-3.13            # one of them
    nox -s lowest                # the lowest versions pyproject.toml allows

The full suite runs on the oldest Python (as the README's test command does); on the others
briefgen is installed from its wheel and given a smoke test: the commands an officer runs, and
the tests of the libraries it leans on. ``lowest`` installs every dependency at its lower bound
(a constraints file made from pyproject.toml) and runs those tests, so a bound that no longer
installs or works is found.
"""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path

import nox
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parent
#: Every Python briefgen supports; pyproject.toml's classifiers name the same (a test checks).
PYTHONS = ["3.11", "3.12", "3.13"]
#: The tests of what briefgen leans on most: rendering, the cover, validation, the internals
#: of python-docx and docxtpl it relies on.
SMOKE_TESTS = [
    "tests/unit/test_render.py",
    "tests/unit/test_compose.py",
    "tests/e2e/test_cover_report.py",
    "tests/unit/test_validate.py",
    "tests/unit/test_docxtpl_internals.py",
    "tests/unit/test_python_docx_internals.py",
    "tests/unit/test_input_paths.py",
]
MET = "inputs/metropolitan-2018-19"

nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "lowest"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The full suite on the oldest Python; install and smoke test on the others."""
    if session.python == PYTHONS[0]:
        session.install("-e", ".[test]")
        session.run("python", "-m", "pytest", *session.posargs)
        return
    session.install(".[test]")
    smoke(session)


@nox.session(python=PYTHONS[0])
def lowest(session: nox.Session) -> None:
    """Every dependency at the lowest version pyproject.toml allows."""
    constraints = scratch() / "lowest.txt"
    pins = lowest_versions()
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in pins.items()))
    session.install("--prefer-binary", "-c", str(constraints), "-e", ".[test]")
    installed = session.run("python", "-m", "pip", "list", "--format=freeze", silent=True)
    found = {
        canonicalize_name(name): Version(version)
        for name, version in (line.split("==") for line in str(installed).split() if "==" in line)
    }
    wrong = [
        f"{name} {found.get(canonicalize_name(name))} (wanted {version})"
        for name, version in pins.items()
        if found.get(canonicalize_name(name)) != Version(version)
    ]
    if wrong:
        session.error("not installed at their lower bounds: " + ", ".join(wrong))
    smoke(session)


def smoke(session: nox.Session) -> None:
    """The commands of the README's walk-through and the tests of the libraries."""
    out = scratch()
    session.run("briefgen", "--version")
    session.run("briefgen", "validate", "--strict", "inputs")
    session.run("briefgen", "build", MET, "-o", str(out / "briefing.docx"))
    session.run("briefgen", "build", MET, "-t", "summary-grid", "-o", str(out / "grid.docx"))
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *SMOKE_TESTS, *session.posargs
    )


def scratch() -> Path:
    """A folder outside the checkout (nox's own create_tmp() would point TMPDIR inside it, and
    the tests' messages would then name their files relative to the checkout)."""
    return Path(tempfile.mkdtemp(prefix="briefgen-nox-"))


def lowest_versions() -> dict[str, str]:
    """Each dependency's lower bound, from pyproject.toml (``name>=1.2`` → name: 1.2)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        found = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement)
        if found is None:
            raise ValueError(f"pyproject.toml: {requirement!r} has no lower bound")
        pins[found.group(1)] = found.group(2)
    return pins
