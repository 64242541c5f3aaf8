"""Transfers (转学): a case opened by the receiving school (转入) or recorded by the sending school
(转出), approved party by party in the region's order. The pupil joins the roll only when the
chain is complete (转入), or leaves it only then (转出) — and stays findable with the history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...store.models import Case, SchoolClass, Student
from ..accounts.roles import Permission
from ..admission import enrolment
from ..admission.enrolment import EnrolmentDraft, occupied, rejoin, unexplained, warning_log, write_student
from ..casework import cases
from ..casework.cases import CaseKind, CaseStatus, StepDecision
from ..dates.workdays import WorkCalendar
from ..pupils import ids
from ..pupils.status import ON_ROLL, Status
from ..rules.findings import Finding, RuleViolation, Severity, blocks, resting_on, warnings
from ..school.events import Changes, EventKind, changing
from ..school.school import grade_name, is_high, stage_key
from .transfer_facts import punishment_on_record
from .transfer_rules import TransferFacts, allowed_reasons, declarations, transfer_findings

_NUMBER = re.compile(r"^[GLJ][0-9A-Z]{18}$")


@dataclass
class OtherSchool:
    name: str = ""
    area_code: str = ""  # county of the other school (GB/T 2260)
    phone: str = ""
    code: str = ""  # 学校标识码, when known


@dataclass
class TransferDraft:
    direction: str = "in"  # "in": we receive the pupil; "out": the pupil leaves us
    pupil: EnrolmentDraft = field(default_factory=lambda: EnrolmentDraft(new_pupil=False))  # 转入: the record
    incoming_number: str = ""  # 转入: the pupil's 学籍号 from the sending school, kept for life
    student_id: int | None = None  # 转出: our pupil
    other_school: OtherSchool = field(default_factory=OtherSchool)
    grade_from: int | None = None
    grade_to: int | None = None
    reason_id: str | None = None
    evidence_seen: list[str] = field(default_factory=list)
    declared: dict[str, bool] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # warnings passed, rule id → reason
    applied_on: dt.date | None = None  # the day the family applied (defaults to today)
    filed_on: dt.date | None = None  # 安阳: the Tuesday 转学备案汇总表 filing
    other_school_agreed: bool | None = None  # 凉山: both schools agree
    exam_period: bool | None = None  # 营口: 学籍审核 to 中考
    transfer_type: str = ""  # 返市生 / 进城务工子女 / 其他 (安阳)
    note: str = ""
    archive_from_county: bool = False  # 转入: the sending school uses 学籍桌面 in this county; its record comes via the bureau


def _block(field_name: str, message: str, article: str = "") -> Finding:
    return Finding(f"transfer.{field_name}", Severity.BLOCK, field_name, message, article)


def our_student(draft: TransferDraft) -> Student | None:
    return Student.get_or_none(Student.id == draft.student_id) if draft.student_id else None


def check(ws, draft: TransferDraft) -> list[Finding]:
    today = ws.today()
    found: list[Finding] = []
    student = our_student(draft)
    if draft.direction == "in":
        draft.pupil.grade, draft.pupil.new_pupil = draft.grade_to, False
        typed = enrolment.check_fields(draft.pupil, today, placement=False)
        found += archive_relaxed(draft, typed) if draft.archive_from_county else typed
        number = ids.check_resident_id(draft.pupil.value("id_number"), today).number
        here = Student.get_or_none((Student.id_number == number) & (Student.status.in_([s.value for s in ON_ROLL]))) \
            if number else None
        if here is not None:
            found.append(_block("id_number", f"身份证件号：{here.name}（{here.student_number}）已是本校在籍学生，不能再转入"))
        incoming = draft.incoming_number.strip().upper()
        if incoming and not _NUMBER.match(incoming):
            found.append(_block("incoming_number", "原学籍号应为 19 位：G、L 或 J 开头，后接 18 位"))
        holder = Student.get_or_none(Student.student_number == incoming) if incoming else None
        if holder is not None and holder.id_number != number:
            found.append(_block("incoming_number", f"原学籍号：{incoming} 属于本校学籍中的 {holder.name}（身份证件号不同），"
                                                   "学籍号终身不变，请核对", ws.profile.rule("student_number.lifelong").article))
        birth = draft.pupil.value("birth_date")
        if holder is not None and holder.id_number == number and birth and holder.birth_date.isoformat() != birth:
            found.append(_block("birth_date", f"出生日期：学籍建立后不得变更（原为 {holder.birth_date:%Y-%m-%d}）",
                                ws.profile.rule("info_change.birth_date_locked").article))
        key = dict(student_number=draft.incoming_number.strip().upper(), id_number=number)
    else:
        if student is None:
            return [_block("student", "请选择要转出的学生")]
        if student.status not in {s.value for s in ON_ROLL}:
            found.append(_block("student", f"{student.name} 学籍状态为“{Status(student.status).label}”，不在本校学籍中，不能转出"))
        key = dict(student_number=student.student_number, id_number=student.id_number)
        draft.grade_from = draft.grade_from or student.grade
    duplicates = cases.open_cases_of(kinds=(CaseKind.TRANSFER_IN, CaseKind.TRANSFER_OUT), **key)
    for other in duplicates:
        found.append(_block("student", f"该学生已有办理中的转学申请 {other.number}，同一学生不能同时办理两件转学"))
    other = draft.other_school
    label = "转出学校" if draft.direction == "in" else "转入学校"
    if len(other.name.strip()) < 4:
        found.append(_block("other_school", f"{label}：请填写学校全称"))
    if not re.fullmatch(r"\d{6}", other.area_code.strip()):
        found.append(_block("other_area", f"{label}所在县（区）：应为 6 位行政区划代码"))
    applied = draft.applied_on or today
    if applied > today:
        found.append(_block("applied_on", f"申请日期：{applied:%Y-%m-%d} 晚于今天"))
    for g, name in ((draft.grade_from, "原年级"), (draft.grade_to, "转入年级")):
        if g is None:
            found.append(_block("grade_to" if name == "转入年级" else "grade_from", f"{name}：请选择年级"))
    if draft.direction == "in" and draft.pupil.class_id is None:
        found.append(_block("school_class", "班级：请选择转入班级"))
    found += transfer_findings(gather_facts(ws, draft, student))
    return resting_on(found, transfer_article(ws.profile))


def transfer_article(profile) -> str:
    """The article of the region's transfer procedure (its own text first), cited by the procedure's
    own blocks: the other school, the dates, the order of approvals."""
    keys = ("transfer.approval_chain", "transfer.reasons", "workflows.transfer")
    articles = [profile.rule(k).article for k in keys if profile.applies(k) and profile.rule(k).article]
    own = [a for a in articles if a.startswith(profile.document)]
    return (own or articles or [""])[0]


IDENTITY_KEYS = frozenset({"name", "sex", "birth_date", "id_type", "id_number"})


def archive_relaxed(draft: TransferDraft, found: list[Finding]) -> list[Finding]:
    """When the archive comes from the sending school via the bureau, only the identity must be typed:
    a blank field elsewhere is filled from the archive, a typed one is still checked."""
    def blank(field_name: str | None) -> bool:
        if not field_name:
            return False
        if field_name.startswith("guardians."):
            _, i, key = field_name.split(".", 2)
            rows = draft.pupil.guardians
            return int(i) >= len(rows) or not str(rows[int(i)].get(key) or "").strip()
        return not str(draft.pupil.value(field_name) or "").strip()

    kept = [f for f in found if f.field in IDENTITY_KEYS or not blank(f.field)]
    kept = [f for f in kept if f.field != "guardians"]  # the family comes with the archive
    if not draft.incoming_number.strip():
        kept.append(_block("incoming_number", "原学籍号：档案由教育局转来时，须填写学生在转出学校的学籍号"))
    return kept


def gather_facts(ws, draft: TransferDraft, student: Student | None) -> TransferFacts:
    klass = SchoolClass.get_or_none(SchoolClass.id == draft.pupil.class_id) if draft.pupil.class_id else None
    on_roll = [s.value for s in ON_ROLL]
    grade_full = False
    if draft.direction == "in" and draft.grade_to:
        standard = ws.profile.value(f"class_size.{stage_key(draft.grade_to, ws.system)}_standard")
        grade_classes = list(SchoolClass.in_use().where(SchoolClass.grade == draft.grade_to))
        grade_full = bool(grade_classes) and all(occupied(k) >= standard for k in grade_classes)
    return TransferFacts(
        profile=ws.profile, system=ws.system, school_kind=ws.kind, today=ws.today(), direction=draft.direction,
        grade_from=draft.grade_from, grade_to=draft.grade_to, reason_id=draft.reason_id,
        evidence_seen=frozenset(draft.evidence_seen), pupil_status=student.status if student else None,
        punished=punishment_on_record(student, ws.today()) if student is not None and draft.direction == "out" else None,
        same_county=draft.other_school.area_code.strip() == ws.school.area_code if draft.other_school.area_code else None,
        school_area=ws.school.area_code, other_area=draft.other_school.area_code.strip(),
        school_pupils=Student.select().where(Student.status.in_(on_roll)).count(),
        class_occupied=occupied(klass) if klass else None, class_capacity=klass.capacity if klass else None,
        grade_classes_full=grade_full, private_school=ws.school.private and draft.direction == "in",
        class_name=klass.name if klass else None, key_high_school=ws.school.key_high_school,
        our_private=ws.school.private, declared=dict(draft.declared), exam_period=draft.exam_period,
        filed_on=draft.filed_on, other_school_agreed=draft.other_school_agreed,
    )


def questions(ws, draft: TransferDraft):
    """The refusals no record here can decide: the registrar answers 是/否 for each (wizard checklist)."""
    return declarations(ws.profile, gather_facts(ws, draft, our_student(draft)))


def parties(ws, grade: int | None = None) -> list[str]:
    """The approval chain: 高中 transfers have their own where the region says so (长治 第十八条: 市教育局)."""
    if grade is not None and is_high(grade) and ws.profile.applies("transfer.high_approval_chain"):
        return list(ws.profile.value("transfer.high_approval_chain"))
    return list(ws.profile.value("transfer.approval_chain"))


def due_for(ws, party: str, start: dt.date, opened_on: dt.date, calendar: WorkCalendar) -> dt.date | None:
    """Each party's deadline in working days, as the region counts it (each party, overall, or the sending side)."""
    days = ws.profile.value("transfer.deadline_working_days")
    scope = ws.profile.value("transfer.deadline_scope")
    if scope == "overall":
        return calendar.add_working_days(opened_on, days).day
    if scope == "sending_side" and not party.startswith("sending"):
        return None
    return calendar.add_working_days(start, days).day


