"""考勤登记: a class's week of absences, typed from the keyboard or imported from the class teacher's sheet.

The class (all classes, grade order) and the week (◀ / ▶, a date, 本周) are chosen at the top; the week's
title says its number in the term and names its holidays and 调休 days (WorkCalendar.name_of). The grid
(gui.attendance_model) is typed with one hand: B S K (or 1 2 3) set 病假 / 事假 / 无故缺席 and move down,
Space or 0 marks present. Ctrl+S saves through run_op(attendance.save_absences): one transaction, one
event; a refusal is shown in Chinese. Unsaved edits are marked and asked about (保存 / 不保存 / 取消)
before another class or week is shown and before the window closes. Below the grid, each day's count.

"导入班主任的表格…" reads a teacher's Excel sheet (core.dropout_control.attendance_import) and, once the registrar has
seen its problems and agreed, saves it; "导出空白考勤表…" writes the sheet for the class and week. The file
dialogs and questions are small methods (ask_open_path, ask_save_path, ask_unsaved, confirm_import)
that tests replace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
)

from ..core.dropout_control.attendance import SHORT, Kind, SchoolDays, save_absences, week_grid
from ..core.dropout_control.attendance_import import (
    SheetError,
    SheetImport,
    monday_of,
    read_sheet,
    template_name,
    week_notes,
    week_title,
    weekday_name,
    write_template,
)
from ..core.pupils.pupil_reads import classes
from ..core.school.events import Changes, EventKind
from . import operations
from .attendance_model import COLOURS, FIRST_DAY, AttendanceModel, AttendanceTable
from .hub import hub
from .operations import run_op

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
KEY_HINT = ("按键：<b>B</b>/1 病假　<b>S</b>/2 事假　<b>K</b>/3 无故缺席（旷），随即移到下一名学生；"
            "<b>空格</b>/0 到校；Delete 清除；方向键、Tab 移动；<b>Ctrl+S</b> 保存。带 * 的尚未保存。")
TITLE = "考勤登记"
PROBLEMS_SHOWN = 8


class AttendanceDialog(QDialog):
    def __init__(self, ws, parent=None, class_id: int | None = None, day: dt.date | None = None):
        super().__init__(parent)
        self.ws = ws
        self.days = SchoolDays.for_workspace(ws)
        self.today = ws.today()
        self.day = day or self.today
        self.setWindowTitle(TITLE)
        self._class_id: int | None = None

        self.class_combo = QComboBox()
        self.class_combo.setMinimumWidth(150)
        for klass in classes():
            self.class_combo.addItem(klass.name, klass.id)
        start = self.class_combo.findData(class_id) if class_id is not None else -1
        self.class_combo.setCurrentIndex(max(start, 0))
        self.prev_button = QPushButton("◀ 上一周")
        self.next_button = QPushButton("下一周 ▶")
        self.this_week_button = QPushButton("本周")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(self.day))
        self.date_edit.setToolTip("选择日期，显示这一天所在的周")
        top = QHBoxLayout()
        class_label = QLabel("班级(&C)：")
        class_label.setBuddy(self.class_combo)
        top.addWidget(class_label)
        top.addWidget(self.class_combo)
        top.addSpacing(16)
        week_label = QLabel("周(&W)：")
        week_label.setBuddy(self.date_edit)
        top.addWidget(week_label)
        top.addWidget(self.prev_button)
        top.addWidget(self.date_edit)
        top.addWidget(self.next_button)
        top.addWidget(self.this_week_button)
        top.addStretch(1)

        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.notes_label = QLabel()
        self.notes_label.setStyleSheet("color: #9a5b00;")
        self.notes_label.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addSpacing(16)
        heading.addWidget(self.notes_label, 1)

        self.hint_label = QLabel(KEY_HINT)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #444;")

        self.model = AttendanceModel(self)
        self.table = AttendanceTable()
        self.table.setModel(self.model)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)

        self.import_button = QPushButton("导入班主任的表格…")
        self.import_button.setToolTip("读取班主任填好的 Excel 考勤表（姓名、学籍号和每天一列），核对后保存")
        self.export_button = QPushButton("导出空白考勤表…")
        self.export_button.setToolTip("把本班本周的名单写成 Excel 考勤表，交班主任填写")
        self.state_label = QLabel()
        self.save_button = QPushButton("保存（Ctrl+S）")
        self.close_button = QPushButton("关闭")
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addSpacing(16)
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        for button in (self.prev_button, self.next_button, self.this_week_button, self.import_button,
                       self.export_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(heading)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(bottom)

        self.class_combo.currentIndexChanged.connect(self._class_chosen)
        self.date_edit.dateChanged.connect(lambda q: self.show_week(q.toPython()))
        self.prev_button.clicked.connect(lambda: self.show_week(self.day - dt.timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.day + dt.timedelta(days=7)))
        self.this_week_button.clicked.connect(lambda: self.show_week(self.today))
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.import_sheet)
        self.export_button.clicked.connect(self.export_template)
        self.table.save_requested.connect(self.save)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.model.edited.connect(self._update_state)
        hub().changed.connect(self.on_changes)

        self._fit_screen()
        self.load()

    # the class and week shown ---------------------------------------------------------------------
    @property
    def class_id(self) -> int | None:
        return self._class_id

    @property
    def klass(self):
        return self.model.grid.klass if self.model.grid else None

    def load(self, keep_pending: bool = False) -> None:
        """(Re)reads the chosen class's week; the cursor goes to today's column when it is in the week."""
        self._class_id = self.class_combo.currentData()
        if self._class_id is None:
            self.title_label.setText("还没有设置班级")
            return
        grid = week_grid(self.ws, self._class_id, self.day, self.days)
        self.model.load(grid, self.today, keep_pending)
        self.table.fit_columns()
        self.title_label.setText(f"{grid.klass.name}　{week_title(self.days, self.day)}")
        notes = week_notes(self.days, self.day)
        if not grid.days:
            notes.insert(0, "这一周没有上课日")
        self.notes_label.setText("；".join(notes))
        self.prev_button.setEnabled(True)
        self.next_button.setEnabled(monday_of(self.day) <= monday_of(self.today))
        self._put_start_cursor()
        self._update_state()

    def _put_start_cursor(self) -> None:
        days = self.model.days
        if not days or not self.model.pupils:
            return
        column = self.model.column_of(self.today)
        if column < 0:  # a past week from its first day; this week (today a rest day) at its last open day
            open_days = [d for d in days if self.model.is_open(d)]
            past = monday_of(self.day) < monday_of(self.today)
            column = self.model.column_of(open_days[0 if past else -1]) if open_days else FIRST_DAY
        self.table.put_cursor(0, column)
        self.table.setFocus()

    def show_week(self, day: dt.date) -> None:
        if monday_of(day) == monday_of(self.day):
            self.day = day
            self._set_date(day)
            return
        if not self.keep_or_drop_edits():
            self._set_date(self.day)
            return
        self.day = day
        self._set_date(day)
        self.load()

    def _set_date(self, day: dt.date) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)

    def _class_chosen(self, _index: int) -> None:
        if self.class_combo.currentData() == self._class_id:
            return
        if not self.keep_or_drop_edits():
            self.class_combo.blockSignals(True)
            self.class_combo.setCurrentIndex(self.class_combo.findData(self._class_id))
            self.class_combo.blockSignals(False)
            return
        self.load()

    # state ----------------------------------------------------------------------------------------
    def _update_state(self) -> None:
        grid = self.model.grid
        if grid is None:
            return
        n = len(self.model.pending)
        absent = sum(1 for d in grid.days for row in range(len(grid.pupils)) if self.model.kind_at(row, d))
        text = f"{len(grid.pupils)} 名学生，本周缺勤 {absent} 人次"
        if n:
            text += f"　<span style='color:#b00020'><b>有 {n} 处改动尚未保存</b>（Ctrl+S 保存）</span>"
        self.state_label.setText(text)
        self.save_button.setEnabled(bool(n))
        self.setWindowTitle(f"{TITLE} — {grid.klass.name}" + ("（未保存）" if n else ""))
        self.summary_label.setText(self._summary_html())

    def _summary_html(self) -> str:
        cells = []
        for day in self.model.days:
            head = f"{weekday_name(day)} {day:%m-%d}"
            if not self.model.is_open(day):
                body = "<span style='color:#888'>未到</span>"
            else:
                counts = self.model.day_counts(day)
                total = sum(counts.values())
                body = "全部到校" if not total else f"缺勤 {total} 人：" + " ".join(
                    f"<span style='background:{COLOURS[k]}'>&nbsp;{SHORT[k]} {counts[k]}&nbsp;</span>"
                    for k in Kind if counts[k])
            cells.append(f"<td style='padding-right:16px'><b>{head}</b><br>{body}</td>")
        return "<table><tr>" + "".join(cells) + "</tr></table>" if cells else ""

    @property
    def dirty(self) -> bool:
        return bool(self.model.pending)

    # saving ---------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Saves the edits (one transaction); False when refused (the message says why; edits kept)."""
        grid = self.model.grid
        if grid is None or not self.model.pending:
            return True
        cells = dict(self.model.pending)
        class_id = grid.klass.id
        count = len(cells)
        result = run_op(self, lambda: save_absences(self.ws, class_id, cells, self.days), initiator=self)
        if result is None:
            return False
        current = self.table.currentIndex()
        self.load()
        if current.isValid():
            self.table.put_cursor(current.row(), current.column())
        self.state_label.setText(self.state_label.text() + f"　已保存 {count} 处改动")
        return True

    def keep_or_drop_edits(self) -> bool:
        """Before the grid is left: True when it may go (saved or discarded), False to stay."""
        if not self.model.pending:
            return True
        answer = self.ask_unsaved(len(self.model.pending))
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.model.discard()
            return True
        return False

    def ask_unsaved(self, count: int) -> str:
        """保存 / 不保存 / 取消 (tests replace this)."""
        grid = self.model.grid
        box = QMessageBox(QMessageBox.Icon.Question, TITLE,
                          f"{grid.klass.name}　{week_title(self.days, self.day)}：有 {count} 处改动尚未保存。",
                          QMessageBox.StandardButton.NoButton, self)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return SAVE if clicked is save else DISCARD if clicked is drop else CANCEL

    def reject(self) -> None:  # Esc, 关闭, the window's close button
        if self.keep_or_drop_edits():
            super().reject()

    def done(self, result: int) -> None:
        try:
            hub().changed.disconnect(self.on_changes)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if initiator is self or self.model.grid is None:
            return
        ours = {p.id for p in self.model.pupils}
        attendance = any(e.kind == EventKind.ATTENDANCE_RECORDED.value for e in changes.events)
        if changes.classes or attendance or (changes.students & ours):
            self.load(keep_pending=True)

    # the teachers' sheets -------------------------------------------------------------------------
    def import_sheet(self) -> SheetImport | None:
        grid = self.model.grid
        if grid is None or not self.keep_or_drop_edits():
            return None
        path = self.ask_open_path()
        if not path:
            return None
        try:
            sheet = read_sheet(self.ws, path, grid.klass.id, self.day, self.days)
        except SheetError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "导入考勤表", "无法导入这张表格。", str(e))
            return None
        if not self.confirm_import(sheet):
            return sheet
        cells, class_id = dict(sheet.cells), grid.klass.id
        if run_op(self, lambda: save_absences(self.ws, class_id, cells, self.days), initiator=self) is not None:
            self.load()
            span = (f"{sheet.days[0]:%m-%d} 至 {sheet.days[-1]:%m-%d}" if len(sheet.days) > 1
                    else f"{sheet.days[0]:%m-%d}" if sheet.days else "")
            self.state_label.setText(f"已导入 {sheet.clean_rows} 名学生 {span} 的考勤（缺勤 {sheet.absences} 人次）")
        return sheet

    def confirm_import(self, sheet: SheetImport) -> bool:
        """Shows what the sheet holds and its problems; True to save its clean rows (tests replace this)."""
        klass = self.model.grid.klass.name
        if sheet.days:
            first, last = sheet.days[0], sheet.days[-1]
            days = f"{first.month}月{first.day}日" + (f"至{last.month}月{last.day}日" if last != first else "")
            days += f"（{len(sheet.days)} 个上课日）"
        else:
            days = "无"
        what = (f"{klass}：表中 {sheet.rows} 名学生，日期 {days}。\n"
                f"可导入 {sheet.clean_rows} 名学生的考勤，其中缺勤 {sheet.absences} 人次。")
        notes = []
        if sheet.missing:
            notes.append(f"表中没有这些学生（他们的考勤不变）：{'、'.join(sheet.missing)}")
        if sheet.skipped_days:
            notes.append("未读取的空白日期列（非上课日或尚未到）："
                         + "、".join(f"{d.month}月{d.day}日" for d in sheet.skipped_days))
        problems = [f"• {p}" for p in sheet.problems]
        shown = problems[:PROBLEMS_SHOWN] + ([f"……另有 {len(problems) - PROBLEMS_SHOWN} 处，点“显示详情”查看"]
                                             if len(problems) > PROBLEMS_SHOWN else [])
        if not sheet.cells:
            operations.show_message(self, QMessageBox.Icon.Warning, "导入考勤表",
                                    f"{what}\n没有可以导入的内容，未写入任何记录。", "\n".join(problems + notes))
            return False
        box = QMessageBox(QMessageBox.Icon.Question if sheet.ok else QMessageBox.Icon.Warning, "导入考勤表", what,
                          QMessageBox.StandardButton.NoButton, self)
        if sheet.ok:
            box.setInformativeText("\n".join(notes + ["表中空白的格子记为到校。确定导入吗？"]))
            go = box.addButton("导入", QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText("\n".join([f"有 {len(problems)} 处问题，这些学生的行不会导入：", *shown, "",
                                               *notes, "可以改好表格后重新导入，或只导入没有问题的行。"]))
            if len(problems) > PROBLEMS_SHOWN:
                box.setDetailedText("\n".join(problems))
            go = box.addButton(f"只导入没有问题的 {sheet.clean_rows} 名学生", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        layout = box.layout()  # wide enough for a problem per line
        if isinstance(layout, QGridLayout):
            layout.addItem(QSpacerItem(720, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                           layout.rowCount(), 0, 1, layout.columnCount())
        box.exec()
        return box.clickedButton() is go

    def export_template(self) -> Path | None:
        grid = self.model.grid
        if grid is None:
            return None
        default = Path.home() / template_name(self.ws, grid.klass.id, self.day, self.days)
        path = self.ask_save_path(default)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        class_id, day = grid.klass.id, self.day
        written = run_op(self, lambda: write_template(self.ws, path, class_id, day, self.days))
        if written is not None:
            self.state_label.setText(f"已保存空白考勤表：{written}")
        return written

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "选择班主任的考勤表", str(Path.home()), "Excel 表格 (*.xlsx)")
        return path

    def ask_save_path(self, default: Path) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "保存空白考勤表", str(default), "Excel 表格 (*.xlsx)")
        return path

    # size -----------------------------------------------------------------------------------------
    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width, height = 1140, 720
        if avail is not None:
            width, height = min(width, avail.width() - 20), min(height, avail.height() - 40)
        self.resize(width, height)
        self.setMinimumSize(720, 420)  # fits 911×512 (150 % Windows scaling on a 1366×768 screen)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
