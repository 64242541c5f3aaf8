"""Working days (工作日) for every deadline in the product: 法定节假日 and 调休 counted right.

Transfers, suspensions and the other procedures give each party N working days (e.g.
《营口市规定》四(一)4: 10 个工作日). Which days are working days comes from two sources:

* the days the registrar entered from the State Council's notice (table `Holiday`, written by
  `core.dates.holidays`): a holiday, or a weekend made a working day (调休). An entered day
  always wins, so a correction in a later notice can be applied to any year;
* the `chinese_calendar` library, for the years it has data for (`LIBRARY_YEARS`).

A year that is in neither — nothing entered for it and no library data — is counted by weekends
alone. Every result that touched such a year says so (`estimated`, `years_estimated`, and a
Chinese `warning` for the screen); nothing here raises for a year without data.

    cal = WorkCalendar.from_store()
    due = cal.add_working_days(received, 10)      # Deadline(day, estimated, years_estimated)
    status_of(due.day, ws.today(), cal).label     # "还剩 3 个工作日" / "今天到期" / "已逾期 2 个工作日"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Iterable, Mapping

from ... import clock

try:  # the library is a declared dependency; without it every year is entered or estimated
    import chinese_calendar as _cc
    from chinese_calendar.constants import holidays as _LIB_HOLIDAYS
    from chinese_calendar.constants import workdays as _LIB_WORKDAYS
except ImportError:  # pragma: no cover
    _cc = None
    _LIB_HOLIDAYS, _LIB_WORKDAYS = {}, {}

if _LIB_HOLIDAYS:
    LIBRARY_YEARS = range(min(_LIB_HOLIDAYS).year, max(_LIB_HOLIDAYS).year + 1)
else:  # pragma: no cover
    LIBRARY_YEARS = range(0)

SETTINGS_PLACE = "“工作日设置”"  # where the registrar enters a year (gui.holidays_dialog)
_ONE_DAY = dt.timedelta(days=1)


def library_knows(year: int) -> bool:
    return year in LIBRARY_YEARS


def first_year_without_library() -> int:
    """The first year after the library's data (2027 with chinesecalendar 1.11.0)."""
    return LIBRARY_YEARS.stop if LIBRARY_YEARS else clock.today().year


def _library_name(english: str | None) -> str:
    if not english or _cc is None:
        return ""
    try:
        return _cc.Holiday(english).chinese
    except ValueError:
        return english


def library_days(year: int) -> tuple[list[tuple[dt.date, str]], list[dt.date]]:
    """The library's arrangement for a year: (holidays with Chinese names, 调休 working days)."""
    rest = sorted((d, _library_name(n)) for d, n in _LIB_HOLIDAYS.items() if d.year == year)
    return rest, sorted(d for d in _LIB_WORKDAYS if d.year == year)


def _years_text(years: Iterable[int]) -> str:
    return "、".join(str(y) for y in years)


def estimate_warning(years: Iterable[int], what: str = "期限") -> str:
    """"2027 年的法定节假日尚未录入，期限按周末计算，可能不准确（请在“工作日设置”中录入…）"."""
    years = tuple(years)
    if not years:
        return ""
    return (f"{_years_text(years)} 年的法定节假日尚未录入，{what}按周末计算，可能不准确"
            f"（请在{SETTINGS_PLACE}中录入国务院公布的放假安排）")


class YearSource(str, Enum):
    ENTERED = "entered"  # the registrar entered the year's notice (wins over the library)
    LIBRARY = "library"  # chinese_calendar's data
    MISSING = "missing"  # neither: counted by weekends only

    @property
    def label(self) -> str:
        return {"entered": "已录入", "library": "内置数据", "missing": "未录入"}[self.value]


@dataclass(frozen=True)
class Deadline:
    """The last day of a working-day period, and whether it rests on weekends-only guesses."""

    day: dt.date
    estimated: bool = False
    years_estimated: tuple[int, ...] = ()

    @property
    def warning(self) -> str:
        return estimate_warning(self.years_estimated, "期限")


@dataclass(frozen=True)
class Count:
    """A number of working days (negative when counted backwards), and whether it is a guess."""

    days: int
    estimated: bool = False
    years_estimated: tuple[int, ...] = ()

    @property
    def warning(self) -> str:
        return estimate_warning(self.years_estimated, "工作日数")


