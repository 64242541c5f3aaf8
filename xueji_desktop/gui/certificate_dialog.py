"""出具证明: the certificates of study for the selected pupil (学历证明 / 学历证明书, 学习经历证明), as the region's text
provides them, and the stub registers (学历证明存根, 结业证书存根 …) — from the 档案 menu.

The dialog reads through the domain (core.certificates): which certificates the region provides and whether the
pupil may have one (the finding, with its article, shown under the choice), the checks as the application is
filled in, the warnings that need a reason (长治 第三十八条: 原则上只能办理一次), the pupil's certificates already
issued. 出具并另存为 PDF… asks for the file, then writes the certificate, its event and its 查询登记 row and prints
the PDF with its stub in one go, and opens it; 所选另存为 PDF… writes a chosen one again as it was issued; 出具并
打印… and 打印所选… do the same through the print preview to the printer. File dialogs and
the viewer are the module's `ask_save_path` and `open_file`, which tests replace.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.certificates.offers import CertKind, Ground, lost_note
from ..core.pupils import pupil_reads
from ..core.pupils.status import Status
from ..core.rules.findings import Severity
from . import operations
from .field_widgets import COLOURS
from .reasons_box import ReasonsBox

PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
TO_FILL = ("applicant", "ground")  # what the application still needs, shown as a to-do rather than an error


def ask_save_path(parent: QWidget | None, title: str, default: Path, file_filter: str = PDF_FILTER) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    if path and not path.lower().endswith(default.suffix.lower()):
        path += default.suffix
    return path


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
    item, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return item if ok else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _warn(parent, title: str, text: str, details: str = "") -> None:
    operations.show_message(parent, QMessageBox.Icon.Warning, title, text, details)


class CertificateDialog(QDialog):
    """One pupil's certificates: the application for a new one, and those already issued."""

    def __init__(self, ws, student_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from ..core.certificates import issuing

        self.ws, self.student_id, self.issuing = ws, student_id, issuing
        self.pupil = pupil_reads.pupil(student_id)
        self.issued: list[Path] = []
        self.reasons: dict[str, str] = {}
        self.setWindowTitle(f"出具证明 — {self.pupil.name}（{self.pupil.student_number}）")
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        status = Status(self.pupil.status).label
        who = QLabel(f"<b>{escape(self.pupil.name)}</b>　学籍号 {self.pupil.student_number}　{escape(self.pupil.place)}"
                     f"　学籍状态：{escape(status)}")
        who.setObjectName("pupil_label")
        layout.addWidget(who)

        self.offers = issuing.offered_for(ws, student_id)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind_combo")
        for o, why in self.offers:
            self.kind_combo.addItem(o.title if why is None else f"{o.title}（所选学生不适用）", o.kind.value)
        eligible = [i for i, (_o, why) in enumerate(self.offers) if why is None]
        if eligible:
            self.kind_combo.setCurrentIndex(eligible[0])
        form.addRow("证明：", self.kind_combo)
        self.basis_label = QLabel()
        self.basis_label.setObjectName("basis_label")
        self.basis_label.setWordWrap(True)
        form.addRow("依据：", self.basis_label)
        ground_row = QHBoxLayout()
        self.ground_group = QButtonGroup(self)
        self.ground_radios: dict[Ground, QRadioButton] = {}
        for g in Ground:
            radio = QRadioButton(g.label)
            radio.setObjectName(f"ground_{g.value}")
            self.ground_group.addButton(radio)
            self.ground_radios[g] = radio
            ground_row.addWidget(radio)
            radio.toggled.connect(self.refresh)
        ground_row.addStretch(1)
        self.ground_label = QLabel("出具原因：")
        form.addRow(self.ground_label, ground_row)
        self.applicant_edit = QLineEdit()
        self.applicant_edit.setObjectName("applicant_edit")
        self.applicant_edit.setPlaceholderText("书面申请人的姓名（学生本人或监护人）")
        form.addRow("申请人：", self.applicant_edit)
        self.applied_edit = QDateEdit()
        self.applied_edit.setObjectName("applied_edit")
        self.applied_edit.setCalendarPopup(True)
        self.applied_edit.setDisplayFormat("yyyy-MM-dd")
        today = ws.today()
        self.applied_edit.setDate(QDate(today.year, today.month, today.day))
        form.addRow("申请日期：", self.applied_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText("可不填：申请用途、核实的材料等，印在证明的注中")
        form.addRow("学校说明：", self.note_edit)
        layout.addLayout(form)
        self.findings_label = QLabel()
        self.findings_label.setObjectName("findings_label")
        self.findings_label.setWordWrap(True)
        layout.addWidget(self.findings_label)
        self.reasons_box = ReasonsBox()
        self.reasons_box.changed.connect(self._update_button)
        layout.addWidget(self.reasons_box)

        layout.addWidget(QLabel("已出具的证明（存根）："))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("issued_table")
        self.table.setHorizontalHeaderLabels(["编号", "证明", "出具日期", "申请人", "出具原因"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(150)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        self.reprint_button = QPushButton("所选另存为 PDF…")
        self.reprint_button.setObjectName("reprint_button")
        self.issue_button = QPushButton("出具并另存为 PDF…")
        self.issue_button.setObjectName("issue_button")
        self.issue_button.setDefault(True)
        self.reprint_to_printer = QPushButton("打印所选…")  # preview, then the printer
        self.reprint_to_printer.setToolTip("预览所选的已出具证明并送打印机")
        self.issue_to_printer = QPushButton("出具并打印…")
        self.issue_to_printer.setToolTip("出具证明（编号、记入出具记录），预览后送打印机；"
                                         "预览时关闭也已出具，可用“打印所选…”再打印")
        close = QPushButton("关闭")
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.reprint_to_printer)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.issue_to_printer)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for first, then in ((self.reprint_button, self.reprint_to_printer), (self.reprint_to_printer, self.issue_button),
                            (self.issue_button, self.issue_to_printer), (self.issue_to_printer, close)):
            QWidget.setTabOrder(first, then)
        self.issue_button.clicked.connect(lambda: self.issue())
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.issue_to_printer.clicked.connect(lambda: self.issue(to_printer=True))
        self.reprint_to_printer.clicked.connect(lambda: self.reprint(to_printer=True))
        close.clicked.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.applicant_edit.textChanged.connect(self.refresh)
        self.applied_edit.dateChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_button)
        self._kind_changed()
        self.load_issued()

    # the application ---------------------------------------------------------------------------
    def current(self):
        i = self.kind_combo.currentIndex()
        return self.offers[i] if 0 <= i < len(self.offers) else (None, None)

    def _kind_changed(self, *_args) -> None:
        o, _why = self.current()
        education = o is not None and o.kind is CertKind.EDUCATION
        for g, radio in self.ground_radios.items():
            radio.setVisible(education and g in o.grounds)
        self.ground_label.setVisible(education)
        if education and len(o.grounds) == 1:
            self.ground_radios[o.grounds[0]].setChecked(True)
        if o is None:
            self.basis_label.setText("本地区的学籍管理规定没有规定学历证明或学习经历证明：本程序不出具。")
        else:
            said = f"“{o.quote}”" if o.quote else ""
            extra = lost_note(self.ws.profile) if education else ""
            self.basis_label.setText(f"{o.source}{said}。{extra}")
        self.reasons = {}
        self.refresh()

    def request(self):
        o, _why = self.current()
        ground = next((g for g, r in self.ground_radios.items() if r.isChecked() and r.isVisible()), None)
        d = self.applied_edit.date()
        return self.issuing.Request(self.student_id, o.kind, applicant=self.applicant_edit.text(), ground=ground,
                                    applied_on=dt.date(d.year(), d.month(), d.day()), note=self.note_edit.text(),
                                    reasons=self.reasons)

    def refresh(self, *_args) -> None:
        o, _why = self.current()
        if o is None:
            self.findings = []
            self.findings_label.setText("")
            self.reasons_box.show_warnings([], self.reasons)
            self._update_button()
            return
        self.findings = self.issuing.check(self.ws, self.request())
        lines = []
        for f in self.findings:
            if f.severity is not Severity.BLOCK:
                continue
            if f.field in TO_FILL:  # not wrong, only not filled in yet
                lines.append(f"<span style='color:#555555'>□ {escape(f.text)}</span>")
            else:
                lines.append(f"<span style='color:{COLOURS[Severity.BLOCK]}'>■ {escape(f.text)}</span>")
        self.findings_label.setText("<br>".join(lines))
        self.findings_label.setVisible(bool(lines))
        if set(self.reasons_box.edits) != {f.rule for f in self.findings if f.severity is Severity.WARN}:
            self.reasons_box.show_warnings(self.findings, self.reasons)
        self._update_button()

    def _update_button(self, *_args) -> None:
        o, _why = self.current()
        ok = o is not None and not self.issuing.unexplained(self.findings, self.reasons) and not [
            f for f in self.findings if f.severity is Severity.BLOCK]
        self.issue_button.setEnabled(ok)
        self.issue_to_printer.setEnabled(ok)
        self.reprint_button.setEnabled(bool(self.table.selectedItems()))
        self.reprint_to_printer.setEnabled(bool(self.table.selectedItems()))

    def issue(self, to_printer: bool = False):
        o, _why = self.current()
        if o is None:
            return None
        req = self.request()

        def done(issued) -> None:
            self.issued.append(issued.pdf)
            self.applicant_edit.clear()
            self.note_edit.clear()
            self.reasons.clear()
            self.load_issued()
            self.refresh()
            if not to_printer:
                open_file(issued.pdf)

        def make(target: Path):
            def call():
                issued = self.issuing.issue(self.ws, req, target)
                return issued, issued.changes

            try:
                issued = operations.run_op(self, call, success=done, initiator=self)
            except OSError as e:  # pragma: no cover — run_op shows every error itself
                _warn(self, "未出具", f"无法写入文件“{target}”：{e}")
                return None
            return issued.pdf if to_printer and issued is not None else issued

        if to_printer:
            from . import printing

            return printing.print_made(self, self.ws, printing.PrintSpec(o.title), make)
        default = Path.home() / f"{o.title}-{self.pupil.name}-{self.pupil.student_number}.pdf"
        path = ask_save_path(self, f"保存{self.pupil.name}的{o.title}", default)
        if not path:
            return None
        return make(Path(path))

    # the certificates issued -------------------------------------------------------------------
    def load_issued(self) -> None:
        self.rows = self.issuing.history(self.student_id)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, text in enumerate((r.number, r.title, f"{r.issued_on:%Y-%m-%d}", r.applicant, r.reason)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self._update_button()

    def reprint(self, to_printer: bool = False):
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        row = self.rows[selected[0].row()]
        if to_printer:
            from . import printing

            return printing.print_made(self, self.ws, printing.PrintSpec(row.title), lambda target: operations.run_op(
                self, lambda: self.issuing.print_certificate(self.ws, row.number, target)))
        path = ask_save_path(self, f"{row.title}（{row.number}）另存为 PDF",
                             Path.home() / f"{row.title}-{row.name}-{row.number}.pdf")
        if not path:
            return None
        printed = operations.run_op(self, lambda: self.issuing.print_certificate(self.ws, row.number, Path(path)))
        if printed is not None:
            open_file(printed)
        return printed


def open_certificates(window) -> CertificateDialog | None:
    student_id = window.selected_student_id()
    if student_id is None:
        return None
    dialog = CertificateDialog(window.ws, student_id, window)
    dialog.exec()
    return dialog


# ── the stub registers ───────────────────────────────────────────────────────────────────────────
def print_stub_register(window, what: str, title: str) -> Path | None:
    """A stub register: the year (of issue, or the school year for 结业证书存根), PDF or Excel, then the file."""
    from ..core.accounts.access_log import PurposeCancelled
    from ..core.certificates import stubs
    from .purpose_dialog import purpose_question

    if what == "completion":
        years = stubs.completed_years()
        if not years:
            _warn(window, "未生成", f"没有结业的学生：{title}按学年结转时结业的学生打印。")
            return None
        labels = [f"{y}—{y + 1}学年" for y in years]
        chosen = choose_item(window, title, "结业的学年：", labels)
        if chosen is None:
            return None
        year: int | None = years[labels.index(chosen)]
    else:
        year = None
    kind = choose_item(window, title, "另存为文件或打印：", ["另存为 PDF", "Excel 工作簿", "打印（先预览）"])
    if kind is None:
        return None
    if kind.startswith("打印"):
        from . import printing

        def make(target: Path):
            def call():
                try:
                    return stubs.print_stubs(window.ws, what, target, year=year,
                                             purpose=purpose_question(window, window.ws))
                except PurposeCancelled:
                    return None

            return operations.run_op(window, call)

        return printing.print_made(window, window.ws, printing.PrintSpec(title), make)
    suffix = ".xlsx" if kind.startswith("Excel") else ".pdf"
    default = Path.home() / (f"{title}（{year}）{suffix}" if year else f"{title}{suffix}")
    path = ask_save_path(window, f"保存{title}", default, XLSX_FILTER if suffix == ".xlsx" else PDF_FILTER)
    if not path:
        return None

    def call():
        try:
            return stubs.print_stubs(window.ws, what, Path(path), year=year, purpose=purpose_question(window, window.ws))
        except PurposeCancelled:
            return None

    printed = operations.run_op(window, call)
    if printed is not None and printed.suffix == ".pdf":
        open_file(printed)
    return printed
