"""An officer's file as text: an ordinary file read within its bound, never a pipe or a device,
decoded as UTF-8, with the encoding a Windows editor saved it in named when it is not.

Every problem is an :class:`InputError` located at the file (line and column where it has them),
in words that say what to do in Notepad or VS Code.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import InputError, Problem

_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: Path, name: str, limit: int) -> bytes:
    """The bytes of the ordinary file at ``path`` (named ``name`` in messages), read only once
    its size is known to be at most ``limit``: a named pipe, a device or a socket (even behind
    a link) is refused by what it is, never read, so nothing can hang or fill the memory."""

    def refuse(message: str) -> InputError:
        return InputError([Problem(name, 1, 1, message)])

    try:  # non-blocking, so that opening a named pipe cannot hang before it is refused
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise refuse("is a link to a file that does not exist") from None
        raise refuse("file not found") from None
    except IsADirectoryError:
        raise refuse("is a folder, expected a YAML file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse("is a link that leads round in a loop; point it at a real file") from None
        raise refuse(f"cannot be read: {exc.strerror}") from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise refuse("is a folder, expected a YAML file")
        kind = next((kind for test, kind in _NOT_FILES if test(status.st_mode)), None)
        if kind or not stat.S_ISREG(status.st_mode):
            raise refuse(
                f"is {kind or 'not an ordinary file'}, not a file that can be read; "
                "give an ordinary file"
            )
        if status.st_size > limit:
            raise refuse(
                f"file is {status.st_size:,} bytes; a briefing input may be at most {limit:,} bytes"
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            try:
                return handle.read(limit + 1)  # a file growing as it is read: parse says so
            except OSError as exc:
                raise refuse(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)


def not_a_file(path: Path, expected: str = "a file") -> str | None:
    """Why ``path`` is not an ordinary file that can be read (completing a sentence that
    starts with its name), without opening it; None if it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "is a link to a file that does not exist" if path.is_symlink() else "no such file"
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return f"is a folder; give {expected}"
    kind = next((kind for test, kind in _NOT_FILES if test(mode)), None)
    if kind or not stat.S_ISREG(mode):
        return f"is {kind or 'not an ordinary file'}, not a file that can be read; give {expected}"
    return None


#: How to save a file as UTF-8, in the programs an officer has.
SAVE_AS_UTF8 = (
    "save it as UTF-8: in Notepad, File › Save As, set Encoding to “UTF-8” and Save; "
    "in VS Code, click the encoding at the bottom right, “Save with Encoding”, "
    "“UTF-8”"
)


def decode_text(raw: bytes, name: str) -> str:
    """The text of ``raw``: UTF-8 (a byte-order mark dropped); UTF-16 and "ANSI" refused with how
    to save the file as UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as Notepad writes: harmless, dropped
    if _utf16(raw):
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "the file is saved as UTF-16 (Notepad’s "
                    "“Unicode” or “UTF-16”), which YAML files are not; " + SAVE_AS_UTF8,
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = raw[exc.start]
        try:
            character = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            character = ""
        ansi = (
            f" (the file looks saved as “ANSI”, Windows’ own encoding, where it is “{character}”)"
            if character.isprintable() and character
            else ""
        )
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"byte 0x{byte:02X} is not UTF-8 text{ansi}; " + SAVE_AS_UTF8,
                )
            ]
        ) from None


def _utf16(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-16 text: its byte-order mark, or (without one) a null byte beside
    every ASCII character of its start, as UTF-16 writes them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = raw[:200]
    if len(start) < 4:
        return False
    even, odd = start[0::2], start[1::2]
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4


_CHARACTER_NAMES = {
    0x00: "a null character",
    0x0B: "a vertical tab, as Word leaves in copied text",
    0x0C: "a form feed",
    0x0D: "a carriage return",
}


def character_name(code: int) -> str:
    """What an officer would call a character that cannot stand in their text."""
    if 0xD800 <= code <= 0xDFFF:
        return "half of a \\u escape pair; write the character itself"
    return _CHARACTER_NAMES.get(code, "a control character")
