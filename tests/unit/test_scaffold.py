"""scaffold.py: the folder ``briefgen new`` writes, and what validate says of it untouched."""

from __future__ import annotations

import re

import pytest

from briefgen.errors import FileProblem, OptionError
from briefgen.scaffold import new_assessment
from briefgen.validate import check

from ..helpers import GRADED_2023


def test_every_element_gets_a_file_and_every_file_names_its_schema(tmp_path):
    files = new_assessment(tmp_path / "kent", "peel-2023-25", "Kent Police")
    names = sorted(str(p.relative_to(tmp_path / "kent")) for p in files)
    assert names == sorted(
        [
            "assessment.yaml",
            "elements/victim-service-assessment.yaml",
            *(f"elements/{key}.yaml" for key in GRADED_2023),
            "schemas/assessment.peel-2023-25.schema.json",
            "schemas/element.peel-2023-25.schema.json",
        ]
    )
    for path in files:
        if path.suffix == ".yaml":
            first = path.read_text("utf-8").splitlines()[0]
            kind = "assessment" if path.name == "assessment.yaml" else "element"
            target = (path.parent / first.split("$schema=")[1]).resolve()
            assert first.startswith("# yaml-language-server: $schema=")
            assert (
                target
                == (tmp_path / "kent" / "schemas" / f"{kind}.peel-2023-25.schema.json").resolve()
            )


def test_an_element_file_shows_the_scale_and_how_to_mark_it(tmp_path):
    new_assessment(tmp_path / "kent", "peel-2023-25", "Kent Police")
    text = (tmp_path / "kent" / "elements" / "investigating-crime.yaml").read_text("utf-8")
    assert "element: investigating-crime\n" in text
    assert (
        "# The grading the report gives: one of Outstanding, Good, Adequate, Requires "
        "improvement, Inadequate.\n"
    ) in text
    assert "#   not_inspected: true\n" in text and "#   carried_over_from: 2021\n" in text
    for key in ("comments:", "causes_of_concern:", "recommendations:", "areas_for_improvement:"):
        assert f"\n# {key}\n" in text
    ungraded = (tmp_path / "kent" / "elements" / "victim-service-assessment.yaml").read_text()
    assert "grading:" not in ungraded.replace("# ", "").split("element:")[1].split("\n")[1]


def test_assessment_lists_pillars_and_shows_optional_sections(tmp_path):
    new_assessment(tmp_path / "met", "peel-2018-19", "Metropolitan Police Service")
    text = (tmp_path / "met" / "assessment.yaml").read_text("utf-8")
    assert (
        "pillars:\n  effectiveness: to be completed\n  efficiency: to be completed\n"
        "  legitimacy: to be completed\n"
    ) in text
    for example in (
        "# force_short_name:",
        "# previous:",
        "# covers: [effectiveness, efficiency, legitimacy]",
        "# paper:",
        "# briefing:",
    ):
        assert example in text
    # Uncommented, the paper and briefing examples are what the schema takes.
    examples = text.split("# paper:")[1]
    lines = [line[2:] for line in ("# paper:" + examples).splitlines()]
    body = "".join(f"{line}\n" for line in lines if re.match(r"\s*([a-z_]+:|- )", line))
    filled = (
        text.split("#\n# Optional")[0]
        .replace("to be completed", "Good")
        .replace("published: Good", "published: 2019-09-27")
        .replace("source: Good", "source: https://example.org/met")
    )
    head = tmp_path / "met" / "assessment.yaml"
    head.write_text(filled + body, "utf-8")
    assert [p for p in check(tmp_path / "met").problems if p.file.endswith("assessment.yaml")] == []


def test_validate_on_the_untouched_folder_says_what_to_write(tmp_path):
    new_assessment(tmp_path / "kent", "peel-2023-25", "Kent Police")
    assessment, problems, warnings = check(tmp_path / "kent")
    assert assessment is None and warnings == []
    assert [(p.file.split("kent/")[1], p.line, p.message) for p in problems] == [
        (
            "assessment.yaml",
            7,
            "published: still “to be completed”: write the date the report "
            "was published, as YYYY-MM-DD, e.g. 2019-09-27",
        ),
        (
            "assessment.yaml",
            9,
            "source: still “to be completed”: write the report's web address, starting https://",
        ),
        *sorted(
            (
                f"elements/{key}.yaml",
                11,
                f"grading: still “to be completed”: write the grading the report gives "
                f"{name}: one of Outstanding, Good, Adequate, Requires improvement, "
                "Inadequate; or, if this inspection did not look at it, write not_inspected: "
                "true instead of the grading",
            )
            for key, name in [
                ("police-powers-and-public-treatment", "Police powers and public treatment"),
                ("preventing-crime", "Preventing crime"),
                ("responding-to-the-public", "Responding to the public"),
                ("investigating-crime", "Investigating crime"),
                ("protecting-vulnerable-people", "Protecting vulnerable people"),
                ("managing-offenders", "Managing offenders"),
                ("positive-workplace", "Developing a positive workplace"),
                ("leadership-and-force-management", "Leadership and force management"),
                ("serious-and-organised-crime", "Serious and organised crime"),
            ]
        ),
    ]


def test_an_existing_folder_is_never_written_over(tmp_path):
    (tmp_path / "kent").mkdir()
    (tmp_path / "kent" / "assessment.yaml").write_text("mine")
    with pytest.raises(FileProblem, match="already exists; briefgen new never writes over"):
        new_assessment(tmp_path / "kent", "peel-2023-25", "Kent Police")
    assert (tmp_path / "kent" / "assessment.yaml").read_text() == "mine"
    assert [p.name for p in (tmp_path / "kent").iterdir()] == ["assessment.yaml"]


def test_an_unknown_framework_is_a_usage_error_with_a_suggestion(tmp_path):
    with pytest.raises(OptionError) as refused:
        new_assessment(tmp_path / "kent", "peel-2023", "Kent Police")
    assert str(refused.value).startswith(
        "--framework: unknown framework 'peel-2023'; did you mean 'peel-2023-25'?; known "
        "frameworks: "
    )
    assert not (tmp_path / "kent").exists()
