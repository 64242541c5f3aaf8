"""留级 (repeating a year) of a 高中 pupil, where the region's text allows it.

《凉山州规定》二(三): 高中阶段学生可以申请留级，但学校必须严格控制，留级比例三年内不得超过年级学生总数的 2% —
the pupil (with the guardians) applies, the school decides, and the number of repeaters a cohort (the pupils who
entered 高一 in one autumn) has over its three years may not pass 2 % of the grade's pupils
(`repetition.high_allowed`). The decision takes effect at the year end: the pupil is not promoted and joins
the class of the same grade with the same number.

Everywhere else a 留级 is refused, naming the article: 长治 第二十三条 (义务教育和普通高中教育期间不允许留级),
凉山 二(三) for the compulsory grades, and where a text says nothing the program does not offer it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ...store.models import Repetition, SchoolClass, Student
from ..dates.school_calendar import SchoolCalendar
from ..pupils.status import ON_ROLL, Status
from ..rules.findings import Finding, RuleViolation, Severity, blocks
from ..school.events import Changes, EventKind, changing
from ..school.school import HIGH_GRADES, grade_name, is_high

ALLOWED = "repetition.high_allowed"
BANNED = "repetition.banned"  # the compulsory grades
HIGH_BANNED = "repetition.high_banned"  # 高中, where the text bans it too (长治 第二十三条)
MIN_REASON = 4


@dataclass
class RepetitionDraft:
    student_id: int | None = None
    applied_on: dt.date | None = None  # the pupil's and the guardians' application
    decided_on: dt.date | None = None  # the school's approval
    decided_by: str = "本校"
    reason: str = ""


@dataclass(frozen=True)
class Quota:
    """A cohort's repeaters against its cap: 2 % of the grade's pupils, over its three years."""

    grade: int
    cohort_year: int
    pupils: int  # on the grade's roll now
    used: int  # repeaters of the cohort so far (not withdrawn)
    allowed: int

    @property
    def text(self) -> str:
        return (f"{grade_name(self.grade)}（{self.cohort_year}级）在籍 {self.pupils} 人，2% 为 {self.allowed} 人，"
                f"已留级 {self.used} 人")

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def offered(profile) -> bool:
    return profile.applies(ALLOWED)


def school_year_of(ws, day: dt.date) -> int:
    return SchoolCalendar.from_profile(ws.profile).term_of(day).school_year


def cohort_year(grade: int, school_year: int) -> int:
    """The autumn the pupils now in `grade` entered 高一."""
    return school_year - (grade - HIGH_GRADES[0])


def quota(ws, grade: int, day: dt.date | None = None) -> Quota:
    rule = ws.profile.value(ALLOWED)
    cohort = cohort_year(grade, school_year_of(ws, day or ws.today()))
    on_roll = [s.value for s in ON_ROLL]
    pupils = Student.select().where((Student.grade == grade) & Student.status.in_(on_roll)).count()
    used = Repetition.select().where((Repetition.cohort_year == cohort) & Repetition.withdrawn_on.is_null()).count()
    return Quota(grade, cohort, pupils, used, pupils * int(rule["cap_percent"]) // 100)


def _block(field: str, message: str, article: str = "") -> Finding:
    return Finding(f"repetition.{field}", Severity.BLOCK, field, message, article)


def _refusal(profile, grade: int) -> Finding | None:
    """Why no 留级 can be decided for a pupil of `grade` here; None where the text allows it."""
    if offered(profile) and is_high(grade):
        return None
    key = HIGH_BANNED if is_high(grade) else BANNED
    banned = profile.rule(key)
    stage = "普通高中" if is_high(grade) else "义务教育阶段"
    if banned.applies:
        return Finding(key, Severity.BLOCK, "student", f"留级：{banned.quote}（{grade_name(grade)}），不能办理",
                       banned.article)
    return _block("student", f"留级：本地区学籍规定未规定{stage}学生留级，不能办理", profile.rule(ALLOWED).article
                  or profile.document)


def check(ws, draft: RepetitionDraft) -> list[Finding]:
    student = Student.get_or_none(Student.id == draft.student_id) if draft.student_id else None
    if student is None:
        return [_block("student", "学生：请选择学生")]
    refusal = _refusal(ws.profile, student.grade)
    if refusal is not None:
        return [refusal]
    rule = ws.profile.rule(ALLOWED)
    found = []
    if student.status != Status.ENROLLED.value:
        found.append(_block("student", f"学生：{student.name} 现为“{Status(student.status).label}”，只有在校学生可以申请留级"))
    today = ws.today()
    for field, day, what in (("applied_on", draft.applied_on, "申请日期"), ("decided_on", draft.decided_on, "学校审批日期")):
        if day is None:
            found.append(_block(field, f"{what}：请填写"))
        elif day > today:
            found.append(_block(field, f"{what}：{day:%Y-%m-%d} 晚于今天（{today:%Y-%m-%d}）"))
    if draft.applied_on and draft.decided_on and draft.decided_on < draft.applied_on:
        found.append(_block("decided_on", f"学校审批日期：{draft.decided_on:%Y-%m-%d} 早于申请日期 {draft.applied_on:%Y-%m-%d}"))
    if len(draft.decided_by.strip()) < 2:
        found.append(_block("decided_by", "审批单位：请填写（如 本校）"))
    if len(draft.reason.strip()) < MIN_REASON:
        found.append(_block("reason", f"留级原因：请写明（至少 {MIN_REASON} 个字）"))
    year = school_year_of(ws, draft.decided_on or today)
    if Repetition.select().where((Repetition.student == student) & (Repetition.school_year == year)
                                 & Repetition.withdrawn_on.is_null()).exists():
        found.append(_block("student", f"学生：{student.name} 本学年已批准留级"))
    q = quota(ws, student.grade, draft.decided_on)
    if q.used + 1 > q.allowed:
        found.append(Finding(ALLOWED, Severity.BLOCK, "student",
                             f"留级比例：{q.text}，再批准 1 人即超过（{rule.quote}）", rule.article))
    return found


def decide(ws, draft: RepetitionDraft) -> tuple[Repetition, Changes]:
    """Records the school's approval; the year end keeps the pupil in the grade. RuleViolation, nothing written."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check(ws, draft)  # inside the write lock, on fresh data
        if blocks(found):
            raise RuleViolation(blocks(found))
        student = Student.get_by_id(draft.student_id)
        year = school_year_of(ws, draft.decided_on)
        q = quota(ws, student.grade, draft.decided_on)
        row = Repetition.create(
            uuid=str(uuid.uuid4()), student=student, school_year=year, grade=student.grade,
            cohort_year=q.cohort_year, applied_on=draft.applied_on, decided_on=draft.decided_on,
            decided_by=draft.decided_by.strip(), reason=draft.reason.strip(), created_by=tx.author, created_at=tx.now)
        tx.record(EventKind.REPETITION_DECIDED,
                  f"留级：{student.name}，{grade_name(student.grade)}，{year}—{year + 1}学年结束时不升级"
                  f"（{row.decided_by}批准；{q.text.replace(f'已留级 {q.used} 人', f'含本人已留级 {q.used + 1} 人')}）",
                  {"repetition": row.uuid, "grade": row.grade, "school_year": year, "cohort_year": q.cohort_year,
                   "applied_on": row.applied_on, "decided_on": row.decided_on, "decided_by": row.decided_by,
                   "reason": row.reason, "quota": {"pupils": q.pupils, "allowed": q.allowed, "used": q.used + 1}},
                  student=student, articles=[ws.profile.rule(ALLOWED).article], entered_on=draft.decided_on)
    return row, tx.changes


