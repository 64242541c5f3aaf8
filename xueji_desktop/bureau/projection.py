"""Keeps the bureau's view of the county up to date as batches are imported (inside the batch's
transaction): the latest record of each pupil, the latest state of each case, replies the school has
confirmed, and the items the bureau owes each school (receipts, forwarded transfer decisions)."""

from __future__ import annotations

import datetime as dt
import json

from .. import clock
from ..core.casework.cases import CaseKind
from ..core.exchange import batch_format
from . import pupil_search
from .case_models import BureauCase, BureauPupil, ReplyBatch, ReplyItem
from .graduate_models import project as project_graduate
from .store import ImportedBatch, RegisteredSchool, bulk_insert

REPLY_IMPORTED = "reply_imported"  # the school's event: it imported reply batch N


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Cache:
    """The pupils and cases a batch's events touch, read in one query each before the events are applied:
    student number → BureauPupil id (of the batch's school), case uuid → BureauCase or None (not stored).
    Pupils and cases new in the batch are kept in `new_pupils` / `new_cases` and inserted together by
    `flush`, in the order they first appeared (nothing reads them while a batch is applied, except a linked
    transfer's peer lookup, which flushes first); a later record of the same pupil or case in the batch
    replaces the earlier one's values."""

    def __init__(self, school: RegisteredSchool, pupils: dict[str, int], cases: dict[str, BureauCase | None],
                 identities: dict[str, tuple[str, str]] | None = None):
        self.school, self.pupils, self.cases = school, pupils, cases
        self.identities = identities or {}  # student number → (name, ID number) as stored: the search keys' source
        self.new_pupils: dict[str, dict] = {}
        self.new_cases: dict[str, BureauCase] = {}
        self.changed_pupils: dict[str, dict] = {}  # known pupils' new values, written together
        self.changed_cases: dict[str, BureauCase] = {}
        self.pupils_seen: set[str] = set()  # every student number the batch carried a record of
    def flush(self) -> None:
        self._write_changed()
        rows = [{"school": self.school.id, "student_number": number, **values}
                for number, values in self.new_pupils.items()]
        bulk_insert(BureauPupil, rows)
        pupil_search.write_keys_of_school(self.school.id, list(self.new_pupils))
        self.new_pupils.clear()
        if not self.new_cases:
            return
        rows = [dict(case.__data__) for case in self.new_cases.values()]
        bulk_insert(BureauCase, rows)
        uuids = list(self.new_cases)
        for i in range(0, len(uuids), 500):
            for uuid, case_id in (BureauCase.select(BureauCase.uuid, BureauCase.id)
                                  .where(BureauCase.uuid.in_(uuids[i:i + 500])).tuples()):
                self.new_cases[uuid].id = case_id
        self.new_cases.clear()

    def _write_changed(self) -> None:
        """Known pupils and cases of the batch, updated with one INSERT … ON CONFLICT DO UPDATE per 200
        (SQLite ≥ 3.24 and PostgreSQL): the rows exist, so every one of them takes the update branch."""
        if self.changed_pupils:
            rows = [{"id": self.pupils[number], "school": self.school.id, "student_number": number, **values}
                    for number, values in self.changed_pupils.items()]
            fields = [BureauPupil._meta.fields[k] for k in rows[0] if k not in ("id", "school", "student_number")]
            for i in range(0, len(rows), 200):
                (BureauPupil.insert_many(rows[i:i + 200])
                 .on_conflict(conflict_target=[BureauPupil.id], preserve=fields).as_rowcount().execute())
            renamed = [r for r in rows if self.identities.get(r["student_number"]) != (r["name"], r["id_number"])]
            pupil_search.write_keys(((r["id"], r["name"], r["id_number"], r["student_number"]) for r in renamed),
                                    {r["id"]: (*self.identities[r["student_number"]], r["student_number"])
                                     for r in renamed if r["student_number"] in self.identities})
            self.identities.update((r["student_number"], (r["name"], r["id_number"])) for r in renamed)
            self.changed_pupils.clear()
        if self.changed_cases:
            rows = [dict(case.__data__) for case in self.changed_cases.values()]
            fields = [BureauCase._meta.fields[k] for k in rows[0] if k not in ("id", "uuid", "school")]
            for i in range(0, len(rows), 200):
                (BureauCase.insert_many(rows[i:i + 200])
                 .on_conflict(conflict_target=[BureauCase.id], preserve=fields).as_rowcount().execute())
            self.changed_cases.clear()

    @classmethod
    def for_events(cls, school: RegisteredSchool, events: list[dict]) -> Cache:
        numbers = sorted({str(r["student_number"]) for r in (e.get("record") for e in events)
                          if isinstance(r, dict) and r.get("student_number")})
        uuids = sorted({str(s["uuid"]) for s in (e.get("case_state") for e in events)
                        if isinstance(s, dict) and s.get("uuid")})
        pupils: dict[str, int] = {}
        identities: dict[str, tuple[str, str]] = {}
        cases: dict[str, BureauCase | None] = dict.fromkeys(uuids)
        for i in range(0, len(numbers), 500):
            for number, pupil_id, name, id_number in (
                    BureauPupil.select(BureauPupil.student_number, BureauPupil.id, BureauPupil.name,
                                       BureauPupil.id_number)
                    .where((BureauPupil.school == school) & BureauPupil.student_number.in_(numbers[i:i + 500]))
                    .tuples()):
                pupils[number] = pupil_id
                identities[number] = (name, id_number)
        for i in range(0, len(uuids), 500):
            cases.update((c.uuid, c) for c in BureauCase.select().where(BureauCase.uuid.in_(uuids[i:i + 500])))
        return cls(school, pupils, cases, identities)


