"""Synthetic assessments for the benchmarks, made from the Met's own example.

Each synthetic force has the Met's PEEL 2018/19 structure (its ten element files, each with as
many comments and findings as the Met's), filled with the Met's own sentences shuffled with a
fixed seed, so that text length is realistic and every run writes the same bytes. For 100 and
1,000 elements a synthetic framework without pillars is written beside them, its elements
repeating the Met's ten in turn.

``grid_data()`` turns a folder into the JSON the docxtemplater peer renders (benchmarks/node).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MET = ROOT / "inputs" / "metropolitan-2018-19"
BUILTIN_FRAMEWORKS = ROOT / "src" / "briefgen" / "frameworks"
FINDINGS = ("causes_of_concern", "recommendations", "areas_for_improvement")
BULLETS = ("comments", *FINDINGS)
SEED = 20190927
PLACES = (
    "Avon",
    "Bedford",
    "Cambridge",
    "Cheshire",
    "Cleveland",
    "Cumbria",
    "Derby",
    "Devon",
    "Dorset",
    "Durham",
    "Dyfed",
    "Essex",
    "Gloucester",
    "Gwent",
    "Hampshire",
    "Hertford",
    "Humber",
    "Kent",
    "Lancaster",
    "Leicester",
    "Lincoln",
    "Mersey",
    "Norfolk",
    "Northampton",
    "Northumbria",
    "Nottingham",
    "Severn",
    "Stafford",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames",
    "Warwick",
    "Wessex",
    "Wiltshire",
    "York",
    "Bristol",
    "Chester",
    "Exeter",
    "Oxford",
    "Reading",
    "Salisbury",
    "Truro",
)


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text("utf-8"))


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), "utf-8")


def _text(bullet: Any) -> str:
    """A bullet as one line of text (its nested items after a colon)."""
    if isinstance(bullet, str):
        return bullet
    return " ".join([bullet["text"], "; ".join(bullet.get("items", []))]).strip()


def met_elements() -> list[dict[str, Any]]:
    """The Met's element files, in file-name order."""
    return [_load(f) for f in sorted((MET / "elements").glob("*.yaml"))]


def sentence_pools() -> dict[str, list[str]]:
    """The Met's comments, and its findings (of every kind), as written (a finding may have
    nested items)."""
    pools: dict[str, list[str]] = {"comments": [], "findings": []}
    for element in met_elements():
        for kind in BULLETS:
            pool = pools["comments" if kind == "comments" else "findings"]
            pool.extend(element.get(kind, []))
    return pools


def _fill(
    profile: dict[str, Any], rng: random.Random, pools: dict[str, list[str]]
) -> dict[str, Any]:
    """An element's bullets: as many of each kind as ``profile`` has, drawn from the pools."""
    out = {}
    for kind in BULLETS:
        if profile.get(kind):
            pool = pools["comments" if kind == "comments" else "findings"]
            out[kind] = rng.sample(pool, len(profile[kind]))
    return out


def write_force(folder: Path, index: int) -> Path:
    """Synthetic force ``index``: the Met's PEEL 2018/19 shape with shuffled Met text."""
    rng = random.Random(SEED + index)
    pools = sentence_pools()
    place = PLACES[index % len(PLACES)] + ("" if index < len(PLACES) else f" {index}")
    head = _load(MET / "assessment.yaml")
    head.pop("previous", None)  # self-contained: no earlier inspection to compare with
    head["force"] = f"{place} Constabulary"
    head["force_short_name"] = f"{place} Constabulary"
    head["force_informal_name"] = place
    _dump(folder / "assessment.yaml", head)
    for element in met_elements():
        data = {"element": element["element"]}
        if "grading" in element:
            data["grading"] = element["grading"]
        data.update(_fill(element, rng, pools))
        _dump(folder / "elements" / f"{element['element']}.yaml", data)
    return folder


def write_forces(parent: Path, count: int = 43) -> list[Path]:
    """``count`` synthetic forces, ``parent/force-01`` …, with distinct force names."""
    return [write_force(parent / f"force-{i + 1:02d}", i) for i in range(count)]


