"""template_verdicts.py: whether a template passes its check (and the context values it uses)
worked out once and kept by its content; nothing kept is believed that is not whole, and a
template with problems is checked every time."""

from __future__ import annotations

import pytest

from briefgen import cache, template_verdicts
from briefgen.errors import TemplateProblems

from ..helpers import cache_entries, template_with


def test_a_sound_template_is_checked_once_and_its_answer_kept(cache_folder, tmp_path):
    template = template_with(tmp_path, "{{ force }}: {{ paper.appendix }} {{ paper.committee }}")
    used = {"paper.appendix", "paper.committee"}
    assert template_verdicts.require_sound(template) == used
    (entry,) = cache_entries(cache_folder, "checked")
    assert entry.read_bytes().endswith(b'["paper.appendix", "paper.committee"]')
    cache.write("checked", entry.stem, b'["paper.kept"]')  # the kept answer is the one given
    assert template_verdicts.require_sound(template) == {"paper.kept"}
    entry.write_bytes(entry.read_bytes().replace(b"kept", b"kepT"))  # its seal broken
    assert template_verdicts.require_sound(template) == used
    assert cache_entries(cache_folder, "checked") == [entry]


def test_a_template_with_problems_is_told_every_time(cache_folder, tmp_path):
    template = template_with(tmp_path, "{{ force_nmae }}")
    for _ in range(2):
        with pytest.raises(TemplateProblems, match="force_nmae"):
            template_verdicts.require_sound(template)
    assert not cache_entries(cache_folder, "checked")


def test_a_changed_template_is_checked_again(cache_folder, tmp_path):
    template = template_with(tmp_path, "{{ force }}")
    assert template_verdicts.require_sound(template) == set()
    template_with(tmp_path, "{{ force_nmae }}")
    with pytest.raises(TemplateProblems, match="force_nmae"):
        template_verdicts.require_sound(template)


def test_a_damaged_check_answer_is_not_believed(cache_folder, tmp_path):
    template = template_with(tmp_path, "{{ paper.committee }}")
    template_verdicts.require_sound(template)
    (entry,) = cache_entries(cache_folder, "checked")
    entry.write_bytes(entry.read_bytes().replace(b"[", b"{"))
    assert template_verdicts.require_sound(template) == {"paper.committee"}
    assert entry.read_bytes().endswith(b'["paper.committee"]')  # checked again, rewritten
