"""奖励与处分: one pupil's rewards and punishments and the appeals against them, reached from the pupil's record
(the 奖励与处分 button beside the name) and the 学籍变动 menu. The window reads only through the domain
(core.discipline) and writes through its services with `run_op`, which shows every refusal with its article.

Actions: 登记奖励, 登记处分 (only the region's kinds are offered; the archive note cites the article as the
entry changes), 处分告知书另存为 PDF 或打印, 记录已告知, 撤销处分, 处分申诉 (open it, then each step in its order).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.discipline import appeals, discipline_reads, records
from ..core.discipline import discipline_rules as rules
from ..core.discipline.records import DisciplineDraft
from ..core.pupils import pupil_reads
from ..core.rules.findings import Severity
from . import operations
from .operations import run_op
from .tables import table

HEADERS = ("类别", "级别或种类", "名称或事由", "日期", "决定单位", "文号", "学籍档案", "状态", "申诉")
WIDTHS = (50, 90, 230, 90, 110, 130, 70, 170, 160)
APPEAL_HEADERS = ("申诉编号", "处分", "状态", "当前环节", "期限")
APPEAL_WIDTHS = (120, 180, 70, 290, 90)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


# ── the dialogs a test replaces ────────────────────────────────────────────────────────────────
def ask_save_path(parent, title: str, default: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), "PDF 文件 (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class FormDialog(QDialog):
    """A small form: labelled fields, a note under them, 确定/取消."""

    def __init__(self, title: str, parent=None, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget


class RecordDialog(FormDialog):
    """登记奖励 / 登记处分: the region's levels or kinds; the notes (archive, article) follow the entry."""

    def __init__(self, ws, student_id: int, kind: str, parent=None):
        super().__init__("登记奖励" if kind == rules.REWARD else "登记处分", parent)
        self.ws, self.student_id, self.kind = ws, student_id, kind
        self.level = QComboBox()
        levels = rules.REWARD_LEVELS if kind == rules.REWARD else records.kinds_for(ws, student_id)
        self.level.addItems(list(levels))
        if kind == rules.REWARD:
            self.level.setCurrentText(rules.SCHOOL_LEVEL)
        self.add("奖励级别：" if kind == rules.REWARD else "处分种类：", self.level)
        self.title = self.add("奖励名称：" if kind == rules.REWARD else "处分名称（可不填）：", QLineEdit())
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(60)
        self.add("事迹：" if kind == rules.REWARD else "处分事由：", self.reason)
        self.decided_on = self.add("决定日期：", date_edit(ws.today()))
        self.decided_by = self.add("决定单位：", QLineEdit("本校"))
        self.document_no = self.add("文号：", QLineEdit())
        self.ends = QCheckBox("有期限，至")
        self.ends_on = date_edit(ws.today() + dt.timedelta(days=180))
        self.archive = QCheckBox("记入学籍档案")
        if kind == rules.PUNISHMENT:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.ends)
            line.addWidget(self.ends_on)
            line.addStretch(1)
            self.add("期限：", row)
            self.add("学籍档案：", self.archive)
        # 开除学籍 of a 高中 pupil: the city bureau's approval, as it was given (长治 第四十条)
        self.approved_by = QLineEdit()
        self.approved_by.setPlaceholderText("如 长治市教育局（长教函〔2027〕12号）")
        self.approved_on = date_edit(ws.today())
        self.approved_by_label, self.approved_on_label = QLabel("批准单位（文号）："), QLabel("批准日期：")
        self.form.addRow(self.approved_by_label, self.approved_by)
        self.form.addRow(self.approved_on_label, self.approved_on)
        for signal in (self.level.currentTextChanged, self.archive.toggled):
            signal.connect(self.refresh)
        self.refresh()

    def draft(self) -> DisciplineDraft:
        silent = self.kind == rules.PUNISHMENT and rules.punishment_in_archive(self.ws.profile,
                                                                                self.level.currentText()) is None
        return DisciplineDraft(
            kind=self.kind, student_id=self.student_id, level=self.level.currentText(), title=self.title.text(),
            reason=self.reason.toPlainText(), decided_on=_day(self.decided_on), decided_by=self.decided_by.text(),
            document_no=self.document_no.text(), ends_on=_day(self.ends_on) if self.ends.isChecked() else None,
            in_archive=self.archive.isChecked() if silent else None,
            approved_by=self.approved_by.text() if self._expelling() else "",
            approved_on=_day(self.approved_on) if self._expelling() else None)

    def _expelling(self) -> bool:
        return self.kind == rules.PUNISHMENT and self.level.currentText() == rules.EXPULSION

    def refresh(self) -> None:
        """The notes the domain gives for this entry (archive, no corporal punishment), each with its article;
        the archive box is the school's choice only where the region's text is silent."""
        level = self.level.currentText()
        expelling = self._expelling()
        if expelling != self.approved_by.isVisibleTo(self):
            for widget in (self.approved_by, self.approved_on, self.approved_by_label, self.approved_on_label):
                widget.setVisible(expelling)
            self.adjustSize()  # room for the approval's two rows, the 事由 box keeping its height
        if self.kind == rules.PUNISHMENT:
            decided = rules.punishment_in_archive(self.ws.profile, level)
            self.archive.setEnabled(decided is None)
            if decided is not None:
                self.archive.blockSignals(True)
                self.archive.setChecked(decided)
                self.archive.blockSignals(False)
        notes = [f for f in records.check(self.ws, self.draft()) if f.severity is Severity.INFO]
        self.note.setText("\n".join(f.text for f in notes))

    def accept(self) -> None:
        done = run_op(self, lambda: records.record(self.ws, self.draft()), initiator=self)
        if done is not None:
            self.row = done
            super().accept()


