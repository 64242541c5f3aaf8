"""申请 list: the school's cases of every kind (转学 and the status changes, the open ones by
default), who is to act next and by when (late in red). Double-click or Enter opens the case page.
Refreshes itself from the hub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.casework import case_reads
from ..core.casework.cases import CaseKind, CaseStatus
from ..core.changes.suspensions import due_for_resumption
from ..core.dates.workdays import WorkCalendar
from ..core.school.events import Changes
from .hub import hub

if TYPE_CHECKING:
    from .case_dialog import CaseDialog  # imported when a case is opened: it brings the forms and reportlab

HEADERS = ("编号", "类型", "学生", "对方学校或变动内容", "当前环节", "期限", "状态")
WIDTHS = (120, 100, 80, 260, 250, 300, 80)
STRETCH = 3  # 对方学校或变动内容
CaseIdRole = Qt.UserRole + 1
KINDS = tuple(k.value for k in CaseKind if k is not CaseKind.APPEAL)  # 处分申诉: in the pupil's 奖励与处分


def open_count(class_ids: frozenset[int] | None = None) -> int:
    return case_reads.open_count(KINDS, class_ids)


class CasesPanel(QWidget):
    open_requested = Signal(int)  # a case id whose page was opened
    counts_changed = Signal(int)  # open cases
    transfer_in_requested = Signal()

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.dialog: CaseDialog | None = None
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.show_all = QCheckBox("同时显示已办结、未获批准和已撤回的申请")
        self.show_all.toggled.connect(self.reload)
        self.new_in = QPushButton("办理转入…")
        self.new_in.clicked.connect(self.transfer_in_requested)
        self.open_button = QPushButton("打开申请")
        self.open_button.clicked.connect(self._open_current)
        self.late = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.late)
        bar.addStretch(1)
        bar.addWidget(self.show_all)
        bar.addSpacing(12)
        bar.addWidget(self.new_in)
        bar.addWidget(self.open_button)

        table = QTableWidget(0, len(HEADERS))
        table.setHorizontalHeaderLabels(HEADERS)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(STRETCH, QHeaderView.Stretch)
        header.setHighlightSections(False)
        for column, width in enumerate(WIDTHS):
            table.setColumnWidth(column, width)
        table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        table.activated.connect(lambda index: self._open_row(index.row()))
        self.table = table
        self.empty = QLabel("没有办理中的申请。办理转入请点“办理转入…”；办理转出、休学、复学等学籍变动，"
                            "请在“学生名单”中选中学生后，从菜单“转学”或“学籍变动”开始。")
        self.empty.setEnabled(False)
        self.empty.setWordWrap(True)

        self.resume = QLabel()  # suspended pupils whose term has run out, or soon will
        self.resume.setWordWrap(True)
        self.resume.setStyleSheet("background: #fdf2e9; border: 1px solid #e59866; padding: 4px;")
        self.resume.hide()
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.resume)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        hub().changed.connect(self.on_changes)
        self._loaded = False  # filled when first shown or read: the window starts on 待办

    def showEvent(self, event) -> None:
        self._ensure_loaded()
        super().showEvent(event)

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    # filling ------------------------------------------------------------------------------------
    def _show_resumptions(self) -> None:
        today = self.ws.today()
        due = due_for_resumption(today)
        lines = []
        for term in due:
            left = term.days_left(today)
            when = f"已过期 {-left} 天" if left < 0 else ("今天到期" if left == 0 else f"还剩 {left} 天")
            lines.append(f"{term.name}（{term.student_number}，休学至 {term.until:%Y-%m-%d}，{when}）")
        self.resume.setText("<b>休学期满待复学</b>（请联系家长办理复学或延长休学）：" + "；".join(lines))
        self.resume.setVisible(bool(due))

    def reload(self) -> None:
        from .case_dialog import RED, STATUS_COLOURS, other_school, party_text, pupil_of, step_deadline

        self._loaded = True
        self.late.setStyleSheet(f"color: {RED};")
        self._show_resumptions()
        rows = case_reads.case_rows(open_only=not self.show_all.isChecked(), kinds=KINDS,
                                    class_ids=self.ws.visible_classes())
        cal = WorkCalendar.from_store()
        table = self.table
        table.setRowCount(len(rows))
        late = 0
        for r, case in enumerate(rows):
            status = CaseStatus(case.status)
            pending = case.pending if status is CaseStatus.OPEN else None
            if pending is not None:
                due, overdue, warning = step_deadline(self.ws, case, pending, cal)
                step = party_text(case, pending.party)
            else:
                due, overdue, warning = (f"{case.closed_on:%Y-%m-%d} {status.label}" if case.closed_on else ""), False, ""
                step = "—"
            late += overdue
            if warning:  # a year whose holidays are not entered: counted by weekends
                due += "　▲估算"
            cells = (case.number, CaseKind(case.kind).label, pupil_of(case).get("name", ""), other_school(case),
                     step, due, status.label)
            for c, text in enumerate(cells):
                entry = QTableWidgetItem(text)
                entry.setData(CaseIdRole, case.id)
                entry.setToolTip(warning or text)
                if c == 5 and overdue:
                    entry.setForeground(QBrush(QColor(RED)))
                    font = entry.font()
                    font.setBold(True)
                    entry.setFont(font)
                if c == 6:
                    entry.setForeground(QBrush(QColor(STATUS_COLOURS[status])))
                if c in (1, 6):
                    entry.setTextAlignment(Qt.AlignCenter)
                table.setItem(r, c, entry)
        count = open_count(self.ws.visible_classes())
        self.title.setText(f"申请：{count} 件办理中" + (f"，共显示 {len(rows)} 件" if self.show_all.isChecked() else ""))
        self.late.setText(f"其中 {late} 件已逾期" if late else "")
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))
        self.counts_changed.emit(count)

    def case_ids(self) -> list[int]:
        self._ensure_loaded()
        return [self.table.item(r, 0).data(CaseIdRole) for r in range(self.table.rowCount())]

    def rows(self) -> list[tuple[str, ...]]:
        self._ensure_loaded()
        t = self.table
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def select_case(self, case_id: int) -> bool:
        for r, cid in enumerate(self.case_ids()):
            if cid == case_id:
                self.table.selectRow(r)
                return True
        return False

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if not (changes.cases or changes.students):
            return
        if self._loaded:
            self.reload()
        else:  # not shown yet: the count for the tab, the list when shown
            self.counts_changed.emit(open_count(self.ws.visible_classes()))

    # opening ------------------------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.open_case(self.table.item(row, 0).data(CaseIdRole))

    def open_case(self, case_id: int) -> CaseDialog:
        """The case page, window-modal; it stays up to date through the hub while open."""
        if self.dialog is not None:  # one case page at a time
            self.dialog.close()
            self.dialog.deleteLater()
        from .case_dialog import CaseDialog

        self.dialog = CaseDialog(self.ws, case_id, self.window())
        self.dialog.open()
        self.open_requested.emit(case_id)
        return self.dialog

    def _open_current(self) -> None:
        self._ensure_loaded()
        self._open_row(self.table.currentRow())