def apply_event(school: RegisteredSchool, event: dict, now: dt.datetime, cache: Cache | None = None) -> None:
    """One newly imported event (not a duplicate, not a conflict). `cache`: the batch's pupils and cases,
    read beforehand (Cache.for_events), kept up to date here."""
    seq = event["seq"]
    record = event.get("record")
    if isinstance(record, dict) and record.get("student_number"):
        _upsert_pupil(school, record, seq, cache, change=event)
    state = event.get("case_state")
    if isinstance(state, dict) and state.get("uuid"):
        case = _upsert_case(school, state, event, seq, cache)
        if cache is not None and cache.new_cases and _linked(case):
            cache.flush()  # the peer lookup must see every case stored so far, as one by one
        after_school_update(case, now)  # linked transfers: decisions the other school awaits
    project_graduate(school, event)  # 升学: graduates, the middle school named, records continued
    if event.get("kind") == REPLY_IMPORTED:
        number = (event.get("payload") or {}).get("batch_no")
        if isinstance(number, int):
            (ReplyBatch.update(delivered_at=now)
             .where((ReplyBatch.school == school) & (ReplyBatch.batch_no <= number)
                    & ReplyBatch.delivered_at.is_null()).execute())


def _upsert_pupil(school, record: dict, seq: int, cache: Cache | None = None, change: dict | None = None) -> None:
    """`change`: the event that carries the record, the pupil's last change (its day and summary kept, bureau
    0008)."""
    fields = record.get("fields") or {}
    values = dict(
        id_number=str(fields.get("id_number", ""))[:64], name=str(fields.get("name", ""))[:100],
        status=str(record.get("status", ""))[:32], grade=record.get("grade"),
        class_name=str(record.get("class", ""))[:100],
        record=json.dumps({"fields": fields, "guardians": record.get("guardians") or [],
                           "entry_date": record.get("entry_date"), "entry_route": record.get("entry_route"),
                           "identity_verified": record.get("identity_verified"), "grade": record.get("grade"),
                           "class_number": record.get("class_number"), "school": record.get("school")},
                          ensure_ascii=False, sort_keys=True),
        national=json.dumps(record.get("national") or {}, ensure_ascii=False), updated_seq=seq,
        last_change_on=str((change or {}).get("entered_on") or (change or {}).get("created_at") or "")[:10],
        last_change=str((change or {}).get("summary") or ""))
    number = record["student_number"]
    if cache is not None:
        cache.pupils_seen.add(str(number))
    if cache is not None and str(number) in cache.pupils:
        cache.changed_pupils[str(number)] = values  # written by cache.flush()
        return
    if cache is not None:
        cache.new_pupils[str(number)] = values  # inserted by cache.flush()
        return
    held = (BureauPupil.select(BureauPupil.name, BureauPupil.id_number)
            .where((BureauPupil.school == school) & (BureauPupil.student_number == number)).tuples().first())
    if held:
        BureauPupil.update(**values).where((BureauPupil.school == school)
                                           & (BureauPupil.student_number == number)).execute()
    else:
        BureauPupil.create(school=school, student_number=number, **values)
    pupil_search.write_keys_of_school(school.id, [str(number)], {str(number): held} if held else None)


def _linked(case: BureauCase) -> bool:
    """A case whose after_school_update looks up its peer case (after_school_update)."""
    return case.kind == "transfer_out" and bool(case.data_dict().get("peer_case"))


