"""The outbox: events not yet exported, sealed once into numbered batches kept until the bureau's
receipt, and written to a stick as often as wanted (always the same bytes).

Like Anki's usn, `Event.batch_no` is NULL until the event is sealed; `seal_next_batch` takes every
such event in seq order, seals batch N+1 chained to batch N's hash, stores the sealed bytes and
numbers the events — one transaction, so a crash leaves either all of it or none of it.

After a restore the number continues above every number given out before (the restore's marks) and above
what the bureau said it holds (`events.numbering_marks`), so no number is ever used twice; the first batch
after the restore carries the restore in its header (Setting "restore_announced" notes which batch did).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from ...store.models import Case, Event, OutboxBatch, School, Setting, Student, User
from ..accounts import access_log
from ..school.events import RESTORE_MARKS, numbering_marks
from . import batch_format, snapshots, stick
from .school_keys import KeyRefused, active_bureau_key, bureau_public, unlock_school_key

Batch = OutboxBatch
NOTHING_TO_EXPORT = "没有新的变更需要导出"
FIRST_PREV_HASH = None  # batch 1 names no previous batch
RESTORE_ANNOUNCED = "restore_announced"  # Setting: {"restored_at", "batch_no"} of the batch that told the bureau


@dataclass
class ExportResult:
    sealed: Batch | None  # the batch sealed now (None: nothing new)
    written: list[stick.WriteResult] = field(default_factory=list)
    failed: stick.StickError | None = None

    @property
    def message(self) -> str:
        lines = [] if self.sealed else [NOTHING_TO_EXPORT]
        lines += [w.message for w in self.written]
        if self.failed:
            lines.append(self.failed.message)
        return "\n".join(lines)


def event_dicts(events, *, with_snapshots: bool = True) -> list[dict]:
    """The exchanged form of events (the bureau sees the pupil by 学籍号 and the case by uuid).

    With snapshots, the last event of each pupil carries the pupil's whole record ("record") and the
    last event of each case the case's state ("case_state"), as they stand now (snapshots.py)."""
    student_ids = {e["student"] for e in events if e["student"]}
    case_ids = {e["case_id"] for e in events if e["case_id"]}
    author_ids = {e["author"] for e in events}
    numbers = dict(Student.select(Student.id, Student.student_number).where(Student.id.in_(student_ids))
                   .tuples()) if student_ids else {}
    cases = {i: (u, n, k) for i, u, n, k in Case.select(Case.id, Case.uuid, Case.number, Case.kind)
             .where(Case.id.in_(case_ids)).tuples()} if case_ids else {}
    authors = dict(User.select(User.id, User.username).where(User.id.in_(author_ids)).tuples())
    out = []
    for e in events:
        case = cases.get(e["case_id"])
        out.append({
            "uuid": e["uuid"], "seq": e["seq"], "kind": e["kind"],
            "student_number": numbers.get(e["student"]),
            "case_uuid": case[0] if case else None, "case_number": case[1] if case else None,
            "case_kind": case[2] if case else None,
            "payload": json.loads(e["payload"]), "summary": e["summary"],
            "articles": json.loads(e["articles"] or "[]"), "reasons": json.loads(e["reasons"] or "{}"),
            "author": authors.get(e["author"], ""),
            "created_at": _text(e["created_at"]),
            "prev_hash": e.get("prev_hash"), "hash": e.get("hash"),
            **({"entered_on": _text(e["entered_on"]), "pc_time": _text(e["pc_time"])} if e.get("pc_time") else {}),
        })
    if with_snapshots and out:
        _attach_snapshots(events, out)
    return out


def _text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _attach_snapshots(events, out: list[dict]) -> None:
    last_of_student = {e["student"]: i for i, e in enumerate(events) if e["student"]}
    last_of_case = {e["case_id"]: i for i, e in enumerate(events) if e["case_id"]}
    school = School.select().first()
    students, cases = [], []
    ids = list(last_of_student)
    for i in range(0, len(ids), 500):
        students.extend(Student.select().where(Student.id.in_(ids[i:i + 500])))
    ids = list(last_of_case)
    for i in range(0, len(ids), 500):
        cases.extend(Case.select().where(Case.id.in_(ids[i:i + 500])))
    for student_id, record in snapshots.pupil_records(students, school).items():
        out[last_of_student[student_id]]["record"] = record
    for case_id, state in snapshots.case_snapshots(cases).items():
        out[last_of_case[case_id]]["case_state"] = state


def last_batch() -> Batch | None:
    return OutboxBatch.select().order_by(OutboxBatch.batch_no.desc()).first()


def _setting(key: str):
    row = Setting.get_or_none(Setting.key == key)
    try:
        return json.loads(row.value) if row is not None else None
    except ValueError:
        return None


def _put(key: str, value) -> None:
    Setting.replace(key=key, value=json.dumps(value, ensure_ascii=False, sort_keys=True)).execute()


def restore_marks() -> dict | None:
    marks = _setting(RESTORE_MARKS)
    return marks if isinstance(marks, dict) and isinstance(marks.get("restored_at"), str) else None


def restore_to_announce() -> dict | None:
    """The header's `restore` when the database was restored and no batch sealed since has said so."""
    marks = restore_marks()
    if marks is None:
        return None
    told = _setting(RESTORE_ANNOUNCED)
    if isinstance(told, dict) and told.get("restored_at") == marks["restored_at"]:
        return None

    def number(v):
        return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None

    head = marks.get("chain_head")
    taken = marks.get("backup_taken_at")
    return {"restored_at": marks["restored_at"][:64],
            "backup_taken_at": taken[:64] if isinstance(taken, str) and taken else None,
            "chain_head_before": head if batch_format.is_hash(head) else None,
            "last_batch_before": number(marks.get("last_batch_no")), "last_seq_before": number(marks.get("last_seq"))}


