"""Property: any schema-valid assessment, whatever Unicode its text holds, builds with every
built-in template and reads back word for word.

Each example writes a whole assessment folder (assessment.yaml and one file per element of the
PEEL 2018/19 framework) with ``yaml.safe_dump(allow_unicode=True)``, so that PyYAML's own choice
of plain, quoted or escaped scalars is exercised too; validates it with ``check_assessment``;
renders it with every built-in template; opens the result with python-docx; and reads it back
with ``docx_content.read_docx``, comparing every cell of the grid or grading history (and, where
the template shows it, the briefing's prose around the grid) with what went in. What a template
shows is asked of the template (``template_shows``), not told by its name.

The text strategy below is arbitrary Unicode that XML can hold, with a few exclusions. Each
exclusion is listed with the reason and pinned by a test at the end of this file: text that
Word cannot keep as written (a carriage return, docxtpl's brace escapes) is refused by
validation, located, rather than silently altered.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import frameworks
from briefgen.docx_content import read_docx
from briefgen.environment import month_year
from briefgen.frameworks import load_framework
from briefgen.model import Framework
from briefgen.templates import builtin_templates

from ..helpers import check_assessment, joined, render_to_file, template_shows

FRAMEWORK: Framework = load_framework(frameworks.available()["peel-2018-19"])
TEMPLATES = builtin_templates()
SOURCE = "https://www.example.org/peel/report"
THEMES_SOURCE = "https://www.example.org/peel/themes.pdf"

# --- what text may hold --------------------------------------------------------------------

EXCLUDED_CHARACTERS = (
    # XML 1.0 cannot hold C0 controls other than tab, newline and carriage return, nor the
    # non-characters U+FFFE and U+FFFF. validate.py reports each of them as a problem, so an
    # assessment holding one is not schema-valid (tests/unit/test_validate.py covers that path).
    # Lone surrogates (category Cs) are excluded by exclude_categories below for the same
    # reason; they cannot be encoded as UTF-8 either.
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\ufffe", "\uffff"]
    # U+000D (carriage return): docxtpl renders the document XML as a string; autoescaping
    # (markupsafe) leaves CR as a literal character and docxtpl's resolve_listing turns only
    # "\n" into <w:br/>, so when the rendered string is parsed (docxtpl's fix_tables, lxml),
    # XML end-of-line handling (XML 1.0 section 2.11) turns the CR into a plain LF inside
    # <w:t>: "a\rb" reads back as "a\nb" and "a\r\nb" as "a\n\nb". YAML keeps CR exactly
    # (safe_dump writes "\r"). Validation refuses it, located (see the test at the end).
    + ["\r"]
    # U+0085 (NEL): PyYAML's safe_dump writes it raw inside a single-quoted scalar
    # ("a\x85b" -> 'a\x85  b'), and PyYAML's reader takes a raw NEL as a line break,
    # normalises it to "\n" and folds it to a space, so "a\x85b" loads back as "a b" before
    # briefgen sees it. This is PyYAML's emitter, not briefgen: a NEL written in a file
    # as the escape "\N" inside double quotes loads, renders and reads back exactly
    # (test_escaped_next_line_round_trips). U+2028 and U+2029, the other YAML 1.1 line
    # breaks, are kept: PyYAML keeps them as they are and they round-trip.
    + ["\x85"]
)

# docxtpl replaces these four sequences anywhere in the rendered XML (its own escapes for
# literal braces in a template), so text holding one changes: "{_{" reads back as "{{".
# Validation refuses them: test_text_word_cannot_keep_is_refused_not_altered.
DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")

# Fragments arbitrary characters seldom produce, but which have broken exactly this kind of
# pipeline: XML and Jinja markup, YAML indicators and implicit types, whitespace at either end
# and inside (Word collapses nothing in <w:t xml:space="preserve">), newline and tab (which
# docxtpl turns into <w:br/> and <w:tab/>), and characters outside the BMP.
FRAGMENTS = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "&#13;",
    "]]>",
    "<w:t>",
    "</w:t></w:r></w:p>",
    "<![CDATA[x]]>",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ force.name }}",
    "{%p endfor %}",
    "{%tr endfor %}",
    "{% cellbg element.shade %}",
    "{{r source|hyperlink }}",
    "{%-",
    "-%}",
    "\t",
    "\n",
    "\n\n",
    " ",
    "   ",
    "\xa0",
    "\u3000",
    "\u2028",
    "\u2029",
    "\u200b",
    "\ufeff",
    "\u202e",
    "\u00ad",
    ": ",
    " #",
    "# ",
    "- ",
    "? ",
    "---",
    "...",
    "*a",
    "&a",
    "!tag",
    "!!python/object:os.system",
    "%YAML",
    "|",
    ">",
    "null",
    "~",
    "yes",
    "No",
    "on",
    "0x1F",
    "1e3",
    ".inf",
    "2019-09-27",
    "\\",
    "\\n",
    "@",
    "`",
    "👮🏽\u200d♀️",
    "e\u0301",
    "\U0001d11e",
    "\U0010fffd",
    "ß",
    "İ",
    "ﬁ",
    "العربية",
    "\x7f",
    "\x80",
    "\x9f",
    "\ufffd",
    "n/a",
    "Cause of concern: ",
    "{",
    "}",
    "%",
    "{_",
    "_}",
    "_%",
    "%_",
]

characters = st.characters(exclude_categories=("Cs",), exclude_characters=EXCLUDED_CHARACTERS)
_NOT_SPACE = re.compile(r"\S")  # the schema's "text": at least one character not white space


def _allowed(text: str) -> bool:
    return bool(_NOT_SPACE.search(text)) and not any(s in text for s in DOCXTPL_ESCAPES)


texts = (
    st.lists(
        st.one_of(st.text(characters, min_size=1, max_size=8), st.sampled_from(FRAGMENTS)),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    .filter(_allowed)
)


@st.composite
def any_case(draw: st.DrawFn, label: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(label), max_size=len(label)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(label, flips, strict=False))


gradings = st.sampled_from([g.label for g in FRAMEWORK.scale]).flatmap(any_case)

bullets = st.lists(
    st.one_of(
        texts,
        st.fixed_dictionaries({"text": texts, "items": st.lists(texts, min_size=1, max_size=3)}),
    ),
    min_size=1,
    max_size=3,
)
BULLET_FIELDS = ("comments", "causes_of_concern", "recommendations", "areas_for_improvement")


@st.composite
def elements(draw: st.DrawFn, key: str, graded: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"element": key}
    if graded:
        data["grading"] = draw(gradings)
    elif draw(st.booleans()):
        data["grading"] = draw(any_case(FRAMEWORK.ungraded.label))
    for name in BULLET_FIELDS:
        value = draw(st.one_of(st.none(), bullets))
        if value is not None:
            data[name] = value
    return data


@st.composite
def assessments(draw: st.DrawFn) -> dict[str, Any]:
    """``{"assessment": <assessment.yaml data>, "elements": [<element file data>, ...]}``."""
    head: dict[str, Any] = {"framework": FRAMEWORK.key, "force": draw(texts)}
    for optional in ("force_short_name", "force_informal_name"):
        value = draw(st.one_of(st.none(), texts))
        if value is not None:
            head[optional] = value
    head["published"] = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
    head["source"] = SOURCE
    head["pillars"] = {p.key: draw(gradings) for p in FRAMEWORK.pillars}
    if draw(st.booleans()):
        head["briefing"] = {
            "themes": {
                "introduction": draw(texts),
                "source": THEMES_SOURCE,
                "items": draw(st.lists(texts, min_size=1, max_size=4)),
            }
        }
    return {
        "assessment": head,
        "elements": [draw(elements(e.key, e.graded)) for e in FRAMEWORK.elements],
    }


def write_assessment(folder: Path, case: dict[str, Any]) -> Path:
    (folder / "elements").mkdir(parents=True)

    def dump(path: Path, data: dict[str, Any]) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    dump(folder / "assessment.yaml", case["assessment"])
    for element in case["elements"]:
        dump(folder / "elements" / f"{element['element']}.yaml", element)
    return folder


# --- what the documents should hold --------------------------------------------------------


def bullet_parts(bullet: str | dict[str, Any]) -> tuple[str, list[str]]:
    return (bullet, []) if isinstance(bullet, str) else (bullet["text"], bullet["items"])


def listed(items: list[Any], top_style: str = "List Bullet", nested_level: int = 1) -> list[tuple]:
    """(text, style, list level) of each paragraph a bullet list becomes."""
    out: list[tuple] = []
    for item in items:
        text, nested = bullet_parts(item)
        out.append((text, top_style, 0))
        nested_style = "List Bullet 2" if nested_level else "List Bullet"
        out.extend((sub, nested_style, nested_level) for sub in nested)
    return out


def expected_comments(element: dict[str, Any]) -> list[tuple]:
    comments = element.get("comments", [])
    return listed(comments) if comments else [("n/a", "Normal", None)]


def expected_actions(element: dict[str, Any]) -> list[tuple]:
    """Causes of concern (plain "Cause of concern: " paragraphs, their nested items a level in,
    the recommendations a level in under the last of them), then the areas for improvement under
    a plain label; without causes of concern, recommendations and areas for improvement as one
    bullet list; "n/a" only when all three are empty. The layout of tools/make_templates.py."""
    out: list[tuple] = []
    causes = element.get("causes_of_concern", [])
    recommendations = element.get("recommendations", [])
    areas = element.get("areas_for_improvement", [])
    for number, cause in enumerate(causes, start=1):
        text, nested = bullet_parts(cause)
        out.append((f"Cause of concern: {text}", "Normal", None))
        out.extend((sub, "List Bullet 2", 1) for sub in nested)
        if number == len(causes):
            out.extend(
                (text, "List Bullet 2" if level == 0 else "List Bullet 3", level + 1)
                for text, _, level in listed(recommendations)
            )
    if causes and areas:
        out.append(("Areas for improvement:", "Normal", None))
        out.extend(listed(areas))
    elif not causes:
        out.extend(listed(recommendations + areas))
    if not causes and not recommendations and not areas:
        out.append(("n/a", "Normal", None))
    return out


def paragraphs(cell: dict[str, Any]) -> list[tuple]:
    return [
        (p["paragraph"], p.get("style"), p["list"]["level"] if "list" in p else None)
        for p in cell["paragraphs"]
    ]


def caption_text(head: dict[str, Any], what: str = "summary") -> str:
    short = head.get("force_short_name", head["force"])
    return f"HMICFRS PEEL assessment of {short} ({month_year(head['published'])}) – {what}"


def expected_title(shows: frozenset[str], case: dict[str, Any]) -> str:
    """The core title (File › Properties, PDF metadata) of a template that ``shows`` these:
    plain text, escaped once. A briefing is titled as one; a grid alone by its caption (no
    paper: no "Appendix N: ")."""
    head = case["assessment"]
    if "prose" in shows:
        return f"{FRAMEWORK.name} assessment of {head['force']}: briefing"
    if "history" in shows:
        return caption_text(head, "grading history")
    return caption_text(head)


def check_grid(content: dict[str, Any], case: dict[str, Any]) -> None:
    head = case["assessment"]
    body = content["body"]
    index = next(i for i, block in enumerate(body) if "table" in block)
    assert body[index - 1]["paragraph"] == caption_text(head)
    header, *rows = joined(body[index]["table"])["rows"]  # a row continued on a page, whole
    assert header.get("header") is True
    by_key = {e["element"]: e for e in case["elements"]}
    expected_rows = sum(1 + len(p.elements) for p in FRAMEWORK.pillars)
    assert len(rows) == expected_rows
    rows_left = iter(rows)
    for pillar in FRAMEWORK.pillars:
        (cell,) = next(rows_left)["cells"]
        grade = FRAMEWORK.grade(head["pillars"][pillar.key])
        assert paragraphs(cell) == [
            (f"{pillar.name}: Overall grading – {grade.label.lower()}", "Normal", None)
        ]
        for definition in pillar.elements:
            element = by_key[definition.key]
            name, grading, comments, actions = next(rows_left)["cells"]
            grade = FRAMEWORK.grade(element["grading"]) if definition.graded else FRAMEWORK.ungraded
            assert paragraphs(name) == [(definition.name, "Normal", None)]
            assert paragraphs(grading) == [(grade.label, "Normal", None)]
            assert grading["shading"] == grade.shade
            assert paragraphs(comments) == expected_comments(element)
            assert paragraphs(actions) == expected_actions(element)


def check_history(content: dict[str, Any], case: dict[str, Any]) -> None:
    """One inspection (no previous:): each element and pillar with its one grading."""
    head = case["assessment"]
    body = content["body"]
    assert body[0]["paragraph"] == caption_text(head, "grading history")
    table = next(b["table"] for b in body if "table" in b)
    header, *rows = table["rows"]
    assert header.get("header") is True
    assert paragraphs(header["cells"][1])[0][0] == month_year(head["published"])
    by_key = {e["element"]: e for e in case["elements"]}
    expected = []
    for pillar in FRAMEWORK.pillars:
        grade = FRAMEWORK.grade(head["pillars"][pillar.key])
        expected.append((f"{pillar.name}: overall grading", grade.label, grade.shade))
        for definition in pillar.elements:
            element = by_key[definition.key]
            grade = FRAMEWORK.grade(element["grading"]) if definition.graded else FRAMEWORK.ungraded
            expected.append((definition.name, grade.label, grade.shade))
    assert [
        (paragraphs(name)[0][0], paragraphs(grading)[0][0], grading["shading"])
        for name, grading in (row["cells"] for row in rows)
    ] == expected


def check_briefing_prose(content: dict[str, Any], case: dict[str, Any]) -> None:
    """Everything before the grid: force names, the introduction, aims and themes."""
    head = case["assessment"]
    short = head.get("force_short_name", head["force"])
    informal = head.get("force_informal_name", short)
    published: dt.date = head["published"]
    body = content["body"]
    index = next(i for i, block in enumerate(body) if "table" in block)
    # Empty paragraphs carry the section break; no text of ours is empty.
    before = [(b["paragraph"], b.get("style")) for b in body[:index] if b["paragraph"]]
    themes = head.get("briefing", {}).get("themes")
    assert before == [
        (f"{FRAMEWORK.name}: {head['force']}", "Heading 1"),
        (
            f"On {published.day} {published:%B %Y}, Her Majesty’s Inspectorate of Constabulary and "
            "Fire & Rescue Services (HMICFRS) published its latest PEEL assessment (police "
            f"effectiveness, efficiency and legitimacy) of {short}. {FRAMEWORK.about}[^1]",
            "Normal",
        ),
        *((aim, "List Bullet") for aim in FRAMEWORK.aims),
        *(
            [
                (f"{themes['introduction']}[^2]", "Normal"),
                *((item, "List Bullet") for item in themes["items"]),
            ]
            if themes
            else []
        ),
        (f"PEEL assessment of {informal}", "Heading 2"),
        (
            "The following grid summarises the assessment of each element of the PEEL assessment,"
            " and some of the key points and recommendations made by HMICFRS.",
            "Normal",
        ),
        (caption_text(head), "Caption"),
    ]
    assert content["footnotes"][0] == {
        "id": 1,
        "text": (
            f"{FRAMEWORK.name} – an inspection of {head['force']} (HMICFRS, "
            f"{published.day} {published:%B %Y}), {SOURCE}"
        ),
    }


# --- the property --------------------------------------------------------------------------


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=assessments())
def test_any_valid_text_builds_and_reads_back_exactly(case):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_assessment(Path(tmp) / "assessment", case)
        assessment, problems = check_assessment(folder)
        assert problems == []
        assert assessment is not None
        for name, template in TEMPLATES.items():
            shows = template_shows(template)
            output = render_to_file(assessment, template, Path(tmp) / f"{name}.docx")
            docx.Document(str(output))  # python-docx opens it
            content = read_docx(output)
            if "history" in shows:
                check_history(content, case)
            if "grid" in shows:
                check_grid(content, case)
            if "prose" in shows:
                check_briefing_prose(content, case)
            assert content["properties"]["title"] == expected_title(shows, case)


def test_every_builtin_template_shows_what_the_property_reads():
    """A built-in template is read back by what it shows: a grid, a grading history."""
    shown = {name: template_shows(path) for name, path in TEMPLATES.items()}
    assert {name: bool(shows & {"grid", "history"}) for name, shows in shown.items()} == (
        dict.fromkeys(TEMPLATES, True)
    )


# --- the exclusions, pinned: what each excluded case does today ----------------------------


def build_with_comment(tmp: Path, comment: str, yaml_text: str | None = None) -> dict[str, Any]:
    """Build the summary grid of a minimal valid assessment whose first element has one
    comment; return the document as read back."""
    case = {
        "assessment": {
            "framework": FRAMEWORK.key,
            "force": "Force",
            "published": dt.date(2020, 1, 1),
            "source": SOURCE,
            "pillars": {p.key: "Good" for p in FRAMEWORK.pillars},
        },
        "elements": [
            {"element": e.key, **({"grading": "Good"} if e.graded else {})}
            for e in FRAMEWORK.elements
        ],
    }
    case["elements"][0]["comments"] = [comment]
    folder = write_assessment(tmp / "assessment", case)
    if yaml_text is not None:  # the element file as an officer might type it
        (folder / "elements" / f"{FRAMEWORK.elements[0].key}.yaml").write_text(yaml_text, "utf-8")
    assessment, problems = check_assessment(folder)
    assert problems == [], "\n".join(map(str, problems))
    output = render_to_file(assessment, TEMPLATES["summary-grid"], tmp / "out.docx")
    return read_docx(output)


def first_comment(content: dict[str, Any]) -> str:
    table = next(b["table"] for b in content["body"] if "table" in b)
    return table["rows"][2]["cells"][2]["paragraphs"][0]["paragraph"]


def test_escaped_next_line_round_trips(tmp_path):
    """NEL is excluded from the property only because PyYAML's safe_dump cannot write it."""
    key = FRAMEWORK.elements[0].key
    written = f'element: {key}\ngrading: Good\ncomments:\n  - "a\\Nb"\n'
    assert first_comment(build_with_comment(tmp_path, "unused", written)) == "a\x85b"


@pytest.mark.parametrize(
    "comment, reported",
    [
        ("a\rb", "U+000D (a carriage return)"),
        ("{_{ x }_}", "'{_{' at character 1 cannot be shown"),
    ],
)
def test_text_word_cannot_keep_is_refused_not_altered(tmp_path, comment, reported):
    """CR (XML reads it back as LF) and docxtpl's brace escapes ("{_{" comes out as "{{") would
    be changed on the way into Word, so validation reports them instead."""
    with pytest.raises(AssertionError, match=re.escape(reported)):
        build_with_comment(tmp_path, comment)
