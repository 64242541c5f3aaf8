"""Cases (申请): a change to a pupil's 学籍 that goes through parties' decisions in order.

A case is opened with its steps (the region's approval chain), each step gets a working-day
deadline when the one before it is done, and the workflow that owns the case is told when the
last step approves it. Every call is one transaction with its event; the case survives a crash.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from enum import Enum

from peewee import fn

from ...store.models import Case, CaseStep, Student
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Tx


class CaseKind(str, Enum):
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"
    SUSPENSION = "suspension"
    SUSPENSION_EXTENSION = "suspension_extension"
    RESUMPTION = "resumption"
    ABROAD = "abroad"
    RETURN_FROM_ABROAD = "return_from_abroad"
    WITHDRAWAL = "withdrawal"
    DEATH = "death"
    MISSING = "missing"
    MISSING_RETURN = "missing_return"
    BORROWED_STUDY = "borrowed_study"
    BORROWED_RETURN = "borrowed_return"
    KEY_INFO_CHANGE = "key_info_change"
    OTHER_LEAVE = "other_leave"
    SUSPECTED_DROPOUT = "suspected_dropout"
    DROPOUT = "dropout"
    ABSENCE_LEAVE = "absence_leave"
    DROPOUT_RETURN = "dropout_return"
    SKIP_GRADE = "skip_grade"
    APPEAL = "appeal"

    @property
    def label(self) -> str:
        return KIND_LABELS[self][0]

    @property
    def prefix(self) -> str:  # of the case number: ZR-2026-0001
        return KIND_LABELS[self][1]


KIND_LABELS = {
    CaseKind.TRANSFER_IN: ("转入", "ZR"), CaseKind.TRANSFER_OUT: ("转出", "ZC"),
    CaseKind.SUSPENSION: ("休学", "XX"), CaseKind.SUSPENSION_EXTENSION: ("延长休学", "YX"),
    CaseKind.RESUMPTION: ("复学", "FX"), CaseKind.ABROAD: ("出国（出境）", "CG"),
    CaseKind.RETURN_FROM_ABROAD: ("入境复学", "HG"), CaseKind.WITHDRAWAL: ("退学", "TX"),
    CaseKind.DEATH: ("死亡", "SW"), CaseKind.MISSING: ("失踪/被羁押", "SZ"),
    CaseKind.MISSING_RETURN: ("失踪后复学", "SF"), CaseKind.BORROWED_STUDY: ("外出借读", "JD"),
    CaseKind.BORROWED_RETURN: ("借读返回", "JF"), CaseKind.KEY_INFO_CHANGE: ("关键信息变更", "BG"),
    CaseKind.OTHER_LEAVE: ("其他离校", "QL"), CaseKind.SUSPECTED_DROPOUT: ("疑似辍学", "YC"),
    CaseKind.DROPOUT: ("辍学", "CX"), CaseKind.ABSENCE_LEAVE: ("其他离校（长期离校）", "LX"),
    CaseKind.DROPOUT_RETURN: ("辍学返校", "FH"),
    CaseKind.SKIP_GRADE: ("跳级", "TJ"), CaseKind.APPEAL: ("处分申诉", "SS"),
}


class CaseStatus(str, Enum):
    OPEN = "open"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"open": "办理中", "completed": "已办结", "rejected": "未获批准", "withdrawn": "已撤回"}[self.value]


PARTY_LABELS = {
    "school": "本校", "bureau": "主管教育行政部门", "township_government": "乡镇（街道）人民政府",
    "class_teacher": "班主任", "city_bureau": "市级教育行政部门", "prefecture_bureau": "州级教育行政部门",
    "province_bureau": "省级教育行政部门", "school_head": "校长", "guardian": "监护人",
    "receiving_school": "转入学校",
    "receiving_bureau": "转入学校主管教育行政部门",
    "sending_school": "转出学校",
    "sending_bureau": "转出学校主管教育行政部门",
    "school_leader": "分管学籍工作的学校领导", "expert_panel": "专家组", "district_bureau": "区教育局",
    "status_office": "学籍主管部门", "public_notice": "公示",
    "appeal_body": "学校学生申诉机构", "appellant": "申诉人（向主管教育行政部门书面申诉）",
}
OUTCOME_LABELS = {"approved": "同意", "rejected": "不同意", "": "待办"}
# Steps the school itself decides (its head or leaders), which an 审批人/校长 account may record; in a
# transfer only the school's own side is.
_OWN_SCHOOL = frozenset({"school", "school_head", "school_leader", "class_teacher"})
_OWN_SIDE = {"transfer_in": "receiving_school", "transfer_out": "sending_school"}


def own_school_step(case_kind: str, party: str) -> bool:
    return party in _OWN_SCHOOL or _OWN_SIDE.get(case_kind) == party


def party_label(party: str) -> str:
    """The office a step belongs to, in Chinese; an id nobody labelled is never shown as such."""
    return PARTY_LABELS.get(party) or "其他审批单位"


@dataclass(frozen=True)
class StepDecision:
    """What the registrar copies from the stamped form or the bureau's reply."""

    party: str
    done_on: dt.date
    person: str
    outcome: str  # approved | rejected
    note: str = ""


