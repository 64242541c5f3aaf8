"""The bundled CJK fonts: registration with reportlab, per-character fallback, glyph checks.

Three TrueType files in ``resources/fonts`` (subsets made by scripts/subset_fonts.py; see
LICENSES.md there), tried in this order:

1. XJ UMing CN (from AR PL UMing CN): the body font. Song/Ming style with mainland glyph
   shapes; covers GB 2312/GBK, Latin and CJK punctuation.
2. XJ Hanzi A (from HanaMinA): the rest of the BMP ideographs and CJK Ext-A (㛃, 䶮 …), symbols.
3. XJ Hanzi B (from HanaMinB): CJK Ext-B to Ext-F (𠮷 U+20BB7 …) that A lacks.

Nothing is read until the first form is made (:func:`register_fonts`, or the first lookup), and
each fallback font only when a character needs it.

reportlab silently draws nothing for a character its font lacks, so every string goes through
:func:`split_runs`, and a form refuses to print (:class:`MissingGlyphError`) rather than drop one.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from xueji_desktop.paths import FONTS_DIR

from .font_files import FONT_CHAIN, FontSpec, font_files, font_specs  # noqa: F401 (the file list lives there, reportlab-free)

BODY_FONT = FONT_CHAIN[0].name

# UMing's 。 and 、 sit centred in the em box (the Taiwan convention, shared by all four faces
# of the collection); mainland text (GB/T 15834) puts them at the bottom left, as HanaMinA does
# (the subset keeps these two in XJ Hanzi A for this reason: scripts/subset_fonts.py STYLE_OVERRIDES).
_STYLE_OVERRIDES = {"\u3001": "XJ-HanziA", "\u3002": "XJ-HanziA"}

# Not drawn: line breaks are layout, variation selectors only pick a glyph variant
# (the base character is printed with the font's default shape).
_LAYOUT_CHARS = frozenset("\n\r\t")


def _is_ignorable(ch: str) -> bool:
    cp = ord(ch)
    return ch in _LAYOUT_CHARS or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


class MissingGlyphError(Exception):
    """A character that no bundled font can draw; the message is for the registrar."""

    def __init__(self, chars: list[str], context: str | None = None):
        self.chars = list(chars)
        self.context = context
        named = "、".join(f"“{c}”(U+{ord(c):04X})" for c in self.chars)
        message = f"无法打印：字体中没有{named}，请联系技术支持"
        if context:
            message += f"（所在内容：“{context}”）"
        super().__init__(message)


_lock = threading.Lock()
_registered: dict[str, TTFont] = {}


def _register(spec: FontSpec) -> TTFont:
    """``spec``'s font registered with reportlab (once per process; reportlab reads the whole file)."""
    font = _registered.get(spec.name)
    if font is not None:
        return font
    with _lock:
        if spec.name not in _registered:
            path = FONTS_DIR / spec.file
            if not path.is_file():
                raise FileNotFoundError(f"缺少字体文件：{path}，请重新安装本软件")
            font = TTFont(spec.name, str(path), subfontIndex=spec.subfont)
            pdfmetrics.registerFont(font)
            _patch_to_unicode()
            _registered[spec.name] = font
    return _registered[spec.name]


def register_fonts() -> tuple[str, ...]:
    """Register the body font with reportlab (once per process) and return the chain's names.

    The fallback fonts are registered the first time a character needs one (XJ Hanzi B, 29 MB,
    only for a character of Ext-B to Ext-F that the others lack), so a form of common names keeps
    them out of memory."""
    _register(FONT_CHAIN[0])
    return tuple(spec.name for spec in FONT_CHAIN)


def _coverage() -> list[tuple[str, dict[int, int]]]:
    """Every font of the chain registered, with its cmap."""
    return [(spec.name, _register(spec).face.charToGlyph) for spec in FONT_CHAIN]


_BY_NAME = {spec.name: spec for spec in FONT_CHAIN}


@lru_cache(maxsize=65536)
def _font_or_none(ch: str) -> str | None:
    cp = ord(ch)
    preferred = _STYLE_OVERRIDES.get(ch)
    chain = [_BY_NAME[preferred], *FONT_CHAIN] if preferred else FONT_CHAIN
    for spec in chain:  # a later font is read only when the earlier ones lack the character
        if _register(spec).face.charToGlyph.get(cp):  # glyph 0 is .notdef: not a real glyph
            return spec.name
    return None


def font_for(char: str) -> str:
    """The first font in the chain whose cmap covers ``char``; MissingGlyphError if none does."""
    if len(char) != 1:
        raise ValueError(f"font_for takes one character, got {char!r}")
    if _is_ignorable(char):
        return BODY_FONT
    name = _font_or_none(char)
    if name is None:
        raise MissingGlyphError([char])
    return name


def missing_chars(text: str) -> list[str]:
    """Characters of ``text`` no bundled font can draw, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and not _is_ignorable(ch) and _font_or_none(ch) is None:
            seen[ch] = None
    return list(seen)


def check_text(text: str) -> None:
    """Raise MissingGlyphError naming every undrawable character of ``text``."""
    missing = missing_chars(text)
    if missing:
        raise MissingGlyphError(missing, context=text)


def split_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (font name, text) runs, each drawable in its one font.

    Line-break characters and variation selectors are dropped (they are not drawn).
    """
    runs: list[tuple[str, str]] = []
    cur_font: str | None = None
    buf: list[str] = []
    for ch in text:
        if _is_ignorable(ch):
            continue
        name = _font_or_none(ch)
        if name is None:
            raise MissingGlyphError([ch], context=text)
        if name != cur_font and buf:
            runs.append((cur_font, "".join(buf)))  # type: ignore[arg-type]
            buf = []
        cur_font = name
        buf.append(ch)
    if buf:
        runs.append((cur_font, "".join(buf)))  # type: ignore[arg-type]
    return runs


@lru_cache(maxsize=65536)
def _unit_width(ch: str) -> float | None:
    """Width of ``ch`` at 1000 pt in its font of the chain (0 for what is not drawn); None: no font has it."""
    if _is_ignorable(ch):
        return 0.0
    name = _font_or_none(ch)
    return None if name is None else pdfmetrics.stringWidth(ch, name, 1000.0)


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` drawn with the fallback chain at ``size`` (TrueType advances add up:
    no kerning, so per-character widths are cached; a 2,500-row roster measures each cell several times)."""
    total = 0.0
    for ch in text:
        w = _unit_width(ch)
        if w is None:
            raise MissingGlyphError([ch], context=text)
        total += w
    return total * size / 1000.0


# reportlab writes each ToUnicode entry as "<%04X>", which for a code point above U+FFFF gives
# five or six hex digits instead of a UTF-16 surrogate pair: 𠮷 then extracts and copies as
# garbage. Same CMap, with the destination written as UTF-16BE as the PDF specification wants.
def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    entries = [
        "<%02X> <%s>" % (i, chr(cp).encode("utf-16-be", "surrogatepass").hex().upper())
        for i, cp in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            "<< /Registry (%s)" % fontname,
            "/Ordering (%s)" % fontname,
            "/Supplement 0",
            ">> def",
            "/CMapName /%s def" % fontname,
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <%02X>" % (len(subset) - 1),
            "endcodespacerange",
            "%d beginbfchar" % len(subset),
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _patch_to_unicode() -> None:
    if getattr(ttfonts.makeToUnicodeCMap, "__name__", "") != _to_unicode_cmap.__name__:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
