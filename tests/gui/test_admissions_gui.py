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
