"""Each block of a form cut into units: pieces of known height that the engine places on pages.

A unit draws itself from the top-left corner it is given. Grids break only between rows that no
rowspan joins; a Table repeats its header row on every page it reaches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from xueji_desktop.core.forms.model import Cell, Grid, Paragraph, SignatureRow, Table
from xueji_desktop.core.forms.text import draw_lines, fit_size, line_height, text_width, wrap

PAD_X = 3.5  # text inset from a cell's left and right rules
PAD_Y = 2.5
RULE = 0.7  # line width of the ruling
DATE_LINE = "年　　月　　日"

Draw = Callable[[Canvas, float, float], None]  # (canvas, left, top)


@dataclass
class Unit:
    height: float
    draw: Draw
    keep_with_next: bool = False


@dataclass
class Flow:
    """A block's units, in order; ``header`` is re-drawn at the top of each continuation page."""

    units: list[Unit]
    joined: bool = False
    header: Unit | None = None


def scale(weights: list[float], total: float) -> list[float]:
    s = float(sum(weights))
    return [w * total / s for w in weights]


@dataclass
class _Text:
    lines: list[str]
    size: float
    height: float  # the height the text needs, padding included


def _layout_text(text: str, size: float, width: float) -> _Text:
    inner = max(width - 2 * PAD_X, 1.0)
    size = fit_size(text, size, inner)
    lines = wrap(text, size, inner) if text else []
    return _Text(lines, size, len(lines) * line_height(size) + 2 * PAD_Y)


def _draw_cell(c: Canvas, x: float, top: float, w: float, h: float, cell: Cell, t: _Text) -> None:
    c.setLineWidth(RULE)
    c.rect(x, top - h, w, h, stroke=1, fill=0)
    text_h = len(t.lines) * line_height(t.size)
    draw_lines(c, x + PAD_X, top - (h - text_h) / 2, t.lines, t.size, cell.alignment,
               w - 2 * PAD_X, cell.bold)


def _place(grid: Grid) -> list[tuple[int, int, Cell]]:
    ncols, nrows = len(grid.widths), len(grid.rows)
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(grid.rows):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            if col + cell.colspan > ncols or r + cell.rowspan > nrows:
                raise ValueError(f"表格第{r + 1}行的“{cell.text}”超出表格范围")
            for rr in range(r, r + cell.rowspan):
                for cc in range(col, col + cell.colspan):
                    taken.add((rr, cc))
            placed.append((r, col, cell))
            col += cell.colspan
        if any((r, cc) not in taken for cc in range(ncols)):
            raise ValueError(f"表格第{r + 1}行没有填满{ncols}列")
    return placed


def grid_flow(grid: Grid, width: float) -> Flow:
    xs = [0.0]
    for w in scale(grid.widths, width):
        xs.append(xs[-1] + w)
    placed = _place(grid)
    nrows = len(grid.rows)
    texts = {}
    heights = [grid.min_row_height] * nrows
    for r, col, cell in sorted(placed, key=lambda p: p[2].rowspan):
        w = xs[col + cell.colspan] - xs[col]
        t = texts[(r, col)] = _layout_text(cell.text, grid.font_size, w)
        need = max(t.height, cell.min_height)
        have = sum(heights[r:r + cell.rowspan])
        if need > have:  # grow the spanned rows evenly
            for rr in range(r, r + cell.rowspan):
                heights[rr] += (need - have) / cell.rowspan
    tops = [0.0]
    for h in heights:
        tops.append(tops[-1] + h)
    # a page may break before row r only where no cell spans across it
    breaks = [r for r in range(1, nrows)
              if not any(r0 < r < r0 + cell.rowspan for r0, _, cell in placed)]
    units = []
    for start, end in zip([0, *breaks], [*breaks, nrows]):
        cells = [(r, col, cell) for r, col, cell in placed if start <= r < end]

        def draw(c: Canvas, left: float, top: float, cells=cells, start=start) -> None:
            for r, col, cell in cells:
                h = tops[r + cell.rowspan] - tops[r]
                _draw_cell(c, left + xs[col], top - (tops[r] - tops[start]),
                           xs[col + cell.colspan] - xs[col], h, cell, texts[(r, col)])

        units.append(Unit(tops[end] - tops[start], draw))
    return Flow(units, joined=grid.joined)


