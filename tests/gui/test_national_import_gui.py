"""文件 → 从全国学籍系统导入 in the window: the dry run's problems table, the rejects workbook saved from the
dialog, the import with its progress bar and 取消, the same file twice and an unreadable file — on a real
school database and real workbooks written and read back with openpyxl."""

import os
from collections import Counter

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.national_files import school_rows, write_book
from xueji_desktop.core.national import excel_import
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.gui.main_window import PUPILS_TAB
from xueji_desktop.gui.national_import_dialog import (
    COL_ACTION,
    COL_ARTICLE,
    COL_COLUMN,
    COL_PROBLEM,
    COL_ROW,
    COMMITTING,
    NationalImportDialog,
)
from xueji_desktop.store.models import Event, Student

PUPILS = 110
BAD = {"check digit": 2, "id as number": 11, "duplicate a": 22, "duplicate b": 101}  # Excel rows, rejected
PHONE_AS_NUMBER = 32  # warned, imported


@pytest.fixture
def school_file(tmp_path):
    """110 pupils on one sheet (header on row 1, so pupil i is on Excel row i + 2): four rows rejected, one
    warned. Returns (path, rows as written)."""
    rows = school_rows(PUPILS, grades=range(1, 7), classes=2)
    last = rows[0]["身份证号"][-1]
    rows[0]["身份证号"] = rows[0]["身份证号"][:-1] + ("1" if last != "1" else "2")
    rows[0]["学籍号"] = "G" + rows[0]["身份证号"]
    rows[9]["身份证号"] = float(rows[9]["身份证号"])  # Excel's 2.10811E+17
    for column in ("身份证号", "学籍号", "出生日期", "性别"):
        rows[99][column] = rows[20][column]  # the same person twice
    rows[30]["联系电话"] = 13904171234  # a number cell: warned, still imported
    folder = tmp_path / "导出"
    folder.mkdir()
    return write_book(folder / "学生信息.xlsx", {"学生": rows}), rows


def excel_row_of(i: int) -> int:
    return i + 2


def accepted_numbers(rows) -> set[str]:
    bad = set(BAD.values())
    return {r["学籍号"] for i, r in enumerate(rows) if excel_row_of(i) not in bad}


def dialog(qtbot, ws, parent=None) -> NationalImportDialog:
    d = NationalImportDialog(ws, parent)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def column(d, index: int) -> list[str]:
    return [d.problems.item(r, index).text() for r in range(d.problems.rowCount())]


def counts() -> tuple[int, int]:
    return Student.select().count(), Event.select().count()


def test_the_dry_run_lists_each_problem_with_its_row_article_and_handling(app, qtbot, ws, messages, school_file,
                                                                         monkeypatch):
    from xueji_desktop.core.national import excel_import

    path, _rows = school_file
    before = counts()
    d = dialog(qtbot, ws)
    assert not d.import_button.isEnabled() and not d.save_rejects_button.isEnabled()
    real_check, cursors = excel_import.check_file, []

    def watched(ws, p, progress=None):  # the registrar sees the busy cursor while the file is read
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return real_check(ws, p, progress)

    monkeypatch.setattr(excel_import, "check_file", watched)
    plan = d.check(path)
    assert cursors == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
    assert len(plan.accepted) == PUPILS - 4 and sorted(r.row for r in plan.rejected) == sorted(BAD.values())

    assert d.problems.rowCount() == len(plan.problems) == 7  # two problems on each duplicate row
    assert sorted({int(t) for t in column(d, COL_ROW)}) == sorted([*BAD.values(), PHONE_AS_NUMBER])
    by_row: dict[int, list[int]] = {}
    for r in range(d.problems.rowCount()):
        by_row.setdefault(int(d.problems.item(r, COL_ROW).text()), []).append(r)
    problem = {n: [d.problems.item(r, COL_PROBLEM).text() for r in at] for n, at in by_row.items()}
    assert any("校验位错误" in t for t in problem[BAD["check digit"]])
    assert any("数字单元格" in t and "15 位" in t for t in problem[BAD["id as number"]])
    assert any("在文件中重复" in t and "第 101 行" in t for t in problem[BAD["duplicate a"]])
    duplicate_article = ws.profile.rule("enrolment.duplicate_id").article
    assert duplicate_article and all(d.problems.item(r, COL_ARTICLE).text() == duplicate_article
                                     for r in by_row[BAD["duplicate b"]])
    assert {d.problems.item(r, COL_COLUMN).text() for r in by_row[BAD["id as number"]]} == {"K 列（身份证号）"}
    (phone,) = by_row[PHONE_AS_NUMBER]
    assert "联系电话是数字单元格" in d.problems.item(phone, COL_PROBLEM).text()
    assert d.problems.item(phone, COL_ACTION).text() == "提醒：仍导入"
    assert {d.problems.item(r, COL_ACTION).text() for n in BAD.values() for r in by_row[n]} == {"禁止：不导入"}

    assert "共 110 行：可导入 106 行，有问题未导入 4 行" in d.summary_label.text()
    assert "禁止 6 条，提醒 1 条" in d.summary_label.text()
    assert "禁止" in d.legend_label.text() and "提醒" in d.legend_label.text()
    assert d.import_button.isEnabled() and plain(d.import_button.text()) == "导入 106 名学生"
    assert d.save_rejects_button.isEnabled()
    assert counts() == before and messages == []


