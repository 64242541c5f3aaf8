"""待办: the registrar's to-do list (core.overview.todo), the first tab of the main window, shown at start-up.

One row per item, most urgent first: overdue rows red, due today or within 3 working days amber.
Double-click or Enter opens the place where the item is dealt with: the case page, the pupil in
学生名单, the term review, the export dialog, the dropout wizard (where present), the holidays
dialog for the year. A deadline counted by weekends only (a year without holiday data) is said in a
banner with a link to 工作日设置. The list recomputes itself after every change announced on the hub.
"""

from __future__ import annotations

import logging
from html import escape

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.overview import todo
from ..core.school.events import Changes
from .colours import AMBER, RED
from .hub import hub

log = logging.getLogger(__name__)

HEADERS = ("紧急程度", "事项", "学生/申请", "期限", "还剩/已逾期（工作日）", "说明")
WIDTHS = (78, 290, 240, 132, 150, 300)
COL_URGENCY, COL_TITLE, COL_WHO, COL_DUE, COL_LEFT, COL_DETAIL = range(6)
ItemRole = Qt.UserRole + 1
COLOURS = {"overdue": RED, "alert": RED, "today": AMBER, "soon": AMBER}
BANNER_STYLE = "background: #fdf2e9; border: 1px solid #e59866; padding: 4px;"  # as the 休学期满 banner
EMPTY_TEXT = "没有待办事项：各项申请均在期限内，新生学籍档案已建立，本学期复核已完成，变更均已导出。"


