"""The editor and ``validate`` agree: the YAML language server (what VS Code's YAML extension
runs), reading the schemas ``new`` writes, underlines a value exactly where ``validate`` finds a
problem or a warning in it, and nowhere else — on the example folders and on the mistakes
officers make. Each case is one file changed from the Met example (or a new PEEL 2023–25 folder);
the table of every case is printed, as the closing note quotes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.editor_schema import SCHEMA_FOLDER, schema_line, write_schemas
from briefgen.frameworks import available, load_framework

from ..helpers import MET, MET_2016, run_briefgen
from ..lsp_client import YamlLanguageServer

ELEMENT = "elements/investigating-crime.yaml"
HEAD = "assessment.yaml"

#: (case, file, old text, new text, flagged?): what an officer writes, and whether it is wrong.
MET_CASES = [
    (
        "grading in another case",
        ELEMENT,
        "grading: Requires improvement",
        "grading: Requires Improvement",
        False,
    ),
    ("grading in lower case", ELEMENT, "grading: Requires improvement", "grading: good", False),
    (
        "grading with two spaces",
        ELEMENT,
        "grading: Requires improvement",
        "grading: Requires  improvement",
        False,
    ),
    (
        "grading misspelt",
        ELEMENT,
        "grading: Requires improvement",
        "grading: Requires improvment",
        True,
    ),
    (
        "Ungraded on a graded element",
        ELEMENT,
        "grading: Requires improvement",
        "grading: Ungraded",
        True,
    ),
    (
        "Ungraded on an ungraded element",
        "elements/armed-response.yaml",
        "element: armed-response",
        "element: armed-response\ngrading: Ungraded",
        False,
    ),
    (
        "a grading on an ungraded element",
        "elements/armed-response.yaml",
        "element: armed-response",
        "element: armed-response\ngrading: Good",
        True,
    ),
    (
        "grading still to be completed",
        ELEMENT,
        "grading: Requires improvement",
        "grading: to be completed",
        True,
    ),
    (
        "a 2021/22 grading in 2018/19",
        ELEMENT,
        "grading: Requires improvement",
        "grading: Adequate",
        True,
    ),
    ("a pasted “•”", ELEMENT, "comments:\n  - ", "comments:\n  - • ", True),
    ("a typed “- ” inside the bullet", ELEMENT, "comments:\n  - ", "comments:\n  - - ", True),
    ("a hyphenated word first", ELEMENT, "comments:\n  - ", "comments:\n  - -ish ", False),
    (
        "element key misspelt",
        ELEMENT,
        "element: investigating-crime",
        "element: investigating-crimes",
        True,
    ),
    (
        "element name for its key",
        ELEMENT,
        "element: investigating-crime",
        "element: Investigating crime",
        True,
    ),
    ("misspelt key", ELEMENT, "comments:", "coments:", True),
    ("empty list", ELEMENT, "comments:", "recommendations: []\ncomments:", True),
    ("date written day first", HEAD, "published: 2019-09-27", "published: 27/09/2019", True),
    ("date not in the calendar", HEAD, "published: 2019-09-27", "published: '2019-02-30'", True),
    (
        "address without https://",
        HEAD,
        "source: https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/"
        "metropolitan/",
        "source: www.justiceinspectorates.gov.uk",
        True,
    ),
    (
        "force still to be completed",
        HEAD,
        "force: Metropolitan Police Service",
        "force: to be completed",
        True,
    ),
    ("pillar grading in lower case", HEAD, "efficiency: Good", "efficiency: good", False),
    ("pillar grading off the scale", HEAD, "efficiency: Good", "efficiency: Adequate", True),
    ("unknown pillar", HEAD, "efficiency: Good", "efficiency: Good\n  leadership: Good", True),
    ("framework of another round", HEAD, "framework: peel-2018-19", "framework: peel-2017", True),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp")
    server = YamlLanguageServer(root)
    yield server
    server.close()


def with_schemas(source: Path, folder: Path) -> Path:
    """A copy of an assessment folder with the editor's schemas and each file's schema line,
    as ``new`` and ``draft`` write them."""
    shutil.copytree(source, folder)
    key = next(
        line.split(":", 1)[1].strip()
        for line in (folder / HEAD).read_text("utf-8").splitlines()
        if line.startswith("framework:")
    )
    framework = load_framework(available()[key])
    write_schemas(framework, folder / SCHEMA_FOLDER)
    for path in [folder / HEAD, *sorted((folder / "elements").glob("*.yaml"))]:
        text = path.read_text("utf-8")
        if "yaml-language-server" not in text:
            kind, up = ("assessment", "") if path.name == HEAD else ("element", "../")
            path.write_text(f"# {schema_line(kind, framework, up)}\n{text}", "utf-8")
    return folder


def validate_flags(folder: Path, file: str) -> list[str]:
    """What ``briefgen validate`` says of ``file`` (problems and warnings)."""
    result = run_briefgen("validate", folder.name, cwd=folder.parent)
    where = f"{folder.name}/{file}:"
    return [line for line in result.stderr.splitlines() if line.startswith(where)]


def editor_flags(server: YamlLanguageServer, path: Path) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in server.diagnostics(path)]


@pytest.mark.parametrize("example", [MET, MET_2016], ids=lambda p: p.name)
def test_the_examples_are_clean_in_both(server, tmp_path, example):
    folder = with_schemas(example, tmp_path / example.name)
    if example == MET:  # its previous: is read by validate
        with_schemas(MET_2016, tmp_path / MET_2016.name)
    for path in [folder / HEAD, *sorted((folder / "elements").glob("*.yaml"))]:
        file = str(path.relative_to(folder))
        assert (validate_flags(folder, file), editor_flags(server, path)) == ([], []), file


AGREEMENT: list[str] = []


@pytest.mark.parametrize(
    ("case", "file", "old", "new", "flagged"), MET_CASES, ids=[c[0] for c in MET_CASES]
)
def test_editor_and_validate_agree(server, tmp_path, case, file, old, new, flagged):
    with_schemas(MET_2016, tmp_path / MET_2016.name)
    folder = with_schemas(MET, tmp_path / MET.name)
    path = folder / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    said, underlined = validate_flags(folder, file), editor_flags(server, path)
    first = underlined[0] if underlined else ""
    AGREEMENT.append(
        f"| {case} | {'flagged' if said else 'ok'} | "
        f"{'flagged' if underlined else 'ok'} | {first} |"
    )
    assert (bool(said), bool(underlined)) == (flagged, flagged), (said, underlined)


@pytest.mark.parametrize(
    ("grading", "flagged"),
    [
        ("adequate", False),
        ("Requires Improvement", False),
        ("ADEQUATE", False),
        ("Requires improvement", False),
        ("Goood", True),
        ("Ungraded", True),
        ("Requires improvment", True),
    ],
)
def test_a_new_2023_25_folder_agrees_on_its_scale(server, tmp_path, grading, flagged):
    folder = tmp_path / "kent-2023-25"
    made = run_briefgen(
        "new", folder.name, "--framework", "peel-2023-25", "--force", "Kent Police", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    path = folder / ELEMENT
    text = path.read_text("utf-8")
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith("grading:") and not line.startswith("comments:")
    ]
    path.write_text(
        "\n".join(
            [
                *lines,
                f"grading: {grading}",
                "comments:",
                "  - The force investigates crime well.",
                "",
            ]
        ),
        "utf-8",
    )
    said, underlined = validate_flags(folder, ELEMENT), editor_flags(server, path)
    assert (bool(said), bool(underlined)) == (flagged, flagged), (said, underlined)


def test_the_editor_speaks_plain_words(server, tmp_path):
    with_schemas(MET_2016, tmp_path / MET_2016.name)
    folder = with_schemas(MET, tmp_path / MET.name)
    head = folder / HEAD
    head.write_text(
        head.read_text("utf-8").replace("published: 2019-09-27", "published: 27/09/2019"), "utf-8"
    )
    element = folder / ELEMENT
    element.write_text(
        element.read_text("utf-8")
        .replace("grading: Requires improvement", "grading: Requires improvment")
        .replace("comments:\n  - ", "comments:\n  - • "),
        "utf-8",
    )
    said = "\n".join(editor_flags(server, head) + editor_flags(server, element))
    assert "Write the date as YYYY-MM-DD, e.g. 2019-09-27" in said
    assert (
        "Write one of PEEL 2018/19's gradings, as the report gives it: Outstanding, Good, "
        "Requires improvement, Inadequate" in said
    )
    assert "Delete the typed “•”" in said
    assert "RFC3339" not in said and "does not match the pattern" not in said


def test_print_the_agreement_table(capsys):
    if AGREEMENT:
        with capsys.disabled():
            print("\n| case | validate | editor | the editor's words |\n|---|---|---|---|")
            print("\n".join(AGREEMENT))
