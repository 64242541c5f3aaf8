"""The school's numbers (core.overview.numbers) as an Excel workbook for the bureau or the principal's own
sums: 概况, 按年级, 按班级, 学生构成, 本学期变动 — numbers as numbers, shares as percentages, each table with
an Excel bar chart beside it (openpyxl.chart, drawn by Excel or WPS when the file is opened).

The file is written under a temporary name and renamed, so a failure never leaves half a workbook.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..accounts import access_log
from ..accounts.access_log import Action
from ..overview.numbers import (
    BOYS,
    CLASS_HEADERS,
    DECREASE,
    GIRLS,
    GRADE_HEADERS,
    INCREASE,
    LEVEL_COLOURS,
    OTHER,
    SchoolNumbers,
    class_cells,
    grade_cells,
    school_numbers,
)
from .workbooks import save_workbook

SHEETS = ("概况", "按年级", "按班级", "学生构成", "本学期变动")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _table(ws, top: int, headers, rows, widths=None) -> int:
    """Headers at row ``top``, then the rows; returns the last row written."""
    for c, h in enumerate(headers, 1):
        cell = ws.cell(top, c, h)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD_FILL, _BOX, _CENTRE
    for r, row in enumerate(rows, top + 1):
        for c, v in enumerate(row, 1):
            cell = ws.cell(r, c, v)
            cell.border = _BOX
    for c, w in enumerate(widths or (), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(top + 1, 1)
    return top + len(rows)


def _title(ws, text: str, n: SchoolNumbers) -> None:
    ws.cell(1, 1, text).font = _TITLE
    ws.cell(2, 1, f"{n.school_name}（学校标识码 {n.school_code}），统计日期 {n.on_day:%Y-%m-%d}，{n.term.label}")


def _bar(title: str, y_title: str, data: Reference, cats: Reference, stacked=False, colours=()) -> BarChart:
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "col", title, y_title
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    for series, colour in zip(chart.series, colours):
        series.graphicalProperties.solidFill = colour.lstrip("#")
    chart.height, chart.width = 8, 18
    chart.legend.position = "b"
    return chart


def build_workbook(n: SchoolNumbers) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    _title(ws, "学生情况统计", n)
    ws.cell(3, 1, n.headline())
    flagged = n.flagged_classes
    facts = [("在籍学生（人）", n.pupils), ("男（人）", n.total.boys), ("女（人）", n.total.girls),
             ("班级（个）", len([c for c in n.classes if c.class_id is not None])),
             ("本学期增加（人次）", n.change_total(INCREASE)), ("本学期减少（人次）", n.change_total(DECREASE)),
             ("本学期其他变动（人次）", n.change_total(OTHER)), ("接近或超过班额的班级（个）", len(flagged)),
             ("办理中的申请（件）", sum(c.count for c in n.open_cases))]
    _table(ws, 5, ("项目", "数值"), facts, (30, 12))
    ws.cell(5 + len(facts) + 2, 1, f"本学期：{n.period_label}")

    ws = wb.create_sheet(SHEETS[1])
    _title(ws, "各年级在籍学生", n)
    last = _table(ws, 4, GRADE_HEADERS, [grade_cells(g) for g in (*n.grades, n.total)], [10] + [9] * 11)
    ws.cell(last, 1).font = _BOLD
    if n.grades:
        chart = _bar("各年级在籍人数", "人", Reference(ws, min_col=4, max_col=5, min_row=4, max_row=last - 1),
                     Reference(ws, min_col=1, min_row=5, max_row=last - 1), stacked=True, colours=(BOYS, GIRLS))
        ws.add_chart(chart, f"A{last + 3}")

    ws = wb.create_sheet(SHEETS[2])
    _title(ws, "各班人数与班额", n)
    last = _table(ws, 4, CLASS_HEADERS, [class_cells(c) for c in n.classes], (14, 9, 6, 6, 9, 9, 9, 30, 30))
    for r, c in enumerate(n.classes, 5):
        if c.flagged:
            ws.cell(r, 8).fill = PatternFill("solid", fgColor=LEVEL_COLOURS[c.level].lstrip("#"))
    if n.classes:
        chart = _bar("各班在籍人数", "人", Reference(ws, min_col=2, max_col=2, min_row=4, max_row=last),
                     Reference(ws, min_col=1, min_row=5, max_row=last), colours=(LEVEL_COLOURS["ok"],))
        chart.width = max(18, len(n.classes) * 0.9)
        ws.add_chart(chart, f"A{last + 3}")

    ws = wb.create_sheet(SHEETS[3])
    _title(ws, "学生构成", n)
    rows = []
    for b in (*n.breakdowns, n.status):
        for c in b.rows:
            rows.append([b.title, c.label, c.count, c.count / b.total if b.total else 0])
    last = _table(ws, 4, ("项目", "类别", "人数", "占在籍人数"), rows, (22, 16, 9, 12))
    for r in range(5, last + 1):
        ws.cell(r, 4).number_format = "0.0%"

    ws = wb.create_sheet(SHEETS[4])
    _title(ws, f"本学期学籍变动（{n.period_label}）", n)
    rows = [[c.direction, c.label, c.count] for c in n.changes]
    last = _table(ws, 4, ("变动", "类别", "人次"), rows, (10, 24, 9))
    row = last + 1
    for direction in (INCREASE, DECREASE, OTHER):
        ws.cell(row, 1, "合计").font = _BOLD
        ws.cell(row, 2, direction)
        ws.cell(row, 3, n.change_total(direction))
        row += 1
    if n.changes:
        chart = _bar("本学期学籍变动", "人次", Reference(ws, min_col=3, max_col=3, min_row=4, max_row=last),
                     Reference(ws, min_col=2, min_row=5, max_row=last), colours=("59A14F",))
        chart.type = "bar"
        ws.add_chart(chart, "E4")
    row += 1
    ws.cell(row, 1, "办理中的申请").font = _BOLD
    for c in n.open_cases:
        row += 1
        ws.cell(row, 2, c.label)
        ws.cell(row, 3, c.count)
    return wb


def write_numbers_xlsx(ws, path: str | os.PathLike, today: dt.date | None = None) -> Path:
    wb = build_workbook(school_numbers(ws, today))
    with access_log.logged(ws, Action.EXPORT, "学生情况统计表（汇总数字，不列学生）", target=path):  # 查询登记
        return save_workbook(wb, path)