def test_sorting_by_row_is_numeric(app, qtbot, ws, messages, school_file):
    d = dialog(qtbot, ws)
    d.check(school_file[0])
    d.problems.sortByColumn(COL_ROW, Qt.SortOrder.DescendingOrder)
    assert column(d, COL_ROW) == ["101", "101", "32", "22", "22", "11", "2"]  # as text, 2 would come first
    d.problems.sortByColumn(COL_ROW, Qt.SortOrder.AscendingOrder)
    assert column(d, COL_ROW) == ["2", "11", "22", "22", "32", "101", "101"]
    d.problems.sortByColumn(COL_ACTION, Qt.SortOrder.DescendingOrder)
    assert column(d, COL_ACTION)[0] == "提醒：仍导入"


def test_the_rejects_workbook_saved_from_the_dialog_holds_the_bad_rows_only(app, qtbot, ws, messages, school_file,
                                                                            tmp_path):
    path, rows = school_file
    d = dialog(qtbot, ws)
    d.check(path)
    asked = []
    d.choose_save_path = lambda title, suggested, filt: asked.append(suggested) or str(tmp_path / "改正")
    assert plain(d.save_rejects_button.text()) == "保存问题行（4 行）…"
    d.save_rejects_button.click()
    assert asked == [path.parent / "学生信息-问题行.xlsx"]
    saved = tmp_path / "改正.xlsx"  # the extension added
    assert "4 行" in d.result_label.text() and "Excel" in d.result_label.text() and "改正.xlsx" in d.result_label.text()

    book = openpyxl.load_workbook(saved)
    sheet = book["学生"]
    header = [c.value for c in sheet[1]]
    data = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    book.close()
    assert header[0] == "问题说明" and header[1:3] == ["学籍号", "编号"]
    names = [r[header.index("姓名")] for r in data]
    bad_names = [rows[n - 2]["姓名"] for n in sorted(BAD.values())]
    assert names == bad_names and rows[PHONE_AS_NUMBER - 2]["姓名"] not in names
    notes = {r[header.index("姓名")]: r[0] for r in data}
    assert "校验位错误" in notes[rows[0]["姓名"]] and "在文件中重复" in notes[rows[99]["姓名"]]
    assert messages == []


