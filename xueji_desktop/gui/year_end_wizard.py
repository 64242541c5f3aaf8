"""The year end wizard (学年结转): 检查 → 预览 → 确认 → 完成.

Everything it shows is the domain's plan (core.school_year.year_end.plan); 执行结转 calls turn_year, which
takes the backup first and writes the whole school in one transaction. The last page prints the
毕业生花名册, opens the graduates' certificate numbers, and offers, for the rest of the day, to restore the
backup taken just before (the only way back: a graduation cannot be undone).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core.accounts.roles import Permission, PermissionDenied
from ..core.rules.findings import Finding, Severity
from ..core.school.school import grade_name
from ..core.school_year.year_end import Outcome, YearEndError, YearEndPlan, plan, restorable_backup
from ..core.school_year.year_end_run import YearEndResult, turn_year
from . import operations
from .field_widgets import COLOURS
from .reasons_box import ReasonsBox
from .wizard_buttons import name_buttons

TITLE = "学年结转"
MARK = {Severity.BLOCK: "✖", Severity.WARN: "▲", Severity.INFO: "●"}


def findings_html(findings: list[Finding]) -> str:
    if not findings:
        return "<p>检查通过：没有需要先处理的问题。</p>"
    rows = [f"<p style='color:{COLOURS[f.severity]}'>{MARK[f.severity]} {escape(f.text)}</p>" for f in findings]
    return "".join(rows)


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    return table


class CheckPage(QWizardPage):
    def __init__(self, wizard: YearEndWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("第一步：结转前检查")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.text = QTextBrowser()
        self.text.setAccessibleName("检查结果")
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.roster_button = QPushButton("打印毕业生花名册（拟毕业）…")
        self.roster_button.setToolTip("结转前先报主管教育行政部门核准（营口 四（三）3、长治 附件5）")
        self.roster_button.clicked.connect(self.w.print_roster)
        row.addWidget(self.roster_button)
        row.addStretch(1)
        layout.addLayout(row)

    def initializePage(self) -> None:
        p = self.w.plan
        self.heading.setText(f"<b>{p.label} → {p.next_label}</b>（{p.today:%Y-%m-%d}）：先处理标 ✖ 的问题；"
                             "标 ▲ 的须在确认页说明理由；标 ● 的供核对。")
        self.text.setHtml(findings_html(p.findings))

    def isComplete(self) -> bool:
        return not self.w.plan.blocks


class PreviewPage(QWizardPage):
    def __init__(self, wizard: YearEndWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("第二步：预览结转结果")
        self.layout_ = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        tables = QHBoxLayout()
        self.grades = _table(["年级", "人数", "结转后"], [])
        self.grades.setAccessibleName("各年级结转人数")
        tables.addWidget(self.grades, 1)
        self.classes = _table(["班级", "结转后"], [])
        self.classes.setAccessibleName("班级结转")
        tables.addWidget(self.classes, 1)
        self.layout_.addLayout(tables, 1)
        self.graduates_label = QLabel()
        self.layout_.addWidget(self.graduates_label)
        self.graduates = QTableWidget(0, 5)
        self.graduates.setHorizontalHeaderLabels(["学籍号", "姓名", "班级", "结业", "结业理由"])
        self.graduates.verticalHeader().setVisible(False)
        self.graduates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.graduates.horizontalHeader().setStretchLastSection(True)
        self.graduates.setAccessibleName("毕业学生")
        self.layout_.addWidget(self.graduates, 2)
        self.boxes: dict[int, tuple[QCheckBox, QLineEdit]] = {}

    def initializePage(self) -> None:
        p = self.w.plan
        rows = [[grade_name(g), str(n), grade_name(to) if to else "毕业离校"] for g, n, to in p.by_grade()]
        self._fill(self.grades, rows)
        moves = [[m.old_name, m.new_name if m.grade_to else "随毕业生撤销"] for m in p.classes]
        moves += [[f"新建{grade_name(g)}班级", f"{n} 个"] for g, n in sorted(p.new_classes.items())]
        self._fill(self.classes, moves)
        self.summary.setText(
            f"升级 <b>{len(p.moving)}</b> 人；毕业 <b>{len(p.graduating)}</b> 人；暂不毕业 {len(p.held)} 人；"
            f"保留原年级（休学、辍学等）{len(p.staying)} 人；"
            + (f"留级 {len(p.repeating)} 人；" if p.repeating else "")
            + (f"未达到高中毕业条件（标为结业）{len(p.lacking)} 人；" if p.lacking else "")
            + f"新学年已入学 {len(p.new_year)} 人。"
            + (f"<br>暂不毕业：{escape('；'.join(f'{h.pupil.who} {h.why}' for h in p.held))}" if p.held else ""))
        offered = p.completion_offered
        self.graduates_label.setText(
            "毕业学生（未达到毕业条件的可标为结业并写明理由）：" if offered
            else "毕业学生（本地区规定学习期满即予毕业，未设结业证书）：")
        self.graduates.setColumnHidden(3, not offered)
        self.graduates.setColumnHidden(4, not offered)
        self.graduates.setRowCount(len(p.graduating))
        self.boxes = {}
        for r, x in enumerate(p.graduating):
            for c, text in enumerate([x.student_number, x.name, x.class_name]):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.graduates.setItem(r, c, item)
            short = p.lacking.get(x.id)  # 长治 第三十五条: prefilled with what the pupil lacks
            said = self.w.reasons.get(f"completed:{x.id}") or ("未达到毕业条件：" + "；".join(short) if short else "")
            box, reason = QCheckBox(), QLineEdit(said)
            box.setChecked(x.id in self.w.outcomes or bool(short))
            box.setEnabled(x.id in p.completable and not short)  # short of the conditions: 结业 by the rule
            box.setAccessibleName(f"结业：{x.name}")
            reason.setPlaceholderText("如：综合考核不合格")
            reason.setEnabled(box.isChecked())
            box.toggled.connect(lambda on, edit=reason: (edit.setEnabled(on), self.completeChanged.emit()))
            reason.textChanged.connect(lambda _t: self.completeChanged.emit())
            self.graduates.setCellWidget(r, 3, box)
            self.graduates.setCellWidget(r, 4, reason)
            self.boxes[x.id] = (box, reason)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))

    def isComplete(self) -> bool:
        return all(reason.text().strip() for box, reason in self.boxes.values() if box.isChecked())

    def validatePage(self) -> bool:
        self.w.outcomes = {sid: Outcome.COMPLETED for sid, (box, _r) in self.boxes.items() if box.isChecked()}
        for sid, (box, reason) in self.boxes.items():
            key = f"completed:{sid}"
            if box.isChecked():
                self.w.reasons[key] = reason.text().strip()
            else:
                self.w.reasons.pop(key, None)
        return self.w.replan()


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: YearEndWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("第三步：确认并执行")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "执行结转")
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.reasons = ReasonsBox()
        self.reasons.changed.connect(self.completeChanged)
        layout.addWidget(self.reasons)
        self.sure = QCheckBox("我已核对预览：结转后毕业不可回退，发现错误只能恢复结转前的备份")
        self.sure.toggled.connect(self.completeChanged)
        layout.addWidget(self.sure)
        layout.addStretch(1)

    def initializePage(self) -> None:
        p = self.w.plan
        self.text.setText(
            f"将把 {p.label} 结转为 {p.next_label}：升级 {len(p.moving)} 人，{p.leaving_text}。"
            "执行前自动备份数据库；全部在一次操作中完成，中途断电不会留下半结转的数据。")
        self.reasons.show_warnings(p.warnings, self.w.reasons)
        self.sure.setChecked(False)

    def isComplete(self) -> bool:
        from ..core.admission.enrolment import MIN_REASON

        explained = all(len(self.w.reasons.get(f.rule, "").strip()) >= MIN_REASON for f in self.w.plan.warnings)
        return explained and self.sure.isChecked()

    def validatePage(self) -> bool:
        return self.w.run()


class DonePage(QWizardPage):
    def __init__(self, wizard: YearEndWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("完成")
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        roster = QPushButton("打印毕业生花名册…")
        roster.clicked.connect(self.w.print_roster)
        numbers = QPushButton("登记毕业证书编号…")
        numbers.clicked.connect(self.w.open_graduates)
        self.restore_button = QPushButton("恢复结转前的备份…")
        self.restore_button.setToolTip("仅限结转当天：恢复后结转及其后的所有变更都将撤销")
        self.restore_button.clicked.connect(self.w.restore_backup)
        for b in (roster, numbers, self.restore_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        r = self.w.result
        if r is None:
            return
        self.text.setText(
            f"已结转到 {r.plan.next_label}：升级 {r.promoted} 人，{r.plan.leaving_text}。<br>"
            f"结转前的备份：{escape(r.backup_file)}<br>"
            "下一步：打印毕业生花名册报教育局核准，登记证书编号，并导出变更批次报送教育局。")
        self.restore_button.setEnabled(restorable_backup(self.w.ws) is not None)


class YearEndWizard(QWizard):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.outcomes: dict[int, Outcome] = {}
        self.reasons: dict[str, str] = {}
        self.result: YearEndResult | None = None
        self.plan: YearEndPlan = plan(ws)
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        name_buttons(self)
        self.check_page, self.preview_page = CheckPage(self), PreviewPage(self)
        self.confirm_page, self.done_page = ConfirmPage(self), DonePage(self)
        for page in (self.check_page, self.preview_page, self.confirm_page, self.done_page):
            self.addPage(page)
        self.resize(1000, 660)

    def replan(self) -> bool:
        try:
            self.plan = plan(self.ws, self.outcomes)
        except YearEndError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, TITLE, "不能这样结转。", str(e))
            return False
        return True

    def run(self) -> bool:
        """The backup (取消 allowed: nothing written yet), then the year end's one transaction (取消 greyed out)."""
        from ..core.backups.service import backup_before
        from .work_progress import Cancelled, WorkProgress

        cancelled: list[bool] = []

        def call():
            with WorkProgress(self, TITLE, "正在备份数据库… {done}/{total} KB") as window:
                def backup(ws, reason: str):
                    taken = backup_before(ws, reason, lambda done, total: window(-(-done // 1024), -(-total // 1024)))
                    window.no_cancel(WRITING)
                    window.phase("正在结转… {done}/{total} 名学生")
                    return taken

                try:
                    return _with_changes(turn_year(self.ws, self.outcomes, self.reasons, backup=backup,
                                                   progress=window))
                except Cancelled:
                    cancelled.append(True)
                    return None

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            result = operations.run_op(self, call)
        finally:
            QApplication.restoreOverrideCursor()
        if cancelled:
            operations.show_message(self, QMessageBox.Icon.Information, TITLE,
                                    "已取消：结转前的备份没有完成，数据库未改动，没有留下不完整的备份文件。")
            return False
        if result is None:
            self.replan()
            return False
        self.result = result
        return True

    def print_roster(self) -> None:
        from ..core.forms.offered_registers import offered_registers
        from .paperwork_menu import RegisterPrintDialog

        reg = next((r for r in offered_registers(self.ws.profile, self.ws.school) if r.kind == "graduates"), None)
        if reg is None:
            operations.show_message(self, QMessageBox.Icon.Information, TITLE, "本地区规定未列出毕业生花名册。")
            return
        self.roster_dialog = RegisterPrintDialog(self.ws, reg, self)
        self.roster_dialog.exec()

    def open_graduates(self) -> None:
        from .graduates_dialog import GraduatesDialog

        GraduatesDialog(self.ws, self).exec()

    def restore_backup(self) -> None:
        path = restorable_backup(self.ws)
        if path is None:
            return
        from .restore_wizard import open_from_window

        window = self.parent()
        if window is not None and hasattr(window, "ws"):
            self.accept()
            open_from_window(window, preselect=Path(path))


WRITING = "备份已完成，正在一次写入全部学生的结转：此时不能取消（要么全部完成，要么全部不写入；中途断电也不会留下半结转的数据）"


def _with_changes(result: YearEndResult):
    return result, result.changes


def open_wizard(window) -> YearEndWizard | None:
    ws = window.ws
    try:
        ws.require("办理学年结转", Permission.WORKFLOWS)
    except PermissionDenied as e:
        operations.show_message(window, QMessageBox.Icon.Warning, TITLE, "不能办理学年结转。", e.message)
        return None
    wizard = YearEndWizard(ws, window)
    wizard.open()
    return wizard


__all__ = ["YearEndWizard", "findings_html", "open_wizard"]


def open_graduates(window):
    from .graduates_dialog import GraduatesDialog

    dialog = GraduatesDialog(window.ws, window)
    dialog.open()
    return dialog
