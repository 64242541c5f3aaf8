"""The one renderer: a :class:`Form` (data) to a PDF with the bundled fonts embedded as subsets.

Every string is checked against the fonts before anything is drawn: a character no font has
raises :class:`MissingGlyphError` and no file is written (reportlab would silently leave a gap).
Output is written to a temporary name and renamed, so a failure never leaves half a PDF.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from xueji_desktop.core.forms.blocks import (
    DATE_LINE, Flow, Unit, grid_flow, paragraph_flow, signature_flow, table_flow,
)
from xueji_desktop.core.forms.fonts import (
    BODY_FONT, MissingGlyphError, missing_chars, register_fonts,
)
from xueji_desktop.core.forms.model import (
    BODY_SIZE, SMALL_SIZE, Block, Cell, Column, Form, Grid, Label, Paragraph, SignatureBox,
    SignatureRow, Table, Value, iter_texts,
)
from xueji_desktop.core.forms.text import draw_line, draw_lines, line_height, text_width, wrap

__all__ = [
    "Block", "Cell", "Column", "Form", "Grid", "Label", "MissingGlyphError", "Paragraph",
    "SignatureBox", "SignatureRow", "Table", "Value", "check_form", "render", "render_bytes",
]

TITLE_SIZE = 18.0  # 小二
SUBTITLE_SIZE = 12.0
BLOCK_GAP = 8.0
NOTES_PREFIX = "注："
MIN_FIT_SCALE = 0.8  # fit_one_page shrinks the whole page at most to this
_FIXED_TEXTS = (NOTES_PREFIX, DATE_LINE, "第 1 页 共 1 页", "0123456789．")
Progress = Callable[[int, int], None]  # (pages drawn, pages)


def check_form(form: Form) -> None:
    """Raise MissingGlyphError if any text of ``form`` has a character no bundled font draws."""
    for text in (*iter_texts(form), *_FIXED_TEXTS):
        if text and (missing := missing_chars(text)):
            raise MissingGlyphError(missing, context=text)


def _page_size(form: Form) -> tuple[float, float]:
    if form.page_size != "A4":
        raise ValueError(f"不支持的纸张：{form.page_size}")
    return landscape(A4) if form.orientation == "landscape" else A4


def _title_flow(form: Form, width: float) -> Flow:
    units = []
    t_lh = line_height(TITLE_SIZE)
    title_lines = wrap(form.title, TITLE_SIZE, width)
    h = len(title_lines) * t_lh + 4

    def draw_title(c: Canvas, left: float, top: float) -> None:
        draw_lines(c, left, top, title_lines, TITLE_SIZE, "center", width, bold=True)

    units.append(Unit(h, draw_title, keep_with_next=True))
    if form.subtitle:
        sub = form.subtitle

        def draw_sub(c: Canvas, left: float, top: float) -> None:
            draw_lines(c, left, top, [sub], SUBTITLE_SIZE, "center", width)

        units.append(Unit(line_height(SUBTITLE_SIZE) + 2, draw_sub, keep_with_next=True))
    units.append(Unit(4, lambda c, left, top: None, keep_with_next=True))
    for line in form.header_lines:
        parts = (line,) if isinstance(line, str) else tuple(line)

        def draw_header(c: Canvas, left: float, top: float, parts=parts) -> None:
            _draw_spread(c, left, top, parts, BODY_SIZE, width)

        units.append(Unit(line_height(BODY_SIZE) + 3, draw_header, keep_with_next=True))
    return Flow(units)


def _draw_spread(c: Canvas, left: float, top: float, parts: tuple[str, ...], size: float,
                 width: float) -> None:
    """One part sits left; two sit left and right; more are spread with equal gaps."""
    if len(parts) == 1:
        draw_lines(c, left, top, [parts[0]], size)
        return
    widths = [text_width(p, size) for p in parts]
    gap = (width - sum(widths)) / (len(parts) - 1)
    x = left
    for part, w in zip(parts, widths):
        draw_lines(c, x, top, [part], size)
        x += w + max(gap, size)


def _notes_flows(form: Form, width: float) -> list[Flow]:
    flows = []
    numbered = len(form.notes) > 1
    for i, note in enumerate(form.notes):
        if numbered:
            prefix = (NOTES_PREFIX if i == 0 else "　　") + f"{i + 1}．"
        else:
            prefix = NOTES_PREFIX
        flows.append(paragraph_flow(Paragraph(note, SMALL_SIZE), width, prefix=prefix))
        flows[-1].joined = i > 0
    if form.copies_note:
        flows.append(paragraph_flow(Paragraph(form.copies_note, SMALL_SIZE), width))
        flows[-1].joined = bool(form.notes)
    return flows


def _block_flow(block: Block, width: float) -> Flow:
    if isinstance(block, Grid):
        return grid_flow(block, width)
    if isinstance(block, Table):
        return table_flow(block, width)
    if isinstance(block, SignatureRow):
        return signature_flow(block, width)
    if isinstance(block, Paragraph):
        return paragraph_flow(block, width)
    if callable(getattr(block, "flow", None)):  # a block that lays itself out (a chart, a heading)
        return block.flow(width)
    raise TypeError(f"unknown form block: {type(block).__name__}")


Placed = list[tuple[Unit, float]]  # (unit, y of its top) on one page


def _paginate(flows: list[Flow], top: float, bottom: float) -> list[Placed]:
    items = [(unit, flow, i == 0) for flow in flows for i, unit in enumerate(flow.units)]
    pages: list[Placed] = [[]]
    y = top
    for k, (unit, flow, first) in enumerate(items):
        gap = BLOCK_GAP if first and not flow.joined and pages[-1] else 0.0
        need = gap + unit.height
        j = k
        while items[j][0].keep_with_next and j + 1 < len(items):  # keep headings with what follows
            j += 1
            need += items[j][0].height
        chained = bool(pages[-1]) and pages[-1][-1][0].keep_with_next
        if y - need < bottom and pages[-1] and not chained:
            pages.append([])
            y, gap = top, 0.0
            if flow.header is not None and unit is not flow.header:
                pages[-1].append((flow.header, y))
                y -= flow.header.height
        pages[-1].append((unit, y - gap))
        y -= gap + unit.height
    return pages


def render_bytes(form: Form, *, invariant: bool = True) -> bytes:
    """The PDF of ``form`` as bytes. ``invariant`` fixes dates and ids: same form, same bytes."""
    return _render(form, invariant)[0]


def _layout(form: Form, scale: float, progress: Progress | None = None) -> list[Placed]:
    """Paginate ``form`` on a page enlarged by 1/``scale`` (drawn shrunk by ``scale``); ``progress(blocks laid
    out, blocks)``."""
    page_w, page_h = _page_size(form)
    margin = form.margin / scale
    width = page_w / scale - 2 * margin
    flows = [_title_flow(form, width)]
    for n, b in enumerate(form.blocks, start=1):
        flows.append(_block_flow(b, width))
        if progress is not None:
            progress(n, len(form.blocks))
    notes = _notes_flows(form, width)
    if notes and flows[-1].units:  # notes never stand alone on a last page
        flows[-1].units[-1].keep_with_next = True
    flows += notes
    return _paginate(flows, page_h / scale - margin, margin)


def _stage(progress: Progress | None, name: str) -> None:
    """Tells a progress callback that has a `stage` method which count follows: "layout" (blocks laid out),
    then "pages" (pages drawn); each count runs from 1 to its total."""
    stage = getattr(progress, "stage", None)
    if stage is not None:
        stage(name)


def _render(form: Form, invariant: bool, progress: Progress | None = None) -> tuple[bytes, int]:
    register_fonts()
    check_form(form)
    page_w, page_h = _page_size(form)
    scale = 1.0
    _stage(progress, "layout")
    pages = _layout(form, scale, progress)
    while form.fit_one_page and len(pages) > 1 and scale > MIN_FIT_SCALE + 1e-9:
        scale = round(scale - 0.02, 2)
        pages = _layout(form, scale)

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w, page_h), invariant=1 if invariant else 0,
               pageCompression=1, initialFontName=BODY_FONT, initialFontSize=BODY_SIZE)
    c.setTitle(form.title)
    c.setCreator("学籍桌面 xueji-desktop")
    _stage(progress, "pages")
    for n, placed in enumerate(pages, start=1):
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        c.saveState()
        c.scale(scale, scale)
        for unit, y in placed:
            unit.draw(c, form.margin / scale, y)
        c.restoreState()
        if len(pages) > 1:
            draw_line(c, 0, form.margin / 2, f"第 {n} 页 共 {len(pages)} 页", SMALL_SIZE,
                      "center", page_w)
        c.showPage()
        if progress is not None:  # may raise to stop: nothing has been written yet
            progress(n, len(pages))
    c.save()
    return buf.getvalue(), len(pages)


def render(form: Form, out: str | os.PathLike | BinaryIO, *, invariant: bool = True,
           progress: Progress | None = None) -> int:
    """Draw ``form`` into ``out`` (a path or a binary file object); returns the page count.

    Raises MissingGlyphError before anything is written if a character cannot be printed. ``progress(done,
    total)`` is called after each block is laid out, then after each page is drawn (see `_stage`); an
    exception it raises stops the work with nothing written.
    """
    data, pages = _render(form, invariant, progress)
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        return pages
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")  # umask permissions, unlike mkstemp
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return pages
