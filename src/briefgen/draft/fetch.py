"""Fetch a report from the inspectorate's web address (``briefgen draft URL``).

The page at the address, and the pages under it that it links to (the pillar pages of the 2014
to 2018/19 rounds: ``…/peel-2018/essex/effectiveness/``), in the order it links to them, as an
officer would copy them. Only ``https://`` addresses are fetched (and plain ``http://`` from this
computer itself, 127.0.0.1, where a test serves saved pages); each request has a time limit and
all of them together a size limit, so a slow or endless answer stops with a plain message.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import lxml.html

from ..errors import DraftError

#: Seconds one request may take, bytes all pages together may hold, and pages at most.
TIMEOUT = 30.0
MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 8
USER_AGENT = "briefgen-draft (fetches one inspection report's pages)"


@dataclass(frozen=True)
class Page:
    address: str
    data: bytes


def is_address(text: str) -> bool:
    """Whether ``text`` is a web address rather than a file's name."""
    return text.startswith(("https://", "http://"))


def fetch_pages(
    address: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
) -> list[Page]:
    """The page at ``address`` and the pages under it that it links to, in its order."""
    _check(address)
    budget = [max_bytes]
    first = _get(address, timeout, budget)
    pages = [first]
    for link in _children(first)[: MAX_PAGES - 1]:
        pages.append(_get(link, timeout, budget))
    return pages


def _check(address: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(address)
    if parts.scheme == "https" and parts.hostname:
        return parts
    if parts.scheme == "http" and _this_computer(parts.hostname):
        return parts
    raise DraftError(
        f"{address}: briefgen fetches reports only from https:// addresses; give "
        "the address starting https://, or save the page and give the file"
    )


def _this_computer(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _get(address: str, timeout: float, budget: list[int]) -> Page:
    request = urllib.request.Request(address, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            _check(response.geturl())  # a redirect to plain http is refused too
            data = response.read(budget[0] + 1)
    except DraftError:
        raise
    except urllib.error.HTTPError as exc:
        raise DraftError(
            f"{address}: the site answered {exc.code} ({exc.reason}); check the address"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, socket.timeout | TimeoutError):
            said = f"no answer within {timeout:g} seconds"
        elif isinstance(reason, socket.gaierror):
            said = "the site's name cannot be looked up (is this computer offline?)"
        else:
            said = f"cannot connect ({reason})"
        raise DraftError(
            f"{address}: {said}; try again when online, or save the page and give the file"
        ) from None
    if len(data) > budget[0]:
        raise DraftError(
            f"{address}: the pages are larger than {MAX_BYTES // (1024 * 1024)} "
            "MB together, more than an inspection report's; save the page and "
            "give the file"
        )
    budget[0] -= len(data)
    return Page(address, data)


def _children(page: Page) -> list[str]:
    """The addresses under ``page``'s own that it links to, once each, in its order."""
    try:
        root = lxml.html.document_fromstring(page.data)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = urllib.parse.urlsplit(page.address)
    path = base.path if base.path.endswith("/") else base.path + "/"
    found: list[str] = []
    for href in root.xpath("//a/@href"):
        link = urllib.parse.urlsplit(urllib.parse.urljoin(page.address, str(href)))
        if (link.scheme, link.netloc) != (base.scheme, base.netloc):
            continue
        child = link.path.rstrip("/")
        if child.startswith(path) and "/" not in child[len(path) :] and child[len(path) :]:
            address = urllib.parse.urlunsplit((link.scheme, link.netloc, child + "/", "", ""))
            if address not in found:
                found.append(address)
    return found
