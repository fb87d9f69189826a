"""The declared library API: one options object a command, BriefgenError kinds only, light."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import briefgen
from briefgen import (
    BuildOptions,
    CheckOptions,
    DraftOptions,
    FileProblem,
    NewOptions,
    OptionError,
)

from ..helpers import FIXTURES, MET, ROOT, require_tool


def test_every_declared_name_is_there():
    assert sorted(briefgen.__all__) == sorted(set(briefgen.__all__))
    for name in briefgen.__all__:
        assert getattr(briefgen, name) is not None, name


def loaded(module: str, names: set[str]) -> list[str]:
    """Which of the modules (or packages) ``names`` importing ``module`` loads, in a new
    process."""
    probe = (
        f"import sys, {module}\n"
        f"print(sorted(m for m in sys.modules if m in {names!r} or m.split('.')[0] in {names!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return eval(result.stdout)  # a list of names, as printed


def test_the_command_line_loads_no_step_to_answer_help():
    steps = {"difflib", "briefgen.model", "briefgen.draft.detect", "briefgen.draft.find"}
    assert loaded("briefgen.cli", steps | {"briefgen.build"}) == []


def test_importing_briefgen_loads_no_step_of_the_pipeline():
    libraries = {"docxtpl", "docx", "lxml", "docxcompose", "jinja2", "yaml", "jsonschema"}
    steps = {"briefgen.build", "briefgen.render", "briefgen.validate"}
    assert loaded("briefgen", libraries | steps) == []


def test_the_functions_keep_their_names_when_their_modules_load():
    import briefgen.build  # noqa: F401  the pipeline module of the same name
    import briefgen.draft  # noqa: F401  the drafting package of the same name

    assert callable(briefgen.build) and briefgen.build.__module__ == "briefgen"
    assert callable(briefgen.draft) and briefgen.draft.__module__ == "briefgen"
    from briefgen.build import Built  # the modules themselves are still there

    assert Built._fields == ("written", "warnings")


def test_options_take_one_path_or_many():
    options = BuildOptions(MET, "summary-grid")
    assert options.inputs == (MET,) and options.templates == ("summary-grid",)
    assert BuildOptions([MET]).templates == (briefgen.DEFAULT_TEMPLATE,)
    assert BuildOptions([MET]).formats == ("docx",) and not BuildOptions([MET]).pdf
    assert BuildOptions([MET], formats=["docx", "pdf"]).pdf
    assert BuildOptions([MET], formats="pdf").formats == ("docx", "pdf")
    assert CheckOptions([str(MET)]).frameworks == (MET,)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"jobs": 0}, "--jobs must be 1 or more"),
        ({"paper": {"committee": " "}}, "--committee is empty"),
        ({"paper": {"meeting_date": ""}}, "--meeting-date is empty"),
        ({"paper": {"chair": "x"}}, "paper field 'chair' is not one of committee, meeting_date"),
        (
            {"templates": ["summary-grid", "briefing"], "output": "x.docx"},
            "-o/--output names one file",
        ),
        ({"formats": ["docx", "pfd"]}, "output format 'pfd' is not known; did you mean 'pdf'?"),
    ],
)
def test_options_that_cannot_be_acted_on_are_option_errors(changes, message, tmp_path):
    with pytest.raises(OptionError) as refused:
        briefgen.build(BuildOptions([MET]).replace(**changes))
    assert message in str(refused.value)
    assert refused.value.lines()[0].startswith("briefgen: ")
    assert not (tmp_path / "outputs").exists()


def test_a_frameworks_folder_that_is_not_there_is_refused_wherever_it_was_named(
    tmp_path, monkeypatch
):
    missing = tmp_path / "missing"
    with pytest.raises(OptionError, match=r"^--frameworks .*missing: no such folder$"):
        briefgen.check(MET, CheckOptions([missing]))
    monkeypatch.setenv("BRIEFGEN_FRAMEWORKS", str(missing))
    with pytest.raises(OptionError, match=r"^BRIEFGEN_FRAMEWORKS: .*missing: no such folder$"):
        briefgen.check(MET)
    monkeypatch.setenv("BRIEFGEN_FRAMEWORKS", str(tmp_path))
    assert not briefgen.check(MET).problems


def test_check_gives_the_verdict_with_and_without_strict(tmp_path):
    checked = briefgen.check(MET)
    assert checked.assessment is not None and not checked.fails()
    assert checked.fails(strict=True) == bool(checked.warnings)


def test_new_then_check_lists_what_to_complete(tmp_path):
    files = briefgen.new(NewOptions(tmp_path / "kent", "peel-2023-25", "Kent Police"))
    assert tmp_path / "kent" / "assessment.yaml" in files
    checked = briefgen.check(tmp_path / "kent")
    assert checked.fails() and all("to be completed" in p.message for p in checked.problems)
    with pytest.raises(FileProblem, match="already exists"):
        briefgen.new(NewOptions(tmp_path / "kent", "peel-2023-25", "Kent Police"))
    with pytest.raises(OptionError, match="unknown framework 'peel-2023'; did you mean"):
        briefgen.new(NewOptions(tmp_path / "essex", "peel-2023", "Essex Police"))


def test_draft_takes_its_options(tmp_path):
    report = FIXTURES / "reports" / "met-peel-2018-19.md"
    result = briefgen.draft(DraftOptions(report, tmp_path / "met"))
    assert result.framework.key == "peel-2018-19" and result.elements_found
    with pytest.raises(briefgen.BriefgenError, match="already exists"):
        briefgen.draft(DraftOptions(report, tmp_path / "met"))


def test_templates_and_frameworks(tmp_path):
    assert "summary-grid" in briefgen.builtin_templates()
    assert briefgen.check_template("summary-grid") == []
    copy = briefgen.copy_template("summary-grid", tmp_path / "mine.docx")
    assert copy.read_bytes() == briefgen.builtin_templates()["summary-grid"].read_bytes()
    assert "peel-2018-19" in [f.key for f in briefgen.list_frameworks()]
    assert briefgen.framework("peel-2018-19").name == "PEEL 2018/19"
    written = briefgen.write_schemas("peel-2018-19", tmp_path / "schemas")
    assert [p.name for p in written] == [
        "assessment.peel-2018-19.schema.json",
        "element.peel-2018-19.schema.json",
    ]


def test_the_example_in_docs_api_md_runs(tmp_path, monkeypatch):
    """The Python example of docs/api.md, run as written, builds what it says."""
    require_tool("soffice", "libreoffice-writer-nogui")
    text = (ROOT / "docs" / "api.md").read_text("utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    shutil.copytree(MET.parent, tmp_path / "inputs")  # with the earlier assessments
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "docs/api.md", "exec"), {})
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == [
        f"{MET.name}-{name}.{suffix}"
        for name in ("committee-appendix", "summary-grid")
        for suffix in ("docx", "pdf")
    ]
