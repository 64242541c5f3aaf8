"""The bureau reviews the schools' pending cases and decides its own steps; each decision becomes an
item of the next reply to the school. Within the county a transfer travels through the bureau
(籍随人走): the receiving school's case, once the bureau approves, becomes a transfer request to the
sending school; the sending school's approval and the pupil's whole archive then go to the receiving
school, so that nobody types the record twice.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..core.casework.cases import CaseKind, CaseStatus, party_label
from ..core.pupils.status import ON_ROLL as STATUS_ON_ROLL
from . import accounts
from .accounts import BureauPermission
from .case_models import BureauCase, BureauDecision, BureauPupil, ReplyItem
from .importer import BureauError, _identity
from .projection import add_item, done_step, step_payload
from .store import BureauEvent, BureauStore, RegisteredSchool

ON_ROLL = tuple(sorted(s.value for s in STATUS_ON_ROLL))
TRANSFERS = (CaseKind.TRANSFER_IN.value, CaseKind.TRANSFER_OUT.value)


@dataclass(frozen=True)
class Pending:
    case: BureauCase
    party: str
    due_on: dt.date | None

    @property
    def label(self) -> str:
        return party_label(self.party)


def _county(store: BureauStore) -> str:
    return _identity(store).county_code


def other_school_of(case: BureauCase) -> RegisteredSchool | None:
    """The registered school at the other end of a transfer: by its code, else by where the pupil is."""
    data = case.data_dict()
    other = data.get("other_school") or {}
    code = (other.get("code") or "").strip()
    if code:
        found = RegisteredSchool.get_or_none(RegisteredSchool.code == code)
        if found is not None and found.id != case.school_id:
            return found
    if case.kind != CaseKind.TRANSFER_IN.value:
        return None
    query = BureauPupil.select().where(BureauPupil.school != case.school_id, BureauPupil.status.in_(ON_ROLL))
    keys = [k for k in (case.student_number, case.id_number) if k]
    if not keys:
        return None
    hit = query.where((BureauPupil.student_number.in_(keys)) | (BureauPupil.id_number.in_(keys))).first()
    return hit.school if hit is not None else None


def other_side_in_county(store: BureauStore, case: BureauCase) -> bool:
    other = (case.data_dict().get("other_school") or {})
    return (other.get("area_code") or "").strip() == _county(store) or other_school_of(case) is not None


def ours(store: BureauStore, case: BureauCase, party: str) -> bool:
    """Whether this county bureau decides `party` of `case` (the other county's bureau stamps on paper)."""
    if party == "bureau":
        return True
    if case.kind not in TRANSFERS or party not in ("receiving_bureau", "sending_bureau"):
        return False
    own_side = "receiving_bureau" if case.kind == CaseKind.TRANSFER_IN.value else "sending_bureau"
    return party == own_side or other_side_in_county(store, case)


def pending(store: BureauStore, school: str | None = None) -> list[Pending]:
    """Open cases waiting for this bureau, oldest deadline first."""
    accounts.require(store, "查看待审批的申请", BureauPermission.READ)
    query = (BureauCase.select(BureauCase, RegisteredSchool).join(RegisteredSchool)
             .where((BureauCase.status == CaseStatus.OPEN.value) & BureauCase.pending_party.is_null(False)))
    if school:
        query = query.where(RegisteredSchool.code == school)
    decided = set(BureauDecision.select(BureauDecision.case, BureauDecision.party)
                  .join(BureauCase).where(BureauCase.status == CaseStatus.OPEN.value).tuples())
    out = []
    for case in query:
        party = case.pending_party
        if not ours(store, case, party):
            continue
        if (case.id, party) in decided:
            continue  # decided; the school has not imported the reply yet
        out.append(Pending(case, party, case.pending_due))
    return sorted(out, key=lambda p: (p.due_on or dt.date.max, p.case.opened_on, p.case.number))


def find_case(ref: str) -> BureauCase:
    case = BureauCase.get_or_none((BureauCase.uuid == ref) | (BureauCase.number == ref))
    if case is None:
        raise BureauError(f"找不到申请：{ref}")
    if BureauCase.select().where(BureauCase.number == ref).count() > 1:
        raise BureauError(f"申请编号 {ref} 在多所学校重复，请用申请的唯一标识（uuid）")
    return case


def decide(store: BureauStore, ref: str, outcome: str, *, note: str = "",
           today: dt.date | None = None) -> BureauDecision:
    """Approve or reject the step of `ref` (a case uuid or number) that waits for this bureau; one transaction.
    The signed-in account (科长) decides; its name is the 经办人 the school reads."""
    account = accounts.require(store, "审批申请", BureauPermission.DECIDE)
    person = account.display_name
    now = store.now().replace(microsecond=0)
    today = today or now.date()
    if outcome not in ("approved", "rejected"):
        raise BureauError("意见：请选择“同意”或“不同意”")
    if outcome == "rejected" and len((note or "").strip()) < 4:
        raise BureauError("不同意时须写明理由（至少 4 个字）")
    with store.db.atomic():
        case = find_case(ref)
        if case.status != CaseStatus.OPEN.value:
            raise BureauError(f"申请 {case.number} {CaseStatus(case.status).label}，不能再审批")
        party = case.pending_party
        if party is None or not ours(store, case, party):
            who = party_label(party) if party else "（无）"
            raise BureauError(f"申请 {case.number} 现在等待“{who}”的意见，不由本局审批")
        if BureauDecision.select().where((BureauDecision.case == case) & (BureauDecision.party == party)).exists():
            raise BureauError(f"申请 {case.number} 的“{party_label(party)}”意见已作出，等待学校导入回执")
        steps = case.step_list()
        done = [s for s in steps if s.get("outcome")]
        earliest = dt.date.fromisoformat(done[-1]["done_on"]) if done and done[-1].get("done_on") else case.opened_on
        if today < earliest:
            raise BureauError(f"日期：{today:%Y-%m-%d} 早于上一环节的日期 {earliest:%Y-%m-%d}")
        decision = BureauDecision.create(case=case, party=party, outcome=outcome, note=(note or "").strip(),
                                         person=person.strip(), decided_on=today, decided_at=now,
                                         account_id=account.id)
        add_item(case.school, "decision", decision_payload(case, decision), now, case_uuid=case.uuid, party=party)
        _forward(store, case, decision, now)
    return decision


def decision_payload(case: BureauCase, d: BureauDecision) -> dict:
    return {"case_uuid": case.uuid, "case_number": case.number, "party": d.party, "outcome": d.outcome,
            "done_on": d.decided_on.isoformat(), "person": d.person, "note": d.note}


def _forward(store: BureauStore, case: BureauCase, decision: BureauDecision, now: dt.datetime) -> None:
    """籍随人走 between two registered schools of the county."""
    data = case.data_dict()
    if case.kind == CaseKind.TRANSFER_IN.value and decision.party == "receiving_bureau" \
            and decision.outcome == "approved":
        sender = other_school_of(case)
        if sender is None or ReplyItem.select().where((ReplyItem.case_uuid == case.uuid)
                                                      & (ReplyItem.kind == "transfer_request")).exists():
            return
        receiving = case.school
        done = [s for s in case.step_list() if s.get("outcome")]
        steps = [step_payload(case.uuid, case.number, s) for s in done] + [decision_payload(case, decision)]
        add_item(sender, "transfer_request", {
            "peer_case": case.uuid, "peer_number": case.number, "pupil": data.get("pupil") or {},
            "receiving_school": {"code": receiving.code, "name": receiving.name, "area_code": _county(store)},
            "grade_from": data.get("grade_from"), "grade_to": data.get("grade_to"),
            "reason_id": data.get("reason_id"), "reason_label": data.get("reason_label", ""),
            "applied_on": case.opened_on.isoformat(), "steps": steps,
        }, now, case_uuid=case.uuid, party="transfer_request")
        return
    peer_uuid = data.get("peer_case")
    if case.kind == CaseKind.TRANSFER_OUT.value and decision.party == "sending_bureau" and peer_uuid:
        peer = BureauCase.get_or_none(BureauCase.uuid == peer_uuid)
        if peer is None:
            return
        sending_school = done_step(case.step_list(), "sending_school")
        items = [step_payload(peer.uuid, peer.number, sending_school)] if sending_school else []
        items.append({**decision_payload(case, decision), "case_uuid": peer.uuid, "case_number": peer.number})
        payload = {"case_uuid": peer.uuid, "case_number": peer.number, "steps": items,
                   "from_school": {"code": case.school.code, "name": case.school.name}}
        if decision.outcome == "approved":
            payload["archive"] = archive_of(case)
        add_item(peer.school, "transfer_archive", payload, now, case_uuid=peer.uuid, party="sending_bureau")


def archive_of(case: BureauCase) -> dict:
    """The pupil's whole archive as the sending school last reported it: record, family, history."""
    pupil = BureauPupil.get_or_none((BureauPupil.school == case.school)
                                    & (BureauPupil.student_number == case.student_number))
    history = []
    if case.student_number:
        for e in (BureauEvent.select().where((BureauEvent.school == case.school))
                  .order_by(BureauEvent.seq)):
            doc = e.payload
            if f'"student_number":"{case.student_number}"' not in doc:
                continue
            ev = json.loads(doc)
            if ev.get("student_number") == case.student_number:
                history.append({"date": (ev.get("created_at") or "")[:10], "kind": ev.get("kind"),
                                "summary": ev.get("summary", ""), "school": case.school.name})
    record = pupil.record_dict() if pupil else {}
    return {"student_number": case.student_number, "record": record,
            "national": pupil.national_row() if pupil else {}, "history": history,
            "school": {"code": case.school.code, "name": case.school.name}}
