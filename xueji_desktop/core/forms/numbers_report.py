"""学生情况统计表: the school's numbers (core.overview.numbers) on paper for the principal — each section a
chart drawn with reportlab.graphics over the table it pictures: pupils on roll by grade (boys and girls),
the pupils' circumstances (性别, 民族, 留守儿童, 随迁子女, 随班就读, 残疾, 户口性质, 学籍状态), each class
against the region's standard and largest class size, and this term's changes by kind; then the
signature and stamp lines.

No regulation gives this sheet a layout: it is designed in the style of the program's other registers (the
school's header, ruled tables whose header repeats on each page, 第 N 页 共 M 页) and says so in its notes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor, black

from ..accounts import access_log
from ..accounts.access_log import Action
from ..overview.numbers import (
    BOYS,
    CLASS_HEADERS,
    DECREASE,
    DIRECTION_COLOURS,
    GIRLS,
    GRADE_HEADERS,
    INCREASE,
    LEVEL_COLOURS,
    MAXIMUM_LINE,
    NEAR_PLACES,
    OTHER,
    STANDARD_LINE,
    SchoolNumbers,
    class_cells,
    grade_cells,
    school_numbers,
    short_class_name,
)
from .blocks import Flow, Unit, paragraph_flow
from .engine import render
from .fonts import BODY_FONT
from .model import BODY_SIZE, Column, Form, Paragraph, SignatureBox, SignatureRow, Table

TITLE = "学生情况统计表"
CHART_FONT = 7.5
CLASSES_PER_CHART = 24
GREY = HexColor("#BBBBBB")


# ── blocks that lay themselves out (core.forms.engine) ───────────────────────────────────────────
@dataclass
class Heading:
    """A section heading kept on the same page as what follows it."""

    text: str

    def texts(self) -> list[str]:
        return [self.text]

    def flow(self, width: float) -> Flow:
        flow = paragraph_flow(Paragraph(self.text, BODY_SIZE, bold=True), width)
        for unit in flow.units:
            unit.keep_with_next = True
        return flow


@dataclass
class Chart:
    """A reportlab.graphics drawing, shrunk to the text width if wider, centred."""

    drawing: Drawing
    labels: list[str] = field(default_factory=list)  # every string it draws, for the glyph check
    keep_with_next: bool = True

    def texts(self) -> list[str]:
        return self.labels

    def flow(self, width: float) -> Flow:
        d = self.drawing
        scale = min(1.0, width / d.width)
        height = d.height * scale + 4

        def draw(c, left: float, top: float) -> None:
            c.saveState()
            c.translate(left + (width - d.width * scale) / 2, top - height + 2)
            c.scale(scale, scale)
            renderPDF.draw(d, c, 0, 0)
            c.restoreState()

        return Flow([Unit(height, draw, keep_with_next=self.keep_with_next)])


# ── charts ──────────────────────────────────────────────────────────────────────────────────────
def _text(x, y, text, size=CHART_FONT, anchor="middle", colour=black) -> String:
    return String(x, y, text, fontName=BODY_FONT, fontSize=size, textAnchor=anchor, fillColor=colour)


def _legend(d: Drawing, x: float, y: float, items: list[tuple[str, str]], labels: list[str]) -> None:
    for text, colour in items:
        d.add(Rect(x, y, 8, 8, fillColor=HexColor(colour), strokeColor=None))
        d.add(_text(x + 11, y + 1, text, anchor="start"))
        labels.append(text)
        x += 16 + len(text) * CHART_FONT + 8


def _bar_chart(d: Drawing, x, y, w, h, names: list[str], series: list[list[int]], stacked: bool) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, w, h
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = BODY_FONT
    chart.categoryAxis.labels.fontSize = CHART_FONT
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.labels.fontName = BODY_FONT
    chart.valueAxis.labels.fontSize = CHART_FONT
    chart.valueAxis.valueMin = 0
    chart.valueAxis.gridStrokeColor = HexColor("#DDDDDD")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.strokeColor = GREY
    chart.categoryAxis.strokeColor = GREY
    chart.barSpacing = 0
    chart.groupSpacing = 6
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.bars.strokeColor = None
    return chart


def grade_chart(n: SchoolNumbers) -> Chart:
    labels: list[str] = []
    d = Drawing(500, 160)
    names = [g.label for g in n.grades]
    chart = _bar_chart(d, 30, 22, 460, 118, names, [[g.boys for g in n.grades], [g.girls for g in n.grades]], True)
    top = max([g.pupils for g in n.grades] + [1])
    chart.valueAxis.valueMax = _nice(top * 1.15)
    chart.bars[0].fillColor, chart.bars[1].fillColor = HexColor(BOYS), HexColor(GIRLS)
    d.add(chart)
    step = chart.width / max(len(names), 1)
    for i, g in enumerate(n.grades):  # the total above each bar
        y = chart.y + chart.height * g.pupils / chart.valueAxis.valueMax
        d.add(_text(chart.x + step * (i + 0.5), y + 2, str(g.pupils)))
    _legend(d, 340, 148, [("男", BOYS), ("女", GIRLS)], labels)
    d.add(_text(30, 148, "各年级在籍人数（人）", anchor="start"))
    labels += names + ["各年级在籍人数（人）"]
    return Chart(d, labels)


def class_charts(n: SchoolNumbers) -> list[Chart]:
    rows = [c for c in n.classes if c.class_id is not None]
    charts = []
    per_chart = -(-len(rows) // -(-len(rows) // CLASSES_PER_CHART)) if rows else 1  # even parts of ≤ 24
    for start in range(0, len(rows), per_chart):
        part = rows[start:start + per_chart]
        labels: list[str] = []
        d = Drawing(500, 156)
        names = [short_class_name(c.name) for c in part]
        top = max([c.pupils for c in part] + [c.maximum for c in part] + [1])
        chart = _bar_chart(d, 30, 28, 460, 102, names, [[c.pupils for c in part]], False)
        if len(part) > 14:  # the names slanted so that they do not run into each other
            chart.categoryAxis.labels.angle = 35
            chart.categoryAxis.labels.boxAnchor = "ne"
            chart.categoryAxis.labels.dx = 4
        chart.valueAxis.valueMax = _nice(top * 1.12)
        for i, c in enumerate(part):
            chart.bars[(0, i)].fillColor = HexColor(LEVEL_COLOURS[c.level])
        d.add(chart)
        step = chart.width / max(len(part), 1)
        scale = chart.height / chart.valueAxis.valueMax
        for i, c in enumerate(part):  # the region's sizes as short lines across each class's slot
            x0, x1 = chart.x + step * i + 1, chart.x + step * (i + 1) - 1
            for value, colour, dash in ((c.standard, STANDARD_LINE, (3, 2)), (c.maximum, MAXIMUM_LINE, None)):
                if value:
                    y = chart.y + value * scale
                    d.add(Line(x0, y, x1, y, strokeColor=HexColor(colour), strokeWidth=1.2, strokeDashArray=dash))
            d.add(_text(chart.x + step * (i + 0.5), chart.y + c.pupils * scale + 2, str(c.pupils), size=6.5))
        title = "各班在籍人数与班额（人）" + (f"（{start + 1}–{start + len(part)}）" if len(rows) > per_chart else "")
        d.add(_text(30, 144, title, anchor="start"))
        _legend(d, 250, 144, [("标准班额", STANDARD_LINE), ("班额上限", MAXIMUM_LINE),
                              ("接近", LEVEL_COLOURS["near"]), ("超过", LEVEL_COLOURS["over_max"])], labels)
        labels += names + [title]
        charts.append(Chart(d, labels))
    return charts


def breakdown_chart(n: SchoolNumbers) -> Chart:
    """One small panel of horizontal bars for each breakdown, four to a row."""
    labels: list[str] = []
    panels = [*n.breakdowns, n.status]
    per_row, panel_w, bar_h = 4, 125, 9
    heights = []
    for i in range(0, len(panels), per_row):
        heights.append(16 + max(min(len(b.rows), 8) for b in panels[i:i + per_row]) * (bar_h + 3) + 8)
    d = Drawing(per_row * panel_w, sum(heights))
    y_top = d.height
    for r, i in enumerate(range(0, len(panels), per_row)):
        for k, b in enumerate(panels[i:i + per_row]):
            x = k * panel_w
            d.add(_text(x + 2, y_top - 10, b.title, size=8, anchor="start"))
            labels.append(b.title)
            rows = list(b.rows)
            if len(rows) > 8:  # 民族: the seven largest and the rest together
                rows = rows[:7] + [type(rows[0])("", "其他", sum(c.count for c in rows[7:]))]
            top = max([c.count for c in rows] + [1])
            for j, c in enumerate(rows):
                y = y_top - 16 - (j + 1) * (bar_h + 3)
                d.add(_text(x + 40, y + 2, c.label[:6], size=6.5, anchor="end"))
                length = (panel_w - 78) * c.count / top
                d.add(Rect(x + 43, y, max(length, 0.5), bar_h, fillColor=HexColor(BOYS), strokeColor=None))
                d.add(_text(x + 46 + length, y + 2, str(c.count), size=6.5, anchor="start"))
                labels.append(c.label[:6])
        y_top -= heights[r]
    return Chart(d, labels)


def change_chart(n: SchoolNumbers) -> Chart | None:
    if not n.changes:
        return None
    labels: list[str] = []
    bar_h = 10
    d = Drawing(500, 24 + len(n.changes) * (bar_h + 4))
    top = max(c.count for c in n.changes)
    for j, c in enumerate(n.changes):
        y = d.height - 22 - j * (bar_h + 4)
        text = f"{c.direction}·{c.label}"
        d.add(_text(150, y + 2, text, anchor="end"))
        length = 300 * c.count / top
        d.add(Rect(155, y, max(length, 0.5), bar_h, fillColor=HexColor(DIRECTION_COLOURS[c.direction]),
                   strokeColor=None))
        d.add(_text(159 + length, y + 2, str(c.count), anchor="start"))
        labels.append(text)
    d.add(_text(0, d.height - 8, "本学期学籍变动（人次）", anchor="start"))
    _legend(d, 300, d.height - 9, [(x, DIRECTION_COLOURS[x]) for x in (INCREASE, DECREASE, OTHER)], labels)
    labels.append("本学期学籍变动（人次）")
    return Chart(d, labels)


def _nice(value: float) -> int:
    """A round top for a value axis: 10, 20, 50, 60 …"""
    for step in (5, 10, 20, 50, 100, 200, 500, 1000):
        if value <= step * 8:
            return max(step, int(-(-value // step) * step))
    return int(value) + 1


# ── the form ────────────────────────────────────────────────────────────────────────────────────
def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _share(count: int, total: int) -> str:
    return f"{count * 100 / total:.1f}%" if total else "—"


def build_numbers_report(n: SchoolNumbers) -> Form:
    grade_cols = [Column(h, 1.3 if i == 0 else 1.0) for i, h in enumerate(GRADE_HEADERS)]
    grade_rows = [[str(v) for v in grade_cells(g)] for g in (*n.grades, n.total)]
    blocks: list = [Paragraph(n.headline(), first_line_indent=2),
                    Heading("一、各年级在籍学生"), grade_chart(n), Table(grade_cols, grade_rows)]

    blocks += [Heading("二、学生构成"), breakdown_chart(n)]
    parts = []
    for b in (*n.breakdowns, n.status):
        for i, c in enumerate(b.rows):
            parts.append([b.title if i == 0 else "", c.label, str(c.count), _share(c.count, b.total)])
    blocks.append(Table([Column("项目", 2.0, "left"), Column("类别", 1.6, "left"), Column("人数", 0.8),
                         Column("占在籍人数", 1.0)], parts))

    blocks.append(Heading("三、各班人数与班额"))
    blocks += class_charts(n)
    widths = (1.4, 0.8, 0.5, 0.5, 0.8, 0.8, 0.8, 2.4, 2.2)
    aligns = ("left", "center", "center", "center", "center", "center", "center", "left", "left")
    blocks.append(Table([Column(h, w, a) for h, w, a in zip(CLASS_HEADERS, widths, aligns)],
                        [[str(v) for v in class_cells(c)] for c in n.classes]))
    flagged = n.flagged_classes
    if flagged:
        blocks.append(Paragraph("接近或超过班额的班级：" + "；".join(f"{c.name} {c.pupils} 人，{c.level_label}"
                                                                  for c in flagged) + "。", first_line_indent=2))
    else:
        blocks.append(Paragraph("各班人数均在标准班额以内，且未接近标准班额。", first_line_indent=2))

    blocks.append(Heading(f"四、本学期学籍变动（{n.period_label}）"))
    chart = change_chart(n)
    if chart is not None:
        blocks.append(chart)
        rows = [[c.direction, c.label, str(c.count)] for c in n.changes]
        total = (f"增加 {n.change_total(INCREASE)} 人次，减少 {n.change_total(DECREASE)} 人次，"
                 f"其他变动 {n.change_total(OTHER)} 人次")
        rows += [["合计", total, ""]]
        blocks.append(Table([Column("变动", 0.8), Column("类别", 3.0, "left"), Column("人次", 0.8)], rows))
    else:
        blocks.append(Paragraph("本学期没有学籍变动。", first_line_indent=2))
    if n.open_cases:
        blocks.append(Paragraph("办理中的申请：" + "，".join(f"{c.label} {c.count} 件" for c in n.open_cases) + "。",
                                first_line_indent=2))
    blocks.append(SignatureRow([SignatureBox("制表人（签字）："), SignatureBox("校长（签字）："),
                                SignatureBox("学校（盖章）")], height=80.0))
    return Form(
        title=TITLE,
        header_lines=[(f"学校：{n.school_name}", f"学校标识码：{n.school_code}"),
                      (f"统计日期：{_cn_date(n.on_day)}", f"学期：{n.term.label}")],
        blocks=blocks,
        notes=[("在籍学生指在本校保留学籍、占用班级学位的学生（在校、休学、疑似辍学、辍学、外出借读、失踪）；"
                "已转出、退学、毕业、死亡等不计入。"),
               (f"本学期学籍变动按各项变动登记的日期统计（{n.period_label}）；进入在校状态的计为增加，"
                "离开在校状态的计为减少（如休学），其余为其他变动。"),
               f"标准班额、班额上限依本地区规定（见“依据”栏）；剩余学位不多于 {NEAR_PLACES} 个的班级列为接近标准班额。",
               "本表没有规定格式，按本程序其他登记表的样式设计。"],
    )


def render_numbers_report(ws, path: str | os.PathLike | BinaryIO, today: dt.date | None = None) -> Path | int:
    """The report as a PDF at ``path`` (a path: returns it; a file object: returns the page count)."""
    report = build_numbers_report(school_numbers(ws, today))
    if not isinstance(path, (str, os.PathLike)):
        return render(report, path)
    with access_log.logged(ws, Action.PRINT, f"{TITLE}（汇总数字，不列学生）", target=path):  # 查询登记
        render(report, path)
    return Path(path)


__all__ = ["TITLE", "Chart", "Heading", "build_numbers_report", "render_numbers_report"]
