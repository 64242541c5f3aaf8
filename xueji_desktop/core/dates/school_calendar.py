"""The school year's terms and the times a region allows for a transfer, from profile data.

The term dates are ``[school_calendar.*]`` of the profile (MM-DD; the bureau announces each year's
and the school may edit them). The transfer window is the profile's ``transfer.window`` value:
``{before_term_start, after_term_start, in_holidays, before_term_end, scope}``.

    p = load_profile("yingkou")
    cal = SchoolCalendar.from_profile(p)
    cal.term_of(dt.date(2026, 10, 8))              # Term('上学期', 2026-09-01, 2027-01-20, 2026)
    cal.is_mid_term(dt.date(2026, 10, 8), p.value("transfer.window"))   # True: past 开学后1个月

Two notions of "school year" live here, both on purpose:
* a term's ``school_year`` is the year its autumn term starts; in the holidays ``term_of`` gives the
  term about to start (a transfer in the winter holiday is for the 下学期);
* ``grade_year`` is the school year of the grade a pupil's record shows: the grade changes when the
  national system promotes everyone (``year_cycle.promotion``, e.g. 10 August), not on 1 September.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..region_profiles.profiles import Profile, ProfileError
from ..school.school import SchoolSystem

AUTUMN = "上学期"
SPRING = "下学期"
PRIMARY, MIDDLE, HIGH = "primary", "middle", "high"  # 小学, 初中, 普通高中 (grades 10–12)
FIRST_HIGH_GRADE = 10
_MMDD = re.compile(r"^(\d\d)-(\d\d)$")
_DURATION = re.compile(r"^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Term:
    name: str  # 上学期 / 下学期
    start: dt.date
    end: dt.date  # the last day of lessons, inclusive
    school_year: int  # the year its school year began (autumn)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{self.school_year}—{self.school_year + 1}学年{self.name}"


@dataclass(frozen=True)
class SchoolCalendar:
    autumn_start: str = "09-01"
    autumn_end: str = "01-20"
    spring_start: str = "02-20"
    spring_end: str = "07-10"
    promotion_day: str = "08-10"  # pupils show the next grade from the day after
    exam_start: str = ""  # 营口: 学籍审核 starts … (empty: not known, ask the registrar)
    exam_end: str = ""  # … 中考 ends

    @classmethod
    def from_profile(cls, profile: Profile) -> SchoolCalendar:
        autumn, spring = profile.value("school_calendar.autumn_term"), profile.value("school_calendar.spring_term")
        exam = profile.value("school_calendar.exam_period")
        cal = cls(autumn["start"], autumn["end"], spring["start"], spring["end"],
                  profile.value("year_cycle.promotion")["end"], exam["start"], exam["end"])
        cal._check(profile.id)
        return cal

    def _check(self, where: str) -> None:
        for key, text in (("autumn_term.start", self.autumn_start), ("autumn_term.end", self.autumn_end),
                          ("spring_term.start", self.spring_start), ("spring_term.end", self.spring_end),
                          ("exam_period.start", self.exam_start), ("exam_period.end", self.exam_end)):
            if text and not _valid_mmdd(text):
                raise ProfileError(f"{where}: school_calendar.{key}: “{text}”应为 MM-DD 格式的日期，如 09-01")
        if bool(self.exam_start) != bool(self.exam_end):
            raise ProfileError(f"{where}: school_calendar.exam_period: 开始和结束日期应同时填写或同时留空")
        autumn, spring = self.terms(2000)
        following, _ = self.terms(2001)
        if not (autumn.end < spring.start <= spring.end < following.start):
            raise ProfileError(f"{where}: school_calendar: 学期日期应依次为上学期开学、上学期结束、下学期开学、"
                               f"下学期结束，且在下一学年上学期开学之前")

    # ── terms ──
    def terms(self, school_year: int) -> tuple[Term, Term]:
        """(上学期, 下学期) of the school year that begins in the autumn of ``school_year``."""
        start = _on(school_year, self.autumn_start)
        end = _on(school_year, self.autumn_end)
        if end < start:
            end = _on(school_year + 1, self.autumn_end)
        spring = Term(SPRING, _on(school_year + 1, self.spring_start), _on(school_year + 1, self.spring_end),
                      school_year)
        return Term(AUTUMN, start, end, school_year), spring

    def term_of(self, day: dt.date) -> Term:
        """The term containing ``day``; in the holidays, the term about to start."""
        for year in (day.year - 1, day.year):
            for term in self.terms(year):
                if day <= term.end:
                    return term
        return self.terms(day.year + 1)[0]  # pragma: no cover (after the spring term: next autumn)

    def in_term(self, day: dt.date) -> bool:
        return self.term_of(day).contains(day)

    def in_holidays(self, day: dt.date) -> bool:
        return not self.in_term(day)

    # ── the pupil's grade through the year ──
    def grade_year(self, day: dt.date) -> int:
        """The school year of the grade the record shows on ``day`` (it changes after promotion)."""
        return day.year if day > _on(day.year, self.promotion_day) else day.year - 1

    def in_grade_year(self, grade_year: int, mmdd: str) -> dt.date:
        """The date MM-DD falls on within a grade year (from the day after promotion to promotion)."""
        first = _on(grade_year, mmdd)
        return first if first > _on(grade_year, self.promotion_day) else _on(grade_year + 1, mmdd)

    def when_in_grade(self, day: dt.date, grade_now: int, grade: int, mmdd: str) -> dt.date:
        """The date MM-DD of the year a pupil who is in ``grade_now`` on ``day`` is (or was) in ``grade``."""
        return self.in_grade_year(self.grade_year(day) + grade - grade_now, mmdd)

    # ── the transfer window ──
    def window_periods(self, school_year: int, window: dict) -> list[tuple[dt.date, dt.date]]:
        """The inclusive periods a window allows around the terms of one school year."""
        periods = []
        for term in self.terms(school_year):
            before, after = window["before_term_start"], window["after_term_start"]
            if _has_length(before) or _has_length(after):
                periods.append((_shift(term.start, before, -1), _shift(term.start, after, +1) - _ONE_DAY))
            if _has_length(window["before_term_end"]):
                periods.append((_shift(term.end, window["before_term_end"], -1) + _ONE_DAY, term.end))
        return [(a, b) for a, b in periods if a <= b]

    def in_window(self, day: dt.date, window: dict) -> bool:
        """Whether the window allows ``day``: a holiday when ``in_holidays``, or near a term's edge."""
        if window["in_holidays"] and self.in_holidays(day):
            return True
        year = self.term_of(day).school_year
        return any(a <= day <= b for y in (year - 1, year, year + 1) for a, b in self.window_periods(y, window))

    def is_mid_term(self, day: dt.date, window: dict) -> bool:
        """Outside the times the window allows (长治's 学期中, 营口's past 开学后1个月 …)."""
        return not self.in_window(day, window)

    def first_term_of_starting_grade(self, day: dt.date, grade: int, system: SchoolSystem) -> bool:
        """A starting grade (一年级, 初中一年级) in its first term (or the holidays just before it)."""
        return grade in starting_grades(system) and self.term_of(day).name == AUTUMN

    def exam_period(self, day: dt.date) -> bool | None:
        """营口: between 学籍审核 start and 中考 end by the profile's dates; None when no dates are set."""
        if not self.exam_start:
            return None
        start = _on(day.year, self.exam_start)
        end = _on(day.year, self.exam_end)
        if end < start:  # the range crosses the new year
            return day >= start or day <= end
        return start <= day <= end


