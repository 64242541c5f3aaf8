"""Rules of the status changes (休学, 复学, 出国, 退学, 死亡, 失踪, 借读, 关键信息变更), region by region.

`change_findings(ws, draft, student)` gathers the facts (the pupil, the pupil's completed cases, the
return class, the working-day calendar) and returns the findings of one draft; the rules themselves
are pure functions of ``ChangeFacts`` in the siblings:

* ``status_facts``      the facts, evidence lists, declarations, suspension periods
* ``status_suspension`` 休学, 延长休学, 复学, and the grade and class of every return
* ``status_leaving``    出国/入境复学, 退学, 死亡, 失踪/被羁押, 借读
* ``status_info``       关键信息变更

`apply_completion(ws, tx, case, student, data)` makes the kind's own changes when the last approver
agrees (the grade and class of a return, the new key information) and returns the one-line summary
for the history. `questions` and `evidence_for` give the wizard its yes/no checklist and papers.
"""

from __future__ import annotations

import json

from ...store.models import Case, SchoolClass, Student
from ..admission.enrolment_rules import class_size_findings
from ..casework.cases import CaseKind, CaseStatus
from ..dates.workdays import WorkCalendar
from ..dropout_control.dropout_rules import DROPOUT_KINDS, LEAVING_KINDS, dropout_findings
from ..dropout_control.dropout_rules import summary as dropout_summary
from ..pupils.fields import STUDENT, STUDENT_FIELDS
from ..pupils.records import display
from ..pupils.search import build_keys
from ..pupils.status import ON_ROLL, Status
from ..pupils.validation import parse_date
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.school import grade_name, is_high
from . import grade_skip
from .status_facts import ChangeFacts, PastCase, Question, ReturnClass
from .status_info import changed, info_findings, stored
from .status_leaving import (
    abroad_findings,
    borrowed_findings,
    borrowed_return_findings,
    death_findings,
    missing_findings,
    missing_return_findings,
    return_from_abroad_findings,
    withdrawal_findings,
    withdrawal_grounds,
)
from .status_leaving import evidence_needed as _leaving_evidence
from .status_leaving import questions as _leaving_questions
from .status_other_leave import other_leave_findings
from .status_suspension import (
    ground_of,
    resumption_evidence,
    resumption_findings,
    suspension_evidence,
    suspension_findings,
)
from .status_suspension import questions as _suspension_questions

__all__ = ["ChangeFacts", "PastCase", "Question", "ReturnClass", "apply_completion", "change_findings",
           "evidence_for", "evidence_needed", "facts_findings", "gather_facts", "questions"]

K = CaseKind
RULES = {
    K.SUSPENSION: suspension_findings, K.SUSPENSION_EXTENSION: suspension_findings,
    K.RESUMPTION: resumption_findings, K.ABROAD: abroad_findings, K.RETURN_FROM_ABROAD: return_from_abroad_findings,
    K.WITHDRAWAL: withdrawal_findings, K.DEATH: death_findings, K.MISSING: missing_findings,
    K.MISSING_RETURN: missing_return_findings, K.BORROWED_STUDY: borrowed_findings,
    K.BORROWED_RETURN: borrowed_return_findings, K.KEY_INFO_CHANGE: info_findings,
    K.OTHER_LEAVE: other_leave_findings, K.SKIP_GRADE: grade_skip.facts_findings,
    **{k: dropout_findings for k in DROPOUT_KINDS},
}
RETURNS = (K.RESUMPTION, K.RETURN_FROM_ABROAD, K.MISSING_RETURN)
LEAVES = (K.SUSPENSION, K.ABROAD, K.MISSING, *LEAVING_KINDS)  # the grade the pupil leaves from is kept for the return
HISTORY = (K.SUSPENSION, K.SUSPENSION_EXTENSION, K.RESUMPTION, K.ABROAD, K.MISSING, *LEAVING_KINDS, K.DROPOUT_RETURN)


