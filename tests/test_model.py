from briefgen.model import Bullet


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
    ethical = next(e for e in met_assessment.elements
                   if e.key == "ethical-and-lawful-workforce-behaviour")
    last = ethical.areas_for_improvement[-1]
    assert last.text == "The force should ensure it:"
    assert len(last.items) == 3
    assert all(isinstance(item, Bullet) and not item.items for item in last.items)
