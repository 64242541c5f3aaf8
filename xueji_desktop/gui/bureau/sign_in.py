"""Signing in to the bureau's window (the school's login form, ui/login.ui), the new password an account
must choose after an administrator's reset, and the idle lock's question (the same account's password
again, or another account, which starts the window afresh)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...bureau import accounts
from ...bureau.importer import BureauError, unlock
from ...core.exchange import keys
from ..forms.ui_login import Ui_LoginDialog
from ..forms.ui_password import Ui_PasswordDialog


class SignInDialog(QDialog, Ui_LoginDialog):
    """登录 before the window opens; `locked_by` (a login name) makes it the idle lock's question: the
    name is filled in, and 退出 closes the window instead of 取消."""

    def __init__(self, store, parent: QWidget | None = None, *, locked_by: str | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store = store
        self.password_used = ""
        self.keys: keys.BureauKeys | None = None
        me = store.identity()
        name = me.name if me is not None else "教育局端"
        self.setWindowTitle("学籍桌面 · 教育局端 — " + ("已锁定" if locked_by else "登录"))
        lead = (f"<h3>{name}</h3>窗口已锁定（空闲超过 {accounts.idle_lock_minutes()} 分钟）。请输入密码继续，"
                "或换一个账号登录。" if locked_by else f"<h3>{name}</h3>")
        self.title.setText(lead)
        self.title.setWordWrap(True)
        hint = self.demo_hint()
        self.hint.setText(hint or "")
        self.form.setRowVisible(self.hint, bool(hint))
        self.username.setText(locked_by or accounts.sole_username() or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出" if locked_by else "取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        (self.password if self.username.text() else self.username).setFocus()

    @staticmethod
    def demo_hint() -> str | None:
        if not accounts.is_demo():
            return None
        from ...bureau.demo import BUREAU_PASSWORD, BUREAU_USER

        return f"演示数据：登录名 {BUREAU_USER}，密码 {BUREAU_PASSWORD}"

    def accept(self) -> None:
        password = self.password.text()
        try:
            account = accounts.sign_in(self.store, self.username.text(), password)
        except accounts.AccountError as e:
            self.error.setText(e.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        if account.must_change_password:
            change = ChangePasswordDialog(self.store, password, self, forced=True)
            if change.exec() != QDialog.DialogCode.Accepted:
                accounts.sign_out(self.store)
                self.error.setText("管理员重置了您的密码：须设置新密码才能继续")
                return
            password = change.chosen_password
        self.password_used = password
        self.keys = self._unlock(password)
        super().accept()

    def _unlock(self, password: str) -> keys.BureauKeys | None:
        """The account's own wrap of the bureau's key, unlocked at once (no second question later)."""
        if not any(accounts.can(self.store, p) for p in accounts.KEY_PERMISSIONS):
            return None
        try:
            return unlock(self.store, password)
        except (BureauError, accounts.BureauPermissionDenied):
            return None


class ChangePasswordDialog(QDialog, Ui_PasswordDialog):
    """A new password for the signed-in account (twice); `forced` after an administrator's reset (the
    password just typed at the sign-in is the old one). The school's layout, ui/password.ui."""

    def __init__(self, store, old_password: str = "", parent: QWidget | None = None, *, forced: bool = False):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.given_old = store, old_password
        self.chosen_password = ""
        account = store.account
        self.setWindowTitle("设置新密码" if forced else "修改密码")
        who = f"<b>{account.display_name}</b>（{account.username}）" if account is not None else ""
        self.intro.setText(f"{who}：管理员重置了您的密码，请设置一个只有您知道的新密码（至少 8 位）。" if forced
                           else f"修改 {who} 的登录密码；持有的教育局私钥随之改用新密码保管。")
        for widget in (self.admin_label, self.admin_password):
            widget.hide()
        for widget in (self.old_label, self.old_password):
            widget.setVisible(not old_password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        (self.new_password if old_password else self.old_password).setFocus()

    def accept(self) -> None:
        if self.new_password.text() != self.new_again.text():
            self.error.setText("两次输入的新密码不一致")
            return
        try:
            accounts.change_password(self.store, self.given_old or self.old_password.text(), self.new_password.text())
        except (accounts.AccountError, accounts.BureauPermissionDenied) as e:
            self.error.setText(e.message)
            return
        self.chosen_password = self.new_password.text()
        super().accept()
