"""The appeal against a punishment (处分申诉, 黑龙江 第三十七条) as a case (CaseKind.APPEAL) with three steps:

1. ``appeal_body`` — the school's appeal body (its members from ``appeal.body_members``) reviews (复查): it
   upholds the appeal (the punishment is revoked in the same transaction) or keeps the punishment;
2. ``appellant`` — a pupil who does not accept the review may appeal to the bureau in writing within
   ``appeal.bureau_appeal_working_days`` working days of receiving it (“可以在收到复查决定之日起7个工作日内，
   向主管教育行政部门提出书面申诉”): the registrar records the filing, or that none was made;
3. ``bureau`` — the bureau answers within ``appeal.bureau_answer_working_days`` working days of receiving it.

Each deadline is the step's `due_on` (working days by core.dates.workdays), listed in the to-do list
(`todo_entries`). Where the region's text provides no appeal (``appeal.available``), none is opened.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ...store.models import Case, CaseStep, Discipline
from ..casework import cases
from ..casework.cases import CaseKind, CaseStatus
from ..dates.workdays import WorkCalendar
from ..rules.findings import Finding, RuleViolation, Severity, blocks, paren, warnings
from ..school.events import Changes, EventKind, changing
from .discipline_rules import PUNISHMENT, block, silent_texts
from .records import describe, revoke_in

PARTIES = ("appeal_body", "appellant", "bureau")
PARTY_LABELS = {"appeal_body": "学校学生申诉机构（复查）", "appellant": "申诉人（向主管教育行政部门书面申诉）",
                "bureau": "主管教育行政部门（处理并答复）"}
UPHELD, KEPT = "upheld", "kept"  # the review's or the bureau's decision
DECISION_LABELS = {UPHELD: "申诉成立，撤销原处分", KEPT: "维持原处分"}


def offered(profile) -> Finding | None:
    rule = profile.rule("appeal.available")
    if rule.applies and rule.value:
        return None
    return block("appeal", "处分申诉：本地区规定未设处分申诉程序，不能在本软件中登记", silent_texts(profile))


def article(profile) -> str:
    rule = profile.rule("appeal.available")
    return rule.article if rule.applies else silent_texts(profile)


def body_members(profile) -> list[str]:
    return list(profile.value("appeal.body_members")) if profile.applies("appeal.body_members") else []


def _days(profile, key: str) -> int | None:
    return profile.value(key) if profile.applies(key) else None


def open_findings(ws, row: Discipline | None, applied_on: dt.date, grounds: str) -> list[Finding]:
    found = [f for f in (offered(ws.profile),) if f]
    if row is None:
        return found + [block("discipline", "申诉：请选择被申诉的处分")]
    if row.kind != PUNISHMENT:
        found.append(block("discipline", "申诉：只能对处分提出申诉"))
    if row.revoked_on is not None:
        found.append(block("discipline", f"申诉：该处分已于 {row.revoked_on:%Y-%m-%d} 撤销"))
    for case in Case.select().where((Case.kind == CaseKind.APPEAL.value) & (Case.status == CaseStatus.OPEN.value)):
        if cases.data_of(case).get("discipline") == row.uuid:
            found.append(block("discipline", f"申诉：该处分已有办理中的申诉 {case.number}"))
    if applied_on > ws.today():
        found.append(block("applied_on", f"申诉日期：{applied_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）"))
    if applied_on < row.decided_on:
        found.append(block("applied_on", f"申诉日期：{applied_on:%Y-%m-%d} 早于处分日期 {row.decided_on:%Y-%m-%d}"))
    if len(grounds.strip()) < 4:
        found.append(block("grounds", "申诉理由：请写明申诉人的理由（至少 4 个字）"))
    members = body_members(ws.profile)
    if members and not blocks(found):
        rule = ws.profile.rule("appeal.body_members")
        found.append(Finding("appeal.body_members", Severity.INFO, None,
                             f"申诉机构：由学校申诉机构受理并复查，成员应含{'、'.join(members)}", rule.article))
    return found


def open_appeal(ws, discipline_id: int, applied_on: dt.date, grounds: str, appellant: str = "") -> tuple[Case, Changes]:
    """Opens the appeal case; the school's appeal body is the first step."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        row = Discipline.get_or_none(Discipline.id == discipline_id)
        found = open_findings(ws, row, applied_on, grounds)
        if blocks(found):
            raise RuleViolation(blocks(found))
        data = {"discipline": row.uuid, "discipline_id": row.id, "punishment": describe(row),
                "grounds": grounds.strip(), "appellant": appellant.strip() or "学生及其监护人",
                "body_members": body_members(ws.profile)}
        case = cases.open_case(tx, CaseKind.APPEAL, row.student, data, list(PARTIES), applied_on, None)
        tx.record(EventKind.CASE_OPENED, f"处分申诉 {case.number}：{row.student.name} 对{describe(row)}提出申诉",
                  {"case": case.uuid, "number": case.number, "kind": CaseKind.APPEAL.value, **data},
                  student=row.student, articles=[f.article for f in found if f.article], case_id=case.id,
                  entered_on=applied_on)
    return case, tx.changes