def open_transfer(ws, draft: TransferDraft) -> tuple[Case, Changes]:
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check(ws, draft)
        stop = blocks(found) + unexplained(found, draft.reasons)
        if stop:
            raise RuleViolation(stop)
        student = our_student(draft)
        opened = draft.applied_on or ws.today()
        chain = parties(ws, draft.grade_from if draft.grade_from is not None else draft.grade_to)
        passed = {f.rule: draft.reasons[f.rule].strip() for f in warnings(found)}
        data = case_data(ws, draft, student, passed, found)
        kind = CaseKind.TRANSFER_IN if draft.direction == "in" else CaseKind.TRANSFER_OUT
        case = cases.open_case(tx, kind, student, data, chain, opened,
                               due_for(ws, chain[0], opened, opened, calendar))
        pupil = data["pupil"]
        tx.record(EventKind.CASE_OPENED,
                  f"{kind.label}申请 {case.number}：{pupil['name']}，{data['from_school']} → {data['to_school']}，"
                  f"{grade_name(draft.grade_to)}；原因：{data['reason_label']}",
                  {"case": case.uuid, "number": case.number, **data}, student=student,
                  articles=[f.article for f in found if f.article], reasons=passed, case_id=case.id, entered_on=opened)
    return case, tx.changes


def case_data(ws, draft: TransferDraft, student: Student | None, passed: dict, found: list[Finding]) -> dict:
    reasons = {r["id"]: r["label"] for r in allowed_reasons(ws.profile)}
    here, other = ws.school.name, draft.other_school.name.strip()
    if student is not None:
        pupil = {"name": student.name, "sex": student.sex, "birth_date": student.birth_date.isoformat(),
                 "id_number": student.id_number, "student_number": student.student_number,
                 "ethnicity": student.ethnicity, "address": student.address, "hukou_place": student.hukou_place}
        record, guardians = None, [{k: getattr(g, k) for k in ("name", "relation", "employer", "phone")}
                                   for g in student.guardians]
    else:
        p = draft.pupil
        pupil = {k: p.value(k) for k in ("name", "sex", "birth_date", "id_number", "ethnicity", "address", "hukou_place")}
        pupil["student_number"] = draft.incoming_number.strip().upper()
        record = {"student": dict(p.student), "guardians": [dict(g) for g in p.guardians],
                  "class_id": p.class_id, "identity_verified": p.identity_verified}
        guardians = [{k: g.get(k, "") for k in ("name", "relation", "employer", "phone")} for g in p.guardians
                     if (g.get("name") or "").strip()]
    return {
        "direction": draft.direction, "pupil": pupil, "record": record, "guardians": guardians,
        "from_school": other if draft.direction == "in" else here,
        "to_school": here if draft.direction == "in" else other,
        "other_school": vars(draft.other_school), "grade_from": draft.grade_from, "grade_to": draft.grade_to,
        "reason_id": draft.reason_id, "reason_label": reasons.get(draft.reason_id, ""),
        "evidence_seen": list(draft.evidence_seen), "declared": dict(draft.declared),
        "filed_on": draft.filed_on.isoformat() if draft.filed_on else None,
        "other_school_agreed": draft.other_school_agreed, "transfer_type": draft.transfer_type,
        "note": draft.note, "warnings": warning_log(found, passed),
        "archive_from_county": draft.archive_from_county,
    }


