"""What the 档案 menu's entries do: the registers and rosters the region's text requires, and the archive forms
(the entries themselves are put in by gui/paperwork_entries.py, which imports this module when one is chosen).

Which entries there are is the region's profile (``forms.registers`` for the registers, every ``forms.*`` list
for the archive forms), never the code: a 长治 school sees 在校生分班名册, 学生增减情况登记表 and the 新生录取花名册,
its 学校基本信息表 and 校区基本信息表; a 营口 school its 新生花名册 and 学生增加（或减少）情况登记表; every school
the 学籍卡片. Each entry's tooltip names the article that asks for the form.

A register opens `RegisterPrintDialog` (the period, PDF or Excel, 保存…); a pupil's form prints for the pupil
selected in the list; the two school tables go to `school_forms_dialog.open_school_form`, which asks for what
the school's data lacks. File dialogs and the PDF viewer go through the module's functions `ask_save_path`,
`choose_item` and `open_file`, which tests replace.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton, QWidget

from ..core.forms.archive_common import ArchiveFormError, registrar_names
from ..core.forms.archive_offer import PUPIL, REGISTRAR, SCHOOL, Offered
from ..core.forms.offered_registers import OfferedRegister, current_period_label, offered_registers, recent_terms  # noqa: F401
from ..core.pupils import pupil_reads
from . import operations
from .forms.ui_register_print import Ui_RegisterPrintDialog

PDF_FILTER, XLSX_FILTER = "PDF 文件 (*.pdf)", "Excel 工作簿 (*.xlsx)"
def refused_errors() -> tuple[type[Exception], ...]:
    """What the forms refuse with a message for the registrar; read when a form is printed, so building the
    menu does not load reportlab and openpyxl (they cost the window's start)."""
    from ..core.forms.fonts import MissingGlyphError
    from ..core.forms.registers_print import RegisterError

    return RegisterError, ArchiveFormError, MissingGlyphError


# ── the dialogs and the viewer a test replaces ───────────────────────────────────────────────
def ask_save_path(parent: QWidget | None, title: str, default: Path, file_filter: str) -> str:
    """The file chosen to save into (with the filter's suffix added when it was left off), or ""."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    suffix = default.suffix
    if path and not path.lower().endswith(suffix.lower()):
        path += suffix
    return path


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
    item, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return item if ok else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _refused(parent: QWidget | None, error: Exception) -> None:
    operations.show_message(parent, QMessageBox.Icon.Warning, "未生成", getattr(error, "message", None) or str(error))


def _unwritable(parent: QWidget | None, path: Path, error: OSError) -> None:
    operations.show_message(parent, QMessageBox.Icon.Warning, "未生成",
                            f"无法写入文件“{path}”：文件可能正被其他程序（如 WPS、Excel）打开，或文件夹不可写。"
                            "请关闭该文件或另选保存位置后重试。", str(error))


def _saved(window, path: Path) -> None:
    status = getattr(window, "statusBar", None)
    if callable(status):
        status().showMessage(f"已保存：{path}", 8000)
    if path.suffix.lower() == ".pdf":
        open_file(path)


# ── the archive forms ────────────────────────────────────────────────────────────────────────
def open_archive_form(window, offered: Offered, to_printer: bool = False):
    if offered.kind.subject == SCHOOL:
        from .school_forms_dialog import open_school_form

        return open_school_form(window, offered.kind.id)
    if offered.kind.subject == PUPIL:
        return print_pupil_form(window, offered, to_printer)
    if offered.kind.subject == REGISTRAR:
        return print_pledge(window, offered, to_printer)
    return None


def _print_pdf(window, offered: Offered, path: Path, to_printer: bool = False, **kwargs) -> Path | None:
    from ..core.forms.archive_forms import print_archive_form

    def make(target: Path) -> Path | None:
        try:
            return print_archive_form(window.ws, offered.kind.id, pdf=target, **kwargs).files[0]
        except refused_errors() as e:
            _refused(window, e)
        except OSError as e:
            _unwritable(window, target, e)
        return None

    if to_printer:
        from . import printing

        return printing.print_made(window, window.ws, printing.PrintSpec(offered.title), make)
    printed = make(path)
    if printed is not None:
        _saved(window, printed)
    return printed


def print_pupil_form(window, offered: Offered, to_printer: bool = False) -> Path | None:
    """The selected pupil's form, to the PDF chosen, then opened (or to the printer)."""
    student = pupil_reads.pupil(window.selected_student_id())
    if student is None:
        return None
    if to_printer:
        return _print_pdf(window, offered, Path(), True, pupil=student.student_number)
    default = Path.home() / f"{offered.title}-{student.name}-{student.student_number}.pdf"
    path = ask_save_path(window, f"保存{student.name}的{offered.title}", default, PDF_FILTER)
    if not path:
        return None
    return _print_pdf(window, offered, Path(path), pupil=student.student_number)


def print_student_info(window, preview: bool = True):
    """The selected pupil's 学生基本信息表 to the printer: a preview first (档案 → 打印), or straight to the
    print dialog (学生 → 打印学生基本信息表, Ctrl+P); 学生 → 学生基本信息表另存为 PDF… saves it."""
    from . import printing

    student = pupil_reads.pupil(window.selected_student_id())
    if student is None:
        return None

    def make(target: Path) -> Path | None:
        from ..core.forms.printing import print_student_info as write

        return operations.run_op(window, lambda: write(window.ws, pupil_reads.student_record(student.id), target),
                                 initiator=window)

    return printing.print_made(window, window.ws, printing.PrintSpec("学生基本信息表"), make, preview=preview)


def print_pledge(window, offered: Offered, to_printer: bool = False) -> Path | None:
    """The pledge, signed by the school's registrar (asked which one when there are several)."""
    given: dict[str, str] = {}
    names = registrar_names()
    if len(names) > 1:
        chosen = choose_item(window, "学籍管理员", f"本校有{len(names)}名学籍管理员，由哪一位签署{offered.title}？", names)
        if not chosen:
            return None
        given["学籍管理员"] = chosen
    if to_printer:
        return _print_pdf(window, offered, Path(), True, given=given)
    path = ask_save_path(window, f"保存{offered.title}", Path.home() / f"{offered.title}.pdf", PDF_FILTER)
    if not path:
        return None
    return _print_pdf(window, offered, Path(path), given=given)


# ── the registers ────────────────────────────────────────────────────────────────────────────
def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class RegisterPrintDialog(QDialog, Ui_RegisterPrintDialog):
    """One register: its period (当前学期, another term, or a date range, where it counts over a period), PDF or
    Excel; 保存… asks for the file, writes it and opens a PDF. Stays open when the register is refused."""

    def __init__(self, ws, reg: OfferedRegister, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws, self.reg = ws, reg
        self.saved: Path | None = None
        today = ws.today()
        self.setWindowTitle(f"打印{reg.title}")
        self.title_label.setText(reg.title)
        self.source_label.setText(f"依据：{reg.source}" + (f"。{reg.note}" if reg.note else ""))
        self.period_box.setVisible(reg.by_period)
        self.roster_note.setVisible(not reg.by_period)
        self.current_label.setText(current_period_label(ws.profile, today))
        self.terms = recent_terms(ws.profile, today)
        for term in self.terms:
            self.term_combo.addItem(f"{term.label}（{term.start:%Y-%m-%d} 至 {term.end:%Y-%m-%d}）", term.code)
        self.start_edit.setDate(_qdate(today.replace(day=1)))
        self.end_edit.setDate(_qdate(today))
        for radio in (self.current_radio, self.term_radio, self.range_radio):
            radio.toggled.connect(self._period_changed)
        self.term_combo.currentIndexChanged.connect(self._period_changed)
        self.start_edit.dateChanged.connect(self._period_changed)
        self.end_edit.dateChanged.connect(self._period_changed)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.print_button = QPushButton("打印(&P)…")  # PDF pages to the printer, a preview first
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip("预览并打印（PDF 格式的表册）")
        self.print_button.clicked.connect(self.print_)
        self.button_row.insertWidget(self.button_row.indexOf(self.save_button) + 1, self.print_button)
        QWidget.setTabOrder(self.save_button, self.print_button)
        self.printed = None
        self._period_changed()
        self.adjustSize()

    # the period ----------------------------------------------------------------------------
    def period_problem(self) -> str:
        """What is wrong with the period as filled in, naming the field; "" when it can be printed."""
        if self.reg.by_period and self.range_radio.isChecked():
            start, end = _day(self.start_edit.date()), _day(self.end_edit.date())
            if end < start:
                return f"统计期间：结束日期（{end:%Y-%m-%d}）早于开始日期（{start:%Y-%m-%d}），请改正后再保存"
        return ""

    def period(self) -> dict:
        """The period as `build_register` takes it: {} for the current term, term=…, or start/end."""
        if not self.reg.by_period or self.current_radio.isChecked():
            return {}
        if self.term_radio.isChecked():
            return {"term": self.term_combo.currentData()}
        return {"start": _day(self.start_edit.date()), "end": _day(self.end_edit.date())}

    def _period_changed(self, *_args) -> None:
        self.term_combo.setEnabled(self.term_radio.isChecked())
        self.start_edit.setEnabled(self.range_radio.isChecked())
        self.end_edit.setEnabled(self.range_radio.isChecked())
        problem = self.period_problem()
        if problem:
            self.span_label.setStyleSheet("color: #b00020;")
            self.span_label.setText(problem)
            return
        self.span_label.setStyleSheet("color: #1f4e79;")
        period = self.period()
        if "term" in period:
            term = next(t for t in self.terms if t.code == period["term"])
            self.span_label.setText(f"统计：{term.label}，{term.start:%Y-%m-%d} 至 {term.end:%Y-%m-%d}")
        elif "start" in period:
            self.span_label.setText(f"统计：{period['start']:%Y-%m-%d} 至 {period['end']:%Y-%m-%d}（含两端）")
        else:
            self.span_label.setText(f"统计：{self.current_label.text()}")

    # saving --------------------------------------------------------------------------------
    def suffix(self) -> str:
        return ".xlsx" if self.xlsx_radio.isChecked() else ".pdf"

    def _built(self):
        problem = self.period_problem()
        if problem:
            operations.show_message(self, QMessageBox.Icon.Warning, "未生成", problem)
            return None
        from ..core.forms.registers_print import build_register

        try:
            return build_register(self.ws, self.reg.id, **self.period())
        except refused_errors() as e:
            _refused(self, e)
            return None

    def print_(self):
        """The register as a PDF, previewed and sent to the printer; the dialog closes once it printed."""
        register = self._built()
        if register is None:
            return None
        from . import printing

        preview = printing.print_made(self, self.ws, printing.PrintSpec(self.reg.title),
                                      partial(self._write, register))
        if preview is not None and preview.printed is not None:
            self.printed = preview.printed
            self.accept()
        return preview

    def save(self) -> Path | None:
        register = self._built()
        if register is None:
            return None
        from ..core.forms.registers_print import default_name

        suffix = self.suffix()
        path = ask_save_path(self, f"保存{self.reg.title}", Path.home() / default_name(register, suffix),
                             XLSX_FILTER if suffix == ".xlsx" else PDF_FILTER)
        if not path:
            return None
        written = self._write(register, Path(path))
        if written is None:
            return None
        self.saved = written
        _saved(self.parent() if self.parent() is not None else self, written)
        self.accept()
        return written

    def _write(self, register, target: Path) -> Path | None:
        from ..core.accounts.access_log import PurposeCancelled
        from ..core.forms.registers_print import save_register
        from .purpose_dialog import purpose_question
        from .work_progress import Cancelled, WorkProgress

        unit = "行" if target.suffix.lower() == ".xlsx" else "页"
        try:
            with WorkProgress(self, f"生成{self.reg.title}", "正在生成{title}… 第 {done}/{total} " + unit,
                              title=self.reg.title) as progress:
                written = save_register(self.ws, register, target, purpose_question(self, self.ws),  # 查询登记
                                        progress)
        except PurposeCancelled:
            return None
        except Cancelled:
            operations.show_message(self, QMessageBox.Icon.Information, "已取消",
                                    f"已取消生成{self.reg.title}：没有留下文件，也没有记入查阅登记。")
            return None
        except refused_errors() as e:
            _refused(self, e)
            return None
        except OSError as e:
            _unwritable(self, target, e)
            return None
        return written


def open_register(window, reg: OfferedRegister) -> Path | None:
    dialog = RegisterPrintDialog(window.ws, reg, window)
    dialog.exec()
    return dialog.saved
