"""Dropout control (控辍保学): which pupils are at or near a dropout threshold of the region's text.

The thresholds are profile data (``[dropout.*]``), each with its article and quote:

* ``dropout.suspected`` / ``dropout.confirmed`` / ``dropout.other_leave``: a run of consecutive school
  days of 无故缺席 (core/attendance.py) lasting ``after``, counted in school days (上课日) or as calendar
  time from the first day missed (``counted``), reached on the day (达到) or the day after (超过, ``over``);
* ``enrolment.no_show``: a new pupil (entry route "new") of this term who has missed, without excuse,
  every school day since the term started (or since their entry date) and was never present.

The app only proposes: the registrar confirms the status change in the dropout wizard, which records
the contact attempts the text requires (core/rules/dropout.py).

    near_thresholds(ws, ws.today())   # [Proposal(...), ...] one per pupil at or near a threshold
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from peewee import JOIN, fn

from ..store.models import Absence, SchoolClass, Student
from .attendance import NO_RUN, Kind, Run, SchoolDays, unexcused_runs
from .profiles import Profile, Rule
from .status import Status, can_move

NEAR_SCHOOL_DAYS = 2  # "near": the threshold is reached within this many more school days of absence
ONE_DAY = dt.timedelta(days=1)

# (profile rule, status it leads to), mildest first: a pupil's proposal is the most advanced one reached.
THRESHOLDS: tuple[tuple[str, Status], ...] = (
    ("dropout.suspected", Status.SUSPECTED_DROPOUT),
    ("dropout.confirmed", Status.DROPPED_OUT),
    ("dropout.other_leave", Status.LEFT_OTHER),
)
NO_SHOW = "enrolment.no_show"
WATCHED = (Status.ENROLLED, Status.SUSPECTED_DROPOUT, Status.DROPPED_OUT)  # attending, or counted as gone
NO_SHOW_STATUS = {"suspected_dropout": Status.SUSPECTED_DROPOUT, "dropout": Status.DROPPED_OUT}

CONDITION_TEXT = {
    "guardian_unreachable": "未经批准无故缺席，且联系不上监护人",
    "unapproved_absence": "未经批准无理由不到校",
    "repeated_contact_failed": "无故旷课，经学校多次联系动员仍未返校",
    "left_without_reason_unreachable": "离校未告知学校原因，且联系不上",
    "none": "",
}
MIGRANT_ARCHIVE_TEXT = {
    "term_end_to_home_county": "学期末将学籍档案转回户籍所在县",
    "contact_home_bureau": "与学生户籍所在地主管教育行政部门沟通，督促其完成义务教育",
}
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_CN_NUM = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


@dataclass(frozen=True)
class Threshold:
    """One threshold of the profile, read from its rule."""

    rule: Rule
    proposed: Status
    months: int = 0
    days: int = 0  # calendar days, or school days when counted in school days
    school_days: bool = False
    over: bool = False
    condition: str = "none"
    no_show: bool = False

    @property
    def text(self) -> str:
        """Chinese, e.g. 连续超过 7 个上课日未经批准无故缺席，且联系不上监护人."""
        if self.no_show:
            return "新生无故不按时报到（开学以来未到校）"
        if self.school_days:
            amount = f" {self.days} 个上课日"
        elif self.months and not self.days:
            amount = f"{_CN_NUM[self.months]}个月" if self.months in _CN_NUM and not self.over else f" {self.months} 个月"
            if not self.over:  # 连续一个月: the text gives the span itself
                return f"连续{amount}{CONDITION_TEXT.get(self.condition, '')}"
        elif self.days % 7 == 0:
            amount = f" {self.days // 7} 周"
        else:
            amount = f" {self.days} 天"
        return f"连续{'超过' if self.over else '达到'}{amount}{CONDITION_TEXT.get(self.condition, '')}"

    def school_days_needed(self) -> int:
        return self.days + (1 if self.over else 0)

    def reached_on(self, first: dt.date) -> dt.date:
        """Calendar thresholds: the day on which a run that began on `first` reaches the threshold."""
        end = _add_months(first, self.months) + dt.timedelta(days=self.days)
        return end if self.over else end - ONE_DAY


def thresholds(profile: Profile) -> list[Threshold]:
    """The thresholds the region's text states (rules with applies = true), mildest first."""
    out = []
    for key, status in THRESHOLDS:
        rule = profile.rule(key)
        if not rule.applies:
            continue
        value = rule.value
        m = _DURATION.match(value["after"])
        years, months, weeks, days = (int(g or 0) for g in m.groups())
        out.append(Threshold(rule, status, months=years * 12 + months, days=weeks * 7 + days,
                             school_days=value["counted"] == "school_days", over=bool(value["over"]),
                             condition=value["condition"]))
    return out


