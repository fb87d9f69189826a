"""Fixtures the unit tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import cache


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    """A cache of the test's own, empty."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"
