"""The year end (学年结转): what turning the school year will do, read before anything is written.

`plan(ws)` answers, for the school year that ended last (its 下学期 over):
* the checks, each a Finding with where to fix it: too early, already turned, open cases holding a pupil,
  records incomplete, the term review not done, changes not sent, the national calendar's deadline passed;
* who moves from each grade to the next (在校 and 借读（外出） pupils; a 九年一贯制 school's top primary grade
  goes on into its first middle grade here), who leaves the top grade (毕业, or 结业 where the region's text
  names a 结业证书 and the registrar marks the pupil), who stays (休学, 辍学 … keep the grade their return
  continues from; an open case holds a graduate), the new starting-grade classes, and the classes over the
  region's class size after the move.

Classes follow their pupils (a class keeps its number and takes the next grade's name, as the national
system's classes follow their cohort); a top-grade class retires (`SchoolClass.retired_year`) and stays named
in its graduates' records. Pupils entered after the year's 下学期 ended (a summer's new pupils, a transfer in
after the national system's promotion) already have the new year's grade and do not move.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum

from ...store.models import Case, Event, School, SchoolClass, Student, YearEnd
from ..admission.enrolment_rules import class_size_findings
from ..dates.school_calendar import SchoolCalendar
from ..pupils.status import Status
from ..rules.base import finding
from ..rules.findings import Finding, Severity
from ..school.school import (
    HIGH_GRADES,
    SchoolKind,
    SchoolSystem,
    class_name,
    grades_taught,
    graduation_grades,
    starting_grades,
)
from . import high_graduation, repetition

NATIONAL_CALENDAR = "《全国中小学生学籍信息管理系统》年度业务时间安排"
# Who moves up with the class: at school, or studying elsewhere with the 学籍 kept here (借读).
MOVING = {Status.ENROLLED.value, Status.BORROWED_OUT.value}
# Who keeps the grade their return continues from (core.changes.status_return, dropout_rules.continuing_grade).
STAYING = {Status.SUSPENDED.value, Status.SUSPECTED_DROPOUT.value, Status.DROPPED_OUT.value, Status.MISSING.value}


class Outcome(str, Enum):
    GRADUATED = "graduated"  # 毕业
    COMPLETED = "completed"  # 结业

    @property
    def label(self) -> str:
        return {"graduated": "毕业", "completed": "结业"}[self.value]

    @property
    def status(self) -> Status:
        return Status.GRADUATED if self is Outcome.GRADUATED else Status.COMPLETED


class YearEndError(Exception):
    """The year end cannot be run as asked; the message says why in Chinese. Nothing was written."""


@dataclass(frozen=True)
class Pupil:
    id: int
    student_number: str
    name: str
    sex: str
    grade: int
    class_id: int | None
    class_name: str
    status: str

    @property
    def who(self) -> str:
        return f"{self.name}（{self.student_number}）"


@dataclass(frozen=True)
class ClassMove:
    class_id: int
    old_name: str
    grade_to: int | None  # None: retires with its graduates
    new_name: str
    pupils: int  # pupils on roll in it after the move


@dataclass(frozen=True)
class Held:
    pupil: Pupil
    why: str  # Chinese: 转出申请 ZC-2026-0003 办理中


@dataclass
class YearEndPlan:
    from_year: int  # the school year that ended (the year its autumn began)
    today: dt.date
    findings: list[Finding] = field(default_factory=list)
    moving: list[Pupil] = field(default_factory=list)  # one grade up
    graduating: list[Pupil] = field(default_factory=list)  # leave the top grade
    held: list[Held] = field(default_factory=list)  # top grade, not graduating now
    staying: list[Pupil] = field(default_factory=list)  # 休学, 辍学 …: keep their grade
    repeating: list[Pupil] = field(default_factory=list)  # 留级 decided (凉山 二(三)): keep their grade
    new_year: list[Pupil] = field(default_factory=list)  # entered for the new year: already in its grade
    classes: list[ClassMove] = field(default_factory=list)
    new_classes: dict[int, int] = field(default_factory=dict)  # starting grade → classes to create
    completion_offered: bool = False  # the region's text names a 结业证书
    outcomes: dict[int, Outcome] = field(default_factory=dict)  # student id → 结业 where marked
    completable: set[int] = field(default_factory=set)  # graduating pupils the text lets leave with 结业
    lacking: dict[int, list[str]] = field(default_factory=dict)  # 高三 pupils short of 毕业 (长治 第三十五条)

    @property
    def label(self) -> str:
        return f"{self.from_year}—{self.from_year + 1}学年"

    @property
    def next_label(self) -> str:
        return f"{self.from_year + 1}—{self.from_year + 2}学年"

    @property
    def blocks(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.BLOCK]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARN]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.INFO]

    def by_grade(self) -> list[tuple[int, int, int | None]]:
        """(grade, pupils, grade they move to) per grade that moves, the top grade as (grade, n, None)."""
        counts = Counter(p.grade for p in self.moving)
        rows = [(g, n, g + 1) for g, n in sorted(counts.items())]
        graduating = Counter(p.grade for p in self.graduating)
        rows += [(g, n, None) for g, n in sorted(graduating.items())]
        return sorted(rows, key=lambda r: r[0])

    def outcome_of(self, student_id: int) -> Outcome:
        return self.outcomes.get(student_id, Outcome.GRADUATED)

    @property
    def completed(self) -> int:
        """Graduating pupils marked 结业."""
        return sum(1 for x in self.graduating if self.outcome_of(x.id) is Outcome.COMPLETED)

    @property
    def leaving_text(self) -> str:
        """毕业 12 人，结业 1 人 (结业 only when there is one)."""
        text = f"毕业 {len(self.graduating) - self.completed} 人"
        return text + (f"，结业 {self.completed} 人" if self.completed else "")


def school_year_ended(cal: SchoolCalendar, today: dt.date) -> int:
    """The school year whose 下学期 ended last on or before ``today`` (in June 2027: 2025, whose 下学期 ended
    in July 2026)."""
    year = today.year - 1
    _, spring = cal.terms(year)
    return year if today > spring.end else year - 1


def opens_on(profile, cal: SchoolCalendar, from_year: int) -> dt.date:
    """The first day the year end may be run: the day after the 下学期's last day of lessons, or the day the
    national calendar closes the graduating grade's business (7月1日) where that comes first."""
    _, spring = cal.terms(from_year)
    first = spring.end + dt.timedelta(days=1)
    if profile.applies("year_cycle.graduating_business_by"):
        closing = _mmdd(from_year + 1, profile.value("year_cycle.graduating_business_by"))
        first = min(first, closing)
    return first


