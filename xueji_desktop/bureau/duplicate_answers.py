"""A school's answer to a duplicate 学籍 case, as its batch brings it to the bureau: each event about the case is
kept as a step; a school that says the child studies there has the other school asked, in its next reply, to
remove its record (`duplicate_removal`). Called for every newly imported event (importer)."""

from __future__ import annotations

import datetime as dt

from . import projection
from .duplicates import BureauDuplicate, BureauDuplicateStep, add_step, side_of
from .store import RegisteredSchool

RECEIVED, ANSWERED, REMOVED, SCHOOL_CLOSED = ("duplicate_query_received", "duplicate_answered",
                                              "duplicate_record_removed", "duplicate_case_closed")
REMOVAL_RECEIVED = "duplicate_removal_asked"  # the school has the request to remove its record
SCHOOL_EVENTS = (RECEIVED, ANSWERED, REMOVAL_RECEIVED, REMOVED, SCHOOL_CLOSED)
ATTENDS, NOT_SAME = "attends", "not_same"
REMOVAL_ASKED, CLOSED = "removal_asked", "closed"
REMOVAL = "duplicate_removal"  # the reply item that asks a school to remove its record


def _answer(event: dict) -> str:
    return str((event.get("payload") or {}).get("answer") or "")


def on_event(school: RegisteredSchool, event: dict, now: dt.datetime) -> None:
    """A school's event about a case, newly imported: kept as a step; an `attends` answer asks the other school to
    remove its record."""
    kind = event.get("kind")
    if kind not in SCHOOL_EVENTS:
        return
    payload = event.get("payload") or {}
    case = BureauDuplicate.get_or_none(BureauDuplicate.uuid == str(payload.get("duplicate") or ""))
    if case is None or school.id not in (case.school_a_id, case.school_b_id):
        return
    step_kind = f"{ANSWERED}:{_answer(event)}" if kind == ANSWERED else kind
    detail = str(event.get("summary") or "")  # the school's words, the scan's name included
    at = _when(event.get("created_at")) or now
    add_step(case, step_kind, at, detail, school=school, person=str(event.get("author") or ""),
             event_uuid=str(event.get("uuid") or "") or None)
    if kind == ANSWERED and _answer(event) == ATTENDS and case.status == "open":
        _ask_removal(case, school, now)


def _when(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text)).replace(tzinfo=None, microsecond=0)
    except ValueError:
        return None


def _other(case: BureauDuplicate, school_id: int) -> tuple[RegisteredSchool, str]:
    if school_id == case.school_a_id:
        return case.school_b, case.student_number_b
    return case.school_a, case.student_number_a


def done(case: BureauDuplicate, kind: str, school_id: int | None = None) -> bool:
    q = BureauDuplicateStep.select().where((BureauDuplicateStep.duplicate == case) & (BureauDuplicateStep.kind == kind))
    if school_id is not None:
        q = q.where(BureauDuplicateStep.school == school_id)
    return q.exists()


def _ask_removal(case: BureauDuplicate, keeper: RegisteredSchool, now: dt.datetime) -> None:
    other, number = _other(case, keeper.id)
    if any(done(case, kind, other.id) for kind in (REMOVED, f"{ANSWERED}:{ATTENDS}", f"{ANSWERED}:{NOT_SAME}")):
        return  # removed there already, or the other school claims the child or says it is another: the bureau checks
    mine = side_of(other, number)
    projection.add_item(other, REMOVAL, {"duplicate": case.uuid, "student_number": number, "name": mine.name,
                                         "keeper": {"school_code": keeper.code, "school_name": keeper.name}}, now)
    add_step(case, REMOVAL_ASKED, now, f"{keeper.name}确认该生在其校就读：已列入给{other.name}的下一份回执，"
                                       f"请删除{mine.name}（{number}）的重复学籍", school=other)
