"""options.py: one options object per command, filled by a front end; what the library
refuses in them, in words that name the option as the command line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import OptionError
from briefgen.options import (
    DEFAULT_TEMPLATE,
    PAPER_FIELDS,
    BuildOptions,
    CheckOptions,
    DraftOptions,
    NewOptions,
    paper_option,
)

from ..helpers import MET, ROOT


def test_a_paper_field_is_named_as_its_option():
    assert [paper_option(name) for name in PAPER_FIELDS] == [
        "--committee",
        "--meeting-date",
        "--appendix",
        "--agenda-item",
    ]


def test_build_options_take_a_single_value_for_a_list_and_keep_the_docx_first():
    options = BuildOptions(str(MET), templates="summary-grid", formats="pdf", output="a.docx")
    assert options.inputs == (MET,) and options.templates == ("summary-grid",)
    assert options.formats == ("docx", "pdf") and options.pdf
    assert options.output == Path("a.docx") and options.paper == {}
    plain = BuildOptions([MET, str(MET)], templates=[], formats=["docx", "docx"])
    assert plain.inputs == (MET, MET) and plain.templates == (DEFAULT_TEMPLATE,)
    assert plain.formats == ("docx",) and not plain.pdf
    assert plain.replace(strict=True).strict and not plain.strict


def test_checked_build_options_open_a_folder_of_assessments():
    checked = BuildOptions(ROOT / "inputs", paper={"committee": "Police and Crime"}).checked()
    assert MET in checked.inputs and len(checked.inputs) > 1
    assert checked.paper == {"committee": "Police and Crime"}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"jobs": 0}, "--jobs must be 1 or more"),
        ({"paper": {"chair": "x"}}, "paper field 'chair' is not one of committee, meeting_date"),
        ({"paper": {"committee": "  "}}, "--committee is empty"),
        ({"paper": {"appendix": "Appendix 2"}}, "--appendix: 'Appendix 2' is not a number"),
        ({"paper": {"agenda_item": "12345678901"}}, "--agenda-item: '12345678901' is not a"),
        ({"paper": {"committee": "Police\x07"}}, "--committee: character 7 is U+0007"),
        (
            {"output": "one.docx", "templates": ("briefing", "summary-grid")},
            "-o/--output names one file: leave it out",
        ),
        ({"formats": ("pdf", "odt")}, "output format 'odt' is not known"),
    ],
)
def test_what_cannot_be_done_is_refused_naming_the_option(changes, message):
    with pytest.raises(OptionError) as refused:
        BuildOptions(MET, **changes).checked()
    assert str(refused.value).startswith(message)


def test_the_other_commands_options_take_paths_as_given():
    assert CheckOptions(frameworks="mine").frameworks == (Path("mine"),)
    assert not CheckOptions().strict and CheckOptions().frameworks == ()
    address = "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/"
    drafted = DraftOptions(address, "met", frameworks=["a", Path("b")])
    assert drafted.report == address and drafted.folder == Path("met")
    assert drafted.frameworks == (Path("a"), Path("b")) and not drafted.overwrite
    new = NewOptions("kent", "peel-2023-25", "Kent Police")
    assert (new.folder, new.framework, new.force, new.frameworks) == (
        Path("kent"),
        "peel-2023-25",
        "Kent Police",
        (),
    )