def test_import_from_the_menu_adds_the_accepted_pupils_and_the_window_lists_them(window, ws, qtbot, messages,
                                                                                school_file, monkeypatch):
    path, rows = school_file
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu.actions()[0] is window.national_import_action
    assert plain(window.national_import_action.text()) == "从全国学籍系统导入…" and window.national_import_action.toolTip()
    before_pupils, _ = counts()
    last_event = Event.select().order_by(Event.seq.desc()).first().seq
    opened = []
    window.show_todo()

    def run(self):  # the registrar: picks the file, reads the table, imports (exec would block)
        opened.append(self)
        self.choose_file = lambda: str(path)
        self.choose_button.click()
        self.import_button.click()
        return 0

    monkeypatch.setattr(NationalImportDialog, "exec", run)
    window.national_import_action.trigger()
    (d,) = opened
    numbers = accepted_numbers(rows)
    assert Student.select().count() == before_pupils + 106
    assert Student.select().where(Student.student_number.in_(list(numbers))).count() == 106
    rejected = [rows[n - 2]["学籍号"] for n in BAD.values()]
    assert Student.select().where(Student.student_number.in_(rejected)).count() == 0
    new_events = list(Event.select().where(Event.seq > last_event))
    assert len([e for e in new_events if e.kind == "student_enrolled" and "全国学籍系统导入" in e.summary]) == 106
    kinds = Counter(e.kind for e in new_events)  # one event a pupil, one for the classes the file created if any
    assert set(kinds) <= {"student_enrolled", "class_created"} and kinds["class_created"] <= 1
    assert {e.author.username for e in new_events} == {ws.user.username}
    assert "已导入 106 名学生" in d.summary_label.text() and "4 行有问题未导入" in d.summary_label.text()
    assert d.progress.value() == d.progress.maximum() == 106 and not d.cancel_button.isVisible()
    assert not d.import_button.isEnabled() and plain(d.import_button.text()) == "已导入"
    # the main window's list, refreshed through the hub, shown when the dialog closes
    assert window.view_tabs.currentIndex() == PUPILS_TAB
    assert window.model.total_count == Student.select().count()
    phone_pupil = Student.get(Student.student_number == rows[PHONE_AS_NUMBER - 2]["学籍号"])
    assert window.model.row_of(phone_pupil.id) >= 0
    assert messages == []

    # the same file again: nobody added, and the dialog says so
    opened.clear()

    def again(self):
        opened.append(self)
        self.check(path)
        return 0

    monkeypatch.setattr(NationalImportDialog, "exec", again)
    window.national_import_action.trigger()
    (d2,) = opened
    assert "此文件已导入过" in d2.result_label.text() and "106 名学生都已在本校学籍中" in d2.result_label.text()
    assert "不会新增任何学生" in d2.result_label.text()
    assert not d2.import_button.isEnabled() and "已在本校学籍中" in d2.summary_label.text()
    assert d2.run_import() is None
    assert Student.select().count() == before_pupils + 106 and messages == []


def test_cancel_during_the_import_writes_nothing_and_nothing_else_closes_it(app, qtbot, ws, messages, school_file):
    path, _rows = school_file
    before = counts()
    d = dialog(qtbot, ws)
    d.check(path)
    original = d.report_progress
    seen = []

    def pressing(done, total):
        going_on = original(done, total)
        seen.append((done, total))
        if len(seen) == 1:  # mid-import: Esc and the close box do nothing, 关闭 is greyed; 取消 works
            d.reject()
            assert d.isVisible() and not d.close_button.isEnabled() and not d.import_button.isEnabled()
            assert d.progress_box.isVisible() and d.cancel_button.isEnabled()
            assert d.progress_label.text() == "正在导入 0/106 名学生…"
            d.cancel_button.click()
        return going_on

    d.report_progress = pressing
    d.import_button.click()
    assert seen[0] == (0, 106) and len(seen) == 2  # the next call after 取消 stopped it
    assert counts() == before
    assert "已取消导入" in d.result_label.text() and "没有写入任何学生" in d.result_label.text()
    assert d.import_button.isEnabled() and d.close_button.isEnabled() and not d.progress_box.isVisible()
    assert d.imported is None and messages == []

    last = []  # the import again: once every row is written, the commit cannot be cancelled

    def committing(done, total):
        going_on = original(done, total)
        if done == total:
            last.append((d.progress_label.text(), d.cancel_button.isEnabled(), d.cancel_button.toolTip()))
            d.cancel_button.click()  # greyed out: does nothing
        return going_on

    d.report_progress = committing
    d.import_button.click()
    assert last == [("已写入 106 名学生，正在保存到数据库…", False, COMMITTING)]
    assert d.imported is not None and d.imported.added == 106 and counts()[0] == before[0] + 106
    d.close_button.click()
    assert not d.isVisible()