def latest_turnable(profile, cal: SchoolCalendar, today: dt.date) -> int:
    """The latest school year whose year end may be run on ``today``."""
    ended = school_year_ended(cal, today)
    return ended + 1 if today >= opens_on(profile, cal, ended + 1) else ended


def expected_year(cal: SchoolCalendar, school: School) -> int:
    """The school year the next year end turns: the one after the last turned, or, before any, the year of the
    grades the school's records were set up with (after the national system's promotion: the new year's)."""
    previous = last_turned()
    if previous is not None:
        return previous.from_year + 1
    created = school.created_at.date() if isinstance(school.created_at, dt.datetime) else school.created_at
    return cal.grade_year(created)


def _mmdd(year: int, text: str) -> dt.date:
    month, day = (int(x) for x in text.split("-"))
    return dt.date(year, month, day)


def last_turned() -> YearEnd | None:
    return YearEnd.select().order_by(YearEnd.from_year.desc()).first()


def plan(ws, outcomes: dict[int, Outcome] | None = None, today: dt.date | None = None) -> YearEndPlan:
    """The year end as it would run now, nothing written. ``outcomes`` marks pupils 结业 (only where the region
    names a 结业证书; YearEndError otherwise)."""
    today = today or ws.today()
    profile, school = ws.profile, ws.school
    kind, system = SchoolKind(school.kind), SchoolSystem(school.system)
    cal = SchoolCalendar.from_profile(profile)
    year = expected_year(cal, school)
    latest = latest_turnable(profile, cal, today)
    result = YearEndPlan(max(year, latest), today)
    result.completion_offered = completion_offered(profile)
    _timing(ws, result, cal, year)
    taught = grades_taught(kind, system)
    tops = set(graduation_grades(kind, system))
    _, spring = cal.terms(result.from_year)
    pupils = _pupils()
    open_cases = _open_cases()
    repeats = repetition.pending(result.from_year)
    for p in pupils:
        entered_after = p.entry_date is not None and p.entry_date > spring.end
        pupil = p.pupil
        if entered_after:
            result.new_year.append(pupil)
        elif pupil.id in repeats and p.pupil.status == Status.ENROLLED.value:
            result.repeating.append(pupil)
        elif p.pupil.status in MOVING and pupil.grade not in tops:
            result.moving.append(pupil)
        elif p.pupil.status == Status.ENROLLED.value and pupil.grade in tops:
            case = open_cases.get(pupil.id)
            if case is not None:
                result.held.append(Held(pupil, f"{case}办理中，办结或撤回后再单独办理毕业"))
            else:
                result.graduating.append(pupil)
        elif pupil.grade in tops and p.pupil.status in MOVING | STAYING:
            result.held.append(Held(pupil, f"学籍状态为“{Status(pupil.status).label}”，只有在校学生可以毕业"))
        elif p.pupil.status in STAYING:
            result.staying.append(pupil)
    high = high_completion_offered(profile)
    result.completable = {x.id for x in result.graduating
                          if (high if x.grade == HIGH_GRADES[-1] else result.completion_offered)}
    result.completion_offered = bool(result.completable)
    result.lacking = high_graduation.lacking_by_pupil(profile, result.graduating)
    result.outcomes = _checked_outcomes(result, outcomes or {}, profile)
    for sid in result.lacking:  # 长治 第三十七条: short of the conditions → 结业, by the rule itself
        result.outcomes[sid] = Outcome.COMPLETED
    result.findings += high_graduation.year_end_findings(profile, result.lacking)
    _classes(result, profile, system, taught, tops)
    _starting_classes(result, kind, system)
    if not result.blocks:  # too early, or years missed: the record checks belong to the run that can happen
        _record_checks(ws, result, profile)
    return result


