"""The rows of the school's registers and rosters (学校学籍档案): who came and who left in a period, the
new pupils of an intake, the pupils class by class. Plain rows for ``core.forms.registers_*`` to print.

《营口市规定》三(五): 学校学籍档案应包括新生花名册、学生增加（或减少）情况登记表、毕业生花名册;
《长治市实施细则》第六条: 在校生分班名册（附件3）, 学生增减情况登记表（附件4）, 初一新生录取花名册（九）.
Which region keeps which register is profile data (``forms.registers``), read by the forms.

**A period** is a date range, or a term: a term's register runs from the day after the previous term ended
to the term's last day, so what happens in a holiday (the summer's new pupils, transfers before school
starts) counts in the term it prepares. A school year (``2026``) runs from the day after the spring term
of the year before ended to the end of its own spring term.

**Arrivals and departures** are read from the change log, replayed in order of the day each change took
effect (a case's closing day; else the day entered for it): a pupil *arrives* when a change makes them
在校 (新生入学, 非新生注册, 转入, 复学 …) and *leaves* when a change ends 在校 (转出, 休学, 出国（出境）, 退学 …).
Changes between two statuses that are both away from school (休学 → 其他离校, 疑似辍学 → 辍学) are listed
apart: they change the 学籍, not the number in school. The numbers in school at the start and the end
of the period come from the same replay, so 期初 + 增加 − 减少 = 期末 always holds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import JOIN

from ...store.models import Case, Event, Guardian, SchoolClass, Student
from ..casework.cases import CaseKind, data_of
from ..dates.school_calendar import SchoolCalendar, Term
from ..pupils import codes, regions
from ..pupils.status import ON_ROLL, Status
from ..region_profiles.profiles import Profile
from ..school.events import EventKind
from ..school.school import HIGH_GRADES, SchoolKind, SchoolSystem, starting_grades

__all__ = ["ChangeRegister", "ChangeRow", "ClassGroup", "NewPupil", "Period", "PeriodError", "RosterPupil",
           "change_register", "class_roster", "entry_grade_names", "new_pupils", "period_of"]

ARRIVAL, DEPARTURE, OTHER = "增加", "减少", "其他"
ENROLLED = Status.ENROLLED.value
_ROUTES = {"新生注册": "新生入学", "非新生注册": "非新生注册"}
CONTINUED_ENTRY, CONTINUED_MODE = "continued", "升学"  # 初一 pupils whose primary record continues (core.admission.continuation)
# Pupils brought in from the national system's Excel (core.national.excel_import.ROUTE) were at school before
# the program knew them: they count in 期初 and are never listed as an arrival.
IMPORTED_ROUTE = "全国学籍系统导入"
IMPORTED_ENTRY = "imported"  # Student.entry_route of a pupil brought in from the national system's Excel
_STATUS_EVENTS = (EventKind.STUDENT_ENROLLED.value, EventKind.STUDENT_TRANSFERRED_IN.value,
                  EventKind.STUDENT_TRANSFERRED_OUT.value, EventKind.STATUS_CHANGED.value,
                  EventKind.STATUS_SEEDED.value, EventKind.STUDENT_CONTINUED.value,
                  EventKind.PUNISHMENT_RECORDED.value,  # 开除学籍 of a 高中 pupil leaves the roll
                  EventKind.DUPLICATE_RECORD_REMOVED.value)  # 重复学籍 removed: the child studies elsewhere


class PeriodError(ValueError):
    """A period that cannot be read; the message names the option and the form it takes."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str  # 2026—2027学年上学期 / 2026-09-01 至 2026-12-31

    @property
    def span(self) -> str:
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"


_TERM = re.compile(r"^\s*(\d{4})(?:\s*[-—–]\s*(\d{4}))?(?:\s*[-—–]?\s*(1|2|上|下))?\s*$")


def _previous_term(cal: SchoolCalendar, term: Term) -> Term:
    autumn, _spring = cal.terms(term.school_year)
    return cal.terms(term.school_year - 1)[1] if term.name == autumn.name else autumn