def record_step(ws, case_id: int, decision: StepDecision) -> tuple[Case, Changes]:
    """One party's decision, copied from the stamped form or the bureau's reply; completes the case
    (the pupil joins or leaves the roll) when it is the last approval."""
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = Case.get_by_id(case_id)
        record_step_in(ws, tx, case, decision, calendar)
    return case, tx.changes


def record_step_in(ws, tx, case: Case, decision: StepDecision, calendar: WorkCalendar, source: str = "",
                   taken_elsewhere: bool = False) -> None:
    """record_step inside the caller's transaction (the bureau's reply import records several). A decision
    `taken_elsewhere` (the bureau's, from its reply) keeps its date as given, whatever this PC's clock says."""
    from ..changes import status_change  # every other kind of case shares the step recording

    is_transfer = case.kind in (CaseKind.TRANSFER_IN.value, CaseKind.TRANSFER_OUT.value)
    chain_article = transfer_article(ws.profile) if is_transfer else status_change.kind_article(ws.profile,
                                                                                                CaseKind(case.kind))
    today = None if taken_elsewhere else ws.today()
    if cases.own_school_step(case.kind, decision.party):
        ws.require(f"记录{cases.party_label(decision.party)}的审批意见", Permission.WORKFLOWS,
                   Permission.DECIDE_SCHOOL_STEP)
    else:
        ws.require(f"记录{cases.party_label(decision.party)}的审批意见", Permission.WORKFLOWS)
    found = cases.check_decision(case, decision, today)
    if not is_transfer and not found:  # the kind's own checks of the step (跳级: 公示, 跳级时间)
        found = status_change.step_findings(ws, case, decision)
    cases.raise_if(resting_on(found, chain_article))
    following = [s for s in cases.steps(case) if not s.outcome][1:2]
    if not following:
        next_due = None
    elif is_transfer:
        next_due = due_for(ws, following[0].party, decision.done_on, case.opened_on, calendar)
    else:
        next_due = status_change.due(ws, CaseKind(case.kind), decision.done_on, calendar, following[0])
    step = cases.apply_decision(tx, case, decision, next_due)
    data = cases.data_of(case)
    verdict = "同意" if decision.outcome == "approved" else "不同意"
    tx.record(EventKind.CASE_STEP_RECORDED,
              f"申请 {case.number}：{cases.party_label(step.party)}{verdict}（{decision.person}，{decision.done_on:%Y-%m-%d}）"
              + (f"；理由：{decision.note}" if decision.note else "") + (f"（{source}）" if source else ""),
              {"case": case.uuid, "party": step.party, "outcome": step.outcome, "done_on": step.done_on.isoformat(),
               "person": step.person, "note": step.note, "source": source}, student=case.student, case_id=case.id,
              entered_on=decision.done_on)
    if case.status == CaseStatus.COMPLETED.value:
        if is_transfer:
            _complete(ws, tx, case, data)
        else:
            status_change.complete(ws, tx, case)


