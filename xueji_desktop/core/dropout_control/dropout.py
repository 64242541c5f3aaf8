"""Dropout control (控辍保学): which pupils are at or near a dropout threshold of the region's text.

The thresholds are profile data (``[dropout.*]``), each with its article and quote:

* ``dropout.suspected`` / ``dropout.confirmed`` / ``dropout.other_leave``: a run of consecutive school
  days of 无故缺席 (core/dropout_control/attendance.py) lasting ``after``, reached on the day (达到) or on the next school
  day (超过, ``over``). It is always counted in school time (weekends, holidays and the winter and summer
  breaks are neither absence nor a break in the run), as ``counted`` says:
  ``school_days``: N 日 are N school days, N 周 are N × ``week`` school days;
  ``term_months``: N 个月 are the school days of N months of term time from the first day missed
  (SchoolDays.term_months: the break between two terms does not count).
  The to-do list and the dropout workflow both measure a run with `Meter.measure`;
* ``enrolment.no_show``: a new pupil (entry route "new") of this term who has missed, without excuse,
  every school day since the term started (or since their entry date) and was never present.

The app only proposes: the registrar confirms the status change in the dropout wizard, which records
the contact attempts the text requires (core/dropout_control/dropout_rules.py).

    near_thresholds(ws, ws.today())   # [Proposal(...), ...] one per pupil at or near a threshold
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from peewee import JOIN, fn

from ...store.models import Absence, SchoolClass, Student
from ..pupils.status import Status, can_move
from ..region_profiles.profiles import Profile, ProfileError, Rule
from .attendance import NO_RUN, Kind, Run, SchoolDays, unexcused_runs

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
COUNTINGS = ("school_days", "term_months")


@dataclass(frozen=True)
class Threshold:
    """One threshold of the profile, read from its rule, counted in school time."""

    rule: Rule
    proposed: Status
    months: int = 0  # months of term time (counted = term_months)
    weeks: int = 0  # school weeks of `week_days` school days (counted = school_days)
    days: int = 0  # school days (counted = school_days)
    week_days: int = 5
    over: bool = False
    condition: str = "none"
    no_show: bool = False

    @property
    def text(self) -> str:
        """Chinese, e.g. 连续超过 7 个上课日未经批准无故缺席，且联系不上监护人."""
        if self.no_show:
            return "新生无故不按时报到（开学以来未到校）"
        what = CONDITION_TEXT.get(self.condition, "")
        if self.months and not self.over and self.months in _CN_NUM:  # 连续一个月: the text gives the span itself
            return f"连续{_CN_NUM[self.months]}个月{what}"
        return f"连续{'超过' if self.over else '达到'} {self.amount}{what}"

    @property
    def amount(self) -> str:
        """1 个月, 4 周（20 个上课日）, 7 个上课日."""
        if self.months:
            return f"{self.months} 个月"
        if self.weeks:
            return f"{self.weeks} 周（{self.fixed_days} 个上课日）"
        return f"{self.days} 个上课日"

    @property
    def counting(self) -> str:
        """How the threshold is counted, in Chinese, for messages."""
        skip = "周末、法定节假日和寒暑假不计"
        if self.months:
            return (f"按学期内时间计，自缺席第一天起至 {self.months} 个月后同日的前一天，"
                    f"寒暑假不计入、假期后接续计算，其间每个上课日均无故缺席" + ("，再缺席 1 个上课日即超过" if self.over else ""))
        if self.weeks:
            return f"每周按 {self.week_days} 个上课日计，{skip}"
        return f"按上课日计，{skip}"

    @property
    def fixed_days(self) -> int:
        """The school days of a threshold in days or weeks (not over)."""
        return self.weeks * self.week_days + self.days

    def needed(self, first: dt.date, days: SchoolDays) -> int:
        """School days of 无故缺席 in a row, from `first`, that reach the threshold."""
        base = len(days.term_months(first, self.months)) if self.months else self.fixed_days
        return base + (1 if self.over else 0)

    def bound(self) -> int:
        """At most this many school days are needed (a month of term has at most 31 school days)."""
        return self.months * 31 + self.fixed_days + 1


def thresholds(profile: Profile) -> list[Threshold]:
    """The thresholds the region's text states (rules with applies = true), mildest first."""
    out = []
    for key, status in THRESHOLDS:
        rule = profile.rule(key)
        if not rule.applies:
            continue
        value = rule.value
        m = _DURATION.match(value["after"])
        where = f"{profile.id}.toml: {key}.value"
        if m is None:
            raise ProfileError(f"{where}.after: “{value['after']}”应为 ISO-8601 期限，如 P7D（7日）、P4W（4周）、P1M（1个月）")
        years, months, weeks, days = (int(g or 0) for g in m.groups())
        months += years * 12
        counted = value["counted"]
        if counted not in COUNTINGS:
            raise ProfileError(f"{where}.counted: 无效的计法“{counted}”（应为 school_days 按上课日，或 term_months "
                               "按学期内的月）")
        if counted == "school_days" and months:
            raise ProfileError(f"{where}: 按上课日计（school_days）的期限只能写日或周（如 P7D、P4W），"
                               f"“{value['after']}”含月，请用 term_months")
        if counted == "term_months" and (weeks or days or not months):
            raise ProfileError(f"{where}: 按学期内的月计（term_months）的期限只能写月（如 P1M），实际为“{value['after']}”")
        if value["week"] < 1 or value["week"] > 7:
            raise ProfileError(f"{where}.week: 每周上课日数应为 1 至 7，实际为 {value['week']}")
        out.append(Threshold(rule, status, months=months, weeks=weeks, days=days, week_days=value["week"],
                             over=bool(value["over"]), condition=value["condition"]))
    return out


