"""Attendance (考勤): which pupils were absent on which school days, and why.

A school day is a working day (workdays.WorkCalendar: holidays and 调休 weekends) inside a term
(school_calendar.SchoolCalendar). Only absences are stored (store.models.Absence); a class's week is
read and saved as a grid, each save one transaction with one `attendance_recorded` event listing what
changed. `unexcused_runs` gives, for many pupils at once, the current run of consecutive school days of
无故缺席 — what the dropout thresholds (疑似辍学, 辍学) are counted on.

Absence is counted in school time only: weekends, 法定节假日 and the winter and summer breaks are not
school days, so they neither add to a run nor break it. A threshold the text states in months ("连续一个月")
is the school days of that many months of term time (`SchoolDays.term_months`): the break between two
terms does not count as time away from school.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from ...store.models import Absence, SchoolClass, Student
from ..accounts.roles import Permission
from ..dates.school_calendar import SchoolCalendar
from ..dates.workdays import WorkCalendar
from ..pupils.status import ON_ROLL
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, EventKind, changing

ONE_DAY = dt.timedelta(days=1)


class Kind(str, Enum):
    SICK = "sick"
    PERSONAL = "personal"
    UNEXCUSED = "unexcused"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def key(self) -> str:
        """The one key that types it in the grid: 病 b, 事 s, 旷 k (无故缺席)."""
        return KEYS[self]


LABELS = {Kind.SICK: "病假", Kind.PERSONAL: "事假", Kind.UNEXCUSED: "无故缺席"}
KEYS = {Kind.SICK: "B", Kind.PERSONAL: "S", Kind.UNEXCUSED: "K"}
SHORT = {Kind.SICK: "病", Kind.PERSONAL: "事", Kind.UNEXCUSED: "旷"}


def kind_of(text: str | None) -> Kind | None:
    """A grid cell or an Excel cell as a kind: '', '√', '到' → present (None); 病/病假/B, 事/事假/S,
    旷/旷课/无故/无故缺席/K … → the kind; anything else raises ValueError."""
    t = (text or "").strip().upper()
    if t in ("", "√", "✓", "到", "出勤", "-", "—"):
        return None
    for kind in Kind:
        if t in (kind.value.upper(), KEYS[kind], SHORT[kind], LABELS[kind]):
            return kind
    if t in ("病", "病假"):
        return Kind.SICK
    if t in ("事", "事假"):
        return Kind.PERSONAL
    if t in ("旷", "旷课", "无故", "缺", "缺席", "无故缺席", "无故旷课"):
        return Kind.UNEXCUSED
    raise ValueError(t)


@dataclass(frozen=True)
class SchoolDays:
    """Which days are school days: working days inside a term."""

    work: WorkCalendar
    terms: SchoolCalendar
    _known: dict[dt.date, bool] = field(default_factory=dict, compare=False, repr=False)  # answers so far

    @classmethod
    def for_workspace(cls, ws) -> SchoolDays:
        return cls(WorkCalendar.from_store(), SchoolCalendar.from_profile(ws.profile))

    def is_school_day(self, day: dt.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self.terms.in_term(day) and self.work.is_working_day(day)
        return known

    def between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        out, day = [], first
        while day <= last:
            if self.is_school_day(day):
                out.append(day)
            day += ONE_DAY
        return out

    def week_of(self, day: dt.date) -> list[dt.date]:
        """The school days of the Monday-to-Sunday week containing `day` (a 调休 Saturday included)."""
        monday = day - dt.timedelta(days=day.weekday())
        return self.between(monday, monday + dt.timedelta(days=6))

    def term_months(self, first: dt.date, months: int) -> list[dt.date]:
        """The school days of `months` months of term time from `first` (inclusive).

        Without a break the period runs from `first` to the day before the same date `months` later
        (2 Nov → 1 Dec). Days between two terms (寒暑假) are not term time: the period is that many days of
        term (weekends and holidays inside a term included, as in a calendar month) and goes on after
        the break for the days it had left. Only the school days of the period are returned.
        """
        length = (add_months(first, months) - first).days
        out, day, counted = [], first, 0
        for _ in range(length + 800):  # a break is at most a few months long
            if self.terms.in_term(day):
                counted += 1
                if self.work.is_working_day(day):
                    out.append(day)
                if counted == length:
                    break
            day += ONE_DAY
        return out

    def last_school_days(self, up_to: dt.date, count: int) -> list[dt.date]:
        """The `count` school days ending at `up_to` (inclusive), oldest first."""
        out, day, guard = [], up_to, 0
        while len(out) < count and guard < 800:
            if self.is_school_day(day):
                out.append(day)
            day -= ONE_DAY
            guard += 1
        return out[::-1]


# --- a class's week as a grid ------------------------------------------------------------------------

@dataclass
class Grid:
    klass: SchoolClass
    days: list[dt.date]
    pupils: list[Student]
    cells: dict[tuple[int, dt.date], Kind] = field(default_factory=dict)  # absent only

    def kind(self, student_id: int, day: dt.date) -> Kind | None:
        return self.cells.get((student_id, day))


def class_pupils(klass: SchoolClass) -> list[Student]:
    on_roll = [s.value for s in ON_ROLL]
    return list(Student.select().where((Student.school_class == klass) & Student.status.in_(on_roll))
                .order_by(Student.student_number))


def week_grid(ws, class_id: int, day: dt.date, days: SchoolDays | None = None) -> Grid:
    days = days or SchoolDays.for_workspace(ws)
    klass = SchoolClass.get_by_id(class_id)
    week = days.week_of(day)
    pupils = class_pupils(klass)
    grid = Grid(klass, week, pupils)
    if week and pupils:
        for a in Absence.select().where(Absence.student.in_([p.id for p in pupils])
                                        & Absence.day.between(week[0], week[-1])):
            grid.cells[(a.student_id, a.day)] = Kind(a.kind)
    return grid


def _block(field_name: str, message: str) -> Finding:
    return Finding(f"attendance.{field_name}", Severity.BLOCK, field_name, message)


def save_absences(ws, class_id: int, cells: Mapping[tuple[int, dt.date], Kind | None],
                  days: SchoolDays | None = None) -> Changes:
    """Writes the given cells of one class (None: present); one transaction, one event with the changes.
    A day that is not a school day, a day in the future, or a pupil not in the class is refused by name."""
    ws.require_class("录入考勤", class_id, Permission.ATTENDANCE, Permission.ATTENDANCE_OWN)
    days = days or SchoolDays.for_workspace(ws)
    today = ws.today()
    klass = SchoolClass.get_by_id(class_id)
    pupils = {p.id: p for p in class_pupils(klass)}
    problems = []
    for (student_id, day), kind in cells.items():
        if student_id not in pupils:
            problems.append(_block("student", f"学生（编号 {student_id}）不在{klass.name}的在籍名单中"))
        if day > today:
            problems.append(_block("day", f"日期：{day:%Y-%m-%d} 晚于今天，不能预先记录缺勤"))
        elif not days.is_school_day(day):
            problems.append(_block("day", f"日期：{day:%Y-%m-%d} 不是上课日（节假日、周末或假期）"))
    if problems:
        raise RuleViolation(list({f.message: f for f in problems}.values()))
    with changing(ws.db, ws.user, ws.now()) as tx:
        stored = {(a.student_id, a.day): a for a in Absence.select().where(
            Absence.student.in_(list({s for s, _ in cells})) & Absence.day.in_(list({d for _, d in cells})))}
        diffs = []
        for (student_id, day), kind in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            row = stored.get((student_id, day))
            before = Kind(row.kind) if row else None
            if before == kind:
                continue
            if kind is None:
                row.delete_instance()
            elif row is None:
                Absence.create(student=student_id, day=day, kind=kind.value, recorded_by=ws.user, recorded_at=tx.now)
            else:
                row.kind, row.recorded_by, row.recorded_at = kind.value, ws.user, tx.now
                row.save()
            pupil = pupils[student_id]
            diffs.append({"student_number": pupil.student_number, "name": pupil.name, "day": day.isoformat(),
                          "before": before.value if before else None, "after": kind.value if kind else None})
        if diffs:
            span = sorted({d["day"] for d in diffs})
            absent = sum(1 for d in diffs if d["after"])
            tx.record(EventKind.ATTENDANCE_RECORDED,
                      f"记录考勤：{klass.name}，{span[0]}" + (f" 至 {span[-1]}" if len(span) > 1 else "")
                      + f"，{len(diffs)} 处改动（缺勤 {absent} 人次）",
                      {"class": klass.name, "changes": diffs})
            tx.changes.students.update(s for s, _ in cells)
    return tx.changes


# --- runs of unexcused absence -------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """The current run of consecutive school days of 无故缺席 ending on the last school day."""

    days: int
    first: dt.date | None
    last: dt.date | None


NO_RUN = Run(0, None, None)


def unexcused_runs(student_ids: Iterable[int], up_to: dt.date, days: SchoolDays, horizon: int = 60) -> dict[int, Run]:
    """For each pupil, the run of 无故缺席 that reaches the last school day on or before `up_to`
    (looking back at most `horizon` school days). One query for all pupils."""
    ids = list(student_ids)
    window = days.last_school_days(up_to, horizon)
    if not window or not ids:
        return {i: NO_RUN for i in ids}
    absent: dict[int, set[dt.date]] = defaultdict(set)
    wanted = set(ids)  # kept out of the SQL: a school's thousands of ids cost more to bind than to skip here
    for student_id, day in (Absence.select(Absence.student, Absence.day)
                            .where((Absence.kind == Kind.UNEXCUSED.value)
                                   & Absence.day.between(window[0], window[-1])).tuples()):
        if student_id in wanted:
            absent[student_id].add(day)
    out = {}
    for i in ids:
        mine = absent.get(i)
        if not mine or window[-1] not in mine:
            out[i] = NO_RUN
            continue
        n = 0
        for day in reversed(window):
            if day not in mine:
                break
            n += 1
        out[i] = Run(n, window[-n], window[-1])
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (nxt - ONE_DAY).day))
