"""input_files.py: an officer's file read as an ordinary file within its bound, and its text
decoded as UTF-8, with the encoding a Windows editor saved it in named when it is not."""

from __future__ import annotations

import os
import time

import pytest

from briefgen.errors import InputError
from briefgen.input_files import (
    SAVE_AS_UTF8,
    character_name,
    decode_text,
    not_a_file,
    read_regular_file,
)
from briefgen.inputs import load_yaml


def problems_of(raw: bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        decode_text(raw, "x.yaml")
    return [str(p) for p in caught.value.problems]


def test_utf8_text_is_read_and_a_byte_order_mark_dropped():
    assert decode_text("element: café\n".encode(), "x.yaml") == "element: café\n"
    assert decode_text("\ufeffelement: a\n".encode("utf-8"), "x.yaml") == "element: a\n"


def test_non_utf8_bytes_are_located_and_the_encoding_named():
    assert problems_of(b"element: a\ncomments: [caf\xe9]\n") == [
        "x.yaml:2:15: byte 0xE9 is not UTF-8 text (the file looks saved as “ANSI”, Windows’ "
        "own encoding, where it is “é”); " + SAVE_AS_UTF8
    ]


def test_a_byte_no_windows_encoding_has_is_not_blamed_on_it():
    assert problems_of(b"element: a\ncomments: [\x81]\n") == [
        "x.yaml:2:12: byte 0x81 is not UTF-8 text; " + SAVE_AS_UTF8
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_or_without_its_byte_order_mark(encoding):
    raw = "element: investigating-crime\ncomments: [a]\n".encode(encoding)
    assert problems_of(raw) == [
        "x.yaml:1:1: the file is saved as UTF-16 (Notepad’s “Unicode” or “UTF-16”), which YAML "
        "files are not; " + SAVE_AS_UTF8
    ]
    assert "Notepad, File › Save As" in SAVE_AS_UTF8


def test_a_file_within_its_bound_is_read_and_a_larger_one_refused_unread(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n")
    assert read_regular_file(path, "x.yaml", 5) == b"a: 1\n"
    with pytest.raises(InputError) as caught:
        read_regular_file(path, "x.yaml", 4)
    assert str(caught.value) == (
        "x.yaml:1:1: file is 5 bytes; a briefing input may be at most 4 bytes"
    )


def test_what_is_not_an_ordinary_file_is_said_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "file").write_text("x", "utf-8")
    assert not_a_file(tmp_path / "file") is None
    assert not_a_file(tmp_path / "pipe", "a report") == (
        "is a named pipe (FIFO), not a file that can be read; give a report"
    )
    assert not_a_file(tmp_path, "a report") == "is a folder; give a report"
    assert not_a_file(tmp_path / "gone") == "is a link to a file that does not exist"
    assert not_a_file(tmp_path / "absent") == "no such file"


def test_characters_are_named_as_an_officer_would():
    assert character_name(0x0B) == "a vertical tab, as Word leaves in copied text"
    assert character_name(0x01) == "a control character"
    assert character_name(0xD800).startswith("half of a \\u escape pair")


def test_only_ordinary_files_are_read(tmp_path, monkeypatch):
    """A named pipe would hang a read, /dev/zero would fill the memory: both are refused by what
    they are, before any byte is read; links that lead nowhere are told plainly."""
    import os

    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "loop-a.yaml").symlink_to(tmp_path / "loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to(tmp_path / "loop-a.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "folder.yaml").mkdir()
    messages = {}
    started = time.monotonic()
    for name in ("pipe", "zero", "loop-a", "gone", "folder"):
        with pytest.raises(InputError) as caught:
            load_yaml(tmp_path / f"{name}.yaml")
        messages[name] = str(caught.value)
    assert time.monotonic() - started < 5
    assert messages == {
        "pipe": "pipe.yaml:1:1: is a named pipe (FIFO), not a file that can be read; give an "
        "ordinary file",
        "zero": "zero.yaml:1:1: is a device, not a file that can be read; give an ordinary file",
        "loop-a": "loop-a.yaml:1:1: is a link that leads round in a loop; point it at a real file",
        "gone": "gone.yaml:1:1: is a link to a file that does not exist",
        "folder": "folder.yaml:1:1: is a folder, expected a YAML file",
    }


def test_an_unreadable_file_is_told(tmp_path, monkeypatch):
    """As root every file is readable, so the refusal is simulated where it happens."""
    import os

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "x.yaml"
    path.write_text("element: a\n", "utf-8")
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert str(caught.value).endswith("x.yaml:1:1: cannot be read: Permission denied")
