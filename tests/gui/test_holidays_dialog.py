"""工作日设置: entering 2027's arrangement through the dialog's real widgets, on a real database file."""

import datetime as dt
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from tests.conftest import PASSWORD, make_school  # noqa: E402
from xueji_desktop.core.dates.workdays import WorkCalendar  # noqa: E402
from xueji_desktop.gui.holidays_dialog import HolidaysDialog  # noqa: E402
from xueji_desktop.store.models import Event, Holiday  # noqa: E402

TODAY = dt.date(2026, 11, 23)
# An arrangement made up for the test (2027's notice is not part of the library's data)
HOLIDAYS_TEXT = "元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n春节：2月6日—2月12日"
WORKING_TEXT = "2月20日（周六）上班"


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3", today=TODAY)
    ws.login("registrar", PASSWORD)
    yield ws
    ws.close()


@pytest.fixture
def dialog(app, qtbot, ws, messages):
    d = HolidaysDialog(ws)
    d.ask = lambda question: True
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def preview(d) -> str:
    return d.preview.toPlainText()


def test_opens_on_2027_the_first_year_the_library_does_not_know(dialog):
    assert dialog.year == 2027
    assert dialog.year_box.currentText() == "2027 年 — 未录入"
    assert "内置数据：2004–2026 年" in dialog.years_label.text()
    assert "未录入：2027 年" in dialog.years_label.text()
    assert "2027 年尚未录入" in dialog.source_label.text()
    assert "按周末（未录入，可能不准确）计算" in preview(dialog)
    assert not dialog.save_button.isEnabled() and not dialog.clear_button.isEnabled()


def test_enter_2027_through_the_dialog(dialog, qtbot, ws, messages):
    events = Event.select().count()
    dialog.holidays_edit.setPlainText(HOLIDAYS_TEXT)  # what an IME commits; keyClicks cannot type Chinese
    dialog.working_edit.setPlainText(WORKING_TEXT)
    text = preview(dialog)
    assert "放假 10 天" in text
    assert "元旦：1月1日（五）至3日（日），共 3 天" in text
    assert "春节：2月6日（六）至12日（五），共 7 天" in text
    assert "调休上班 1 天：2月20日（六）" in text
    assert "2027 年每月工作日（保存后按录入的放假安排计算，全年 256 天）" in text
    cells = text.split("12月", 1)[1].split()
    assert cells[:2] == ["20", "16"]  # January without 1/1; February without 2/8–2/12, with 2/20
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert messages == []
    rows = {r.day: (r.working, r.name) for r in Holiday.select()}
    assert len(rows) == 11
    assert rows[dt.date(2027, 1, 1)] == (False, "元旦") and rows[dt.date(2027, 2, 12)] == (False, "春节")
    assert rows[dt.date(2027, 2, 20)][0] is True
    assert Event.select().count() == events + 1
    event = Event.select().order_by(Event.seq.desc()).first()
    assert event.kind == "holidays_entered"
    assert event.summary == "录入 2027 年节假日安排：放假 10 天，调休上班 1 天"
    assert json.loads(event.payload)["working_days"] == ["2027-02-20"]

    assert dialog.year_box.currentText() == "2027 年 — 已录入"
    assert "已录入：2027 年" in dialog.years_label.text()
    assert "已保存 2027 年的放假安排" in dialog.status_label.text()
    assert dialog.holidays_edit.toPlainText() == "元旦：1月1日至3日\n春节：2月6日至12日"
    assert not dialog.save_button.isEnabled() and dialog.clear_button.isEnabled()
    due = WorkCalendar.from_store().add_working_days(dt.date(2026, 12, 24), 10)
    assert due.day == dt.date(2027, 1, 8) and not due.estimated

    dialog.clear_button.click()
    assert Holiday.select().count() == 0
    assert dialog.year_box.currentText() == "2027 年 — 未录入"


def test_a_typing_slip_is_shown_and_nothing_can_be_saved(dialog):
    dialog.holidays_edit.setPlainText("元旦：1月1日至3日\n春节：2月6日至2月32日")
    assert "第 2 行“2月6日至2月32日”：2027 年 2 月 32 日不是有效日期" in preview(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.holidays_edit.setPlainText("元旦：1月1日至3日")
    dialog.working_edit.setPlainText("1月6日")
    assert "调休上班日期 1月6日（三） 不是星期六或星期日" in preview(dialog)
    assert not dialog.save_button.isEnabled()
    assert Holiday.select().count() == 0


def test_a_library_year_shows_the_library_and_a_draft_survives_switching_years(dialog):
    dialog.holidays_edit.setPlainText("元旦：1月1日")
    dialog.year_box.setCurrentIndex(dialog.year_box.findData(2026))
    assert dialog.year_box.currentText() == "2026 年 — 内置数据"
    assert "国庆节：10月1日至7日" in dialog.holidays_edit.toPlainText()
    assert dialog.working_edit.toPlainText() == "1月4日、2月14日、2月28日、5月9日、9月20日、10月10日"
    assert "当前按内置数据计算，全年 248 天" in preview(dialog)
    assert not dialog.save_button.isEnabled()  # nothing changed
    dialog.year_box.setCurrentIndex(dialog.year_box.findData(2027))
    assert dialog.holidays_edit.toPlainText() == "元旦：1月1日"
    assert dialog.unsaved_years() == [2027]
