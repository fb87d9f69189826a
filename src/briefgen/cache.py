"""Work done once is kept: a small cache beside the user's other caches.

What briefgen works out from a template alone (the check's answer, each part prepared and
compiled) is the same every time for the same template and the same briefgen, so it is kept in
the user's cache folder (``platformdirs``; ``BRIEFGEN_CACHE_DIR`` chooses another, and an empty
value turns the cache off). An entry is named by a hash of what it was made from and of this
briefgen (its version and its own files), so a changed template or a new briefgen never finds
an old answer. Each entry carries the hash of its content: one that is cut short, altered or
written by something else is ignored (and rewritten), never trusted. Entries are written
through a temporary file and renamed into place, so two builds writing at once each leave a
whole entry (entries are not forced to the disk, as documents are: one a crash cuts short is
ignored). The folder is safe to delete at any time, and kept under :data:`MAX_BYTES` (looked
over at a process's first write, and when its writes would pass the bound), the entries used
longest ago going first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import __version__

#: The environment variable naming the cache folder (empty: no cache).
CACHE_ENV = "BRIEFGEN_CACHE_DIR"
#: How large the cache may grow before its oldest entries are removed.
MAX_BYTES = 64 * 1024 * 1024
#: What every entry begins with; a file that does not is not briefgen's.
MAGIC = b"briefgen-cache 1\n"
T = TypeVar("T")
_DIGEST = hashlib.sha256().digest_size * 2  # hex characters
#: Each cache folder's size in bytes as this process last knew it (trimmed at its first write
#: and when what it writes would take the folder over its bound).
_SIZES: dict[Path, int] = {}


def remember(memo: dict[Any, Any], key: Any, value: Any, most: int) -> None:
    """Keep ``value`` under ``key`` in a process's own ``memo``, of at most ``most`` entries: the
    oldest goes first."""
    if len(memo) >= most:
        memo.pop(next(iter(memo)))
    memo[key] = value


def kept(
    kind: str,
    name: str,
    make: Callable[[], T],
    encode: Callable[[T], bytes],
    decode: Callable[[bytes], T | None],
) -> T:
    """The answer kept under ``name``, else ``make()``'s, then kept. An entry ``decode`` does
    not take for an answer (None) is made again and rewritten, never trusted."""
    entry = read(kind, name)
    found = None if entry is None else decode(entry)
    if found is None:
        found = make()
        write(kind, name, encode(found))
    return found


class Answers(Generic[T]):
    """Answers worked out from bytes alone, kept under ``kind``: in this process by the bytes'
    hash (and, with ``by_object``, by the very bytes object, which a template's parts are each
    time they are handed out: no need to hash them again), and in the cache for the next
    process. ``encode`` and ``decode`` turn an answer into an entry's bytes and back (``decode``
    gives None for an entry that is not one)."""

    def __init__(
        self,
        kind: str,
        most: int,
        encode: Callable[[T], bytes],
        decode: Callable[[bytes], T | None],
        by_object: bool = True,
    ) -> None:
        self.kind, self.most, self.by_object = kind, most, by_object
        self._encode, self._decode = encode, decode
        self._by_hash: dict[bytes, T] = {}
        self._by_object: dict[int, tuple[bytes, T]] = {}

    def answer(self, data: bytes, make: Callable[[], T]) -> T:
        """The answer for ``data``: kept from before, else ``make()``, then kept."""
        same = self._by_object.get(id(data))
        if same is not None and same[0] is data:
            return same[1]
        digest = hashlib.sha256(data).digest()
        known = self._by_hash.get(digest)
        if known is None:
            known = kept(self.kind, key(self.kind, digest), make, self._encode, self._decode)
            remember(self._by_hash, digest, known, self.most)
        if self.by_object:  # held, so its id is not another's while it is here
            remember(self._by_object, id(data), (data, known), self.most)
        return known


def cache_dir() -> Path | None:
    """The cache folder (not necessarily made yet), or None where the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefgen", appauthor=False))


@cache
def fingerprint() -> str:
    """This briefgen: its version, the Python it runs on and the state of its own files (so a
    changed checkout counts as a new briefgen, whatever its version says)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.implementation.cache_tag}".encode())
    package = Path(__file__).parent
    for folder in (package, *sorted(p for p in package.iterdir() if p.is_dir())):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".json", ".yaml")):
                status = entry.stat()
                digest.update(
                    f"{folder.name}/{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode()
                )
    return digest.hexdigest()


def key(kind: str, *parts: bytes | str) -> str:
    """An entry's name: a hash of what it is made from, for this briefgen."""
    digest = hashlib.sha256(f"{kind}\0{fingerprint()}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The content of entry ``name``, or None where there is none that can be trusted."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST + 1
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    content = data[head:]
    if data[len(MAGIC) : head - 1].decode("ascii", "replace") != _seal(name, content):
        return None
    with contextlib.suppress(OSError):  # entries used lately go last when the cache is trimmed
        os.utime(path)
    return content


def write(kind: str, name: str, content: bytes) -> None:
    """Keep ``content`` as entry ``name``; a cache that cannot be written is done without."""
    path = _path(kind, name)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = MAGIC + _seal(name, content).encode("ascii") + b"\n" + content
        _replace(path, data)
        root = path.parent.parent
        known = _SIZES.get(root)  # the folder's size as this process last knew it
        if known is None or known + len(data) > MAX_BYTES:
            _SIZES[root] = _trim(root)
        else:
            _SIZES[root] = known + len(data)
    except OSError:
        return


def _replace(path: Path, data: bytes) -> None:
    """``data`` written to a temporary file beside ``path`` and renamed into place, so a reader
    finds the old entry or the whole new one. Not forced to the disk (as a document is): an
    entry a crash leaves cut short fails its seal and is made again."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:16]}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _seal(name: str, content: bytes) -> str:
    return hashlib.sha256(name.encode("ascii", "replace") + b"\0" + content).hexdigest()


def _path(kind: str, name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / f"{name}.bin"


def _trim(folder: Path) -> int:
    """Remove the entries used longest ago until the cache is within :data:`MAX_BYTES`; the
    bytes it then holds."""
    entries = []
    for path in folder.glob("*/*.bin"):
        try:
            status = path.stat()
        except OSError:
            continue
        entries.append((status.st_mtime_ns, status.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= MAX_BYTES:
            break
        path.unlink(missing_ok=True)
        total -= size
    return total
