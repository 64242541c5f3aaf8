"""档案 → 出具证明（所选学生）… on a fresh copy of the (黑龙江) demo school, offscreen: the dialog offers what the
pupil may have (《黑龙江省实施细则》第三十一条、第三十二条), says why not with the article, issues and prints the
certificate with its stub, and lists it; the database and the PDF are checked, not only the screen."""

from __future__ import annotations

import datetime as dt
import subprocess

from PySide6.QtCore import Qt

from tests.gui.conftest import enrol_named
from xueji_desktop.core.school.events import EventKind, changing
from xueji_desktop.gui import certificate_dialog
from xueji_desktop.gui.certificate_dialog import CertificateDialog
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.store.models import AccessLog, Certificate, Event, Graduate, Student


def make_graduate(ws, student_id: int) -> None:
    with changing(ws.db, ws.user, ws.now()) as tx:
        Student.update(status="graduated").where(Student.id == student_id).execute()
        Graduate.create(student=student_id, school_year=2025, outcome="graduated", left_on=dt.date(2026, 7, 10),
                        class_name="九年级(1)班", certificate_no="230124202600088")
        tx.record(EventKind.STUDENT_GRADUATED, "毕业", {"to": "graduated"}, student=Student.get_by_id(student_id))


def test_issue_an_education_certificate_from_the_dialog(app, ws, qtbot, tmp_path, monkeypatch, messages):
    pupil, _ = enrol_named(ws, "高明远", dt.date(2019, 12, 1), 921)
    left, _ = enrol_named(ws, "钱立新", dt.date(2019, 11, 1), 923)
    make_graduate(ws, pupil.id)
    with changing(ws.db, ws.user, ws.now()) as tx:
        Student.update(status="transferred_out").where(Student.id == left.id).execute()
        tx.record(EventKind.STATUS_SEEDED, "转出", {"to": "transferred_out"}, student=Student.get_by_id(left.id))
    ws.test_clock.now = dt.datetime(2026, 11, 10, 10, 0)
    target = tmp_path / "xlzm.pdf"
    opened: list = []
    monkeypatch.setattr(certificate_dialog, "ask_save_path", lambda *a, **k: str(target))
    monkeypatch.setattr(certificate_dialog, "open_file", opened.append)

    dialog = CertificateDialog(ws, pupil.id)
    qtbot.addWidget(dialog)
    dialog.show()
    # the graduate may have the 学历证明, not the 学习经历证明 (第三十一条 is for those who left early)
    assert dialog.kind_combo.currentText() == "学历证明"
    assert dialog.kind_combo.itemText(1) == "学习经历证明（所选学生不适用）"
    assert "《黑龙江省实施细则》第三十二条" in dialog.basis_label.text()
    assert "损坏不予换发、遗失不予补发" in dialog.basis_label.text()
    assert not dialog.issue_button.isEnabled()  # nobody applied yet
    assert "申请人" in dialog.findings_label.text()
    dialog.ground_radios[certificate_dialog.Ground.LOST].setChecked(True)
    dialog.applicant_edit.setText("高建军")
    assert dialog.issue_button.isEnabled()
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)

    row = Certificate.get(Certificate.student == pupil.id)
    assert (row.number, row.applicant, row.reason) == ("XLZM-2026-0001", "高建军", "毕业证书遗失")
    assert Event.select().where((Event.kind == "certificate_issued") & (Event.student == pupil.id)).count() == 1
    assert AccessLog.select().where(AccessLog.subject == "学历证明（XLZM-2026-0001）").count() == 1
    assert opened == [target] and messages == []
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "学历证明存根" in text and "230124202600088" in text
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "XLZM-2026-0001"
    assert dialog.applicant_edit.text() == "" and not dialog.issue_button.isEnabled()
    # reprint the selected one
    again = tmp_path / "again.pdf"
    monkeypatch.setattr(certificate_dialog, "ask_save_path", lambda *a, **k: str(again))
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    assert again.exists() and opened[-1] == again

    # the pupil who left: the 学习经历证明 is offered first; the 学历证明 says why not, with the article
    other = CertificateDialog(ws, left.id)
    qtbot.addWidget(other)
    assert other.kind_combo.currentText() == "学习经历证明"
    other.kind_combo.setCurrentIndex(0)
    assert "未在本校毕业" in other.findings_label.text() and "第三十二条" in other.findings_label.text()
    other.applicant_edit.setText("钱")
    assert not other.issue_button.isEnabled()


def test_the_paperwork_menu_offers_it_for_a_selected_pupil(window):
    action = window.certificate_action
    assert action is not None and plain(action.text()) == "出具证明（所选学生）…"
    assert set(window.stub_actions) == {"education", "learning_record"}  # 黑龙江: no 结业证书存根 in its text
    window._selected_id = None
    window._update_actions()
    assert not action.isEnabled() and "选中学生" in action.toolTip()
