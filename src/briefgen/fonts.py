"""The fonts a document names, found on this computer and measured from their own metrics.

A Word document names its fonts by family ("Arial", "Calibri"); LibreOffice renders them with
the font of that name or, where it is missing, with a font made to the same metrics (Arial with
Liberation Sans, Calibri with Carlito, Times New Roman with Liberation Serif). The same is done
here: the family, or its metric-compatible stand-in, is looked for among the fonts installed in
the usual places, and fontTools reads its advance widths and line height. A family that cannot
be found is measured with :data:`FALLBACK` (a wide sans-serif), widened by a safety factor.

What fontTools reads from the font files (each one's family and style, a face's widths and line
height) is the same until a font is installed, removed or changed, so it is kept in briefgen's
cache (``cache.py``), by the font files' names, sizes and times and the fontTools that read them:
a build with the same fonts neither opens them nor loads fontTools.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from . import cache as kept

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
    files = [
        path
        for folder in font_folders()
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in _SUFFIXES
    ]
    name = kept.key(_INSTALLED, _reader(), *(_stamp(path) for path in files))
    return kept.kept(_INSTALLED, name, lambda: _installed(files), _listed, _index)


def _listed(found: dict[tuple[str, bool, bool], Path]) -> bytes:
    """:func:`installed`'s index as it is kept."""
    rows = [[family, bold, italic, str(path)] for (family, bold, italic), path in found.items()]
    return json.dumps(rows).encode("utf-8")


def _installed(files: list[Path]) -> dict[tuple[str, bool, bool], Path]:
    """The index :func:`installed` gives, read from the font files themselves."""
    found: dict[tuple[str, bool, bool], Path] = {}
    for path in files:
        named = family_and_style(path)
        if named is None:
            continue
        family, style = named
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
    """The metrics of the font file at ``path`` (kept from before if it has not changed)."""
    name = kept.key(_METRICS, _reader(), _stamp(path))
    return Face(
        *kept.kept(_METRICS, name, lambda: _read_font(path), _kept_metrics, _metrics), factor
    )


def _kept_metrics(metrics: tuple[dict[int, float], float, float]) -> bytes:
    """A font file's metrics as they are kept."""
    advances, default, line = metrics
    kept = {"advances": list(advances.items()), "default": default, "line": line}
    return json.dumps(kept).encode("utf-8")


def _read_font(path: Path) -> tuple[dict[int, float], float, float]:
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
    return advances, default, line


def family_and_style(path: Path) -> tuple[str | None, int] | None:
    """A font file's family (fontTools' ``getBestFamilyName()``) and its OS/2 ``fsSelection``
    (0 without the table); None for a file fontTools cannot read. A plain font is read here
    (``font_names``), exactly as fontTools reads it; anything out of the ordinary by
    fontTools itself."""
    from .font_names import family_and_style as quickly

    found = quickly(path)
    if found is not None:
        return found
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        family = font["name"].getBestFamilyName()
        style = font["OS/2"].fsSelection if "OS/2" in font else 0
        font.close()
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError):
        return None
    return family, style


_INSTALLED = "fonts"
_METRICS = "font-metrics"


def _stamp(path: Path) -> str:
    """A font file as far as what is read from it may change: its name, size and time."""
    try:
        status = path.stat()
    except OSError:
        return f"{path}\0missing"
    return f"{path}\0{status.st_size}\0{status.st_mtime_ns}"


@cache
def _reader() -> str:
    """The fontTools that reads the fonts (its own files' state), found without loading it."""
    from importlib.util import find_spec

    spec = find_spec("fontTools")
    origin = spec.origin if spec is not None else None
    return _stamp(Path(origin)) if origin else "no fontTools"


def _index(data: bytes) -> dict[tuple[str, bool, bool], Path] | None:
    """A kept :func:`installed` index, or None where it is not one."""
    try:
        rows: Any = json.loads(data)
        if not isinstance(rows, list):
            return None
        found: dict[tuple[str, bool, bool], Path] = {}
        for family, bold, italic, path in rows:
            if not (isinstance(family, str) and isinstance(path, str)):
                return None
            if not (isinstance(bold, bool) and isinstance(italic, bool)):
                return None
            found[(family, bold, italic)] = Path(path)
        return found
    except (ValueError, TypeError):
        return None


def _metrics(data: bytes) -> tuple[dict[int, float], float, float] | None:
    """Kept metrics of a font file (advances, default width, line height), or None where they
    are not such."""
    try:
        found: Any = json.loads(data)
        if not isinstance(found, dict):
            return None
        advances = {}
        for code, width in found["advances"]:
            if not (type(code) is int and type(width) is float):
                return None
            advances[code] = width
        default, line = found["default"], found["line"]
        if not all(type(value) is float for value in (default, line)):
            return None
        return advances, default, line
    except (ValueError, TypeError, KeyError):
        return None
