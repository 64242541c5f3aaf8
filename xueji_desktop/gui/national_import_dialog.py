"""文件 → 从全国学籍系统导入: the dry run's problems, the rejects workbook, then the import with progress.

The registrar picks the national system's Excel file; `excel_import.check_file` reads and checks every row
without writing (busy cursor), and the dialog shows the plan's summary, the notes (sheets skipped, columns
ignored) and one table row per problem (工作表, 行, 列, 内容, 问题, 依据, 处理), sortable, 行 numerically.
保存问题行… writes the rejected rows with `write_rejects` for fixing in Excel; 导入 N 名学生 runs
`import_pupils` on the GUI thread (the SQLite connection is bound to it) with a progress bar and 取消, which
rolls everything back. The dialog cannot be closed while the import runs, except through 取消.

Questions go through `choose_file` and `choose_save_path` so tests answer them without a modal box.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QCursor
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QTableWidgetItem, QWidget

from .. import crash_log
from ..core.national import excel_import
from ..core.national.excel_import import (
    BLOCK,
    CheckCancelled,
    ImportCancelled,
    ImportFileError,
    ImportPlan,
    ImportResult,
)
from . import operations
from .forms.ui_national_import import Ui_NationalImportDialog
from .keyboard import set_text
from .tables import size_columns

__all__ = ["NationalImportDialog", "open_dialog"]

log = logging.getLogger(__name__)
TITLE = "从全国学籍系统导入"
COL_SHEET, COL_ROW, COL_COLUMN, COL_VALUE, COL_PROBLEM, COL_ARTICLE, COL_ACTION = range(7)
WIDTHS = (72, 50, 130, 160, 0, 170, 96)  # the problem column takes what is left
ACTIONS = {BLOCK: "禁止：不导入"}
WARN_ACTION = "提醒：仍导入"
BLOCK_COLOUR, WARN_COLOUR = QColor("#c0392b"), QColor("#9a6700")
FIT_ROWS_LIMIT = 3000  # above this many problems rows stay one line high (the tooltip has the whole text)
CLASS_SHEET = "（班级）"
COMMITTING = "正在把全部学生一次保存到数据库，此时不能取消（保存要么全部完成，要么全部不写入）"
ROW_PADDING = 6


class _Item(QTableWidgetItem):
    """A cell sorted by its key (the row number as a number, then the file order), not by its text."""

    def __init__(self, text: str, key: tuple):
        super().__init__(text)
        self.key = key

    def __lt__(self, other) -> bool:
        if isinstance(other, _Item):
            return self.key < other.key
        return super().__lt__(other)


def rejects_path(source: Path) -> Path:
    """Where 保存问题行… suggests saving: beside the source file, 原文件名-问题行.xlsx."""
    return source.with_name(f"{source.stem}-问题行.xlsx")


class NationalImportDialog(QDialog, Ui_NationalImportDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportResult | None = None  # the import done in this dialog
        self.importing = self.checking = False
        self._cancel_requested = False

        size_columns(self.problems, WIDTHS, COL_PROBLEM)
        self.problems.horizontalHeader().setSortIndicatorShown(True)
        self.problems.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._schedule_fit())
        self.progress_box.hide()
        self.choose_button.clicked.connect(self.choose_and_check)
        self.recheck_button.clicked.connect(lambda: self.path is not None and self.check(self.path))
        self.save_rejects_button.clicked.connect(self.save_rejects)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.request_cancel)
        self.close_button.clicked.connect(self.reject)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        self._show_plan()

    # questions (tests replace these) ------------------------------------------------------------
    def choose_file(self) -> str | None:
        start = str(self.path.parent if self.path else Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "选择全国学籍系统导出的 Excel 文件", start,
                                              "Excel 表格 (*.xlsx *.xls);;所有文件 (*)")
        return path or None

    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), file_filter)
        return path or None

    # the dry run --------------------------------------------------------------------------------
    def choose_and_check(self) -> None:
        path = self.choose_file()
        if path:
            self.check(path)

    def check(self, path: str | Path) -> ImportPlan | None:
        """Reads and checks every row of `path` (nothing written) and shows what was found."""
        path = Path(path)
        self.path, self.plan, self.imported = path, None, None
        self.file_path.setText(str(path))
        self.result_label.clear()
        self._start_progress("正在检查…")
        self.checking = True
        self._update_buttons()
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            try:
                QApplication.processEvents()
                self.plan = excel_import.check_file(self.ws, path, self.report_progress)
            finally:
                self.checking = False
                self.progress_box.hide()
        except CheckCancelled:
            self._restore_cursor()
            self._show_plan(f"已停止检查“{path.name}”：没有写入任何内容。需要时可点“重新检查”。")
            return None
        except ImportFileError as e:
            self._restore_cursor()
            self._show_plan(f"未能读取“{path.name}”，没有导入任何学生。")
            operations.show_message(self, QMessageBox.Icon.Warning, TITLE, f"无法导入“{path.name}”。",
                                    f"{e}\n\n没有写入任何内容。")
            return None
        except Exception as e:  # noqa: BLE001 — the registrar sees what failed, the log keeps the rest
            self._restore_cursor()
            self._show_plan(f"未能检查“{path.name}”，没有导入任何学生。")
            operations.show_message(self, QMessageBox.Icon.Critical, "出错了", crash_log.report("检查导入文件", e))
            return None
        try:
            self._show_plan()
        finally:
            self._restore_cursor()
        return self.plan

    def _start_progress(self, text: str) -> None:
        self._cancel_requested = False
        self.progress_label.setText(text)
        self.progress.setMaximum(0)  # busy until the first call says how many rows
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip("停止并撤销：不写入任何学生")
        self.cancel_button.show()
        self.progress_box.show()

    @staticmethod
    def _restore_cursor() -> None:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()

    def _show_plan(self, failure: str = "") -> None:
        plan = self.plan
        self._fill_table(plan)
        if plan is None:
            self.summary_label.setText(failure or "尚未选择文件：请点右侧的“选择文件…”。")
            self.notes_label.setText("")
        else:
            problems = plan.problems
            blocking = sum(p.severity == BLOCK for p in problems)
            counted = (f"问题 {len(problems)} 条（禁止 {blocking} 条，提醒 {len(problems) - blocking} 条）"
                       if problems else "没有发现问题")
            self.summary_label.setText(f"检查完毕（未写入任何内容）。{plan.summary()}。{counted}。")
            self.notes_label.setText("\n".join(plan.notes))
            if not plan.accepted and plan.present:
                self.result_label.setText(
                    f"此文件已导入过：文件中的 {len(plan.present)} 名学生都已在本校学籍中，再导入不会新增任何学生"
                    + (f"；另有 {len(plan.rejected)} 行有问题，改正后可再导入。" if plan.rejected else "。"))
        self.notes_label.setVisible(bool(self.notes_label.text()))
        self._update_buttons()

    def _fill_table(self, plan: ImportPlan | None) -> None:
        table = self.problems
        table.setSortingEnabled(False)
        table.clearContents()
        problems = plan.problems if plan is not None else []
        table.setRowCount(len(problems))
        sheets = {s.title: i for i, s in enumerate(plan.sheets)} if plan is not None else {}
        for order, p in enumerate(problems):
            sheet = sheets.get(p.sheet, len(sheets))
            action = ACTIONS.get(p.severity, WARN_ACTION)
            cells = (
                (p.sheet or CLASS_SHEET, (sheet,)),
                (str(p.row) if p.row else "", (sheet, p.row)),
                (p.column, (p.col_index if p.col_index is not None else 10**6, p.column)),
                (p.value, (p.value,)),
                (p.message, (p.message,)),
                (p.article, (p.article,)),
                (action, (p.severity != BLOCK,)),
            )
            for column, (text, key) in enumerate(cells):
                item = _Item(text, (*key, order))
                if column in (COL_VALUE, COL_PROBLEM, COL_ARTICLE) and text:
                    item.setToolTip(p.text if column == COL_PROBLEM else text)
                if column == COL_ROW:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == COL_ACTION:
                    item.setForeground(QBrush(BLOCK_COLOUR if p.severity == BLOCK else WARN_COLOUR))
                table.setItem(order, column, item)
        table.sortItems(COL_ROW, Qt.SortOrder.AscendingOrder)  # file order
        table.setSortingEnabled(True)
        self._schedule_fit()

    def _schedule_fit(self) -> None:
        self._fit_timer.start()

    def _fit_rows(self) -> None:
        """Word-wrapped cells get the height they need (again after a sort or a resize)."""
        if 0 < self.problems.rowCount() <= FIT_ROWS_LIMIT:
            self.problems.resizeRowsToContents()
            for row in range(self.problems.rowCount()):  # a little air between wrapped rows
                self.problems.setRowHeight(row, self.problems.rowHeight(row) + ROW_PADDING)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._schedule_fit()

    def _update_buttons(self) -> None:
        plan, busy = self.plan, self.importing or self.checking
        self.choose_button.setEnabled(not busy)
        self.recheck_button.setEnabled(not busy and self.path is not None)
        self.close_button.setEnabled(not busy)
        rejected = len(plan.rejected) if plan is not None else 0
        self.save_rejects_button.setEnabled(not busy and rejected > 0)
        set_text(self.save_rejects_button, f"保存问题行（{rejected} 行）…" if rejected else "保存问题行…")
        accepted = len(plan.accepted) if plan is not None else 0
        done = self.imported is not None
        self.import_button.setEnabled(not busy and not done and accepted > 0)
        if done:
            set_text(self.import_button, "已导入")
            self.import_button.setToolTip("本文件的学生已导入；如要再导入改正后的问题行，请选择那个文件")
        elif accepted:
            set_text(self.import_button, f"导入 {accepted} 名学生")
            self.import_button.setToolTip("把可导入的行写入本校学籍（一次完成，中途取消则全部不写入）")
        else:
            set_text(self.import_button, "导入")
            self.import_button.setToolTip(
                "请先选择文件" if plan is None else
                "没有可导入的行：文件中的学生都已在本校学籍中" if plan.present and not plan.rejected else
                "没有可导入的行：请先保存问题行，在 Excel 中改正后再导入")

    # the rejects workbook -----------------------------------------------------------------------
    def save_rejects(self) -> int | None:
        plan = self.plan
        if plan is None or not plan.rejected:
            return None
        chosen = self.choose_save_path("保存问题行", rejects_path(plan.path), "Excel 表格 (*.xlsx)")
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if target.resolve() == plan.path.resolve():
            operations.show_message(self, QMessageBox.Icon.Warning, TITLE, "不能覆盖正在导入的原文件。",
                                    "请换一个文件名保存问题行。")
            return None
        try:
            count = excel_import.write_rejects(plan, target)
        except OSError as e:
            log.warning("rejects workbook not written: %s", e)
            operations.show_message(self, QMessageBox.Icon.Warning, TITLE, f"无法保存“{target.name}”。",
                                    "该文件可能正在 Excel 中打开，或这个文件夹不能写入：请关闭该文件或换一个位置后再保存。")
            return None
        except Exception as e:  # noqa: BLE001
            operations.show_message(self, QMessageBox.Icon.Critical, "出错了", crash_log.report("保存问题行", e))
            return None
        self.result_label.setText(
            f"已把 {count} 行有问题的学生保存到“{target}”。请在 Excel 中按首列“问题说明”改正标红的单元格，"
            "保存后再用“选择文件…”导入这个工作簿（“问题说明”列导入时不读取）。")
        return count

    # the import ---------------------------------------------------------------------------------
    def report_progress(self, done: int, total: int) -> bool:
        """`import_pupils`' progress callback: shows how far it is, lets 取消 be clicked; False cancels."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if self.importing and not self._cancel_requested:
            if done < total:
                self.progress_label.setText(f"正在导入 {done:,}/{total:,} 名学生…")
            else:  # the last row written: what follows is the commit, which 取消 cannot undo halfway
                self.progress_label.setText(f"已写入 {total:,} 名学生，正在保存到数据库…")
                self.cancel_button.setEnabled(False)
                self.cancel_button.setToolTip(COMMITTING)
        elif self.checking and not self._cancel_requested:
            self.progress_label.setText(f"正在检查 {done:,}/{total:,} 行…")
        QApplication.processEvents()
        return not self._cancel_requested

    def request_cancel(self) -> None:
        if self.importing or self.checking:
            self._cancel_requested = True
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("正在取消…")

    def run_import(self) -> ImportResult | None:
        plan = self.plan
        if plan is None or not plan.accepted or self.imported is not None or self.importing:
            return None
        self.importing = True
        self.result_label.clear()
        self._start_progress("正在导入…")
        self.progress.setMaximum(max(len(plan.accepted), 1))
        self._update_buttons()
        progress = self.report_progress  # looked up now: tests may wrap it
        cancelled = []

        def call():
            try:
                result = excel_import.import_pupils(self.ws, plan, progress)
            except ImportCancelled:
                cancelled.append(True)
                return None
            return result, result.changes

        try:
            result = operations.run_op(self, call, initiator=self)
        finally:
            self.importing = False
        if cancelled:
            self.progress_box.hide()
            self.result_label.setText("已取消导入：没有写入任何学生。需要时可再点“导入”。")
        elif result is None:  # run_op showed why
            self.progress_box.hide()
            self.result_label.setText("未导入：没有写入任何学生。")
        else:
            self.imported = result
            self.progress_label.setText("导入完成")
            self.progress.setValue(self.progress.maximum())
            self.cancel_button.hide()
            self.summary_label.setText(f"导入完成：{result.summary()}。")
            self.result_label.setText(
                "新导入的学生已在主窗口的“学生名单”中。"
                + (f"有问题未导入的 {result.rejected} 行可点“保存问题行…”，在 Excel 中改正后再导入。"
                   if result.rejected else ""))
        self._update_buttons()
        return self.imported if not cancelled else None

    # closing ------------------------------------------------------------------------------------
    def reject(self) -> None:  # Esc, 关闭, the window's close box
        if self.importing or self.checking:
            return  # only 取消 stops a check or an import
        super().reject()


def open_dialog(window, modal: bool = True) -> NationalImportDialog:
    """The dialog over the main window; when it closes after pupils were added, the pupil list is shown.
    `modal=False` returns at once (from the to-do list)."""
    dialog = NationalImportDialog(window.ws, window)

    def closed(*_args) -> None:
        if dialog.imported is not None and dialog.imported.added and hasattr(window, "show_pupils"):
            window.show_pupils()

    if modal:
        dialog.exec()
        closed()
    else:
        dialog.finished.connect(closed)
        dialog.open()
    return dialog
