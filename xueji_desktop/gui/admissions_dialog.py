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
    cancel_admission,
    check_continue,
    continue_admission,
    entries,
    first_high_grade,
    known_numbers,
    listed_draft,
    middle_classes,
    read_graduate_list,
)
from ..core.rules.findings import Severity
from . import operations
from .tables import table

TITLE = "升学接续（初一新生）"
TITLE_WITH_HIGH = "升学接续（初一、高一新生）"
COLUMNS = ("学籍号", "姓名", "性别", "出生日期", "毕业学校", "毕业班级", "核准", "状态")
HISTORY = ("日期", "学校", "变更")


class AdmissionsDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.has_high = first_high_grade(ws) is not None
        self.no_show_rule = ws.profile.rule("enrolment.high_no_show")
        self.setWindowTitle(f"{TITLE_WITH_HIGH if self.has_high else TITLE} — 学籍桌面")
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
        self.cancel_button = QPushButton("取消入学资格（未报到）…")
        self.cancel_button.setToolTip(f"{self.no_show_rule.quote}（{self.no_show_rule.article}）"
                                      if self.no_show_rule.applies else "")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_button.setVisible(self.has_high and self.no_show_rule.applies)
        bar.addWidget(self.cancel_button)
        typed = QHBoxLayout()
        typed.addWidget(QLabel("原学校未使用本程序的：" if self.has_high else "小学未使用本程序的："))
        self.number_button = QPushButton("录入学籍号接续…")
        self.number_button.clicked.connect(self.enrol_by_number)
        self.roster_button = QPushButton("从毕业生花名册或录取名单接续…" if self.has_high else "从小学毕业生花名册接续…")
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
        self.rows = entries(self.ws)
        waiting = sum(1 for a in self.rows if a.waiting)
        earlier = "原学校" if self.has_high else "小学"
        self.head.setText(f"教育局核准升入本校的学生和本校初中毕业生 {len(self.rows)} 名，待接续 {waiting} 名。"
                          f"接续后学籍号不变，学籍信息和家庭成员取自{earlier}的学籍档案，此前的变更记录随档案保存。"
                          if self.has_high else
                          f"教育局核准升入本校的学生 {len(self.rows)} 名，待接续 {waiting} 名。接续后学籍号不变，"
                          "学籍信息和家庭成员取自小学报送的学籍档案，小学阶段的变更记录随档案保存。")
        t = self.table
        t.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            cells = (a.student_number, a.name, a.sex, a.birth_date, a.from_name, a.class_name,
                     f"{a.admitted_on} {a.person}", a.state)
            for c, text in enumerate(cells):
                t.setItem(r, c, QTableWidgetItem(text))
        self.continue_button.setEnabled(bool(waiting) and self.class_box.count() > 0)
        self.cancel_button.setEnabled(any(a.waiting and a.to_high and a.admitted_on for a in self.rows))
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


    def cancel_selected(self) -> int:
        """长治 第十二条: the selected 高一 admissions whose pupils never reported lose the place."""
        chosen = [a for a in self.selected() if a.waiting and a.to_high and a.admitted_on]
        if not chosen:
            QMessageBox.information(self, TITLE_WITH_HIGH, "请先选择待接续的高一升学录取（教育局核准的）。")
            return 0
        names = "、".join(a.name for a in chosen)
        asked = QMessageBox.question(
            self, "取消入学资格",
            f"{names}：开学后 {self.no_show_rule.value} 个工作日内未到校办理入学手续，也未办理延期入学手续？\n\n"
            f"{self.no_show_rule.quote}（{self.no_show_rule.article}）。取消后不能恢复。")
        if asked != QMessageBox.StandardButton.Yes:
            return 0
        done = 0
        for a in chosen:
            if operations.run_op(self, lambda a=a: cancel_admission(self.ws, a.student_number, True),
                                 initiator=self) is None:
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
