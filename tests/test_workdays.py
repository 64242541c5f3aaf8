"""Working days: the library's 2026 arrangement, years without data, entered days, the notice's text."""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar
import pytest

from tests.conftest import PASSWORD, make_school
from xueji_desktop.core.dates import holidays
from xueji_desktop.core.dates.holidays import ParseError, format_named_days, parse_days, parse_named_days
from xueji_desktop.core.dates.workdays import (
    LIBRARY_YEARS,
    Count,
    Deadline,
    WorkCalendar,
    YearSource,
    known_years,
    library_days,
    status_of,
)
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.events import EventKind
from xueji_desktop.store.models import Event, Holiday

D = dt.date
TODAY = D(2026, 11, 23)
WARNING_2027 = ("2027 年的法定节假日尚未录入，期限按周末计算，可能不准确"
                "（请在“工作日设置”中录入国务院公布的放假安排）")


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3", today=TODAY)
    ws.login("registrar", PASSWORD)
    yield ws
    ws.close()


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# the library's years ------------------------------------------------------------------------------
def test_library_data_is_what_the_tests_assume():
    assert LIBRARY_YEARS.stop == 2027  # chinesecalendar 1.11.0 knows 2004–2026
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))
    rest, working = library_days(2026)
    assert working == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20),
                       D(2026, 10, 10)]
    assert [(d, n) for d, n in rest if d.month == 10] == [(d, "国庆节") for d in days(D(2026, 10, 1), D(2026, 10, 7))]


def test_every_day_of_2026_follows_the_library():
    cal = WorkCalendar()
    for day in days(D(2026, 1, 1), D(2026, 12, 31)):
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day


def test_national_day_2026():
    cal = WorkCalendar()
    assert not any(cal.is_working_day(d) for d in days(D(2026, 10, 1), D(2026, 10, 7)))
    assert cal.is_working_day(D(2026, 9, 20)) and D(2026, 9, 20).weekday() == 6  # 调休 Sunday
    assert cal.is_working_day(D(2026, 10, 10)) and D(2026, 10, 10).weekday() == 5  # 调休 Saturday
    assert not cal.is_working_day(D(2026, 9, 25))  # 中秋, a Friday
    assert cal.name_of(D(2026, 10, 3)) == "国庆节"


def test_spring_festival_2026():
    cal = WorkCalendar()
    assert not any(cal.is_working_day(d) for d in days(D(2026, 2, 15), D(2026, 2, 23)))
    assert D(2026, 2, 23).weekday() == 0  # a Monday off
    for saturday in (D(2026, 2, 14), D(2026, 2, 28)):  # 调休 Saturdays
        assert saturday.weekday() == 5 and cal.is_working_day(saturday)
    assert not cal.is_working_day(D(2026, 2, 21))  # an ordinary Saturday inside the holiday


def test_ten_working_days_from_25_september_2026_cross_mid_autumn_and_national_day():
    cal = WorkCalendar()
    due = cal.add_working_days(D(2026, 9, 25), 10)
    # 9/28 9/29 9/30 | 10/1–7 off | 10/8 10/9 10/10 (Saturday, 调休) 10/12 10/13 10/14 10/15
    assert due == Deadline(D(2026, 10, 15), False, ())
    assert due.warning == ""
    # cross-check by counting with the library itself
    day, n = D(2026, 9, 25), 0
    while n < 10:
        day += dt.timedelta(days=1)
        n += chinese_calendar.is_workday(day)
    assert day == due.day


def test_the_day_of_receipt_does_not_count():
    cal = WorkCalendar()
    assert cal.add_working_days(D(2026, 11, 20), 10).day == D(2026, 12, 4)  # Friday → Friday two weeks on
    assert cal.add_working_days(D(2026, 11, 21), 1).day == D(2026, 11, 23)  # received on a Saturday
    assert cal.add_working_days(D(2026, 11, 23), 0).day == D(2026, 11, 23)
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 11, 23), -1)


def test_a_saturday_made_a_working_day_counts():
    cal = WorkCalendar()
    assert cal.add_working_days(D(2026, 10, 9), 1).day == D(2026, 10, 10)
    assert cal.working_days_between(D(2026, 10, 9), D(2026, 10, 12)) == Count(2)


# a year without data ----------------------------------------------------------------------------
def test_a_deadline_into_2027_is_estimated_by_weekends_with_a_warning():
    cal = WorkCalendar()
    due = cal.add_working_days(D(2026, 12, 24), 10)
    # 12/25 12/28 12/29 12/30 12/31 | 2027: 1/1 (Friday, counted — nothing entered) 1/4 1/5 1/6 1/7
    assert due.day == D(2027, 1, 7)
    assert due.estimated and due.years_estimated == (2027,)
    assert due.warning == WARNING_2027
    assert cal.source(2027) is YearSource.MISSING


