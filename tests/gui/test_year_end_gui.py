"""学年 → 学年结转 through the real window on a real 营口 school file: the checks page, the preview with a
pupil marked 结业 (and the reason it needs), the confirm page's reasons and box, 执行结转, the done page's
same-day restore offer, and the certificate number typed into 毕业生与证书编号; the database after each."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtWidgets import QWizard

from tests.test_year_end import school
from xueji_desktop.store.models import Event, Graduate, Student, YearEnd

D = dt.date


@pytest.fixture
def yingkou(tmp_path):
    ws, pupils = school(tmp_path, "yingkou")
    ws.test_clock.now = dt.datetime(2027, 7, 20, 9)
    yield ws, pupils
    ws.close()


@pytest.fixture
def main(app, yingkou, qtbot, messages):
    from xueji_desktop.gui.main_window import MainWindow

    ws, _ = yingkou
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_whole_year_end_in_the_window(main, yingkou, qtbot, messages, monkeypatch):
    ws, pupils = yingkou
    assert main.year_end_action.isEnabled()
    # the to-do list shows the year end ahead and opens the wizard
    panel = main.todo_panel
    row = next(r for r, item in enumerate(panel.items) if item.target == ("year_end", None))
    wizard = panel.open_target(panel.items[row].target)
    qtbot.addWidget(wizard)
    assert wizard.currentPage() is wizard.check_page and wizard.check_page.isComplete()
    assert "每学期复核尚未记录完成" in wizard.check_page.text.toPlainText()

    wizard.next()
    page = wizard.preview_page
    assert page.grades.item(0, 0).text() == "一年级" and page.grades.item(0, 2).text() == "二年级"
    assert page.grades.item(8, 2).text() == "毕业离校"
    assert not page.graduates.isColumnHidden(3)  # 营口 names a 结业证书
    top = pupils[9]
    box, reason = page.boxes[top.id]
    box.setChecked(True)
    assert not page.isComplete()  # 结业 needs its reason
    reason.setText("综合考核不合格")
    assert page.isComplete()

    wizard.next()
    confirm = wizard.confirm_page
    assert "结业 1 人" in confirm.text.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    for edit in confirm.reasons.edits.values():
        edit.setText("复核表已纸质完成，待补录")
    confirm.sure.setChecked(True)
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert not YearEnd.select().exists()

    # 执行结转 with the progress window: 取消 during the backup leaves nothing; during the writing it is greyed out
    from xueji_desktop.core.backups.service import backup_folder
    from xueji_desktop.gui import work_progress
    from xueji_desktop.gui.year_end_wizard import WRITING

    monkeypatch.setattr(work_progress, "SHOW_AFTER", 0)
    counted, seen = work_progress.WorkProgress.__call__, []

    def call(self, done, total):
        seen.append((self.label.text(), self.isVisible(), self.cancel_button.isEnabled()))
        self.cancel_button.click()  # stops the backup; greyed out once the year end is being written
        return counted(self, done, total)

    monkeypatch.setattr(work_progress.WorkProgress, "__call__", call)
    folder = backup_folder(ws)
    backups = sorted(folder.iterdir()) if folder.exists() else []
    events = Event.select().count()
    wizard.next()
    assert wizard.currentPage() is confirm and not YearEnd.select().exists() and Event.select().count() == events
    assert messages.pop()[1].startswith("已取消：结转前的备份没有完成，数据库未改动")
    assert (sorted(folder.iterdir()) if folder.exists() else []) == backups  # no part file left
    assert seen == [("正在备份数据库…", False, True)]

    seen.clear()
    monkeypatch.setattr(work_progress.WorkProgress, "__call__", lambda self, done, total: (
        counted(self, done, total), seen.append((self.label.text(), self.isVisible(),
                                                 self.cancel_button.isEnabled(), self.cancel_button.toolTip())))[0])
    wizard.next()  # 执行结转
    assert wizard.currentPage() is wizard.done_page, messages
    writing = [s for s in seen if s[0].startswith("正在结转")]
    assert writing and all(s[1:] == (True, False, WRITING) for s in writing)
    moved = wizard.result.promoted + wizard.result.graduated
    assert writing[-1][0] == f"正在结转… {moved}/{moved} 名学生" and seen[0][0].startswith("正在备份数据库… ")
    assert "结业 1 人" in wizard.done_page.text.text()
    assert wizard.done_page.restore_button.isEnabled()
    turned = YearEnd.get()
    assert turned.backup_file and os.path.exists(turned.backup_file)
    assert Student.get_by_id(top.id).status == "completed"
    assert Student.get_by_id(pupils[1].id).grade == 2
    qtbot.waitUntil(lambda: not [i for i in panel.items if i.target == ("year_end", None)])  # the hub refreshed it

    # certificate numbers typed into the graduates' table
    from xueji_desktop.gui.graduates_dialog import NUMBER_COLUMN, GraduatesDialog

    dialog = GraduatesDialog(ws, wizard)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "结业"
    dialog.table.item(0, NUMBER_COLUMN).setText("YK2027-0001")
    assert dialog.save()
    assert Graduate.get().certificate_no == "YK2027-0001"
    assert Event.select().where(Event.kind == "certificate_number_entered").count() == 1
    dialog.table.item(0, NUMBER_COLUMN).setText("")
    assert not dialog.save()  # an empty number is refused, named, nothing written
    assert messages and "证书编号为空" in messages[-1][2]
    assert Graduate.get().certificate_no == "YK2027-0001"


def test_the_wizard_stops_on_the_checks_page_when_the_year_has_not_ended(main, yingkou, qtbot):
    ws, _ = yingkou
    ws.test_clock.now = dt.datetime(2027, 6, 1, 9)
    from xueji_desktop.gui.year_end_wizard import open_wizard

    wizard = open_wizard(main)
    qtbot.addWidget(wizard)
    assert not wizard.check_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "最早于 2027-07-01" in wizard.check_page.text.toPlainText()