def _row_unit(cells: list[Cell], xs: list[float], size: float, min_h: float) -> Unit:
    texts = [_layout_text(cell.text, size, xs[i + 1] - xs[i]) for i, cell in enumerate(cells)]
    h = max([min_h, *(t.height for t in texts)])

    def draw(c: Canvas, left: float, top: float) -> None:
        for i, cell in enumerate(cells):
            _draw_cell(c, left + xs[i], top, xs[i + 1] - xs[i], h, cell, texts[i])

    return Unit(h, draw)


def table_flow(table: Table, width: float) -> Flow:
    xs = [0.0]
    for w in scale([col.width for col in table.columns], width):
        xs.append(xs[-1] + w)
    header_cells = [Cell(col.header, is_label=True) for col in table.columns]
    header = _row_unit(header_cells, xs, table.font_size, table.min_row_height)
    header.keep_with_next = True
    units = [header]
    for row in table.rows:
        if len(row) != len(table.columns):
            raise ValueError(f"名册的一行有{len(row)}项，表头有{len(table.columns)}列")
        cells = [Cell("" if v is None else str(v), align=col.align)
                 for v, col in zip(row, table.columns)]
        units.append(_row_unit(cells, xs, table.font_size, table.min_row_height))
    return Flow(units, joined=table.joined, header=header if table.repeat_header else None)


def signature_flow(row: SignatureRow, width: float) -> Flow:
    xs = [0.0]
    for w in scale([b.width for b in row.boxes], width):
        xs.append(xs[-1] + w)
    size, lh = row.font_size, line_height(row.font_size)
    laid = []
    for i, box in enumerate(row.boxes):
        inner = xs[i + 1] - xs[i] - 2 * PAD_X - 2
        cap = wrap(box.caption, size, inner)
        body = wrap(box.text, size, inner) if box.text else []
        laid.append((cap, body))
    need = max((len(cap) + len(body) + 2) * lh + 4 * PAD_Y for cap, body in laid)
    h = max(row.height, need)

    def draw(c: Canvas, left: float, top: float) -> None:
        for i, box in enumerate(row.boxes):
            x, w = left + xs[i], xs[i + 1] - xs[i]
            c.setLineWidth(RULE)
            c.rect(x, top - h, w, h, stroke=1, fill=0)
            cap, body = laid[i]
            draw_lines(c, x + PAD_X + 2, top - PAD_Y * 2, cap, size)
            draw_lines(c, x + PAD_X + 2, top - PAD_Y * 2 - len(cap) * lh, body, size)
            if box.date_line:
                draw_lines(c, x, top - h + PAD_Y * 2 + lh, [DATE_LINE], size, "right",
                           w - PAD_X - 6)

    return Flow([Unit(h, draw)], joined=row.joined)


def paragraph_flow(p: Paragraph, width: float, prefix: str = "") -> Flow:
    """A paragraph cut into line units; ``prefix`` (such as 注：) hangs to its left."""
    lh = line_height(p.font_size)
    pad = PAD_X + 2 if p.boxed else 0.0
    hang = text_width(prefix, p.font_size) if prefix else 0.0
    indent = p.first_line_indent * p.font_size
    lines = wrap(p.text, p.font_size, width - 2 * pad - hang, first_indent=indent)
    if p.boxed:  # one unit: the box is not split across pages
        h = len(lines) * lh + 4 * PAD_Y

        def draw_box(c: Canvas, left: float, top: float) -> None:
            c.setLineWidth(RULE)
            c.rect(left, top - h, width, h, stroke=1, fill=0)
            _draw_para(c, left + pad, top - 2 * PAD_Y, lines, p, width - 2 * pad, indent, prefix,
                       hang)

        return Flow([Unit(h, draw_box)], joined=p.joined)
    units = []
    for i, line in enumerate(lines):
        def draw(c: Canvas, left: float, top: float, i=i, line=line) -> None:
            _draw_para(c, left, top, [line], p, width, indent if i == 0 else 0.0,
                       prefix if i == 0 else "", hang)

        units.append(Unit(lh, draw))
    return Flow(units, joined=p.joined)


def _draw_para(c, x, top, lines, p: Paragraph, width, indent, prefix, hang) -> None:
    lh = line_height(p.font_size)
    if prefix:
        draw_lines(c, x, top, [prefix], p.font_size, bold=p.bold)
    for i, line in enumerate(lines):
        dx = hang + (indent if i == 0 else 0.0)
        draw_lines(c, x + dx, top - i * lh, [line], p.font_size, p.align, width - dx, p.bold)