def data_of(case: Case) -> dict:
    return json.loads(case.data)


def next_number(kind: CaseKind, year: int) -> str:
    stem = f"{kind.prefix}-{year}-"
    last = Case.select(fn.MAX(Case.number)).where(Case.number.startswith(stem)).scalar()
    return f"{stem}{int(last[-4:]) + 1 if last else 1:04d}"


def open_case(tx: Tx, kind: CaseKind, student: Student | None, data: dict, parties: list[str],
              opened_on: dt.date, first_due: dt.date | None) -> Case:
    case = Case.create(uuid=str(uuid.uuid4()), number=next_number(kind, opened_on.year), kind=kind.value,
                       student=student, status=CaseStatus.OPEN.value,
                       data=json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
                       opened_on=opened_on, opened_by=tx.author)
    for seq, party in enumerate(parties, start=1):
        CaseStep.create(case=case, seq=seq, party=party, due_on=first_due if seq == 1 else None)
    return case


def steps(case: Case) -> list[CaseStep]:
    return list(CaseStep.select().where(CaseStep.case == case).order_by(CaseStep.seq))


def pending_step(case: Case) -> CaseStep | None:
    return next((s for s in steps(case) if not s.outcome), None)


def check_decision(case: Case, decision: StepDecision, today: dt.date | None) -> list[Finding]:
    """An approval in order, dated after the previous one and not in the future, by a named person.

    `today=None` checks a decision taken elsewhere (the bureau's, from its reply): its date is a fact recorded
    as it is, never measured against this PC's clock or the dates typed here."""
    def block(field: str, message: str) -> Finding:
        return Finding(f"case.{field}", Severity.BLOCK, field, message, "")

    if case.status != CaseStatus.OPEN.value:
        return [block("party", f"申请 {case.number} {CaseStatus(case.status).label}，不能再记录审批")]
    found = []
    step = pending_step(case)
    if step is None or step.party != decision.party:
        expected = party_label(step.party) if step else "（无）"
        found.append(block("party", f"审批顺序：现在应记录“{expected}”的意见，"
                                    f"不能先记录“{party_label(decision.party)}”"))
    earliest = earliest_date(case)
    if today is not None and decision.done_on < earliest:
        found.append(block("done_on", f"日期：{decision.done_on:%Y-%m-%d} 早于上一环节的日期 {earliest:%Y-%m-%d}"))
    if today is not None and decision.done_on > today:
        found.append(block("done_on", f"日期：{decision.done_on:%Y-%m-%d} 晚于今天（{today:%Y-%m-%d}）；"
                                      "如电脑日期不对，请先校正电脑的日期"))
    if len(decision.person.strip()) < 2:
        found.append(block("person", "经办人：请填写签字或盖章的经办人姓名"))
    if decision.outcome not in ("approved", "rejected"):
        found.append(block("outcome", "意见：请选择“同意”或“不同意”"))
    if decision.outcome == "rejected" and len(decision.note.strip()) < 4:
        found.append(block("note", "不同意时须写明理由（至少 4 个字）"))
    return found


def earliest_date(case: Case) -> dt.date:
    """The earliest date the next decision can bear: the previous decision's, or the application's."""
    done = [s for s in steps(case) if s.outcome]
    return done[-1].done_on if done else case.opened_on


def apply_decision(tx: Tx, case: Case, decision: StepDecision, next_due: dt.date | None) -> CaseStep:
    """Writes the checked decision; sets the next step's deadline, or closes the case."""
    step = pending_step(case)
    step.done_on, step.person, step.outcome = decision.done_on, decision.person.strip(), decision.outcome
    step.note, step.recorded_by = decision.note.strip(), tx.author
    step.save()
    following = pending_step(case)
    if decision.outcome == "rejected":
        case.status, case.closed_on = CaseStatus.REJECTED.value, decision.done_on
    elif following is None:
        case.status, case.closed_on = CaseStatus.COMPLETED.value, decision.done_on
    else:
        following.due_on = next_due
        following.save()
    case.save()
    return step


def open_cases_of(student_number: str = "", id_number: str = "", kinds: tuple[CaseKind, ...] = ()) -> list[Case]:
    """Open cases about the same pupil (by 学籍号 or ID number in the case data, or the linked record)."""
    query = Case.select().where(Case.status == CaseStatus.OPEN.value)
    if kinds:
        query = query.where(Case.kind.in_([k.value for k in kinds]))
    found = []
    for case in query:
        pupil = data_of(case).get("pupil", {})
        linked = case.student
        numbers = {pupil.get("student_number"), linked.student_number if linked else None} - {None, ""}
        ids = {pupil.get("id_number"), linked.id_number if linked else None} - {None, ""}
        if (student_number and student_number in numbers) or (id_number and id_number in ids):
            found.append(case)
    return found


def raise_if(findings: list[Finding]) -> None:
    stop = [f for f in findings if f.severity is Severity.BLOCK]
    if stop:
        raise RuleViolation(stop)