def test_no_year_raises():
    cal = WorkCalendar()
    assert cal.is_working_day(D(2027, 1, 1))  # a Friday, weekends only
    assert not cal.is_working_day(D(2027, 1, 2))
    assert cal.is_working_day(D(1999, 3, 1))
    assert cal.add_working_days(D(2099, 12, 30), 3).years_estimated == (2099, 2100)


def test_entering_new_years_day_2027_moves_the_deadline_and_ends_the_estimate():
    cal = WorkCalendar({D(2027, 1, 1): False})
    due = cal.add_working_days(D(2026, 12, 24), 10)
    assert due == Deadline(D(2027, 1, 8), False, ())
    assert due.warning == ""
    assert cal.source(2027) is YearSource.ENTERED


def test_entered_days_override_the_library():
    cal = WorkCalendar({D(2026, 10, 8): False, D(2026, 10, 10): False, D(2026, 10, 5): True})
    assert not cal.is_working_day(D(2026, 10, 8))  # a weekday the library counts
    assert not cal.is_working_day(D(2026, 10, 10))  # the library's 调休 Saturday
    assert cal.is_working_day(D(2026, 10, 5))  # a library holiday
    assert cal.is_working_day(D(2026, 10, 9))  # not entered: still the library
    assert cal.source(2026) is YearSource.ENTERED
    # 9/28 9/29 9/30 10/5 10/9 10/12 10/13 10/14 10/15 10/16
    assert cal.add_working_days(D(2026, 9, 25), 10).day == D(2026, 10, 16)


def test_working_days_between():
    cal = WorkCalendar()
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 10, 9)) == Count(2)
    assert cal.working_days_between(D(2026, 10, 9), D(2026, 9, 30)) == Count(-2)
    assert cal.working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == Count(0)
    across = cal.working_days_between(D(2026, 12, 30), D(2027, 1, 4))
    assert across == Count(3, True, (2027,))  # 12/31, 1/1 (guessed), 1/4
    assert "工作日数按周末计算" in across.warning
    assert cal.working_days_between(D(2026, 11, 30), D(2026, 12, 31)) == Count(23)  # all of December
    assert cal.working_days_in_month(2026, 10) == Count(18)


def test_status_of():
    cal = WorkCalendar()
    ok = status_of(D(2026, 11, 26), TODAY, cal)
    assert (ok.remaining, ok.overdue, ok.label, ok.level) == (3, False, "还剩 3 个工作日", "soon")
    today = status_of(TODAY, TODAY, cal)
    assert (today.remaining, today.overdue, today.label) == (0, False, "今天到期")
    late = status_of(D(2026, 11, 19), TODAY, cal)  # 11/20 and 11/23 have passed
    assert (late.remaining, late.overdue, late.overdue_days, late.label) == (-2, True, 2, "已逾期 2 个工作日")
    over_holiday = status_of(D(2026, 9, 30), D(2026, 10, 8), cal)
    assert over_holiday.label == "已逾期 1 个工作日"
    weekend = status_of(D(2026, 11, 20), D(2026, 11, 22), cal)  # only Saturday and Sunday passed
    assert weekend.overdue and weekend.label == "已逾期"
    far = status_of(D(2027, 1, 7), TODAY, cal)
    assert far.estimated and far.years_estimated == (2027,) and far.level == "ok"
    assert "2027 年的法定节假日尚未录入" in far.warning


def test_known_years():
    assert known_years(WorkCalendar()) == list(range(2004, 2027))
    assert known_years(WorkCalendar({D(2027, 1, 1): False}))[-2:] == [2026, 2027]


# the notice's text -----------------------------------------------------------------------------
NOTICE_2026 = """一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
国庆节：10月1日—10月7日"""


def test_parse_the_notices_wording():
    named = parse_named_days(NOTICE_2026, 2026)
    assert named[:3] == [(D(2026, 1, 1), "元旦"), (D(2026, 1, 2), "元旦"), (D(2026, 1, 3), "元旦")]
    assert [d for d, n in named if n == "春节"] == days(D(2026, 2, 15), D(2026, 2, 23))
    assert [d for d, n in named if n == "国庆节"] == days(D(2026, 10, 1), D(2026, 10, 7))
    # the notice's own days agree with the library's
    rest, working = library_days(2026)
    assert set(named) <= set(rest)
    assert parse_days("1月4日（周日）、2月14日（周六）、2月28日（周六）上班。", 2026, working=True) == working[:3]


@pytest.mark.parametrize("text, expected", [
    ("1月1日至3日", days(D(2027, 1, 1), D(2027, 1, 3))),
    ("2月15日—2月23日", days(D(2027, 2, 15), D(2027, 2, 23))),
    ("2027-01-01", [D(2027, 1, 1)]),
    ("2027-01-01\n2027-05-03", [D(2027, 1, 1), D(2027, 5, 3)]),
    ("1月1日、5月3日，6月9日;10月1日", [D(2027, 1, 1), D(2027, 5, 3), D(2027, 6, 9), D(2027, 10, 1)]),
    ("１２月３１日至２０２８年１月１日", [D(2027, 12, 31), D(2028, 1, 1)]),
    ("2026年12月31日", [D(2026, 12, 31)]),
    ("4月30日至5月4日", days(D(2027, 4, 30), D(2027, 5, 4))),
    ("2027-10-01～2027-10-07", days(D(2027, 10, 1), D(2027, 10, 7))),
    ("", []),
])
def test_parse_days(text, expected):
    assert parse_days(text, 2027) == expected


