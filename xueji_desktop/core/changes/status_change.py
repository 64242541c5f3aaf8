"""Every other way a pupil's 学籍 changes (休学, 复学, 出国, 退学, 死亡, 失踪, 借读, 关键信息变更), as
cases on the same machinery as transfers: one definition per kind says which statuses it starts
from, where it leads, which profile keys give its approvers, evidence and forms, and whether the
region offers it at all. The status moves only when the last approver agrees, through
`core.pupils.status.can_move`, so an impossible move is refused with a clear message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...store.models import Case, School, Student
from ..admission.enrolment import unexplained, warning_log
from ..casework import cases
from ..casework.cases import CaseKind, CaseStatus
from ..dates.workdays import WorkCalendar
from ..pupils.status import Status, can_move
from ..region_profiles.profiles import Profile, load_profile
from ..rules.findings import Finding, RuleViolation, Severity, blocks, paren, resting_on, warnings
from ..school.events import Changes, EventKind, changing
from ..school.school import is_high


@dataclass(frozen=True)
class ChangeKind:
    kind: CaseKind
    workflow: str  # profile workflows.<key>: is it offered in this region
    starts_from: frozenset[Status]
    leads_to: Status | None  # None: the status stays (关键信息变更, 延长休学)
    approvers: str | None  # profile key of the approving parties ("key/item": one item; "a|b": a, else b)
    evidence: str | None  # profile key with the papers to see (a list, or a grounds list with evidence)
    forms: str | None  # profile forms.<key>
    deadline: str | None = None  # profile key: working days each party has
    final: bool = False  # 死亡: nothing can change afterwards
    # Where the region names no approver, the school's own decision (校长签字) is still recorded;
    # only a death, on proof, takes effect when the registrar confirms it.
    default_chain: tuple[str, ...] = ("school",)
    event: EventKind = EventKind.STATUS_CHANGED  # what the last approval records


ON_SITE = frozenset({Status.ENROLLED})
CHANGES: dict[CaseKind, ChangeKind] = {c.kind: c for c in (
    ChangeKind(CaseKind.SUSPENSION, "suspension", ON_SITE, Status.SUSPENDED, "suspension.approvers",
               "suspension.grounds", "forms.suspension", "suspension.answer_deadline_working_days"),
    ChangeKind(CaseKind.SUSPENSION_EXTENSION, "suspension", frozenset({Status.SUSPENDED}), None,
               "suspension.extension/approvers|suspension.approvers", "suspension.extension", "forms.suspension",
               "suspension.answer_deadline_working_days"),
    ChangeKind(CaseKind.RESUMPTION, "resumption", frozenset({Status.SUSPENDED}), Status.ENROLLED,
               "resumption.approvers", "resumption.evidence", "forms.resumption",
               "suspension.answer_deadline_working_days"),
    ChangeKind(CaseKind.ABROAD, "abroad", ON_SITE, Status.ABROAD, "abroad.approvers", "abroad.evidence",
               "forms.abroad"),
    ChangeKind(CaseKind.RETURN_FROM_ABROAD, "abroad", frozenset({Status.ABROAD}), Status.ENROLLED,
               "abroad.approvers", None, "forms.abroad"),
    ChangeKind(CaseKind.WITHDRAWAL, "withdrawal", frozenset({Status.ENROLLED, Status.ABROAD, Status.SUSPENDED}),
               Status.WITHDRAWN,
               "withdrawal.approvers", "withdrawal.grounds", "forms.withdrawal"),
    ChangeKind(CaseKind.DEATH, "death", frozenset(Status) - {Status.DECEASED}, Status.DECEASED, None,
               "death.evidence", None, "death.deadline_working_days", final=True, default_chain=()),
    ChangeKind(CaseKind.MISSING, "missing", ON_SITE, Status.MISSING, "missing.report_to", None, None),
    ChangeKind(CaseKind.MISSING_RETURN, "missing", frozenset({Status.MISSING}), Status.ENROLLED, None, None, None),
    ChangeKind(CaseKind.BORROWED_STUDY, "borrowed_study", ON_SITE, Status.BORROWED_OUT, "borrowed_study.approvers",
               "borrowed_study.grounds", "forms.borrowed_study"),
    ChangeKind(CaseKind.BORROWED_RETURN, "borrowed_study", frozenset({Status.BORROWED_OUT}), Status.ENROLLED,
               None, None, None),
    ChangeKind(CaseKind.OTHER_LEAVE, "other_leave", frozenset({Status.SUSPENDED}), Status.LEFT_OTHER, None, None, None),
    # 控辍保学: the school records it itself (由学校通过电子学籍系统处理), at once; the 学籍 is kept
    ChangeKind(CaseKind.SUSPECTED_DROPOUT, "dropout", ON_SITE, Status.SUSPECTED_DROPOUT, None, None, None,
               default_chain=()),
    ChangeKind(CaseKind.DROPOUT, "dropout", frozenset({Status.ENROLLED, Status.SUSPECTED_DROPOUT}),
               Status.DROPPED_OUT, None, None, None, default_chain=()),
    ChangeKind(CaseKind.ABSENCE_LEAVE, "other_leave", frozenset({Status.ENROLLED, Status.DROPPED_OUT}),
               Status.LEFT_OTHER, None, None, None, default_chain=()),
    ChangeKind(CaseKind.DROPOUT_RETURN, "dropout", frozenset({Status.SUSPECTED_DROPOUT, Status.DROPPED_OUT}),
               Status.ENROLLED, None, None, None, default_chain=()),
    ChangeKind(CaseKind.KEY_INFO_CHANGE, "info_change", frozenset(Status) - {Status.DECEASED}, None,
               "info_change.key_change_approvers", "info_change.key_change_evidence", "forms.info_change"),
    # 跳级: its chain, deadlines and completion are core/changes/grade_skip.py's
    ChangeKind(CaseKind.SKIP_GRADE, "skip_grade", ON_SITE, None, None, "skip_grade.evidence", "forms.skip_grade",
               event=EventKind.GRADE_SKIPPED),
)}


@dataclass
class ChangeDraft:
    kind: CaseKind = CaseKind.SUSPENSION
    student_id: int | None = None
    ground_id: str | None = None  # one of the region's grounds, where the kind has a list
    evidence_seen: list[str] = field(default_factory=list)
    applied_on: dt.date | None = None  # the family's written application (or the proof's date, 死亡)
    effective_on: dt.date | None = None  # from when (休学 starts, 出国 leaves, the death occurred …)
    until: dt.date | None = None  # 休学 term end, 借读 end
    return_grade: int | None = None  # 复学 / 入境复学: the grade the pupil continues in
    changes: dict[str, str] = field(default_factory=dict)  # 关键信息变更: field key → new value
    details: dict[str, str] = field(default_factory=dict)  # destination, diagnosis, reporting office …
    declared: dict[str, bool] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    note: str = ""


def _block(field_name: str, message: str, article: str = "") -> Finding:
    return Finding(f"change.{field_name}", Severity.BLOCK, field_name, message, article)


def offered(ws, kind: CaseKind) -> Finding | None:
    """Where the region's profile does not offer the workflow, a block saying why (and where): the
    article that refuses it, or, where no text provides the business at all, the texts that are silent."""
    profile = ws.profile
    key = f"workflows.{CHANGES[kind].workflow}"
    rule = profile.rule(key)
    if rule.value:
        return None
    if rule.article:
        return _block("kind", f"{kind.label}：本地区未设此项业务" + paren(rule.note or rule.quote or ""), rule.article)
    return _block("kind", f"{kind.label}：本地区未设此项业务", silent_texts(profile))


def silent_texts(profile: Profile) -> str:
    """The texts with no such business: the region's own and the national 《办法》 it rests on."""
    texts = [profile.document]
    if profile.extends:
        texts.append(load_profile(profile.extends).document)
    return "、".join(dict.fromkeys(texts)) + ("均" if len(set(texts)) > 1 else "") + "未设此项业务"


