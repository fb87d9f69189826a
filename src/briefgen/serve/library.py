"""The one place the server calls the library: every rule it shows is the library's.

The server adds no rule of its own: it checks with the library's checks, drafts and starts
folders with its ``draft`` and ``new``, builds with its ``build``, and shows the grid from the
template context the .docx is made from. Everything it needs from briefgen comes through here,
from the declared API (``briefgen.__all__``) where the API has it. Not in the API yet, and so
named here alone: the template context and the grid's filters, an element's lists of bullets,
one file's schema check (and whether a message asks for a value still to be completed), the
to-be-completed marker, the atomic writer and the sweep of what a killed writer left, where
LibreOffice is, and ``display_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import briefgen
from briefgen import (
    DEFAULT_TEMPLATE,
    BriefgenError,
    BuildOptions,
    DraftOptions,
    NewOptions,
    Problem,
)

from ..assessment_folder import (
    ASSESSMENT_FILE,
    ELEMENTS_FOLDER,
    TO_BE_COMPLETED,
    element_file,
    is_to_be_completed,
)
from ..context import build_context
from ..environment import grading_label, lower_grading, month_year, upper_first
from ..errors import display_path
from ..model import BULLET_FIELDS, Assessment, Framework
from ..output_formats import document_name, media_type
from ..outputs import sweep as sweep_leftovers
from ..outputs import write_atomically, writer_gone
from ..schema import check_file, says_still_to_complete
from ..validate import Checked

__all__ = [
    "ASSESSMENT_FILE",
    "BULLET_FIELDS",
    "DEFAULT_TEMPLATE",
    "ELEMENTS_FOLDER",
    "TO_BE_COMPLETED",
    "element_file",
    "Assessment",
    "BriefgenError",
    "Framework",
    "Problem",
    "FILTERS",
    "build_docx",
    "builtin_templates",
    "check_folder",
    "check_template",
    "display_path",
    "document_name",
    "draft_folder",
    "file_problems",
    "framework_named",
    "frameworks",
    "framework_names",
    "is_to_be_completed",
    "media_type",
    "new_folder",
    "says_still_to_complete",
    "soffice_found",
    "sweep_leftovers",
    "template_context",
    "write_atomically",
    "writer_gone",
]

#: The filters the grid's cells use, the very functions the .docx templates use.
FILTERS = {
    "grading_label": grading_label,
    "lower_grading": lower_grading,
    "month_year": month_year,
    "upper_first": upper_first,
}


def check_folder(folder: Path) -> Checked:
    """The library's ``validate`` of ``folder``: the model (when valid), every problem and
    every warning."""
    return briefgen.check(folder)


def file_problems(path: Path, kind: str) -> list[Problem]:
    """What the schema (and YAML) refuse in one file: ``kind`` is "assessment" or "element"."""
    return check_file(path, kind)[1]


def template_context(assessment: Assessment) -> dict[str, Any]:
    """The template context the .docx is made from."""
    return build_context(assessment)


def frameworks() -> list[Framework]:
    """Every framework, as ``briefgen frameworks`` lists them."""
    return briefgen.list_frameworks()


def framework_names() -> dict[str, str]:
    """Every framework's key and name, as ``briefgen frameworks`` lists them."""
    return {f.key: f.name for f in frameworks()}


def framework_named(key: str) -> Framework:
    """The framework ``key`` (raises a BriefgenError naming the known ones)."""
    return briefgen.framework(key)


def new_folder(folder: Path, framework: str, force: str) -> list[Path]:
    """``briefgen new``: an assessment folder to fill in."""
    return briefgen.new(NewOptions(folder, framework, force))


def draft_folder(report: Path, folder: Path) -> list[str]:
    """``briefgen draft``: the folder drafted from ``report``; what it found, a line each."""
    return briefgen.draft(DraftOptions(report, folder)).summary()


def builtin_templates() -> dict[str, Path]:
    """The built-in templates by name."""
    return briefgen.builtin_templates()


def check_template(path: Path) -> list[str]:
    """``briefgen templates check``: every problem of the template, in its words."""
    return [str(problem) for problem in briefgen.check_template(path)]


def build_docx(folder: Path, template: Path | str, output: Path, pdf: bool) -> list[Path]:
    """``briefgen build FOLDER -t TEMPLATE -o OUTPUT [--pdf]``: the files written."""
    formats = ("docx", "pdf") if pdf else ("docx",)
    options = BuildOptions((folder,), (str(template),), output, formats)
    return list(briefgen.build(options).written)


def soffice_found() -> bool:
    """Whether LibreOffice (or Word) is there to make PDFs."""
    from ..pdf import find_soffice

    try:
        find_soffice(None)
    except BriefgenError:
        return False
    return True