def write_framework(folder: Path, elements: int) -> Path:
    """A framework without pillars of ``elements`` elements (the Met's ten, repeated)."""
    base = _load(BUILTIN_FRAMEWORKS / "peel-2021-22.yaml")
    names = [
        e["name"]
        for p in _load(BUILTIN_FRAMEWORKS / "peel-2018-19.yaml")["pillars"]
        for e in p["elements"]
    ]
    profiles = met_elements()
    key = f"bench-{elements}"
    data = {
        k: base[k]
        for k in (
            "name",
            "inspectorate",
            "inspectorate_name",
            "assessment",
            "assessment_long",
            "source",
            "about",
            "scale",
            "ungraded",
        )
    }
    data = {"key": key, **data, "name": f"Benchmark framework of {elements} elements"}
    data["elements"] = []
    for i in range(elements):
        element = {"key": f"area-{i + 1:04d}", "name": f"{names[i % len(names)]} ({i + 1})"}
        if "grading" not in profiles[i % len(profiles)]:
            element["graded"] = False
        data["elements"].append(element)
    _dump(folder / f"{key}.yaml", data)
    return folder / f"{key}.yaml"


def write_wide(folder: Path, framework: Path) -> Path:
    """An assessment under the synthetic ``framework``: element i has the bullets of the Met's
    element i mod 10, with shuffled Met text, and a grading on the framework's scale."""
    fw = _load(framework)
    rng = random.Random(SEED)
    pools = sentence_pools()
    profiles = met_elements()
    _dump(
        folder / "assessment.yaml",
        {
            "framework": fw["key"],
            "force": "Wide Benchmark Constabulary",
            "published": "2022-09-01",
            "source": "https://www.justiceinspectorates.gov.uk/hmicfrs/benchmark/",
        },
    )
    scale = [g["label"] for g in fw["scale"]]
    for i, element in enumerate(fw["elements"]):
        data: dict[str, Any] = {"element": element["key"]}
        if element.get("graded", True):
            data["grading"] = scale[i % len(scale)]
        data.update(_fill(profiles[i % len(profiles)], rng, pools))
        _dump(folder / "elements" / f"{element['key']}.yaml", data)
    return folder


def count_bullets(folder: Path) -> int:
    """Bullets in a folder's element files (nested items counted too)."""
    total = 0
    for file in (folder / "elements").glob("*.yaml"):
        element = _load(file)
        for kind in BULLETS:
            for bullet in element.get(kind, []):
                total += 1 + (0 if isinstance(bullet, str) else len(bullet.get("items", [])))
    return total


def grid_data(folder: Path, framework_dirs: list[Path] = ()) -> dict[str, Any]:
    """The summary grid's data for the docxtemplater peer: a title and, per pillar (or one
    band for a framework without pillars), one row per element."""
    head = _load(folder / "assessment.yaml")
    for where in (*framework_dirs, BUILTIN_FRAMEWORKS):
        if (where / f"{head['framework']}.yaml").is_file():
            fw = _load(where / f"{head['framework']}.yaml")
            break
    else:
        raise FileNotFoundError(head["framework"])
    files = {f.stem: _load(f) for f in (folder / "elements").glob("*.yaml")}
    pillars = fw.get("pillars") or [{"key": None, "name": fw["name"], "elements": fw["elements"]}]
    gradings = head.get("pillars", {})
    bands = []
    for pillar in pillars:
        band = pillar["name"]
        if pillar["key"] in gradings:
            band += f": Overall grading – {gradings[pillar['key']].lower()}"
        rows = []
        for definition in pillar["elements"]:
            element = files.get(definition["key"], {})
            rows.append(
                {
                    "name": definition["name"],
                    "grading": element.get("grading", fw["ungraded"]["label"]),
                    "comments": [_text(b) for b in element.get("comments", [])],
                    "improvements": [_text(b) for kind in FINDINGS for b in element.get(kind, [])],
                }
            )
        bands.append({"band": band, "elements": rows})
    return {
        "title": f"HMICFRS {fw['assessment']} of {head.get('force_short_name', head['force'])}"
        " - summary",
        "pillars": bands,
    }
