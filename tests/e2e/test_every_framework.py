"""An assessment under every framework builds with every built-in template; a new framework
needs only a YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen import frameworks
from briefgen.cli import main
from briefgen.docx_content import read_docx
from briefgen.frameworks import load_framework
from briefgen.templates import builtin_templates

from ..helpers import MET, joined, template_shows
from ..ooxml_schema import schema_problems


def write_example(folder: Path, key: str) -> Path:
    """An example assessment under framework ``key``: every element, the scale in turn.

    The findings are placeholders; what is checked is that every framework's shape (pillars
    or none, graded or ungraded pillars, four or five grades) renders correctly.
    """
    framework = load_framework(frameworks.available()[key])
    (folder / "elements").mkdir(parents=True)
    head = {
        "framework": key,
        "force": "Example Police",
        "published": "2024-05-01",
        "source": "https://www.justiceinspectorates.gov.uk/hmicfrs/example/",
    }
    if framework.graded_pillars:
        head["pillars"] = {
            p.key: framework.scale[i % len(framework.scale)].label
            for i, p in enumerate(framework.graded_pillars)
        }
    (folder / "assessment.yaml").write_text(yaml.safe_dump(head, sort_keys=False), "utf-8")
    for i, element in enumerate(framework.elements):
        data = {"element": element.key}
        if element.graded:
            data["grading"] = framework.scale[i % len(framework.scale)].label
        data["comments"] = [f"Example finding on {element.name.lower()}."]
        if i % 3 == 0:
            data["areas_for_improvement"] = [f"Example area for improvement {i}."]
        (folder / "elements" / f"{element.key}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False), "utf-8"
        )
    return folder


def grid_rows(content: dict) -> list[list[str]]:
    table = joined(next(b["table"] for b in content["body"] if "table" in b))
    return [
        [" / ".join(p["paragraph"] for p in cell["paragraphs"]) for cell in row["cells"]]
        for row in table["rows"][1:]
    ]


@pytest.mark.parametrize("key", sorted(frameworks.available()))
def test_every_template_builds_under_every_framework(key, tmp_path, data_regression):
    folder = write_example(tmp_path / key, key)
    framework = load_framework(frameworks.available()[key])
    built, shows = {}, {}
    for name, template in builtin_templates().items():
        shows[name] = template_shows(template)
        assert shows[name] & {"grid", "history"}, f"{name} shows no grid this test reads"
        out = tmp_path / f"{name}.docx"
        assert main(["build", str(folder), "-t", name, "-o", str(out)]) == 0
        assert schema_problems(out.read_bytes()) == [], name  # every part valid ECMA-376
        built[name] = read_docx(out)
    pillar_gradings = dict(yaml.safe_load((folder / "assessment.yaml").read_text())).get(
        "pillars", {}
    )
    gradings = {
        e.key: framework.scale[i % len(framework.scale)].label
        if e.graded
        else framework.ungraded.label
        for i, e in enumerate(framework.elements)
    }
    for name, content in built.items():
        rows = grid_rows(content)
        if "history" in shows[name]:  # one inspection: element × its one grading
            expected = []
            for p in framework.pillars:
                if p.key in pillar_gradings:
                    expected.append(
                        [
                            f"{p.name}: overall grading",
                            framework.grade(pillar_gradings[p.key]).label,
                        ]
                    )
                elif p.name:
                    expected.append([p.name])
                expected.extend([e.name, gradings[e.key]] for e in p.elements)
            assert rows == expected
            continue
        bands = [r[0] for r in rows if len(r) == 1]
        assert bands == [
            p.name
            + (f": Overall grading – {g.lower()}" if (g := pillar_gradings.get(p.key)) else "")
            for p in framework.pillars
            if p.name
        ], name
        elements = [r for r in rows if len(r) == 4]
        assert [r[0] for r in elements] == [e.name for e in framework.elements], name
        assert [r[1] for r in elements] == [gradings[e.key] for e in framework.elements], name
    for name in ("summary-grid", "grading-history"):
        data_regression.check(built[name], basename=f"example-{key}-{name}")


def test_a_new_framework_needs_only_a_yaml_file(tmp_path, monkeypatch, capsys):
    own = tmp_path / "our-frameworks"
    own.mkdir()
    (own / "custody-2030.yaml").write_text(
        """\
