"""备份与恢复 through the real widgets on real database files: the dialog backs up into its folder and seals a
copy onto a "stick" (a temporary folder), the restore wizard brings back an older backup, an account
without the role neither sees nor does a restore, a damaged database at start is offered its newest good
backup, and set-up keeps the backup folder chosen."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from PySide6.QtWidgets import QWizard

from tests.conftest import PASSWORD, make_school, pupil_draft
from xueji_desktop.core.accounts.passwords import hash_password
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.backups import files, health, service
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.gui import backup_dialog, restore_wizard
from xueji_desktop.gui.backup_dialog import BackupDialog
from xueji_desktop.gui.first_paint import painted
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.gui.restore_wizard import RestoreWizard
from xueji_desktop.store.models import Event, Setting, Student, User

from .conftest import enrol_named

STICK_PASS = "stick-pass-2026"


def on_roll() -> int:
    return Student.select().where(Student.status == "enrolled").count()


@pytest.fixture
def dialog(app, ws, qtbot, messages, tmp_path):
    d = BackupDialog(ws)
    qtbot.addWidget(d)
    d.choose_folder = lambda start: str(tmp_path / "学籍备份")
    d.show()
    return d


def wait_idle(qtbot, d):
    qtbot.waitUntil(lambda: not d.busy, timeout=20000)


def test_the_dialog_changes_the_folder_backs_up_and_lists_the_backup(dialog, ws, qtbot, tmp_path, messages):
    folder = tmp_path / "学籍备份"
    assert dialog.listed() == [] and "还没有备份" in dialog.list_box.title()
    dialog.change_folder_button.click()
    assert dialog.folder_path.text() == str(folder) and service.backup_folder(ws) == folder
    event = Event.select().order_by(Event.seq.desc()).first()
    assert (event.kind, event.summary) == ("settings_changed", f"备份文件夹：{folder}")

    dialog.backup_now_button.click()
    wait_idle(qtbot, dialog)
    (made,) = files.listing(folder)
    assert made.reason == "manual" and files.integrity_problems(made.path) == []
    assert service.summarize(made.path).pupils == on_roll()
    assert dialog.listed() == [("2026-09-01 09:00:00", "手动", dialog.listed()[0][2])]
    assert dialog.listed()[0][2].endswith(("KB", "MB")) and "共 1 份" in dialog.list_box.title()
    assert str(made.path) in dialog.status_label.text() and messages == []


def test_a_sealed_copy_to_the_stick_asks_the_passphrase_twice(dialog, ws, qtbot, tmp_path, messages):
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.drives.use_folder(str(stick))
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "至少 8 个字符" in dialog.passphrase_problem.text() and not dialog.write_stick_button.isEnabled()
    dialog.passphrase.setText(STICK_PASS)
    qtbot.keyClicks(dialog.passphrase_again, "stick-pass-2025")
    assert dialog.passphrase_problem.text() == "两次输入的密码不一致" and not dialog.write_stick_button.isEnabled()
    dialog.passphrase_again.setText(STICK_PASS)
    assert dialog.passphrase_problem.text() == "" and dialog.write_stick_button.isEnabled()

    dialog.write_stick_button.click()
    assert dialog.busy and not dialog.close_button.isEnabled()  # cannot be closed mid-write
    wait_idle(qtbot, dialog)
    (written,) = (stick / "xueji").iterdir()
    assert written.name == f"xueji-2026-09-01-090000-{ws.school.code}-manual.xjenc"
    assert str(written) in dialog.status_label.text() and dialog.passphrase.text() == "" and messages == []
    plain = service.open_sealed(written, STICK_PASS, tmp_path / "plain.sqlite3")
    assert service.summarize(plain).pupils == on_roll()


def test_a_cancelled_stick_copy_leaves_nothing(dialog, ws, qtbot, tmp_path, monkeypatch, messages):
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.drives.use_folder(str(stick))
    dialog.passphrase.setText(STICK_PASS)
    dialog.passphrase_again.setText(STICK_PASS)
    real = service.write_sealed_from_path

    def cancelled_midway(*args):
        progress = args[-1]

        def first_then_cancel(done, total):
            dialog.job.cancel()  # as if 取消 was clicked during the copy
            progress(done, total)

        return real(*args[:-1], first_then_cancel)

    monkeypatch.setattr(service, "write_sealed_from_path", cancelled_midway)
    dialog.write_stick_button.click()
    wait_idle(qtbot, dialog)
    assert "已取消" in dialog.status_label.text() and messages == []
    assert [p for p in stick.rglob("*") if p.is_file()] == []


def restore_through(wizard, qtbot, username, password):
    wizard.show()
    wizard.next()
    check = wizard.check_page
    assert wizard.currentPage() is check and not check.isComplete()
    check.understood.setChecked(True)
    wizard.next()
    run = wizard.run_page
    run.username.setText(username)
    run.password.setText(password)
    run.restore_button.click()
    qtbot.waitUntil(lambda: run.job is None, timeout=20000)
    return run


def test_the_wizard_restores_an_older_backup(window, ws, qtbot, tmp_path, messages, monkeypatch):
    folder = tmp_path / "b"
    service.set_backup_folder(ws, folder)
    older = service.take_backup(ws)
    pupils_then = on_roll()
    ws.test_clock.now = dt.datetime(2026, 9, 2, 10, 0)
    enrol_named(ws, "后来生", dt.date(2020, 6, 1), 931)
    assert on_roll() == pupils_then + 1
    after = Event.select().where(Event.seq > service.summarize(older.path).last_seq).count()
    username, path = ws.user.username, ws.path
    reopened, shown = [], []
    monkeypatch.setattr(restore_wizard, "request_reopen", lambda: reopened.append(True))

    def drive(wizard):  # what the administrator does in the wizard the window opened
        shown.append(wizard)
        assert wizard.source_page.selected_backup().path == older.path
        wizard.next()
        check = wizard.check_page
        assert f"在校学生：{pupils_then} 人" in check.summary_text.text()
        assert "备份时间：2026-09-01 09:00" in check.summary_text.text()
        assert f"自 2026-09-01 09:00 以后的 {after} 项变动将丢失" in check.lost_text.text()
        assert any("后来生" in check.lost_list.item(i).text() for i in range(check.lost_list.count()))
        check.understood.setChecked(True)
        wizard.next()
        run = wizard.run_page
        assert run.username.text() == username  # the signed-in administrator
        run.password.setText("wrong-password")
        run.restore_button.click()  # refused before the workspace is closed
        assert "用户名或密码不正确" in run.outcome.text() and not wizard.workspace_closed and run.job is None
        run.password.setText(ws_password(ws))
        run.restore_button.click()
        assert wizard.workspace_closed
        qtbot.waitUntil(lambda: wizard.result is not None, timeout=20000)
        assert "已恢复" in run.outcome.text() and str(wizard.result.kept_aside) in run.outcome.text()
        assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert not wizard.isVisible()
        return 1

    monkeypatch.setattr(RestoreWizard, "exec", lambda self: (self.show(), drive(self))[1])
    # as a user would: the window has been drawn and has read the roll it put off until then (read once the
    # database is closed for the restore, it would hold the file open and the restore would be refused)
    qtbot.waitUntil(lambda: painted(window), timeout=5000)
    restore_wizard.open_from_window(window)
    assert shown and reopened == [True]  # run_app opens the database again and asks to sign in

    again = Workspace(path)
    try:
        assert on_roll() == pupils_then and not Student.select().where(Student.name == "后来生").exists()
        last = Event.select().order_by(Event.seq.desc()).first()
        assert last.kind == "backup_restored" and last.author.username == username
        marks = json.loads(Setting.get(Setting.key == "restore_marks").value)
        assert marks["backup_taken_at"] == "2026-09-01T09:00:00" and marks["last_seq"] >= last.seq - 1
        assert [b.reason for b in files.listing(folder)] == ["manual", "before_restore"]
    finally:
        again.close()


def test_the_roll_put_off_until_the_first_paint_is_not_read_once_the_database_is_closed(app, ws, qtbot, messages):
    """A restore closes the database before the window was ever drawn: the roll's read that waited for the first
    paint must not reopen the file (it would hold it open against the restore)."""
    from xueji_desktop.gui.first_paint import run_now
    from xueji_desktop.gui.main_window import MainWindow

    window = MainWindow(ws)  # built, not shown: nothing painted yet
    qtbot.addWidget(window)
    assert not painted(window) and not window.model.loaded
    ws.close()
    run_now(window)
    assert painted(window) and not window.model.loaded and ws.db.is_closed()


def ws_password(ws) -> str:
    from xueji_desktop.core.demo_school import demo

    return demo.DEMO_PASSWORD if ws.user.username == demo.DEMO_USER else PASSWORD


def test_a_sealed_backup_from_the_stick_is_restored_with_its_passphrase(app, ws, qtbot, tmp_path, messages,
                                                                      monkeypatch):
    written = service.write_sealed(ws, tmp_path / "stick", STICK_PASS)
    pupils_then = on_roll()
    enrol_named(ws, "后来生", dt.date(2020, 6, 1), 931)
    monkeypatch.setattr(restore_wizard, "request_reopen", lambda: None)
    monkeypatch.setattr(restore_wizard.stick, "removable_drives", list)
    wizard = RestoreWizard(ws.path, tmp_path / "b", ws=ws)
    qtbot.addWidget(wizard)
    wizard.show()
    source = wizard.source_page
    source.use_sealed(written)
    assert source.from_stick.isChecked() and not source.isComplete()  # the passphrase first
    qtbot.keyClicks(source.passphrase, "wrong-passphrase")
    wizard.next()
    assert wizard.currentPage() is source and "密码" in source.problem.text()
    source.passphrase.setText(STICK_PASS)
    run = restore_through(wizard, qtbot, ws.user.username, ws_password(ws))
    assert wizard.result is not None, run.outcome.text()
    again = Workspace(ws.path)
    try:
        assert on_roll() == pupils_then
        assert Event.select().order_by(Event.seq.desc()).first().summary.endswith(f"（{written.name}）")
    finally:
        again.close()


def test_an_account_without_the_administrator_role_cannot_restore(app, ws, qtbot, tmp_path, messages, monkeypatch):
    from xueji_desktop.gui.main_window import MainWindow

    service.set_backup_folder(ws, tmp_path / "b")
    taken = service.take_backup(ws)
    User.create(username="chaxun", display_name="赵老师", password_hash=hash_password(PASSWORD), role="viewer")
    User.create(username="xueji2", display_name="钱老师", password_hash=hash_password(PASSWORD), role="registrar")
    ws.login("chaxun", PASSWORD)
    viewer_window = MainWindow(ws)
    qtbot.addWidget(viewer_window)
    assert not viewer_window.backup_action.isVisible()

    ws.login("xueji2", PASSWORD)  # 学籍管理员: backs up, does not restore
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert window.backup_action.isVisible()
    d = BackupDialog(ws, window)
    qtbot.addWidget(d)
    assert d.restore_button.isHidden() and d.backup_now_button.isEnabled()
    assert not d.change_folder_button.isEnabled() and "管理员" in d.change_folder_button.toolTip()
    assert restore_wizard.open_from_window(window) is None
    assert messages and "管理员" in messages[-1][2]

    # and the wizard itself, given a registrar's own name and password, refuses and closes nothing
    before = ws.path.read_bytes()
    wizard = RestoreWizard(ws.path, tmp_path / "b", ws=ws)
    qtbot.addWidget(wizard)
    run = restore_through(wizard, qtbot, "xueji2", PASSWORD)
    assert "管理员" in run.outcome.text() and not wizard.workspace_closed and wizard.result is None
    assert files.listing(tmp_path / "b") == [files.parse_name(taken.path)] and ws.path.read_bytes() == before


def damage(db):
    data = bytearray(db.read_bytes())
    page = 4096
    for p in (3, 5, 6):
        data[p * page:(p + 1) * page] = os.urandom(page)
    db.write_bytes(bytes(data))


def test_a_damaged_database_at_start_is_offered_its_newest_good_backup(app, qtbot, tmp_path, clock, monkeypatch):
    from xueji_desktop.gui import app as app_module

    db, folder = tmp_path / "school.sqlite3", tmp_path / "备份"
    ws = make_school(db)
    enrolment.enrol(ws, pupil_draft(name="学生一", seq=401))
    service.set_backup_folder(ws, folder)
    older = service.take_backup(ws, "daily")
    clock.now = dt.datetime(2026, 9, 2, 8, 0)
    service.take_backup(ws, "daily")  # the newest: damaged below, so the one before it is offered
    clock.now = dt.datetime(2026, 9, 2, 10, 0)
    enrolment.enrol(ws, pupil_draft(name="学生二", seq=403))
    ws.close()
    newest = files.listing(folder)[-1].path
    newest.write_bytes(newest.read_bytes()[:8192])
    damage(db)
    with pytest.raises(health.DamagedDatabaseError) as found:
        Workspace(db)

    offer = restore_wizard.damage_offer(db, found.value)
    assert offer.backup.path == older.path
    assert "最近一份完好的备份：2026-09-01 09:00（每日自动），测试县第一中心学校，在校学生 1 人" in offer.text
    assert "恢复这份备份：自 2026-09-01 09:00 以后的 1 项变动将丢失" in offer.text  # 学生二's enrolment

    asked, runs = [], []
    monkeypatch.setattr(restore_wizard, "ask_restore", lambda o, e: asked.append(o.text) or True)

    def run_wizard(wizard):
        qtbot.addWidget(wizard)
        assert wizard.start_mode and wizard.source_page.selected_backup().path == older.path
        runs.append(restore_through(wizard, qtbot, "registrar", PASSWORD))

    monkeypatch.setattr(restore_wizard, "run_wizard", run_wizard)
    clock.now = dt.datetime(2026, 9, 2, 11, 0)
    opened = app_module.open_workspace(db)
    try:
        assert asked and runs and "已恢复" in runs[0].outcome.text()
        assert [s.name for s in Student.select()] == ["学生一"]
        assert Event.select().order_by(Event.seq.desc()).first().kind == "backup_restored"
        assert list(tmp_path.glob("school.sqlite3.replaced-*"))  # the damaged file kept aside as it was
    finally:
        opened.close()


def test_a_refused_location_is_a_message_not_a_traceback(app, tmp_path, monkeypatch):
    from xueji_desktop.gui import app as app_module

    shown = []
    monkeypatch.setattr(health, "location_problem", lambda path: "数据库位于网络驱动器（nfs4）上：…")
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert app_module.open_workspace(tmp_path / "school.sqlite3") is None
    assert shown == [("不能在这里打开数据库", "数据库位于网络驱动器（nfs4）上：…")]


def test_the_backup_menu_entry_opens_the_dialog(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(backup_dialog.BackupDialog, "exec", lambda self: opened.append(self.listed()) or 0)
    assert "备份与恢复…" in [plain(a.text()) for a in window.menuBar().actions()[0].menu().actions()]
    window.backup_action.trigger()
    assert opened == [[]]


def test_set_up_keeps_the_backup_folder_chosen(app, qtbot, tmp_path, messages):
    from xueji_desktop.gui.setup_wizard import SetupWizard

    from .test_setup_wizard import fill_school

    ws = Workspace(tmp_path / "new.sqlite3")
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        fill_school(wizard, qtbot)
        wizard.next()
        wizard.next()
        account = wizard.currentPage()
        account.display.setText("王丽华")
        for edit, text in ((account.username, "wanglh"), (account.password, "abc12345"), (account.again, "abc12345")):
            qtbot.keyClicks(edit, text)
        wizard.next()
        confirm = wizard.confirm_page
        assert confirm.backup_folder.text() == str(service.suggested_folder(ws.path)) == str(tmp_path / "backups")
        confirm.backup_folder.setText("学籍备份")  # not a whole path: named, nothing written
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert messages and "完整路径" in messages[-1][2] and not ws.is_set_up
        confirm.choose_backup_folder = lambda: str(tmp_path / "第二块硬盘" / "学籍备份")
        confirm.backup_folder_button.click()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert ws.is_set_up and service.backup_folder(ws) == tmp_path / "第二块硬盘" / "学籍备份"
        assert (tmp_path / "第二块硬盘" / "学籍备份").is_dir()
        event = Event.select().order_by(Event.seq.desc()).first()
        assert (event.kind, event.author.username) == ("settings_changed", "wanglh")
    finally:
        ws.close()
