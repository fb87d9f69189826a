"""The fonts a document names, found on this computer and measured from their own metrics.

A Word document names its fonts by family ("Arial", "Calibri"); LibreOffice renders them with
the font of that name or, where it is missing, with a font made to the same metrics (Arial with
Liberation Sans, Calibri with Carlito, Times New Roman with Liberation Serif). The same is done
here: the family, or its metric-compatible stand-in, is looked for among the fonts installed in
the usual places, and fontTools reads its advance widths and line height. A family that cannot
be found is measured with :data:`FALLBACK` (a wide sans-serif), widened by a safety factor.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

#: Families and the fonts made to the same metrics, tried in order after the family itself.
STAND_INS = {
    "arial": ["Liberation Sans", "Arimo"],
    "helvetica": ["Liberation Sans", "Arimo", "Arial"],
    "calibri": ["Carlito"],
    "cambria": ["Caladea"],
    "times new roman": ["Liberation Serif", "Tinos"],
    "times": ["Liberation Serif", "Tinos", "Times New Roman"],
    "courier new": ["Liberation Mono", "Cousine"],
    "arial narrow": ["Liberation Sans Narrow"],
}
#: What a family that cannot be found is measured with.
FALLBACK = ["Liberation Sans", "Arial", "Arimo", "DejaVu Sans", "Helvetica"]
#: How much wider than the fallback font a family that cannot be found is taken to be.
UNKNOWN_FACTOR = 1.15
_SUFFIXES = (".ttf", ".otf", ".ttc")
# fontTools logs a font's odd creation date as a warning: nothing an officer can act on.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


class Face(NamedTuple):
    """One font file's metrics: advance widths by character and the line height, in ems."""

    advances: dict[int, float]  # character code → width in ems
    default: float  # width of a character the font lacks, in ems
    line: float  # the height of a single line, in ems
    factor: float  # 1, or UNKNOWN_FACTOR for a stand-in of a missing family

    def width(self, text: str, points: float) -> float:
        """The width of ``text`` at ``points``, in points."""
        get = self.advances.get
        return sum(get(ord(c), self.default) for c in text) * points * self.factor


def font_folders() -> list[Path]:
    """Where fonts are installed on this system, for everyone and for this user."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library/Fonts",
            Path("/Applications/Microsoft Word.app/Contents/Resources/DFonts"),
        ]
    data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path(data) / "fonts",
        home / ".fonts",
    ]


@cache
def installed() -> dict[tuple[str, bool, bool], Path]:
    """(family in lower case, bold, italic) → font file, for every font installed."""
    from fontTools.ttLib import TTFont, TTLibError

    found: dict[tuple[str, bool, bool], Path] = {}
    for folder in font_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in _SUFFIXES:
                continue
            try:
                font = TTFont(path, lazy=True, fontNumber=0)
                family = font["name"].getBestFamilyName()
                style = font["OS/2"].fsSelection if "OS/2" in font else 0
                font.close()
            except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError):
                continue
            if family:
                found.setdefault((family.lower(), bool(style & 0x20), bool(style & 0x01)), path)
    return found


@cache
def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """The metrics LibreOffice would lay ``family`` out with (its stand-in if missing)."""
    fonts = installed()
    names = [family, *STAND_INS.get(family.lower(), [])]
    for factor, candidates in ((1.0, names), (UNKNOWN_FACTOR, FALLBACK)):
        for name in candidates:
            for style in ((bold, italic), (bold, False), (False, False)):
                path = fonts.get((name.lower(), *style))
                if path is not None:
                    return _read(path, factor)
    return Face({}, 0.62, 1.3, 1.0)  # no font at all: wide, tall estimates


def _read(path: Path, factor: float) -> Face:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        advances = {
            code: metrics[glyph][0] / units for code, glyph in cmap.items() if glyph in metrics
        }
        hhea = font["hhea"]
        line = (hhea.ascent - hhea.descent + hhea.lineGap) / units
        if "OS/2" in font:
            os2 = font["OS/2"]
            line = max(line, (os2.usWinAscent + os2.usWinDescent) / units)
        default = metrics[".notdef"][0] / units if ".notdef" in metrics else 0.6
    finally:
        font.close()
    return Face(advances, default, line, factor)
