"""重复学籍核查: the county bureau's questions about children it found on the roll of this school and another
(they arrive with its replies), and the registrar's answers — the child studies here (with the signed 学生实际在校
就读证明表 where the region asks for it: print it, have it signed and stamped, attach the scan), not the same child,
or this school's record removed with its history kept. Everything it shows and refuses comes from
core.duplicate_checks; the questions it asks go through the module's functions below, which tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.duplicate_checks import answers, queries
from ..core.duplicate_checks.queries import DuplicateCheckError, proof_required
from ..core.forms import attendance_proof
from . import operations
from .tables import table

TITLE = "重复学籍核查"
COLUMNS = ("学生", "本校学籍号", "对方学校", "对方学籍号", "对方年级班级", "依据", "收到", "状态")
WIDTHS = (80, 170, 150, 170, 100, 180, 90)


# ── the questions a test replaces ────────────────────────────────────────────────────────────────
def ask_save_path(parent, title: str, default: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), "PDF 文件 (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def ask_open_path(parent, title: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", "扫描件 (*.pdf *.jpg *.jpeg *.png)")
    return path


def ask_text(parent, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


def confirm(parent, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DuplicateChecksDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None, select: str | None = None):
        super().__init__(parent)
        self.ws = ws
        self.rows: list[queries.Query] = []
        self.needs_proof = proof_required(ws.profile)
        self.offers_form = attendance_proof.attendance_form_offered(ws)
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        layout = QVBoxLayout(self)
        self.head = QLabel("")
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        self.table = table(COLUMNS, WIDTHS, stretch=len(COLUMNS) - 1)
        self.table.setAccessibleName(TITLE)
        self.table.itemSelectionChanged.connect(self.show_selected)
        layout.addWidget(self.table, 1)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel("核实情况（可不填）："))
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：已核对学生在校上课、已与家长电话核实")
        note_row.addWidget(self.note, 1)
        layout.addLayout(note_row)
        bar = QHBoxLayout()
        self.print_button = QPushButton("打印实际在校就读证明表（附表3）…")
        self.print_button.setVisible(self.offers_form)
        self.confirm_button = QPushButton("在本校就读：附证明并答复…" if self.needs_proof else "在本校就读：确认并答复…")
        self.not_same_button = QPushButton("不是同一学生…")
        self.remove_button = QPushButton("不在本校就读：删除本校的重复学籍…")
        close = QPushButton("关闭")
        for button in (self.print_button, self.confirm_button, self.not_same_button, self.remove_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.print_button.clicked.connect(self.print_form)
        self.confirm_button.clicked.connect(self.confirm_attendance)
        self.not_same_button.clicked.connect(self.declare_not_same)
        self.remove_button.clicked.connect(self.remove_record)
        close.clicked.connect(self.reject)
        self.resize(1180, 560)
        self.load(select)

    # what is shown --------------------------------------------------------------------------------
    def load(self, select: str | None = None) -> None:
        keep = select or (self.current().uuid if self.current() else None)
        self.rows = queries.queries()
        waiting = sum(1 for q in self.rows if q.needs_answer)
        rule = queries.governing_rule(self.ws.profile)
        basis = f"依据：{rule.article}：{rule.quote}。" if rule.applies and rule.article else ""
        how = ("在本校就读的，打印《学生实际在校就读证明表》（附表3），经学生、家长、校长签字并盖章后扫描附上；"
               "不在本校就读的，删除本校的重复学籍（学籍记录和变动历史保留）。" if self.needs_proof else
               "在本校就读的确认答复；不在本校就读的删除本校的重复学籍（学籍记录和变动历史保留）。") + basis
        self.head.setText(f"教育局在导入各校报送的批次时发现以下学生同时在另一所学校有学籍：共 {len(self.rows)} 件，"
                          f"待答复 {waiting} 件。答复随下一批次报送教育局。{how}")
        t = self.table
        t.setRowCount(len(self.rows))
        for r, q in enumerate(self.rows):
            for c, text in enumerate((q.name, q.student_number, q.other_school, q.other_number, q.other_place,
                                      q.matched_by, q.received_on, q.state)):
                t.setItem(r, c, QTableWidgetItem(text))
        index = next((i for i, q in enumerate(self.rows) if q.uuid == keep), 0 if self.rows else -1)
        if index >= 0:
            t.selectRow(index)
        self.show_selected()

    def current(self) -> queries.Query | None:
        row = self.table.currentRow() if hasattr(self, "table") else -1
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def show_selected(self) -> None:
        q = self.current()
        can = q is not None and q.needs_answer
        for button in (self.print_button, self.confirm_button, self.not_same_button, self.remove_button):
            button.setEnabled(can)
        if q is None:
            self.detail.setText("没有重复学籍核查。" if not self.rows else "")
            return
        lines = [f"<b>{q.name}</b>（本校学籍号 {q.student_number}）与{q.other_school}的{q.other_name}"
                 f"（学籍号 {q.other_number}，{q.other_place or '年级未知'}）：{q.matched_by}。教育局发现于 {q.found_at}。",
                 f"状态：{q.state}"]
        if q.answer_note:
            lines.append(f"本校答复的说明：{q.answer_note}")
        if q.close_note:
            lines.append(f"教育局结案说明：{q.close_note}")
        self.detail.setText("<br>".join(lines))

    # the answers ----------------------------------------------------------------------------------
    def _refused(self, e: DuplicateCheckError) -> None:
        operations.show_message(self, QMessageBox.Icon.Warning, "未能完成", "未写入任何内容：", e.message)

    def _answer(self, call) -> bool:
        refused: list[DuplicateCheckError] = []

        def guarded():
            try:
                return call()
            except DuplicateCheckError as e:
                refused.append(e)
                return None

        out = operations.run_op(self, guarded, initiator=self)
        if refused:
            self._refused(refused[0])
            return False
        self.load()
        return out is not None

    def print_form(self) -> Path | None:
        q = self.current()
        if q is None:
            return None
        default = Path.home() / f"学生实际在校就读证明表-{q.name}-{self.ws.today():%Y%m%d}.pdf"
        path = ask_save_path(self, "保存学生实际在校就读证明表", default)
        if not path:
            return None
        try:
            attendance_proof.print_attendance_form(self.ws, q.uuid, path)
        except DuplicateCheckError as e:
            self._refused(e)
            return None
        open_file(Path(path))
        return Path(path)

    def confirm_attendance(self) -> bool:
        q = self.current()
        if q is None:
            return False
        proof = ask_open_path(self, "选择签字盖章后的证明表扫描件" if self.needs_proof else
                              "选择证明材料扫描件（可不附：取消即不附）")
        if not proof and self.needs_proof:
            return False
        return self._answer(lambda: answers.confirm_attendance(self.ws, q.uuid, proof or None, self.note.text()))

    def declare_not_same(self) -> bool:
        q = self.current()
        if q is None:
            return False
        text = ask_text(self, "不是同一学生", f"{q.name}与{q.other_school}的{q.other_name}不是同一学生：请写明核实情况"
                                             "（至少 4 个字）")
        if text is None:
            return False
        return self._answer(lambda: answers.declare_not_same(self.ws, q.uuid, text))

    def remove_record(self) -> bool:
        q = self.current()
        if q is None:
            return False
        text = ask_text(self, "删除本校的重复学籍", f"{q.name}（{q.student_number}）不在本校就读，实际在{q.other_school}就读？\n"
                                                "请写明核实情况（至少 4 个字）。删除后该生不再计入本校学籍，学籍记录和变动历史保留。")
        if text is None:
            return False
        if not confirm(self, "删除本校的重复学籍", f"确定删除{q.name}在本校的重复学籍？此项随下一批次报送教育局，不能撤销。"):
            return False
        return self._answer(lambda: answers.remove_record(self.ws, q.uuid, text))


def open_dialog(window, select: str | None = None) -> DuplicateChecksDialog:
    dialog = DuplicateChecksDialog(window.ws, window, select)
    dialog.open()
    return dialog
