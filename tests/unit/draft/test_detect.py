"""draft/detect.py: the framework, the force and the dates a report gives, or what it lacks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefgen.draft.blocks import HEADING, PARAGRAPH, Block
from briefgen.draft.detect import (
    force_of,
    framework_of,
    load_frameworks,
    published_of,
    source_of,
)
from briefgen.errors import DraftError

from ...draft_accuracy import truths

REPORT = Path("report.txt")
KNOWN = load_frameworks()


def blocks(*texts: str) -> list[Block]:
    return [Block(HEADING if len(t) < 40 else PARAGRAPH, t, 1) for t in texts]


def test_the_framework_whose_parts_the_report_names_and_whose_years_its_title_gives():
    report = blocks(
        "PEEL 2018/19",
        "Effectiveness",
        "Investigating crime",
        "Protecting vulnerable people",
        "Efficiency",
        "Legitimacy",
    )
    assert framework_of(report, KNOWN, REPORT).key == "peel-2018-19"


def test_a_report_naming_too_few_parts_asks_for_the_framework():
    with pytest.raises(
        DraftError,
        match=r"report.txt: cannot tell which inspection framework.*"
        r"give the framework with --framework KEY",
    ):
        framework_of(blocks("Minutes", "Apologies"), KNOWN, REPORT)


def test_the_force_from_the_title():
    titled = blocks("PEEL: An inspection of the Metropolitan Police Service.")
    assert force_of(titled) == "Metropolitan Police Service"
    named = blocks(
        "Kent PEEL 2018/19", "Kent Police is good at keeping people safe and works well."
    )
    assert force_of(named) == "Kent Police"
    assert force_of(blocks("Minutes of the meeting")) is None  # left "to be completed"


def test_the_date_published_and_the_web_address():
    report = blocks(
        "Published on: 27 September 2019",
        "Last updated 01/10/2019",
        "Available at: https://www.justiceinspectorates.gov.uk/hmicfrs/peel/.",
    )
    assert published_of(report) == dt.date(2019, 9, 27)
    assert published_of(blocks("Last updated 01/10/2019")) == dt.date(2019, 10, 1)
    assert published_of(blocks("Published 31 Smarch 2019")) is None
    assert source_of(report) == "https://www.justiceinspectorates.gov.uk/hmicfrs/peel/"


def test_each_real_report_address_names_its_round():
    for truth in truths():  # tests/fixtures/reports/real/
        data = yaml.safe_load(truth.read_text("utf-8"))
        address = data["sources"][0]
        source = [Block(PARAGRAPH, f"Source: {address}")]
        assert framework_of(source, KNOWN, truth).key == data["framework"], address