def kind_article(profile: Profile, kind: CaseKind) -> str:
    """The article a change rests on in the region: its own text's article for the kind's approvers,
    papers, deadline, form or workflow, else the national one; for a business no text provides, the
    texts that are silent."""
    spec = CHANGES[kind]
    keys = [path.partition("/")[0] for path in (spec.approvers or "").split("|") if path]
    keys += [k for k in (spec.evidence, spec.deadline, spec.forms) if k] + [f"workflows.{spec.workflow}"]
    articles = [profile.rule(k).article for k in keys if profile.applies(k) and profile.rule(k).article]
    own = [a for a in articles if a.startswith(profile.document)]
    return (own or articles or [silent_texts(profile)])[0]


def deceased_article(profile: Profile) -> str:
    """Where the region's text makes a 死亡 record final (注销其学籍; 凉山: 不可恢复)."""
    rule = profile.rule("death.irreversible")
    return rule.article if rule.applies else kind_article(profile, CaseKind.DEATH)


def _school_profile() -> Profile:
    school = School.get_or_none()
    return load_profile(school.profile_id if school else "national")


def status_problem(student: Student, kind: CaseKind, profile: Profile | None = None) -> Finding | None:
    """The status machine: which moves are impossible from where the pupil stands, each citing the
    article of the change (死亡: the article that cancels the 学籍)."""
    spec = CHANGES[kind]
    now = Status(student.status)
    if now is Status.DECEASED:
        profile = profile or _school_profile()
        return _block("student", f"{student.name} 已注销学籍（死亡），记录不能再作任何变更", deceased_article(profile))
    if now not in spec.starts_from:
        profile = profile or _school_profile()
        return _block("student", f"{student.name} 现为“{now.label}”，不能办理{kind.label}"
                                 + (f"（{kind.label}须从“{'、'.join(s.label for s in spec.starts_from)}”开始）"
                                    if len(spec.starts_from) < 4 else ""), kind_article(profile, kind))
    if spec.leads_to is not None and spec.leads_to is not now and not can_move(now, spec.leads_to):
        profile = profile or _school_profile()
        return _block("student", f"{student.name} 现为“{now.label}”，不能改为“{spec.leads_to.label}”",
                      kind_article(profile, kind))
    return None


