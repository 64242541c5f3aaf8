"""The bundled CJK font files and their families, without reportlab.

The window's application font takes them from here (gui.qt_setup: the file list for
QFontDatabase.addApplicationFont, the family chain) so the start does not import reportlab;
core.forms.fonts registers the same files with reportlab when a form is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xueji_desktop.paths import FONTS_DIR


@dataclass(frozen=True)
class FontSpec:
    name: str  # the name registered with reportlab
    file: str  # file name inside FONTS_DIR
    family: str  # the family name Qt reports after QFontDatabase.addApplicationFont
    subfont: int = 0  # face index inside a .ttc collection


FONT_CHAIN: tuple[FontSpec, ...] = (
    FontSpec("XJ-UMingCN", "XJ-UMingCN.ttf", "XJ UMing CN"),
    FontSpec("XJ-HanziA", "XJ-HanziA.ttf", "XJ Hanzi A"),
    FontSpec("XJ-HanziB", "XJ-HanziB.ttf", "XJ Hanzi B"),
)


def font_files() -> list[Path]:
    """The font files in fallback order, for QFontDatabase.addApplicationFont and the installer."""
    return [FONTS_DIR / spec.file for spec in FONT_CHAIN]


def font_specs() -> tuple[FontSpec, ...]:
    return FONT_CHAIN
