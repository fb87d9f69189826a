"""briefgen: draft Word briefing papers on police inspections from validated YAML summaries.

The library's declared interface, the one both front ends (the ``briefgen`` command and
``briefgen serve``) call: each command is a function taking one options object, and every
error a caller can cause is a :class:`BriefgenError` kind. Importing ``briefgen`` loads none of
the rendering libraries: each function loads what it needs when it is called.

>>> import briefgen
>>> built = briefgen.build(briefgen.BuildOptions(["inputs/metropolitan-2018-19"]))
... # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    BriefgenError,
    DraftError,
    FileProblem,
    InputError,
    OptionError,
    PartlyBuilt,
    PdfError,
    Problem,
    TemplateProblem,
    TemplateProblems,
)
from .options import (
    DEFAULT_TEMPLATE,
    PAPER_FIELDS,
    BuildOptions,
    CheckOptions,
    DraftOptions,
    NewOptions,
)

if TYPE_CHECKING:
    from .build import Built
    from .draft import DraftResult
    from .model import Framework
    from .validate import Checked

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TEMPLATE",
    "PAPER_FIELDS",
    "BriefgenError",
    "BuildOptions",
    "CheckOptions",
    "DraftError",
    "DraftOptions",
    "FileProblem",
    "InputError",
    "NewOptions",
    "OptionError",
    "PartlyBuilt",
    "PdfError",
    "Problem",
    "TemplateProblem",
    "TemplateProblems",
    "__version__",
    "build",
    "builtin_templates",
    "check",
    "check_template",
    "copy_template",
    "draft",
    "framework",
    "list_frameworks",
    "new",
    "show",
    "write_schemas",
]


# --- build, check ---------------------------------------------------------------------------


def build(options: BuildOptions, progress: Callable[[int, int, Path], None] | None = None) -> Built:
    """Build every input of ``options`` with every template; the files written and the
    warnings. ``progress(done, total, folder)`` is told as each input is done.

    Raises OptionError, InputError, TemplateProblem(s), FileProblem, PdfError, or PartlyBuilt
    when some of several inputs failed (the others were written).
    """
    from .build import build as run

    return run(options, progress)


def check(folder: str | Path, options: CheckOptions | None = None) -> Checked:
    """Check the assessment ``folder`` (and the earlier ones it follows) without building:
    the model (None unless valid), every problem and every warning. ``Checked.fails(strict)``
    is the verdict (``options.strict`` is the caller's to pass). Raises OptionError for a
    frameworks folder that is not there."""
    from .frameworks import search_path
    from .validate import check as run

    options = options or CheckOptions()
    return run(folder, search_path(options.frameworks))


# --- starting an assessment -----------------------------------------------------------------


def draft(options: DraftOptions) -> DraftResult:
    """Draft an assessment folder from an inspection report; what was found and what is left
    to complete. Raises DraftError (a report that cannot be read or told, a folder that exists
    without ``overwrite``) or OptionError (a framework not known)."""
    from .draft import draft as run
    from .frameworks import search_path

    return run(
        options.report,
        options.folder,
        framework=options.framework,
        force=options.force,
        overwrite=options.overwrite,
        search=search_path(options.frameworks),
    )


def new(options: NewOptions) -> list[Path]:
    """Write a new assessment folder to fill in; the files written. Raises FileProblem (the
    folder exists) or OptionError (an empty force, a framework not known)."""
    from .frameworks import search_path
    from .scaffold import new_assessment

    return new_assessment(
        options.folder, options.framework, options.force, search_path(options.frameworks)
    )


# --- templates ------------------------------------------------------------------------------


def builtin_templates() -> dict[str, Path]:
    """Every built-in template: name → file."""
    from .templates import builtin_templates as found

    return found()


def check_template(template: str | Path) -> list[TemplateProblem]:
    """Every problem in a template (a built-in name or a .docx), checked without data; an
    empty list for a sound one. Raises TemplateProblem for one that cannot be found or
    opened."""
    from .template_check import check_template as run
    from .templates import find_template

    return run(find_template(str(template)))


def copy_template(name: str, dest: str | Path) -> Path:
    """An editable copy of the built-in template ``name`` at ``dest``, a new .docx file.
    Raises TemplateProblem (no such template) or FileProblem (``dest`` exists)."""
    from .build import copy_template as run

    return run(name, Path(dest))


# --- frameworks -----------------------------------------------------------------------------


def list_frameworks(folders: Sequence[str | Path] = ()) -> list[Framework]:
    """Every framework, in key order: those in ``folders`` (and ``BRIEFGEN_FRAMEWORKS``'s)
    first, then the built-in ones. Raises OptionError (a folder not there) or InputError (a
    framework file that is not valid)."""
    from .frameworks import available, load_framework, search_path

    return [
        load_framework(file) for file in available(search_path(Path(f) for f in folders)).values()
    ]


def framework(key: str, folders: Sequence[str | Path] = ()) -> Framework:
    """The framework ``key``; OptionError (with "did you mean") if there is none."""
    from .frameworks import named, search_path

    return named(key, search_path(Path(f) for f in folders))


def write_schemas(key: str, folder: str | Path, folders: Sequence[str | Path] = ()) -> list[Path]:
    """The JSON Schemas of the framework ``key`` for an editor, written into ``folder``."""
    from .editor_schema import write_schemas as run

    return run(framework(key, folders), Path(folder))


# --- documents ------------------------------------------------------------------------------


def show(docx: str | Path) -> dict[str, Any]:
    """A .docx read back as plain data: paragraphs, styles, lists, tables, sections."""
    from .docx_content import show as run

    return run(Path(docx))


class _Api(types.ModuleType):
    """The package, whose functions keep their names when a module of the same name loads.

    Python sets a submodule as an attribute of its package when it is first imported, so
    loading ``briefgen.build`` (the pipeline) or ``briefgen.draft`` (the drafting package)
    would replace the functions ``briefgen.build`` and ``briefgen.draft``; the functions stay.
    ``from briefgen.build import …`` and ``from briefgen.draft import …`` are unaffected.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and callable(self.__dict__.get(name)):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Api
