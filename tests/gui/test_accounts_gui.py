"""设置 → 用户账号, the forced password change, the window greyed by role, and the idle lock — driven through
the real widgets on a real school database, checked on screen and in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from xueji_desktop.core.accounts.roles import Role
from xueji_desktop.core.school import users
from xueji_desktop.store.models import Event, SchoolClass, Student, User

FIRST = "Chushi-2026"
NEW = "Xinmima-2026"


def main_window(ws, qtbot):
    from xueji_desktop.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def switch_to(ws, username):
    """Signs `username` in with the first password and changes it, as the sign-in would make them."""
    ws.login(username, FIRST)
    users.change_own_password(ws, FIRST, NEW)


def test_an_administrator_adds_a_viewer_in_the_users_dialog(app, ws, qtbot):
    from xueji_desktop.gui.account_dialogs import UserEditDialog, UsersDialog

    dialog = UsersDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and "管理员" in dialog.table.item(0, 2).text()
    edit = UserEditDialog(ws, dialog)
    qtbot.addWidget(edit)
    assert not edit.classes.isVisible() and not edit.admin_password.isVisible()
    edit.username.setText("chaxun")
    edit.display_name.setText("赵查询")
    edit.role_viewer.setChecked(True)
    assert "查看全部学籍" in edit.duties.text()
    edit.first_password.setText(FIRST)
    edit.first_again.setText("something-else")
    edit.accept()
    assert "两次输入的初始密码不一致" in edit.error.text() and not User.select().where(User.username == "chaxun").exists()
    edit.first_again.setText(FIRST)
    edit.accept()
    assert edit.result() == QDialog.DialogCode.Accepted
    user = User.get(User.username == "chaxun")
    assert user.role == "viewer" and user.must_change_password
    dialog.reload()
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())][-1] == "chaxun"
    assert dialog.table.item(dialog.table.rowCount() - 1, 3).text() == "待修改密码"
    # disabling: the account stays, greyed, and cannot sign in
    dialog.table.selectRow(dialog.table.rowCount() - 1)
    assert dialog.toggle_button.text() == "停用"
    dialog.toggle_button.click()
    assert User.get(User.username == "chaxun").active is False
    assert dialog.table.item(dialog.table.rowCount() - 1, 3).text() == "已停用"
    assert Event.select().where(Event.kind == "user_changed").count() == 1


def test_a_class_teacher_needs_a_class_and_then_sees_only_it(app, ws, qtbot):
    from xueji_desktop.gui.account_dialogs import UserEditDialog

    edit = UserEditDialog(ws)
    qtbot.addWidget(edit)
    edit.show()
    edit.username.setText("banzhuren")
    edit.display_name.setText("孙老师")
    edit.role_class_teacher.setChecked(True)
    assert edit.classes.isVisible()
    edit.first_password.setText(FIRST)
    edit.first_again.setText(FIRST)
    edit.accept()
    assert "请选择所带的班级" in edit.error.text()
    klass = SchoolClass.select().where(SchoolClass.grade == 3).order_by(SchoolClass.number).first()
    for i in range(edit.classes.count()):
        if edit.classes.item(i).text() == klass.name:
            edit.classes.item(i).setCheckState(Qt.CheckState.Checked)
    edit.accept()
    assert edit.result() == QDialog.DialogCode.Accepted
    switch_to(ws, "banzhuren")
    win = main_window(ws, qtbot)
    expected = {s.id for s in Student.select().where(Student.school_class == klass)}
    assert expected and {r.id for r in win.model.visible_rows()} == expected
    assert not win.enrol_action.isEnabled() and "学籍管理员" in win.enrol_action.toolTip()
    assert win.attendance_action.isEnabled()


def test_a_viewer_sees_everyone_and_the_window_says_which_role_it_lacks(app, ws, qtbot):
    users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    switch_to(ws, "chaxun")
    win = main_window(ws, qtbot)
    assert len(win.model.visible_rows()) == Student.select().count()
    for action in (win.enrol_action, win.transfer_in_action, win.export_batch_action, win.users_action):
        assert not action.isEnabled(), action.text()
    assert "需要“学籍管理员”角色" in win.enrol_action.toolTip()
    assert "需要“管理员”角色" in win.users_action.toolTip()
    assert all(not a.isEnabled() for a in win.change_actions.values())


def test_a_reset_password_must_be_changed_before_the_window_opens(app, ws, qtbot):
    from xueji_desktop.gui.account_dialogs import PasswordDialog

    user = users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    ws.login("chaxun", FIRST)
    dialog = PasswordDialog(ws, forced=True)
    qtbot.addWidget(dialog)
    assert "管理员为您设置了密码" in dialog.intro.text()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "退出程序"
    dialog.old_password.setText(FIRST)
    dialog.new_password.setText("chaxun-2026")
    dialog.new_again.setText("chaxun-2026")
    dialog.accept()
    assert "登录名" in dialog.error.text() and User.get_by_id(user.id).must_change_password
    dialog.new_password.setText(NEW)
    dialog.new_again.setText(NEW)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not User.get_by_id(user.id).must_change_password
    assert ws.login("chaxun", NEW)


def test_the_idle_lock_hides_the_records_until_the_password(app, ws, qtbot, school_template):
    username, password = school_template[1]
    win = main_window(ws, qtbot)
    lock = win.idle_lock
    assert lock.minutes == 10  # the default
    seen = {}

    def answer():
        from xueji_desktop.gui.idle_lock import LockDialog

        dialog = next(w for w in app.topLevelWidgets() if isinstance(w, LockDialog) and w.isVisible())
        seen["hidden"] = not win.centralWidget().isVisible()
        seen["message"] = dialog.message.text()
        dialog.password.setText("wrong-password")
        dialog.unlock_button.click()
        seen["error"] = dialog.error.text()
        dialog.password.setText(password)
        dialog.unlock_button.click()

    QTimer.singleShot(100, answer)
    assert lock.lock(idle=True) is True
    assert seen["hidden"] and "10 分钟无操作，窗口已自动锁定" in seen["message"] and "用户名或密码不正确" in seen["error"]
    assert win.centralWidget().isVisible() and ws.user.username == username


def test_the_idle_minutes_are_a_setting_of_the_administrator(app, ws, qtbot):
    from xueji_desktop.gui.account_dialogs import UsersDialog

    win = main_window(ws, qtbot)
    dialog = UsersDialog(ws, win)
    qtbot.addWidget(dialog)
    dialog.idle_minutes.setValue(3)
    dialog.idle_save.click()
    assert users.idle_lock_minutes() == 3 and win.idle_lock.minutes == 3
    assert Event.select().where(Event.kind == "settings_changed").count() == 1


def test_the_help_says_where_the_backups_are(app, ws, qtbot):
    from xueji_desktop.core.backups.service import backup_folder
    from xueji_desktop.gui.help_dialog import HelpDialog

    win = main_window(ws, qtbot)
    assert win.safety_help_action in win.menuBar().actions()[-1].menu().actions()
    dialog = HelpDialog(ws, win)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert str(backup_folder(ws)) in text and str(ws.path) in text
    assert "无操作 10 分钟 后窗口自动锁定" in text and "Ctrl+L" in text and "{" not in text


def test_signing_in_with_a_reset_password_asks_for_a_new_one_first(app, ws, qtbot, monkeypatch):
    from xueji_desktop.gui import app as app_module
    from xueji_desktop.gui.account_dialogs import PasswordDialog

    user = users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    ws.user = None
    monkeypatch.setenv(app_module.AUTOLOGIN_ENV, f"chaxun:{FIRST}")

    def answer():
        dialog = next(w for w in app.topLevelWidgets() if isinstance(w, PasswordDialog) and w.isVisible())
        dialog.old_password.setText(FIRST)
        dialog.new_password.setText(NEW)
        dialog.new_again.setText(NEW)
        dialog.accept()

    QTimer.singleShot(100, answer)
    assert app_module.sign_in(ws) is True
    assert ws.user.username == "chaxun" and not User.get_by_id(user.id).must_change_password


def test_the_idle_lock_of_a_closed_window_stays_quiet(app, ws, qtbot):
    win = main_window(ws, qtbot)
    lock = win.idle_lock
    lock.set_minutes(1)
    win.close()
    lock.idle = type("LongIdle", (), {"elapsed": lambda self: 10 ** 9, "restart": lambda self: 0})()
    lock.check()  # an hour and more without input: a visible window would lock now
    assert not lock.locked and not lock.timer.isActive()
