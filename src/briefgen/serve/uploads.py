"""Files the officer sends: bounded in size, named safely, kept in the server's own folder.

What a file is, is told from its content by the library (``draft`` by its first bytes, a
template by the checks of ``templates check``); the name it came with is only shown.
"""

from __future__ import annotations

import re
import secrets
import urllib.request
from pathlib import Path

from starlette.datastructures import UploadFile

#: The most a report or template may weigh (a PEEL report as PDF is 1–5 MB).
LIMIT = 25 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class TooBig(Exception):
    pass


def safe_name(name: str, default: str) -> str:
    """A file name with nothing but letters, digits, dots, hyphens and underscores."""
    cleaned = _UNSAFE.sub("-", Path(name.replace("\\", "/")).name).strip(".-")
    return cleaned[:100] or default


def slug(text: str) -> str:
    """A folder name made of ``text``: small letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def fresh(work: Path) -> Path:
    """A new private folder in the server's own folder."""
    folder = work / secrets.token_hex(8)
    folder.mkdir()
    return folder


async def keep(upload: UploadFile, work: Path, default: str) -> Path:
    """The upload written to a fresh folder, refused past :data:`LIMIT`."""
    target = fresh(work) / safe_name(upload.filename or "", default)
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(1024 * 1024):
            size += len(chunk)
            if size > LIMIT:
                raise TooBig(f"the file is larger than {LIMIT // (1024 * 1024)} MB")
            out.write(chunk)
    return target


def fetch(address: str, work: Path) -> Path:
    """The report at a web address, fetched with the same bound."""
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", address):
        raise ValueError("the address must start http:// or https://")
    name = safe_name(address.rstrip("/").rsplit("/", 1)[-1], "report")
    target = fresh(work) / name
    request = urllib.request.Request(address, headers={"User-Agent": "briefgen"})
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - http(s) only
        data = answer.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise TooBig(f"the report is larger than {LIMIT // (1024 * 1024)} MB")
    target.write_bytes(data)
    return target