def no_show_threshold(profile: Profile) -> Threshold | None:
    rule = profile.rule(NO_SHOW)
    status = NO_SHOW_STATUS.get(rule.value)
    if not rule.applies or status is None:
        return None
    contact = profile.rule("dropout.no_show_contact")
    return Threshold(rule, status, condition=contact.value if contact.applies else "none", no_show=True)


@dataclass(frozen=True)
class Proposal:
    """A pupil at or near a dropout threshold, and the status change the region's text leads to."""

    student_id: int
    name: str
    class_name: str
    current_status: Status
    proposed: Status
    rule: str  # profile rule id, e.g. dropout.suspected
    article: str
    quote: str
    reached: bool
    run_days: int  # consecutive school days of 无故缺席
    span_days: int  # calendar days from the first day missed
    threshold_text: str
    message: str  # one Chinese line for a to-do row
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    condition: str = "none"
    notes: tuple[str, ...] = field(default=())  # e.g. 学期末将学籍档案转回户籍所在县


def attendance_day(ws, today: dt.date, days: SchoolDays) -> dt.date:
    """The last school day whose attendance counts: today, unless today is a school day on which no
    absence has been recorded yet (the registers are not in), then the school day before."""
    if days.is_school_day(today) and not Absence.select().where(Absence.day == today).exists():
        return today - ONE_DAY
    return today


def near_thresholds(ws, today: dt.date, days: SchoolDays | None = None) -> list[Proposal]:
    """One Proposal per pupil on roll who is at or near a threshold of the region's text.

    "Near" means the threshold is reached within two more school days of absence (NEAR_SCHOOL_DAYS):
    a run of 6 school days is near "超过 7 个上课日". A pupil who has reached a threshold gets the
    proposal of the most advanced threshold reached (辍学 over 疑似辍学); otherwise the nearest one.
    Only moves the pupil's status allows are proposed (a 疑似辍学 pupil is proposed 辍学, not again
    疑似辍学). All pupils are read in one query and their absences in one more (attendance.unexcused_runs).
    Ordered: reached first, then by class and name.
    """
    profile = ws.profile
    found = thresholds(profile)
    no_show = no_show_threshold(profile)
    if not found and not no_show:
        return []
    days = days or SchoolDays.for_workspace(ws)
    up_to = attendance_day(ws, today, days)
    watched = [s.value for s in WATCHED]
    pupils = list(Student.select(Student.id, Student.status).where(Student.status.in_(watched)).tuples())
    if not pupils:
        return []
    runs = unexcused_runs([i for i, _ in pupils], up_to, days, horizon=horizon(found))
    last = next((r.last for r in runs.values() if r.last), None)
    span_end = _span_end(today, last, days) if last else today
    ahead = _next_school_days(up_to, NEAR_SCHOOL_DAYS, days)
    no_shows = _no_shows(watched, up_to, days) if no_show else {}
    chosen: dict[int, tuple[Status, Threshold, bool, Run]] = {}
    for student_id, status in pupils:
        run = runs.get(student_id, NO_RUN)
        if not run.days and student_id not in no_shows:
            continue
        current = Status(status)
        best: tuple[Threshold, bool] | None = None
        for t in found if run.days else ():
            if not can_move(current, t.proposed):
                continue
            reached, near = _measure(t, run, span_end, ahead)
            if reached:
                best = (t, True)  # the most advanced reached wins (the list is mildest first)
            elif near and best is None:
                best = (t, False)
        if student_id in no_shows and can_move(current, no_show.proposed) and (best is None or not best[1]):
            best, run = (no_show, True), no_shows[student_id]
        if best is not None:
            chosen[student_id] = (current, best[0], best[1], run)
    if not chosen:
        return []
    migrant = profile.rule("dropout.migrant_archive")
    out = []
    for p in (Student.select(Student.id, Student.name, Student.migrant_child, SchoolClass.name.alias("class_name"))
              .join(SchoolClass, JOIN.LEFT_OUTER, on=(Student.school_class == SchoolClass.id))
              .where(Student.id.in_(list(chosen))).dicts()):
        current, t, reached, run = chosen[p["id"]]
        p["class_name"] = p["class_name"] or ""
        notes = ()
        if migrant.applies and p["migrant_child"] == "1" and t.proposed in (Status.SUSPECTED_DROPOUT,
                                                                              Status.DROPPED_OUT):
            notes = (MIGRANT_ARCHIVE_TEXT.get(migrant.value, migrant.quote or ""),)
        span = (span_end - run.first).days + 1
        out.append(_proposal(p, current, t, reached, run, span, notes))
    out.sort(key=lambda x: (not x.reached, x.class_name, x.name))
    return out