@pytest.mark.parametrize("text, words", [
    ("1月1日至3日\n1月32日", ["第 2 行", "1月32日", "不是有效日期"]),
    ("元旦：一月一日", ["第 1 行", "一月一日", "无法识别"]),
    ("2月3日至1日", ["结束日期早于开始日期"]),
    ("1月1日至3日放假，1月4日上班", ["1月4日上班", "调休上班日期"]),
])
def test_parse_errors_name_the_bad_part(text, words):
    with pytest.raises(ParseError) as e:
        parse_days(text, 2027)
    assert all(w in str(e.value) for w in words), str(e.value)


def test_format_reads_back():
    named = parse_named_days(NOTICE_2026, 2026)
    text = format_named_days(named)
    assert text.splitlines() == ["元旦：1月1日至3日", "春节：2月15日至23日", "国庆节：10月1日至7日"]
    assert parse_named_days(text, 2026) == named


# the service -------------------------------------------------------------------------------------
HOLIDAYS_2027 = [(D(2027, 1, 1), "元旦"), *((d, "春节") for d in days(D(2027, 2, 6), D(2027, 2, 12)))]
WORKING_2027 = [D(2027, 2, 20)]


def test_enter_year_writes_the_days_and_one_event(ws):
    before = Event.select().count()
    changes = holidays.enter_year(ws, 2027, HOLIDAYS_2027, WORKING_2027)
    rows = {r.day: (r.working, r.name) for r in Holiday.select()}
    assert rows[D(2027, 1, 1)] == (False, "元旦") and rows[D(2027, 2, 20)][0] is True
    assert len(rows) == 9
    assert Event.select().count() == before + 1
    event = changes.events[0]
    assert event.kind == EventKind.HOLIDAYS_ENTERED.value and event.author == ws.user
    assert event.summary == "录入 2027 年节假日安排：放假 8 天，调休上班 1 天"
    payload = json.loads(event.payload)
    assert payload["year"] == 2027 and payload["working_days"] == ["2027-02-20"] and payload["replaced"] == []

    cal = WorkCalendar.from_store()
    assert cal.add_working_days(D(2026, 12, 24), 10) == Deadline(D(2027, 1, 8), False, ())
    assert cal.name_of(D(2027, 2, 8)) == "春节"


def test_enter_year_replaces_only_that_year(ws):
    holidays.enter_year(ws, 2026, [(D(2026, 10, 8), "国庆节（更正）")], [])
    holidays.enter_year(ws, 2027, HOLIDAYS_2027, WORKING_2027)
    changes = holidays.enter_year(ws, 2027, [(D(2027, 1, 1), "元旦")], [])
    assert sorted(r.day for r in Holiday.select()) == [D(2026, 10, 8), D(2027, 1, 1)]
    assert len(json.loads(changes.events[0].payload)["replaced"]) == 9
    assert not WorkCalendar.from_store().is_working_day(D(2026, 10, 8))


def test_clear_year(ws):
    holidays.enter_year(ws, 2027, HOLIDAYS_2027, WORKING_2027)
    changes = holidays.clear_year(ws, 2027)
    assert Holiday.select().count() == 0
    assert changes.events[0].summary == "清除 2027 年录入的节假日安排（原放假 8 天，调休上班 1 天）"
    assert WorkCalendar.from_store().add_working_days(D(2026, 12, 24), 10).estimated
    with pytest.raises(RuleViolation):
        holidays.clear_year(ws, 2027)


@pytest.mark.parametrize("rest, working, rule, words", [
    ([D(2028, 1, 1)], [], "holidays.outside_year", ["2028年1月1日", "不在 2027 年内"]),
    ([D(2027, 1, 1)], [D(2027, 1, 6)], "holidays.working_not_weekend", ["1月6日（三）", "不是星期六或星期日"]),
    ([D(2027, 1, 1), D(2027, 2, 20)], [D(2027, 2, 20)], "holidays.both", ["2月20日（六）", "同时"]),
    ([], [D(2027, 2, 20)], "holidays.empty", ["未填写 2027 年的放假日期"]),
])
def test_enter_year_refuses_what_cannot_be(ws, rest, working, rule, words):
    events = Event.select().count()
    with pytest.raises(RuleViolation) as e:
        holidays.enter_year(ws, 2027, rest, working)
    finding = e.value.findings[0]
    assert finding.rule == rule and all(w in finding.message for w in words), finding.message
    assert Holiday.select().count() == 0 and Event.select().count() == events
