"""The fonts: found and measured once, then read from the cache as they were measured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import cache, fonts


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A cache of the test's own, empty, and no font known in this process yet."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    fonts.installed.cache_clear()
    fonts.face.cache_clear()
    yield tmp_path / "cache"
    fonts.installed.cache_clear()
    fonts.face.cache_clear()


def measured() -> tuple[dict, fonts.Face, fonts.Face]:
    """What is found and measured now, forgetting what this process knew."""
    fonts.installed.cache_clear()
    fonts.face.cache_clear()
    return fonts.installed(), fonts.face("Arial"), fonts.face("Times New Roman", bold=True)


def test_fonts_read_from_the_cache_measure_as_the_font_files_do(folder):
    first = measured()
    assert first[0], "no font found on this machine"
    assert sorted(p.name for p in folder.iterdir()) == ["font-metrics", "fonts"]
    again = measured()
    assert again == first
    assert again[1].width("Areas for improvement", 11) == first[1].width(
        "Areas for improvement", 11
    )


@pytest.mark.parametrize(
    "content",
    [b"not json", b'{"advances": [[65, "wide"]], "default": 0.5, "line": 1.1}', b"[1, 2]"],
)
def test_a_foreign_font_entry_is_not_believed_and_is_rewritten(folder, content):
    first = measured()
    for path in folder.glob("*/*.bin"):
        kind, name = path.parent.name, path.stem
        cache.write(kind, name, content)  # whole and sealed, but not what briefgen wrote
        assert cache.read(kind, name) == content
    assert measured() == first
    assert all(cache.read(p.parent.name, p.stem) != content for p in folder.glob("*/*.bin"))


def test_a_changed_font_file_is_measured_again(folder, tmp_path, monkeypatch):
    source = fonts.installed()[next(iter(fonts.installed()))]
    own = tmp_path / "fonts"
    own.mkdir()
    copy = own / f"mine{source.suffix}"
    copy.write_bytes(source.read_bytes())
    monkeypatch.setattr(fonts, "font_folders", lambda: [own])
    assert list(measured()[0].values()) == [copy]
    copy.write_bytes(b"no longer a font")
    os.utime(copy, ns=(1, 1))
    assert measured()[0] == {}


def test_a_build_with_the_fonts_kept_loads_no_font_library(folder, tmp_path):
    code = (
        "import sys; from briefgen import fonts; fonts.installed(); fonts.face('Arial'); "
        "print('fontTools' in sys.modules)"
    )
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