def _case(case_id: int) -> Case:
    case = Case.get_or_none((Case.id == case_id) & (Case.kind == CaseKind.APPEAL.value))
    if case is None:
        raise RuleViolation([block("case", f"没有编号为 {case_id} 的处分申诉")])
    return case


def _step_findings(ws, case: Case, party: str, done_on: dt.date, person: str | None, decision: str | None) -> list[Finding]:
    found = []
    if case.status != CaseStatus.OPEN.value:
        return [block("case", f"申诉 {case.number} {CaseStatus(case.status).label}，不能再记录")]
    step = cases.pending_step(case)
    if step is None or step.party != party:
        expected = PARTY_LABELS.get(step.party, "") if step else "（无）"
        found.append(block("party", f"办理顺序：现在应记录“{expected}”，不能先记录“{PARTY_LABELS[party]}”"))
    earliest = cases.earliest_date(case)
    if done_on < earliest:
        found.append(block("done_on", f"日期：{done_on:%Y-%m-%d} 早于上一环节的日期 {earliest:%Y-%m-%d}"))
    if done_on > ws.today():
        found.append(block("done_on", f"日期：{done_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）"))
    if person is not None and len(person.strip()) < 2:
        found.append(block("person", "经办人：请填写作出决定的机构或经办人"))
    if decision is not None and decision not in DECISION_LABELS:
        found.append(block("decision", "决定：请选择“申诉成立，撤销原处分”或“维持原处分”"))
    return found


def _decide(tx, case: Case, step: CaseStep, done_on: dt.date, person: str, outcome: str, note: str) -> None:
    step.done_on, step.person, step.outcome, step.note, step.recorded_by = done_on, person.strip(), outcome, \
        note.strip(), tx.author
    step.save()


def _close(case: Case, done_on: dt.date) -> None:
    case.status, case.closed_on = CaseStatus.COMPLETED.value, done_on
    case.save()


def _punishment(case: Case) -> Discipline:
    return Discipline.get(Discipline.uuid == cases.data_of(case)["discipline"])


def _summary(case: Case, text: str) -> str:
    return f"处分申诉 {case.number}（{case.student.name}）：{text}"


def _rest(ws, tx, case: Case, step_party: str, done_on: dt.date, person: str, decision: str, note: str) -> None:
    step = cases.pending_step(case)
    _decide(tx, case, step, done_on, person, "approved" if decision == UPHELD else "rejected", note)
    art = article(ws.profile)
    tx.record(EventKind.CASE_STEP_RECORDED,
              _summary(case, f"{PARTY_LABELS[step_party]}：{DECISION_LABELS[decision]}" + (f"；{note.strip()}"
                                                                                       if note.strip() else "")),
              {"case": case.uuid, "party": step_party, "decision": decision, "done_on": done_on, "person": person,
               "note": note}, student=case.student, articles=[art], case_id=case.id, entered_on=done_on)
    if decision == UPHELD:
        revoke_in(ws, tx, _punishment(case), done_on, f"申诉成立（{case.number}，{PARTY_LABELS[step_party]}）",
                  case_id=case.id)
        _close(case, done_on)


