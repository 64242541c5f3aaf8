"""Is the PC's clock plausible? Old office PCs lose their clock (a dead CMOS battery shows 2009, or last
month). Before anything is written, the program compares the PC's day with the newest day the database
already holds (the last change, batch or reply, including the bureau's dates) and with the program's own
release date; a day earlier than either is doubted and the registrar is asked before any write.

A day stated for the run (`XUEJI_TODAY`) is the operator's own statement and is not doubted. Imported facts
are never refused because of this clock (core.exchange.replies); each change keeps the PC's own time beside
the day entered for it (Event.pc_time, Event.entered_on), so the bureau can see a skewed clock too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ... import RELEASE_DATE, __version__, clock
from ...store.models import Event, InboxBatch, OutboxBatch
from ..dates.days import as_day
from .events import EventKind


@dataclass(frozen=True)
class ClockDoubt:
    today: dt.date  # what the PC says
    newest: dt.date  # the newest day already known
    what: str  # where that day comes from, in Chinese

    @property
    def message(self) -> str:
        return f"电脑日期可能不正确：电脑显示今天是 {_chinese(self.today)}，早于{self.what}（{_chinese(self.newest)}）。"

    @property
    def advice(self) -> str:
        return ("请先核对电脑右下角的日期和时间，不对的话改正后再办理业务；如果日期确实无误，可以继续，"
                "每项记录都同时保存电脑当时的时间。")


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def newest_known_day() -> tuple[dt.date, str] | None:
    """The newest day the school's database holds, and what it is (the last change, batch or reply)."""
    found: list[tuple[dt.date, str]] = []
    last = Event.select().order_by(Event.seq.desc()).first()
    if last is not None:
        label = EventKind(last.kind).label if last.kind in EventKind._value2member_map_ else last.kind
        found.append((as_day(last.created_at), f"最近一次记录（{label}）的日期"))
    entered = as_day(Event.select(fn.MAX(Event.entered_on)).scalar())
    if entered is not None:
        found.append((entered, "已记录的最晚的办理日期"))
    sealed = as_day(OutboxBatch.select(fn.MAX(OutboxBatch.created_at)).scalar())
    if sealed is not None:
        found.append((sealed, "最近一次导出变更批次的日期"))
    reply = InboxBatch.select().order_by(InboxBatch.batch_no.desc()).first()
    if reply is not None:
        found.append((as_day(reply.imported_at), "最近一次导入教育局回执的日期"))
        found.append((_bureau_day(reply), "最近一份教育局回执的签发日期"))
    found = [f for f in found if f[0] is not None]
    return max(found, key=lambda f: f[0]) if found else None


def _bureau_day(reply: InboxBatch) -> dt.date | None:
    from ..exchange import batch_format

    try:
        return as_day(batch_format.read_header(bytes(reply.data)).created_at)
    except Exception:  # noqa: BLE001 - a reply kept here was verified on import; a damaged copy just gives no day
        return None


def clock_doubt() -> ClockDoubt | None:
    """Why the PC's day looks wrong, or None. Needs the school's database open."""
    if clock.stated_day() is not None:
        return None
    today = clock.today()
    known = [(RELEASE_DATE, f"本程序（{__version__} 版）的发布日期")]
    newest = newest_known_day()
    if newest is not None:
        known.append(newest)
    day, what = max(known, key=lambda k: k[0])
    return ClockDoubt(today, day, what) if today < day else None