# ── grades and stages ──
def stage_of(grade: int, system: SchoolSystem) -> str:
    if grade >= FIRST_HIGH_GRADE:
        return HIGH
    return MIDDLE if grade > system.primary_years else PRIMARY


def graduating_grade(system: SchoolSystem, stage: str) -> int:
    """六三: 6, 9 and 12; 五四: 5, 9 and 12."""
    return {PRIMARY: system.primary_years, MIDDLE: 9, HIGH: 12}[stage]


def graduating_grades(system: SchoolSystem) -> tuple[int, int, int]:
    return graduating_grade(system, PRIMARY), graduating_grade(system, MIDDLE), graduating_grade(system, HIGH)


def is_graduating(grade: int | None, system: SchoolSystem) -> bool:
    return grade is not None and grade in graduating_grades(system)


def starting_grades(system: SchoolSystem) -> tuple[int, int, int]:
    """一年级, the first middle-school grade (七年级 in 六三, 六年级 in 五四) and 高一."""
    return 1, system.primary_years + 1, FIRST_HIGH_GRADE


def stage_label(stage: str) -> str:
    return {PRIMARY: "小学", MIDDLE: "初中", HIGH: "高中"}[stage]


# ── describing a window ──
def describe_window(window: dict) -> str:
    """'每学期开学前 7 日至开学后 7 日内' and the like, for messages."""
    parts = []
    before, after = window["before_term_start"], window["after_term_start"]
    if _has_length(before) and _has_length(after):
        parts.append(f"每学期开学前 {_span(before)}至开学后 {_span(after)}内")
    elif _has_length(after):
        parts.append(f"新学期开学后 {_span(after)}内")
    elif _has_length(before):
        parts.append(f"每学期开学前 {_span(before)}内")
    if _has_length(window["before_term_end"]):
        parts.append(f"学期结束前 {_span(window['before_term_end'])}内")
    if window["in_holidays"]:
        parts.append("寒暑假（学期之间）")
    return "或".join(parts) or "开学、放假当日"


def _span(iso: str) -> str:
    months, weeks, days = _parts(iso)
    return "".join([f"{months} 个月" if months else "", f"{weeks} 周" if weeks else "", f"{days} 日" if days else ""])


# ── dates ──
def _valid_mmdd(text: str) -> bool:
    m = _MMDD.match(text or "")
    if not m:
        return False
    try:
        dt.date(2000, int(m[1]), int(m[2]))
    except ValueError:
        return False
    return True


def _on(year: int, mmdd: str) -> dt.date:
    """MM-DD in ``year``; 02-29 falls on 28 February in a common year."""
    month, day = (int(x) for x in mmdd.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def _parts(iso: str) -> tuple[int, int, int]:
    m = _DURATION.match(iso or "")
    if not m:
        raise ValueError(f"无法识别的期限：{iso}")
    return tuple(int(g or 0) for g in m.groups())  # type: ignore[return-value]


def _has_length(iso: str) -> bool:
    return any(_parts(iso))


def _shift(day: dt.date, iso: str, sign: int) -> dt.date:
    """``day`` moved forward (sign +1) or back (-1) by an ISO-8601 duration of months, weeks, days."""
    months, weeks, days = _parts(iso)
    year, month = divmod(day.month - 1 + sign * months, 12)
    year, month = day.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - _ONE_DAY).day
    moved = dt.date(year, month, min(day.day, last))
    return moved + sign * dt.timedelta(days=weeks * 7 + days)