def completion_offered(profile) -> bool:
    return profile.applies("certificates.completion_certificate") and bool(
        profile.value("certificates.completion_certificate"))


def high_completion_offered(profile) -> bool:
    """长治 第三十七条: a 高三 pupil who does not meet the conditions gets a 结业（肄业）证书."""
    return profile.applies("certificates.high_completion_certificate")


def _checked_outcomes(result: YearEndPlan, outcomes: dict[int, Outcome], profile) -> dict[int, Outcome]:
    marked = {sid: Outcome(o) for sid, o in outcomes.items() if Outcome(o) is not Outcome.GRADUATED}
    if marked and not result.completion_offered:
        raise YearEndError("本地区规定未设义务教育结业证书：毕业年级在校学生学习期满均予毕业，不能标为结业")
    graduating = {p.id: p for p in result.graduating}
    stray = [sid for sid in marked if sid not in graduating]
    if stray:
        raise YearEndError("只能把本次毕业的学生标为结业；所标学生不在毕业名单中")
    compulsory = [graduating[sid].who for sid in marked if graduating[sid].grade != HIGH_GRADES[-1]]
    if compulsory and not completion_offered(profile):
        raise YearEndError(f"本地区规定未设义务教育结业证书：{'、'.join(compulsory)} 学习期满即予毕业，不能标为结业")
    passing = [graduating[sid].who for sid in marked if sid not in result.lacking
               and graduating[sid].grade == HIGH_GRADES[-1] and high_graduation.applies(profile)]
    if passing:
        raise YearEndError(f"{'、'.join(passing)} 已达到毕业条件，准予毕业（{profile.rule(high_graduation.RULE).article}），"
                           "不能标为结业")
    return marked


@dataclass(frozen=True)
class _Row:
    pupil: Pupil
    entry_date: dt.date | None


def _pupils() -> list[_Row]:
    classes = dict(SchoolClass.select(SchoolClass.id, SchoolClass.name).tuples())
    query = (Student.select(Student.id, Student.student_number, Student.name, Student.sex, Student.grade,
                            Student.school_class, Student.status, Student.entry_date)
             .where(Student.status.in_(list(MOVING | STAYING)))
             .order_by(Student.grade, Student.school_class, Student.student_number).tuples())
    return [_Row(Pupil(sid, number, name, sex, grade, cid, classes.get(cid, ""), status), entry)
            for sid, number, name, sex, grade, cid, status, entry in query]


def _open_cases() -> dict[int, str]:
    """{student id: 转出申请 ZC-2026-0003} for pupils with a case still open."""
    from ..casework.cases import CaseKind

    out = {}
    query = Case.select(Case.student, Case.kind, Case.number).where(  # an appeal (处分申诉) holds nothing back:
        (Case.status == "open") & Case.student.is_null(False)  # 黑龙江 第三十八条 keeps the punishment at graduation
        & (Case.kind != CaseKind.APPEAL.value)).tuples()
    for sid, kind, number in query:
        try:
            label = CaseKind(kind).label
        except ValueError:
            label = "申请"
        out.setdefault(sid, f"{label}申请 {number}")
    return out


