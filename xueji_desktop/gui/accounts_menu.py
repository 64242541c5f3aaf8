"""设置 → 用户… / 修改密码… / 锁定窗口, the idle lock, and the window's actions greyed by the account's roles
(each saying which role it needs; the domain refuses the same anyway)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from ..core.accounts.roles import Permission, refusal
from ..core.school import users
from .operations import explain_action

P = Permission
WORKFLOWS = (P.WORKFLOWS,)
# window attribute → (what it does, permissions any of which allow it)
_SINGLE = {
    "enrol_action": ("办理新生注册", WORKFLOWS), "transfer_in_action": ("办理转入", WORKFLOWS),
    "transfer_out_action": ("办理转出", WORKFLOWS), "info_action": ("修改学生信息", WORKFLOWS),
    "review_action": ("做每学期复核", WORKFLOWS), "holidays_action": ("录入节假日", WORKFLOWS),
    "export_batch_action": ("导出变更批次", (P.EXPORT,)), "import_reply_action": ("导入教育局回执", WORKFLOWS),
    "keys_action": ("管理学校密钥", WORKFLOWS), "national_import_action": ("从全国学籍系统导入", WORKFLOWS),
    "print_action": ("打印学生基本信息表", (P.PRINT,)), "dropout_report_action": ("打印辍学学生情况报告", (P.PRINT,)),
    "save_info_action": ("保存学生基本信息表", (P.PRINT,)), "dropout_report_pdf_action": ("保存辍学学生情况报告", (P.PRINT,)),
    "attendance_action": ("登记考勤", (P.ATTENDANCE, P.ATTENDANCE_OWN)),
    "certificate_action": ("出具学历证明、学习经历证明", WORKFLOWS),
}
_GROUPS = {"change_actions": ("办理学籍变动", WORKFLOWS), "dropout_actions": ("办理控辍保学", WORKFLOWS),
           "register_actions": ("打印表册", (P.PRINT,)), "archive_actions": ("打印档案表格", (P.PRINT,)),
           "stub_actions": ("打印存根", (P.PRINT,))}


def _denied(ws, action_text: str, permissions) -> str | None:
    if any(ws.can(p) for p in permissions):
        return None
    return refusal(ws.roles, action_text, *permissions)


def gate(window) -> None:
    """Greys every action the signed-in account's roles do not allow, after the window's own reasons."""
    ws = window.ws
    for name, (text, permissions) in _SINGLE.items():
        action = getattr(window, name, None)
        why = _denied(ws, text, permissions) if action is not None else None
        if why:
            explain_action(action, why, "")
    for name, (text, permissions) in _GROUPS.items():
        why = _denied(ws, text, permissions)
        if why:
            for action in getattr(window, name, {}).values():
                explain_action(action, why, "")


def _settings_menu(window) -> QMenu:
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text().startswith("设置"):
            return action.menu()
    return window.menuBar().addMenu("设置(&O)")


def install(window) -> None:
    from .idle_lock import IdleLock

    ws = window.ws
    menu = _settings_menu(window)
    menu.addSeparator()
    window.users_action = QAction("用户账号…", window)
    window.users_action.triggered.connect(lambda: open_users(window))
    explain_action(window.users_action, _denied(ws, "管理用户账号", (P.MANAGE_USERS,)),
                   "新增账号、分配角色、停用账号、重置密码；自动锁定时间")
    window.password_action = QAction("修改密码…", window)
    window.password_action.triggered.connect(lambda: change_password(window.ws, window))
    window.password_action.setStatusTip(f"修改 {ws.user.username} 的登录密码")
    window.lock_action = QAction("锁定窗口", window)
    window.lock_action.setShortcut(QKeySequence("Ctrl+L"))
    window.lock_action.setStatusTip("离开电脑时锁定窗口，回来后输入密码继续（Ctrl+L）")
    window.lock_action.triggered.connect(lambda: window.idle_lock.lock())
    window.access_log_action = QAction("查阅登记…", window)
    window.access_log_action.triggered.connect(lambda: open_access_log(window))
    explain_action(window.access_log_action, _denied(ws, "查看查询登记", (P.READ_LOGS,)),
                   "查询登记（审计）：谁在何时查看、打印、导出了哪些学生的信息；按账号、学生、日期筛选，打印或导出")
    for action in (window.users_action, window.access_log_action, window.password_action, window.lock_action):
        menu.addAction(action)
    window.idle_lock = IdleLock(window, ws, users.idle_lock_minutes())
    window.safety_help_action = QAction("账号、查询登记与备份…", window)
    window.safety_help_action.setStatusTip("账号和角色、查询登记、变动记录的校验、备份放在哪里、如何恢复")
    window.safety_help_action.triggered.connect(lambda: open_safety_help(window))
    _help_menu(window).addAction(window.safety_help_action)


def _help_menu(window) -> QMenu:
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text().startswith("帮助"):
            return action.menu()
    return window.menuBar().addMenu("帮助(&H)")


def open_safety_help(window) -> None:
    from .help_dialog import HelpDialog

    HelpDialog(window.ws, window).exec()


def open_access_log(window) -> None:
    from .access_log_dialog import open_access_log as open_dialog

    open_dialog(window)


def open_users(window) -> None:
    from .account_dialogs import UsersDialog

    UsersDialog(window.ws, window).exec()


def change_password(ws, parent=None, forced: bool = False) -> bool:
    from .account_dialogs import PasswordDialog

    return PasswordDialog(ws, parent, forced=forced).exec() == QDialog.DialogCode.Accepted
