"""用户 (管理员): the bureau's accounts, their roles and state; add one, change its roles, disable one (never
deleted) or enable it again, reset a password (the account must change it at its next sign-in), and the idle
lock's minutes. The layouts are the school's ui/users.ui and ui/password.ui, and ui/bureau_user_edit.ui (the
bureau's four roles). Every change goes through bureau.accounts, which refuses what the signed-in account may
not do."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...bureau import accounts
from ...bureau.accounts import BureauPermission, BureauRole
from ...core.accounts import sign_in_rules
from ..account_dialogs import ok_cancel, show_existing
from ..forms.ui_bureau_user_edit import Ui_BureauUserEditDialog
from ..forms.ui_password import Ui_PasswordDialog
from ..forms.ui_users import Ui_UsersDialog
from ..keyboard import set_text
from ..tables import size_columns
from .common import GREY, RED, KeyRole, cell, rows_of, warn

HEADERS = ("登录名", "姓名", "角色", "状态", "最近登录")
WIDTHS = (110, 110, 180, 260)
REFUSED = (accounts.AccountError, accounts.BureauPermissionDenied)
ROLE_BOXES = {BureauRole.CHIEF: "role_chief", BureauRole.CLERK: "role_clerk", BureauRole.READER: "role_reader",
              BureauRole.ADMIN: "role_admin"}


class AccountDialog(QDialog, Ui_BureauUserEditDialog):
    """A new account (login, name, roles, first password twice), or another account's roles (`row`)."""

    def __init__(self, store, admin_password: str, parent: QWidget | None = None, *, row=None):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.admin_password, self.edited = store, admin_password, row
        self.result_row = None
        for role, name in ROLE_BOXES.items():
            box = getattr(self, name)
            box.setToolTip(accounts.ROLE_DUTIES[role])
            box.setChecked(row is not None and role in row.roles)
            box.toggled.connect(self._roles_changed)
        if row is not None:
            show_existing(self, row)
        ok_cancel(self.buttons, "保存" if row is not None else "添加")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._roles_changed()

    def chosen_roles(self) -> set[BureauRole]:
        return {role for role, name in ROLE_BOXES.items() if getattr(self, name).isChecked()}

    def _roles_changed(self) -> None:
        roles = self.chosen_roles()
        self.duties.setText("；".join(f"{r.label}：{accounts.ROLE_DUTIES[r]}" for r in BureauRole if r in roles)
                            or "请至少选一个角色")
        if self.edited is None:
            self.note.setText("此人首次登录时须改为只有自己知道的密码。"
                              + ("科员导入批次、写回执要用教育局私钥：添加时即为其保管。" if accounts.needs_key(roles) else ""))
        elif accounts.needs_key(roles) and not self.edited.holds_key:
            self.note.setText("科员要用教育局私钥：保存后请为其重置密码，重置时为其保管私钥。")
        elif not accounts.needs_key(roles) and self.edited.holds_key:
            self.note.setText("不再是科员：其保管的教育局私钥随之收回。")
        else:
            self.note.setText("")

    def accept(self) -> None:
        try:
            if self.edited is not None:
                self.result_row = accounts.set_roles(self.store, self.edited.id, self.chosen_roles())
            else:
                if self.first_password.text() != self.first_again.text():
                    self.error.setText("两次输入的密码不一致")
                    return
                self.result_row = accounts.add_account(self.store, self.username.text(), self.display_name.text(),
                                                       self.chosen_roles(), self.first_password.text(),
                                                       admin_password=self.admin_password)
        except REFUSED as e:
            self.error.setText(e.message)
            return
        super().accept()