def _complete(ws, tx, case: Case, data: dict) -> None:
    if case.kind == CaseKind.TRANSFER_OUT.value:
        student = case.student
        student.status, student.updated_at = Status.TRANSFERRED_OUT.value, tx.now
        student.save()
        tx.record(EventKind.STUDENT_TRANSFERRED_OUT,
                  f"转出：{student.name} 转入 {data['to_school']}（申请 {case.number} 审批完成）",
                  {"case": case.uuid, "to_school": data["to_school"]}, student=student, case_id=case.id)
        return
    record = data["record"]
    values, guardians = with_archive(data, record["student"], record["guardians"])
    draft = EnrolmentDraft(new_pupil=False, grade=data["grade_to"], student=values,
                           guardians=guardians, class_id=record["class_id"],
                           identity_verified=record["identity_verified"], entry_date=case.closed_on)
    klass = SchoolClass.get_by_id(draft.class_id)
    facts_class = [f for f in enrolment.all_rules(enrolment.gather_facts(ws, draft), ws.today())
                   if f.field == "school_class" and f.severity is Severity.BLOCK]
    if facts_class:
        raise RuleViolation([_block("school_class", f"班级：{klass.name}已满，无法完成转入；请先为申请改选班级",
                                    facts_class[0].article)])
    number = data["pupil"]["student_number"] or enrolment.student_number(ws, draft)
    earlier = Student.get_or_none(Student.student_number == number)
    if earlier is not None:  # a pupil who left us comes back: the same 学籍, continued
        student, snapshot = rejoin(ws, tx, earlier, draft)
    else:
        student, snapshot = write_student(ws, tx, draft, number, "transfer_in")
    case.student = student
    case.save()
    archive = data.get("archive") or {}
    tx.record(EventKind.STUDENT_TRANSFERRED_IN,
              f"转入：{student.name} 自 {data['from_school']} 转入{klass.name}，学籍号 {number}（申请 {case.number}）"
              + ("；原学籍档案由教育局转来" if archive else ""),
              {"case": case.uuid, **snapshot, "archive_history": archive.get("history") or [],
               "archive_from": archive.get("school")}, student=student, case_id=case.id)
    tx.changes.classes = True


