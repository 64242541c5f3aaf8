"""Signing in: every change is attributed to the registrar who makes it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ..core.pupils.pupil_reads import first_username, login_hint
from ..core.school.workspace import LoginError
from .forms.ui_login import Ui_LoginDialog


class LoginDialog(QDialog, Ui_LoginDialog):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.title.setText(f"<h3>{ws.school.name}</h3>")
        hint = login_hint()
        self.hint.setText(hint or "")
        self.form.setRowVisible(self.hint, hint is not None)
        sole = ws.sole_user()
        if sole:
            self.username.setText(sole.username)
        elif (last := first_username()) is not None:
            self.username.setText(last)
        self.buttons.button(QDialogButtonBox.Ok).setText("登录")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
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