@dataclass(frozen=True)
class DueStatus:
    """Where a deadline stands today, for lists and case pages."""

    due: dt.date
    today: dt.date
    remaining: int  # working days after today up to and including `due`; negative once overdue
    estimated: bool = False
    years_estimated: tuple[int, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.due < self.today

    @property
    def overdue_days(self) -> int:
        """Working days passed since the deadline (0 if not overdue, or only rest days passed)."""
        return max(0, -self.remaining) if self.overdue else 0

    @property
    def level(self) -> str:
        """"overdue" | "today" | "soon" (3 working days or fewer) | "ok", for colouring."""
        if self.overdue:
            return "overdue"
        if self.remaining <= 0:
            return "today"
        return "soon" if self.remaining <= 3 else "ok"

    @property
    def label(self) -> str:
        if self.overdue:
            return f"已逾期 {self.overdue_days} 个工作日" if self.overdue_days else "已逾期"
        if self.remaining <= 0:  # due today, or only rest days left before it
            return "今天到期"
        return f"还剩 {self.remaining} 个工作日"

    @property
    def warning(self) -> str:
        return estimate_warning(self.years_estimated, "剩余工作日")


class WorkCalendar:
    """Which days are working days: entered days first, then the library, then weekends alone.

    `entered` maps a day to True (a weekend made a working day, 调休) or False (a holiday). A year
    with at least one entered day counts as entered: its other days follow the library if it has
    the year, else the weekends.
    """

    def __init__(self, entered: Mapping[dt.date, bool] = MappingProxyType({}),
                 names: Mapping[dt.date, str] | None = None):
        self._entered: dict[dt.date, bool] = {d: bool(w) for d, w in entered.items()}
        self._names: dict[dt.date, str] = dict(names or {})
        self.entered_years: frozenset[int] = frozenset(d.year for d in self._entered)
        self._counted: dict[tuple[dt.date, dt.date], Count] = {}  # a calendar never changes: counts are kept

    @classmethod
    def from_store(cls) -> WorkCalendar:
        """The days entered in the open school database (table Holiday)."""
        from ...store.models import Holiday

        entered, names = {}, {}
        for row in Holiday.select():
            entered[row.day] = row.working
            names[row.day] = row.name
        return cls(entered, names)

    # what is known -----------------------------------------------------------------------------
    @property
    def entered(self) -> Mapping[dt.date, bool]:
        return MappingProxyType(self._entered)

    def entered_in(self, year: int) -> dict[dt.date, bool]:
        return {d: w for d, w in sorted(self._entered.items()) if d.year == year}

    def source(self, year: int) -> YearSource:
        if year in self.entered_years:
            return YearSource.ENTERED
        return YearSource.LIBRARY if library_knows(year) else YearSource.MISSING

    def is_estimated(self, year: int) -> bool:
        return self.source(year) is YearSource.MISSING

    def with_year(self, year: int, days: Mapping[dt.date, bool],
                  names: Mapping[dt.date, str] | None = None) -> WorkCalendar:
        """A copy in which `year`'s entered days are replaced by `days` (what saving would make)."""
        entered = {d: w for d, w in self._entered.items() if d.year != year}
        kept = {d: n for d, n in self._names.items() if d.year != year}
        entered.update(days)
        kept.update(names or {})
        return WorkCalendar(entered, kept)

    # one day ------------------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        working = self._entered.get(day)
        if working is not None:
            return working
        if library_knows(day.year):
            return day in _LIB_WORKDAYS or (day.weekday() < 5 and day not in _LIB_HOLIDAYS)
        return day.weekday() < 5

    def name_of(self, day: dt.date) -> str:
        """The holiday a rest day or 调休 day belongs to (元旦, 春节 …), or ""."""
        if day in self._entered:
            return self._names.get(day, "")
        if library_knows(day.year):
            return _library_name(_LIB_HOLIDAYS.get(day) or _LIB_WORKDAYS.get(day))
        return ""

    # periods ------------------------------------------------------------------------------------
    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        """The n-th working day AFTER `start`.

        The day of receipt (`start`) is not counted; counting begins the next day, as for every
        period counted in days (《民法典》第二百零一条：“按照年、月、日计算期间的，开始的当日不计入，
        自下一日开始计算”), and 工作日 exclude 法定节假日 (《行政许可法》第八十二条：“期限以工作日
        计算，不含法定节假日”) while a 调休 weekend counts as a working day. So 10 working days from
        a Friday with no holiday near end on the Friday two weeks later; 0 gives `start` itself.
        The result is always a working day, so the last day never falls on a rest day.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数")
        day, counted, guessed = start, 0, set()
        while counted < n:
            day += _ONE_DAY
            if self.is_estimated(day.year):
                guessed.add(day.year)
            if self.is_working_day(day):
                counted += 1
        years = tuple(sorted(guessed))
        return Deadline(day, bool(years), years)

    def working_days_between(self, a: dt.date, b: dt.date) -> Count:
        """Working days after `a` up to and including `b`; negative (the same count) if b < a."""
        found = self._counted.get((a, b))
        if found is None:
            found = self._counted[(a, b)] = self._count_between(a, b)
        return found

    def _count_between(self, a: dt.date, b: dt.date) -> Count:
        if b < a:
            back = self.working_days_between(b, a)
            return Count(-back.days, back.estimated, back.years_estimated)
        count = 0
        guessed = {y for y in range((a + _ONE_DAY).year, b.year + 1) if self.is_estimated(y)} if b > a else set()
        day = a
        while day < b:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        years = tuple(sorted(guessed))
        return Count(count, bool(years), years)

    def working_days_in_month(self, year: int, month: int) -> Count:
        first = dt.date(year, month, 1)
        return self.working_days_between(first - _ONE_DAY, _month_end(year, month))


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - _ONE_DAY


def status_of(due: dt.date, today: dt.date, cal: WorkCalendar) -> DueStatus:
    """Working days left until `due` (or passed since it), with a Chinese label.

    "还剩 3 个工作日" counts the working days after today up to and including the due day;
    "今天到期" when that is none; "已逾期 2 个工作日" counts the working days after the due day
    up to and including today.
    """
    count = cal.working_days_between(today, due)
    return DueStatus(due, today, count.days, count.estimated, count.years_estimated)


def known_years(cal: WorkCalendar) -> list[int]:
    """Years whose working days are known: the library's years and every entered year."""
    return sorted(set(LIBRARY_YEARS) | set(cal.entered_years))
