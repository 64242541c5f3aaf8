"""每学期复核: the term review's checklist (core.school_year.term_review) over every pupil on roll, the link from
each problem to the pupil or the case, the printed 学籍每学期复核表, and 记录本学期复核完成.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTableWidgetItem

from ..core.school.events import Changes
from ..core.school_year import term_review
from .case_dialog import AMBER, RED
from .forms.ui_term_review import Ui_TermReviewDialog
from .hub import hub
from .operations import run_op
from .tables import size_columns

WIDTHS = (90, 110, 80, 180, 420)
TargetRole = Qt.UserRole + 1
GREEN = "#2e7d32"


def ask_save_path(parent, title: str, default: Path) -> str:
    """The file dialog (tests replace it)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), "PDF 文件 (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class TermReviewDialog(QDialog, Ui_TermReviewDialog):
    student_requested = Signal(int)  # a pupil to show in 学生名单
    case_requested = Signal(int)  # a case page to open

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.checklist: term_review.Checklist | None = None
        self.printed: Path | None = None

        table = self.table
        size_columns(table, WIDTHS, stretch=table.columnCount() - 1)
        table.activated.connect(lambda index: self.open_row(index.row()))

        self.print_button.clicked.connect(lambda: self.print_sheet())
        from . import printing

        self.to_printer_button = printing.printer_button_beside(
            self.print_button, self.buttons, "预览学籍每学期复核表并送打印机（一式两份）",
            lambda: self.print_sheet(to_printer=True))
        self.done_button.clicked.connect(self.mark_done)
        self.close_button.clicked.connect(self.reject)
        hub().changed.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        c = self.checklist = term_review.checklist(self.ws)
        self.setWindowTitle(f"每学期复核 — {c.term.label}")
        basis = (f"依据：{escape(c.rule.article)}“{escape(c.rule.quote or '')}”" if c.rule
                 else "本地区规定未单列每学期复核，可按需复核。")
        self.heading.setText(f"<b>{escape(c.term.label)}</b>（{c.term.start:%Y-%m-%d} 至 {c.term.end:%Y-%m-%d}）"
                             f"　{basis}")
        if c.done is not None:
            who = c.done.done_by.display_name if c.done.done_by else ""
            self.state.setText(f"<span style='color:{GREEN}'>✓ 本学期复核已于 {c.done.done_on:%Y-%m-%d} 记录完成"
                               f"（{escape(who)}）</span>" + (f"　备注：{escape(c.done.note)}" if c.done.note else ""))
        else:
            self.state.setText(f"<span style='color:{AMBER}'>本学期复核尚未记录完成；处理下列问题、打印复核表签字盖章后，"
                               "点“记录本学期复核完成”。</span>")
        counts = c.counts()
        parts = [f"{term_review.KIND_LABELS[k]} <b>{n}</b> {'件' if k in ('open_case', 'missing_evidence') else '人'}"
                 for k, n in counts.items()]
        self.summary.setText(f"在籍学生 <b>{c.pupils}</b> 人，存在问题的学生 <b>{c.pupils_with_problems}</b> 人：" + "；".join(parts))
        table = self.table
        table.setRowCount(len(c.problems))
        for r, p in enumerate(c.problems):
            target = ("case", p.case_id) if p.case_id else ("student", p.student_id)
            for col, text in enumerate((p.label, p.class_name, p.name, p.student_number, p.text)):
                cell = QTableWidgetItem(text)
                cell.setData(TargetRole, target)
                cell.setToolTip(p.text)
                if col == 0 and p.kind in ("missing_fields", "missing_evidence"):
                    cell.setForeground(QBrush(QColor(RED)))
                table.setItem(r, col, cell)
        self.done_button.setEnabled(c.done is None)
        self.done_button.setToolTip("已记录" if c.done is not None else "在变更记录中记下本学期复核完成（报送教育局）")
        self.note.setEnabled(c.done is None)

    def rows(self) -> list[tuple[str, ...]]:
        t = self.table
        return [tuple(t.item(r, col).text() for col in range(t.columnCount())) for r in range(t.rowCount())]

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if shiboken6.isValid(self) and shiboken6.isValid(self.table) and self.isVisible():
            self.reload()

    # actions ------------------------------------------------------------------------------------
    def open_row(self, row: int):
        if not 0 <= row < self.table.rowCount():
            return None
        what, key = self.table.item(row, 0).data(TargetRole)
        if key is None:
            return None
        if what == "case":
            self.case_requested.emit(key)
            parent = self.parent()
            if hasattr(parent, "open_case"):
                return parent.open_case(key)
        else:
            self.student_requested.emit(key)
            self.accept()  # the pupil is shown in the window behind
        return key

    def print_sheet(self, to_printer: bool = False):
        if to_printer:
            from ..core.forms.term_review_form import COPIES, COPY_COUNT, TITLE, render_term_review
            from . import printing

            return printing.print_made(self, self.ws, printing.PrintSpec(TITLE, COPY_COUNT, COPIES),
                                       lambda target: run_op(self, lambda: render_term_review(self.ws, target),
                                                             initiator=self))
        c = self.checklist
        default = Path.home() / f"学籍每学期复核表-{c.term.label}.pdf"
        path = ask_save_path(self, "保存学籍每学期复核表", default)
        if not path:
            return None

        def call():
            from ..core.forms.term_review_form import render_term_review

            return render_term_review(self.ws, Path(path))

        def opened(result) -> None:
            self.printed = Path(result)
            open_file(Path(result))

        return run_op(self, call, success=opened, initiator=self)

    def mark_done(self):
        c = self.checklist
        left = len(c.problems)
        if left and not self.confirm(f"复核清单中还有 {left} 项问题。仍记录{c.term.label}的复核完成吗？"
                                     "（问题会记入变更记录，可在以后处理）"):
            return None
        return run_op(self, lambda: term_review.mark_done(self.ws, self.note.text()), initiator=self,
                      success=lambda _r: self.reload())

    def confirm(self, question: str) -> bool:
        """Asks the registrar (tests replace it)."""
        return QMessageBox.question(self, "每学期复核", question) == QMessageBox.StandardButton.Yes

