"""Take out what a web page says about itself rather than about the force: skip links, banners,
breadcrumbs, "Read more about …", download links, cookie text, the site's strapline, a page's
number markers and its title repeated at the top of each page of a pasted set.

Only whole blocks that are nothing but furniture go; a block that starts with a link's words
glued to the report's own ("Read more about KentThis is …") keeps the report's words.
"""

from __future__ import annotations

import re

from .blocks import BULLET, Block

_FURNITURE = re.compile(
    r"^(?:skip to (?:main )?content|read more about\b.{0,60}|download the (?:full )?report|"
    r"get the (?:report|letter)|read the transcript|back to top|"
    r"(?-i:Contact [A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,3})|"
    r"share this page|print this page|planned website downtime|menu|search|"
    r"download (?:the )?(?:pdf|report|data).{0,80}|home\s*[>/›»].*|"
    r"promoting improvements in policing and fire (?:&|and) rescue services to make everyone "
    r"safer|.*\bfor consultation|we would like your views\b.*|.*\bwebsite will be unavailable\b.*"
    r"|.*\b(?:we use|accept|reject|about) (?:all |additional |analytics )?cookies\b.*"
    r"|cookies? (?:settings|policy|on [\w .-]+)|\d{1,2})$",
    re.IGNORECASE,
)
_GLUED = re.compile(r"^Read more about .+?(?<=[a-z])(?=(?:This|These|The|In|Our|We|HMICFRS)\b)")
#: A page's own title: a place and a round ("Essex PEEL 2018", "Surrey 2021/22").
_PAGE_TITLE = re.compile(r"^[A-Z][\w’'&.,() -]{1,60}? (?:PEEL )?(?:19|20)\d\d(?:[/–-]\d{2,4})?$")


def without_furniture(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the page furniture, each page title kept once."""
    out: list[Block] = []
    titles: set[str] = set()
    for block in blocks:
        text = block.text
        glued = _GLUED.match(text)
        if glued:
            text = text[glued.end() :]
            block = Block(block.kind, text, block.level)
        elif block.kind != BULLET and len(text) < 300 and _FURNITURE.match(text):
            continue
        if block.kind != BULLET and _PAGE_TITLE.match(text):
            if text in titles:
                continue
            titles.add(text)
        out.append(block)
    return out
