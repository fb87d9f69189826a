"""A Word document is checked before it is opened: zip bombs and entity tricks are refused."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.docx_package import MAX_TOTAL_BYTES, package_problem
from briefgen.templates import builtin_templates

from ..helpers import MET


def rezip(path: Path, change=None, extra: dict[str, int] | None = None) -> Path:
    """The summary grid template rewritten to ``path``, its parts passed through ``change``
    and ``extra`` parts of that many zero bytes added."""
    with (
        zipfile.ZipFile(builtin_templates()["summary-grid"]) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(item.filename, data) if change else data)
        for name, size in (extra or {}).items():
            with zout.open(name, "w") as stream:
                for _ in range(size // (1 << 20)):
                    stream.write(bytes(1 << 20))
    return path


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    bomb = rezip(tmp_path / "bomb.docx", extra={"word/media/image1.png": 300 << 20})
    assert bomb.stat().st_size < 1_000_000  # small on disk, 300 MB inflated
    message = (
        f"would inflate to {314_572_800 + _inflated_template():,} bytes, more than the "
        f"{MAX_TOTAL_BYTES:,} bytes briefgen opens in a Word document (a zip bomb?)"
    )
    assert package_problem(bomb) == message
    assert main(["templates", "check", "bomb.docx"]) == 1
    assert capsys.readouterr().err == f"bomb.docx: {message}\n"
    assert main(["build", str(MET), "-t", "bomb.docx", "-o", "out.docx"]) == 1
    assert capsys.readouterr().err == f"bomb.docx: {message}\n"
    assert main(["show", "bomb.docx"]) == 1
    assert capsys.readouterr().err == f"bomb.docx: {message}\n"
    assert not (tmp_path / "out.docx").exists()


def _inflated_template() -> int:
    with zipfile.ZipFile(builtin_templates()["summary-grid"]) as package:
        return sum(item.file_size for item in package.infolist())


def test_entity_declarations_are_refused(tmp_path, monkeypatch, capsys):
    """ "Billion laughs": entities that expand to entities. Word never writes a DOCTYPE."""
    monkeypatch.chdir(tmp_path)
    laughs = (
        b'<!DOCTYPE w:document [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )

    def add_doctype(name: str, data: bytes) -> bytes:
        return data.replace(b"?>", b"?>" + laughs, 1) if name == "word/document.xml" else data

    rezip(tmp_path / "laughs.docx", add_doctype)
    assert main(["templates", "check", "laughs.docx"]) == 1
    assert capsys.readouterr().err == (
        "laughs.docx: has a part (word/document.xml) that declares entities (<!DOCTYPE …>), "
        "which Word never writes; save the document again from Word or LibreOffice\n"
    )


@pytest.mark.parametrize("name", sorted(builtin_templates()))
def test_the_built_in_templates_are_sound(name):
    assert package_problem(builtin_templates()[name]) is None


def test_a_part_held_twice_is_refused(tmp_path, monkeypatch, capsys):
    """A zip holding docProps/core.xml twice (as builds before this check wrote from a template
    LibreOffice saved): which one a program reads is a guess, so the title could be lost."""
    monkeypatch.chdir(tmp_path)
    rezip(tmp_path / "twice.docx")
    with zipfile.ZipFile(tmp_path / "twice.docx", "a") as package, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile's own "Duplicate name" warning
        package.writestr("docProps/core.xml", package.read("docProps/core.xml"))
    assert main(["build", str(MET), "-t", "twice.docx", "-o", "out.docx"]) == 1
    assert capsys.readouterr().err == (
        "twice.docx: holds its part docProps/core.xml twice, so it is not clear which is meant; "
        "open it in Word or LibreOffice and save it again\n"
    )
    assert not (tmp_path / "out.docx").exists()
