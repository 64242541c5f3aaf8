"""Long work in the window: the progress window appears with what is being done, and 取消 leaves neither a
file nor a database row (a register from the 档案 menu, a batch written to a stick)."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import datetime as dt
import sqlite3

import pytest

from tests.conftest import PASSWORD, held_at
from tests.gui.test_exchange_gui import bureau_file, export_dialog, no_drives, set_up_keys, ws  # noqa: F401
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER, build_demo
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.gui import paperwork_menu, work_progress
from xueji_desktop.gui.work_progress import WorkProgress
from xueji_desktop.store.models import AccessLog, Event, OutboxBatch


@pytest.fixture
def cancelling(monkeypatch):
    """The progress window shows at once; at its `at`-th count 取消 is clicked. Records what it showed."""
    seen = {"at": 3, "texts": [], "visible": [], "cancel_tip": []}
    monkeypatch.setattr(work_progress, "SHOW_AFTER", 0)
    counted = WorkProgress.__call__

    def call(self, done, total):
        seen["visible"].append(self.isVisible())
        seen["texts"].append(self.label.text())
        if len(seen["texts"]) == seen["at"]:
            self.cancel_button.click()
        return counted(self, done, total)

    monkeypatch.setattr(WorkProgress, "__call__", call)
    return seen


@pytest.fixture
def window(app, qtbot, tmp_path, messages):
    from xueji_desktop.gui.main_window import MainWindow

    path = tmp_path / "cz.sqlite3"
    with held_at(dt.datetime(2026, 9, 1, 9)):
        build_demo(path, pupils=60, profile_id="changzhi")
    with held_at(dt.datetime(2026, 12, 15, 9)):
        ws = Workspace(path)
        ws.login(DEMO_USER, DEMO_PASSWORD)
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.show()
        yield win
        win.close()
        ws.close()


def test_a_register_cancelled_while_it_is_made_leaves_no_file_and_no_log_row(window, cancelling, messages,
                                                                              monkeypatch, tmp_path):
    out = tmp_path / "out"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda parent, title, default, f: str(out / default.name))
    monkeypatch.setattr(paperwork_menu, "open_file", lambda path: None)
    reg = next(r for r in paperwork_menu.offered_registers(window.ws.profile, window.ws.school) if r.id == "class_roster")
    dialog = paperwork_menu.RegisterPrintDialog(window.ws, reg, window)
    logged, events = AccessLog.select().count(), Event.select().count()

    assert dialog.save() is None
    assert cancelling["visible"][0] is False and all(cancelling["visible"][1:])  # up from the first count
    assert cancelling["texts"][0] == "正在生成在校生分班名册… 排版…"
    assert cancelling["texts"][1].startswith("正在生成在校生分班名册… 排版 1/")
    assert messages == [("已取消", "已取消生成在校生分班名册：没有留下文件，也没有记入查阅登记。", "")]
    assert not out.exists() or list(out.iterdir()) == []
    assert AccessLog.select().count() == logged and Event.select().count() == events
    assert not dialog.findChildren(WorkProgress) or not dialog.findChild(WorkProgress).isVisible()

    cancelling["at"] = 0  # no click: the register is written, its pages counted
    cancelling["texts"].clear()
    messages.clear()
    written = dialog.save()
    assert written is not None and written.is_file() and written.parent == out
    pages = [t for t in cancelling["texts"] if "页" in t]
    assert pages and pages[-1].startswith("正在生成在校生分班名册… 第 ")
    assert AccessLog.select().count() == logged + 1 and messages == []


def test_a_batch_cancelled_while_written_leaves_no_file_on_the_stick(app, qtbot, ws, bureau_file, messages,  # noqa: F811
                                                                    no_drives, cancelling, tmp_path):  # noqa: F811
    set_up_keys(qtbot, ws, bureau_file, messages)
    d = export_dialog(qtbot, ws)
    stick_dir = tmp_path / "stick"
    stick_dir.mkdir()
    d.choose_folder = lambda: str(stick_dir)
    d.folder_button.click()
    d.password.setText(PASSWORD)
    logged = AccessLog.select().count()
    cancelling["at"] = 1
    d.export_button.click()
    assert cancelling["visible"] == [False] and messages == []
    assert list((stick_dir / "xueji").iterdir()) == []  # neither the batch nor its part file
    assert d.result_label.text().startswith("已取消写入：U 盘上没有留下不完整的文件。")
    batch = OutboxBatch.get()  # sealed, not written: the next export writes it
    assert not batch.written_to and AccessLog.select().count() == logged
    assert "尚未收到教育局回执的第 1 批也会再写入 U 盘" in d.pending_label.text()

    cancelling["at"] = 0
    d.password.setText(PASSWORD)
    d.export_button.click()
    assert cancelling["texts"][-1].startswith("正在写入 U 盘并读回校验… ") and cancelling["texts"][-1].endswith("KB")
    assert [p.name for p in (stick_dir / "xueji").iterdir()] == ["2108110001-00001.xjb"]
    assert OutboxBatch.get().written_to is not None


def test_a_restore_cancelled_while_the_backup_is_copied_leaves_the_database_as_it_was(app, qtbot, ws, messages,  # noqa: F811
                                                                                     monkeypatch, tmp_path):
    from xueji_desktop.core.backups import service
    from xueji_desktop.gui import restore_wizard
    from xueji_desktop.gui.background import Job

    folder = tmp_path / "backups"
    service.set_backup_folder(ws, folder)
    older = service.take_backup(ws)
    db, before = ws.path, Event.select().count()
    wizard = restore_wizard.RestoreWizard(db, folder, ws=ws, preselect=older.path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.check_page.understood.setChecked(True)
    wizard.next()
    run = wizard.run_page
    assert run.cancel_button.isHidden()
    held = []
    start = Job.start
    monkeypatch.setattr(Job, "start", lambda job: held.append(job))  # the thread waits until 取消 is clicked
    run.password.setText(PASSWORD)
    run.restore_button.click()
    assert run.cancel_button.isVisible() and run.cancel_button.isEnabled()
    assert not wizard.button(wizard.WizardButton.CancelButton).isEnabled()
    run.cancel_button.click()
    start(held[0])
    qtbot.waitUntil(lambda: run.job is None, timeout=20000)
    assert "已取消恢复备份，没有留下不完整的文件" in run.outcome.text() and "数据库未改动" in run.outcome.text()
    assert wizard.result is None and run.cancel_button.isHidden()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:  # the same events, none of them a restore
        assert con.execute("select count(*), max(kind = 'backup_restored') from event").fetchone() == (before, 0)
    finally:
        con.close()
    assert [p.name for p in folder.iterdir()] == [older.path.name]  # not even the backup before a restore
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []  # no staged copy left
    assert messages == []
