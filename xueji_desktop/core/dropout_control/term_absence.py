"""A pupil's 无故缺席 (unexcused absence) in one term, from the attendance register: the longest run of
consecutive school days and the total, as 长治 第三十一条 counts a 高中 pupil's 旷课 (连续…超过8周或累计…10周).
In the holidays the term just ended is the one counted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...store.models import Absence
from ..dates.school_calendar import Term
from .attendance import Kind, SchoolDays


@dataclass(frozen=True)
class TermAbsence:
    term: Term
    school_days: int  # school days of the term up to the day counted
    longest_run: int  # consecutive school days of 无故缺席
    total: int  # school days of 无故缺席 in the term

    def weeks(self, days: int, per_week: int) -> str:
        return f"{days} 个上课日（约 {days / per_week:.1f} 周）"


def counted_term(days: SchoolDays, today: dt.date) -> Term:
    term = days.terms.term_of(today)
    if today >= term.start:
        return term
    earlier = [t for y in (today.year - 2, today.year - 1, today.year) for t in days.terms.terms(y) if t.end < today]
    return max(earlier, key=lambda t: t.end)


def term_absence(ws, student_id: int, today: dt.date) -> TermAbsence:
    days = SchoolDays.for_workspace(ws)
    term = counted_term(days, today)
    school_days = days.between(term.start, min(today, term.end))
    absent = {d for (d,) in Absence.select(Absence.day).where(
        (Absence.student == student_id) & (Absence.kind == Kind.UNEXCUSED.value)
        & Absence.day.between(term.start, term.end)).tuples()}
    longest = run = total = 0
    for day in school_days:
        if day in absent:
            run, total = run + 1, total + 1
            longest = max(longest, run)
        else:
            run = 0
    return TermAbsence(term, len(school_days), longest, total)
