"""设置 → 查阅登记…: the 审计 view of the access log (core.accounts.access_log). Filters by account, pupil (name
or 学籍号), date and action; the table is read a page at a time as it scrolls. Each applied filter is one
row of the log itself (查看日志), written when 查询 is pressed (and once when the view opens), never again
for the next pages. 打印 saves the 学籍信息查阅登记簿 as PDF where the auditor chooses and opens it, 导出 the
same rows as an Excel workbook (core.forms.access_register, which logs the print or export). Only an account
with 审计 reads it; the domain refuses everyone else. The layout is ui/access_log.ui."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QWidget

from ..core.accounts import access_log
from ..core.accounts.access_log import Action, LogFilter, LogRow
from ..core.accounts.roles import PermissionDenied
from . import operations, paperwork_menu
from .forms.ui_access_log import Ui_AccessLogDialog

COLUMNS = ("时间", "账号", "姓名", "操作", "内容", "学生", "人数", "用途")
WIDTHS = (130, 90, 80, 70, 300, 260, 46, 150)
DEFAULT_DAYS = 30  # the view opens on the last 30 days by the program's clock
RED, BLUE = "#b00020", "#1f4e79"
_ROOT = QModelIndex()  # the table's (invalid) parent


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class LogModel(QAbstractTableModel):
    """The rows of one applied filter, newest first: the first page comes with the query (and its log row),
    each further page is read when the view scrolls to it, without another log row."""

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.rows: list[LogRow] = []
        self.total = 0
        self.filter: LogFilter | None = None

    def query(self, f: LogFilter) -> None:
        """Runs the filter (logged once); PermissionDenied for an account without 查看日志."""
        page = access_log.read_log(self.ws, f, offset=0, limit=access_log.PAGE_SIZE, log=True)
        self.beginResetModel()
        self.filter, self.rows, self.total = f, list(page.rows), page.total
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=_ROOT) -> bool:
        return not parent.isValid() and self.filter is not None and len(self.rows) < self.total

    def fetchMore(self, parent=_ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        page = access_log.read_log(self.ws, self.filter, offset=len(self.rows), limit=access_log.PAGE_SIZE,
                                   log=False)
        if not page.rows:
            self.total = len(self.rows)  # the log cannot shrink; nothing more to read
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
        self.rows.extend(page.rows)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    @staticmethod
    def cells(r: LogRow) -> tuple[str, ...]:
        return (r.at.strftime("%Y-%m-%d %H:%M"), r.username, r.display_name, r.action_label, r.subject, r.pupils,
                str(r.pupil_count) if r.pupil_count else "", r.purpose)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(r)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return r.at.strftime("%Y-%m-%d %H:%M:%S")
            if column == 4:
                return r.subject + (f"\n文件：{r.target}" if r.target else "")
            if column in (5, 7):
                return self.cells(r)[column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AccessLogDialog(QDialog, Ui_AccessLogDialog):
    """The 审计 view: opens on the last 30 days (one logged query), 查询 applies the filters, 打印/导出 write
    the rows of the filter shown."""

    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        article = access_log.purposes(ws.profile).article
        self.intro.setText(f"依据{article}，查看、打印、导出学生学籍信息均由程序自动登记：谁、何时、哪些学生、用途。"
                           "每次在这里查询、打印或导出本登记，也记入其中（操作为“查看日志”）。")
        self.account_combo.addItem("全部账号", None)
        for ident, label in access_log.accounts():
            self.account_combo.addItem(label, ident)
        self.action_combo.addItem("全部", None)
        for action in Action:
            self.action_combo.addItem(action.label, action.value)
        today = ws.today()
        self.start_edit.setDate(_qdate(today - dt.timedelta(days=DEFAULT_DAYS)))
        self.end_edit.setDate(_qdate(today))
        self.start_edit.setToolTip(f"起始日期（含当天）；打开时为最近 {DEFAULT_DAYS} 天")
        self.model = LogModel(ws, self)
        self.log_table.setModel(self.model)
        self.log_table.verticalHeader().setVisible(False)
        header = self.log_table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.log_table.setColumnWidth(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.query_button.clicked.connect(self.apply)
        self.print_button.clicked.connect(lambda: self.save(".pdf"))
        from . import printing

        self.to_printer_button = printing.printer_button_beside(
            self.print_button, self.button_row, "预览学籍信息查阅登记簿并送打印机",
            lambda: self.save(".pdf", to_printer=True))
        self.to_printer_button.setObjectName("to_printer_button")
        self.export_button.clicked.connect(lambda: self.save(".xlsx"))
        self.buttons.rejected.connect(self.reject)
        for signal in (self.account_combo.currentIndexChanged, self.action_combo.currentIndexChanged,
                       self.pupil_edit.textChanged, self.start_edit.dateChanged, self.end_edit.dateChanged):
            signal.connect(self._edited)
        self._fit_screen()
        self.apply()

    # the filter ----------------------------------------------------------------------------------
    def current_filter(self) -> LogFilter:
        action = self.action_combo.currentData()
        return LogFilter(user_id=self.account_combo.currentData(), pupil=self.pupil_edit.text().strip(),
                         start=_day(self.start_edit.date()), end=_day(self.end_edit.date()),
                         action=Action(action) if action else None)

    def filter_problem(self) -> str:
        start, end = _day(self.start_edit.date()), _day(self.end_edit.date())
        if end < start:
            return f"日期：截止日期（{end:%Y-%m-%d}）早于起始日期（{start:%Y-%m-%d}），请改正后再查询"
        return ""

    def _say(self, text: str, color: str = BLUE) -> None:
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)

    def _edited(self, *_args) -> None:
        problem = self.filter_problem()
        if problem:
            self._say(problem, RED)
        elif self.model.filter is not None and self.current_filter() != self.model.filter:
            self._say("条件已修改：按“查询”列出；打印、导出的是下面列出的记录。")
        else:
            self._say("")

    def apply(self) -> bool:
        """Runs the filters as filled in (one row of the log); False when they are refused."""
        problem = self.filter_problem()
        if problem:
            self._say(problem, RED)
            return False
        try:
            self.model.query(self.current_filter())
        except PermissionDenied as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "没有权限", "未列出任何记录。", e.message)
            return False
        self._show_summary()
        self._say("")
        return True

    def _show_summary(self) -> None:
        f = self.model.filter
        self.summary.setText(f"共 {self.model.total} 条（{f.describe()}），最新的在前")
        has_rows = self.model.total > 0
        for button in (self.print_button, self.export_button):
            button.setEnabled(has_rows)

    def shown_rows(self) -> list[tuple[str, ...]]:
        """The table as read so far, one tuple of cell texts a row."""
        return [LogModel.cells(r) for r in self.model.rows]

    # print and export ----------------------------------------------------------------------------
    def save(self, suffix: str, to_printer: bool = False):
        """The rows of the filter shown as the 学籍信息查阅登记簿 (PDF, opened) or an Excel workbook, saved where
        the auditor chooses; the print or export is itself logged."""
        from ..core.forms.access_register import TITLE

        f = self.model.filter
        if f is None:
            return None
        pdf = suffix == ".pdf"
        if to_printer:
            from . import printing

            return printing.print_made(self, self.ws, printing.PrintSpec(TITLE), partial(self._write, f))
        default = Path.home() / f"{TITLE}-{self.ws.today():%Y%m%d}{suffix}"
        path = paperwork_menu.ask_save_path(self, f"{'打印' if pdf else '导出'}{TITLE}", default,
                                            paperwork_menu.PDF_FILTER if pdf else paperwork_menu.XLSX_FILTER)
        if not path:
            return None
        written = self._write(f, Path(path))
        if written is None:
            return None
        self._say(f"已保存：{written}（本次{'打印' if pdf else '导出'}已记入查询登记）")
        if pdf:
            paperwork_menu.open_file(written)
        return written

    def _write(self, f, target: Path) -> Path | None:
        from ..core.forms.access_register import write_register

        try:
            written = write_register(self.ws, f, target)
        except PermissionDenied as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "没有权限", "未生成任何文件。", e.message)
            return None
        except paperwork_menu.refused_errors() as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "未生成", getattr(e, "message", None) or str(e))
            return None
        except OSError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "未生成",
                                    f"无法写入文件“{target}”：文件可能正被其他程序（如 WPS、Excel）打开，或文件夹不可写。"
                                    "请关闭该文件或另选保存位置后重试。", str(e))
            return None
        return written

    # size ----------------------------------------------------------------------------------------
    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width, height = 1200, 660
        if avail is not None:
            width, height = min(width, avail.width() - 40), min(height, avail.height() - 60)
        self.resize(width, height)
        self.setMinimumSize(720, 420)


def open_access_log(window) -> None:
    AccessLogDialog(window.ws, window).exec()