def describe(profile: Profile, key: str) -> str:
    """A threshold of the profile as the registrar reads it: how long, and how it is counted."""
    t = next((t for t in thresholds(profile) if t.rule.key == key), None)
    return f"连续{'超过' if t.over else '达到'} {t.amount}：{t.counting}" if t else ""


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
    needed: int  # school days of 无故缺席 in a row that reach the threshold, for this run
    threshold_text: str
    message: str  # one Chinese line for a to-do row
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    condition: str = "none"
    notes: tuple[str, ...] = field(default=())  # e.g. 学期末将学籍档案转回户籍所在县


@dataclass(frozen=True)
class Measure:
    """One threshold measured on one run, in school days."""

    reached: bool
    near: bool  # reached within NEAR_SCHOOL_DAYS more school days of absence
    needed: int


class Meter:
    """Measures runs against thresholds: the one counting shared by the to-do list (near_thresholds) and
    the dropout workflow (workflows.dropout.run_of). Months of term time are worked out once per first day."""

    def __init__(self, days: SchoolDays):
        self.days = days
        self._needed: dict[tuple[str, dt.date], int] = {}

    def needed(self, t: Threshold, first: dt.date) -> int:
        key = (t.rule.key, first)
        if key not in self._needed:
            self._needed[key] = t.needed(first, self.days)
        return self._needed[key]

    def measure(self, t: Threshold, run: Run) -> Measure:
        if not run.days:
            return Measure(False, False, 0)
        need = self.needed(t, run.first)
        return Measure(run.days >= need, run.days >= need - NEAR_SCHOOL_DAYS, need)


def attendance_day(ws, today: dt.date, days: SchoolDays) -> dt.date:
    """The last school day whose attendance counts: today, unless today is a school day on which no
    absence has been recorded yet (the registers are not in), then the school day before."""
    if days.is_school_day(today) and not Absence.select().where(Absence.day == today).exists():
        return today - ONE_DAY
    return today


def near_thresholds(ws, today: dt.date, days: SchoolDays | None = None) -> list[Proposal]:
    """One Proposal per pupil on roll who is at or near a threshold of the region's text.

    Runs and thresholds are counted in school days (Meter): a run that ends before the winter break and
    goes on after it has only its school days. "Near" means the threshold is reached within two more
    school days of absence (NEAR_SCHOOL_DAYS): a run of 6 school days is near "超过 7 个上课日". A pupil
    who has reached a threshold gets the proposal of the most advanced threshold reached (辍学 over 疑似辍学);
    otherwise the nearest one. Only moves the pupil's status allows are proposed (a 疑似辍学 pupil is
    proposed 辍学, not again 疑似辍学). All pupils are read in one query and their absences in one more
    (attendance.unexcused_runs). Ordered: reached first, then by class and name.
    """
    profile = ws.profile
    found = thresholds(profile)
    no_show = no_show_threshold(profile)
    if not found and not no_show:
        return []
    days = days or SchoolDays.for_workspace(ws)
    meter = Meter(days)
    up_to = attendance_day(ws, today, days)
    watched = [s.value for s in WATCHED]
    # the whole roll: plain rows (id and status need no conversion), about a quarter of the time of .tuples()
    pupils = Student._meta.database.execute(Student.select(Student.id, Student.status)
                                            .where(Student.status.in_(watched))).fetchall()
    if not pupils:
        return []
    runs = unexcused_runs([i for i, _ in pupils], up_to, days, horizon=horizon(found))
    no_shows = _no_shows(watched, up_to, days) if no_show else {}
    chosen: dict[int, tuple[Status, Threshold, bool, Run, int]] = {}
    for student_id, status in pupils:
        run = runs.get(student_id, NO_RUN)
        if not run.days and student_id not in no_shows:
            continue
        current = Status(status)
        best: tuple[Threshold, bool, int] | None = None
        for t in found if run.days else ():
            if not can_move(current, t.proposed):
                continue
            m = meter.measure(t, run)
            if m.reached:
                best = (t, True, m.needed)  # the most advanced reached wins (the list is mildest first)
            elif m.near and best is None:
                best = (t, False, m.needed)
        if student_id in no_shows and can_move(current, no_show.proposed) and (best is None or not best[1]):
            run = no_shows[student_id]
            best = (no_show, True, run.days)
        if best is not None:
            chosen[student_id] = (current, best[0], best[1], run, best[2])
    if not chosen:
        return []
    migrant = profile.rule("dropout.migrant_archive")
    out = []
    for p in (Student.select(Student.id, Student.name, Student.migrant_child, SchoolClass.name.alias("class_name"))
              .join(SchoolClass, JOIN.LEFT_OUTER, on=(Student.school_class == SchoolClass.id))
              .where(Student.id.in_(list(chosen))).dicts()):
        current, t, reached, run, needed = chosen[p["id"]]
        p["class_name"] = p["class_name"] or ""
        notes = ()
        if migrant.applies and p["migrant_child"] == "1" and t.proposed in (Status.SUSPECTED_DROPOUT,
                                                                              Status.DROPPED_OUT):
            notes = (MIGRANT_ARCHIVE_TEXT.get(migrant.value, migrant.quote or ""),)
        out.append(_proposal(p, current, t, reached, run, needed, notes))
    out.sort(key=lambda x: (not x.reached, x.class_name, x.name))
    return out


