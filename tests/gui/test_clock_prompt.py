"""The start-up question about a PC day that looks wrong: shown before anything is written, with the day the
PC shows and the newest day the database holds; the registrar goes on or quits to set the clock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from xueji_desktop.gui import clock_prompt
from xueji_desktop.store.models import Event


def _answer(button_text: str, seen: list[str]):
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def _last_event_on(ws, day: dt.date) -> None:
    last = Event.select().order_by(Event.seq.desc()).first()
    last.created_at = dt.datetime.combine(day, dt.time(16))
    last.save()


def test_a_plausible_day_asks_nothing(app, ws):
    ws.test_clock.now = dt.datetime(2027, 3, 1, 9)
    assert clock_prompt.confirm_clock() is True  # no box: nothing to answer


def test_a_day_behind_the_database_is_asked_and_quitting_is_the_default(app, ws, qtbot):
    _last_event_on(ws, dt.date(2027, 3, 10))
    ws.test_clock.now = dt.datetime(2027, 2, 8, 9)  # a month behind the last record
    box = clock_prompt.doubt_box(clock_prompt.clock_doubt())
    assert box.defaultButton().text() == clock_prompt.QUIT
    seen: list[str] = []
    _answer(clock_prompt.QUIT, seen)
    assert clock_prompt.confirm_clock() is False
    assert seen[0].startswith("电脑日期可能不正确：电脑显示今天是 2027年2月8日，早于最近一次记录")
    assert "2027年3月10日" in seen[0] and "核对电脑右下角的日期和时间" in seen[0]
    _answer(clock_prompt.GO_ON, seen)
    assert clock_prompt.confirm_clock() is True