def _timing(ws, result: YearEndPlan, cal: SchoolCalendar, expected: int) -> None:
    p, year, today = ws.profile, result.from_year, result.today
    if year > expected:
        missed = "、".join(f"{y}—{y + 1}学年" for y in range(expected, year))
        result.findings.append(Finding(
            "year_end.missed", Severity.BLOCK, None,
            f"{missed}未在本程序中结转：学生年级已与全国学籍系统不一致，"
            f"请先从全国学籍系统重新导入本校学生信息", NATIONAL_CALENDAR))
        return
    first = opens_on(p, cal, year)
    if today < first:
        result.findings.append(Finding(
            "year_end.too_early", Severity.BLOCK, None,
            f"{result.label}尚未结束：学年结转（毕业、升级）最早于 {first:%Y-%m-%d} 办理（下学期结束后）",
            _article(p, "year_cycle.graduation_by")))
        return
    if p.applies("year_cycle.graduation_by"):
        due = _mmdd(year + 1, p.value("year_cycle.graduation_by"))
        if today > due:
            result.findings.append(finding(
                p, "year_cycle.graduation_by", None,
                f"已过毕业操作期限（{due:%Y-%m-%d} 前完成毕业操作），逾期办理须说明理由", severity=Severity.WARN))


def _article(profile, key: str) -> str:
    return profile.rule(key).article if profile.applies(key) else NATIONAL_CALENDAR


def _classes(result: YearEndPlan, profile, system: SchoolSystem, taught: list[int], tops: set[int]) -> None:
    """Each class in use moves with its pupils (or retires with its graduates); classes over the region's
    class size after the move are listed."""
    moving = defaultdict(int)
    for p in result.moving:
        if p.class_id is not None:
            moving[p.class_id] += 1
    graduating = {p.class_id for p in result.graduating} | {h.pupil.class_id for h in result.held}
    newcomers = defaultdict(list)
    for p in result.new_year:
        if p.class_id is not None:
            newcomers[p.class_id].append(p)
    for klass in SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number):
        if klass.grade in tops:
            result.classes.append(ClassMove(klass.id, klass.name, None, klass.name, 0))
            continue
        if klass.id in newcomers and (moving.get(klass.id) or klass.id in graduating):
            names = "、".join(p.who for p in newcomers[klass.id][:5])
            result.findings.append(Finding(
                "year_end.mixed_class", Severity.BLOCK, "school_class",
                f"班级：{klass.name}中既有本学年的学生，又有新学年入学的 {len(newcomers[klass.id])} 人（{names}）："
                f"请先把新学年入学的学生编入新班级，再办理学年结转"))
        if klass.id in newcomers and not moving.get(klass.id):
            continue  # a class already holding the new year's pupils keeps its grade
        grade_to = klass.grade + 1
        if grade_to not in taught:
            continue
        after = moving.get(klass.id, 0)
        result.classes.append(ClassMove(klass.id, klass.name, grade_to, class_name(grade_to, klass.number), after))
        if after:
            for f in class_size_findings(profile, system, grade_to, class_name(grade_to, klass.number), after - 1,
                                         klass.capacity):
                result.findings.append(Finding(f.rule, Severity.INFO, f.field,
                                               f"升级后{f.message}", f.article, f.ref))
    _collisions(result)


def _collisions(result: YearEndPlan) -> None:
    """A class moving into a grade and number another class keeps (one already set up for the new year)."""
    moved = {m.class_id for m in result.classes}
    keep = {(k.grade, k.number): k.name for k in SchoolClass.in_use() if k.id not in moved}
    for move in result.classes:
        if move.grade_to is None:
            continue
        taken = keep.get((move.grade_to, _number_of(move.new_name)))
        if taken:
            result.findings.append(Finding(
                "year_end.class_taken", Severity.BLOCK, "school_class",
                f"班级：{move.old_name}升级后应为{move.new_name}，但新学年已设有{taken}：请先调整该班的班号"))


def _number_of(name: str) -> int:
    inside = name[name.index("(") + 1:name.index(")")]
    return int(inside)


def _starting_classes(result: YearEndPlan, kind: SchoolKind, system: SchoolSystem) -> None:
    """The starting grades (一年级, 初一, 高一) empty after the move get as many classes as they had, unless classes
    of the new year are there already."""
    moving_out = Counter(m.grade_to - 1 for m in result.classes if m.grade_to is not None)
    kept = Counter(k.grade for k in SchoolClass.in_use()
                   if not any(m.class_id == k.id for m in result.classes))
    for g in starting_grades(kind, system):
        if kept.get(g):
            continue
        if g - 1 in grades_taught(kind, system) and g - 1 not in graduation_grades(kind, system):
            continue  # a 九年一贯制 school's first middle grade is its own sixth grade moving up
        result.new_classes[g] = moving_out.get(g, 0) or 1


