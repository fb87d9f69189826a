"""draft/gradings.py: gradings a report states in sentences and lists, each with the words it
was read from, checked against the hand-read truth of real inspectorate reports
(``tests/fixtures/reports/real/``)."""

from __future__ import annotations

import pytest
import yaml

from briefgen.draft.blocks import BULLET, PARAGRAPH, Block
from briefgen.draft.find import markers
from briefgen.draft.furniture import without_furniture
from briefgen.draft.gradings import carried_over_year, section_grading, stated_gradings
from briefgen.draft.names import Part
from briefgen.draft.readers import read_report
from briefgen.frameworks import BUILTIN, load_framework

from ...draft_accuracy import REAL


def blocks_of(name: str) -> list[Block]:
    return without_furniture(read_report(REAL / f"{name}.txt"))


def truth_of(name: str) -> dict:
    return yaml.safe_load((REAL / f"{name}.truth.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", ["west-yorkshire-peel-2018-19", "surrey-fire-2018-19"])
def test_every_grading_stated_is_the_reports_and_says_where_it_was_read(name):
    truth = truth_of(name)
    framework = load_framework(BUILTIN / f"{truth['framework']}.yaml")
    blocks = blocks_of(name)
    stated = stated_gradings(blocks, framework)
    assert len(stated) >= 6
    texts = " ".join(b.text for b in blocks)
    carried = truth["gradings"].get("carried_over", {})
    for part, said in stated.items():
        assert said.part == part
        assert said.grade == truth["gradings"][f"{part.kind}s"][part.key], part
        assert said.said.strip(" .") in texts or "…" in said.said
        if part.kind == "element":
            assert said.carried_from == carried.get(part.key), part


def test_sentences_of_every_kind_are_read():
    stated = stated_gradings(
        blocks_of("west-yorkshire-peel-2018-19"), load_framework(BUILTIN / "peel-2018-19.yaml")
    )
    efficiency = stated[Part("pillar", "efficiency")]  # "the extent to which … is outstanding"
    assert (efficiency.grade, efficiency.rank) == ("Outstanding", 1)
    planning = stated[Part("element", "planning-for-the-future")]
    assert planning.said == "The force is outstanding at planning for the future."
    earlier = stated[Part("element", "serious-and-organised-crime")]  # "In 2016, we judged it…"
    assert (earlier.grade, earlier.carried_from, earlier.rank) == ("Good", 2016, 2)


def test_what_is_not_a_grading_of_a_part_grades_nothing():
    stated = stated_gradings(
        blocks_of("surrey-fire-2018-19"), load_framework(BUILTIN / "fire-2018-19.yaml")
    )
    # "The service must improve the way it protects the public through fire regulation."
    assert Part("element", "protection") not in stated
    # "It collects and uses risk information in a good way, generally."
    assert Part("element", "understanding-risk") not in stated


def test_a_list_grades_each_area_under_its_lead_in():
    peel = load_framework(BUILTIN / "peel-2018-19.yaml")
    blocks = [
        Block(PARAGRAPH, "In 2017, we assessed the force as good at:"),
        Block(BULLET, "preventing crime and tackling anti-social behaviour; and"),
        Block(BULLET, "investigating crime."),
        Block(PARAGRAPH, "Good"),
        Block(BULLET, "Planning for the future"),
    ]
    stated = stated_gradings(blocks, peel)
    assert {(p.key, s.grade, s.carried_from, s.rank) for p, s in stated.items()} == {
        ("preventing-crime", "Good", 2017, 0),
        ("investigating-crime", "Good", 2017, 0),
        ("planning-for-the-future", "Good", None, 0),
    }
    assert stated[Part("element", "investigating-crime")].said == (
        "In 2017, we assessed the force as good at: … investigating crime."
    )


def test_a_report_of_two_minds_about_a_part_grades_it_nothing():
    peel = load_framework(BUILTIN / "peel-2018-19.yaml")
    blocks = [
        Block(PARAGRAPH, "The force is good at investigating crime."),
        Block(PARAGRAPH, "The force requires improvement at investigating crime."),
    ]
    assert stated_gradings(blocks, peel) == {}


def test_a_sentence_under_an_elements_heading_grades_it():
    truth = truth_of("essex-peel-2016")
    framework = load_framework(BUILTIN / f"{truth['framework']}.yaml")
    blocks = blocks_of("essex-peel-2016")
    found = markers(blocks, framework)
    starts = [i for i, (start, kind, key) in enumerate(found) if key == "preventing-crime"]
    start = found[starts[0]][0]
    end = found[starts[0] + 1][0] if starts[0] + 1 < len(found) else len(blocks)
    said = section_grading(blocks[start:end], framework, "preventing-crime")
    assert said is not None
    assert said.grade == truth["gradings"]["elements"]["preventing-crime"] == "Good"
    assert said.said == (
        "Essex Police is good at preventing crime, tackling anti-social behaviour and keeping "
        "people safe."
    )
    assert section_grading(blocks[start:end], framework, "investigating-crime") is None


def test_a_judgment_carried_over_gives_its_year():
    blocks = blocks_of("west-yorkshire-peel-2018-19")
    assert carried_over_year(blocks) == 2017
    assert carried_over_year(blocks_of("surrey-fire-2018-19")) is None
