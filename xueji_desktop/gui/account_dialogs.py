"""设置 → 用户 and 修改密码: the accounts, as the domain (core.school.users) keeps them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QListWidgetItem, QTableWidgetItem, QWidget

from ..core.accounts.roles import ROLE_DUTIES, Permission, Role
from ..core.exchange.school_keys import school_fingerprint
from ..core.pupils.pupil_reads import classes
from ..core.rules.findings import RuleViolation
from ..core.school import users
from .forms.ui_password import Ui_PasswordDialog
from .forms.ui_user_edit import Ui_UserEditDialog
from .forms.ui_users import Ui_UsersDialog
from .keyboard import set_text

ROLE_BOXES = {Role.ADMIN: "role_admin", Role.REGISTRAR: "role_registrar", Role.APPROVER: "role_approver",
              Role.CLASS_TEACHER: "role_class_teacher", Role.VIEWER: "role_viewer", Role.AUDITOR: "role_auditor"}
COLUMNS = ("登录名", "姓名", "角色", "状态", "所带班级", "学校密钥", "上次登录")


def _texts(e: RuleViolation) -> str:
    return "\n".join(f.text for f in e.findings)


def ok_cancel(buttons: QDialogButtonBox, ok: str) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")


def show_existing(dialog, row) -> None:
    """An account dialog (school's or bureau's) editing an existing account: name fixed, no first password."""
    dialog.setWindowTitle(f"修改角色：{row.display_name}（{row.username}）")
    dialog.username.setText(row.username)
    dialog.display_name.setText(row.display_name)
    for widget in (dialog.username, dialog.display_name):
        widget.setReadOnly(True)
    for widget in (dialog.first_label, dialog.first_password, dialog.again_label, dialog.first_again):
        widget.hide()


class PasswordDialog(QDialog, Ui_PasswordDialog):
    """One's own new password (`forced` after an administrator's reset: no way round it but to quit), or an
    administrator's reset of another account (`reset_row`)."""

    def __init__(self, ws, parent: QWidget | None = None, *, forced: bool = False, reset_row=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setMinimumWidth(480)
        self.ws, self.reset_row = ws, reset_row
        resetting = reset_row is not None
        needs_admin = resetting and users.needs_key(reset_row.roles) and school_fingerprint(ws) is not None
        for widget in (self.old_label, self.old_password):
            widget.setVisible(not resetting)
        for widget in (self.admin_label, self.admin_password):
            widget.setVisible(needs_admin)
        if resetting:
            self.setWindowTitle("重置密码")
            self.new_label.setText("新密码")
            self.intro.setText(f"为 <b>{reset_row.display_name}</b>（{reset_row.username}）设一个新密码，当面告诉本人；"
                               "本人下次登录时须改成只有自己知道的密码。账号如因密码错误被锁定，同时解锁。"
                               + ("<br>输入您的密码，为其同时开通学校密钥（报送批次、导入回执要用）。" if needs_admin else ""))
        elif forced:
            self.intro.setText(f"<b>{ws.user.display_name}</b>：管理员为您设置了密码，请改成只有您自己知道的密码再继续。")
            self.old_label.setText("管理员给的密码")
        else:
            self.intro.setText(f"修改 <b>{ws.user.display_name}</b>（{ws.user.username}）的登录密码。")
        ok_cancel(self.buttons, "确定")
        if forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出程序")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        (self.new_password if resetting else self.old_password).setFocus()
        self.key_held = False

    def accept(self) -> None:
        if self.new_password.text() != self.new_again.text():
            self.error.setText("两次输入的新密码不一致")
            self.new_again.setFocus()
            return
        try:
            if self.reset_row is not None:
                self.key_held = users.reset_password(self.ws, self.reset_row.id, self.new_password.text(),
                                                     admin_password=self.admin_password.text() or None)
            else:
                users.change_own_password(self.ws, self.old_password.text(), self.new_password.text())
        except RuleViolation as e:
            self.error.setText(_texts(e))
            return
        super().accept()


class UserEditDialog(QDialog, Ui_UserEditDialog):
    """A new account (`row` None) or another account's roles and classes."""

    def __init__(self, ws, parent: QWidget | None = None, row=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws, self.row = ws, row
        self.has_key = school_fingerprint(ws) is not None
        for role, name in ROLE_BOXES.items():
            box = getattr(self, name)
            box.setToolTip(ROLE_DUTIES[role])
            box.setChecked(row is not None and role in row.roles)
            box.toggled.connect(self._roles_changed)
        for klass in classes():
            item = QListWidgetItem(klass.name)
            item.setData(Qt.ItemDataRole.UserRole, klass.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row is not None and klass.id in row.class_ids
                               else Qt.CheckState.Unchecked)
            self.classes.addItem(item)
        if row is not None:
            show_existing(self, row)
        else:
            self.setWindowTitle("新增账号")
        ok_cancel(self.buttons, "保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._roles_changed()

    def chosen_roles(self) -> set[Role]:
        return {role for role, name in ROLE_BOXES.items() if getattr(self, name).isChecked()}

    def chosen_classes(self) -> list[int]:
        return [self.classes.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.classes.count())
                if self.classes.item(i).checkState() == Qt.CheckState.Checked]

    def _roles_changed(self) -> None:
        roles = self.chosen_roles()
        self.duties.setText("；".join(f"{r.label}：{ROLE_DUTIES[r]}" for r in Role if r in roles)
                            or "请至少选一个角色")
        teacher = Role.CLASS_TEACHER in roles
        self.classes_label.setVisible(teacher)
        self.classes.setVisible(teacher)
        key = self.row is None and self.has_key and users.needs_key(roles)
        self.admin_label.setVisible(key)
        self.admin_password.setVisible(key)

    def accept(self) -> None:
        try:
            if self.row is None:
                if self.first_password.text() != self.first_again.text():
                    self.error.setText("两次输入的初始密码不一致")
                    return
                users.add_user(self.ws, self.username.text(), self.display_name.text(), self.chosen_roles(),
                               self.first_password.text(), self.chosen_classes(),
                               admin_password=self.admin_password.text() or None)
            else:
                users.set_roles(self.ws, self.row.id, self.chosen_roles(), self.chosen_classes())
        except RuleViolation as e:
            self.error.setText(_texts(e))
            return
        super().accept()


class UsersDialog(QDialog, Ui_UsersDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_roles)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit_roles)
        settings = ws.can(Permission.SETTINGS)
        for widget in (self.idle_label, self.idle_minutes, self.idle_save):
            widget.setEnabled(settings)
        self.idle_minutes.setValue(users.idle_lock_minutes())
        self.idle_minutes.setSpecialValueText("不锁定")
        self.idle_save.clicked.connect(self.save_idle)
        self.rows = []
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.rows = users.user_rows(self.ws)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            last = f"{row.last_login_at:%Y-%m-%d %H:%M}" if row.last_login_at else ""
            cells = (row.username, row.display_name, row.roles_label, row.state_label, "、".join(row.class_names),
                     "已开通" if row.holds_key else "", last)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not row.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if row.id == select_id:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.reset_button, self.toggle_button):
            button.setEnabled(row is not None)
        set_text(self.toggle_button, "启用" if row is not None and not row.active else "停用")

    def _changed(self, select_id: int | None) -> None:
        self.reload(select_id)

    def add_user(self) -> None:
        dialog = UserEditDialog(self.ws, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            added = next((r for r in users.user_rows(self.ws) if r.username == dialog.username.text().strip()), None)
            self._changed(added.id if added else None)

    def edit_roles(self) -> None:
        row = self.selected()
        if row is not None and UserEditDialog(self.ws, self, row).exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

    def reset_password(self) -> None:
        row = self.selected()
        if row is not None and PasswordDialog(self.ws, self, reset_row=row).exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

    def toggle_active(self) -> None:
        from .operations import run_op

        row = self.selected()
        if row is None:
            return
        run_op(self, lambda: users.set_active(self.ws, row.id, not row.active))
        self._changed(row.id)

    def save_idle(self) -> None:
        from .operations import run_op

        run_op(self, lambda: users.set_idle_lock_minutes(self.ws, self.idle_minutes.value()))
        self.idle_minutes.setValue(users.idle_lock_minutes())
        lock = getattr(self.parent(), "idle_lock", None)
        if lock is not None:
            lock.set_minutes(users.idle_lock_minutes())
