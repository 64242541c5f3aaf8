"""The program's one clock: every "today" and every timestamp the school, the bureau, the command line
and the window use comes from here.

It reads the PC's clock (`datetime.now`), which tests move with time-machine. `XUEJI_TODAY=YYYY-MM-DD`
states the day for a whole run (a script re-entering last week's paperwork, a county helper checking what
the program would do on another day); the time of day stays the PC's. `machine_now` is always the PC's own
reading, kept beside each recorded change so that a wrong PC clock can be seen later.
"""

from __future__ import annotations

import datetime as dt
import os

STATED_DAY_VARIABLE = "XUEJI_TODAY"


class StatedDayError(ValueError):
    pass


def stated_day() -> dt.date | None:
    """The day `XUEJI_TODAY` states, or None."""
    text = os.environ.get(STATED_DAY_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StatedDayError(f"环境变量 {STATED_DAY_VARIABLE}：“{text}” 不是日期，应写作 2026-09-01") from None


def machine_now() -> dt.datetime:
    """The PC's own clock."""
    return dt.datetime.now()


def now() -> dt.datetime:
    """The program's "now": the PC's clock, on the stated day when one is stated."""
    moment = machine_now()
    day = stated_day()
    return dt.datetime.combine(day, moment.time()) if day else moment


def today() -> dt.date:
    return now().date()
