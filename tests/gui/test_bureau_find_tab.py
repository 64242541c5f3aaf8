"""查找学生 in the bureau's window: typing in the box (one key at a time) lists the county's pupils found, each with
its school, grade, class, status and last change as the store holds them; Ctrl+F brings the box."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.test_bureau_find import small_county
from xueji_desktop.bureau.case_models import BureauPupil
from xueji_desktop.bureau.store import RegisteredSchool


def test_typing_in_the_box_lists_the_pupils_found(app, qtbot, tmp_path, clock, messages):
    from xueji_desktop.gui.bureau.window import BureauWindow

    clock.now = dt.datetime(2026, 9, 2, 10, 0)
    store, numbers = small_county(tmp_path, str(tmp_path / "bureau.sqlite3"))
    try:
        win = BureauWindow(store)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        tab = win.pupils_tab
        assert tab.rows() == [] and tab.note.text() == ""  # nothing read before something is typed

        win.find_action.trigger()  # Ctrl+F
        assert win.tabs.currentWidget() is tab and win.focusWidget() is tab.box
        qtbot.keyClicks(tab.box, "zx")
        assert [r[1] for r in tab.rows()] == ["曾小明"] and tab.note.text() == "找到 1 名学生"
        pupil = BureauPupil.get(BureauPupil.name == "曾小明")
        assert tab.rows()[0] == (RegisteredSchool.get_by_id(pupil.school_id).name, "曾小明", pupil.student_number,
                                 pupil.id_number, "一年级", pupil.class_name, "在校",
                                 "2026-09-01 信息变更：现住址 柳树镇柳树村3组 → 柳树镇新村5组")
        qtbot.keyClick(tab.box, Qt.Key.Key_Backspace)
        assert sorted(r[1] for r in tab.rows()) == ["张三丰", "曾小明"]  # z: 曾 (zeng) and 张

        tab.box.clear()
        assert tab.rows() == [] and tab.note.text() == ""
        qtbot.keyClicks(tab.box, numbers["张三丰"][1])  # the ID number, digit by digit
        assert [r[1] for r in tab.rows()] == ["张三丰"]
        tab.box.clear()
        qtbot.keyClicks(tab.box, numbers["李小红"][0][:12])  # the start of a 学籍号: all four share it
        assert sorted(r[1] for r in tab.rows()) == sorted(p.name for p in BureauPupil.select())
        tab.box.setText("小")  # Chinese is pasted, not typed key by key
        assert sorted(r[1] for r in tab.rows()) == ["曾小明", "李小红"]
        qtbot.keyClicks(tab.box, "q")
        assert tab.rows() == [] and tab.note.text() == "没有找到“小q”"
        win.close()
    finally:
        store.close()
