"""待办 tab and 每学期复核 dialog through the real window on a real database file: the tab first and shown
at start-up, rows and colours, each row opening its place (what opened is asserted), refreshed from the
hub, the 2027 banner, the term review's checklist, print and 记录完成."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSWORD, make_school
from tests.test_status_change_workflow import suspend
from tests.test_todo import enrol
from xueji_desktop.core.overview import todo
from xueji_desktop.gui import term_review_dialog
from xueji_desktop.gui.case_dialog import AMBER, RED
from xueji_desktop.store.models import Case, TermReview

D = dt.date


def move_to(ws, day):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(9, 0))


@pytest.fixture
def school(tmp_path):
    """National rules: 李子树 complete; 张三 on an L number (archive due 1 Oct); 曾小明 suspended to 14 Oct;
    seen on 12 Oct 2026."""
    ws = make_school(tmp_path / "school.sqlite3", today=D(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    pupils = {"ok": enrol(ws, "李子树", grade=1, seq=451, new=True),
              "temporary": enrol(ws, "张三", grade=1, seq=453, new=True, verified=False),
              "suspended": enrol(ws, "曾小明", grade=4, seq=457)}
    suspend(ws, pupils["suspended"], D(2026, 9, 1), D(2026, 10, 14))
    move_to(ws, D(2026, 10, 12))
    yield ws, pupils
    ws.close()


@pytest.fixture
def main(app, school, qtbot, messages):
    from xueji_desktop.gui.main_window import MainWindow

    ws, _ = school
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def row_of(panel, kind):
    return next(r for r, item in enumerate(panel.items) if item.kind == kind)


def activate(qtbot, panel, row, how="enter"):
    table = panel.table
    table.setCurrentCell(row, 1)
    if how == "enter":
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
    else:
        centre = table.visualRect(table.model().index(row, 1)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # the press a double-click follows
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_tab_is_first_and_shown_with_every_item_in_order(main, school):
    ws, pupils = school
    panel = main.todo_panel
    assert main.view_tabs.tabText(0) == f"待办（{len(panel.items)}）" and main.view_tabs.currentIndex() == 0
    assert main.views.currentWidget() is panel and panel.isVisible()
    assert [main.view_tabs.tabText(i)[:2] for i in range(3)] == ["待办", "学生", "申请"]
    items = todo.todo_items(ws)
    assert [(i.kind, i.target) for i in panel.items] == [(i.kind, i.target) for i in items]
    rows = panel.rows()
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert headers[:5] == ["紧急程度", "事项", "学生/申请", "期限", "还剩/已逾期（工作日）"]

    archive = row_of(panel, "archive")
    assert rows[archive][:5] == ("已逾期", "建立学籍档案（补全信息、核验身份）",
                                 f"张三（{pupils['temporary'].student_number}）", "2026-10-01", "已逾期 4 个工作日")
    assert archive == 0 and panel.row_colour(archive) == RED.lower()
    suspension = row_of(panel, "suspension")
    assert rows[suspension][0] == "紧急" and rows[suspension][4] == "还剩 2 个工作日"
    assert panel.row_colour(suspension) == AMBER.lower()
    export = row_of(panel, "export")
    assert rows[export][3] == "—" and panel.row_colour(export) is None and export > suspension
    assert panel.late.text() == "其中 1 项已逾期"
    # the term review is due on 20 Jan 2027, a year without holiday data: said in the banner and the row
    review = row_of(panel, "term_review")
    assert rows[review][3] == "2027-01-20 ▲估算" and panel.banner.isVisible()
    assert "2027 年的法定节假日尚未录入" in panel.banner.text()
    assert "张三" in panel.detail.text()  # the current row in full, below the table


def test_enter_on_an_archive_row_selects_the_pupil_in_the_list(main, school, qtbot):
    _, pupils = school
    panel = main.todo_panel
    main.search.setText("曾")  # the pupil hidden by a search: the filters are cleared
    activate(qtbot, panel, row_of(panel, "archive"))
    assert panel.last_opened == (("student", pupils["temporary"].id), pupils["temporary"].id)
    assert main.view_tabs.currentIndex() == 1 and main.selected_student_id() == pupils["temporary"].id
    assert main.detail.student_id == pupils["temporary"].id and main.search.text() == ""


def test_double_click_on_a_case_row_opens_the_case_page(main, school, qtbot):
    from tests.test_status_change_workflow import draft
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.core.changes import status_change
    from xueji_desktop.gui.operations import run_op

    ws, pupils = school
    panel = main.todo_panel
    ground = ws.profile.value("suspension.grounds")[0]["id"]
    run_op(main, lambda: status_change.open_change(ws, draft(ws, CaseKind.SUSPENSION, pupils["ok"], ground_id=ground,
                                                           effective_on=ws.today(), until=D(2027, 7, 10))))
    qtbot.waitUntil(lambda: any(i.kind == "case_step" for i in panel.items))  # refreshed from the hub
    case = Case.get(Case.student == pupils["ok"].id)
    activate(qtbot, panel, row_of(panel, "case_step"), how="double-click")
    target, dialog = panel.last_opened
    assert target == ("case", case.id) and dialog is main.cases_panel.dialog and dialog.case_id == case.id
    assert dialog.isVisible()
    dialog.close()


def test_the_term_review_row_opens_the_checklist_and_marking_it_done_clears_the_row(main, school, qtbot, tmp_path,
                                                                                    monkeypatch):
    _, pupils = school
    panel = main.todo_panel
    activate(qtbot, panel, row_of(panel, "term_review"))
    target, dialog = panel.last_opened
    assert target == ("review", None) and isinstance(dialog, term_review_dialog.TermReviewDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "每学期复核 — 2026—2027学年上学期"
    rows = dialog.rows()
    assert ("临时学籍号", "一年级(1)班", "张三", pupils["temporary"].student_number) in [r[:4] for r in rows]
    assert "在籍学生 <b>3</b> 人" in dialog.summary.text()

    saved, opened = tmp_path / "复核表.pdf", []
    monkeypatch.setattr(term_review_dialog, "ask_save_path", lambda *a: str(saved))
    monkeypatch.setattr(term_review_dialog, "open_file", opened.append)
    dialog.print_sheet()
    assert saved.is_file() and opened == [saved] and saved.read_bytes().startswith(b"%PDF")

    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    dialog.note.setText("临时学籍号已报公安核验")
    dialog.mark_done()
    assert TermReview.select().count() == 1 and not dialog.done_button.isEnabled()
    assert "已于 2026-10-12 记录完成" in dialog.state.text()
    qtbot.waitUntil(lambda: not any(i.kind == "term_review" for i in panel.items))

    # a problem row leads to the pupil (the dialog steps aside)
    row = next(r for r, cells in enumerate(dialog.rows()) if cells[2] == "张三")
    dialog.open_row(row)
    assert main.selected_student_id() == pupils["temporary"].id and main.view_tabs.currentIndex() == 1
    assert not dialog.isVisible()


def test_the_export_row_opens_the_export_dialog(main, qtbot):
    from xueji_desktop.gui.exchange_dialogs import ExportDialog

    panel = main.todo_panel
    activate(qtbot, panel, row_of(panel, "export"))
    target, dialog = panel.last_opened
    assert target == ("export", None) and isinstance(dialog, ExportDialog) and dialog.isVisible()
    dialog.close()


def test_a_dropout_row_opens_the_dropout_wizard_on_the_proposed_status(app, tmp_path, qtbot, messages, monkeypatch):
    pytest.importorskip("xueji_desktop.gui.dropout_wizard", reason="the dropout wizard is not in this build")
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.core.dropout_control import attendance
    from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays
    from xueji_desktop.gui import dropout_wizard
    from xueji_desktop.gui.main_window import MainWindow

    ws = make_school(tmp_path / "hlj.sqlite3", profile_id="heilongjiang", today=D(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    pupil = enrol(ws, "王小明", grade=4, seq=459)
    move_to(ws, D(2026, 11, 12))  # 黑龙江: more than 7 school days of 无故缺席 → 疑似辍学
    days = SchoolDays.for_workspace(ws).between(D(2026, 11, 2), D(2026, 11, 12))
    attendance.save_absences(ws, pupil.school_class_id, {(pupil.id, d): Kind.UNEXCUSED for d in days})
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    panel = window.todo_panel
    row = row_of(panel, "dropout")
    assert panel.rows()[row][:2] == ("需处理", "考勤：已达到疑似辍学认定条件") and panel.row_colour(row) == RED.lower()
    wizards = []
    monkeypatch.setattr(dropout_wizard, "run_dropout", lambda parent, ws, kind, sid: wizards.append((kind, sid)) or kind)
    activate(qtbot, panel, row)
    assert panel.last_opened == (("dropout", pupil.id), CaseKind.SUSPECTED_DROPOUT)
    assert wizards == [(CaseKind.SUSPECTED_DROPOUT, pupil.id)] and window.selected_student_id() == pupil.id
    ws.close()


def test_2027_banner_and_the_holidays_row_open_the_dialog_on_that_year(app, school, qtbot, messages):
    from xueji_desktop.gui.holidays_dialog import HolidaysDialog
    from xueji_desktop.gui.main_window import MainWindow

    ws, _ = school
    suspend(ws, enrol(ws, "王小明", grade=4, seq=459), D(2026, 10, 12), D(2027, 1, 4))
    move_to(ws, D(2026, 12, 28))
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    panel = window.todo_panel
    assert panel.banner.isVisible() and "2027 年的法定节假日尚未录入" in panel.banner.text()
    estimated = [r for r, i in enumerate(panel.items) if i.estimated]
    assert estimated and all(panel.rows()[r][3].endswith("▲估算") for r in estimated)
    activate(qtbot, panel, row_of(panel, "holidays"))
    target, dialog = panel.last_opened
    assert target == ("holidays", 2027) and isinstance(dialog, HolidaysDialog) and dialog.year == 2027
    dialog.close()
    panel.banner.linkActivated.emit("holidays:2027")
    assert panel.last_opened[0] == ("holidays", 2027) and panel.last_opened[1].isVisible()
    panel.last_opened[1].close()


def test_an_empty_school_opens_the_national_import_from_its_first_row(app, tmp_path, qtbot, messages):
    from xueji_desktop.gui.main_window import MainWindow
    from xueji_desktop.gui.national_import_dialog import NationalImportDialog

    ws = make_school(tmp_path / "empty.sqlite3", today=D(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    panel = window.todo_panel
    first = panel.rows()[0]
    assert first[1] == "本校还没有学生：从全国学籍系统导入" and first[0] == "需处理"
    activate(qtbot, panel, 0)
    dialog = panel.last_opened[1]
    assert isinstance(dialog, NationalImportDialog) and dialog.isVisible()
    dialog.reject()
    ws.close()
