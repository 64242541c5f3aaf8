"""升学接续（初一新生）: the admissions the bureau's replies brought, each with the primary school's record and
history; the registrar picks a class of the first middle grade and continues the selected pupils' records there
(the same 学籍号; class-size rules apply, a warning passed with a reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.admission.continuation import (
    ContinuationError,
    ListedGraduate,
    admissions,
    check_continue,
    continue_admission,
    known_numbers,
    listed_draft,
    middle_classes,
    read_graduate_list,
)
from ..core.rules.findings import Severity
from . import operations
from .tables import table

TITLE = "升学接续（初一新生）"
COLUMNS = ("学籍号", "姓名", "性别", "出生日期", "毕业学校", "毕业班级", "核准", "状态")
HISTORY = ("日期", "学校", "变更")


class AdmissionsDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        layout = QVBoxLayout(self)
        self.head = QLabel("")
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = table(COLUMNS, (170, 70, 40, 90, 180, 100, 160), stretch=len(COLUMNS) - 1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAccessibleName("升学录取")
        self.table.itemSelectionChanged.connect(self.show_history)
        split.addWidget(self.table)
        self.history = table(HISTORY, (90, 180), stretch=2)
        self.history.setAccessibleName("小学阶段的变更记录")
        split.addWidget(self.history)
        split.setSizes([300, 160])
        layout.addWidget(split, 1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("编入班级："))
        self.class_box = QComboBox()
        for class_id, name, pupils, capacity in middle_classes(ws):
            self.class_box.addItem(f"{name}（现有 {pupils} 人，计划 {capacity} 人）", class_id)
        bar.addWidget(self.class_box)
        bar.addWidget(QLabel("提醒项的理由："))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如超过标准班额，须写明理由（至少 4 个字）")
        bar.addWidget(self.reason, 1)
        self.continue_button = QPushButton("接续所选学生的学籍")
        self.continue_button.clicked.connect(self.continue_selected)
        bar.addWidget(self.continue_button)
        typed = QHBoxLayout()
        typed.addWidget(QLabel("小学未使用本程序的："))
        self.number_button = QPushButton("录入学籍号接续…")
        self.number_button.clicked.connect(self.enrol_by_number)
        self.roster_button = QPushButton("从小学毕业生花名册接续…")
        self.roster_button.clicked.connect(self.enrol_from_roster)
        typed.addWidget(self.number_button)
        typed.addWidget(self.roster_button)
        typed.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        layout.addLayout(bar)
        layout.addLayout(typed)
        self.resize(1100, 600)
        self.load()

    def load(self) -> None:
        self.rows = admissions()
        waiting = sum(1 for a in self.rows if a.waiting)
        self.head.setText(f"教育局核准升入本校的学生 {len(self.rows)} 名，待接续 {waiting} 名。接续后学籍号不变，"
                          "学籍信息和家庭成员取自小学报送的学籍档案，小学阶段的变更记录随档案保存。")
        t = self.table
        t.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            cells = (a.student_number, a.name, a.sex, a.birth_date, a.from_name, a.class_name,
                     f"{a.admitted_on} {a.person}", a.state)
            for c, text in enumerate(cells):
                t.setItem(r, c, QTableWidgetItem(text))
        self.continue_button.setEnabled(bool(waiting) and self.class_box.count() > 0)
        if self.rows:
            t.selectRow(0)

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    def show_history(self) -> None:
        chosen = self.selected()
        entries = chosen[0].history if chosen else ()
        self.history.setRowCount(len(entries))
        for r, h in enumerate(entries):
            for c, key in enumerate(("date", "school", "summary")):
                self.history.setItem(r, c, QTableWidgetItem(str(h.get(key, ""))))

    def continue_selected(self) -> int:
        """Continues each selected pupil still waiting; returns how many were continued."""
        class_id = self.class_box.currentData()
        reason = self.reason.text().strip()
        done = 0
        for a in [a for a in self.selected() if a.waiting]:
            warned = [f for f in check_continue(self.ws, a.student_number, class_id) if f.severity is Severity.WARN]
            reasons = {f.rule: reason for f in warned}
            out = operations.run_op(self, lambda a=a, reasons=reasons: continue_admission(
                self.ws, a.student_number, class_id, reasons), initiator=self)
            if out is None:
                break
            done += 1
        self.load()
        return done


    # the typed route: the enrolment wizard, the primary 学籍号 kept (route 升学) ------------------------------
    def enrol_by_number(self):
        number, ok = QInputDialog.getText(self, "录入学籍号接续", "小学的学籍号（G、L 或 J 开头，共 19 位）：")
        if not ok or not number.strip():
            return None
        return self.open_wizard(ListedGraduate(0, number.strip().upper(), "", "", "", "", ""))

    def enrol_from_roster(self):
        path, _ = QFileDialog.getOpenFileName(self, "选择小学的毕业生花名册", "", "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        try:
            listed = read_graduate_list(path)
        except ContinuationError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "无法读取花名册", str(e))
            return None
        return self.choose_from(listed)

    def choose_from(self, listed: list[ListedGraduate]):
        """Asks which pupil of the roster to enrol now (those already on the roll left out)."""
        taken = {a.student_number for a in self.rows if not a.waiting} | known_numbers([g.student_number for g in listed])
        offered = [g for g in listed if g.student_number not in taken]
        if not offered:
            operations.show_message(self, QMessageBox.Icon.Information, "毕业生花名册", "花名册中的学生都已在本校学籍中。")
            return None
        labels = [f"{g.name}（{g.student_number}，第 {g.row} 行）" for g in offered]
        chosen, ok = QInputDialog.getItem(self, "从毕业生花名册接续", "注册哪一名学生：", labels, 0, False)
        if not ok:
            return None
        return self.open_wizard(offered[labels.index(chosen)])

    def open_wizard(self, listed: ListedGraduate):
        """The enrolment wizard as 初一 新生 with the 学籍号 kept and what the roster gives filled in."""
        from .enrol_wizard import EnrolWizard

        wizard = EnrolWizard(self.ws, self)
        prefill_wizard(self.ws, wizard, listed)
        wizard.enrolled.connect(lambda _student: self.load())
        wizard.open()
        return wizard


def prefill_wizard(ws, wizard, listed: ListedGraduate) -> None:
    draft = listed_draft(ws, listed, None)
    wizard.setWindowTitle(f"升学接续 — 学籍号 {listed.student_number}（保留小学的学籍号）")
    wizard.draft.continued_number = listed.student_number
    route = wizard.pages_by_name["route"]
    route.new.setChecked(True)
    route.grade.setCurrentIndex(max(route.grade.findData(draft.grade), 0))
    identity = wizard.pages_by_name["identity"]
    identity.form.set_values({k: v for k, v in draft.student.items() if v})
    identity.form.editor("id_number").edited.emit()  # birth date, sex and places follow the ID number, as typed
    identity.verified.setChecked(draft.identity_verified)
    wizard.refresh()


def open_dialog(window) -> AdmissionsDialog:
    dialog = AdmissionsDialog(window.ws, window)
    dialog.open()
    return dialog
