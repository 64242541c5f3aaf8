"""Reply batches (教育局回执): what the bureau owes a school — receipts of its batches, decisions on its
cases, transfer requests and pupils' archives — sealed once into the school's next numbered reply
(signed by the bureau, encrypted to the school's X25519 key), then written to a stick with every
earlier reply the school has not yet reported imported.

After a school restored a backup (a SchoolRestore, accepted or refused), its next reply carries a
`holdings` item: the highest batch number and event seq the bureau holds from it, so the school numbers
above them and never sends a number again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from ..core.accounts.access_log import Action
from ..core.exchange import batch_format, stick
from . import access_log, accounts, projection
from .accounts import BureauPermission
from .case_models import ReplyBatch, ReplyItem
from .importer import BureauError, unlock
from .store import BureauEvent, BureauStore, ImportedBatch, RegisteredSchool, SchoolRestore

HOLDINGS = "holdings"


@dataclass
class Sealed:
    """A ReplyBatch as stick.write_batch wants it."""

    batch_no: int
    school_code: str
    data: bytes
    hash: str
    event_count: int
    is_reply: bool = True


@dataclass
class ReplyResult:
    school: str
    sealed: ReplyBatch | None
    written: list[stick.WriteResult]

    @property
    def lines(self) -> list[str]:
        out = [] if self.sealed else [f"学校 {self.school}：没有新的回执内容"]
        for w in self.written:
            out.append(f"学校 {self.school} 回执第 {w.batch_no} 批，共 {w.event_count} 项，已写入 {w.path} 并校验无误")
        return out


def _school(code: str) -> RegisteredSchool:
    school = RegisteredSchool.get_or_none(RegisteredSchool.code == code)
    if school is None:
        raise BureauError(f"未登记的学校（学校代码 {code}）")
    return school


def item_dict(item: ReplyItem) -> dict:
    return {"seq": item.seq, "kind": item.kind, "case_uuid": item.case_uuid, "party": item.party,
            "payload": item.payload_dict(), "created_at": item.created_at.isoformat(timespec="seconds")}


def holdings(school: RegisteredSchool) -> dict:
    """The highest batch number and event seq the bureau holds from the school."""
    return {"last_batch_no": ImportedBatch.select(fn.MAX(ImportedBatch.batch_no))
            .where(ImportedBatch.school == school).scalar(),
            "last_seq": BureauEvent.select(fn.MAX(BureauEvent.seq)).where(BureauEvent.school == school).scalar()}


def _answered_restore(school: RegisteredSchool) -> int:
    """The id of the last SchoolRestore a holdings item already answered (0: none)."""
    last = (ReplyItem.select(ReplyItem.payload).where((ReplyItem.school == school) & (ReplyItem.kind == HOLDINGS))
            .order_by(ReplyItem.seq.desc()).first())
    if last is None:
        return 0
    try:
        return int(json.loads(last.payload).get("restore_id") or 0)
    except (TypeError, ValueError, AttributeError):
        return 0


def add_holdings(school: RegisteredSchool, now) -> ReplyItem | None:
    """A holdings item when the school restored a backup since the last one was queued."""
    restore = (SchoolRestore.select().where(SchoolRestore.school == school).order_by(SchoolRestore.id.desc()).first())
    if restore is None or restore.id <= _answered_restore(school):
        return None
    return projection.add_item(school, HOLDINGS, {**holdings(school), "restore_id": restore.id,
                                                  "restored_at": restore.restored_at}, now)


def waiting(school: RegisteredSchool) -> int:
    return ReplyItem.select().where((ReplyItem.school == school) & ReplyItem.reply.is_null()).count()


def seal_reply(store: BureauStore, password, code: str) -> ReplyBatch | None:
    """Seals every item not yet sent to the school into its next reply batch; None when there is none."""
    accounts.require(store, "给学校写回执", BureauPermission.REPLY)
    school = _school(code)
    if school.revoked_at is not None:
        raise BureauError(f"学校 {code} 的密钥已吊销，不能给它发回执")
    if school.encryption_public is None:
        raise BureauError(f"学校 {code} 登记的是旧密钥，没有接收回执的加密公钥：请学校重新生成密钥并打印密钥登记表，"
                          f"吊销旧密钥后重新登记")
    pair = password if hasattr(password, "signing") else unlock(store, password)
    now = store.now().replace(microsecond=0)
    with store.db.atomic():
        add_holdings(school, now)
        items = list(ReplyItem.select().where((ReplyItem.school == school) & ReplyItem.reply.is_null())
                     .order_by(ReplyItem.seq))
        if not items:
            return None
        last = (ReplyBatch.select().where(ReplyBatch.school == school).order_by(ReplyBatch.batch_no.desc()).first())
        number = last.batch_no + 1 if last else 1
        data = batch_format.seal([item_dict(i) for i in items], school_code=school.code, batch_no=number,
                                 prev_hash=last.hash if last else None, created_at=now, sender_key=pair.signing,
                                 recipient_public=bytes(school.encryption_public), kind=batch_format.REPLY)
        batch = ReplyBatch.create(school=school, batch_no=number, hash=batch_format.batch_hash(data),
                                  prev_hash=last.hash if last else None, data=data, item_count=len(items),
                                  first_seq=items[0].seq, last_seq=items[-1].seq, created_at=now)
        marked = (ReplyItem.update(reply=batch).where((ReplyItem.school == school) & ReplyItem.reply.is_null()
                                                      & (ReplyItem.seq <= items[-1].seq)).execute())
        if marked != len(items):
            raise RuntimeError(f"reply {number}: {marked} items marked, {len(items)} sealed")
        archived = archived_pupils(items)
        if archived:
            access_log.record(store, Action.EXPORT, f"回执第 {number} 批（学校 {school.code} {school.name}，含转学档案）",
                              archived, access_log.REPLY_PURPOSE)
    return batch


def archived_pupils(items: list[ReplyItem]) -> list[access_log.Pupil]:
    """The pupils whose whole archive a reply carries (籍随人走), as the access log names them."""
    out = []
    for item in items:
        if item.kind not in ("transfer_archive", "admission"):  # a transfer's or an admission's (升学) archive
            continue
        archive = item.payload_dict().get("archive") or {}
        if not archive:
            continue
        fields = (archive.get("record") or {}).get("fields") or {}
        name = fields.get("name") or (archive.get("national") or {}).get("姓名", "")
        out.append(access_log.Pupil((archive.get("school") or {}).get("code", ""),
                                    archive.get("student_number", ""), name))
    return out


def undelivered(school: RegisteredSchool) -> list[ReplyBatch]:
    return list(ReplyBatch.select().where((ReplyBatch.school == school) & ReplyBatch.delivered_at.is_null())
                .order_by(ReplyBatch.batch_no))


def as_sealed(batch: ReplyBatch) -> Sealed:
    return Sealed(batch.batch_no, batch.school.code, bytes(batch.data), batch.hash, batch.item_count)


def reply_to(store: BureauStore, password, code: str, folder: str | Path,
             progress: Callable[[int, int], None] | None = None) -> ReplyResult:
    """`xueji bureau reply`: seals what is new for the school, then writes every reply it has not
    reported imported (oldest first) to `folder`, each verified; raises stick.StickError."""
    accounts.require(store, "给学校写回执", BureauPermission.REPLY)
    sealed = seal_reply(store, password, code)
    school = _school(code)
    result = ReplyResult(code, sealed, [])
    for batch in undelivered(school):
        written = stick.write_batch(as_sealed(batch), folder, progress)
        with store.db.atomic():
            ReplyBatch.update(written_to=str(written.path)).where(ReplyBatch.id == batch.id).execute()
        result.written.append(written)
    return result


def schools_with_replies() -> list[RegisteredSchool]:
    """Schools with items waiting or replies not yet reported imported."""
    waiting_ids = {i for (i,) in ReplyItem.select(ReplyItem.school).where(ReplyItem.reply.is_null()).tuples()}
    open_ids = {i for (i,) in ReplyBatch.select(ReplyBatch.school).where(ReplyBatch.delivered_at.is_null()).tuples()}
    ids = waiting_ids | open_ids
    return list(RegisteredSchool.select().where(RegisteredSchool.id.in_(list(ids))).order_by(RegisteredSchool.code)) \
        if ids else []
