"""Dates of the school year: ages at the cut-off, deadlines as ISO-8601 durations."""

from __future__ import annotations

import datetime as dt
import re


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years (周岁) on the given day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def school_year_start(day: dt.date) -> int:
    """The calendar year in which the school year containing `day` began (Sept–Aug)."""
    return day.year if day.month >= 9 else day.year - 1


def month_day(year: int, mmdd: str) -> dt.date:
    month, day = (int(x) for x in mmdd.split("-"))
    return dt.date(year, month, day)


def enrolment_cutoff(day: dt.date, mmdd: str) -> dt.date:
    """The age cut-off (e.g. 31 Aug) that applies to enrolments made on `day`.

    Enrolments from spring to the end of the autumn enrolment period count towards the autumn
    intake of that calendar year.
    """
    return month_day(day.year, mmdd)


def in_period(day: dt.date, start: str, end: str) -> bool:
    return month_day(day.year, start) <= day <= month_day(day.year, end)


_DURATION = re.compile(r"^P(?:(\d+)M)?(?:(\d+)D)?$")


def add_duration(day: dt.date, iso: str) -> dt.date:
    """Adds 'P1M', 'P15D' or 'P1M15D'; a month past the end of a short month lands on its last day."""
    m = _DURATION.match(iso)
    if not m or not any(m.groups()):
        raise ValueError(f"无法识别的期限：{iso}")
    months, days = int(m.group(1) or 0), int(m.group(2) or 0)
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last)) + dt.timedelta(days=days)


def describe_duration(iso: str) -> str:
    m = _DURATION.match(iso)
    months, days = int(m.group(1) or 0), int(m.group(2) or 0)
    return "".join([f"{months} 个月" if months else "", f"{days} 日" if days else ""])
