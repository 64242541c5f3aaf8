"""统计: the school's numbers at a glance, a tab of the main window (core.overview.numbers).

Across the top the figures a principal asks for first (在籍, 男/女, 班级, this term's 增加/减少, classes near
or over the region's size, applications under way); then two bar charts — pupils by grade (boys and girls)
and each class against the standard and largest class size — and one small bar panel per circumstance
(性别, 民族, 留守儿童, 随迁子女, 随班就读, 残疾, 户口性质, 学籍状态); below, the same numbers as tables. 打印
saves the 学生情况统计表 PDF (core.forms.numbers_report) and opens it; 导出 Excel writes the workbook.

The charts are drawn here with QPainter (PySide6's QtCharts is not part of the pinned Essentials wheel).
The numbers are read when the tab is shown and again after each change announced on the hub while it is
shown; a change while it is hidden only marks them stale, so the window's start-up costs nothing.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.overview import numbers as nb
from ..core.school.events import Changes
from ..core.school.school import grade_name
from .hub import hub
from .operations import run_op
from .tables import table

log = logging.getLogger(__name__)

CARD_STYLE = "QFrame#card { background: #f7f9fc; border: 1px solid #d5dce6; border-radius: 4px; }"
ALERT = "#c0392b"


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _nice_top(value: float) -> tuple[float, float]:
    """(top, step) of a value axis with 4–6 round gridlines above ``value``."""
    value = max(value, 1.0)
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(value / step) * step, step


# ── charts ──────────────────────────────────────────────────────────────────────────────────────
class BarChart(QWidget):
    """Vertical bars by category: stacked series (boys, girls) or one series with a colour per bar, with
    optional short reference lines per category (the standard and largest class size)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, str, list[int]]] = []  # (name, colour, values)
        self.bar_colours: list[str] | None = None
        self.lines: list[tuple[str, str, bool, list[int]]] = []  # (name, colour, dashed, value per category)
        self.legend: list[tuple[str, str]] = []
        self.tips: list[str] = []
        self.groups: list[str] = []  # a group per bar (the grade): named once under its run when names crowd
        self._slots: list[QRectF] = []
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(600, 210)

    def set_data(self, title, categories, series, *, bar_colours=None, lines=(), legend=None, tips=(),
                 groups=()) -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.groups = list(groups)
        self.bar_colours, self.lines = bar_colours, list(lines)
        self.legend = legend if legend is not None else [(name, colour) for name, colour, _ in self.series]
        self.tips = list(tips)
        self.update()

    def totals(self) -> list[int]:
        return [sum(s[2][i] for s in self.series) for i in range(len(self.categories))]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        w, h = self.width(), self.height()
        p.setPen(QColor("#333333"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(4, fm.ascent() + 2, self.title)
        p.setFont(self.font())
        x = w - 6  # legend, right-aligned on the title's line
        for name, colour in reversed(self.legend):
            tw = fm.horizontalAdvance(name)
            x -= tw
            p.setPen(QColor("#333333"))
            p.drawText(x, fm.ascent() + 2, name)
            x -= 14
            p.fillRect(QRectF(x, fm.ascent() - 8, 10, 10), QColor(colour))
            x -= 12
        totals = self.totals()
        top_value = max(totals + [v for _, _, _, vals in self.lines for v in vals] + [1])
        top, step = _nice_top(top_value * 1.08)
        left = fm.horizontalAdvance(str(int(top))) + 10
        plot = QRectF(left, fm.height() + 12, w - left - 8, h - fm.height() * 2 - 22)
        p.setPen(QPen(QColor("#e3e3e3"), 1))
        value = 0.0
        while value <= top + 1e-9:  # gridlines and their values
            y = plot.bottom() - plot.height() * value / top
            p.setPen(QPen(QColor("#e3e3e3"), 1))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(QColor("#777777"))
            p.drawText(QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(int(value)))
            value += step
        n = max(len(self.categories), 1)
        slot = plot.width() / n
        bar_w = max(3.0, min(slot * 0.7, 46.0))
        self._slots = []
        crowded = max((fm.horizontalAdvance(c) for c in self.categories), default=0) > slot - 2
        for i, category in enumerate(self.categories):
            cx = plot.left() + slot * (i + 0.5)
            base = plot.bottom()
            for k, (_, colour, values) in enumerate(self.series):
                bh = plot.height() * values[i] / top
                fill = self.bar_colours[i] if self.bar_colours and k == 0 else colour
                p.fillRect(QRectF(cx - bar_w / 2, base - bh, bar_w, bh), QColor(fill))
                base -= bh
            for _, colour, dashed, values in self.lines:
                y = plot.bottom() - plot.height() * values[i] / top
                pen = QPen(QColor(colour), 2)
                if dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.drawLine(int(cx - slot / 2 + 2), int(y), int(cx + slot / 2 - 2), int(y))
            p.setPen(QColor("#333333"))
            if fm.horizontalAdvance(str(totals[i])) <= slot:  # too narrow: the tooltip gives the number
                p.drawText(QRectF(cx - slot / 2, base - fm.height() - 1, slot, fm.height()),
                           int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), str(totals[i]))
            if not crowded:
                p.drawText(QRectF(cx - slot / 2, plot.bottom() + 3, slot, fm.height()),
                           int(Qt.AlignmentFlag.AlignHCenter), category)
            self._slots.append(QRectF(cx - slot / 2, plot.top(), slot, plot.height() + fm.height() + 4))
        if crowded and self.groups:  # each group named once under its run of bars, runs marked off
            start = 0
            for i in range(1, len(self.groups) + 1):
                if i == len(self.groups) or self.groups[i] != self.groups[start]:
                    x0, x1 = plot.left() + slot * start, plot.left() + slot * i
                    p.setPen(QColor("#333333"))
                    p.drawText(QRectF(x0, plot.bottom() + 3, x1 - x0, fm.height()), int(Qt.AlignmentFlag.AlignHCenter),
                               fm.elidedText(self.groups[start], Qt.TextElideMode.ElideRight, int(x1 - x0)))
                    p.setPen(QPen(QColor("#999999"), 1))
                    p.drawLine(int(x1), int(plot.bottom()), int(x1), int(plot.bottom() + fm.height()))
                    start = i
        p.setPen(QPen(QColor("#999999"), 1))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        p.end()

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip:
            at = e.position() if hasattr(e, "position") else e.pos()
            for i, rect in enumerate(self._slots):
                if rect.contains(at) and i < len(self.tips):
                    QToolTip.showText(e.globalPos(), self.tips[i], self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(e)


class BreakdownPanels(QWidget):
    """One small panel of horizontal bars for each breakdown, side by side."""

    MAX_ROWS = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.panels: list[tuple[str, list[tuple[str, int]]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, breakdowns) -> None:
        self.panels = []
        for b in breakdowns:
            rows = [(c.label, c.count) for c in b.rows]
            if len(rows) > self.MAX_ROWS:  # 民族: the largest and the rest together
                rows = rows[:self.MAX_ROWS - 1] + [("其他", sum(n for _, n in rows[self.MAX_ROWS - 1:]))]
            self.panels.append((b.title, rows))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        rows = max((len(r) for _, r in self.panels), default=1)
        return QSize(800, fm.height() + 8 + rows * (fm.height() + 2) + 6)

    def paintEvent(self, event) -> None:
        if not self.panels:
            return
        p = QPainter(self)
        fm = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        pw = self.width() / len(self.panels)
        label_w = min(max(fm.horizontalAdvance("单亲留守"), pw * 0.36), pw * 0.45)
        for k, (title, rows) in enumerate(self.panels):
            x0 = k * pw + 4
            p.setFont(bold)
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x0, 0, pw - 8, fm.height()), int(Qt.AlignmentFlag.AlignLeft),
                       fm.elidedText(title, Qt.TextElideMode.ElideRight, int(pw - 8)))
            p.setFont(self.font())
            top = max([n for _, n in rows] + [1])
            count_w = fm.horizontalAdvance(str(top)) + 6
            for j, (label, count) in enumerate(rows):
                y = fm.height() + 6 + j * (fm.height() + 2)
                p.setPen(QColor("#444444"))
                p.drawText(QRectF(x0, y, label_w - 4, fm.height()),
                           int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                           fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 4)))
                length = (pw - label_w - count_w - 12) * count / top
                p.fillRect(QRectF(x0 + label_w, y + 3, max(length, 1.0), fm.height() - 6), QColor(nb.BOYS))
                p.drawText(QRectF(x0 + label_w + length + 3, y, count_w, fm.height()),
                           int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(count))
            if k:
                p.setPen(QPen(QColor("#e0e0e0"), 1))
                p.drawLine(int(k * pw), 2, int(k * pw), self.height() - 2)
        p.end()


