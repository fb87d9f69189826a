"""Every framework file is valid data; PEEL 2018/19 is as HMICFRS defined it."""

import pytest

from briefgen import frameworks
from briefgen.inputs import load_yaml
from briefgen.validate import load_framework, schema_problems


@pytest.mark.parametrize("key", sorted(frameworks.available()))
def test_framework_file_is_valid(key):
    path = frameworks.available()[key]
    doc = load_yaml(path)
    assert schema_problems(doc, "framework") == []
    assert doc.data["key"] == key == path.stem
    framework = load_framework(path)
    element_keys = [e.key for e in framework.elements]
    assert len(element_keys) == len(set(element_keys)), "element keys must be unique"


def test_peel_2018_19():
    framework = load_framework(frameworks.available()["peel-2018-19"])
    assert [p.name for p in framework.pillars] == ["Effectiveness", "Efficiency", "Legitimacy"]
    assert [len(p.elements) for p in framework.pillars] == [5, 2, 3]
    assert [g.label for g in framework.scale] == [
        "Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert framework.ungraded.label == "Ungraded"
    ungraded = [e.name for e in framework.elements if not e.graded]
    assert ungraded == ["Armed response capability"]
    assert len(framework.aims) == 3
