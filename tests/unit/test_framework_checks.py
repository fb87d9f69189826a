"""framework_checks.py: each rule of an assessment against its framework, a function of the
files read and the framework, giving what it finds and the problems, located and worded."""

from __future__ import annotations

from briefgen import frameworks
from briefgen.framework_checks import (
    NOT_INSPECTED,
    as_covered,
    as_grouped,
    element_grade,
    elements,
    framework_for,
    pillar_grades,
)
from briefgen.inputs import YamlFile, parse_yaml
from briefgen.model import Framework

SEARCH = frameworks.search_path(())


def head(text: str) -> YamlFile:
    return parse_yaml(text.encode("utf-8"), "assessment.yaml")


def element_file(name: str, text: str) -> YamlFile:
    return parse_yaml(text.encode("utf-8"), f"elements/{name}.yaml")


def framework(key: str) -> Framework:
    found, problems = framework_for(head(f"framework: {key}\n"), SEARCH)
    assert problems == [] and found is not None
    return found


def said(problems) -> list[str]:
    return [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in problems]


def test_the_framework_is_found_by_its_key_or_told_with_the_closest():
    assert framework("peel-2018-19").name == "PEEL 2018/19"
    found, problems = framework_for(head("framework: peel-2018-91\n"), SEARCH)
    assert found is None
    assert said(problems) == [
        "assessment.yaml:1:12: framework: unknown framework 'peel-2018-91'; did you mean "
        "'peel-2018-19'?; known frameworks: " + ", ".join(frameworks.available(SEARCH))
    ]
    assert framework_for(head("framework: [a list]\n"), SEARCH) == (None, [])  # the schema's


def test_covers_narrows_the_framework_to_its_pillars():
    peel_2016 = framework("peel-2016")
    narrowed, problems = as_covered(head("covers: [efficiency]\n"), peel_2016)
    assert problems == [] and [p.key for p in narrowed.pillars] == ["efficiency"]
    assert as_covered(head("force: X\n"), peel_2016) == (peel_2016, [])
    _, problems = as_covered(head("covers: [eficiency]\n"), peel_2016)
    assert said(problems) == [
        "assessment.yaml:1:10: covers, entry 1: PEEL 2016 has no pillar 'eficiency'; did you "
        "mean 'efficiency'?; its pillars are: effectiveness, efficiency, legitimacy, leadership"
    ]


def test_groups_become_named_ungraded_pillars_each_area_once():
    peel_2023 = framework("peel-2023-25")
    keys = [e.key for e in peel_2023.elements]
    grouped, problems = as_grouped(
        head(
            f"groups:\n  - name: First\n    elements: [{', '.join(keys[:2])}]\n"
            f"  - name: Rest\n    elements: [{', '.join(keys[2:])}]\n"
        ),
        peel_2023,
    )
    assert problems == []
    assert [(p.name, p.graded, len(p.elements)) for p in grouped.pillars] == [
        ("First", False, 2),
        ("Rest", False, len(keys) - 2),
    ]
    unchanged, problems = as_grouped(
        head(f"groups:\n  - name: Some\n    elements: [{', '.join(keys[1:])}]\n"), peel_2023
    )
    assert unchanged is peel_2023
    assert said(problems) == [
        f"assessment.yaml:1:1: groups: leaves out {keys[0]}; list every area of PEEL 2023–25 once"
    ]


def test_each_element_once_named_as_its_file_and_every_element_there():
    peel = framework("peel-2018-19")
    doc = element_file("crime", "element: investigating-crime\ngrading: Good\n")
    found, problems = elements(head("framework: peel-2018-19\n"), peel, [doc], {"crime"})
    assert (
        list(found) == ["investigating-crime"] and found["investigating-crime"][1].label == "Good"
    )
    assert said(problems)[0] == (
        "elements/crime.yaml:1:10: element: 'investigating-crime' does not match the file name "
        "'crime'; name the file investigating-crime.yaml"
    )
    assert said(problems)[1].startswith(
        "assessment.yaml:1:12: framework: PEEL 2018/19 has the element 'preventing-crime' "
        "(Preventing crime and tackling anti-social behaviour), but there is no "
        "elements/preventing-crime.yaml; write it, or,"
    )
    assert len(problems) == 1 + len(peel.elements) - 1
    _, problems = elements(head("framework: peel-2018-19\n"), peel, [], None)
    assert problems == []  # no elements folder: told once, where the folder is read


def test_an_element_is_graded_on_the_scale_or_not_inspected():
    peel = framework("peel-2018-19")
    crime = next(e for e in peel.elements if e.key == "investigating-crime")
    grade, problems = element_grade(
        element_file(crime.key, "element: investigating-crime\ngrading: requires improvment\n"),
        crime,
        peel,
    )
    assert grade is None
    assert said(problems) == [
        "elements/investigating-crime.yaml:2:10: grading: 'requires improvment' is not a grading "
        "of PEEL 2018/19; did you mean 'Requires improvement'?; allowed: Outstanding, Good, "
        "Requires improvement, Inadequate"
    ]
    grade, problems = element_grade(
        element_file(crime.key, "element: investigating-crime\nnot_inspected: true\n"), crime, peel
    )
    assert problems == [] and grade is not None and grade.label == NOT_INSPECTED


def test_each_graded_pillar_has_its_overall_grading():
    peel = framework("peel-2018-19")
    grades, problems = pillar_grades(
        head("pillars: {effectiveness: Good, efficency: Good}\n"), peel
    )
    assert list(grades) == ["effectiveness"] and grades["effectiveness"].label == "Good"
    assert said(problems) == [
        "assessment.yaml:1:32: pillars.efficency: PEEL 2018/19 has no pillar 'efficency'; did you "
        "mean 'efficiency'?; its pillars are: effectiveness, efficiency, legitimacy",
        "assessment.yaml:1:1: pillars: no overall grading for efficiency, legitimacy; "
        "PEEL 2018/19 grades each of its pillars: effectiveness, efficiency, legitimacy",
    ]