def check(ws, draft: ChangeDraft) -> list[Finding]:
    from .status_rules import change_findings  # one module of rules per kind, by profile

    student = Student.get_or_none(Student.id == draft.student_id) if draft.student_id else None
    if student is None:
        return [_block("student", "请选择学生")]
    found = [f for f in (offered(ws, draft.kind), status_problem(student, draft.kind, ws.profile)) if f]
    for other in Case.select().where((Case.student == student) & (Case.status == CaseStatus.OPEN.value)
                                     & (Case.kind != CaseKind.APPEAL.value)):  # a 处分申诉 changes no status
        found.append(_block("student", f"{student.name} 已有办理中的申请 {other.number}（{CaseKind(other.kind).label}），"
                                       "请先办结或撤回"))
    applied = draft.applied_on or ws.today()
    if applied > ws.today():
        found.append(_block("applied_on", f"申请日期：{applied:%Y-%m-%d} 晚于今天"))
    found += change_findings(ws, draft, student)
    return resting_on(found, kind_article(ws.profile, draft.kind))


def _old_values(student: Student, draft: ChangeDraft) -> dict[str, str]:
    """What a 关键信息变更 replaces, as shown, so the printed form and the history keep 原内容."""
    from ..pupils.fields import STUDENT
    from ..pupils.records import display

    return {key: display(STUDENT[key], getattr(student, key)) for key in draft.changes if key in STUDENT}


def parties(ws, kind: CaseKind, draft=None) -> list[str]:
    """The approving parties in order; "key/item" reads one item of a table-valued rule. A ground with its own
    approvers (长治 第三十条、第三十一条: a 高中 pupil's 退学) sets them, once the draft names it."""
    student = Student.get_or_none(Student.id == draft.student_id) if draft is not None and draft.student_id else None
    if kind is CaseKind.WITHDRAWAL and student is not None:
        from .status_leaving import withdrawal_grounds

        ground = next((g for g in withdrawal_grounds(ws.profile, student.grade) if g["id"] == draft.ground_id), None)
        if ground and ground.get("approvers"):
            return list(ground["approvers"])
    chain = _region_parties(ws, kind)
    if student is not None and is_high(student.grade) and ws.profile.applies("scope.high_status_office"):
        office = ws.profile.value("scope.high_status_office")  # 长治 第三条: 普通高中's 学籍主管部门 is the city's
        chain = list(dict.fromkeys(office if p == "bureau" else p for p in chain))
    return chain


def _region_parties(ws, kind: CaseKind) -> list[str]:
    spec = CHANGES[kind]
    if kind is CaseKind.SKIP_GRADE:
        from .grade_skip import chain

        return chain(ws.profile)
    for path in (spec.approvers or "").split("|"):  # the first that the region states
        key, _, item = path.partition("/")
        if key and ws.profile.applies(key):
            value = ws.profile.value(key)
            chain = list(value.get(item, []) if item else value)
            if chain:
                return chain
    return list(spec.default_chain)