def record_review(ws, case_id: int, done_on: dt.date, person: str, decision: str, note: str = "",
                  received_on: dt.date | None = None) -> tuple[Case, Changes]:
    """The school's appeal body's review. Kept: the appellant's deadline to appeal to the bureau is set,
    counted from ``received_on`` (the day the appellant received the review decision; default ``done_on``)."""
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = _case(case_id)
        found = _step_findings(ws, case, "appeal_body", done_on, person, decision)
        if received_on is not None and received_on < done_on:
            found.append(block("received_on", f"收到复查决定的日期 {received_on:%Y-%m-%d} 早于复查日期"))
        if found:
            raise RuleViolation(found)
        _rest(ws, tx, case, "appeal_body", done_on, person, decision, note)
        if decision == KEPT:
            following = cases.pending_step(case)
            days = _days(ws.profile, "appeal.bureau_appeal_working_days")
            following.due_on = calendar.add_working_days(received_on or done_on, days).day if days is not None else None
            following.save()
            data = cases.data_of(case)
            data["review_received_on"] = (received_on or done_on).isoformat()
            case.data = _dumps(data)
            case.save()
    return case, tx.changes


def filing_findings(ws, case: Case, filed_on: dt.date) -> list[Finding]:
    found = _step_findings(ws, case, "appellant", filed_on, None, None)
    step = cases.pending_step(case)
    if not found and step is not None and step.due_on is not None and filed_on > step.due_on:
        rule = ws.profile.rule("appeal.bureau_appeal_working_days")
        found.append(Finding("appeal.bureau_appeal_working_days", Severity.WARN, "done_on",
                             f"申诉期限：{filed_on:%Y-%m-%d} 晚于向主管教育行政部门书面申诉的期限 {step.due_on:%Y-%m-%d}"
                             f"{paren(rule.quote or '')}；须写明理由，由主管教育行政部门决定是否受理", rule.article))
    return found


def record_filing(ws, case_id: int, filed_on: dt.date, note: str = "", reason: str = "") -> tuple[Case, Changes]:
    """The appellant appealed to the bureau in writing on ``filed_on``: the bureau's answer is due."""
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = _case(case_id)
        found = filing_findings(ws, case, filed_on)
        stop = blocks(found) + (warnings(found) if len(reason.strip()) < 4 else [])
        if stop:
            raise RuleViolation(stop)
        step = cases.pending_step(case)
        _decide(tx, case, step, filed_on, "申诉人", "approved", note)
        following = cases.pending_step(case)
        days = _days(ws.profile, "appeal.bureau_answer_working_days")
        following.due_on = calendar.add_working_days(filed_on, days).day if days is not None else None
        following.save()
        passed = {w.rule: reason.strip() for w in warnings(found)}
        tx.record(EventKind.CASE_STEP_RECORDED,
                  _summary(case, f"{filed_on:%Y-%m-%d} 向主管教育行政部门提出书面申诉"
                                 + (f"，答复期限 {following.due_on:%Y-%m-%d}" if following.due_on else "")),
                  {"case": case.uuid, "party": "appellant", "filed_on": filed_on, "note": note,
                   "warnings": [{"rule": w.rule, "message": w.message, "reason": reason.strip()} for w in warnings(found)]},
                  student=case.student, articles=[article(ws.profile)] + [w.article for w in warnings(found)],
                  reasons=passed, case_id=case.id, entered_on=filed_on)
    return case, tx.changes


def record_no_filing(ws, case_id: int, done_on: dt.date, note: str = "") -> tuple[Case, Changes]:
    """The appellant accepted the review (or the time passed without a written appeal): the case closes."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = _case(case_id)
        found = _step_findings(ws, case, "appellant", done_on, None, None)
        if found:
            raise RuleViolation(found)
        step = cases.pending_step(case)
        text = note.strip() or "申诉人未向主管教育行政部门提出书面申诉"
        _decide(tx, case, step, done_on, "申诉人", "rejected", text)
        _close(case, done_on)
        tx.record(EventKind.CASE_STEP_RECORDED, _summary(case, f"{text}，申诉办结，维持原处分"),
                  {"case": case.uuid, "party": "appellant", "filed": False, "note": text}, student=case.student,
                  articles=[article(ws.profile)], case_id=case.id, entered_on=done_on)
    return case, tx.changes


def record_bureau_answer(ws, case_id: int, done_on: dt.date, person: str, decision: str,
                         note: str = "") -> tuple[Case, Changes]:
    """The bureau's answer, copied from its letter; upheld revokes the punishment. The case closes."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = _case(case_id)
        found = _step_findings(ws, case, "bureau", done_on, person, decision)
        if found:
            raise RuleViolation(found)
        _rest(ws, tx, case, "bureau", done_on, person, decision, note)
        if case.status == CaseStatus.OPEN.value:
            _close(case, done_on)
    return case, tx.changes


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


