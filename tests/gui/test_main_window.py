"""The main window on a real school database: type, pick filters, click, and check what the
window shows against what the database holds."""

from __future__ import annotations

import datetime as dt

import pytest
from pypinyin import Style, pinyin
from PySide6.QtCore import Qt

from tests.gui.conftest import explain_warnings, new_pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.pupils.roster import RosterRow
from xueji_desktop.core.pupils.status import ON_ROLL, Status
from xueji_desktop.core.school.events import Changes
from xueji_desktop.gui.hub import hub
from xueji_desktop.gui.operations import run_op
from xueji_desktop.gui.roster_model import COL_NAME, ON_ROLL_FILTER, RosterFilter, RosterModel
from xueji_desktop.store.models import Case, SchoolClass, Student


def shown_ids(window) -> list[int]:
    return [r.id for r in window.model.visible_rows()]


def shown_names(window) -> list[str]:
    m = window.model
    return [m.data(m.index(r, COL_NAME)) for r in range(m.rowCount())]


def db_ids(where=None) -> set[int]:
    query = Student.select(Student.id)
    if where is not None:
        query = query.where(where)
    return {s.id for s in query}


def initials(char: str) -> set[str]:
    return {r[0] for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0]}


def click_row(qtbot, window, student_id: int) -> None:
    row = window.model.row_of(student_id)
    assert row >= 0
    table = window.table
    index = window.model.index(row, COL_NAME)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def pupil(name: str) -> Student:
    return Student.get(Student.name == name)


# -- start-up ----------------------------------------------------------------------------------
def test_title_counts_and_focus_on_start(window, ws, qtbot):
    total = Student.select().count()
    assert window.windowTitle() == f"学籍桌面 — {ws.school.name}（{ws.profile.name}）"
    assert window.count_label.text() == f"共 {total} 名学生，显示 {total} 名"
    assert set(shown_ids(window)) == db_ids()
    # 待办 is the first tab and shown at start-up (the pupil list moved to the second tab)
    assert window.view_tabs.currentIndex() == 0 and window.view_tabs.tabText(0).startswith("待办")
    qtbot.waitUntil(lambda: window.todo_panel.table.hasFocus())
    window.focus_search()  # Ctrl+F: the pupil list, the search box focused
    assert window.view_tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: window.search.hasFocus())
    assert window.search.placeholderText() == "输入姓名、拼音、首字母、身份证号或学籍号"
    assert [a.iconText() for a in window.toolbar.actions() if a.text()] == ["新生注册", "打印学生基本信息表", "刷新"]