# A made-up inspection framework, as a user would add one.
key: custody-2030
name: Custody inspection 2030
inspectorate: HMICFRS
inspectorate_name: His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services
assessment: Custody inspection
assessment_long: inspection of police custody
source: https://www.justiceinspectorates.gov.uk/hmicfrs/our-work/article/custody/
scale:
  - {label: Effective, shade: C6E0B4}
  - {label: Partly effective, shade: FFE699}
  - {label: Not effective, shade: F4B6B6}
ungraded: {label: Not assessed, shade: E7E6E6}
elements:
  - {key: leadership, name: "Leadership, accountability and partnerships"}
  - {key: pre-release, name: Pre-release and release}
""",
        "utf-8",
    )
    folder = tmp_path / "example-custody"
    (folder / "elements").mkdir(parents=True)
    (folder / "assessment.yaml").write_text(
        "framework: custody-2030\nforce: Example Police\npublished: 2030-01-31\n"
        "source: https://www.justiceinspectorates.gov.uk/hmicfrs/example/\n",
        "utf-8",
    )
    (folder / "elements" / "leadership.yaml").write_text(
        "element: leadership\ngrading: partly effective\ncomments: [Leaders were visible.]\n"
    )
    (folder / "elements" / "pre-release.yaml").write_text(
        "element: pre-release\ngrading: Effective\n"
    )
    out = tmp_path / "custody.docx"

    assert main(["build", str(folder), "-t", "summary-grid", "-o", str(out)]) == 1
    assert "unknown framework 'custody-2030'" in capsys.readouterr().err

    assert (
        main(["--frameworks", str(own), "build", str(folder), "-t", "summary-grid", "-o", str(out)])
        == 0
    )
    content = read_docx(out)
    assert content["body"][0]["paragraph"] == (
        "HMICFRS Custody inspection of Example Police (January 2030) – summary"
    )
    assert [r[:2] for r in grid_rows(content)] == [
        ["Leadership, accountability and partnerships", "Partly effective"],
        ["Pre-release and release", "Effective"],
    ]

    monkeypatch.setenv(frameworks.ENVIRONMENT_VARIABLE, str(own))
    assert main(["validate", str(folder)]) == 0
    assert main(["validate", str(MET)]) == 0  # the built-in frameworks are still there


def test_frameworks_folder_must_exist(tmp_path, capsys):
    assert main(["--frameworks", str(tmp_path / "none"), "validate", str(MET)]) == 2
    assert "--frameworks" in capsys.readouterr().err


def test_covers_one_pillar(tmp_path, capsys):
    source = MET.parent / "metropolitan-2016-efficiency"
    assert main(["validate", str(source)]) == 0
    out = tmp_path / "grid.docx"
    assert main(["build", str(source), "-t", "summary-grid", "-o", str(out)]) == 0
    rows = grid_rows(read_docx(out))
    assert [r[0] for r in rows if len(r) == 1] == ["Efficiency: Overall grading – good"]
    assert [(r[0], r[1]) for r in rows if len(r) == 4] == [
        ("Understanding demand", "Good"),
        ("Using resources to manage current demand", "Requires improvement"),
        ("Planning for demand in the future", "Good"),
    ]
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(source, copy)
    text = (copy / "assessment.yaml").read_text("utf-8")
    (copy / "assessment.yaml").write_text(
        text.replace("covers: [efficiency]", "covers: [eficiency]"), "utf-8"
    )
    capsys.readouterr()
    assert main(["validate", str(copy)]) == 1
    assert (
        "covers, entry 1: PEEL 2016 has no pillar 'eficiency'; did you mean 'efficiency'?"
        in capsys.readouterr().err
    )


# --- an assessment's own grouping of a framework without pillars ----------------------------

GROUPS = """\
groups:
  - name: Keeping people safe and reducing crime
    elements: [preventing-crime, protecting-vulnerable-people, managing-offenders,
               serious-and-organised-crime]
  - name: Responding and investigating
    elements: [victim-service-assessment, responding-to-the-public, investigating-crime]
  - name: Treating people fairly and running the force well
    elements: [police-powers-and-public-treatment, positive-workplace,
               leadership-and-force-management]