class TodoPanel(QWidget):
    counts_changed = Signal(int, int)  # items, overdue
    opened = Signal(object)  # the target of the row just opened

    def __init__(self, ws, main=None, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.main = main  # the MainWindow whose places the rows open
        self.items: list[todo.TodoItem] = []
        self.last_opened: tuple | None = None  # (target, what was opened)
        self._pending = False

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.late = QLabel()
        self.late.setStyleSheet(f"color: {RED};")
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.setToolTip("重新计算待办事项")
        self.refresh_button.clicked.connect(self.reload)
        self.open_button = QPushButton("打开")
        self.open_button.setToolTip("打开所选事项的办理页面（双击或按回车同样可以）")
        self.open_button.clicked.connect(self._open_current)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.late)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.open_button)

        self.banner = QLabel()  # deadlines counted by weekends only
        self.banner.setObjectName("todo_estimate_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.linkActivated.connect(lambda link: self.open_target(("holidays", int(link.split(":")[1]))))
        self.banner.hide()

        table = QTableWidget(0, len(HEADERS))
        table.setObjectName("todo_table")
        table.setHorizontalHeaderLabels(HEADERS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate(WIDTHS):
            table.setColumnWidth(column, width)
        table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        table.installEventFilter(self)  # Enter / Return opens the current row
        table.currentCellChanged.connect(lambda row, *_: self._show_detail(row))
        self.table = table

        self.detail = QLabel()  # the current row in full
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setEnabled(False)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        hub().changed.connect(self.on_changes)
        self.reload()

    # filling ------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._pending = False
        try:
            items = todo.todo_items(self.ws)
        except Exception:
            log.exception("to-do list failed")
            items = []
        current = self.current_item()
        self.items = items
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(items))
        for r, item in enumerate(items):
            due = f"{item.due:%Y-%m-%d}" if item.due else "—"
            if item.estimated:
                due += " ▲估算"
            cells = (item.urgency_label, item.title, item.who, due, item.remaining_label, item.detail)
            colour = COLOURS.get(item.level)
            tip = item.detail + (f"\n{item.warning}" if item.warning else "")
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ItemRole, r)
                cell.setToolTip(tip)
                if colour:
                    cell.setForeground(QBrush(QColor(colour)))
                if c == COL_URGENCY and item.level in ("overdue", "alert", "today"):
                    bold = cell.font()
                    bold.setBold(True)
                    cell.setFont(bold)
                if c in (COL_URGENCY, COL_DUE):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, cell)
        table.setUpdatesEnabled(True)
        late = todo.overdue_count(items)
        self.title.setText(f"待办：{len(items)} 项" if items else "待办")
        self.late.setText(f"其中 {late} 项已逾期" if late else "")
        self._show_banner(items)
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))
        self.open_button.setEnabled(bool(items))
        if items:
            again = next((r for r, i in enumerate(items) if current and i.target == current.target
                          and i.kind == current.kind), 0)
            table.selectRow(again)
        self._show_detail(table.currentRow())
        self.announce()

    def announce(self) -> None:
        """Tells the window how many items there are (and how many overdue), for the tab's title."""
        self.counts_changed.emit(len(self.items), todo.overdue_count(self.items))

    def _show_banner(self, items: list[todo.TodoItem]) -> None:
        text = todo.estimate_banner(items)
        years = sorted({y for i in items for y in i.years_estimated})
        if not text:
            self.banner.hide()
            return
        self.banner.setText(f"<b>▲ 期限为估算</b>：{escape(text)}　<a href='holidays:{years[0]}'>录入 {years[0]} 年放假安排</a>")
        self.banner.show()

    def _show_detail(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        if item is None:
            self.detail.setText("")
            return
        self.detail.setText(f"<b>{escape(item.title)}</b>　{escape(item.who)}<br>{escape(item.detail)}"
                            + (f"<br><span style='color:{AMBER}'>▲ {escape(item.warning)}</span>" if item.warning else "")
                            + "<br><span style='color:#6b6b6b'>双击或按回车打开办理页面</span>")

    def eventFilter(self, obj, event) -> bool:
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_current()
            return True
        return super().eventFilter(obj, event)

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if not self._pending and shiboken6.isValid(self):  # several announcements in one turn: one recount
            self._pending = True
            QTimer.singleShot(0, self, self._reload_pending)

    def _reload_pending(self) -> None:
        if self._pending and shiboken6.isValid(self.table):
            self.reload()

    # reading ------------------------------------------------------------------------------------
    def rows(self) -> list[tuple[str, ...]]:
        t = self.table
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def row_colour(self, row: int) -> str | None:
        brush = self.table.item(row, COL_TITLE).foreground()
        return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None

    def current_item(self) -> todo.TodoItem | None:
        row = self.table.currentRow() if hasattr(self, "table") else -1
        return self.items[row] if 0 <= row < len(self.items) else None

    # opening ------------------------------------------------------------------------------------
    def _open_current(self) -> None:
        self.open_row(self.table.currentRow())

    def open_row(self, row: int):
        if 0 <= row < len(self.items):
            return self.open_target(self.items[row].target)
        return None

    def open_target(self, target: tuple):
        """Opens the place for `target`; returns what was opened (a dialog, or the pupil's id)."""
        what, key = target
        main = self.main
        opened = None
        if what == "case" and main is not None:
            opened = main.open_case(key)
        elif what == "student" and main is not None:
            opened = self._show_pupil(key)
        elif what == "dropout":
            opened = self._open_dropout(key)
        elif what == "review":
            from .term_review_dialog import TermReviewDialog

            opened = TermReviewDialog(self.ws, main or self)
            if main is not None:
                opened.student_requested.connect(self._show_pupil)
            opened.open()
        elif what == "export":
            from .exchange_dialogs import ExportDialog

            opened = ExportDialog(self.ws, main or self)
            opened.open()
        elif what == "import" and main is not None:
            from .national_import_dialog import open_dialog

            opened = open_dialog(main, modal=False)
        elif what == "year_end" and main is not None:
            from .year_end_wizard import open_wizard

            opened = open_wizard(main)
        elif what == "admissions" and main is not None:
            from .admissions_dialog import open_dialog as open_admissions

            opened = open_admissions(main)
        elif what == "duplicates" and main is not None:
            from .duplicate_checks_dialog import open_dialog as open_duplicates

            opened = open_duplicates(main, key)
        elif what == "holidays":
            from .holidays_dialog import HolidaysDialog

            opened = HolidaysDialog(self.ws, main or self)
            index = opened.year_box.findData(key)
            if index >= 0:
                opened.year_box.setCurrentIndex(index)
            opened.open()
        self.last_opened = (target, opened)
        self.opened.emit(target)
        return opened

    def _open_dropout(self, student_id: int):
        """The dropout wizard on the status the region's threshold leads to, the pupil selected behind it;
        the pupil alone where this build has no dropout wizard."""
        shown = self._show_pupil(student_id)
        try:
            from ..core.dropout_control.dropout import proposal_for
            from ..core.dropout_control.dropout_cases import KIND_FOR
            from . import dropout_wizard
        except ImportError:
            return shown
        proposal = proposal_for(self.ws, student_id)
        kind = KIND_FOR.get(proposal.proposed) if proposal is not None else None
        if kind is None:
            return shown
        return dropout_wizard.run_dropout(self.main or self, self.ws, kind, student_id)

    def _show_pupil(self, student_id: int):
        main = self.main
        if main is None:
            return None
        main.show_pupils()
        if not main.select_student(student_id):  # hidden by the search or a filter
            main.clear_filters()
            main.select_student(student_id)
        return student_id
