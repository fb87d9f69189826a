import pytest

from briefgen.model import Bullet, default_article


def test_framework_grade_matches_case_and_spacing(met_assessment):
    framework = met_assessment.framework
    assert framework.grade("requires  IMPROVEMENT").label == "Requires improvement"
    assert framework.grade("Good").shade == "C6E0B4"
    assert framework.grade("Requires improvment") is None


def test_elements_in_framework_order(met_assessment):
    keys = [e.key for e in met_assessment.elements]
    assert keys == [e.key for e in met_assessment.framework.elements]
    assert len(keys) == 10


def test_nested_bullet_is_kept(met_assessment):
    ethical = next(
        e for e in met_assessment.elements if e.key == "ethical-and-lawful-workforce-behaviour"
    )
    last = ethical.areas_for_improvement[-1]
    assert last.text == "The force should ensure it:"
    assert len(last.items) == 3
    assert all(isinstance(item, Bullet) and not item.items for item in last.items)


@pytest.mark.parametrize(
    ("force", "article"),
    [
        ("Metropolitan Police Service", "the"),
        ("Police Service of Northern Ireland", "the"),
        ("Devon and Somerset Fire and Rescue Service", "the"),
        ("Kent Police", "none"),
        ("Avon and Somerset Constabulary", "none"),
        ("Police Scotland", "none"),
        ("The Example Police Service", "none"),
    ],
)
def test_a_force_s_full_name_takes_the_article_a_service_takes(force, article):
    assert default_article(force) == article


def test_the_input_says_which_article_the_force_takes(met_copy):
    from briefgen.context import build_context

    from ..helpers import load_assessment

    assert build_context(load_assessment(met_copy))["force"]["name_in_text"] == (
        "the Metropolitan Police Service"
    )
    head = met_copy / "assessment.yaml"
    head.write_text(
        head.read_text("utf-8").replace(
            "force: Metropolitan Police Service\n",
            "force: Metropolitan Police Service\nforce_article: none\n",
        ),
        "utf-8",
    )
    assert build_context(load_assessment(met_copy))["force"]["name_in_text"] == (
        "Metropolitan Police Service"
    )