def _term_period(cal: SchoolCalendar, term: Term) -> Period:
    return Period(_previous_term(cal, term).end + dt.timedelta(days=1), term.end, term.label)


def period_of(profile: Profile, today: dt.date, term: str | None = None, start: dt.date | None = None,
              end: dt.date | None = None) -> Period:
    """The period a register covers: ``start``/``end`` (either may be left open: the current term's bound),
    or ``term`` — ``2026-1`` (上学期 of 2026—2027), ``2026-2`` (下学期), ``2026-2027-1``, or ``2026`` (the
    whole school year) — or, with neither, the term containing ``today`` (in the holidays, the one just
    ended, as the term review reads it). Raises PeriodError."""
    cal = SchoolCalendar.from_profile(profile)
    if term is not None and (start is not None or end is not None):
        raise PeriodError("--term 与 --from/--to 只能选用一种")
    if term is not None:
        m = _TERM.match(term)
        if not m or (m.group(2) and int(m.group(2)) != int(m.group(1)) + 1):
            raise PeriodError(f"--term：“{term}”无法识别，应写作 2026-1（2026—2027学年上学期）、2026-2（下学期）"
                              "或 2026（整个学年）")
        year = int(m.group(1))
        autumn, spring = cal.terms(year)
        if m.group(3) is None:
            return Period(_term_period(cal, autumn).start, spring.end, f"{year}—{year + 1}学年")
        return _term_period(cal, autumn if m.group(3) in ("1", "上") else spring)
    current = cal.term_of(today)
    if not current.contains(today) and today < current.start:  # in the holidays: the term just ended
        current = _previous_term(cal, current)
    if start is None and end is None:
        return _term_period(cal, current)
    whole = _term_period(cal, current)
    first, last = start or whole.start, end or whole.end
    if last < first:
        raise PeriodError(f"--to（{last:%Y-%m-%d}）早于 --from（{first:%Y-%m-%d}）")
    return Period(first, last, f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}")


def entry_grade_names(kind: str, system: str) -> list[str]:
    """The grades where the school takes new pupils, as the texts name them: 一年级, 初一, 高一 (长治 第六条（九）)."""
    sys_ = SchoolSystem(system)
    names = {1: "一年级", sys_.primary_years + 1: "初一", HIGH_GRADES[0]: "高一"}
    return [names[g] for g in starting_grades(SchoolKind(kind), sys_)]


# ── pupils ──────────────────────────────────────────────────────────────────────────────────────

def _label(table, code) -> str:
    return table.label(code) or (code or "")


def _guardians(ids: list[int]) -> dict[int, str]:
    """The first family member with a name, and their phone, per pupil (one query per 900 pupils)."""
    out: dict[int, str] = {}
    for chunk in range(0, len(ids), 900):
        for g in (Guardian.select(Guardian.student, Guardian.name, Guardian.phone)
                  .where(Guardian.student.in_(ids[chunk:chunk + 900])).order_by(Guardian.position_no)):
            sid = g.student_id
            if sid not in out and (g.name or "").strip():
                out[sid] = f"{g.name} {g.phone or ''}".strip()
    return out


@dataclass(frozen=True)
class NewPupil:
    student_number: str
    name: str
    sex: str
    ethnicity: str
    birth_date: str
    id_number: str
    hukou_place: str
    entry_mode: str
    class_name: str
    grade: int
    entry_date: str
    guardian: str
    status: str  # 在校, or where the pupil has gone since (转出 …)


