"""The benchmark's synthetic inputs are valid assessments (no timing here: see benchmarks/)."""

from __future__ import annotations

import sys

from ..helpers import ROOT, check_assessment

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402


def test_synthetic_forces_and_wide_assessments_are_valid(tmp_path):
    forces = synthetic.write_forces(tmp_path / "forces", 3)
    assert check_assessment(forces[2])[1] == []
    assert len({(f / "assessment.yaml").read_text() for f in forces}) == 3
    framework = synthetic.write_framework(tmp_path / "frameworks", 12)
    wide = synthetic.write_wide(tmp_path / "wide", framework)
    assessment, problems = check_assessment(wide, [tmp_path / "frameworks"])
    assert problems == [] and assessment is not None
    assert len(synthetic.grid_data(wide, [tmp_path / "frameworks"])["pillars"][0]["elements"]) == 12
