"""Every framework file is valid data; PEEL 2018/19 is as HMICFRS defined it."""

import pytest

from briefgen import frameworks
from briefgen.frameworks import load_framework
from briefgen.inputs import load_yaml
from briefgen.schema import schema_problems


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
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
    ]
    assert framework.ungraded.label == "Ungraded"
    ungraded = [e.name for e in framework.elements if not e.graded]
    assert ungraded == ["Armed response capability"]
    assert len(framework.aims) == 3


def test_every_continues_link_names_an_earlier_element():
    known = {key: load_framework(path) for key, path in frameworks.available().items()}
    elements = {f"{key}/{e.key}" for key, f in known.items() for e in f.elements}
    links = [
        (key, e.key, link) for key, f in known.items() for e in f.elements for link in e.continues
    ]
    assert len(links) > 30
    assert [link for link in links if link[2] not in elements] == []
    assert all(link[2].split("/")[0] != link[0] for link in links), "a link crosses years"


def test_five_point_frameworks_without_pillars():
    for key in ("peel-2021-22", "peel-2023-25"):
        framework = load_framework(frameworks.available()[key])
        assert [g.label for g in framework.scale] == [
            "Outstanding",
            "Good",
            "Adequate",
            "Requires improvement",
            "Inadequate",
        ]
        assert not framework.has_pillars and framework.graded_pillars == ()
        assert [e.key for e in framework.elements if not e.graded][0] == "victim-service-assessment"


def test_fire_and_rescue_frameworks():
    old = load_framework(frameworks.available()["fire-2018-19"])
    new = load_framework(frameworks.available()["fire-2023-25"])
    for framework in (old, new):
        assert [p.name for p in framework.pillars] == ["Effectiveness", "Efficiency", "People"]
        assert len(framework.elements) == 11
    assert len(old.graded_pillars) == 3 and new.graded_pillars == ()
    assert len(new.scale) == 5 and len(old.scale) == 4


def test_peel_2016_efficiency_and_its_continuation_in_2018_19():
    old = load_framework(frameworks.available()["peel-2016"])
    efficiency = next(p for p in old.pillars if p.key == "efficiency")
    assert [e.key for e in efficiency.elements] == [
        "understanding-demand",
        "using-resources",
        "planning-for-demand",
    ]
    new = load_framework(frameworks.available()["peel-2018-19"])
    continues = {e.key: e.continues for e in new.elements}
    assert "peel-2016/using-resources" in continues["meeting-current-demands"]
    assert "peel-2016/planning-for-demand" in continues["planning-for-the-future"]


def test_a_framework_with_both_pillars_and_elements_is_refused(tmp_path):
    from briefgen.errors import InputError

    text = frameworks.available()["peel-2023-25"].read_text("utf-8")
    path = tmp_path / "peel-2023-25.yaml"
    path.write_text(
        text + "pillars:\n  - key: x\n    name: X\n    elements:\n      - {key: y, name: Y}\n",
        "utf-8",
    )
    with pytest.raises(InputError) as raised:
        load_framework(path)
    assert [p.message for p in raised.value.problems] == [
        "a framework has either pillars (each with its elements) or elements (with no "
        "pillars), not both and not neither"
    ]


def test_the_search_path_is_given_not_taken_from_the_environment(tmp_path, monkeypatch):
    own, theirs = tmp_path / "own", tmp_path / "theirs"
    own.mkdir()
    theirs.mkdir()
    builtin = (frameworks.BUILTIN / "peel-2018-19.yaml").read_text("utf-8")
    (own / "peel-2018-19.yaml").write_text(
        builtin.replace("name: PEEL 2018/19", "name: Our PEEL 2018/19"), "utf-8"
    )
    (theirs / "custody-2030.yaml").write_text("key: custody-2030\n", "utf-8")
    monkeypatch.setenv(frameworks.ENVIRONMENT_VARIABLE, str(theirs))
    # Given folders first, then the setting's, then briefgen's own.
    path = frameworks.search_path([own], {frameworks.ENVIRONMENT_VARIABLE: str(theirs)})
    assert path == (own.resolve(), theirs, frameworks.BUILTIN)
    found = frameworks.available(path)
    assert found["peel-2018-19"] == own / "peel-2018-19.yaml"  # a user's file wins
    assert found["custody-2030"] == theirs / "custody-2030.yaml"
    assert load_framework(found["peel-2018-19"]).name == "Our PEEL 2018/19"
    # An explicit path is all that is searched, whatever the environment says.
    assert "custody-2030" not in frameworks.available([frameworks.BUILTIN])
    assert frameworks.search_path([], {}) == (frameworks.BUILTIN,)


def test_a_framework_file_is_loaded_again_only_when_it_changes(tmp_path):
    path = tmp_path / "peel-2018-19.yaml"
    text = (frameworks.BUILTIN / "peel-2018-19.yaml").read_text("utf-8")
    path.write_text(text, "utf-8")
    first = load_framework(path)
    assert load_framework(path) is first
    path.write_text(text.replace("name: PEEL 2018/19", "name: PEEL 2018-19 (edited)"), "utf-8")
    assert load_framework(path).name == "PEEL 2018-19 (edited)"