def new_pupils(period: Period, profile: Profile | None = None, today: dt.date | None = None,
               entry_grades: Iterable[int] = ()) -> list[NewPupil]:
    """The pupils registered as 新生 whose entry day falls in the period, by grade, class and entry order.
    A pupil brought in from the national system's Excel was registered there: it is one of the period's new
    pupils when it entered in the period into one of the school's `entry_grades` (一年级, 初一), its grade
    then counted back from its grade `today` by the region's promotion day."""
    entry_grades = set(entry_grades)
    routes = ["new", CONTINUED_ENTRY] + ([IMPORTED_ENTRY] if entry_grades and profile is not None
                                        and today is not None else [])
    query = (Student.select(Student, SchoolClass).join(SchoolClass)
             .where(Student.entry_route.in_(routes) & Student.entry_date.between(period.start, period.end))
             .order_by(SchoolClass.grade, SchoolClass.number, Student.id))
    pupils = list(query)
    if IMPORTED_ENTRY in routes:
        cal, now = SchoolCalendar.from_profile(profile), today

        def entered_in_an_entry_grade(s: Student) -> bool:
            return s.grade - (cal.grade_year(now) - cal.grade_year(s.entry_date)) in entry_grades

        pupils = [s for s in pupils if s.entry_route != IMPORTED_ENTRY or entered_in_an_entry_grade(s)]
    family = _guardians([s.id for s in pupils])
    return [NewPupil(
        s.student_number, s.name, _label(codes.SEX, s.sex), _label(codes.ETHNICITY, s.ethnicity),
        f"{s.birth_date:%Y-%m-%d}" if s.birth_date else "", s.id_number or "",
        regions.name_of(s.hukou_place or "") or (s.hukou_place or ""),
        CONTINUED_MODE if s.entry_route == CONTINUED_ENTRY else _label(codes.ENTRY_MODE, s.entry_mode),
        s.school_class.name, s.school_class.grade, f"{s.entry_date:%Y-%m-%d}", family.get(s.id, ""),
        Status(s.status).label) for s in pupils]


@dataclass(frozen=True)
class RosterPupil:
    student_number: str
    name: str
    sex: str
    birth_date: str
    ethnicity: str
    id_number: str
    entry_month: str
    status: str
    guardian: str
    remark: str  # 留守儿童, 随迁子女, 随班就读, 临时学籍号 …


@dataclass
class ClassGroup:
    name: str
    grade: int
    number: int
    capacity: int
    pupils: list[RosterPupil] = field(default_factory=list)

    def count(self, sex: str | None = None, status: str | None = None) -> int:
        return sum(1 for p in self.pupils if (sex is None or p.sex == sex) and (status is None or p.status == status))


def _seq_key(s: Student) -> tuple:
    seq = (s.class_seq or "").strip()
    return (0, int(seq), "") if seq.isdigit() else (1, 0, s.student_number)


def _remark(s: Student) -> str:
    marks = []
    if s.left_behind and s.left_behind not in ("0", ""):
        marks.append("留守儿童")
    if s.migrant_child == "1":
        marks.append("随迁子女")
    if s.inclusive and s.inclusive not in ("0", ""):
        marks.append("随班就读")
    if not s.identity_verified:
        marks.append("临时学籍号")
    return "、".join(marks)


def class_roster() -> list[ClassGroup]:
    """Every class with the pupils on its roll now (在校, and those away who keep their place: 休学, 疑似辍学 …),
    by 班内学号 (else 学籍号); classes without pupils are listed too."""
    groups = {k.id: ClassGroup(k.name, k.grade, k.number, k.capacity)
              for k in SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number)}
    on_roll = [s.value for s in ON_ROLL]
    pupils = Student.select().where(Student.status.in_(on_roll) & Student.school_class.is_null(False))
    by_class: dict[int, list[Student]] = defaultdict(list)
    pupils = list(pupils)
    family = _guardians([s.id for s in pupils])
    for s in pupils:
        by_class[s.school_class_id].append(s)
    for class_id, members in by_class.items():
        group = groups.get(class_id)
        if group is None:
            continue
        for s in sorted(members, key=_seq_key):
            group.pupils.append(RosterPupil(
                s.student_number, s.name, _label(codes.SEX, s.sex), f"{s.birth_date:%Y-%m-%d}" if s.birth_date else "",
                _label(codes.ETHNICITY, s.ethnicity), s.id_number or "", s.entry_month or "",
                Status(s.status).label, family.get(s.id, ""), _remark(s)))
    return list(groups.values())


