"""用户 (管理员): the bureau's accounts, their roles and state; add one, disable one (never deleted), reset a
password (the account must change it at its next sign-in), and the idle lock's minutes. Every change goes
through bureau.accounts, which refuses what the signed-in account may not do."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...bureau import accounts
from ...bureau.accounts import BureauRole
from ...core.accounts import sign_in_rules
from .common import GREY, RED, KeyRole, cell, rows_of, table, warn

HEADERS = ("登录名", "姓名", "角色", "状态", "最近登录")
WIDTHS = (110, 110, 180, 200)
REFUSED = (accounts.AccountError, accounts.BureauPermissionDenied)


class AccountDialog(QDialog):
    """A new account (login, name, roles, first password twice), or a password reset (`reset` = the row)."""

    def __init__(self, store, admin_password: str, parent: QWidget | None = None, *, reset=None):
        super().__init__(parent)
        self.store, self.admin_password, self.reset = store, admin_password, reset
        self.row = None
        self.setWindowTitle(f"重置密码：{reset.username}" if reset else "添加账号")
        form = QFormLayout(self)
        self.login = QLineEdit(self)
        self.name = QLineEdit(self)
        self.role_boxes: dict[BureauRole, QCheckBox] = {}
        if reset is None:
            form.addRow("登录名", self.login)
            form.addRow("姓名", self.name)
            for role in BureauRole:
                box = QCheckBox(f"{role.label}：{accounts.ROLE_DUTIES[role]}", self)
                self.role_boxes[role] = box
                form.addRow("角色" if role is BureauRole.ADMIN else "", box)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("初始密码" if reset is None else "新密码", self.first)
        form.addRow("再输入一次", self.again)
        form.addRow(QLabel("此人首次登录时须改为只有自己知道的密码。", self))
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {RED};")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("重置" if reset else "添加")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def accept(self) -> None:
        if self.first.text() != self.again.text():
            self.error.setText("两次输入的密码不一致")
            return
        try:
            if self.reset is not None:
                self.row = accounts.reset_password(self.store, self.reset.id, self.first.text(),
                                                   admin_password=self.admin_password)
            else:
                roles = [r for r, box in self.role_boxes.items() if box.isChecked()]
                self.row = accounts.add_account(self.store, self.login.text(), self.name.text(), roles,
                                                self.first.text(), admin_password=self.admin_password)
        except REFUSED as e:
            self.error.setText(e.message)
            return
        super().accept()


class UsersDialog(QDialog):
    def __init__(self, store, admin_password: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.admin_password = store, admin_password
        self.dialog: AccountDialog | None = None
        self.setWindowTitle("用户")
        self.resize(820, 420)
        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        self.add_button = QPushButton("添加…", self)
        self.disable_button = QPushButton("停用", self)
        self.reset_button = QPushButton("重置密码…", self)
        self.idle = QSpinBox(self)
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" 分钟")
        self.idle.setSpecialValueText("不锁定")
        self.idle.setValue(accounts.idle_lock_minutes())
        self.idle_button = QPushButton("保存", self)
        bar = QHBoxLayout()
        for b in (self.add_button, self.disable_button, self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(QLabel("窗口空闲后锁定：", self))
        bar.addWidget(self.idle)
        bar.addWidget(self.idle_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("账号只停用、不删除：审批和处理冲突的记录仍写明是谁。连续 "
                                f"{sign_in_rules.MAX_FAILURES} 次密码错误，账号锁定 {sign_in_rules.LOCK_MINUTES} 分钟。",
                                self))
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.idle_button.clicked.connect(self.save_idle)
        self.reload()

    def reload(self) -> None:
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
                             + ("，持有私钥" if a.holds_key else ""))
            last = f"{a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "从未登录"
            for c, item in enumerate((cell(a.username, key=a.id), cell(a.display_name), cell(a.roles_label), state,
                                      cell(last))):
                t.setItem(r, c, item)

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

    def add(self) -> AccountDialog:
        self.dialog = AccountDialog(self.store, self.admin_password, self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()
        return self.dialog

    def reset_selected(self) -> AccountDialog | None:
        row = self.selected()
        if row is None:
            return None
        self.dialog = AccountDialog(self.store, self.admin_password, self, reset=row)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()
        return self.dialog

    def disable_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            accounts.disable(self.store, row.id)
        except REFUSED as e:
            warn(self, e.message)
        self.reload()

    def save_idle(self) -> None:
        try:
            accounts.set_idle_lock_minutes(self.store, self.idle.value())
        except REFUSED as e:
            warn(self, e.message)