"""


def test_an_assessment_groups_the_areas_of_a_framework_without_pillars(tmp_path):
    folder = write_example(tmp_path / "grouped", "peel-2023-25")
    with (folder / "assessment.yaml").open("a", encoding="utf-8") as f:
        f.write(GROUPS)
    framework = load_framework(frameworks.available()["peel-2023-25"])
    names = {e.key: e.name for e in framework.elements}
    declared = yaml.safe_load(GROUPS)["groups"]
    for name in builtin_templates():
        out = tmp_path / f"{name}.docx"
        assert main(["build", str(folder), "-t", name, "-o", str(out)]) == 0
        rows = grid_rows(read_docx(out))
        expected = []
        for group in declared:  # a band per group, no overall grading; areas in its order
            expected.append([group["name"]])
            expected.extend([names[key]] for key in group["elements"])
        assert [r[:1] for r in rows] == expected, name


@pytest.mark.parametrize(
    ("key", "groups", "message"),
    [
        (
            "peel-2023-25",
            GROUPS.replace("managing-offenders", "managing-offender"),
            "assessment.yaml:7:64: groups, group 1, elements, entry 3: PEEL 2023–25 has no area "
            "'managing-offender'; did you mean 'managing-offenders'?",
        ),
        (
            "peel-2023-25",
            GROUPS.replace("investigating-crime]", "investigating-crime, preventing-crime]"),
            "assessment.yaml:10:90: groups, group 2, elements, entry 4: 'preventing-crime' is "
            "already "
            "under "
            "groups, group 1; list each area once",
        ),
        (
            "peel-2023-25",
            GROUPS.replace("positive-workplace,\n               ", ""),
            "assessment.yaml:5:1: groups: leaves out positive-workplace; list every area of "
            "PEEL 2023–25 once",
        ),
        (
            "peel-2018-19",
            "groups:\n  - name: All\n    elements: [investigating-crime]\n",
            "assessment.yaml:9:1: groups: PEEL 2018/19 groups its elements in pillars already; "
            "remove groups:",
        ),
    ],
)
def test_grouping_mistakes_are_located(tmp_path, capsys, key, groups, message):
    folder = write_example(tmp_path / "grouped", key)
    with (folder / "assessment.yaml").open("a", encoding="utf-8") as f:
        f.write(groups)
    assert main(["validate", str(folder)]) == 1
    assert capsys.readouterr().err == f"{folder}/{message}\n"


def test_a_previous_that_changes_nothing_is_a_located_warning(tmp_path, capsys):
    """A fire and rescue assessment following a police one: no element continues another."""
    from ..helpers import copy_met

    police = copy_met(tmp_path / "metropolitan-2018-19")
    fire = write_example(tmp_path / "fire", "fire-2023-25")
    head = fire / "assessment.yaml"
    head.write_text(head.read_text("utf-8") + "previous: [../metropolitan-2018-19]\n", "utf-8")
    assert police.is_dir()
    assert main(["validate", str(fire)]) == 0
    err = capsys.readouterr().err
    assert err.endswith(
        "fire/assessment.yaml:5:12: warning: previous, entry 1: "
        "'../metropolitan-2018-19' changes nothing in the briefing: no element "
        "of Fire and rescue inspection 2023–25 continues one it assessed; check "
        "that it is the right folder\n"
    )
    assert main(["validate", "--strict", str(fire)]) == 1
    capsys.readouterr()
    assert main(["validate", str(police)]) == 0  # the Met follows 2016: its efficiency links
    assert capsys.readouterr().err == ""