def _record_checks(ws, result: YearEndPlan, profile) -> None:
    from .term_review import incomplete_records, record_for, rule_of

    cal = SchoolCalendar.from_profile(profile)
    if rule_of(profile) is not None:
        _, spring = cal.terms(result.from_year)
        if record_for(spring) is None:
            result.findings.append(finding(
                profile, "archive.term_review", None,
                f"{spring.label}的每学期复核尚未记录完成（在“档案 → 每学期复核”中办理），未复核就结转须说明理由",
                severity=Severity.WARN))
    incomplete = incomplete_records()
    if incomplete:
        graduating = {p.id for p in result.graduating}
        among = sum(1 for sid in incomplete if sid in graduating)
        extra = f"，其中毕业生 {among} 人（其信息将印入毕业生花名册）" if among else ""
        result.findings.append(Finding(
            "year_end.incomplete", Severity.INFO, None,
            f"{len(incomplete)} 名在籍学生的学籍信息不完整{extra}：在“档案 → 每学期复核”或学生详情中补全"))
    unsent = Event.select().where(Event.batch_no.is_null()).count()
    if unsent:
        result.findings.append(Finding(
            "year_end.unsent", Severity.INFO, None,
            f"{unsent} 条变更尚未导出报送教育局：建议结转前在“交换 → 导出变更批次”中导出，"
            f"结转产生的升级、毕业记录随后一并报送"))
    held = {h.pupil.id for h in result.held}
    others = sum(1 for sid in _open_cases() if sid not in held)
    if others:
        result.findings.append(Finding(
            "year_end.open_cases", Severity.INFO, None,
            f"另有 {others} 名学生的申请仍在办理中（在“申请”页查看）：结转后按新年级继续办理，申请中记录的原年级不变"))
    for h in result.held:
        result.findings.append(Finding("year_cycle.graduation_requires_active", Severity.INFO, None,
                                       f"{h.pupil.who}：{h.why}", _article(profile, "year_cycle.graduation_requires_active"),
                                       h.pupil.student_number))


NOTICE_DAYS = 30  # the to-do list shows the national calendar's dates this long ahead


@dataclass(frozen=True)
class CalendarItem:
    kind: str  # graduating_business | year_end
    title: str
    detail: str
    due: dt.date


def calendar_items(ws, today: dt.date | None = None) -> list[CalendarItem]:
    """The year's deadlines from the profile's national calendar (year_cycle.*), from NOTICE_DAYS before the
    year end may first run until it has run: the graduating grade's business, then graduation and promotion."""
    today = today or ws.today()
    p = ws.profile
    cal = SchoolCalendar.from_profile(p)
    year = expected_year(cal, ws.school)
    first = opens_on(p, cal, year)
    if today < first - dt.timedelta(days=NOTICE_DAYS):
        return []
    label = f"{year}—{year + 1}学年"
    out = []
    if p.applies("year_cycle.graduating_business_by"):
        rule = p.rule("year_cycle.graduating_business_by")
        due = _mmdd(year + 1, rule.value)
        if today <= due:
            out.append(CalendarItem("graduating_business", f"毕业年级业务截止：{due:%m月%d日}前办结",
                                    f"毕业年级学生的转学、休学等业务须在此前办结（{rule.article}）", due))
    promotion = p.value("year_cycle.promotion")
    promoted_on = _mmdd(year + 1, promotion["end"])
    if p.applies("year_cycle.graduation_by"):
        rule = p.rule("year_cycle.graduation_by")
        due, basis = _mmdd(year + 1, rule.value), rule.article
    else:
        due, basis = promoted_on, NATIONAL_CALENDAR
    out.append(CalendarItem(
        "year_end", f"学年结转：{label}毕业（结业）、升级",
        f"在“学年 → 学年结转”中办理：毕业操作在 {due:%Y-%m-%d} 前完成，全国学籍系统于 {promoted_on:%Y-%m-%d} 统一升级"
        f"非毕业年级学生（{basis}）；结转前先打印毕业生花名册报教育局核准", due))
    return out


def restorable_backup(ws, today: dt.date | None = None) -> str | None:
    """The backup taken just before today's year end, while it is still the day of that year end (the window
    offers to restore it; later, a mistake is mended like any other, with the backups list)."""
    from pathlib import Path

    last = last_turned()
    if last is None or last.done_on != (today or ws.today()) or not last.backup_file:
        return None
    return last.backup_file if Path(last.backup_file).exists() else None