# ── reads ───────────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class AppealStep:
    party: str
    label: str
    due_on: dt.date | None
    done_on: dt.date | None
    person: str
    outcome: str  # approved | rejected | ""
    note: str


@dataclass(frozen=True)
class AppealRow:
    id: int
    number: str
    status: str  # CaseStatus value
    status_label: str
    student_id: int
    student_name: str
    opened_on: dt.date
    discipline_id: int
    punishment: str
    grounds: str
    steps: tuple[AppealStep, ...]

    @property
    def pending(self) -> AppealStep | None:
        if self.status != CaseStatus.OPEN.value:
            return None
        return next((s for s in self.steps if not s.outcome), None)


def _appeal_row(case: Case) -> AppealRow:
    data = cases.data_of(case)
    steps = tuple(AppealStep(s.party, PARTY_LABELS.get(s.party, s.party), s.due_on, s.done_on, s.person, s.outcome,
                             s.note) for s in cases.steps(case))
    return AppealRow(case.id, case.number, case.status, CaseStatus(case.status).label, case.student_id,
                     case.student.name, case.opened_on, int(data.get("discipline_id") or 0), data.get("punishment", ""),
                     data.get("grounds", ""), steps)


def appeal_rows(student_id: int | None = None, open_only: bool = False) -> list[AppealRow]:
    query = Case.select().where(Case.kind == CaseKind.APPEAL.value)
    if student_id is not None:
        query = query.where(Case.student == student_id)
    if open_only:
        query = query.where(Case.status == CaseStatus.OPEN.value)
    return [_appeal_row(c) for c in query.order_by(Case.opened_on.desc(), Case.number.desc())]


def appeal_by_number(number: str) -> AppealRow | None:
    case = Case.get_or_none((Case.number == number.strip().upper()) & (Case.kind == CaseKind.APPEAL.value))
    return _appeal_row(case) if case is not None else None


def appeal_row(case_id: int) -> AppealRow | None:
    case = Case.get_or_none((Case.id == case_id) & (Case.kind == CaseKind.APPEAL.value))
    return _appeal_row(case) if case is not None else None


@dataclass(frozen=True)
class TodoEntry:
    title: str
    detail: str
    due: dt.date | None
    student_id: int
    who: str


def todo_entries(profile) -> list[TodoEntry]:
    """The pending step of each open appeal, with its deadline and the article it rests on."""
    out = []
    art = article(profile)
    answer = _days(profile, "appeal.bureau_answer_working_days")
    for a in appeal_rows(open_only=True):
        step = a.pending
        if step is None:
            continue
        who = f"{a.number}　{a.student_name}"
        if step.party == "appeal_body":
            members = body_members(profile)
            out.append(TodoEntry("处分申诉：学校申诉机构复查",
                                 f"对{a.punishment}的申诉，由学校申诉机构受理并组织复查"
                                 + (f"（成员应含{'、'.join(members)}）" if members else "") + f"；{art}",
                                 None, a.student_id, who))
        elif step.party == "appellant":
            out.append(TodoEntry("处分申诉：申诉人可向主管教育行政部门书面申诉",
                                 "复查维持原处分；申诉人收到复查决定后"
                                 + (f"至 {step.due_on:%Y-%m-%d} 前" if step.due_on else "")
                                 + f"可向主管教育行政部门提出书面申诉，请记录是否提出；{art}", step.due_on,
                                 a.student_id, who))
        else:
            out.append(TodoEntry("处分申诉：待主管教育行政部门答复",
                                 "申诉人已提出书面申诉；主管教育行政部门应当在收到申诉申请之日起"
                                 + (f"{answer}个工作日内" if answer is not None else "")
                                 + "做出处理并答复"
                                 + (f"（至 {step.due_on:%Y-%m-%d}）" if step.due_on else "") + f"；{art}",
                                 step.due_on, a.student_id, who))
    return out