def test_window_fits_a_1366x768_screen(window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728
    assert window.minimumWidth() <= 1366 and window.minimumHeight() <= 728


# -- search ------------------------------------------------------------------------------------
def test_typing_a_surname_shows_every_pupil_bearing_it(window):
    window.search.setText("张")  # Chinese through setText: keyClicks cannot type it
    expected = {s.id for s in Student.select() if "张" in s.name}
    assert len(expected) >= 2
    assert set(shown_ids(window)) == expected
    assert window.count_label.text() == f"共 {Student.select().count()} 名学生，显示 {len(expected)} 名"


def test_initials_find_names_as_typed(window, qtbot):
    qtbot.keyClicks(window.search, "zs")
    expected = {s.id for s in Student.select()
                if any("z" in initials(a) and "s" in initials(b) for a, b in zip(s.name, s.name[1:]))}
    assert set(shown_ids(window)) == expected
    assert {"张三", "张思远"} <= set(shown_names(window))
    qtbot.keyClicks(window.search, "y")  # zsy: 张思远 only among the named pupils
    assert "张思远" in shown_names(window) and "张三" not in shown_names(window)


@pytest.mark.parametrize("typed", ["zxm", "cxm", "zengxm", "cengxiaoming"])
def test_polyphonic_surname_found_by_each_reading(window, qtbot, typed):
    qtbot.keyClicks(window.search, typed)
    assert "曾小明" in shown_names(window)


def test_id_number_and_student_number_find_one_pupil(window, qtbot):
    zhang = pupil("张三")
    qtbot.keyClicks(window.search, zhang.id_number)
    assert shown_ids(window) == [zhang.id]
    window.search.clear()
    qtbot.keyClicks(window.search, zhang.student_number.lower())
    assert shown_ids(window) == [zhang.id]


def test_escape_clears_the_search(window, qtbot):
    qtbot.keyClicks(window.search, "zs")
    assert window.model.visible_count < window.model.total_count
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert window.model.visible_count == window.model.total_count


def test_enter_moves_into_the_table_and_shows_the_first_match(window, qtbot):
    qtbot.keyClicks(window.search, "cxm")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.table.hasFocus()
    assert window.detail.header.name.text() == "曾小明"


# -- filters -----------------------------------------------------------------------------------
def test_grade_class_and_status_filters_match_the_database(window):
    grade_index = window.grade_combo.findData(1)
    window.grade_combo.setCurrentIndex(grade_index)
    assert set(shown_ids(window)) == db_ids(Student.grade == 1)
    classes = [window.class_combo.itemData(i) for i in range(1, window.class_combo.count())]
    assert classes == [c.id for c in SchoolClass.select().where(SchoolClass.grade == 1).order_by(SchoolClass.number)]
    window.class_combo.setCurrentIndex(1)
    assert set(shown_ids(window)) == db_ids(Student.school_class == classes[0])
    window.grade_combo.setCurrentIndex(0)  # back to 全部年级: the class list covers every grade
    assert window.class_combo.currentIndex() >= 0
    window.class_combo.setCurrentIndex(0)
    window.status_combo.setCurrentIndex(window.status_combo.findData(ON_ROLL_FILTER))
    assert window.status_combo.currentText() == "在籍"
    assert set(shown_ids(window)) == db_ids(Student.status.in_([s.value for s in ON_ROLL]))
    window.status_combo.setCurrentIndex(window.status_combo.findData(Status.ENROLLED.value))
    assert set(shown_ids(window)) == db_ids(Student.status == "enrolled")
    window.search.setText("张")
    assert set(shown_ids(window)) == {s.id for s in Student.select().where(Student.status == "enrolled")
                                      if "张" in s.name}


def test_status_filter_defaults_to_all(window):
    assert window.status_combo.currentText() == "全部"
    assert window.grade_combo.currentText() == "全部年级" and window.class_combo.currentText() == "全部班级"


# -- the record --------------------------------------------------------------------------------
def test_clicking_a_row_shows_the_record_and_history(window, qtbot, ws):
    zhang = pupil("张三")
    qtbot.keyClicks(window.search, "zs")
    click_row(qtbot, window, zhang.id)
    detail = window.detail
    assert detail.header.name.text() == "张三"
    assert zhang.student_number in detail.header.line.text()
    assert zhang.school_class.name in detail.header.line.text()
    assert zhang.identity_verified and zhang.student_number.startswith("G")  # every field, verified: built
    assert detail.header.deadline.text() == "" and detail.header.deadline.isHidden()
    assert detail.value("学籍档案") == "已建立"
    assert detail.value("身份证件号") == zhang.id_number
    assert detail.value("学籍号") == zhang.student_number
    assert detail.value("学籍状态") == "在校"
    assert detail.value("联系电话") == "13904171234"
    family = detail.family_box.findChildren(type(detail.family_box))
    assert any("张建国" in box.title() for box in family)
    rows = detail.history_rows()
    assert len(rows) == 1
    when, who, what, articles, _ = rows[0]
    assert who == ws.user.display_name
    assert what.startswith("新生注册：张三") and zhang.student_number in what
    assert detail.tabs.tabText(1) == "变更记录（1）"
    assert window.print_action.isEnabled()


def test_selection_survives_a_search_that_keeps_the_pupil(window, qtbot):
    zeng = pupil("曾小明")
    click_row(qtbot, window, zeng.id)
    qtbot.keyClicks(window.search, "cxm")
    assert window.selected_student_id() == zeng.id
    assert window.table.currentIndex().row() == window.model.row_of(zeng.id)


# -- changes through the hub -------------------------------------------------------------------
def test_enrolment_through_the_service_adds_the_row(window, ws, qtbot):
    before = window.model.total_count
    window.search.setText("zzzz")  # a search that hides everyone: the new pupil is shown anyway
    draft = explain_warnings(ws, new_pupil_draft("赵新苗", __import__("datetime").date(2020, 4, 4), 911))
    with qtbot.waitSignal(hub().changed, timeout=1000):
        student = run_op(window, lambda: enrolment.enrol(ws, draft), initiator=None)
    assert student is not None and Student.get_by_id(student.id).name == "赵新苗"
    assert window.model.total_count == before + 1 == Student.select().count()
    assert window.model.row_of(student.id) >= 0
    assert window.selected_student_id() == student.id
    assert window.detail.header.name.text() == "赵新苗"
    assert window.count_label.text().startswith(f"共 {before + 1} 名学生")


def test_rule_violation_is_shown_in_chinese_and_nothing_written(window, ws, messages):
    before = Student.select().count()
    again = explain_warnings(ws, new_pupil_draft("张山", __import__("datetime").date(2020, 3, 7), 901))
    assert run_op(window, lambda: enrolment.enrol(ws, again)) is None
    assert Student.select().count() == before == window.model.total_count
    [(title, text, details)] = messages
    assert title == "未能完成" and "未写入" in text
    assert pupil("张三").student_number in details  # the duplicate ID names the existing record


def test_other_errors_are_shown_with_their_message(window, messages):
    def broken():
        raise OSError("磁盘已满")

    assert run_op(window, broken) is None
    assert messages == [("出错了", "操作未能完成。", "磁盘已满")]


def test_detail_refreshes_when_its_pupil_changes(window, qtbot, ws):
    zhang = pupil("张三")
    click_row(qtbot, window, zhang.id)
    Student.update(phone="13800000000").where(Student.id == zhang.id).execute()  # as a service would
    hub().announce(Changes(students={zhang.id}), None)
    assert window.detail.value("联系电话") == "13800000000"


def test_printing_saves_the_pdf_and_opens_it(window, qtbot, tmp_path, monkeypatch, messages):
    pytest.importorskip("xueji_desktop.core.forms.student_info")
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    zhang = pupil("张三")
    click_row(qtbot, window, zhang.id)
    asked, opened = [], []
    target = tmp_path / "info.pdf"

    def ask(parent, caption, directory, filters):
        asked.append(directory)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    window.save_info_action.trigger()  # Ctrl+P prints; the PDF is 另存为 PDF…
    assert messages == []
    assert asked[0].endswith(f"学生基本信息表-张三-{zhang.student_number}.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert opened == [str(target)]


# -- the model -------------------------------------------------------------------------------
def test_roster_model_passes_qtmodeltester(app, ws, qtmodeltester):
    model = RosterModel(subscribe=False)
    qtmodeltester.check(model, force_py=True)
    # the tester stays connected: filter, sort and reload resets are checked as they happen
    model.set_filter(RosterFilter(query="zs", status=ON_ROLL_FILTER))
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    model.reload()
    model.set_filter(RosterFilter())
    assert model.visible_count == Student.select().count()


def test_filtered_and_sorted_roster_model_passes_qtmodeltester(app, ws, qtmodeltester):
    model = RosterModel(subscribe=False)
    model.set_filter(RosterFilter(query="z", grade=1))
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert 0 < model.visible_count < model.total_count
    qtmodeltester.check(model, force_py=True)


def test_model_reloads_only_for_pupil_or_class_changes(app, ws):
    calls = []

    def loader():
        calls.append(1)
        from xueji_desktop.core.pupils.roster import roster_rows

        return roster_rows()

    model = RosterModel(loader=loader)  # kept referenced: a collected model hears nothing
    hub().announce(Changes(school=True), None)
    assert len(calls) == 1
    hub().announce(Changes(students={1}), None)
    assert len(calls) == 2
    hub().announce(Changes(classes=True), None)
    assert len(calls) == 3
    assert model.total_count == Student.select().count()


def test_filtering_3000_pupils_as_the_registrar_types(app):
    """Every keystroke filters the whole roll (its speed: `python -m bench`, search as you type)."""
    names = ["张三", "李四", "王五", "曾小明", "赵钱孙"]
    from xueji_desktop.core.pupils.search import build_keys

    keys = {n: build_keys(n) for n in names}
    rows = [RosterRow(i, f"G2108112020{i:08d}", names[i % 5], "1", 1 + i % 9, 1 + i % 18, f"{i % 18}班",
                      "enrolled", keys[names[i % 5]] + f"\x1fg2108112020{i:08d}") for i in range(3000)]
    model = RosterModel(loader=lambda: rows, subscribe=False)
    seen = {}
    for typed in ("z", "zs", "zx", "zxm", "c", "cx", "cxm", ""):
        model.update_filter(query=typed)
        seen[typed] = model.visible_count
    assert seen["zs"] == 600 and seen["zxm"] == seen["cxm"] == 600 and seen[""] == 3000  # 曾: zēng and céng
    model.update_filter(query="cxm")
    assert model.visible_count == 600


def test_archive_deadline_shown_only_while_the_record_is_incomplete(window, qtbot, ws):
    draft = new_pupil_draft("王小丫", dt.date(2020, 4, 2), 921)
    draft.identity_verified = False  # not yet checked against the 户口簿: temporary L number
    student = run_op(window, lambda: enrolment.enrol(ws, explain_warnings(ws, draft)), initiator=None)
    assert student.student_number.startswith("L") and not student.identity_verified
    assert window.detail.student_id == student.id  # the window shows the new pupil
    header = window.detail.header.deadline
    days = (student.archive_deadline - ws.today()).days
    assert f"学籍档案建立期限：" in header.text() and student.archive_deadline.strftime("%Y-%m-%d") in header.text()
    assert f"还剩 {days} 天" in header.text() and "身份尚未核验" in header.text() and "临时学籍号" in header.text()
    assert window.detail.value("学籍档案").startswith("未建立")
    ws.test_clock.now = dt.datetime.combine(student.archive_deadline + dt.timedelta(days=5), dt.time(9, 0))
    window.detail.show_student(student.id)
    assert "已逾期 5 天" in header.text() and "已到期" not in header.text()
    zhang = pupil("张三")  # complete: nothing, however long ago the deadline was
    window.select_student(zhang.id)
    assert zhang.archive_deadline < ws.today() and header.text() == "" and header.isHidden()
    assert Student.get_by_id(student.id).student_number == student.student_number


# -- greyed entries say why ----------------------------------------------------------------------
def hover(qtbot, menu, action):
    from PySide6.QtCore import QPoint

    menu.popup(QPoint(10, 10))
    qtbot.waitExposed(menu)
    qtbot.mouseMove(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: menu.actionAt(menu.actionGeometry(action).center()) is action)


def test_every_greyed_entry_says_why_in_its_tooltip_and_the_status_bar(window, qtbot, ws):
    from PySide6.QtWidgets import QMenu

    from xueji_desktop.core.casework.cases import CaseKind

    menus = [m for m in window.menuBar().findChildren(QMenu) if m.title()]  # not the overflow popup
    assert menus and all(m.toolTipsVisible() for m in menus), [m.title() for m in menus if not m.toolTipsVisible()]
    zhang = pupil("张三")
    window.show_pupils()
    window.select_student(zhang.id)
    actions = [a for m in menus for a in m.actions() if a.text() and not a.menu()]
    greyed = [a for a in actions if not a.isEnabled()]
    assert greyed and all(a.toolTip() and a.statusTip() == a.toolTip() for a in greyed), \
        [a.text() for a in greyed if not a.statusTip()]
    back = window.dropout_actions[CaseKind.DROPOUT_RETURN]  # 辍学返校 for a pupil 在校
    assert not back.isEnabled() and "张三 现为“在校”" in back.toolTip() and "辍学返校" in back.toolTip()
    resumption = window.change_actions[CaseKind.RESUMPTION]
    assert not resumption.isEnabled() and "不能办理复学" in resumption.statusTip()
    not_offered = [a for a in greyed if "本地区未设此项业务" in a.toolTip()]
    for action in not_offered:  # where the region has no such business, its document is named
        assert "《" in action.toolTip()
    hover(qtbot, window.change_menu, back)
    assert window.statusBar().currentMessage() == back.statusTip()
    window.change_menu.hide()
    assert window.statusBar().currentMessage() == ""
    before = Case.select().count()
    back.trigger()  # disabled: nothing happens
    assert Case.select().count() == before and Student.get_by_id(zhang.id).status == Status.ENROLLED.value


def test_nothing_selected_greys_the_pupil_entries_with_the_reason(app, ws, qtbot, messages):
    from xueji_desktop.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    assert win.selected_student_id() is None
    for action in (win.print_action, win.transfer_out_action, win.info_action, *win.change_actions.values()):
        assert not action.isEnabled() and action.toolTip() == action.statusTip() == "请先在学生名单中选中学生"
    assert win.transfer_in_action.isEnabled()


def test_a_fault_of_the_program_is_logged_and_named_without_a_traceback(window, messages, monkeypatch, tmp_path):
    from xueji_desktop import crash_log

    monkeypatch.setenv(crash_log.LOG_DIR_ENV, str(tmp_path / "log"))

    def broken():
        return {}["missing key"]

    try:
        assert run_op(window, broken) is None
        [(title, text, details)] = messages
        assert title == "出错了" and details == ""
        assert "这项操作未能完成" in text and "没有留下写了一半的数据" in text and "Traceback" not in text
        log = crash_log.log_path()
        assert str(log) in text and "KeyError: 'missing key'" in log.read_text("utf-8")
    finally:
        crash_log.uninstall()


def test_a_keystroke_that_keeps_the_selected_pupil_listed_leaves_the_menus_as_worked_out(window, qtbot, monkeypatch):
    """The menus' states (each entry enabled, or greyed with its reason) are worked out for the selected pupil
    once, and again after any change the hub announces, not at each keystroke of 查找."""
    from xueji_desktop.gui import main_window

    window.view_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    window.table.selectRow(0)
    chosen = window.model.row_at(0)
    assert window.selected_student_id() == chosen.id
    read: list[int | None] = []
    real = main_window.pupil_reads.pupil
    monkeypatch.setattr(main_window.pupil_reads, "pupil", lambda i: read.append(i) or real(i))
    window.search.setText(chosen.name[0])  # the pupil is still listed, and still selected
    window.search.setText(chosen.name)
    assert window.selected_student_id() == chosen.id and read == []
    run_op(window, lambda: Changes(students={chosen.id}))  # a change somewhere: worked out again, once
    assert read == [chosen.id]
    window.search.setText("zzzq")  # nobody: no pupil selected, entries greyed for that
    assert window.selected_student_id() is None and read[-1] is None
    assert not window.info_action.isEnabled()
