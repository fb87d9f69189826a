"""Read a report published as PDF.

The text comes from pypdfium2, the Python binding of PDFium (the PDF engine of Chromium;
maintained, Apache-2.0/BSD, wheels for every platform): it extracts a 70-page report in well
under a second and places every run of text on the page, where pypdf, pure Python, takes several
seconds and pdfminer more. From those places the reader rebuilds what the PDF has lost:

- lines: the runs on one baseline, left to right (a link or bold word is a run of its own);
- reading order: top to bottom, and a page set in two columns read column by column, whatever
  order its content stream holds them in;
- running headers and footers: a first or last line that recurs on many pages (its digits
  aside), and bare page numbers, are dropped;
- blocks: a new block where the gap between lines opens or the type size changes; a line that
  starts with a bullet glyph starts a bullet, its depth told by the glyph's indent; text larger
  than the body is a heading;
- hyphenated line breaks: a line ending in a hyphen joins the next without it where the joined
  word occurs elsewhere in the report, and keeps it ("higher-risk") where not.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from .blocks import BULLET, HEADING, PARAGRAPH, Block, tidy

_BULLETS = "•·▪◦‣●■–-o\uf0b7\uf0a7\uf076\uf0d8"
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
#: A wider gap between two runs on one baseline parts columns (or table cells), in points.
GUTTER = 12
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


@dataclass
class _Line:
    left: float
    bottom: float
    top: float
    right: float
    text: str
    size: float = 0.0
    bold: bool = False

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(path: Path) -> list[Block]:
    """The blocks of a PDF report."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = [_page_lines(document[i]) for i in range(len(document))]
    finally:
        document.close()
    pages = _without_running_lines(pages)
    lines = [line for page in pages for line in page]
    words = Counter(
        w.casefold()
        for line in lines
        for w in _WORD.findall(line.text) + _COMPOUND.findall(line.text)
    )
    return tidy(_blocks(pages, words))


def _page_lines(page) -> list[_Line]:
    textpage = page.get_textpage()
    width = page.get_width()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            index = textpage.get_index((left + right) / 2, (bottom + top) / 2, 2, 2)
            found = index is not None and index >= 0
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) if found else 0
            runs.append(
                _Line(left, bottom, top, right, text, round(size, 1), _bold(textpage, index))
            )
    textpage.close()
    page.close()
    groups: list[list[_Line]] = []
    for run in sorted(runs, key=lambda r: (-(r.top + r.bottom) / 2, r.left)):
        middle = (run.top + run.bottom) / 2
        same = next(
            (
                group
                for group in reversed(groups[-3:])
                if abs((group[0].top + group[0].bottom) / 2 - middle)
                < 0.4 * max(group[0].height, run.height, 1)
            ),
            None,
        )
        if same is None:
            groups.append([run])
        else:
            same.append(run)
    lines: list[_Line] = []
    for group in groups:  # the runs on one baseline, left to right, split at a column gap
        group.sort(key=lambda r: r.left)
        pieces = [[group[0]]]
        for run in group[1:]:
            last = pieces[-1][-1]
            if run.left < last.right - 0.3:  # a ligature's box reaches into the next run
                run.text = _without_overlap(last.text, run.text)
            if run.left - last.right > GUTTER and not _bullet(last.text):
                pieces.append([run])
            else:
                pieces[-1].append(run)
        lines.extend(_line(piece) for piece in pieces)
    return _reading_order(lines, width)


def _bold(textpage, index: int | None) -> bool:
    """Whether the character at ``index`` is set in a bold face (by weight or font name)."""
    if index is None or index < 0:
        return False
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 128, ctypes.byref(flags))
    return bool(_BOLD_FONT.search(name.value.decode("latin-1")))


