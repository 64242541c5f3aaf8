"""学校基本信息表 and 校区基本信息表 from the window: the values the school's data lacks are asked, kept, printed.

Every item of the form is listed, prefilled with what the school keeps (``core.forms.school_info``); what the
set-up data gives or the program counts is shown greyed, not edited; required items carry a *. For the
校区基本信息表 a chooser picks the campus (新增校区 starts a new branch campus). 保存 keeps the values through the
domain (one transaction, in the change log); 保存并另存为 PDF… saves, then prints the PDF and its Excel copy to a
file the registrar chooses and opens the PDF; 保存并打印… saves, then previews the form for the printer. The file dialog and the viewer go through the module's functions
`ask_save_path` and `open_file`, which tests replace; messages go through `operations.show_message`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from ..core.forms import school_info
from ..core.forms.archive_common import ArchiveFormError
from ..core.forms.archive_offer import find_form
from ..core.pupils.fields import Kind
from . import operations
from .forms.ui_school_info import Ui_SchoolInfoDialog
from .operations import run_op

GREY = "#666"
HINTS = {Kind.POSTCODE: "6 位数字", Kind.PHONE: "如 0355-6221234 或 13912345678", Kind.MONTH: "年月，如 1958-09",
         Kind.NAME: "汉字姓名", Kind.NUMBER: "数字"}
SOURCE_TIPS = {school_info.FROM_SETUP: "取自本校设置，在这里只显示", school_info.COUNTED_HERE: "由本软件按学籍数据统计，打印当日计算"}
NEW_CAMPUS = "（新校区，尚未保存）"
REQUIRED_MARK = ' <span style="color:#b00020">*</span>'


def ask_save_path(parent, title: str, default: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), "PDF 文件 (*.pdf)")
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SchoolInfoDialog(QDialog, Ui_SchoolInfoDialog):
    def __init__(self, ws, form_id: str, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.form_id = form_id
        self.offered = find_form(ws.profile, form_id)
        self.editors: dict[str, QLineEdit] = {}
        self.items: list[school_info.InfoItem] = []
        self.campus = school_info.MAIN if form_id == school_info.CAMPUS_FORM else None
        self.printed: Path | None = None  # the last PDF printed
        self.setWindowTitle(self.offered.name)
        self.intro.setText(f"<p style='margin-bottom:8px'><b>{escape(self.offered.name)}</b>　{escape(ws.school.name)}</p>"
                           f"<p style='margin:0; color:{GREY}'>{escape(self.offered.article)}列为学校学籍档案，永久保存。"
                           f"本校设置中没有的项目在这里填写一次，保存后每次打印都会用到。</p>")
        self.campus_row.setVisible(form_id == school_info.CAMPUS_FORM)
        self.campus_choice.currentIndexChanged.connect(self._campus_chosen)
        self.add_campus_button.clicked.connect(self.add_campus)
        self.save_button.clicked.connect(self.save)
        self.save_print_button.clicked.connect(lambda: self.save_and_print())
        self.to_printer_button = QPushButton("保存并打印…")  # preview, then the printer
        self.to_printer_button.setObjectName("to_printer_button")
        self.to_printer_button.setAutoDefault(False)
        self.to_printer_button.setToolTip("保存后预览表格并送打印机")
        self.to_printer_button.clicked.connect(lambda: self.save_and_print(to_printer=True))
        self.button_row.insertWidget(self.button_row.indexOf(self.save_print_button) + 1, self.to_printer_button)
        self.close_button.clicked.connect(self.reject)
        self._fill_campuses()
        self.load()

    # campuses ------------------------------------------------------------------------------------
    def _fill_campuses(self, select: int | None = None) -> None:
        if self.form_id != school_info.CAMPUS_FORM:
            return
        self.campus_choice.blockSignals(True)
        self.campus_choice.clear()
        for c in school_info.campuses():
            self.campus_choice.addItem(c.label, c.number)
        if select == school_info.NEW:
            self.campus_choice.addItem(NEW_CAMPUS, school_info.NEW)
        index = self.campus_choice.findData(self.campus if select is None else select)
        self.campus_choice.setCurrentIndex(max(index, 0))
        self.campus_choice.blockSignals(False)
        self.campus = self.campus_choice.currentData()

    def _campus_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.campus = self.campus_choice.itemData(index)
        if self.campus != school_info.NEW and self.campus_choice.findData(school_info.NEW) >= 0:
            self.campus_choice.blockSignals(True)
            self.campus_choice.removeItem(self.campus_choice.findData(school_info.NEW))
            self.campus_choice.blockSignals(False)
        self.load()

    def add_campus(self) -> None:
        """A new branch campus: the items of a 分校区, empty but for what the school gives; saved by 保存."""
        self.campus = school_info.NEW
        self._fill_campuses(select=school_info.NEW)
        self.load()
        self.editors["校区名称"].setFocus()

    # the items -----------------------------------------------------------------------------------
    def load(self) -> None:
        """Lists every item of the form for the current campus, as the form would print it now."""
        grid = self.items_grid
        while grid.count():
            widget = grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted by the event loop later
                widget.setParent(None)
                widget.deleteLater()
        self.editors.clear()
        self.items = school_info.form_items(self.ws, self.form_id, self.campus)
        row, col, section = 0, 0, None
        for item in self.items:
            if item.section != section:
                section = item.section
                row += col > 0
                heading = QLabel(f"<b>{escape(section)}</b>")
                grid.addWidget(heading, row, 0, 1, 4)
                row, col = row + 1, 0
            label = QLabel(escape(item.printed) + (REQUIRED_MARK if item.required else ""))
            editor = QLineEdit(item.value)
            editor.setObjectName(f"item_{item.label}")
            editor.setAccessibleName(item.printed)
            editor.setMaxLength(item.max_len)
            label.setBuddy(editor)
            if item.editable:
                editor.setPlaceholderText(HINTS.get(item.kind, ""))
                editor.textEdited.connect(self._edited)
            else:
                editor.setReadOnly(True)
                editor.setStyleSheet(f"color: {GREY}; background: #f2f2f2;")
                editor.setToolTip(SOURCE_TIPS[item.source])
            self.editors[item.label] = editor
            grid.addWidget(label, row, col * 2)
            grid.addWidget(editor, row, col * 2 + 1)
            col = (col + 1) % 2
            row += col == 0
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        grid.setRowStretch(row + 1, 1)  # the rows stay together at the top
        self.items_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the items to the buttons
        chain = [*self.editors.values(), self.save_button, self.save_print_button, self.to_printer_button,
                 self.close_button]
        for i in range(1, len(chain)):
            QWidget.setTabOrder(chain[i - 1], chain[i])
        self.show_error("")
        self.status_label.setText("")

    def _edited(self) -> None:
        self.show_error("")

    def values(self) -> dict[str, str]:
        """The editable items as typed (an emptied one forgets the kept value)."""
        return {i.label: self.editors[i.label].text() for i in self.items if i.editable}

    def shown(self) -> dict[str, str]:
        """Every item as the screen shows it, by label (for tests and screenshots)."""
        return {label: editor.text() for label, editor in self.editors.items()}

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # saving and printing -------------------------------------------------------------------------
    def save(self) -> bool:
        """Keeps the values; a refused value is named on the dialog and in a message. True when all is kept."""
        values = self.values()
        try:
            plan = school_info.check_values(self.ws, self.form_id, values, self.campus)
        except ArchiveFormError as e:
            self.show_error(f"未保存：{e.message}")
            operations.show_message(self, QMessageBox.Icon.Warning, "未保存", "未写入任何内容，请先改正：",
                                    e.message)
            return False
        if not plan.changed:
            self.status_label.setText("没有改动")
            return True
        changes = run_op(self, lambda: school_info.save_values(self.ws, self.form_id, values, self.campus),
                         initiator=self)
        if changes is None:
            return False
        if self.campus == school_info.NEW:
            name = values.get("校区名称", "").strip()
            self.campus = school_info.find_campus(name).number
            self._fill_campuses()
        self.load()
        self.status_label.setText(f"已保存：{'、'.join(plan.changed)}")
        return True

    def default_path(self) -> Path:
        name = self.offered.title
        if self.form_id == school_info.CAMPUS_FORM and self.campus != school_info.NEW:
            name += f"-{school_info.find_campus(self.campus).name}"
        return Path.home() / f"{name}.pdf"

    def save_and_print(self, to_printer: bool = False):
        """Saves, then prints the PDF and its Excel copy beside it, and opens the PDF (or, `to_printer`,
        previews the PDF and sends it to the printer)."""
        if not self.save():
            return None
        if to_printer:
            from . import printing

            campus = self.campus if self.form_id == school_info.CAMPUS_FORM else None

            def make(target: Path):
                from ..core.forms.archive_forms import print_archive_form

                printed = run_op(self, lambda: print_archive_form(self.ws, self.form_id, pdf=target, campus=campus),
                                 initiator=self)
                return printed.files[0] if printed is not None else None

            return printing.print_made(self, self.ws, printing.PrintSpec(self.offered.title), make)
        path = ask_save_path(self, f"保存{self.offered.title}", self.default_path())
        if not path:
            return None
        pdf = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        xlsx = pdf.with_suffix(".xlsx") if self.offered.kind.excel else None
        campus = self.campus if self.form_id == school_info.CAMPUS_FORM else None

        def call():
            from ..core.forms.archive_forms import print_archive_form

            return print_archive_form(self.ws, self.form_id, pdf=pdf, xlsx=xlsx, campus=campus)

        printed = run_op(self, call, initiator=self)
        if printed is None:
            return None
        self.printed = pdf
        self.status_label.setText("已生成：" + "、".join(f.name for f in printed.files))
        open_file(pdf)
        return pdf


def open_school_form(window, kind: str):
    """Asks for what the form needs (prefilled with what the school keeps), saves it, prints the form.
    Returns the PDF printed, if any."""
    dialog = SchoolInfoDialog(window.ws, kind, window)
    dialog.exec()
    return dialog.printed
