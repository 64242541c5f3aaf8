"""Signing in: every change is attributed to the registrar who makes it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from ..core.pupils.pupil_reads import first_username, login_hint
from ..core.school.workspace import LoginError


class LoginDialog(QDialog):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        school = ws.school
        self.setWindowTitle("学籍桌面 — 登录")
        form = QFormLayout(self)
        title = QLabel(f"<h3>{school.name}</h3>")
        form.addRow(title)
        hint = login_hint()
        if hint is not None:
            note = QLabel(hint)
            note.setStyleSheet("color: #1f618d;")
            form.addRow(note)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        sole = ws.sole_user()
        if sole:
            self.username.setText(sole.username)
        elif (last := first_username()) is not None:
            self.username.setText(last)
        form.addRow("登录名", self.username)
        form.addRow("密码", self.password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("登录")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def accept(self) -> None:
        try:
            self.ws.login(self.username.text(), self.password.text())
        except LoginError as e:
            self.error.setText(str(e))
            self.password.selectAll()
            self.password.setFocus()
            return
        super().accept()
