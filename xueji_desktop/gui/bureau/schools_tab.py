"""学校: the registered schools with their key fingerprints and state; 登记学校公钥… and 吊销….

The questions (which key file, whether to revoke) go through `choose_key_file` and `confirm_revoke`,
which tests replace."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...bureau import importer
from ...bureau.views import SchoolRow, school_row, school_rows
from .common import GREEN, GREY, RED, REFUSALS, KeyRole, bold_label, cell, inform, rows_of, table, warn

HEADERS = ("学校代码", "学校", "公钥指纹", "登记时间", "状态", "已导入批次", "变动记录", "接收回执")
WIDTHS = (110, 230, 420, 150, 170, 90, 200)
KEY_SUFFIX = ".xjkey"


class SchoolsTab(QWidget):
    changed = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.title = bold_label(parent=self)
        self.register_button = QPushButton("登记学校公钥…", self)
        self.revoke_button = QPushButton("吊销…", self)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.register_button)
        bar.addWidget(self.revoke_button)
        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.register_button.clicked.connect(self.register)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        selected = self.selected_code()
        schools = school_rows()
        marks = importer.chain_marks()  # chain breaks and restores, by school code
        t = self.table
        t.setRowCount(len(schools))
        for r, s in enumerate(schools):
            state = (cell(f"已吊销（{s.revoked_at:%Y-%m-%d}）", RED, bold=True) if s.revoked_at
                     else cell("有效", GREEN, bold=True))
            cells = (cell(s.code, key=s.code), cell(s.name, GREY if s.revoked_at else None),
                     cell(s.fingerprint), cell(f"{s.registered_at:%Y-%m-%d %H:%M}"), state,
                     cell(s.batches, center=True),
                     cell(marks[s.code][0], RED if marks[s.code][1] else None) if s.code in marks else cell("未见异常"),
                     cell("可以" if s.can_receive_replies else "旧密钥，不能接收回执",
                          None if s.can_receive_replies else RED))
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        active = sum(s.revoked_at is None for s in schools)
        self.title.setText(f"已登记 {len(schools)} 所学校（有效密钥 {active} 把）")
        if selected:
            self.select(selected)
        self._update_buttons()

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(KeyRole) if item is not None else None

    def select(self, code: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(KeyRole) == code:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        code = self.selected_code()
        school = school_row(code)
        self.revoke_button.setEnabled(school is not None and school.revoked_at is None)

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)

    # questions (tests replace these) ------------------------------------------------------------
    def choose_key_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "选择学校公钥文件", "",
                                              f"学籍公钥文件 (*{KEY_SUFFIX} *.json);;所有文件 (*)")
        return path or None

    def confirm_revoke(self, school: SchoolRow) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "吊销学校密钥",
                          f"确定吊销 {school.name}（学校代码 {school.code}）的密钥吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(f"密钥指纹 {school.fingerprint}\n吊销后，这把密钥签发的批次一律拒收；"
                               "学校须重新生成密钥、打印密钥登记表，再来登记。")
        box.button(QMessageBox.StandardButton.Yes).setText("吊销")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    # actions ------------------------------------------------------------------------------------
    def register(self) -> None:
        path = self.choose_key_file()
        if not path:
            return
        try:
            row = importer.register_school(self.store, None, None, path)
        except REFUSALS as e:
            warn(self, e.message)
            return
        self.reload()
        self.select(row.code)
        self.changed.emit()
        inform(self, f"已登记学校 {row.code} {row.name}\n密钥指纹 {row.fingerprint}", "已登记")

    def revoke_selected(self) -> None:
        code = self.selected_code()
        school = school_row(code)
        if school is None or school.revoked_at is not None or not self.confirm_revoke(school):
            return
        try:
            importer.revoke(self.store, school.code)
        except REFUSALS as e:
            warn(self, e.message)
            return
        self.reload()
        self.changed.emit()