def _line(runs: list[_Line]) -> _Line:
    """One line of text from its runs (a link or a bold word is a run of its own)."""
    words = [r for r in runs if not _bullet(r.text) and r.text.strip(" .,;:")] or runs
    return _Line(
        min(r.left for r in runs),
        min(r.bottom for r in runs),
        max(r.top for r in runs),
        max(r.right for r in runs),
        "".join(r.text for r in runs),
        max(r.size for r in runs),
        all(r.bold for r in words),
    )


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """Top to bottom; on a page set in two columns, the left column first."""
    middle = width / 2
    left = [line for line in lines if line.right < middle + 5]
    right = [line for line in lines if line.left > middle - 5]
    if len(left) >= 5 and len(right) >= 5 and len(left) + len(right) >= 0.8 * len(lines):
        spanning = [line for line in lines if line not in left and line not in right]
        top = [line for line in spanning if line.bottom > max(other.top for other in left + right)]
        rest = [line for line in spanning if line not in top]
        return top + left + right + rest
    return lines


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).casefold()


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """The pages without running headers, footers and page numbers."""
    edges = Counter(
        _key(line)
        for page in pages
        for line in {id(line): line for line in (page[:2] + page[-2:])}.values()
    )
    running = {key for key, n in edges.items() if n >= max(3, len(pages) // 3)}
    out = []
    for page in pages:
        ends = page[:2] + page[-2:]
        out.append(
            [
                line
                for line in page
                if not (
                    line in ends
                    and (_key(line) in running or _PAGE_NUMBER.match(line.text.strip()))
                )
            ]
        )
    return out


def _blocks(pages: list[list[_Line]], words: Counter) -> list[Block]:
    lines = [line for page in pages for line in page]
    body = Counter(line.size for line in lines if len(line.text) > 40).most_common(1)
    body_size = body[0][0] if body else 10.0
    bullet_indents = sorted({round(line.left) for line in lines if _bullet(line.text)})
    sizes = sorted({line.size for line in lines if line.size > body_size + 0.5}, reverse=True)
    blocks: list[Block] = []
    for page in pages:
        previous: _Line | None = None  # tidy joins a paragraph that a page break cut
        for line in page:
            text = " ".join(line.text.split())
            mark = _bullet(line.text)
            heading = not mark and len(text) < 150 and (line.size > body_size + 0.5 or line.bold)
            pitch = previous.bottom - line.bottom if previous else 0
            close = previous is not None and 0 < pitch < 1.45 * max(line.size, previous.size)
            was_heading = bool(blocks) and blocks[-1].kind == HEADING
            if mark:
                level = _level(round(line.left), bullet_indents)
                blocks.append(Block(BULLET, text[len(mark.strip()) :].strip(), level))
            elif (
                close
                and previous is not None
                and heading == was_heading
                and (not heading or abs(line.size - previous.size) < 0.5)
            ):
                blocks[-1] = Block(
                    blocks[-1].kind, join_lines(blocks[-1].text, text, words), blocks[-1].level
                )
            elif heading:
                blocks.append(
                    Block(HEADING, text, sizes.index(line.size) + 1 if line.size in sizes else 0)
                )
            else:
                blocks.append(Block(PARAGRAPH, text))
            previous = line
    return blocks


def _without_overlap(before: str, text: str) -> str:
    """``text`` less the characters it repeats from the end of ``before``."""
    end = before.rstrip()
    for size in range(min(3, len(text)), 0, -1):
        if text[:size].strip() and end.endswith(text[:size]):
            return text[size:]
    return text


def _bullet(text: str) -> str:
    """The bullet mark a line starts with ("" for none)."""
    stripped = text.lstrip()
    if len(stripped) > 1 and stripped[0] in _BULLETS and stripped[1] in " \t\u00a0":
        return text[: len(text) - len(stripped) + 1]
    found = re.match(r"^\s*\d{1,2}[.)]\s+", text)
    return found.group(0) if found else ""


def _level(indent: int, indents: list[int]) -> int:
    """A bullet's depth: how many distinct bullet indents lie left of its own."""
    return sum(
        1
        for other in indents
        if other < indent - 4 and not any(abs(other - o) <= 4 for o in indents if o < other)
    )


def join_lines(first: str, second: str, words: Counter) -> str:
    """Two lines as one: a word broken at the line's end joined, keeping its hyphen where the
    report writes the word with one elsewhere ("well-established"), and dropping it where the
    report writes it whole elsewhere; a soft hyphen is dropped otherwise, a hard one kept."""
    if first.endswith(("-", "\x02", "\u00ad")) and second[:1].islower():
        head = (_WORD.findall(first)[-1:] or [""])[0]
        tail = (_WORD.findall(second)[:1] or [""])[0]
        if words[f"{head}-{tail}".casefold()]:
            return first[:-1] + "-" + second
        if words[(head + tail).casefold()] or not first.endswith("-"):
            return first[:-1] + second
        return first + second
    if first.endswith(("\x02", "\u00ad")):
        return first[:-1] + second
    return f"{first} {second}"