def due(ws, kind: CaseKind, start: dt.date, calendar: WorkCalendar, step=None) -> dt.date | None:
    """When `step` (the CaseStep that follows; None: the first) is due, counted from `start`."""
    if kind is CaseKind.SKIP_GRADE:
        from .grade_skip import step_due

        return step_due(ws, step.case, step.party, start) if step is not None else None
    key = CHANGES[kind].deadline
    if key is None or not ws.profile.applies(key):
        return None
    return calendar.add_working_days(start, ws.profile.value(key)).day


def step_findings(ws, case: Case, decision: cases.StepDecision) -> list[Finding]:
    """A kind's own checks of a decision beyond the chain's order (跳级: the 公示's working days, no
    moving up before the 跳级时间)."""
    if case.kind == CaseKind.SKIP_GRADE.value:
        from .grade_skip import step_findings as skip_steps

        return skip_steps(ws, case, decision)
    return []


def open_change(ws, draft: ChangeDraft) -> tuple[Case, Changes]:
    """Opens the case; a kind with no approvers in the region takes effect at once, in the same transaction."""
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check(ws, draft)
        stop = blocks(found) + unexplained(found, draft.reasons)
        if stop:
            raise RuleViolation(stop)
        student = Student.get_by_id(draft.student_id)
        opened = draft.applied_on or ws.today()
        passed = {f.rule: draft.reasons[f.rule].strip() for f in warnings(found)}
        data = {
            "student_status": student.status, "ground_id": draft.ground_id, "evidence_seen": draft.evidence_seen,
            "effective_on": (draft.effective_on or opened).isoformat(),
            "until": draft.until.isoformat() if draft.until else None, "return_grade": draft.return_grade,
            "changes": dict(draft.changes), "old_values": _old_values(student, draft),
            "details": dict(draft.details), "declared": dict(draft.declared),
            "note": draft.note, "warnings": warning_log(found, passed),
        }
        if draft.kind is CaseKind.SKIP_GRADE:
            from .grade_skip import case_facts

            data.update(case_facts(ws, draft, student))
        chain = parties(ws, draft.kind, draft)
        case = cases.open_case(tx, draft.kind, student, data, chain, opened, due(ws, draft.kind, opened, calendar))
        if draft.kind is CaseKind.SKIP_GRADE:
            from .grade_skip import set_fixed_dues

            set_fixed_dues(ws, case)
        tx.record(EventKind.CASE_OPENED, f"{draft.kind.label}申请 {case.number}：{student.name}"
                  + (f"；{draft.note.strip()}" if draft.note.strip() else ""),
                  {"case": case.uuid, "number": case.number, "kind": draft.kind.value, **data}, student=student,
                  articles=[f.article for f in found if f.article], reasons=passed, case_id=case.id, entered_on=opened)
        if not chain:
            case.status, case.closed_on = CaseStatus.COMPLETED.value, opened
            case.save()
            complete(ws, tx, case)
    return case, tx.changes


def complete(ws, tx, case: Case) -> None:
    """The last approval: the pupil's status (or key fields) change now, with their event."""
    from .status_rules import apply_completion

    kind = CaseKind(case.kind)
    student = Student.get_by_id(case.student_id)
    problem = status_problem(student, kind, ws.profile)
    if problem is not None:
        raise RuleViolation([problem])
    data = cases.data_of(case)
    before = Status(student.status)
    try:
        summary = apply_completion(ws, tx, case, student, data)  # the kind's own changes (grade, fields …)
    except RuleViolation as stop:
        raise RuleViolation(resting_on(stop.findings, kind_article(ws.profile, kind))) from None
    target = CHANGES[kind].leads_to
    if target is not None:
        student.status = target.value
    student.updated_at = tx.now
    student.save()
    effect = dict(data.get("effect") or {})  # what the kind's completion moved (跳级: grades, class)
    tx.record(CHANGES[kind].event, summary or f"{kind.label}：{student.name}（申请 {case.number}）",
              {"case": case.uuid, "kind": kind.value, "from": before.value, "to": student.status, **effect},
              student=student, case_id=case.id, entered_on=case.closed_on, articles=effect.get("articles") or ())
    tx.changes.classes = True