# ── facts ──
def gather_facts(ws, draft, student: Student, calendar: WorkCalendar | None = None) -> ChangeFacts:
    kind = CaseKind(draft.kind)
    past = (Case.select().where((Case.student == student) & (Case.status == CaseStatus.COMPLETED.value)
                                & (Case.kind.in_([k.value for k in HISTORY]))).order_by(Case.closed_on, Case.id))
    wanted = (draft.details or {}).get("class_id")
    klass = _class(wanted) if wanted not in (None, "") else (student.school_class if kind in RETURNS else None)
    holder = None
    if kind is K.KEY_INFO_CHANGE and draft.changes.get("id_number"):
        number = stored(STUDENT["id_number"], draft.changes["id_number"])
        other = Student.get_or_none((Student.id_number == number) & (Student.id != student.id))
        holder = f"{other.name}（{other.student_number}）" if other else None
    return ChangeFacts(
        profile=ws.profile, kind=kind, today=ws.today(), system=ws.system, school_kind=ws.kind,
        name=student.name, grade=student.grade, status=Status(student.status),
        class_grade=student.school_class.grade if student.school_class else None,
        student_number=student.student_number, record={f.key: getattr(student, f.key) for f in STUDENT_FIELDS},
        history=tuple(_past(c) for c in past),
        ground_id=draft.ground_id, evidence_seen=frozenset(draft.evidence_seen), applied_on=draft.applied_on,
        effective_on=draft.effective_on, until=draft.until, return_grade=draft.return_grade,
        changes=dict(draft.changes), details=dict(draft.details), declared=dict(draft.declared),
        return_class=_return_class(klass, student) if klass else None,
        class_unknown=wanted not in (None, "") and klass is None, id_holder=holder,
        calendar=calendar or WorkCalendar.from_store(), **_auto_withdrawal_facts(ws, kind, student))


def _auto_withdrawal_facts(ws, kind: CaseKind, student: Student) -> dict:
    """长治 第三十一条: a 高中 pupil's 旷课 this term and the end of a suspension, for 自动退学."""
    if kind is not K.WITHDRAWAL or not is_high(student.grade) or not ws.profile.applies("withdrawal.high_auto"):
        return {}
    from ..dropout_control.term_absence import term_absence
    from .suspensions import current_terms

    until = next((t.until for t in current_terms() if t.student_id == student.id), None)
    return {"absence": term_absence(ws, student.id, ws.today()), "suspended_until": until}


def _class(class_id) -> SchoolClass | None:
    try:
        return SchoolClass.get_or_none(SchoolClass.id == int(class_id))
    except (TypeError, ValueError):
        return None


def _return_class(klass: SchoolClass, student: Student) -> ReturnClass:
    others = (Student.select().where((Student.school_class == klass) & (Student.id != student.id)
                                     & (Student.status.in_([s.value for s in ON_ROLL]))).count())
    return ReturnClass(klass.name, klass.grade, others, klass.capacity)


def _past(case: Case) -> PastCase:
    data = json.loads(case.data)
    return PastCase(CaseKind(case.kind), parse_date(data.get("effective_on")) or case.opened_on,
                    parse_date(data.get("until")), data.get("ground_id"), data.get("grade_at_start"))


# ── findings, questions, papers ──
def facts_findings(f: ChangeFacts) -> list[Finding]:
    return RULES[f.kind](f)


def change_findings(ws, draft, student) -> list[Finding]:
    if CaseKind(draft.kind) is K.SKIP_GRADE:  # its facts are its own (the grade's numbers, the calendar)
        return grade_skip.draft_findings(ws, draft, student)
    return facts_findings(gather_facts(ws, draft, student))


def facts_questions(f: ChangeFacts) -> list[Question]:
    if f.kind in (K.SUSPENSION, K.SUSPENSION_EXTENSION):
        return _suspension_questions(f)
    return _leaving_questions(f)


def _student(draft) -> Student | None:
    return Student.get_or_none(Student.id == draft.student_id) if draft.student_id else None


def questions(ws, draft) -> list[Question]:
    """The yes/no declarations the wizard asks (answers go in ``draft.declared`` by question id);
    none before a pupil is chosen."""
    student = _student(draft)
    return facts_questions(gather_facts(ws, draft, student)) if student else []


def evidence_needed(f: ChangeFacts) -> list[str]:
    if f.kind in (K.SUSPENSION, K.SUSPENSION_EXTENSION):
        return suspension_evidence(f)
    if f.kind is K.RESUMPTION:
        return resumption_evidence(f)
    if f.kind is K.SKIP_GRADE:
        return grade_skip.evidence(f.profile)
    if f.kind is K.KEY_INFO_CHANGE:
        p = f.profile
        return list(p.value("info_change.key_change_evidence")) if p.applies("info_change.key_change_evidence") else []
    return _leaving_evidence(f)


def evidence_for(ws, draft) -> list[str]:
    """The papers the registrar ticks for this draft (its ground, the pupil's stage, the earlier suspension);
    none before a pupil is chosen."""
    student = _student(draft)
    return evidence_needed(gather_facts(ws, draft, student)) if student else []