# ── arrivals and departures ─────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class ChangeRow:
    direction: str  # 增加 / 减少 / 其他
    day: dt.date
    kind: str  # 新生入学, 转入, 休学 …
    student_number: str
    name: str
    sex: str
    class_name: str
    detail: str  # where from / where to / the ground
    case_number: str
    status_change: str  # 在校 → 休学
    note: str = ""


@dataclass
class ChangeRegister:
    period: Period
    opening: int  # 在校 on the period's first day, before its changes
    closing: int  # 在校 at the end of its last day
    rows: list[ChangeRow]

    def of(self, direction: str) -> list[ChangeRow]:
        return [r for r in self.rows if r.direction == direction]

    def by_kind(self, direction: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.of(direction):
            out[r.kind] = out.get(r.kind, 0) + 1
        return out


def _status_label(value: str | None) -> str:
    if value is None:  # no 学籍 here before (a new pupil, a pupil transferring in)
        return "—"
    try:
        return Status(value).label
    except ValueError:
        return value


def _ground(profile: Profile, kind: CaseKind, data: dict) -> str:
    from ..changes.status_change import CHANGES  # here: the window's menus read this module at start

    change = CHANGES.get(kind)
    label = ""
    if change is not None and change.evidence and profile.applies(change.evidence):
        items = profile.value(change.evidence)
        if isinstance(items, list):
            found = next((g for g in items if isinstance(g, dict) and g.get("id") == data.get("ground_id")), None)
            label = (found or {}).get("label", "")
    note = (data.get("note") or "").strip()
    return "；".join(x for x in (label, note) if x)


@dataclass
class _Step:
    day: dt.date
    seq: int
    student_id: int
    to: str
    kind: str
    detail: str
    case_number: str
    class_name: str | None
    note: str = ""


def _steps(profile: Profile, until: dt.date) -> list[_Step]:
    events = list(Event.select(Event.seq, Event.kind, Event.student, Event.case_id, Event.payload, Event.entered_on,
                               Event.created_at)
                  .where(Event.kind.in_(_STATUS_EVENTS) & Event.student.is_null(False)).order_by(Event.seq))
    case_ids = {e.case_id for e in events if e.case_id}
    cases = {c.id: c for c in Case.select().where(Case.id.in_(list(case_ids)))} if case_ids else {}
    steps = []
    for e in events:
        payload = json.loads(e.payload or "{}")
        case = cases.get(e.case_id)
        day = (case.closed_on if case is not None and case.closed_on else None) or e.entered_on or e.created_at.date()
        if day > until and not (e.kind == EventKind.STUDENT_ENROLLED.value
                                and payload.get("route") == IMPORTED_ROUTE):
            continue
        number = case.number if case is not None else ""
        data = data_of(case) if case is not None else {}
        snapshot_class = (payload.get("student") or {}).get("class")
        if e.kind == EventKind.STUDENT_ENROLLED.value:
            route = payload.get("route", "")
            if route == IMPORTED_ROUTE:
                steps.append(_Step(dt.date.min, e.seq, e.student_id, ENROLLED, route, "", "", snapshot_class))
                continue
            steps.append(_Step(day, e.seq, e.student_id, ENROLLED, _ROUTES.get(route, route or "注册"), "",
                               number, snapshot_class))
        elif e.kind == EventKind.STUDENT_CONTINUED.value:  # 升学: the primary record continues here
            origin = "本校初中" if payload.get("own_graduate") else (payload.get("archive_from") or {}).get("name", "")
            steps.append(_Step(day, e.seq, e.student_id, ENROLLED, CONTINUED_MODE, f"自{origin}毕业升入" if origin else "",
                               "", snapshot_class or payload.get("class_name")))
        elif e.kind == EventKind.PUNISHMENT_RECORDED.value:
            if payload.get("status_to") != Status.EXPELLED.value:
                continue  # other punishments leave the roll as it is
            approved = payload.get("approved") or {}
            steps.append(_Step(day, e.seq, e.student_id, Status.EXPELLED.value, Status.EXPELLED.label,
                               f"{payload.get('reason', '')}；经{approved.get('by', '')}批准", payload.get("document_no", ""),
                               None))
        elif e.kind == EventKind.DUPLICATE_RECORD_REMOVED.value:
            steps.append(_Step(day, e.seq, e.student_id, Status.DUPLICATE_REMOVED.value, "删除重复学籍",
                               f"实际在{payload.get('other_school', '')}就读；{payload.get('note', '')}", "", None))
        elif e.kind == EventKind.STUDENT_TRANSFERRED_IN.value:
            steps.append(_Step(day, e.seq, e.student_id, ENROLLED, "转入", f"自{data.get('from_school', '')}转入"
                               + (f"；{data['reason_label']}" if data.get("reason_label") else ""), number,
                               snapshot_class))
        elif e.kind == EventKind.STUDENT_TRANSFERRED_OUT.value:
            to_school = payload.get("to_school") or data.get("to_school", "")
            steps.append(_Step(day, e.seq, e.student_id, Status.TRANSFERRED_OUT.value, "转出", f"转入{to_school}"
                               + (f"；{data['reason_label']}" if data.get("reason_label") else ""), number, None))
        elif e.kind == EventKind.STATUS_CHANGED.value:
            try:
                kind = CaseKind(payload.get("kind"))
            except ValueError:
                continue
            steps.append(_Step(day, e.seq, e.student_id, payload.get("to", ""), kind.label,
                               _ground(profile, kind, data), number, None))
        else:  # status_seeded: the demo school's statuses, set without a workflow
            to = payload.get("to", "")
            steps.append(_Step(day, e.seq, e.student_id, to, _status_label(to), payload.get("reason", ""), "", None,
                               "演示数据"))
    steps.sort(key=lambda s: (s.day, s.seq))
    return steps


def change_register(profile: Profile, period: Period) -> ChangeRegister:
    """Every change that made a pupil 在校 or ended it in the period, and the other status changes, in the
    order they took effect; with the numbers in school before and after."""
    steps = _steps(profile, period.end)
    status: dict[int, str | None] = {}
    opening_done = False
    opening = 0
    rows_raw: list[tuple[_Step, str | None]] = []
    for step in steps:
        if not opening_done and step.day >= period.start:
            opening = sum(1 for v in status.values() if v == ENROLLED)
            opening_done = True
        before = status.get(step.student_id)
        status[step.student_id] = step.to
        if step.day >= period.start and before != step.to:
            rows_raw.append((step, before))
    if not opening_done:
        opening = sum(1 for v in status.values() if v == ENROLLED)
    closing = sum(1 for v in status.values() if v == ENROLLED)
    students = {}
    ids = list({s.student_id for s, _ in rows_raw})
    for chunk in range(0, len(ids), 900):
        for s in (Student.select(Student, SchoolClass).join(SchoolClass, JOIN.LEFT_OUTER)
                  .where(Student.id.in_(ids[chunk:chunk + 900]))):
            students[s.id] = s
    rows = []
    for step, before in rows_raw:
        s = students[step.student_id]
        was, now = before == ENROLLED, step.to == ENROLLED
        direction = ARRIVAL if now and not was else DEPARTURE if was and not now else OTHER
        klass = step.class_name or (s.school_class.name if s.school_class is not None else "")
        rows.append(ChangeRow(direction, step.day, step.kind, s.student_number, s.name, _label(codes.SEX, s.sex),
                              klass, step.detail, step.case_number,
                              f"{_status_label(before)} → {_status_label(step.to)}", step.note))
    return ChangeRegister(period, opening, closing, rows)
