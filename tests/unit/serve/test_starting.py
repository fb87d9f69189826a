"""serve/starting.py: the home page's list of assessments with their state, and the folder a
new or drafted assessment goes in: a plain new name inside the folder served."""

from __future__ import annotations

import asyncio

import lxml.html
import pytest

from briefgen.serve import library
from briefgen.serve.site import Site
from briefgen.serve.starting import folder_for, home

from .conftest import MET


def test_home_lists_each_assessment_with_its_state(served, request_to):
    element = served.assessment(MET) / library.element_file("investigating-crime")
    element.write_text(element.read_text("utf-8").replace("Requires improvement", "Fine"))
    answer = asyncio.run(home(request_to(served)))
    assert answer.status_code == 200
    rows = [
        [" ".join(cell.text_content().split()) for cell in row.iter("td", "th")]
        for row in lxml.html.fromstring(bytes(answer.body)).iter("tr")
    ]
    met = next(row for row in rows if MET in row[0])
    assert "Metropolitan Police Service" in met and "peel-2018-19" in met
    assert "1 problem" in met
    earlier = next(row for row in rows if "metropolitan-2016-efficiency" in row[0])
    assert "ready" in earlier


def test_a_new_folder_is_a_plain_name_inside_the_folder_served(tmp_path):
    here = Site(tmp_path / "not-yet", "t", ())
    try:
        assert folder_for(here, "kent-2023-25") == tmp_path / "not-yet" / "kent-2023-25"
        assert here.folder.is_dir() and not (here.folder / "kent-2023-25").exists()
    finally:
        here.work.rmdir()


@pytest.mark.parametrize(
    "name", ["../escape", "Kent", "kent_2023", "-kent", "", "kent/x", "/tmp/kent", "k" * 81]
)
def test_any_other_name_is_refused_in_plain_words(served, name):
    with pytest.raises(ValueError, match="may hold only small letters, digits and hyphens"):
        folder_for(served, name)


def test_a_folder_already_there_is_never_written_over(served):
    with pytest.raises(ValueError, match=f"there is already a folder {MET} here"):
        folder_for(served, MET)
