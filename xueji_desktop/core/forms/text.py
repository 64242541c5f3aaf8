"""Measuring, wrapping and drawing mixed-font text for the form renderer.

Chinese wraps between any two characters; a run of Latin letters and digits (an ID number, a
phone number, 学籍号) stays whole unless it alone is wider than the line. Closing punctuation never
starts a line and opening punctuation never ends one (the usual 避头尾 rule).
"""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

from xueji_desktop.core.forms.fonts import split_runs, text_width

__all__ = ["draw_line", "draw_lines", "fit_size", "line_height", "text_width", "wrap"]

LINE_SPACING = 1.25  # line height as a multiple of the font size
MIN_SIZE = 6.0

_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F@._\-+#/:'%]+|\s+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—,.;:!?)]}%·")
_NO_LINE_END = set("（《「『【〔〈“‘([{")


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: words, single CJK characters, whitespace; punctuation glued on."""
    raw = _WORD.findall(text)
    out: list[str] = []
    glue_next = False
    for tok in raw:
        if out and not tok.isspace() and (glue_next or tok[0] in _NO_LINE_START):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = tok[-1] in _NO_LINE_END and not tok.isspace()
    return out


def _break_word(word: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    cur = ""
    for ch in word:
        if cur and text_width(cur + ch, size) > width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def wrap(text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """``text`` broken into lines no wider than ``width`` at ``size`` (explicit \\n kept).

    The first line is ``first_indent`` points narrower (a paragraph's indent).
    """
    lines: list[str] = []

    def avail() -> float:
        return width - (first_indent if not lines else 0.0)

    for para in text.replace("\r\n", "\n").split("\n"):
        cur = ""
        for tok in _tokens(para):
            if tok.isspace():
                if cur:
                    cur += tok
                continue
            if text_width(cur + tok, size) <= avail():
                cur += tok
                continue
            if cur.strip():
                lines.append(cur.rstrip())
            cur = ""
            if text_width(tok, size) <= avail():
                cur = tok
            else:
                *full, cur = _break_word(tok, size, avail())
                lines.extend(full)
        lines.append(cur.rstrip())
    return lines


def fit_size(text: str, size: float, width: float) -> float:
    """The largest size ≤ ``size`` at which no Latin/digit word of ``text`` must be split."""
    words = [t for t in _WORD.findall(text) if len(t) > 1 and not t.isspace()]
    if not words or width <= 0:
        return size
    widest = max(text_width(w, size) for w in words)
    if widest <= width:
        return size
    return max(MIN_SIZE, size * width / widest * 0.98)


def line_height(size: float) -> float:
    return size * LINE_SPACING


def draw_line(
    c: Canvas, x: float, y: float, text: str, size: float, align: str = "left",
    width: float = 0.0, bold: bool = False,
) -> None:
    """Draw one line with its baseline at ``y``; ``x``/``width`` give the box for alignment."""
    if not text:
        return
    w = text_width(text, size)
    if align == "center":
        x += (width - w) / 2
    elif align == "right":
        x += width - w
    if bold:  # no bold CJK face: fill and stroke the outlines (render mode 2) for weight
        c.saveState()  # the text render mode outlives the text object: restore it after
        c.setLineWidth(size * 0.035)
    t = c.beginText(x, y)
    if bold:
        t.setTextRenderMode(2)
    for font, run in split_runs(text):
        t.setFont(font, size)
        t.textOut(run)
    c.drawText(t)
    if bold:
        c.restoreState()


def draw_lines(
    c: Canvas, x: float, top: float, lines: list[str], size: float, align: str = "left",
    width: float = 0.0, bold: bool = False,
) -> None:
    """Draw ``lines`` downward from ``top`` (the top of the first line box)."""
    lh = line_height(size)
    for i, line in enumerate(lines):
        baseline = top - i * lh - lh / 2 - size * 0.36
        draw_line(c, x, baseline, line, size, align, width, bold)