class DisciplineDialog(QDialog):
    def __init__(self, ws, student_id: int, parent=None):
        super().__init__(parent)
        self.ws, self.student_id = ws, student_id
        pupil = pupil_reads.pupil(student_id)
        self.setWindowTitle(f"奖励与处分：{pupil.name}（{pupil.student_number}）" if pupil else "奖励与处分")
        self.rows: list[discipline_reads.DisciplineRow] = []
        self.appeal_list: list[appeals.AppealRow] = []
        self.rules_label = QLabel(self._rules_text())
        self.rules_label.setWordWrap(True)
        self.table = table(HEADERS, WIDTHS, stretch=2)
        self.table.setObjectName("discipline_table")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.appeal_table = table(APPEAL_HEADERS, APPEAL_WIDTHS, stretch=3)
        self.appeal_table.setObjectName("appeal_table")
        self.appeal_table.setMaximumHeight(120)
        self.appeal_table.itemSelectionChanged.connect(self._update_buttons)

        self.add_reward = QPushButton("登记奖励…")
        self.add_punishment = QPushButton("登记处分…")
        self.print_notice = QPushButton("处分告知书另存为 PDF…")
        self.print_notice.setToolTip("另存为 PDF 并打开")
        self.notice_to_printer = QPushButton("打印…")
        self.notice_to_printer.setToolTip("预览处分告知书并送打印机（一式两份）")
        self.notify = QPushButton("记录已告知…")
        self.revoke = QPushButton("撤销处分…")
        self.open_appeal = QPushButton("处分申诉…")
        self.appeal_step = QPushButton("记录申诉进展…")
        self.close_button = QPushButton("关闭")
        self.add_reward.clicked.connect(lambda: self.record(rules.REWARD))
        self.add_punishment.clicked.connect(lambda: self.record(rules.PUNISHMENT))
        self.print_notice.clicked.connect(lambda: self.print_selected())
        self.notice_to_printer.clicked.connect(lambda: self.print_selected(to_printer=True))
        self.notify.clicked.connect(self.notify_selected)
        self.revoke.clicked.connect(self.revoke_selected)
        self.open_appeal.clicked.connect(self.appeal_selected)
        self.appeal_step.clicked.connect(self.record_appeal_step)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.add_reward, self.add_punishment, self.print_notice, self.notice_to_printer, self.notify,
                  self.revoke, self.open_appeal):
            buttons.addWidget(b)
        buttons.addStretch(1)
        appeal_buttons = QHBoxLayout()
        appeal_buttons.addWidget(QLabel("处分申诉："))
        appeal_buttons.addStretch(1)
        appeal_buttons.addWidget(self.appeal_step)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(appeal_buttons)
        layout.addWidget(self.appeal_table)
        layout.addLayout(bottom)
        self.resize(1180, 560)
        self.refresh()

    def _rules_text(self) -> str:
        p = self.ws.profile
        parts = []
        kinds, high = p.rule("punishment.kinds"), p.rule("punishment.high_kinds")
        if kinds.applies and kinds.value:
            parts.append(f"本地区处分：{'、'.join(kinds.value)}（{kinds.article}）")
        if high.applies and high.value:
            parts.append(f"普通高中：{'、'.join(high.value)}（{high.article}）")
        else:
            parts.append(f"处分种类：{rules.silent_texts(p)}，可选{'、'.join(rules.punishment_kinds(p))}")
        for key, what in (("rewards.archive_threshold", "奖励"), ("punishment.archive_threshold", "处分")):
            rule = p.rule(key)
            if rule.applies:
                parts.append(f"{what}记入学籍档案：{rule.quote or rule.value}（{rule.article}）")
        return "；".join(parts) + "。"

    # reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.rows = discipline_reads.rows_of(self.student_id)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            text = r.title if r.kind == rules.REWARD else r.reason
            cells = (r.kind_label, r.level, text, f"{r.decided_on:%Y-%m-%d}", r.decided_by, r.document_no,
                     "记入" if r.in_archive else "", r.state, r.appeal)
            for j, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, j, item)
        self.appeal_list = appeals.appeal_rows(self.student_id)
        self.appeal_table.setRowCount(len(self.appeal_list))
        for i, a in enumerate(self.appeal_list):
            step = a.pending
            due = f"{step.due_on:%Y-%m-%d}" if step is not None and step.due_on else ""
            for j, value in enumerate((a.number, a.punishment, a.status_label, step.label if step else "", due)):
                self.appeal_table.setItem(i, j, QTableWidgetItem(value))
        if self.appeal_list and not self.appeal_table.selectedItems():
            self.appeal_table.selectRow(0)
        self._update_buttons()

    def current(self) -> discipline_reads.DisciplineRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def current_appeal(self) -> appeals.AppealRow | None:
        row = self.appeal_table.currentRow()
        return self.appeal_list[row] if 0 <= row < len(self.appeal_list) else None

    def _update_buttons(self) -> None:
        r = self.current()
        live = r is not None and r.kind == rules.PUNISHMENT and r.revoked_on is None
        self.print_notice.setEnabled(live)
        self.notice_to_printer.setEnabled(live)
        self.notify.setEnabled(r is not None and r.revoked_on is None and r.notified_on is None)
        self.revoke.setEnabled(live)
        why = appeals.offered(self.ws.profile)
        self.open_appeal.setEnabled(live and why is None)
        self.open_appeal.setToolTip(why.text if why is not None else "对所选处分登记申诉")
        a = self.current_appeal()
        self.appeal_step.setEnabled(a is not None and a.pending is not None)

    # actions ------------------------------------------------------------------------------------
    def record(self, kind: str) -> RecordDialog:
        dialog = RecordDialog(self.ws, self.student_id, kind, self)
        dialog.open()
        dialog.finished.connect(lambda _: self.refresh())
        return dialog

    def print_selected(self, path: str | None = None, to_printer: bool = False):
        from ..core.forms.archive_common import ArchiveFormError
        from ..core.forms.discipline_notice import COPIES, COPY_COUNT, TITLE, print_notice

        r = self.current()
        if r is None:
            return None
        if to_printer:
            from . import printing

            def make(target):
                try:
                    return run_op(self, lambda: print_notice(self.ws, r.id, target))
                except ArchiveFormError as e:
                    operations.show_message(self, QMessageBox.Icon.Warning, "未能打印", e.message)
                    return None

            return printing.print_made(self, self.ws, printing.PrintSpec(TITLE, COPY_COUNT, COPIES), make)
        path = path or ask_save_path(self, "保存学生处分告知书",
                                     Path.home() / f"学生处分告知书-{r.student_name}-{r.decided_on:%Y%m%d}.pdf")
        if not path:
            return None
        try:
            done = run_op(self, lambda: print_notice(self.ws, r.id, path))
        except ArchiveFormError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "未能打印", e.message)
            return None
        if done is not None:
            open_file(done)
        return done

    def notify_selected(self) -> FormDialog | None:
        r = self.current()
        if r is None:
            return None
        rule = rules.notify_rule(self.ws.profile)
        dialog = FormDialog("记录已告知学生及其监护人", self,
                            f"{rule.quote}（{rule.article}）" if rule else "")
        day = dialog.add("告知日期：", date_edit(self.ws.today()))
        how = dialog.add("告知方式：", QLineEdit("当面送达处分告知书" if r.kind == rules.PUNISHMENT else "当面告知"))

        def done() -> None:
            if run_op(dialog, lambda: records.notify(self.ws, r.id, _day(day), how.text()), initiator=self):
                QDialog.accept(dialog)
                self.refresh()

        dialog.accept = done
        dialog.open()
        return dialog

    def revoke_selected(self) -> FormDialog | None:
        r = self.current()
        if r is None:
            return None
        note = ""
        if rules.removed_on_revoke(self.ws.profile):
            rule = self.ws.profile.rule("punishment.revoked_removed")
            note = f"撤销后从学籍档案中删除：{rule.quote}（{rule.article}）"
        dialog = FormDialog(f"撤销处分：{r.level}（{r.decided_on:%Y-%m-%d}）", self, note)
        day = dialog.add("撤销日期：", date_edit(self.ws.today()))
        reason = dialog.add("撤销理由：", QLineEdit())

        def done() -> None:
            if run_op(dialog, lambda: records.revoke(self.ws, r.id, _day(day), reason.text()), initiator=self):
                QDialog.accept(dialog)
                self.refresh()

        dialog.accept = done
        dialog.open()
        return dialog

    def appeal_selected(self) -> FormDialog | None:
        r = self.current()
        if r is None:
            return None
        members = appeals.body_members(self.ws.profile)
        dialog = FormDialog(f"处分申诉：{r.level}（{r.decided_on:%Y-%m-%d}）", self,
                            (f"由学校学生申诉机构受理并复查，成员应含{'、'.join(members)}" if members else "")
                            + f"（{appeals.article(self.ws.profile)}）")
        day = dialog.add("提出申诉日期：", date_edit(self.ws.today()))
        who = dialog.add("申诉人：", QLineEdit("学生及其监护人"))
        grounds = dialog.add("申诉理由：", QLineEdit())

        def done() -> None:
            if run_op(dialog, lambda: appeals.open_appeal(self.ws, r.id, _day(day), grounds.text(), who.text()),
                      initiator=self):
                QDialog.accept(dialog)
                self.refresh()

        dialog.accept = done
        dialog.open()
        return dialog

    def record_appeal_step(self) -> FormDialog | None:
        a = self.current_appeal()
        step = a.pending if a is not None else None
        if step is None:
            return None
        dialog = FormDialog(f"处分申诉 {a.number}：{step.label}", self, f"依据：{appeals.article(self.ws.profile)}")
        day = dialog.add("日期：", date_edit(self.ws.today()))
        if step.party in ("appeal_body", "bureau"):
            decision = QComboBox()
            for key, label in appeals.DECISION_LABELS.items():
                decision.addItem(label, key)
            decision.setCurrentIndex(1)
            dialog.add("决定：", decision)
            person = dialog.add("作出决定的机构：", QLineEdit("学生申诉处理委员会" if step.party == "appeal_body"
                                                                else "县教育局"))
            note = dialog.add("说明：", QLineEdit())
            received = dialog.add("申诉人收到复查决定：", date_edit(self.ws.today())) \
                if step.party == "appeal_body" else None

            def call():
                if step.party == "appeal_body":
                    return appeals.record_review(self.ws, a.id, _day(day), person.text(), decision.currentData(),
                                                 note.text(), _day(received))
                return appeals.record_bureau_answer(self.ws, a.id, _day(day), person.text(), decision.currentData(),
                                                    note.text())
        else:
            filed = QComboBox()
            filed.addItem("已向主管教育行政部门提出书面申诉", True)
            filed.addItem("未提出书面申诉（办结，维持原处分）", False)
            dialog.add("申诉人：", filed)
            if step.due_on:
                dialog.note.setText(f"期限：{step.due_on:%Y-%m-%d}（收到复查决定之日起的工作日内）；"
                                    f"依据：{appeals.article(self.ws.profile)}")
            reason = dialog.add("逾期提出的理由：", QLineEdit())

            def call():
                if filed.currentData():
                    return appeals.record_filing(self.ws, a.id, _day(day), "", reason.text())
                return appeals.record_no_filing(self.ws, a.id, _day(day))

        def done() -> None:
            if run_op(dialog, call, initiator=self):
                QDialog.accept(dialog)
                self.refresh()

        dialog.accept = done
        dialog.open()
        return dialog


# ── in the main window ─────────────────────────────────────────────────────────────────────────
def open_for(window, student_id: int | None = None) -> DisciplineDialog | None:
    student_id = student_id or window.selected_student_id()
    if student_id is None:
        operations.show_message(window, QMessageBox.Icon.Information, "奖励与处分", "请先在左侧列表中选择一名学生。")
        return None
    dialog = DisciplineDialog(window.ws, student_id, window)
    dialog.open()
    window.discipline_dialog = dialog
    return dialog