class ResetDialog(QDialog, Ui_PasswordDialog):
    """An administrator's new password for another account (twice); an account that imports or replies gets
    the bureau's key wrapped with it, from the administrator's own wrap."""

    def __init__(self, store, admin_password: str, row, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.signed_in_password, self.edited = store, admin_password, row
        self.result_row = None
        self.setWindowTitle(f"重置密码：{row.username}")
        for widget in (self.old_label, self.old_password, self.admin_label, self.admin_password):
            widget.hide()
        self.new_label.setText("新密码")
        key = "<br>同时为其保管教育局私钥（导入批次、写回执要用）。" if accounts.needs_key(row.roles) else ""
        self.intro.setText(f"为 <b>{row.display_name}</b>（{row.username}）设一个新密码，当面告诉本人；本人下次登录时须"
                           f"改成只有自己知道的密码。账号如因密码错误被锁定，同时解锁。{key}")
        ok_cancel(self.buttons, "重置")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.new_password.setFocus()

    def accept(self) -> None:
        if self.new_password.text() != self.new_again.text():
            self.error.setText("两次输入的密码不一致")
            return
        try:
            self.result_row = accounts.reset_password(self.store, self.edited.id, self.new_password.text(),
                                                      admin_password=self.signed_in_password)
        except REFUSED as e:
            self.error.setText(e.message)
            return
        super().accept()


class UsersDialog(QDialog, Ui_UsersDialog):
    def __init__(self, store, admin_password: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.admin_password = store, admin_password
        self.dialog: QDialog | None = None
        self.rows: list[accounts.AccountRow] = []
        self.setWindowTitle("用户")
        self.intro.setText("教育局端每个使用本程序的人用自己的账号登录：审批和处理冲突都记下经办人。账号只停用、不删除。"
                           f"连续 {sign_in_rules.MAX_FAILURES} 次密码错误，账号锁定 {sign_in_rules.LOCK_MINUTES} 分钟。")
        self.table.setColumnCount(len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        size_columns(self.table, WIDTHS, stretch=len(HEADERS) - 1)
        self.add_button.setText("添加…")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit_selected)
        settings = accounts.can(store, BureauPermission.SETTINGS)
        for widget in (self.idle_label, self.idle_minutes, self.idle_save):
            widget.setEnabled(settings)
        self.idle_minutes.setSpecialValueText("不锁定")
        self.idle_minutes.setValue(accounts.idle_lock_minutes())
        self.idle_save.clicked.connect(self.save_idle)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.rows = accounts.account_rows()
        now = self.store.now()
        t = self.table
        t.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            if not a.active:
                state = cell("已停用", GREY)
            elif sign_in_rules.locked(a.locked_until, now):
                state = cell(f"已锁定至 {a.locked_until:%H:%M}", RED)
            else:
                state = cell("可用" + ("，须修改密码" if a.must_change_password else "")
                             + ("，持有私钥" if a.holds_key else "")
                             + ("，尚无私钥" if accounts.needs_key(a.roles) and not a.holds_key else ""))
            last = f"{a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "从未登录"
            for c, item in enumerate((cell(a.username, key=a.id), cell(a.display_name), cell(a.roles_label), state,
                                      cell(last))):
                t.setItem(r, c, item)
            if a.id == select_id:
                t.selectRow(r)
        self._update_buttons()

    def shown(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)

    def select(self, username: str) -> None:
        for r, a in enumerate(self.rows):
            if a.username == username:
                self.table.selectRow(r)

    def selected(self):
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        key = item.data(KeyRole) if item is not None else None
        return next((a for a in self.rows if a.id == key), None)

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.reset_button, self.toggle_button):
            button.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None and row.active)
        set_text(self.toggle_button, "启用" if row is not None and not row.active else "停用")

    def _open(self, dialog: QDialog, select_id: int | None) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(dialog.result_row.id if dialog.result_row else select_id))
        dialog.open()
        return dialog

    def add_account(self) -> AccountDialog:
        return self._open(AccountDialog(self.store, self.admin_password, self), None)

    def edit_selected(self) -> AccountDialog | None:
        row = self.selected()
        return self._open(AccountDialog(self.store, self.admin_password, self, row=row), row.id) if row else None

    def reset_selected(self) -> ResetDialog | None:
        row = self.selected()
        if row is None or not row.active:
            return None
        return self._open(ResetDialog(self.store, self.admin_password, row, self), row.id)

    def toggle_selected(self) -> None:
        """停用 an active account, 启用 a disabled one."""
        row = self.selected()
        if row is None:
            return
        try:
            (accounts.disable if row.active else accounts.enable)(self.store, row.id)
        except REFUSED as e:
            warn(self, e.message)
        self.reload(row.id)

    def save_idle(self) -> None:
        try:
            accounts.set_idle_lock_minutes(self.store, self.idle_minutes.value())
        except REFUSED as e:
            warn(self, e.message)
        self.idle_minutes.setValue(accounts.idle_lock_minutes())
