"""Read a report saved as a web page (.html), with lxml's HTML parser.

Headings are ``h1``–``h6`` (or a paragraph bold as a whole), bullets ``li`` (depth from the lists
around them), and paragraphs every other block of text (``p``, ``td``, ``div`` holding text
itself). Scripts, styles, navigation, headers and footers of the page are left out.
"""

from __future__ import annotations

import re

import lxml.html

from .blocks import BULLET, HEADING, PARAGRAPH, Block, TooDeep, tidy

#: Wrappers that say nothing of a report's structure: taken out of a page nested deeper than
#: the HTML parser follows (256 levels), so that its text can still be read.
_WRAPPERS = re.compile(rb"</?(?:div|span|section|article|main|font|center)\b[^<>]*>", re.IGNORECASE)

_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "head",
    "template",
    "svg",
    "form",
    "button",
}
_BLOCKS = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "caption",
    "figcaption",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "ul",
    "ol",
    "table",
    "tr",
    "dl",
    "aside",
}
_LISTS = {"ul", "ol"}


def read_html(data: bytes) -> list[Block]:
    """The blocks of a saved web page."""
    root = _parsed(data)
    blocks: list[Block] = []
    _walk(root, blocks, depth=-1)
    return tidy(blocks)


def _parsed(data: bytes) -> lxml.html.HtmlElement:
    """The page's tree, by lxml's HTML parser (no huge trees); a page nested too deep is read
    again without its ``div``s and ``span``s, then refused (``blocks.TooDeep``)."""
    for attempt in (data, None):
        parser = lxml.html.HTMLParser(huge_tree=False, no_network=True)
        root = lxml.html.document_fromstring(
            attempt if attempt is not None else _WRAPPERS.sub(b" ", data), parser=parser
        )
        if not any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
            return root
    raise TooDeep("its elements are nested more than 256 levels deep")


def _walk(element, blocks: list[Block], depth: int) -> None:
    """Add the blocks of ``element``: its own text (not its child blocks'), then theirs."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return
    own: list[str] = [element.text or ""]
    children = []
    for child in element:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in _BLOCKS or child_tag in _SKIP:
            children.append(child)
        else:
            own.append(_inline(child))
        if child_tag in _BLOCKS and child.tail and child.tail.strip():
            children.append(child.tail)
    text = " ".join("".join(own).split())
    if text:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            blocks.append(Block(HEADING, text, int(tag[1])))
        elif tag == "li":
            blocks.append(Block(BULLET, text, max(depth, 0)))
        elif _bold_only(element, text):
            blocks.append(Block(HEADING, text, 0))
        else:
            blocks.append(Block(PARAGRAPH, text))
    for child in children:
        if isinstance(child, str):
            blocks.append(Block(PARAGRAPH, child))
        else:
            _walk(child, blocks, depth + (1 if child.tag in _LISTS else 0))


def _inline(element) -> str:
    if not isinstance(element.tag, str) or element.tag in _SKIP:
        return element.tail or ""
    if element.tag == "br":
        return " " + (element.tail or "")
    return element.text_content() + (element.tail or "")


def _bold_only(element, text: str) -> bool:
    bold = [c for c in element if isinstance(c.tag, str) and c.tag in {"b", "strong"}]
    return (
        len(text) < 150
        and bool(bold)
        and not (element.text or "").strip()
        and " ".join("".join(c.text_content() for c in bold).split()) == text
    )