def next_batch_no(database) -> int:
    """Above the outbox's last batch, a restore's marks and the bureau's holdings."""
    given = numbering_marks(database)["last_batch_no"] or 0
    return max(max_batch_no(), given) + 1


def unexported_count() -> int:
    return Event.select().where(Event.batch_no.is_null()).count()


def seal_next_batch(ws, password: str) -> Batch | None:
    """Seals every event not yet exported into the next batch; None when there is nothing new.

    Raises KeyRefused (no keys, wrong password, no bureau key)."""
    bureau = active_bureau_key()
    if bureau is None:
        raise KeyRefused("尚未登记教育局公钥：请先从 U 盘载入教育局公钥文件并核对公函上的指纹")
    pair = unlock_school_key(password, ws.user)
    recipient = bureau_public(bureau)
    school = ws.school
    with ws.db.atomic():  # IMMEDIATE: no event can slip in between reading and numbering
        rows = list(Event.select().where(Event.batch_no.is_null()).order_by(Event.seq).dicts())
        if not rows:
            return None
        previous = last_batch()
        number = next_batch_no(ws.db)
        prev_hash = previous.hash if previous else FIRST_PREV_HASH
        restore = restore_to_announce()
        now = ws.now()
        data = batch_format.seal(event_dicts(rows), school_code=school.code, batch_no=number,
                                 prev_hash=prev_hash, created_at=now, sender_key=pair.signing,
                                 recipient_public=recipient.encryption_public, chain_prev=rows[0]["prev_hash"],
                                 restore=restore)
        if restore is not None:
            _put(RESTORE_ANNOUNCED, {"restored_at": restore["restored_at"], "batch_no": number})
        first, last = rows[0]["seq"], rows[-1]["seq"]
        batch = OutboxBatch.create(
            batch_no=number, school_code=school.code, data=data, hash=batch_format.batch_hash(data),
            prev_hash=prev_hash, first_seq=first, last_seq=last, event_count=len(rows), bureau_key=bureau,
            created_at=now, created_by=ws.user)
        marked = (Event.update(batch_no=number)
                  .where(Event.batch_no.is_null() & (Event.seq >= first) & (Event.seq <= last)).execute())
        if marked != len(rows):
            raise RuntimeError(f"batch {number}: {marked} events numbered, {len(rows)} sealed")
    return batch


def pending_batches(ws=None) -> list[Batch]:
    """Sealed batches the bureau has not acknowledged yet, oldest first."""
    return list(OutboxBatch.select().where(OutboxBatch.acknowledged_at.is_null()).order_by(OutboxBatch.batch_no))


def record_written(ws, batch: Batch, result: stick.WriteResult) -> None:
    """The batch's file record, and the export in the access log (查询登记) with the batch's pupils and its
    implied purpose, in one transaction."""
    with ws.db.atomic():
        OutboxBatch.update(written_to=str(result.path), written_at=ws.now()).where(
            OutboxBatch.id == batch.id).execute()
        pupils = (Event.select(Event.student).distinct()
                  .where((Event.batch_no == batch.batch_no) & Event.student.is_null(False)).tuples())
        access_log.record(ws, access_log.Action.EXPORT, f"变更批次第 {batch.batch_no} 批（{batch.event_count} 项变更）",
                          [p for (p,) in pupils], purpose=access_log.BATCH_PURPOSE, target=result.path)
    batch.written_to, batch.written_at = str(result.path), ws.now()


def write_pending(ws, folder: str | Path, progress: Callable[[int, int], None] | None = None,
                  batches: list[Batch] | None = None) -> list[stick.WriteResult]:
    """Writes every unacknowledged batch (or the given ones) to the stick, each verified; raises
    StickError at the first refusal (the batches already written stay written and recorded)."""
    results = []
    for batch in batches if batches is not None else pending_batches(ws):
        result = stick.write_batch(batch, folder, progress)
        record_written(ws, batch, result)
        results.append(result)
    return results


def export_to(ws, password: str, folder: str | Path,
              progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """导出变更批次: seals what is new, then writes every unacknowledged batch to `folder`."""
    sealed = seal_next_batch(ws, password)
    result = ExportResult(sealed)
    for batch in pending_batches(ws):
        try:
            result.written.append(stick.write_batch(batch, folder, progress))
        except stick.StickError as e:
            result.failed = e
            break
        record_written(ws, batch, result.written[-1])
    return result


def acknowledge(ws, up_to_batch_no: int, receipt: str = "", batch_hash: str | None = None) -> int:
    """A bureau receipt clears the outbox up to that batch (the reply import calls this). After a restore,
    a batch sealed since is cleared only by the receipt of that very file (`batch_hash`): the bureau's batch
    of the same number may be one the replaced database sent."""
    cleared = OutboxBatch.acknowledged_at.is_null() & (OutboxBatch.batch_no <= up_to_batch_no)
    marks = restore_marks()
    if marks is not None:
        try:
            restored_at = dt.datetime.fromisoformat(marks["restored_at"])
        except ValueError:
            restored_at = None
        if restored_at is not None:
            cleared &= (OutboxBatch.created_at < restored_at) | (OutboxBatch.hash == (batch_hash or ""))
    with ws.db.atomic():
        return OutboxBatch.update(acknowledged_at=ws.now(), receipt=receipt).where(cleared).execute()


def max_batch_no() -> int:
    return OutboxBatch.select(fn.MAX(OutboxBatch.batch_no)).scalar() or 0
