"""The catalogue of templates: where the built-in templates are, finding one by name or path,
and what each is for.

The environment every template renders in (sandboxed Jinja and the filters) is
``environment.py``; a template is opened and filled in by ``docx_template.py``.
"""

from __future__ import annotations

from pathlib import Path

from .errors import TemplateProblem

_REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def templates_dir() -> Path:
    """The built-in templates: inside the installed package, or the checkout's templates/."""
    return _PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir() else _REPO_TEMPLATES


def builtin_templates() -> dict[str, Path]:
    """Template name → file, for every built-in template."""
    return {
        p.stem: p
        for p in sorted(templates_dir().glob("*.docx"))
        if not p.name.startswith(("~$", "."))
    }


#: The folder, among the built-in templates, of the built-in cover reports (for --into).
COVERS_FOLDER = "covers"


def builtin_covers() -> dict[str, Path]:
    """Cover report name → file, for every built-in cover report (a document for ``--into``
    that says ``{{p briefing }}`` where the briefing goes)."""
    folder = templates_dir() / COVERS_FOLDER
    return {p.stem: p for p in sorted(folder.glob("*.docx")) if not p.name.startswith(("~$", "."))}


def find_cover(name_or_path: str | Path) -> Path:
    """A built-in cover report by name, or any .docx by path (as given: the build checks it)."""
    covers = builtin_covers()
    if str(name_or_path) in covers and not Path(name_or_path).exists():
        return covers[str(name_or_path)]
    return Path(name_or_path)


def template_description(path: Path) -> str:
    """A template's one-line description: its document properties' comments."""
    import docx  # python-docx, only when a description is asked for

    return docx.Document(str(path)).core_properties.comments or ""


def find_template(name_or_path: str, covers: bool = False) -> Path:
    """A built-in template by name, or any .docx by path; with ``covers``, a built-in cover
    report by name too (a cover named where a template is wanted is told how to use it)."""
    builtin = builtin_templates()
    if name_or_path in builtin:
        return builtin[name_or_path]
    path = Path(name_or_path)
    if path.suffix.lower() == ".docx" and path.is_file():
        return path
    if name_or_path in builtin_covers():
        if covers:
            return builtin_covers()[name_or_path]
        raise TemplateProblem(
            name_or_path,
            "is a cover report, not a template: put the "
            f"briefing into it with --into {name_or_path}, or "
            "into your own copy of it (briefgen templates copy "
            f"{name_or_path} my-cover.docx)",
        )
    known = ", ".join(builtin)
    raise TemplateProblem(
        name_or_path,
        f"no such template; give a .docx file or one of the built-in templates: {known}",
    )