def horizon(found: list[Threshold]) -> int:
    """School days to look back: enough for the longest threshold (a school day is at least a calendar
    day, so a calendar threshold of N days needs at most N school days), plus the near margin."""
    need = [t.school_days_needed() if t.school_days else t.months * 31 + t.days + 1 for t in found]
    return max(need, default=1) + NEAR_SCHOOL_DAYS + 2


def _no_shows(statuses: list[str], up_to: dt.date, days: SchoolDays) -> dict[int, Run]:
    """New pupils of this term who have missed, without excuse, every school day since the term started
    (or since their entry date) and were never present: {id: their run}. Two small queries over new pupils."""
    term = days.terms.term_of(up_to)
    term_first = _first_school_day_from(term.start, days) or term.start
    due = {}
    for student_id, entry_date in (Student.select(Student.id, Student.entry_date)
                                   .where(Student.status.in_(statuses) & (Student.entry_route == "new")
                                          & (Student.entry_date > term.start - dt.timedelta(days=150))).tuples()):
        if entry_date and days.terms.term_of(entry_date) == term:
            due[student_id] = max(term_first, _first_school_day_from(entry_date, days) or term_first)
    if not due or up_to < term_first:
        return {}
    school_days = days.between(term_first, up_to)
    if not school_days:
        return {}
    out = {}
    rows = (Absence.select(Absence.student, fn.MIN(Absence.day), fn.MAX(Absence.day), fn.COUNT(Absence.id))
            .where(Absence.student.in_(list(due)) & (Absence.kind == Kind.UNEXCUSED.value)
                   & Absence.day.between(term_first, up_to))
            .group_by(Absence.student).tuples())
    for student_id, first, last, count in rows:
        first, last = _as_date(first), _as_date(last)
        expected = sum(1 for d in school_days if d >= due[student_id])
        if expected and count == expected and first <= due[student_id] and last == school_days[-1]:
            out[student_id] = Run(count, first, last)
    return out


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _proposal(p: dict, current: Status, t: Threshold, reached: bool, run: Run, span: int,
              notes: tuple[str, ...]) -> Proposal:
    state = "已达到" if reached else "接近"
    message = (f"{p['name']}（{p['class_name']}）已连续无故缺席 {run.days} 个上课日"
               f"（{run.first.month}月{run.first.day}日起，共 {span} 天），{state}{t.proposed.label}认定条件："
               f"{t.text}（{t.rule.article}）")
    if notes:
        message += "；" + "；".join(notes)
    return Proposal(student_id=p["id"], name=p["name"], class_name=p["class_name"], current_status=current,
                    proposed=t.proposed, rule=t.rule.key, article=t.rule.article, quote=t.rule.quote or "",
                    reached=reached, run_days=run.days, span_days=span, threshold_text=t.text, message=message,
                    first_day=run.first, last_day=run.last, condition=t.condition, notes=notes)


def proposal_for(ws, student_id: int, today: dt.date | None = None) -> Proposal | None:
    """The proposal for one pupil, if any (the wizard opens on it)."""
    today = today or ws.today()
    return next((p for p in near_thresholds(ws, today) if p.student_id == student_id), None)


def _measure(t: Threshold, run: Run, span_end: dt.date, ahead: list[dt.date]) -> tuple[bool, bool]:
    """(reached, near) of one threshold for one run."""
    if t.school_days:
        need = t.school_days_needed()
        return run.days >= need, run.days >= need - NEAR_SCHOOL_DAYS
    due = t.reached_on(run.first)
    if span_end >= due:
        return True, True
    return False, bool(ahead) and ahead[-1] >= due


def _span_end(today: dt.date, last: dt.date, days: SchoolDays) -> dt.date:
    """The pupil has been away until the day before the next school day after the run (at most today)."""
    nxt = _next_school_days(last, 1, days)
    return min(today, nxt[0] - ONE_DAY) if nxt else today


def _next_school_days(after: dt.date, count: int, days: SchoolDays) -> list[dt.date]:
    out, day = [], after
    for _ in range(400):
        day += ONE_DAY
        if days.is_school_day(day):
            out.append(day)
            if len(out) == count:
                break
    return out


def _first_school_day_from(day: dt.date | None, days: SchoolDays) -> dt.date | None:
    if day is None:
        return None
    if days.is_school_day(day):
        return day
    nxt = _next_school_days(day, 1, days)
    return nxt[0] if nxt else None


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (nxt - ONE_DAY).day))
