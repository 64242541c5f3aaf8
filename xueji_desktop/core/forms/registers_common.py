"""What the school's registers and rosters share: a register as data (the school's header, the period, a
summary, sections of rows under one set of columns, the signature and stamp lines, the notes), drawn as a
PDF by the form engine and written as an Excel workbook with the same columns; and which register a
region keeps under which title, read from the profile (``forms.registers``), never from the code.

The PDF: the title, the header lines, the summary grid, then each section (its heading kept with the
table's first rows; the column headers repeat at the top of every page the table reaches), then the
signatures (学籍管理员, 校长, 学校盖章) and the notes; every page numbered 第 N 页 共 M 页.
The workbook: one sheet per section (a 汇总 sheet first where there is a summary), the same header lines,
the column headers frozen and repeated on every printed page, every cell text (a 学籍号 or an ID number
never becomes a number), the signature line and the notes under the table.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .blocks import Flow, Unit
from .engine import Progress, render
from .model import (
    BODY_SIZE,
    SMALL_SIZE,
    Column,
    Form,
    Grid,
    Label,
    Paragraph,
    SignatureBox,
    SignatureRow,
    Table,
    Value,
)
from .register_specs import (  # noqa: F401 — part of this module's face
    KIND_NAMES,
    REGISTER_KINDS,
    RegisterError,
    RegisterSpec,
    find_register,
    region_registers,
)
from .text import draw_lines, line_height, wrap
from .workbooks import save_workbook

SIGNATURES = ("填表人（学籍管理员）签字：", "校长签字：", "学校（盖章）")
EMPTY_ROW = "（本期无）"
PROGRESS_ROWS = 100  # workbook rows between progress calls


@dataclass
class Section:
    heading: str  # printed above the table ("" for none); also the sheet's name in the workbook
    rows: list[list[str]]
    sheet: str = ""


@dataclass
class Register:
    title: str
    header: list[tuple[str, ...]]  # lines spread across the page under the title
    columns: list[Column]
    sections: list[Section]
    summary: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (label, value) pairs
    notes: list[str] = field(default_factory=list)
    orientation: str = "landscape"
    empty_text: str = EMPTY_ROW
    signatures: tuple[str, ...] = SIGNATURES


# ── PDF ─────────────────────────────────────────────────────────────────────────────────────────

@dataclass
class Heading:
    """A section's heading: bold, kept on the page with the table's header and first row."""

    text: str
    size: float = BODY_SIZE

    def texts(self) -> list[str]:
        return [self.text]

    def flow(self, width: float) -> Flow:
        lines = wrap(self.text, self.size, width)
        h = len(lines) * line_height(self.size) + 4

        def draw(c: Canvas, left: float, top: float) -> None:
            draw_lines(c, left, top - 2, lines, self.size, bold=True)

        return Flow([Unit(h, draw, keep_with_next=True)])


def _summary_grid(summary: list[list[tuple[str, str]]]) -> Grid:
    pairs = max(len(row) for row in summary)
    rows = []
    for row in summary:
        cells = []
        for i, (label, value) in enumerate(row):
            last = i == len(row) - 1
            span = 1 + 2 * (pairs - len(row)) if last else 1
            cells += [Label(label), Value(value, colspan=span)]
        rows.append(cells)
    return Grid(rows, widths=[1.0, 1.3] * pairs, font_size=SMALL_SIZE + 1, min_row_height=22.0)


def to_form(reg: Register) -> Form:
    blocks: list = []
    if reg.summary:
        blocks.append(_summary_grid(reg.summary))
    for section in reg.sections:
        if section.heading:
            blocks.append(Heading(section.heading))
        blocks.append(Table(list(reg.columns), section.rows, font_size=SMALL_SIZE, min_row_height=18.0))
        if not section.rows:  # one ruled line across the table, under its header
            blocks.append(Paragraph(reg.empty_text, SMALL_SIZE, align="center", boxed=True, joined=True))
    blocks.append(SignatureRow([SignatureBox(cap) for cap in reg.signatures], height=72.0))
    return Form(title=reg.title, header_lines=list(reg.header), blocks=blocks, notes=list(reg.notes),
                orientation=reg.orientation)  # type: ignore[arg-type]


def render_pdf(reg: Register, path: str | os.PathLike, progress: Progress | None = None) -> int:
    """The register as a PDF at ``path`` (written whole or not at all); returns the page count.
    ``progress(pages drawn, pages)``; an exception it raises leaves no file."""
    return render(to_form(reg), path, progress=progress)


# ── Excel ───────────────────────────────────────────────────────────────────────────────────────

_BAD_SHEET = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(wanted: str, taken: set[str]) -> str:
    base = (wanted.translate(_BAD_SHEET) or "名册")[:31]
    name, n = base, 2
    while name in taken:
        suffix = f"（{n}）"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def write_xlsx(reg: Register, path: str | os.PathLike, progress: Progress | None = None) -> Path:
    """The register as a workbook: a 汇总 sheet (with a summary), then one sheet per section with the same
    columns as the PDF; written to a temporary name and renamed, so a failure leaves no half file.
    ``progress(rows written, rows)`` every `PROGRESS_ROWS` rows; an exception it raises leaves no file."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    def text(v: object) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", "" if v is None else str(v))

    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    ncols = len(reg.columns)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    rows_total, rows_done = sum(len(section.rows) for section in reg.sections), 0

    def top(ws, width: int) -> None:
        ws.append([text(reg.title)])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(1, 1).font = Font(bold=True, size=14)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        for line in reg.header:
            ws.append(["　　".join(text(p) for p in line)])

    def foot(ws) -> None:
        ws.append([])
        ws.append(["　　　　".join(reg.signatures) + "　　　　填表日期：　　年　　月　　日"])
        for i, note in enumerate(reg.notes, 1):
            ws.append([text(f"注{i}：{note}" if len(reg.notes) > 1 else f"注：{note}")])

    def as_text(ws) -> None:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.number_format = "@"

    if reg.summary:
        ws = wb.create_sheet(_sheet_name("汇总", taken))
        top(ws, 2)
        ws.append([])
        ws.append(["项目", "内容"])
        for cell in ws[ws.max_row]:
            cell.font, cell.border = bold, ruled
        for row in reg.summary:
            for label, value in row:
                ws.append([text(label), text(value)])
                for cell in ws[ws.max_row]:
                    cell.border = ruled
        foot(ws)
        as_text(ws)
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 80
    for section in reg.sections or [Section("", [])]:
        ws = wb.create_sheet(_sheet_name(section.sheet or section.heading or reg.title, taken))
        top(ws, ncols)
        if section.heading:
            ws.append([text(section.heading)])
            ws.cell(ws.max_row, 1).font = bold
        ws.append([text(c.header.replace("\n", "")) for c in reg.columns])
        head = ws.max_row
        for cell in ws[head]:
            cell.font, cell.border = bold, ruled
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in section.rows:
            ws.append([text(v) for v in row])
            for cell in ws[ws.max_row]:
                cell.border = ruled
            rows_done += 1
            if progress is not None and rows_done % PROGRESS_ROWS == 0:
                progress(rows_done, rows_total)
        if not section.rows:
            ws.append([reg.empty_text])
        foot(ws)
        as_text(ws)
        ws.freeze_panes = ws.cell(head + 1, 1)
        ws.print_title_rows = f"{head}:{head}"
        ws.page_setup.orientation = reg.orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        total = sum(c.width for c in reg.columns)
        for i, c in enumerate(reg.columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(5.0, 130 * c.width / total)
    if progress is not None:
        progress(rows_total, rows_total)
    return save_workbook(wb, path)


def write(reg: Register, path: str | os.PathLike, progress: Progress | None = None) -> Path:
    """PDF or workbook by the file's suffix (.pdf, .xlsx); ``progress(done, total)`` counts pages of a PDF,
    rows of a workbook."""
    suffix = Path(path).suffix.lower()
    writers: dict[str, Callable[..., object]] = {".pdf": render_pdf, ".xlsx": write_xlsx}
    if suffix not in writers:
        raise RegisterError(f"输出文件“{Path(path).name}”应以 .pdf 或 .xlsx 结尾")
    writers[suffix](reg, path, progress)
    return Path(path)


def school_header(school, period_label: str, period_span: str, printed_on) -> list[tuple[str, ...]]:
    return [(f"学校名称：{school.name}", f"学校标识码：{school.code}"),
            (f"统计期间：{period_label}（{period_span}）" if period_label != period_span else f"统计期间：{period_span}",
             f"填报日期：{printed_on.year}年{printed_on.month}月{printed_on.day}日")]


def numbered(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    return [[str(i), *row] for i, row in enumerate(rows, 1)]


def source_notes(spec: RegisterSpec) -> list[str]:
    """Where the register comes from, that its layout is designed (the texts only name it), and the
    profile's own note."""
    where = f"{spec.article}{spec.annex}" if spec.annex else spec.article
    out = [(f"本表为{where}规定的学校学籍档案，永久保存。规定只列出本表名称，未给出表式；本表式按本软件其他名册的样式"
           "设计（学校表头、统计期间、逐行登记，表头在每页重复，末尾签字盖章）。")]
    if spec.note:
        out.append(spec.note)
    return out
