"""奖励与处分 on a fresh copy of the (黑龙江) demo school, offscreen: the button beside the pupil's name opens the
dialog; a 记过 is recorded (the region's kinds only, the archive note citing 第三十八条), its notice printed and
logged, an appeal opened and its review recorded with the 7-working-day deadline (第三十七条), and the punishment
revoked out of the archive. The database and the PDF are checked, not only the screen."""

from __future__ import annotations

import datetime as dt
import subprocess

from PySide6.QtCore import Qt

from tests.gui.conftest import enrol_named
from xueji_desktop.gui import discipline_dialog
from xueji_desktop.gui.hub import hub
from xueji_desktop.store.models import AccessLog, Case, CaseStep, Discipline, Event


def test_record_print_appeal_and_revoke_from_the_window(window, ws, qtbot, tmp_path, monkeypatch, messages):
    pupil, changes = enrol_named(ws, "高明远", dt.date(2019, 12, 1), 921)
    hub().announce(changes, None)
    ws.test_clock.now = dt.datetime(2026, 11, 10, 10, 0)  # a Tuesday
    target = tmp_path / "notice.pdf"
    opened: list = []
    monkeypatch.setattr(discipline_dialog, "ask_save_path", lambda *a, **k: str(target))
    monkeypatch.setattr(discipline_dialog, "open_file", opened.append)

    assert window.select_student(pupil.id)
    button = window.findChild(object, "discipline_button")
    assert button is not None and button.text() == "奖励与处分"
    assert window.discipline_action in window.menuBar().actions()[1].menu().actions()  # 学生 menu
    button.click()
    dialog = window.discipline_dialog
    qtbot.waitExposed(dialog)
    assert "高明远" in dialog.windowTitle() and dialog.table.rowCount() == 0
    assert "警告、记过、留校察看（《黑龙江省实施细则》第三十六条）" in dialog.rules_label.text()

    form = dialog.record("punishment")
    assert [form.level.itemText(i) for i in range(form.level.count())] == ["警告", "记过", "留校察看"]
    form.level.setCurrentText("记过")
    assert "《黑龙江省实施细则》第三十八条" in form.note.text() and "记过记入学籍档案" in form.note.text()
    assert not form.archive.isEnabled() and form.archive.isChecked()
    form.reason.setPlainText("多次在课间打架，经批评教育仍不改正")
    form.decided_on.setDate(form.decided_on.date().addDays(-4))
    form.document_no.setText("校发〔2026〕3号")
    form.accept()
    row = Discipline.get(Discipline.student == pupil.id)
    assert (row.kind, row.level, row.in_archive, row.decided_on) == ("punishment", "记过", True, dt.date(2026, 11, 6))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "记过"
    assert dialog.table.item(0, 7).text() == "未告知"

    dialog.table.selectRow(0)
    assert dialog.print_notice.isEnabled() and dialog.open_appeal.isEnabled()
    qtbot.mouseClick(dialog.print_notice, Qt.MouseButton.LeftButton)
    assert opened == [target]
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "学生处分告知书" in text and "高明远" in text
    assert AccessLog.select().where(AccessLog.subject == "学生处分告知书").count() == 1

    appeal = dialog.appeal_selected()
    assert "学校相关负责人" in appeal.note.text()
    appeal.findChildren(discipline_dialog.QLineEdit)[-1].setText("事实认定有误，请求复查")
    appeal.accept()
    case = Case.get(Case.kind == "appeal")
    assert dialog.appeal_table.rowCount() == 1 and dialog.appeal_table.item(0, 0).text() == case.number
    step = dialog.record_appeal_step()
    assert "学校学生申诉机构" in step.windowTitle()
    step.accept()  # 维持原处分 is the default
    assert CaseStep.get((CaseStep.case == case) & (CaseStep.party == "appellant")).due_on == dt.date(2026, 11, 19)
    assert dialog.appeal_table.item(0, 4).text() == "2026-11-19"

    dialog.table.selectRow(0)
    revoke = dialog.revoke_selected()
    assert "《黑龙江省实施细则》第三十八条" in revoke.note.text()
    revoke.findChildren(discipline_dialog.QLineEdit)[-1].setText("表现良好，经研究撤销")
    revoke.accept()
    row = Discipline.get_by_id(row.id)
    assert row.revoked_on == dt.date(2026, 11, 10) and not row.in_archive
    assert dialog.table.item(0, 7).text().startswith("已撤销") and not dialog.revoke.isEnabled()
    assert [e.kind for e in Event.select().where(Event.student == pupil.id).order_by(Event.seq)][-4:] == [
        "punishment_recorded", "case_opened", "case_step_recorded", "discipline_revoked"]
    assert messages == []
