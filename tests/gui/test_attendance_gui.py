"""考勤登记 on a real school database: a whole 50-pupil column typed from the keyboard and saved with
Ctrl+S, future days closed, unsaved edits asked about, refusals in Chinese, the teachers' sheets."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from xueji_desktop.core.dropout_control.attendance import Kind, class_pupils
from xueji_desktop.core.pupils.status import ON_ROLL, Status
from xueji_desktop.gui import attendance_dialog as ad
from xueji_desktop.gui.attendance_dialog import AttendanceDialog
from xueji_desktop.gui.attendance_model import FIRST_DAY
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.store.models import Absence, Event, SchoolClass, Student

TODAY = dt.date(2026, 10, 14)  # a Wednesday; Thursday and Friday are still to come
MON, TUE, WED = dt.date(2026, 10, 12), dt.date(2026, 10, 13), dt.date(2026, 10, 14)
KEYS = {"k": Qt.Key.Key_K, "b": Qt.Key.Key_B, "s": Qt.Key.Key_S, "1": Qt.Key.Key_1, "2": Qt.Key.Key_2,
        "3": Qt.Key.Key_3, " ": Qt.Key.Key_Space, "0": Qt.Key.Key_0, "v": Qt.Key.Key_Down}
KIND_OF_KEY = {"k": Kind.UNEXCUSED, "b": Kind.SICK, "s": Kind.PERSONAL, "1": Kind.SICK, "2": Kind.PERSONAL,
               "3": Kind.UNEXCUSED}
SHORT = {Kind.UNEXCUSED: "旷", Kind.SICK: "病", Kind.PERSONAL: "事"}


@pytest.fixture
def big_class(ws):
    """一年级(1)班 with 50 pupils on the roll (others of the school moved in), on 2026-10-14."""
    ws.test_clock.now = dt.datetime(2026, 10, 14, 10, 0)
    klass = SchoolClass.select().order_by(SchoolClass.grade, SchoolClass.number).first()
    on_roll = [s.value for s in ON_ROLL]
    have = [p.id for p in class_pupils(klass)]
    more = [s.id for s in Student.select(Student.id).where(Student.status.in_(on_roll) & ~Student.id.in_(have))
            .order_by(Student.id).limit(50 - len(have))]
    Student.update(school_class=klass).where(Student.id.in_(more)).execute()
    assert len(class_pupils(klass)) == 50
    return klass


@pytest.fixture
def dialog(app, qtbot, ws, big_class, messages):
    d = AttendanceDialog(ws, class_id=big_class.id)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    yield d
    d.model.pending.clear()  # closed without the 保存/不保存 question
    d.close()
    d.deleteLater()


def type_keys(qtbot, dialog, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(dialog.table, KEYS[key])


def shown(dialog, row: int, day: dt.date) -> str:
    m = dialog.model
    return m.data(m.index(row, m.column_of(day)))


def absences() -> dict[tuple[int, dt.date], Kind]:
    return {(a.student_id, a.day): Kind(a.kind) for a in Absence.select()}


def attendance_events() -> list[Event]:
    return list(Event.select().where(Event.kind == "attendance_recorded"))


def test_a_whole_column_typed_and_saved_with_ctrl_s(dialog, qtbot, big_class, messages):
    m, table = dialog.model, dialog.table
    assert m.days == [MON, TUE, WED, dt.date(2026, 10, 15), dt.date(2026, 10, 16)]
    assert [m.headerData(FIRST_DAY + i, Qt.Orientation.Horizontal) for i in range(5)] == [
        "周一 10-12", "周二 10-13", "周三 10-14", "周四 10-15", "周五 10-16"]
    assert dialog.title_label.text() == "一年级(1)班　第 7 周 2026-10-12 至 10-16"
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, m.column_of(WED))  # today

    # one key per pupil, top to bottom: a kind, or ↓ / space / 0 for a pupil who came
    keys = "".join("kbs3v21 0vvkvbs"[i % 15] for i in range(50))
    type_keys(qtbot, dialog, keys)
    assert table.currentIndex().row() == 49  # the cursor followed down the column
    expected = {row: KIND_OF_KEY[key] for row, key in enumerate(keys) if key in KIND_OF_KEY}
    assert [shown(dialog, row, WED) for row in range(50)] == [
        SHORT[expected[row]] + "*" if row in expected else "" for row in range(50)]
    assert f"有 {len(expected)} 处改动尚未保存" in dialog.state_label.text()
    assert absences() == {}

    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert messages == []
    pupils = class_pupils(big_class)
    assert [shown(dialog, row, WED) for row in range(50)] == [
        SHORT[expected[row]] if row in expected else "" for row in range(50)]
    assert absences() == {(pupils[row].id, WED): kind for row, kind in expected.items()}
    [event] = attendance_events()
    changes = json.loads(event.payload)["changes"]
    assert len(changes) == len(expected) and {c["day"] for c in changes} == {"2026-10-14"}
    assert {c["student_number"]: c["after"] for c in changes} == {
        pupils[row].student_number: kind.value for row, kind in expected.items()}
    counts = {k: sum(1 for v in expected.values() if v is k) for k in Kind}
    assert (f"缺勤 {len(expected)} 人：" in dialog.summary_label.text()
            and f"病 {counts[Kind.SICK]}" in dialog.summary_label.text())
    assert not dialog.dirty and not dialog.save_button.isEnabled()

    # a second pass over the same column: space clears one, ↓ passes, b changes one
    dialog.table.put_cursor(0, m.column_of(WED))
    type_keys(qtbot, dialog, " vb")  # row 0 (旷) present, row 1 stays 病, row 2 事 → 病
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown(dialog, 0, WED) == "" and shown(dialog, 2, WED) == "病"
    assert len(attendance_events()) == 2 and (pupils[0].id, WED) not in absences()


def test_other_days_and_the_future(dialog, qtbot):
    m, table = dialog.model, dialog.table
    thursday = m.column_of(dt.date(2026, 10, 15))
    assert not (m.flags(m.index(0, thursday)) & Qt.ItemFlag.ItemIsEnabled)
    assert "还没到" in m.data(m.index(0, thursday), Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(table, Qt.Key.Key_Right)  # the cursor does not step into the future
    assert table.currentIndex().column() == m.column_of(WED)
    assert m.set_kind([m.index(0, thursday)], Kind.SICK) == 0 and m.pending == {}
    qtbot.keyClick(table, Qt.Key.Key_Left)
    qtbot.keyClick(table, Qt.Key.Key_Left)
    type_keys(qtbot, dialog, "k")  # Monday, the first pupil
    assert shown(dialog, 0, MON) == "旷*" and table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # clears in place
    assert shown(dialog, 0, MON) == "" and table.currentIndex().row() == 0 and not dialog.dirty
    dialog.table.put_cursor(0, 1)
    type_keys(qtbot, dialog, "k")  # on a name: nothing happens
    assert not dialog.dirty and table.currentIndex().row() == 0


def test_closing_and_leaving_the_week_with_unsaved_edits_ask(dialog, qtbot, monkeypatch):
    asked = []
    answer = {"value": ad.CANCEL}
    monkeypatch.setattr(dialog, "ask_unsaved", lambda n: asked.append(n) or answer["value"])
    type_keys(qtbot, dialog, "kb")
    assert dialog.windowTitle().endswith("（未保存）")

    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)  # 取消: stays open, edits kept
    assert asked == [2] and dialog.isVisible() and len(dialog.model.pending) == 2

    dialog.prev_button.click()  # 取消 again: the week stays
    assert dialog.model.days[0] == MON and len(dialog.model.pending) == 2

    answer["value"] = ad.SAVE
    dialog.prev_button.click()  # 保存, then the week before: 国庆 and its Saturday
    assert len(absences()) == 2 and len(attendance_events()) == 1
    assert dialog.model.days == [dt.date(2026, 10, 8), dt.date(2026, 10, 9), dt.date(2026, 10, 10)]
    assert dialog.model.headerData(FIRST_DAY + 2, Qt.Orientation.Horizontal) == "周六 10-10"
    assert dialog.title_label.text().endswith("第 6 周 2026-10-08 至 10-10")
    assert dialog.notes_label.text() == "国庆节放假：10-05 至 10-07；10-10（周六）国庆节调休上课"
    assert dialog.table.currentIndex().column() == FIRST_DAY  # a past week: from its first day

    type_keys(qtbot, dialog, "s")
    answer["value"] = ad.DISCARD
    dialog.close_button.click()  # 不保存: closes, nothing more written
    assert not dialog.isVisible() and len(absences()) == 2 and len(attendance_events()) == 1


def test_a_refused_save_keeps_the_edits_and_says_why_in_chinese(dialog, qtbot, messages, big_class):
    type_keys(qtbot, dialog, "k")
    first = class_pupils(big_class)[0]
    Student.update(status=Status.TRANSFERRED_OUT.value).where(Student.id == first.id).execute()  # meanwhile
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [(title, _text, details)] = messages
    assert title == "未能完成" and f"不在{big_class.name}的在籍名单中" in details
    assert dialog.dirty and absences() == {} and attendance_events() == []


def test_blank_sheet_out_and_the_filled_sheet_in(dialog, qtbot, tmp_path, monkeypatch, big_class, messages):
    out = tmp_path / "考勤表.xlsx"
    monkeypatch.setattr(dialog, "ask_save_path", lambda default: str(out))
    assert dialog.export_template() == out and "已保存空白考勤表" in dialog.state_label.text()
    book = load_workbook(out)
    sheet = book.active
    sheet["D5"], sheet["E6"], sheet["F7"] = "旷", "病假", "事"  # Monday, Tuesday, Wednesday
    sheet["F8"] = "迟到"  # not a mark: the fourth pupil's row is a problem
    book.save(out)

    seen = []
    monkeypatch.setattr(dialog, "ask_open_path", lambda: str(out))
    monkeypatch.setattr(dialog, "confirm_import", lambda s: seen.append(s) or False)
    dialog.import_button.click()  # seen, then declined: nothing written
    assert len(seen[0].problems) == 1 and "第 8 行，F 列（10月14日）" in str(seen[0].problems[0])
    assert absences() == {}

    monkeypatch.setattr(dialog, "confirm_import", lambda s: True)  # only the clean rows
    dialog.import_button.click()
    pupils = class_pupils(big_class)
    assert absences() == {(pupils[0].id, MON): Kind.UNEXCUSED, (pupils[1].id, TUE): Kind.SICK,
                          (pupils[2].id, WED): Kind.PERSONAL}
    assert [shown(dialog, 0, MON), shown(dialog, 1, TUE), shown(dialog, 2, WED)] == ["旷", "病", "事"]
    assert "已导入 49 名学生" in dialog.state_label.text() and messages == []


def test_the_menu_entry_opens_the_class_of_the_filter(window, monkeypatch, big_class):
    action = window.attendance_action
    assert plain(action.text()) == "考勤登记…" and action.shortcut().toString() == "Ctrl+K"
    pupils_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "学生(&S)")
    assert action in pupils_menu.actions()
    opened = []
    monkeypatch.setattr(AttendanceDialog, "exec", lambda self: opened.append(self) or 0)
    window.grade_combo.setCurrentIndex(window.grade_combo.findData(big_class.grade))
    window.class_combo.setCurrentIndex(window.class_combo.findData(big_class.id))
    action.trigger()
    assert opened[0].class_id == big_class.id and opened[0].klass.name == big_class.name
