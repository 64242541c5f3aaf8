"""控辍保学 in the main window: the entries of the 学籍变动 menu, the 控辍保学 menu, and the list of pupils at
or near a dropout threshold of the region's text (`core.dropout_control.dropout.near_thresholds`), each with its article,
from which the registrar opens the dialog that records the change, and prints the 辍学学生情况报告.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTableWidgetItem

from ..core.dropout_control.dropout import near_thresholds
from ..core.pupils.pupil_reads import PupilRow
from .change_menu import DROPOUT_MENU as MENU
from .change_menu import dropout_unavailable as unavailable
from .forms.ui_dropout_list import Ui_DropoutList
from .operations import run_op


def install_menus(window, menubar, change_menu) -> None:
    """Adds the dropout entries to 学籍变动 and a 控辍保学 menu; `update_actions` enables them by the pupil."""
    window.dropout_actions = {}
    change_menu.addSeparator()
    for kind, text in MENU:
        action = QAction(text, window)
        action.triggered.connect(lambda _=False, k=kind: open_for_selected(window, k))
        window.dropout_actions[kind] = action
        change_menu.addAction(action)
    menu = menubar.addMenu("控辍保学(&D)")
    menu.setToolTipsVisible(True)
    window.dropout_list_action = QAction("疑似辍学、辍学提示…", window)
    window.dropout_list_action.setToolTip("连续无故缺席达到或接近本地区认定条件的学生")
    window.dropout_list_action.triggered.connect(lambda: open_list(window))
    menu.addAction(window.dropout_list_action)
    window.dropout_report_action = QAction("打印辍学学生情况报告…", window)
    window.dropout_report_action.setToolTip("全部疑似辍学、辍学学生的情况报告，报乡镇人民政府和县级教育行政部门；"
                                            "预览后送打印机，份数按报告所写")
    window.dropout_report_action.triggered.connect(lambda: print_report(window, window.ws, to_printer=True))
    menu.addAction(window.dropout_report_action)
    window.dropout_report_pdf_action = QAction("辍学学生情况报告另存为 PDF…", window)
    window.dropout_report_pdf_action.setToolTip("全部疑似辍学、辍学学生的情况报告另存为 PDF 并打开")
    window.dropout_report_pdf_action.triggered.connect(lambda: print_report(window, window.ws))
    menu.addAction(window.dropout_report_pdf_action)
    menu.addSeparator()
    for kind, _ in MENU:
        menu.addAction(window.dropout_actions[kind])
    window.dropout_menu = menu


def update_actions(window, student: PupilRow | None) -> None:
    for kind, action in getattr(window, "dropout_actions", {}).items():
        why = unavailable(window.ws, kind, student)
        action.setEnabled(why is None)
        action.setToolTip(why.text if why is not None else f"为所选学生办理{kind.label}")


def open_for_selected(window, kind):
    from .dropout_wizard import run_dropout

    dialog = run_dropout(window, window.ws, kind, window._selected_id)
    if dialog is not None and dialog.case is not None:
        window.statusBar().showMessage(f"已办理{kind.label}：{dialog.student.name}（{dialog.case.number}），已记入变更记录",
                                       15000)
    return dialog


def open_list(window):
    dialog = DropoutList(window.ws, window)
    dialog.exec()
    return dialog


def print_report(parent, ws, student_number: str | None = None, path: Path | None = None, open_after: bool = True,
                 to_printer: bool = False):
    from ..core.forms.dropout_report import render_dropout_report, report_copies

    if to_printer:
        from . import printing
        from .purpose_dialog import cancelled, purpose_question

        def make(target: Path):
            return run_op(parent, cancelled(lambda: render_dropout_report(ws, target, student_number,
                                                                         purpose=purpose_question(parent, ws))))

        copies, source = report_copies(ws.profile)  # one for each addressee, one kept: as the report says
        return printing.print_made(parent, ws, printing.PrintSpec("辍学学生情况报告", copies, source), make)
    name = f"辍学学生情况报告{'-' + student_number if student_number else ''}-{ws.today():%Y%m%d}.pdf"
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "保存辍学学生情况报告", str(Path.home() / name), "PDF (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
    from .purpose_dialog import cancelled, purpose_question

    done = run_op(parent, cancelled(lambda: render_dropout_report(ws, path, student_number,
                                                                 purpose=purpose_question(parent, ws))))
    if done is not None and open_after:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return done


class DropoutList(QDialog, Ui_DropoutList):
    """The pupils at or near a threshold, reached first; 办理 opens the dialog for the proposed status."""

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        header = self.table.horizontalHeader()
        last = self.table.columnCount() - 1
        for col in range(last):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        # rows follow their text at the widths the columns really get, once the dialog is laid out
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _: self.handle())
        self.handle_button.clicked.connect(self.handle)
        self.report_button.clicked.connect(lambda: print_report(self, ws))
        from . import printing

        self.report_to_printer = printing.printer_button_beside(
            self.report_button, self.buttons, "预览辍学学生情况报告并送打印机",
            lambda: print_report(self, ws, to_printer=True))
        self.close_button.clicked.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        self.proposals = near_thresholds(self.ws, self.ws.today())
        reached = sum(1 for p in self.proposals if p.reached)
        self.intro.setText(f"连续无故缺席（考勤登记中的“旷”）达到本地区认定条件的 {reached} 人，接近（再缺 2 个上课日内达到）的 "
                           f"{len(self.proposals) - reached} 人。软件只作提示：请逐一联系家长、记录联系经过后再登记。")
        self.table.setRowCount(len(self.proposals))
        for r, p in enumerate(self.proposals):
            cells = (p.name, p.class_name, p.current_status.label,
                     f"{p.run_days} / {p.needed} 个上课日（{p.first_day:%m-%d} 起）" if p.first_day else "",
                     ("已达到：" if p.reached else "接近：") + p.proposed.label,
                     f"{p.threshold_text}（{p.article}）" + ("；" + "；".join(p.notes) if p.notes else ""))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(p.message)
                if not p.reached:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(r, c, item)
        if self.proposals:
            self.table.selectRow(0)
        self.handle_button.setEnabled(bool(self.proposals))

    def handle(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.proposals):
            return None
        p = self.proposals[row]
        from ..core.dropout_control.dropout_cases import KIND_FOR
        from .dropout_wizard import run_dropout

        dialog = run_dropout(self, self.ws, KIND_FOR[p.proposed], p.student_id)
        self.reload()
        return dialog