def pending_step(steps: list[dict]) -> dict | None:
    return next((s for s in steps if not s.get("outcome")), None)


def _upsert_case(school, state: dict, event: dict, seq: int, cache: Cache | None = None) -> BureauCase:
    data = state.get("data") or "{}"
    doc = json.loads(data) if isinstance(data, str) else data
    pupil = doc.get("pupil") or {}
    steps = state.get("steps") or []
    pending = pending_step(steps) if state.get("status") == "open" else None
    values = dict(
        school=school, number=state.get("number", ""), kind=state.get("kind") or event.get("case_kind") or "",
        status=state.get("status", ""),
        student_number=state.get("student_number") or pupil.get("student_number") or "",
        id_number=state.get("id_number") or pupil.get("id_number") or "",
        pupil_name=state.get("pupil_name") or pupil.get("name") or "",
        opened_on=_day(state.get("opened_on")) or clock.today(),
        data=data if isinstance(data, str) else batch_format.canonical_json(data).decode(),
        steps=json.dumps(steps, ensure_ascii=False), pending_party=pending["party"] if pending else None,
        pending_due=_day(pending.get("due_on")) if pending else None, updated_seq=seq)
    key = str(state["uuid"])
    if cache is not None and key in cache.cases:
        case = cache.cases[key]
    else:
        case = BureauCase.get_or_none(BureauCase.uuid == state["uuid"])
    if case is None:
        if cache is None:
            return BureauCase.create(uuid=state["uuid"], **values)
        case = cache.cases[key] = cache.new_cases[key] = BureauCase(uuid=state["uuid"], **values)
        return case  # inserted by cache.flush()
    if cache is not None and key in cache.new_cases:
        for k, v in values.items():
            setattr(case, k, v)
        return case
    if case.school_id != school.id:
        return case  # another school's case uuid: never overwritten (the event conflict shows it)
    for k, v in values.items():
        setattr(case, k, v)
    if cache is not None:
        cache.changed_cases[key] = case  # written by cache.flush()
    else:
        case.save()
    return case


# --- items owed to schools -------------------------------------------------------------------------------

def next_item_seq(school: RegisteredSchool) -> int:
    from peewee import fn

    return (ReplyItem.select(fn.MAX(ReplyItem.seq)).where(ReplyItem.school == school).scalar() or 0) + 1


def add_item(school: RegisteredSchool, kind: str, payload: dict, now: dt.datetime, *,
             case_uuid: str | None = None, party: str | None = None,
             source_batch: ImportedBatch | None = None) -> ReplyItem:
    return ReplyItem.create(school=school, seq=next_item_seq(school), kind=kind, case_uuid=case_uuid, party=party,
                            payload=batch_format.canonical_json(payload).decode("utf-8"), created_at=now,
                            source_batch=source_batch)


def add_receipt(batch: ImportedBatch, now: dt.datetime) -> ReplyItem:
    return add_item(batch.school, "receipt", {
        "batch_no": batch.batch_no, "hash": batch.hash, "new": batch.new_count,
        "duplicates": batch.duplicate_count, "conflicts": batch.conflict_count, "receipt": batch.receipt,
    }, now, source_batch=batch)


def done_step(steps: list[dict], party: str) -> dict | None:
    return next((s for s in steps if s.get("party") == party and s.get("outcome")), None)


def step_payload(case_uuid: str, number: str, step: dict) -> dict:
    return {"case_uuid": case_uuid, "case_number": number, "party": step["party"], "outcome": step["outcome"],
            "done_on": step["done_on"], "person": step.get("person", ""), "note": step.get("note", "")}


def after_school_update(case: BureauCase, now: dt.datetime) -> None:
    """A linked transfer-out refused by the sending school: the receiving school is told at once."""
    data = case.data_dict()
    peer_uuid = data.get("peer_case")
    if case.kind != CaseKind.TRANSFER_OUT.value or not peer_uuid:
        return
    refused = done_step(case.step_list(), "sending_school")
    if refused is None or refused["outcome"] != "rejected":
        return
    peer = BureauCase.get_or_none(BureauCase.uuid == peer_uuid)
    if peer is None or ReplyItem.select().where((ReplyItem.case_uuid == peer.uuid)
                                                & (ReplyItem.party == "sending_school")).exists():
        return
    add_item(peer.school, "decision", step_payload(peer.uuid, peer.number, refused), now,
             case_uuid=peer.uuid, party="sending_school")