def horizon(found: list[Threshold]) -> int:
    """School days to look back: enough for the longest threshold, plus the near margin."""
    return max((t.bound() for t in found), default=1) + NEAR_SCHOOL_DAYS + 2


def _no_shows(statuses: list[str], up_to: dt.date, days: SchoolDays) -> dict[int, Run]:
    """New pupils of this term who have missed, without excuse, every school day since the term started
    (or since their entry date) and were never present: {id: their run}. Two small queries over new pupils."""
    term = days.terms.term_of(up_to)
    term_first = _first_school_day_from(term.start, days) or term.start
    due = {}
    term_of = functools.cache(days.terms.term_of)  # new pupils share a few entry dates
    first_from = functools.cache(lambda day: _first_school_day_from(day, days))
    new_pupils = (Student.status.in_(statuses) & (Student.entry_route == "new")
                  & (Student.entry_date > term.start - dt.timedelta(days=150)))
    for student_id, entry_date in Student.select(Student.id, Student.entry_date).where(new_pupils).tuples():
        if entry_date and term_of(entry_date) == term:
            due[student_id] = max(term_first, first_from(entry_date) or term_first)
    if not due or up_to < term_first:
        return {}
    school_days = days.between(term_first, up_to)
    if not school_days:
        return {}
    out = {}
    rows = (Absence.select(Absence.student, fn.MIN(Absence.day), fn.MAX(Absence.day), fn.COUNT(Absence.id))
            .where(Absence.student.in_(Student.select(Student.id).where(new_pupils))  # not hundreds of ids bound
                   & (Absence.kind == Kind.UNEXCUSED.value)
                   & Absence.day.between(term_first, up_to))
            .group_by(Absence.student).tuples())
    for student_id, first, last, count in rows:
        if student_id not in due:  # a new pupil of an earlier term
            continue
        first, last = _as_date(first), _as_date(last)
        expected = sum(1 for d in school_days if d >= due[student_id])
        if expected and count == expected and first <= due[student_id] and last == school_days[-1]:
            out[student_id] = Run(count, first, last)
    return out


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _proposal(p: dict, current: Status, t: Threshold, reached: bool, run: Run, needed: int,
              notes: tuple[str, ...]) -> Proposal:
    state = "已达到" if reached else "接近"
    if t.no_show:
        counted = ""
    else:
        counted = f"（本次须连续 {needed} 个上课日；{t.counting}）"
    message = (f"{p['name']}（{p['class_name']}）已连续无故缺席 {run.days} 个上课日"
               f"（{run.first.month}月{run.first.day}日起），{state}{t.proposed.label}认定条件："
               f"{t.text}{counted}（{t.rule.article}）")
    if notes:
        message += "；" + "；".join(notes)
    return Proposal(student_id=p["id"], name=p["name"], class_name=p["class_name"], current_status=current,
                    proposed=t.proposed, rule=t.rule.key, article=t.rule.article, quote=t.rule.quote or "",
                    reached=reached, run_days=run.days, needed=needed, threshold_text=t.text, message=message,
                    first_day=run.first, last_day=run.last, condition=t.condition, notes=notes)


def proposal_for(ws, student_id: int, today: dt.date | None = None) -> Proposal | None:
    """The proposal for one pupil, if any (the wizard opens on it)."""
    today = today or ws.today()
    return next((p for p in near_thresholds(ws, today) if p.student_id == student_id), None)


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