def with_archive(data: dict, typed: dict, guardians: list[dict]) -> tuple[dict, list[dict]]:
    """籍随人走: the sending school's record, as the bureau forwarded it, fills every field the receiving
    school left empty (what it typed, e.g. a new address, stands); its family members are taken when
    none were typed. Without an archive, a case that waits for one cannot complete."""
    archive = (data.get("archive") or {}).get("record") or {}
    if not archive:
        if data.get("archive_from_county"):
            raise RuleViolation([_block("archive", "该转入申请须等教育局转来原学籍档案（籍随人走）后才能完成；"
                                                   "如转出学校不使用学籍桌面，请撤回申请，按纸质档案重新办理")])
        return typed, guardians
    values = {**(archive.get("fields") or {}), **{k: v for k, v in typed.items() if str(v or "").strip()}}
    if not any((g.get("name") or "").strip() for g in guardians):
        guardians = [dict(g) for g in archive.get("guardians") or []]
    return values, guardians


def withdraw(ws, case_id: int, reason: str) -> tuple[Case, Changes]:
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = Case.get_by_id(case_id)
        if case.status != CaseStatus.OPEN.value:
            raise RuleViolation([_block("case", f"申请 {case.number} {CaseStatus(case.status).label}，不能撤回")])
        if len(reason.strip()) < 4:
            raise RuleViolation([_block("note", "撤回理由：至少 4 个字")])
        case.status, case.closed_on = CaseStatus.WITHDRAWN.value, ws.today()
        case.save()
        tx.record(EventKind.CASE_WITHDRAWN, f"撤回申请 {case.number}：{reason.strip()}",
                  {"case": case.uuid, "reason": reason.strip()}, student=case.student, case_id=case.id)
    return case, tx.changes