# ── completion ──
def apply_completion(ws, tx, case, student, data) -> str:
    kind = CaseKind(case.kind)
    tail = f"（申请 {case.number}）"
    if kind in LEAVES:
        data["grade_at_start"] = student.grade
        case.data = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        case.save()
    eff, until = data.get("effective_on") or "", data.get("until") or ""
    if kind is K.SUSPENSION:
        ground = ground_of(ws.profile, data.get("ground_id"))
        why = f"，{ground['label']}" if ground else ""
        return f"休学：{student.name}，{eff} 至 {until}{why}{tail}"
    if kind is K.SUSPENSION_EXTENSION:
        return f"延长休学：{student.name}，休学延至 {until}{tail}"
    if kind in RETURNS:
        return _return(ws, student, data, kind) + tail
    if kind is K.ABROAD:
        return f"{kind.label}：{student.name}，{eff} 离校出境，学籍状态为“出境”{tail}"
    if kind is K.WITHDRAWAL:
        ground = next((g for g in withdrawal_grounds(ws.profile, student.grade) if g["id"] == data.get("ground_id")),
                      None)
        return f"退学：{student.name}" + (f"，{ground['label']}" if ground else "") + f"，学籍档案保留{tail}"
    if kind is K.DEATH:
        return f"死亡：{student.name}，{eff}，学籍注销（不可恢复）{tail}"
    if kind is K.OTHER_LEAVE:
        return f"其他离校：{student.name}，休学期满未复学，经联系无果，学籍保留{tail}"
    if kind is K.MISSING:
        return f"{kind.label}：{student.name}，{eff} 离校，保留学籍{tail}"
    if kind is K.BORROWED_STUDY:
        host = (data.get("details") or {}).get("host_school", "")
        return f"外出借读：{student.name} 到{host}借读" + (f"至 {until}" if until else "") + f"，学籍保留在本校{tail}"
    if kind is K.KEY_INFO_CHANGE:
        return _key_change(ws, student, data) + tail
    if kind is K.DROPOUT_RETURN:
        return _return(ws, student, data, kind) + "，学籍状态恢复为“在校”" + tail
    if kind in DROPOUT_KINDS:
        return dropout_summary(kind, student.name, data, ws.profile) + tail
    if kind is K.SKIP_GRADE:
        return grade_skip.complete(ws, tx, case, student, data)
    return f"{kind.label}：{student.name}{tail}"


def _return(ws, student: Student, data: dict, kind: CaseKind) -> str:
    grade = data.get("return_grade") or student.grade
    wanted = (data.get("details") or {}).get("class_id")
    klass = _class(wanted) if wanted not in (None, "") else student.school_class
    if klass is None or klass.grade != grade:
        raise RuleViolation([Finding("resumption.school_class", Severity.BLOCK, "school_class",
                                     f"班级：请为{grade_name(grade)}选择班级后再办结")])
    room = _return_class(klass, student)
    full = [f for f in class_size_findings(ws.profile, ws.system, grade, room.name, room.occupied, room.capacity)
            if f.severity is Severity.BLOCK]
    if full:
        raise RuleViolation(full)
    moved = student.grade != grade or student.school_class_id != klass.id
    student.grade, student.school_class = grade, klass
    verb = {K.RESUMPTION: "复学", K.RETURN_FROM_ABROAD: "入境复学", K.MISSING_RETURN: "失踪后复学",
            K.DROPOUT_RETURN: "辍学返校"}[kind]
    return f"{verb}：{student.name}" + (f"，编入{klass.name}" if moved else f"，回{klass.name}就读")


def _key_change(ws, student: Student, data: dict) -> str:
    facts = ChangeFacts(ws.profile, K.KEY_INFO_CHANGE, ws.today(), record={f.key: getattr(student, f.key)
                                                                          for f in STUDENT_FIELDS},
                        changes=data.get("changes") or {})
    new = changed(facts)
    if "id_number" in new:
        other = Student.get_or_none((Student.id_number == new["id_number"]) & (Student.id != student.id))
        if other is not None:
            raise RuleViolation([Finding("info_change.id_taken", Severity.BLOCK, "changes.id_number",
                                         f"身份证件号：{new['id_number']} 已属于本校学籍中的 {other.name}"
                                         f"（{other.student_number}），不能变更为此号码")])
    diffs = []
    for key, value in new.items():
        field = STUDENT[key]
        old, shown = display(field, getattr(student, key)) or "（空）", display(field, value) or "（空）"
        diffs.append(f"{field.label} {old} → {shown}")
        setattr(student, key, value)
    if {"name", "id_number"} & set(new):  # the 学籍号 never changes, even when the ID number does
        student.search_keys = build_keys(student.name, student.id_number or "", student.student_number)
    return f"关键信息变更：{student.name}，" + ("；".join(diffs) if diffs else "信息已与申请一致，无须修改")
