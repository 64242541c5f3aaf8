"""高中 dialogs of the 学年 menu: 高中毕业资格 (长治 第三十五条: each 高三 pupil, what is lacking, the record typed
or read from a workbook) and 高中留级 (凉山 二(三): the decisions, each grade's 2 % and a new decision for the
selected pupil). They only show what core.school_year.high_graduation and .repetition decide."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.pupils.pupil_reads import known_pupil, pupil
from ..core.school.school import HIGH_GRADES, grade_name, grades_taught
from ..core.school_year import high_graduation as hg
from ..core.school_year import repetition
from ..core.school_year.repetition import RepetitionDraft
from . import operations
from .tables import table

UNSET = "（未录入）"
YES_NO = (UNSET, "是", "否")


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class HighGraduationDialog(QDialog):
    """高中毕业资格审核: the 高三 pupils at school with what each lacks; the selected pupil's record below."""

    COLUMNS = ("学籍号", "姓名", "班级", "结论", "尚缺的毕业条件")

    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("高中毕业资格审核 — 学籍桌面")
        rule = ws.profile.rule(hg.RULE)
        need = hg.requirements(ws.profile)
        self.subjects = list(need["subjects"])
        layout = QVBoxLayout(self)
        head = QLabel(f"{rule.quote}（{rule.article}）：{rule.note}")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        self.table = table(self.COLUMNS, (170, 70, 80, 180), stretch=4)
        self.table.setAccessibleName("高三学生毕业资格")
        self.table.itemSelectionChanged.connect(self.show_record)
        layout.addWidget(self.table, 1)
        box = QGroupBox("所选学生的毕业条件（补考成绩直接改为补考后的等级）")
        form = QGridLayout(box)
        self.credits: dict[str, QSpinBox] = {}
        for n, label in enumerate(hg.CREDIT_ITEMS):
            spin = QSpinBox()
            spin.setRange(-1, hg.MAX_CREDITS)
            spin.setSpecialValueText(UNSET)
            spin.setAccessibleName(label)
            form.addWidget(QLabel(label + "："), 0, 2 * n)
            form.addWidget(spin, 0, 2 * n + 1)
            self.credits[label] = spin
        self.choices: dict[str, QComboBox] = {}
        for n, (label, options) in enumerate(((hg.EVALUATION_ITEM, (UNSET, *hg.EVALUATIONS)),
                                              *((k, YES_NO) for k in hg.YES_NO_ITEMS))):
            combo = QComboBox()
            combo.addItems(options)
            combo.setAccessibleName(label)
            form.addWidget(QLabel(label + "："), 1, 2 * n)
            form.addWidget(combo, 1, 2 * n + 1)
            self.choices[label] = combo
        exams = QGroupBox(f"学业水平考试（须达到 {'、'.join(need['exam_grades'])} 等级）")
        grid = QGridLayout(exams)
        for n, subject in enumerate(self.subjects):
            combo = QComboBox()
            combo.addItems([UNSET, *hg.EXAM_GRADES])
            combo.setAccessibleName(f"学业水平考试：{subject}")
            grid.addWidget(QLabel(subject), n // 6, 2 * (n % 6))
            grid.addWidget(combo, n // 6, 2 * (n % 6) + 1)
            self.choices[subject] = combo
        form.addWidget(exams, 2, 0, 1, 6)
        layout.addWidget(box)
        bar = QHBoxLayout()
        self.save_button = QPushButton("保存所选学生的毕业条件")
        self.save_button.clicked.connect(self.save)
        import_button = QPushButton("从 Excel 导入…")
        import_button.setToolTip("一行一名学生，首行含“学籍号”，列名：" + "、".join(
            [*hg.CREDIT_ITEMS, hg.EVALUATION_ITEM, *hg.YES_NO_ITEMS, *self.subjects]))
        import_button.clicked.connect(self.import_file)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bar.addWidget(self.save_button)
        bar.addWidget(import_button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.resize(1180, 700)
        self.load()

    def load(self) -> None:
        self.checks = sorted(hg.check_all(self.ws), key=lambda c: c.passes)  # those lacking something first
        short = sum(1 for c in self.checks if not c.passes)
        self.summary.setText(f"高三在校 {len(self.checks)} 人：准予毕业 {len(self.checks) - short} 人，"
                             f"未达到毕业条件 {short} 人（学年结转时可标为结业）。")
        t = self.table
        t.setRowCount(len(self.checks))
        for r, c in enumerate(self.checks):
            for col, text in enumerate((c.student_number, c.name, c.class_name, c.verdict, "；".join(c.lacking))):
                t.setItem(r, col, QTableWidgetItem(text))
        self.save_button.setEnabled(bool(self.checks))
        if self.checks and not t.selectedIndexes():
            t.selectRow(0)

    def selected(self) -> hg.Check | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.checks[min(rows)] if rows else None

    def show_record(self) -> None:
        chosen = self.selected()
        record = hg.record_of(chosen.student_id) if chosen else hg.Record()
        for label, key in hg.CREDIT_ITEMS.items():
            value = getattr(record, key)
            self.credits[label].setValue(-1 if value is None else value)
        self.choices[hg.EVALUATION_ITEM].setCurrentText(record.evaluation or UNSET)
        for label, key in hg.YES_NO_ITEMS.items():
            value = getattr(record, key)
            self.choices[label].setCurrentText(UNSET if value is None else "是" if value else "否")
        for subject in self.subjects:
            self.choices[subject].setCurrentText(record.exams.get(subject) or UNSET)

    def items(self) -> dict[str, str]:
        out = {label: "" if spin.value() < 0 else str(spin.value()) for label, spin in self.credits.items()}
        out.update({label: "" if combo.currentText() == UNSET else combo.currentText()
                    for label, combo in self.choices.items()})
        return out

    def save(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        row = self.table.currentRow()
        done = operations.run_op(self, lambda: hg.set_record(self.ws, chosen.student_id, self.items()),
                                 initiator=self) is not None
        self.load()
        self.table.selectRow(row)
        return done

    def choose_file(self) -> str | None:  # tests replace this
        return QFileDialog.getOpenFileName(self, "选择毕业条件登记表", "", "Excel 文件 (*.xlsx)")[0] or None

    def import_file(self) -> int | None:
        path = self.choose_file()
        if not path:
            return None
        out = operations.run_op(self, lambda: hg.import_workbook(self.ws, path), initiator=self)
        self.load()
        if out is not None:
            operations.show_message(self, QMessageBox.Icon.Information, "导入完成",
                                    f"{out[0]} 名学生的毕业条件有变更。")
            return out[0]
        return None


class RepetitionDialog(QDialog):
    """高中留级: the decisions and each 高中 grade's 2 %; a new decision for a pupil (the window's selection)."""

    COLUMNS = ("学籍号", "姓名", "年级", "届", "申请日期", "批准日期", "批准单位", "原因", "状态")

    def __init__(self, ws, student_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("高中留级 — 学籍桌面")
        rule = ws.profile.rule(repetition.ALLOWED)
        if not rule.applies:  # where the text bans it, the dialog says so (the menu offers it only where allowed)
            rule = ws.profile.rule(repetition.HIGH_BANNED)
        layout = QVBoxLayout(self)
        head = QLabel(f"{rule.quote or ''}（{rule.article}）。{rule.note or ''}")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.quotas = QLabel("")
        layout.addWidget(self.quotas)
        self.table = table(self.COLUMNS, (170, 70, 80, 70, 90, 90, 80, 200), stretch=8)
        self.table.setAccessibleName("留级记录")
        layout.addWidget(self.table, 1)
        box = QGroupBox("登记学校批准的留级申请（学年结转时该生不升级）")
        form = QFormLayout(box)
        chosen = pupil(student_id)
        self.number = QLineEdit(chosen.student_number if chosen and chosen.grade in HIGH_GRADES else "")
        self.number.setPlaceholderText("学籍号")
        form.addRow("学生（学籍号）：", self.number)
        self.applied = _date_edit(ws.today())
        form.addRow("申请日期：", self.applied)
        self.decided = _date_edit(ws.today())
        form.addRow("学校批准日期：", self.decided)
        self.by = QLineEdit("本校")
        form.addRow("批准单位：", self.by)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：因病缺课一学期，本人及监护人申请留级")
        form.addRow("留级原因：", self.reason)
        layout.addWidget(box)
        bar = QHBoxLayout()
        self.add_button = QPushButton("登记留级")
        self.add_button.clicked.connect(self.add)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        self.withdraw_button = QPushButton("撤回所选留级…")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        bar.addWidget(self.add_button)
        bar.addWidget(self.withdraw_button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.resize(1100, 620)
        self.load()

    def load(self) -> None:
        grades = [g for g in HIGH_GRADES if g in grades_taught(self.ws.kind, self.ws.system)]
        self.quotas.setText("<br>".join("留级比例：" + repetition.quota(self.ws, g).text for g in grades))
        rows = self.rows = repetition.repetitions()
        self.table.setRowCount(len(rows))
        for r, x in enumerate(rows):
            state = "已撤回" if x.withdrawn_on else f"已生效（{x.done_on}）" if x.done_on else "待学年结转时生效"
            cells = (x.student.student_number, x.student.name, grade_name(x.grade), f"{x.cohort_year}级",
                     str(x.applied_on), str(x.decided_on), x.decided_by, x.reason, state)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def draft(self) -> RepetitionDraft:
        pupil = known_pupil(student_number=self.number.text().strip().upper())
        return RepetitionDraft(student_id=pupil.id if pupil else None, applied_on=_day(self.applied),
                               decided_on=_day(self.decided), decided_by=self.by.text(), reason=self.reason.text())

    def ask_reason(self) -> str | None:  # tests replace this
        text, ok = QInputDialog.getText(self, "撤回留级", "撤回理由（至少 4 个字）：")
        return text if ok else None

    def withdraw_selected(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        chosen = [self.rows[r] for r in rows if not self.rows[r].withdrawn_on and not self.rows[r].done_on]
        if not chosen:
            operations.show_message(self, QMessageBox.Icon.Information, "撤回留级", "请先选择一条待生效的留级记录。")
            return False
        reason = self.ask_reason()
        if reason is None:
            return False
        done = operations.run_op(self, lambda: repetition.withdraw(self.ws, chosen[0].id, reason),
                                 initiator=self) is not None
        self.load()
        return done

    def add(self) -> bool:
        draft = self.draft()
        done = operations.run_op(self, lambda: repetition.decide(self.ws, draft), initiator=self) is not None
        self.load()
        return done


def open_graduation(window) -> HighGraduationDialog:
    dialog = HighGraduationDialog(window.ws, window)
    dialog.open()
    window.high_graduation_dialog = dialog
    return dialog


def open_repetition(window) -> RepetitionDialog:
    dialog = RepetitionDialog(window.ws, window.selected_student_id(), window)
    dialog.open()
    window.repetition_dialog = dialog
    return dialog
