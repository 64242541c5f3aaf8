"""重复学籍 in both windows, on real school files and a real bureau store (凉山): the school's 重复学籍核查 dialog
(from the to-do list) prints 附表3, refuses an answer without its scan, answers with it, and the other school removes
its record there; the bureau's 重复学籍 tab shows the case, its steps and the scan, and its 科长 closes it. Each
step is asserted on the screen and in the database."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import datetime as dt

from tests.test_bureau_duplicates import _enrol
from tests.test_bureau_graduates import County, P, Q
from xueji_desktop.bureau import duplicates
from xueji_desktop.bureau.access_log import BureauAccess
from xueji_desktop.core.duplicate_checks import queries
from xueji_desktop.core.overview.todo import todo_items
from xueji_desktop.store.models import Event, Student

DAYS = [dt.date(2026, 12, 7) + dt.timedelta(days=i) for i in range(4)]


def _asked(tmp_path) -> County:
    county = County(tmp_path, str(tmp_path / "bureau.sqlite3"), profile="liangshan")
    _enrol(county, P, "周小雨", 611)
    county.export(P, DAYS[0])
    _enrol(county, Q, "周小雨", 611, day=DAYS[0])
    county.export(Q, DAYS[0])
    for code in (P, Q):
        county.reply(code, DAYS[1])
        county.import_reply(code, DAYS[1])
    return county


def _dialog(qtbot, ws, select=None):
    from xueji_desktop.gui.duplicate_checks_dialog import DuplicateChecksDialog

    d = DuplicateChecksDialog(ws, None, select)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_the_schools_answer_and_remove_in_their_windows(app, qtbot, messages, tmp_path, monkeypatch):
    from xueji_desktop.gui import duplicate_checks_dialog as module

    county = _asked(tmp_path)
    opened: list = []
    monkeypatch.setattr(module, "open_file", opened.append)
    form = tmp_path / "附表3.pdf"
    monkeypatch.setattr(module, "ask_save_path", lambda *a: str(form))
    ws = county.school(Q, DAYS[1])
    try:
        [item] = [i for i in todo_items(ws) if i.kind == "duplicate"]
        assert item.title == "重复学籍核查：周小雨同时在测试县城关小学有学籍" and item.target[0] == "duplicates"
        d = _dialog(qtbot, ws, item.target[1])
        assert "待答复 1 件" in d.head.text() and "《凉山州规定》三(三)" in d.head.text()
        assert [d.table.item(0, c).text() for c in (0, 2, 7)] == ["周小雨", "测试县城关小学", "待答复"]
        assert d.print_button.isVisible() and d.confirm_button.text().startswith("在本校就读：附证明并答复")
        assert d.print_form() == form and form.read_bytes().startswith(b"%PDF-") and opened == [form]
        monkeypatch.setattr(module, "ask_open_path", lambda *a: "")
        assert d.confirm_attendance() is False  # no scan chosen: 凉山 needs one, nothing written
        assert not Event.select().where(Event.kind == "duplicate_answered").exists()
        monkeypatch.setattr(module, "ask_open_path", lambda *a: str(form))
        d.note.setText("已核对学生在校上课")
        assert d.confirm_attendance() is True and not messages
        assert d.table.item(0, 7).text().startswith("已确认该生在本校就读") and not d.confirm_button.isEnabled()
        answer = Event.get(Event.kind == "duplicate_answered")
        assert "附附表3.pdf" in answer.summary and answer.student.name == "周小雨"
        assert [i for i in todo_items(ws) if i.kind == "duplicate"] == []
        d.close()
    finally:
        ws.close()
    county.export(Q, DAYS[1])
    county.reply(P, DAYS[2])
    county.import_reply(P, DAYS[2])
    ws = county.school(P, DAYS[2])
    try:
        [item] = [i for i in todo_items(ws) if i.kind == "duplicate"]
        assert item.title == "删除重复学籍：周小雨实际在测试县河东小学就读"
        d = _dialog(qtbot, ws)
        assert "测试县河东小学已确认" in d.table.item(0, 7).text()
        monkeypatch.setattr(module, "ask_text", lambda *a: "短")
        monkeypatch.setattr(module, "confirm", lambda *a: True)
        assert d.remove_record() is False and messages[-1][0] == "未能完成" and "删除原因" in messages[-1][2]
        monkeypatch.setattr(module, "ask_text", lambda *a: "该生在河东小学就读，已与家长核实")
        assert d.remove_record() is True
        pupil = Student.get(Student.name == "周小雨")
        assert pupil.status == "duplicate_removed" and Event.select().where(Event.student == pupil).count() >= 3
        assert d.table.item(0, 7).text().startswith("已删除本校的重复学籍")
        d.close()
    finally:
        ws.close()
    county.export(P, DAYS[2])
    with county.bureau(DAYS[2]):
        [line] = duplicates.duplicates()
        assert line.a.status == "duplicate_removed"


def test_the_bureau_sees_the_case_and_its_kezhang_closes_it(app, qtbot, messages, tmp_path, monkeypatch):
    from xueji_desktop.core.duplicate_checks import answers
    from xueji_desktop.core.forms import attendance_proof
    from xueji_desktop.gui.bureau import duplicates_tab as module
    from xueji_desktop.gui.bureau.window import TAB_DUPLICATES, BureauWindow

    county = _asked(tmp_path)
    form = tmp_path / "附表3.pdf"
    ws = county.school(Q, DAYS[1])
    try:
        [q] = queries.waiting()
        attendance_proof.print_attendance_form(ws, q.uuid, form)
        answers.confirm_attendance(ws, q.uuid, form)
    finally:
        ws.close()
    county.export(Q, DAYS[1])
    store = county.bureau(DAYS[1])
    try:
        win = BureauWindow(store)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        tab = win.duplicates_tab
        assert win.tabs.tabText(TAB_DUPLICATES) == "重复学籍（1）" and tab.title.text() == "待处理的重复学籍：1 件"
        assert tab.table.item(0, 7).text() == "测试县河东小学确认在校就读，待测试县城关小学删除重复学籍"
        assert [tab.steps.item(r, 1).text() for r in range(tab.steps.rowCount())] == [
            "发现", "询问学校", "询问学校", "学校收到核查", "确认在本校就读", "通知删除"]
        assert not tab.settle_button.isEnabled() and "尚未删除" in tab.settle_button.toolTip()
        assert BureauAccess.select().where(BureauAccess.subject == "重复学籍（教育局端窗口）").count() == 1
        saved = tmp_path / "copy.pdf"
        monkeypatch.setattr(module, "ask_save_path", lambda *a: str(saved))
        monkeypatch.setattr(module, "open_file", lambda path: None)
        monkeypatch.setattr(module.purpose_dialog, "purpose_question", lambda *a: "核办重复学籍")
        assert tab.save_proof() == saved and saved.read_bytes() == form.read_bytes()
    finally:
        win.close()
        store.close()

    county.reply(P, DAYS[2])
    county.import_reply(P, DAYS[2])
    ws = county.school(P, DAYS[2])
    try:
        answers.remove_record(ws, queries.queries()[0].uuid, "该生在河东小学就读，已与家长核实")
    finally:
        ws.close()
    county.export(P, DAYS[2])
    store = county.bureau(DAYS[3])
    try:
        win = BureauWindow(store)
        qtbot.addWidget(win)
        win.show()
        tab = win.duplicates_tab
        assert tab.settle_button.isEnabled() and "可以结案" in tab.table.item(0, 7).text()
        monkeypatch.setattr(module, "ask_note", lambda *a: "两校核实完毕")
        assert tab.close_selected("settled") is True and not messages
        case = duplicates.BureauDuplicate.get()
        assert (case.status, case.outcome, case.closed_by, case.note) == ("closed", "settled", "李科长", "两校核实完毕")
        assert win.tabs.tabText(TAB_DUPLICATES) == "重复学籍" and tab.table.rowCount() == 0
        tab.all_box.setChecked(True)
        assert tab.table.item(0, 7).text() == "已结案：已处理：重复学籍已删除"
        win.close()
    finally:
        store.close()
