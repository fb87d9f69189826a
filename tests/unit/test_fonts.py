"""fonts.py: the fonts a document names, found on this computer (or their metric-compatible
stand-ins, as LibreOffice uses them) and measured from their own metrics; checked against the
font file fontconfig renders with, read independently (``helpers.text_width_pt``)."""

from __future__ import annotations

import sys

import pytest

from briefgen.fonts import FALLBACK, STAND_INS, UNKNOWN_FACTOR, face, font_folders, installed

from ..helpers import font_file, text_width_pt


def test_fonts_are_looked_for_where_this_system_keeps_them():
    folders = [str(p) for p in font_folders()]
    if sys.platform.startswith("linux"):
        assert folders[:2] == ["/usr/share/fonts", "/usr/local/share/fonts"]
    assert any(p.is_dir() for p in font_folders())


def test_installed_fonts_are_known_by_family_weight_and_slant():
    fonts = installed()
    assert fonts, "no font installed"
    for (family, bold, italic), path in fonts.items():
        assert family == family.lower() and isinstance(bold, bool) and isinstance(italic, bool)
        assert path.is_file()
    if ("liberation sans", False, False) in fonts:
        assert ("liberation sans", True, False) in fonts  # LibreOffice's fonts, every weight


@pytest.mark.parametrize("family", ["Arial", "Calibri"])
def test_a_family_is_measured_as_the_font_that_renders_it(family):
    if not any(name.lower() in {k[0] for k in installed()} for name in STAND_INS[family.lower()]):
        pytest.skip(f"no stand-in for {family} installed")
    measured = face(family)
    assert measured.factor == 1.0 and 1.0 < measured.line < 1.5
    for text in ("improvement", "Requires improvement", "Police and Crime Committee"):
        expected = text_width_pt(text, 11, font_file(family))
        assert measured.width(text, 11) == pytest.approx(expected, rel=1e-6)
    assert measured.width("improvement", 22) == pytest.approx(2 * measured.width("improvement", 11))


def test_bold_is_wider_and_a_missing_family_is_measured_wide():
    assert face("Arial", bold=True).width("improvement", 11) > face("Arial").width(
        "improvement", 11
    )
    missing = face("A family no computer has")
    assert missing.factor == UNKNOWN_FACTOR
    fallback = next(
        (face(name) for name in FALLBACK if (name.lower(), False, False) in installed()), None
    )
    if fallback is not None:
        assert missing.width("improvement", 11) == pytest.approx(
            fallback.width("improvement", 11) * UNKNOWN_FACTOR
        )


def test_a_character_the_font_lacks_is_given_its_default_width():
    measured = face("Arial")
    lacking = "\U0001f600"  # an emoji: not in a text font
    assert measured.width(lacking, 10) == pytest.approx(measured.default * 10 * measured.factor)
