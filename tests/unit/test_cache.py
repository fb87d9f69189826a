"""The cache: work done once is kept, and nothing in it is trusted that is not whole."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from briefgen import BuildOptions, build, cache
from briefgen.templates import builtin_templates

from ..helpers import MET, cache_entries, run_briefgen


def test_an_entry_is_read_back(cache_folder):
    name = cache.key("test", "made from this")
    assert cache.read("test", name) is None
    cache.write("test", name, b"the answer")
    assert cache.read("test", name) == b"the answer"
    assert name != cache.key("test", "made from that") != cache.key("other", "made from this")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],  # cut short
        lambda data: data[:-1] + b"X",  # altered
        lambda data: b"something else's file\n" + data[30:],  # not briefgen's
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_ignored_and_rewritten(cache_folder, damage):
    name = cache.key("test", "x")
    cache.write("test", name, b"the answer")
    path = cache_entries(cache_folder, "test")[0]
    path.write_bytes(damage(path.read_bytes()))
    assert cache.read("test", name) is None
    cache.write("test", name, b"the answer")
    assert cache.read("test", name) == b"the answer"


def test_an_entry_moved_to_another_name_is_not_trusted(cache_folder):
    first, second = cache.key("test", "a"), cache.key("test", "b")
    cache.write("test", first, b"for a")
    shutil.copyfile(cache_folder / "test" / f"{first}.bin", cache_folder / "test" / f"{second}.bin")
    assert cache.read("test", second) is None


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "")
    assert cache.cache_dir() is None
    cache.write("test", cache.key("test", "x"), b"kept nowhere")
    assert cache.read("test", cache.key("test", "x")) is None


def test_a_folder_that_cannot_be_written_is_done_without(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a cache_folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    cache.write("test", cache.key("test", "x"), b"nowhere to go")
    assert cache.read("test", cache.key("test", "x")) is None


def test_the_cache_keeps_within_its_size(cache_folder):
    quarter = bytes(cache.MAX_BYTES // 4)  # four of these and their headers are too many
    for number in range(5):
        cache.write("test", cache.key("test", str(number)), quarter)
    kept = [n for n in range(5) if cache.read("test", cache.key("test", str(n)))]
    assert kept == [2, 3, 4]  # the oldest went first


def test_a_process_looks_the_cache_over_at_its_first_write(cache_folder, monkeypatch):
    monkeypatch.setattr(cache, "_SIZES", {cache_folder: 0})  # as if looked over already: not again
    for number in range(6):
        cache.write("test", cache.key("test", str(number)), bytes(1000))
        os.utime(
            cache_entries(cache_folder, "test")[0].parent / f"{cache.key('test', str(number))}.bin",
            ns=(number * 10**9, number * 10**9),
        )
    monkeypatch.setattr(cache, "_SIZES", {})  # a new process
    monkeypatch.setattr(cache, "MAX_BYTES", 3500)
    cache.write("test", cache.key("test", "new"), bytes(1000))
    kept = [n for n in range(6) if cache.read("test", cache.key("test", str(n)))]
    assert kept == [4, 5] and cache.read("test", cache.key("test", "new")) == bytes(1000)
    assert not list((cache_folder / "test").glob("*.tmp"))


def test_processes_writing_at_once_each_leave_a_whole_entry(cache_folder):
    name = cache.key("test", "shared")
    contents = [bytes([n]) * 200_000 for n in range(8)]
    threads = [threading.Thread(target=cache.write, args=("test", name, c)) for c in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.read("test", name) in contents
    assert [p.name for p in (cache_folder / "test").iterdir()] == [f"{name}.bin"]


def test_a_second_build_checks_and_compiles_nothing_and_writes_the_same(cache_folder, tmp_path):
    """Each build in a process of its own, as a user runs them."""

    def build_into(name: str) -> bytes:
        result = run_briefgen(
            "build", str(MET), "-t", "summary-grid", "-o", name, "--quiet", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        return (tmp_path / name).read_bytes()

    first = build_into("first.docx")
    assert len(cache_entries(cache_folder, "checked")) == 1 and cache_entries(
        cache_folder, "compiled"
    )
    kept = {path: path.read_bytes() for path in cache_folder.rglob("*.bin")}
    assert build_into("second.docx") == first
    assert {path: path.read_bytes() for path in cache_folder.rglob("*.bin")} == kept


def test_built_from_the_cache_is_built_as_without_it(cache_folder, tmp_path, monkeypatch):
    template = builtin_templates()["briefing"]
    build(BuildOptions(MET, str(template), tmp_path / "cold.docx"))
    build(BuildOptions(MET, str(template), tmp_path / "warm.docx"))
    monkeypatch.setenv(cache.CACHE_ENV, "")
    build(BuildOptions(MET, str(template), tmp_path / "none.docx"))
    assert (
        (tmp_path / "cold.docx").read_bytes()
        == (tmp_path / "warm.docx").read_bytes()
        == (tmp_path / "none.docx").read_bytes()
    )


def test_a_framework_checked_before_is_not_read_again(cache_folder, tmp_path):
    from briefgen.frameworks import BUILTIN, load_framework

    source = (BUILTIN / "peel-2018-19.yaml").read_bytes()
    (tmp_path / "a.yaml").write_bytes(source)
    first = load_framework(tmp_path / "a.yaml")
    (entry,) = cache_entries(cache_folder, "framework")
    (tmp_path / "b.yaml").write_bytes(source)  # another file: not in this process's memory
    assert load_framework(tmp_path / "b.yaml") == first
    entry.write_bytes(entry.read_bytes()[:-5])  # damaged: the file is read and checked again
    (tmp_path / "c.yaml").write_bytes(source)
    assert load_framework(tmp_path / "c.yaml") == first
    assert (
        cache_entries(cache_folder, "framework") == [entry]
        and cache.read("framework", entry.stem) is not None
    )


def test_an_answer_is_made_once_kept_and_a_damaged_entry_made_again(cache_folder):
    made = []

    def make(text: bytes) -> bytes:
        made.append(text)
        return text.upper()

    def decode(kept: bytes) -> bytes | None:
        return kept if kept.isupper() else None  # an entry not an answer: made again

    answers = cache.Answers("upper", 4, bytes, decode)
    data = b"essex police" * 10
    assert answers.answer(data, lambda: make(data)) == data.upper()
    assert answers.answer(bytes(bytearray(data)), lambda: make(data)) == data.upper()
    assert made == [data]  # the same content in another object: known by its hash
    elsewhere = cache.Answers("upper", 4, bytes, decode)  # as another process finds it
    assert elsewhere.answer(data, lambda: make(data)) == data.upper() and made == [data]
    (entry,) = cache_entries(cache_folder, "upper")
    cache.write("upper", entry.stem, b"not an answer")
    again = cache.Answers("upper", 4, bytes, decode)
    assert again.answer(data, lambda: make(data)) == data.upper() and made == [data, data]
    assert cache.read("upper", entry.stem) == data.upper()  # rewritten