# ── the tab ─────────────────────────────────────────────────────────────────────────────────────
class Card(QFrame):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #555555;")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        row = QHBoxLayout()
        row.addWidget(self.value)
        row.addSpacing(6)
        row.addWidget(self.detail, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)

    def show_value(self, value, detail: str = "", alert: bool = False) -> None:
        self.value.setText(str(value))
        self.value.setStyleSheet(f"color: {ALERT};" if alert else "")
        self.detail.setText(detail)


class NumbersTab(QWidget):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.numbers: nb.SchoolNumbers | None = None
        self._stale = True

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.setToolTip("重新统计")
        self.refresh_button.clicked.connect(self.reload)
        self.print_button = QPushButton("另存为 PDF…")
        self.print_button.setToolTip("保存学生情况统计表（含图表、签字盖章栏）为 PDF 并打开")
        self.print_button.clicked.connect(lambda: self.save_pdf())
        self.to_printer_button = QPushButton("打印…")
        self.to_printer_button.setToolTip("预览学生情况统计表并送打印机")
        self.to_printer_button.clicked.connect(lambda: self.save_pdf(to_printer=True))
        self.excel_button = QPushButton("导出 Excel…")
        self.excel_button.setToolTip("保存各项统计为 Excel 工作簿（含图表）")
        self.excel_button.clicked.connect(self.save_xlsx)
        self.saved = QLabel()
        self.saved.setStyleSheet("color: #555555;")
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(self.saved)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.to_printer_button)
        bar.addWidget(self.excel_button)

        self.cards = {key: Card(caption) for key, caption in (
            ("pupils", "在籍学生"), ("classes", "班级"), ("increase", "本学期增加"), ("decrease", "本学期减少"),
            ("crowded", "接近或超过班额的班级"), ("open", "办理中的申请"))}
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.grade_chart = BarChart()
        self.class_chart = BarChart()
        charts = QHBoxLayout()
        charts.addWidget(self.grade_chart, 2)
        charts.addWidget(self.class_chart, 3)
        self.panels = BreakdownPanels()

        self.grade_table = table(nb.GRADE_HEADERS, [70] + [72] * 11)
        self.class_table = table(nb.CLASS_HEADERS, (110, 70, 44, 44, 70, 70, 70, 260, 220), stretch=8)
        self.parts_table = table(("项目", "类别", "人数", "占在籍人数"), (200, 160, 80, 100), stretch=1)
        self.change_table = table(("变动", "类别", "人次"), (80, 240, 80), stretch=1)
        self.tables = QTabWidget()
        for t, name in ((self.grade_table, "按年级"), (self.class_table, "按班级"), (self.parts_table, "学生构成"),
                        (self.change_table, "本学期变动")):
            self.tables.addTab(t, name)
        self.tables.setMinimumHeight(200)
        self.empty = QLabel()
        self.empty.setStyleSheet(f"color: {ALERT};")
        self.empty.hide()

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(cards)
        layout.addLayout(charts)
        layout.addWidget(self.panels)
        layout.addWidget(self.empty)
        layout.addWidget(self.tables, 1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 2)
        outer.addLayout(bar)
        outer.addWidget(scroll, 1)
        hub().changed.connect(self.on_changes)

    # reading ------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if not (changes.students or changes.cases or changes.classes or changes.school or changes.events):
            return
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        try:
            n = nb.school_numbers(self.ws)
        except Exception:
            log.exception("school numbers failed")
            self.empty.setText("统计未能完成，详细情况已记入日志。")
            self.empty.show()
            return
        self.empty.hide()
        self.numbers = n
        self.heading.setText(f"学生情况统计　截至 {n.on_day:%Y-%m-%d}　{n.period_label}")
        flagged = n.flagged_classes
        over = n.over_standard
        real_classes = [c for c in n.classes if c.class_id is not None]
        self.cards["pupils"].show_value(n.pupils, f"男 {n.total.boys} · 女 {n.total.girls}")
        self.cards["classes"].show_value(len(real_classes), f"{len(n.grades)} 个年级")
        self.cards["increase"].show_value(n.change_total(nb.INCREASE), "人次")
        self.cards["decrease"].show_value(n.change_total(nb.DECREASE), "人次")
        self.cards["crowded"].show_value(len(flagged), f"其中超过标准班额 {len(over)} 个" if flagged else "各班均在标准以内",
                                         alert=bool(over))
        self.cards["open"].show_value(sum(c.count for c in n.open_cases), "件")
        self.cards["crowded"].setToolTip("\n".join(f"{c.name}：{c.pupils} 人，{c.level_label}" for c in flagged))

        self.grade_chart.set_data(
            "各年级在籍人数", [g.label for g in n.grades],
            [("男", nb.BOYS, [g.boys for g in n.grades]), ("女", nb.GIRLS, [g.girls for g in n.grades])],
            tips=[f"{g.label}：{g.pupils} 人（男 {g.boys}，女 {g.girls}），{g.classes} 个班" for g in n.grades])
        self.class_chart.set_data(
            "各班人数与班额", [nb.short_class_name(c.name) for c in real_classes],
            [("人数", nb.LEVEL_COLOURS["ok"], [c.pupils for c in real_classes])],
            bar_colours=[nb.LEVEL_COLOURS[c.level] for c in real_classes],
            lines=[("标准班额", nb.STANDARD_LINE, True, [c.standard for c in real_classes]),
                   ("班额上限", nb.MAXIMUM_LINE, False, [c.maximum for c in real_classes])],
            legend=[("标准班额", nb.STANDARD_LINE), ("班额上限", nb.MAXIMUM_LINE), ("接近", nb.LEVEL_COLOURS["near"]),
                    ("超过", nb.LEVEL_COLOURS["over_max"])],
            tips=[f"{c.name}：{c.pupils} 人；{c.level_label}" + (f"（{c.article}）" if c.article else "")
                  for c in real_classes],
            groups=[grade_name(c.grade) for c in real_classes])
        self.panels.set_data([*n.breakdowns, n.status])

        _fill(self.grade_table, [nb.grade_cells(g) for g in (*n.grades, n.total)], bold_last=True)
        _fill(self.class_table, [nb.class_cells(c) for c in n.classes],
              colours=[nb.LEVEL_COLOURS[c.level] if c.flagged else None for c in n.classes], colour_column=7)
        parts = []
        for b in (*n.breakdowns, n.status):
            for i, c in enumerate(b.rows):
                parts.append([b.title if i == 0 else "", c.label, c.count,
                              f"{c.count * 100 / b.total:.1f}%" if b.total else "—"])
        _fill(self.parts_table, parts)
        rows = [[c.direction, c.label, c.count] for c in n.changes]
        rows += [["合计", d, n.change_total(d)] for d in (nb.INCREASE, nb.DECREASE, nb.OTHER)]
        rows += [["办理中", f"{c.label}申请", c.count] for c in n.open_cases]
        _fill(self.change_table, rows)

    # reading for tests and the window -------------------------------------------------------------
    def card_text(self, key: str) -> str:
        card = self.cards[key]
        return f"{card.value.text()} {card.detail.text()}".strip()

    def table_rows(self, t: QTableWidget) -> list[list[str]]:
        return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
                for r in range(t.rowCount())]

    # printing ------------------------------------------------------------------------------------
    def choose_path(self, title: str, default: Path, filter_text: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(default), filter_text)
        return path

    def save_pdf(self, to_printer: bool = False):
        if to_printer:
            from ..core.forms.numbers_report import render_numbers_report
            from . import printing

            return printing.print_made(self, self.ws, printing.PrintSpec("学生情况统计表"), lambda target: run_op(
                self, lambda: render_numbers_report(self.ws, target), initiator=self))
        default = Path.home() / f"学生情况统计表-{self.ws.today():%Y-%m-%d}.pdf"
        path = self.choose_path("保存学生情况统计表", default, "PDF 文件 (*.pdf)")
        if not path:
            return None
        path = path if path.lower().endswith(".pdf") else path + ".pdf"

        def call():
            from ..core.forms.numbers_report import render_numbers_report

            return render_numbers_report(self.ws, Path(path))

        def done(result) -> None:
            self.saved.setText(f"已保存：{result}")
            open_file(result)

        return run_op(self, call, success=done, initiator=self)

    def save_xlsx(self) -> Path | None:
        default = Path.home() / f"学生情况统计-{self.ws.today():%Y-%m-%d}.xlsx"
        path = self.choose_path("导出学生情况统计", default, "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"

        def call():
            from ..core.forms.numbers_xlsx import write_numbers_xlsx

            return write_numbers_xlsx(self.ws, Path(path))

        return run_op(self, call, success=lambda result: self.saved.setText(f"已保存：{result}"), initiator=self)


def _fill(t: QTableWidget, rows, *, bold_last=False, colours=None, colour_column=None) -> None:
    t.setSortingEnabled(False)
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if isinstance(value, int):
                item.setData(Qt.ItemDataRole.DisplayRole, value)  # sorts as a number
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold_last and r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            if colours and colours[r] and c == colour_column:
                item.setBackground(QColor(colours[r]))
            t.setItem(r, c, item)


__all__ = ["BarChart", "BreakdownPanels", "NumbersTab"]
