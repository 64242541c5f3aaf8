"""The bureau's window signs in, locks itself when idle, and lets only a 管理员 manage the accounts: pytest-qt on
a real SQLite bureau store (no county data needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from xueji_desktop.bureau import accounts, importer
from xueji_desktop.bureau.accounts import BureauRole
from xueji_desktop.bureau.store import BureauAccount, open_store
from xueji_desktop.gui.keyboard import plain

ADMIN_PW = "county-admin-1"
READER_PW = "reader-start-1"
NOW = dt.datetime(2026, 11, 18, 9, 0)


@pytest.fixture
def store(tmp_path, clock):
    clock.now = NOW
    target = tmp_path / "bureau.sqlite3"
    importer.init_bureau(target, "测试县教育局", "210811", ADMIN_PW, key_file=tmp_path / "b.xjkey", username="wang",
                         display_name="王局")
    with open_store(target) as s:
        accounts.sign_in(s, "wang", ADMIN_PW)
        accounts.add_account(s, "zhao", "赵查询", [BureauRole.READER], READER_PW)
        accounts.sign_out(s)
        yield s


def _sign_in(dialog, username, password):
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.accept()


def test_the_sign_in_dialog_refuses_a_wrong_password_then_opens_the_window(app, store, qtbot, messages, clock):
    from xueji_desktop.gui.bureau.sign_in import SignInDialog
    from xueji_desktop.gui.bureau.window import BureauWindow

    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "" and not dialog.hint.text()  # two accounts; not a demo
    _sign_in(dialog, "wang", "wrong-password")
    assert "再错 4 次" in dialog.error.text() and store.account is None
    assert BureauAccount.get(BureauAccount.username == "wang").failed_logins == 1
    _sign_in(dialog, "wang", ADMIN_PW)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.keys is not None  # the key, unlocked at once
    win = BureauWindow(store, keys_=dialog.keys, password=dialog.password_used)
    qtbot.addWidget(win)
    win.show()
    assert "登录：王局（wang，管理员、科长、科员）" in win.status_label.text()
    assert win.import_action.isEnabled() and win.users_action.isEnabled()
    assert win.bureau_keys() is dialog.keys

    # idle: nothing happens before the minutes are up, then everything is hidden behind the lock
    assert not win.check_idle(NOW + dt.timedelta(minutes=9, seconds=59))
    assert win.check_idle(NOW + dt.timedelta(minutes=10))
    lock = win.lock_dialog
    assert lock is not None and lock.username.text() == "wang" and "窗口已锁定" in lock.title.text()
    assert not win.centralWidget().isVisible() and not win.menuBar().isEnabled() and store.account is None
    _sign_in(lock, "wang", "wrong-password")
    assert win.lock_dialog is lock and not win.centralWidget().isVisible()
    clock.now = NOW + dt.timedelta(minutes=11)
    _sign_in(lock, "wang", ADMIN_PW)
    assert win.lock_dialog is None and win.centralWidget().isVisible() and store.account.username == "wang"
    assert win.county_tab is not None  # the same tabs, as they were

    # another account at the lock: the window starts afresh for it, with what its roles allow
    old_tabs = win.county_tab
    lock = win.lock()
    accounts_before = BureauAccount.get(BureauAccount.username == "zhao")
    assert accounts_before.must_change_password
    from xueji_desktop.gui.bureau import sign_in as sign_in_module

    class Changed:  # the forced new password, as if typed in its dialog
        DialogCode = sign_in_module.ChangePasswordDialog.DialogCode

        def __init__(self, store_, old, parent=None, forced=False):
            accounts.change_password(store_, old, "reader-own-22")
            self.chosen_password = "reader-own-22"

        def exec(self):
            return self.DialogCode.Accepted

    original = sign_in_module.ChangePasswordDialog
    sign_in_module.ChangePasswordDialog = Changed
    try:
        _sign_in(lock, "zhao", READER_PW)
    finally:
        sign_in_module.ChangePasswordDialog = original
    assert store.account.username == "zhao" and win.county_tab is not old_tabs
    assert "登录：赵查询（zhao，查询）" in win.status_label.text()
    assert not win.import_action.isEnabled() and not win.users_action.isEnabled() and win._keys is None
    assert win.open_users() is None and "需要“管理员”角色" in messages[-1][1]
    assert not BureauAccount.get(BureauAccount.username == "zhao").must_change_password


def test_the_users_dialog_adds_edits_roles_disables_enables_and_resets_accounts(app, store, qtbot, messages):
    from xueji_desktop.gui.bureau.window import BureauWindow

    accounts.sign_in(store, "wang", ADMIN_PW)
    win = BureauWindow(store, password=ADMIN_PW)
    qtbot.addWidget(win)
    users = win.open_users()
    assert [r[0] for r in users.shown()] == ["wang", "zhao"] and users.windowTitle() == "用户"
    add = users.add_account()
    add.username.setText("liu")
    add.display_name.setText("刘科员")
    add.role_clerk.setChecked(True)
    assert "科员：导入各校的变更批次" in add.duties.text() and "即为其保管" in add.note.text()
    add.first_password.setText("clerk-start-1")
    add.first_again.setText("clerk-start-2")
    add.accept()
    assert "不一致" in add.error.text() and not BureauAccount.select().where(BureauAccount.username == "liu").exists()
    add.first_again.setText("clerk-start-1")
    add.accept()
    liu = BureauAccount.get(BureauAccount.username == "liu")
    assert liu.roles == "clerk" and liu.must_change_password and accounts.find("liu").holds_key
    assert users.shown()[-1][:3] == ("liu", "刘科员", "科员") and "持有私钥" in users.shown()[-1][3]

    # roles: 查询 given 科员 too (the key comes with a reset); one's own 管理员 role is not one's to drop
    users.select("zhao")
    edit = users.edit_selected()
    assert edit.username.isReadOnly() and not edit.first_password.isVisible() and edit.role_reader.isChecked()
    edit.role_clerk.setChecked(True)
    assert "重置密码" in edit.note.text()
    edit.accept()
    assert accounts.find("zhao").roles == {BureauRole.CLERK, BureauRole.READER}
    assert "科员、查询" in users.shown()[1][2] and "尚无私钥" in users.shown()[1][3]
    users.select("wang")
    edit = users.edit_selected()
    edit.role_admin.setChecked(False)
    edit.accept()
    assert "不能取消自己正在使用的账号的管理员角色" in edit.error.text()
    assert BureauRole.ADMIN in accounts.find("wang").roles
    edit.reject()

    # 停用, then 启用 again; never oneself
    users.select("zhao")
    users.toggle_selected()
    assert BureauAccount.get(BureauAccount.username == "zhao").active is False
    assert users.shown()[1][3] == "已停用" and plain(users.toggle_button.text()) == "启用" and not users.reset_button.isEnabled()
    users.toggle_selected()
    assert BureauAccount.get(BureauAccount.username == "zhao").active is True and plain(users.toggle_button.text()) == "停用"
    users.select("wang")
    users.toggle_selected()
    assert "不能停用自己" in messages[-1][1]

    # a reset wraps the key for the 科员 with the new password
    users.select("zhao")
    reset = users.reset_selected()
    assert not reset.old_password.isVisible() and not reset.admin_password.isVisible()
    reset.new_password.setText("reader-again-1")
    reset.new_again.setText("reader-again-1")
    reset.accept()
    assert accounts.find("zhao").holds_key and "持有私钥" in users.shown()[1][3]
    assert accounts.sign_in(store, "zhao", "reader-again-1").must_change_password
    accounts.sign_in(store, "wang", ADMIN_PW)
    users.idle_minutes.setValue(3)
    users.save_idle()
    assert accounts.idle_lock_minutes() == 3


def test_changing_ones_password_in_the_window_keeps_the_key(app, store, qtbot):
    from xueji_desktop.gui.bureau.window import BureauWindow

    accounts.sign_in(store, "wang", ADMIN_PW)
    win = BureauWindow(store, password=ADMIN_PW)
    qtbot.addWidget(win)
    dialog = win.change_password()
    assert dialog.old_password.isVisible() and not dialog.admin_password.isVisible()
    dialog.old_password.setText("not-the-password")
    dialog.new_password.setText("county-new-pass-5")
    dialog.new_again.setText("county-new-pass-5")
    dialog.accept()
    assert "原密码不正确" in dialog.error.text() and win._password == ADMIN_PW
    dialog.old_password.setText(ADMIN_PW)
    dialog.accept()
    assert win._password == "county-new-pass-5"
    win._keys = None
    assert win.bureau_keys().fingerprint == store.identity().fingerprint  # the new password opens its wrap


def test_an_account_without_read_rights_sees_no_county_data(app, store, qtbot):
    from xueji_desktop.gui.bureau.window import BureauWindow

    accounts.sign_in(store, "wang", ADMIN_PW)
    accounts.add_account(store, "qian", "钱管理", [BureauRole.ADMIN], "admin-start-1")
    accounts.sign_in(store, "qian", "admin-start-1")
    win = BureauWindow(store, password="admin-start-1")
    qtbot.addWidget(win)
    assert win.county_tab is None and win.review_tab is None and win.tabs.count() == 1
    assert "不能查看全县数据：需要“科长”或“科员”或“查询”角色" in win.tabs.widget(0).text()
    assert not win.refresh_action.isEnabled() and not win.export_action.isEnabled() and win.users_action.isEnabled()
    win.refresh()
    assert "登录：钱管理（qian，管理员）" in win.status_label.text()