def withdraw(ws, repetition_id: int, reason: str) -> Changes:
    """A decision not yet carried out by the year end is withdrawn (the row stays, for the log)."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        row = Repetition.get_or_none(Repetition.id == repetition_id)
        if row is None or row.withdrawn_on is not None or row.done_on is not None:
            raise RuleViolation([_block("repetition", "撤回：没有这条待生效的留级记录（已撤回或已在学年结转中生效）")])
        if len(reason.strip()) < MIN_REASON:
            raise RuleViolation([_block("reason", f"撤回理由：请写明（至少 {MIN_REASON} 个字）")])
        Repetition.update(withdrawn_on=ws.today(), withdraw_reason=reason.strip()).where(
            Repetition.id == row.id).execute()
        tx.record(EventKind.REPETITION_WITHDRAWN, f"撤回留级：{row.student.name}（{reason.strip()}）",
                  {"repetition": row.uuid, "reason": reason.strip()}, student=row.student)
    return tx.changes


def pending(school_year: int) -> dict[int, Repetition]:
    """Student id → the decision the year end of `school_year` carries out."""
    return {r.student_id: r for r in Repetition.select().where(
        (Repetition.school_year == school_year) & Repetition.withdrawn_on.is_null() & Repetition.done_on.is_null())}


def repetitions() -> list[Repetition]:
    return list(Repetition.select(Repetition, Student).join(Student).order_by(Repetition.decided_on.desc()))


def place(tx, school_year: int, student_ids: list[int], today: dt.date) -> list[list[str]]:
    """At the year end: each repeater joins the class of the same grade with the same number (or the grade's
    first), and the decision is marked done."""
    out = []
    rows = pending(school_year)
    classes = list(SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number))
    for sid in student_ids:
        row = rows.get(sid)
        student = Student.get_by_id(sid)
        number = row.student.school_class.number if row.student.school_class_id else 1
        same = [k for k in classes if k.grade == student.grade]
        target = next((k for k in same if k.number == number), same[0] if same else None)
        Student.update(school_class=target.id if target else None, updated_at=tx.now).where(
            Student.id == sid).execute()
        Repetition.update(done_on=today).where(Repetition.id == row.id).execute()
        tx.record(EventKind.STUDENT_REPEATED, f"留级：仍在{grade_name(student.grade)}"
                  + (f"（{target.name}）" if target else ""),
                  {"repetition": row.uuid, "grade": student.grade, "class_name": target.name if target else "",
                   "school_year": school_year + 1}, student=student)
        out.append([student.student_number, target.name if target else ""])
    return out
