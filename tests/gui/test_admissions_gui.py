"""升学接续 in the middle school's window, on real school and bureau databases: a primary school's graduates,
admitted by the bureau, arrive in the reply; the dialog shows them with their primary history, and continuing the
selected ones writes each as 初一 with the same 学籍号 (screen and database)."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

from tests.test_bureau_graduates import LATER, NAMES, TURN, County, M, P, _enrol_sixth_graders, _turn
from xueji_desktop.bureau import graduates as bureau_graduates
from xueji_desktop.core.school_year.next_school import set_next_school
from xueji_desktop.gui.admissions_dialog import AdmissionsDialog
from xueji_desktop.store.models import Event, SchoolClass, Student


def test_the_registrar_continues_admitted_pupils_into_a_first_middle_grade_class(app, qtbot, messages, tmp_path):
    county = County(tmp_path, str(tmp_path / "bureau.sqlite3"))
    numbers = _enrol_sixth_graders(county, P, 501, ["周一", "周二", "周三"])
    _turn(county, P)
    ws = county.school(P, TURN)
    set_next_school(ws, M, NAMES[M], student_numbers=numbers)
    ws.close()
    county.export(P, TURN)
    with county.bureau(TURN) as store:
        assert len(bureau_graduates.admit(store, M, from_school=P).admitted) == 3
    county.reply(M, TURN)
    [done] = county.import_reply(M, LATER)
    assert done.status == "imported", done.message

    ws = county.school(M, LATER)
    d = AdmissionsDialog(ws)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert "待接续 3 名" in d.head.text()
    assert [d.table.item(r, 7).text() for r in range(3)] == ["待接续"] * 3
    assert any("毕业" in d.history.item(r, 2).text() for r in range(d.history.rowCount()))  # primary history shown
    target = SchoolClass.get((SchoolClass.grade == 7) & (SchoolClass.number == 2))
    d.class_box.setCurrentIndex(d.class_box.findData(target.id))
    first = d.table.item(0, 0).text()
    d.table.clearSelection()
    d.table.setRangeSelected(_rows(d, 0, 1), True)
    assert d.continue_selected() == 2
    assert not messages
    continued = {s.student_number: s for s in Student.select()}
    assert first in continued and len(continued) == 2
    assert all(s.grade == 7 and s.school_class_id == target.id and s.entry_route == "continued"
               for s in continued.values())
    assert Event.select().where(Event.kind == "student_continued").count() == 2
    assert "待接续 1 名" in d.head.text()
    states = {d.table.item(r, 0).text(): d.table.item(r, 7).text() for r in range(d.table.rowCount())}
    assert [states[n] for n in continued] == [f"已接续（{LATER:%Y-%m-%d}，七年级(2)班）"] * 2
    ws.close()


def _rows(d, first: int, last: int):
    from PySide6.QtWidgets import QTableWidgetSelectionRange

    return QTableWidgetSelectionRange(first, 0, last, d.table.columnCount() - 1)


def test_a_pupil_from_a_primary_roster_is_enrolled_through_the_wizard_with_its_number(app, qtbot, messages, tmp_path,
                                                                                      monkeypatch):
    """A primary school without the program: its 毕业生花名册 row opens the enrolment wizard as 初一, the 学籍号 kept."""
    import datetime as dt

    from PySide6.QtWidgets import QInputDialog, QWizard

    from tests.conftest import PASSWORD, make_school, pupil_draft
    from tests.gui.test_enrol_wizard import fill_family, type_into
    from xueji_desktop.core.admission.continuation import ListedGraduate
    from xueji_desktop.core.school.school import SchoolKind

    ws = make_school(tmp_path / "m.sqlite3", "changzhi", kind=SchoolKind.MIDDLE, code=M, name=NAMES[M])
    ws.login("registrar", PASSWORD)
    draft = pupil_draft(name="钱多多", grade=7, birth=dt.date(2014, 6, 1), seq=611)
    number = "G" + draft.student["id_number"]
    listed = [ListedGraduate(3, number, "钱多多", draft.student["id_number"], "男", "2014-06-01", "汉族")]
    d = AdmissionsDialog(ws)
    qtbot.addWidget(d)
    d.show()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    wizard = d.choose_from(listed)
    qtbot.addWidget(wizard)
    assert number in wizard.windowTitle() and wizard.draft.continued_number == number
    wizard.next()
    identity = wizard.currentPage()
    assert identity.form.editor("name").value() == "钱多多" and identity.form.editor("id_number").value() == \
        draft.student["id_number"] and identity.verified.isChecked()
    type_into(identity.form, "hukou_nature", "1")
    wizard.next()
    fill_family(wizard)
    wizard.next()
    wizard.currentPage().classes.setCurrentRow(0)
    wizard.next()
    assert wizard.currentPage().name == "review" and Student.select().count() == 0
    assert wizard.button(QWizard.FinishButton).isEnabled(), [f.text for f in wizard.findings]
    wizard.button(QWizard.FinishButton).click()
    assert not messages, messages
    student = Student.get()
    assert (student.student_number, student.grade, student.entry_route) == (number, 7, "continued")
    assert '"route": "升学"' in Event.get(Event.kind == "student_enrolled").payload
    assert d.choose_from(listed) is None and "都已在本校学籍中" in messages[-1][1]
    ws.close()
