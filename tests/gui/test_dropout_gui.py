"""控辍保学 through the real widgets: the 学籍变动 and 控辍保学 menus, the proposals list, the dialog with its
contact-attempt table, the record in the database, and 辍学返校 offering only the continuing grade."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import json

from PySide6.QtCore import Qt

from tests.test_dropout import D, absent, school_with_pupil
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.gui import dropout_list, dropout_wizard
from xueji_desktop.gui.dropout_wizard import DropoutWizard
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.store.models import Case, Event, SchoolClass, Student

K = CaseKind


def window_on(qtbot, ws, student):
    from xueji_desktop.gui.main_window import MainWindow

    ws.login("registrar", "secret-123")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert window.select_student(student.id)
    return window


def drive(monkeypatch, act):
    def run(self):
        act(self)
        return 1
    monkeypatch.setattr(DropoutWizard, "exec", run)


def fill_attempt(dialog, row, day, person, method, outcome_key, note=""):
    t = dialog.table
    t.cellWidget(row, 0).setText(day)
    t.cellWidget(row, 1).setText(person)
    t.cellWidget(row, 2).setCurrentText(method)
    t.cellWidget(row, 3).setCurrentIndex(t.cellWidget(row, 3).findData(outcome_key))
    t.cellWidget(row, 4).setText(note)


def test_suspected_dropout_through_the_menu_records_the_attempts(qtbot, tmp_path, messages, monkeypatch):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 11))
    window = window_on(qtbot, ws, pupil)
    entries = {plain(a.text()): a for a in window.change_menu.actions() if a.text()}
    assert entries["疑似辍学登记…"].isEnabled() and entries["辍学登记…"].isEnabled()
    assert not entries["辍学返校…"].isEnabled() and "现为“在校”" in entries["辍学返校…"].toolTip()
    assert not entries["其他离校（离校超过期限、联系不上）…"].isEnabled()  # 黑龙江: not in its text
    assert "控辍保学(&D)" in [m.title() for m in window.menuBar().findChildren(type(window.change_menu))]
    seen = {}

    def record(d):
        assert d.ground.currentData() == "dropout.suspected"
        assert "《黑龙江省实施细则》第四十六条" in d.basis.text() and "学校无法与其法定监护人取得联系" in d.basis.text()
        assert "8 个上课日" in d.run_label.text()
        assert not d.ok.isEnabled()  # no contact recorded yet
        d.table.add_row({"date": "2026-11-09"})
        fill_attempt(d, 0, "2026-11-09", "父亲 张建国", "电话", "promised")
        assert not d.ok.isEnabled() and "已联系上监护人" in d.findings.text()
        fill_attempt(d, 0, "2026-11-09", "父亲 张建国", "电话", "unreachable", "关机")
        d.table.add_row()
        fill_attempt(d, 1, "2026-11-10", "村委会 李主任", "托人转告", "unreachable")
        d.measures.setText("班主任家访未遇，已请村委会协助寻找")
        seen["findings"] = d.findings.text()
        assert d.ok.isEnabled(), d.ok.toolTip()
        assert Case.select().count() == 0  # nothing written before 确认登记
        d.accept()

    drive(monkeypatch, record)
    dialog = window.dropout_actions[K.SUSPECTED_DROPOUT].trigger() or None
    assert messages == []
    student = Student.get_by_id(pupil.id)
    assert student.status == Status.SUSPECTED_DROPOUT.value and student.student_number == pupil.student_number
    case = Case.get(Case.kind == K.SUSPECTED_DROPOUT.value)
    opened = Event.get((Event.case_id == case.id) & (Event.kind == "case_opened"))
    data = json.loads(opened.payload)
    assert [a["method"] for a in data["details"]["attempts"]] == ["电话", "托人转告"]
    assert data["details"]["attempts"][0]["note"] == "关机" and data["details"]["measures"].startswith("班主任家访")
    assert "《黑龙江省实施细则》第四十六条" in json.loads(opened.articles) and opened.author.username == "registrar"
    assert "书面上报" in seen["findings"]
    assert dialog is None
    window.select_student(pupil.id)
    assert window.dropout_actions[K.DROPOUT_RETURN].isEnabled()
    assert not window.dropout_actions[K.SUSPECTED_DROPOUT].isEnabled()
    ws.close()


def test_proposals_list_opens_the_dialog_for_the_proposed_status(qtbot, tmp_path, messages, monkeypatch):
    ws, pupil = school_with_pupil(tmp_path, "yingkou")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 30))
    window = window_on(qtbot, ws, pupil)
    monkeypatch.setattr(dropout_list.DropoutList, "exec", lambda self: 0)
    listing = dropout_list.open_list(window)
    assert listing.table.rowCount() == 1
    assert listing.table.item(0, 4).text() == "已达到：辍学" and "《营口市规定》五" in listing.table.item(0, 5).text()
    opened = {}
    drive(monkeypatch, lambda d: opened.setdefault("kind", d.kind))
    listing.handle()
    assert opened["kind"] is K.DROPOUT
    ws.close()


def test_return_offers_only_the_continuing_grade(qtbot, tmp_path, messages, monkeypatch):
    ws, pupil = school_with_pupil(tmp_path, "liangshan")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 12, 4))
    window = window_on(qtbot, ws, pupil)

    def refuse(d):
        assert [d.ground.itemData(i) for i in range(d.ground.count())] == ["dropout.family_refusal"]
        assert not d.ok.isEnabled()
        d.declares["family_reason"].setChecked(True)
        d.table.add_row()
        fill_attempt(d, 0, "2026-12-03", "母亲 李桂兰", "家访", "refused")
        assert d.ok.isEnabled(), d.ok.toolTip()
        d.accept()

    drive(monkeypatch, refuse)
    dropout_wizard.run_dropout(window, ws, K.DROPOUT, pupil.id)
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    ws.test_clock.now = dt.datetime(2027, 9, 10, 9)
    seen = {}

    def back(d):
        grades = {SchoolClass.get_by_id(d.classes.item(i).data(Qt.ItemDataRole.UserRole)).grade
                  for i in range(d.classes.count())}
        seen["grades"], seen["label"] = grades, d.grade_label.text()
        assert "《凉山州规定》二(四)" in d.basis.text()
        assert not d.ok.isEnabled()  # no class chosen
        d.classes.setCurrentRow(1)
        assert d.ok.isEnabled(), d.ok.toolTip()
        d.accept()

    drive(monkeypatch, back)
    dropout_wizard.run_dropout(window, ws, K.DROPOUT_RETURN, pupil.id)
    assert seen["grades"] == {4} and seen["label"].startswith("四年级（离校时在三年级")
    s = Student.get_by_id(pupil.id)
    assert (s.status, s.grade, s.school_class.name) == ("enrolled", 4, "四年级(2)班")
    assert messages == []
    ws.close()


def test_print_report_from_the_window(qtbot, tmp_path, messages, monkeypatch):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    window = window_on(qtbot, ws, pupil)
    out = tmp_path / "r.pdf"
    assert dropout_list.print_report(window, ws, path=out, open_after=False)
    assert out.stat().st_size > 1000 and messages == []
    ws.close()


def test_anyang_offers_dropout_for_a_pupil_who_stops_coming(qtbot, tmp_path, messages, monkeypatch):
    """《安阳市北关区办法》第十三条（二）: the 辍学 entry is offered, 疑似辍学 is not; the dialog asks for the school's
    efforts (a contact and the measures) before it records."""
    ws, pupil = school_with_pupil(tmp_path, "anyang_beiguan")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 4))
    window = window_on(qtbot, ws, pupil)
    entries = {plain(a.text()): a for a in window.change_menu.actions() if a.text()}
    assert entries["辍学登记…"].isEnabled(), entries["辍学登记…"].toolTip()
    assert not entries["疑似辍学登记…"].isEnabled() and "未写明" in entries["疑似辍学登记…"].toolTip()

    def record(d):
        assert [d.ground.itemData(i) for i in range(d.ground.count())] == ["dropout.stopped_attending"]
        assert "《安阳市北关区办法》第十三条（二）" in d.basis.text() and "努力使其复学" in d.basis.text()
        assert "3 个上课日" in d.run_label.text()
        assert not d.ok.isEnabled() and "联系记录" in d.ok.toolTip()
        d.table.add_row()
        fill_attempt(d, 0, "2026-11-04", "母亲 李桂兰", "家访", "promised")
        assert not d.ok.isEnabled() and "采取的措施" in d.ok.toolTip()
        d.measures.setText("班主任和校长家访，请社区协助劝返")
        assert d.ok.isEnabled(), d.ok.toolTip()
        assert "区教育局" in d.findings.text()
        d.accept()

    drive(monkeypatch, record)
    window.dropout_actions[K.DROPOUT].trigger()
    assert messages == []
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    case = Case.get(Case.kind == K.DROPOUT.value)
    assert json.loads(case.data)["ground_id"] == "dropout.stopped_attending"
    ws.close()


def test_changzhi_offers_dropout_for_a_pupil_on_the_roll(qtbot, tmp_path, messages, monkeypatch):
    """《长治市实施细则》第三十三条: a pupil on the roll (not a new pupil) is recorded as 辍学 and reported."""
    ws, pupil = school_with_pupil(tmp_path, "changzhi")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 3))
    window = window_on(qtbot, ws, pupil)
    assert window.dropout_actions[K.DROPOUT].isEnabled()
    assert not window.dropout_actions[K.SUSPECTED_DROPOUT].isEnabled()

    def record(d):
        ids = [d.ground.itemData(i) for i in range(d.ground.count())]
        assert ids == ["enrolment.no_show", "dropout.stopped_attending"]
        assert d.ground.currentData() == "dropout.stopped_attending"
        assert "《长治市实施细则》第三十三条" in d.basis.text()
        d.ground.setCurrentIndex(0)  # the new-pupil ground does not fit a pupil who came to school
        assert not d.ok.isEnabled() and "新生" in d.findings.text()
        d.ground.setCurrentIndex(1)
        assert d.ok.isEnabled(), d.ok.toolTip()
        assert "学籍主管部门" in d.findings.text()
        d.accept()

    drive(monkeypatch, record)
    window.dropout_actions[K.DROPOUT].trigger()
    assert messages == []
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    ws.close()