def test_a_long_check_shows_its_progress_and_can_be_stopped(app, qtbot, ws, messages, school_file, monkeypatch):
    path, _rows = school_file
    before = counts()
    monkeypatch.setattr(excel_import, "PROGRESS_EVERY", 10)
    d = dialog(qtbot, ws)
    original = d.report_progress
    seen = []

    def pressing(done, total):
        going_on = original(done, total)
        seen.append((done, total))
        if len(seen) == 2:  # while checking: the bar counts rows, Esc does nothing, 取消 stops
            assert d.progress_box.isVisible() and d.progress_label.text() == "正在检查 10/110 行…"
            assert (d.progress.value(), d.progress.maximum()) == (10, 110)
            assert not d.choose_button.isEnabled() and not d.close_button.isEnabled()
            d.reject()
            assert d.isVisible()
            d.cancel_button.click()
        return going_on

    d.report_progress = pressing
    assert d.check(path) is None
    assert seen == [(0, 110), (10, 110), (20, 110)]  # the next call after 取消 stopped it
    assert "已停止检查" in d.summary_label.text() and d.plan is None and d.problems.rowCount() == 0
    assert not d.progress_box.isVisible() and d.recheck_button.isEnabled() and not d.import_button.isEnabled()
    assert counts() == before and messages == []
    d.report_progress = original
    assert d.check(path) is not None and len(d.plan.accepted) == 106  # checked in full the next time


def test_an_unreadable_file_says_why_in_chinese_and_writes_nothing(app, qtbot, ws, messages, school_file, tmp_path):
    before = counts()
    d = dialog(qtbot, ws)
    d.check(school_file[0])
    assert d.problems.rowCount() == 7
    fake = tmp_path / "学生信息（假）.xlsx"
    fake.write_text("这不是 Excel 文件\n姓名,性别\n", encoding="utf-8")
    assert d.check(fake) is None
    ((title, text, details),) = messages
    assert title == "从全国学籍系统导入" and "无法导入" in text and fake.name in text
    assert "没有写入任何内容" in details and "Traceback" not in details
    assert any("\u4e00" <= ch <= "\u9fff" for ch in details.split("\n")[0])  # the reader's own Chinese reason
    assert d.problems.rowCount() == 0 and d.plan is None
    assert "未能读取" in d.summary_label.text()
    assert not d.import_button.isEnabled() and not d.save_rejects_button.isEnabled()
    assert counts() == before


def test_a_fault_of_the_program_is_named_without_a_traceback_and_leaves_nothing(app, qtbot, ws, messages, school_file,
                                                                             monkeypatch, tmp_path):
    from xueji_desktop import crash_log
    from xueji_desktop.core.national import excel_import

    monkeypatch.setenv(crash_log.LOG_DIR_ENV, str(tmp_path / "log"))
    path, _rows = school_file
    before = counts()
    d = dialog(qtbot, ws)
    try:
        real_check = excel_import.check_file
        monkeypatch.setattr(excel_import, "check_file", lambda ws, p: {}["missing key"])
        assert d.check(path) is None
        ((title, text, details),) = messages
        assert title == "出错了" and "检查导入文件未能完成" in text and "Traceback" not in text + details
        assert d.problems.rowCount() == 0 and not d.import_button.isEnabled()

        monkeypatch.setattr(excel_import, "check_file", real_check)
        d.check(path)
        original = d.report_progress

        def failing(done, total):  # a fault halfway through the rows
            if done:
                raise KeyError("missing key")
            return original(done, total)

        d.report_progress = failing
        d.import_button.click()
        title, text, _details = messages[-1]
        assert len(messages) == 2 and title == "出错了" and "没有留下写了一半的数据" in text
        assert counts() == before and d.imported is None
        assert "没有写入任何学生" in d.result_label.text()
        assert d.import_button.isEnabled() and d.close_button.isEnabled() and not d.progress_box.isVisible()
    finally:
        crash_log.uninstall()


def test_recheck_reads_the_file_again_after_it_was_fixed_in_excel(app, qtbot, ws, messages, school_file):
    path, rows = school_file
    d = dialog(qtbot, ws)
    d.choose_file = lambda: str(path)
    assert not d.recheck_button.isEnabled()
    d.choose_button.click()
    assert d.file_path.text() == str(path) and d.problems.rowCount() == 7
    bad = {n - 2 for n in BAD.values()}
    write_book(path, {"学生": [r for i, r in enumerate(rows) if i not in bad]})  # the registrar deletes them
    d.recheck_button.click()
    assert d.problems.rowCount() == 1 and column(d, COL_ACTION) == ["提醒：仍导入"]
    assert "共 106 行：可导入 106 行，有问题未导入 0 行" in d.summary_label.text()
    assert not d.save_rejects_button.isEnabled() and plain(d.import_button.text()) == "导入 106 名学生"
    assert messages == []
