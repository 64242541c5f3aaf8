"""The bureau imports schools' batches: register schools and their keys, revoke a key, dry-run and import.

Each file is checked in this order: framing → known school and key (revoked → refused) → signature →
decryption → header matches contents (all via `batch_format.open_batch`) → numbering (`check_numbering`
against the school's last imported batch). Then per event: a new uuid is stored; the same uuid with the
same content is a recorded duplicate (not applied twice); the same uuid with different content is a
conflict recorded for a person, the stored event never overwritten.

The real import is one transaction per batch. A verified batch that arrives before its predecessor is
held back (等待第 N 批) in the store and imported as soon as the gap is filled, in this run or a later one.
A dry run runs exactly the same code inside one outer transaction that is rolled back.

The schools' change logs are hash chains (batch format 2): each event's chain hash is kept, and a batch
that does not continue what the bureau holds — its `chain_prev` not the last batch's `chain_head`, a broken
link inside it, an event already held coming again with another chain hash — is imported but recorded as
a ChainBreak for a person. A batch that follows a restore of a backup (header `restore`) is accepted when
its number is above the school's last batch, whatever the gap and `prev_hash`, and recorded as a
SchoolRestore; one that reuses a number is refused and recorded (accepted = 0). The next reply then tells
the school what the bureau holds (bureau.replies).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..core.accounts.passwords import password_problem
from ..core.exchange import batch_format, keys, stick
from ..core.exchange.batch_format import BatchError
from . import accounts, duplicate_answers, duplicates, projection
from .accounts import BureauPermission
from .clock_notes import clock_note
from .store import (
    BureauEvent,
    BureauIdentity,
    BureauStore,
    ChainBreak,
    EventConflict,
    HeldBatch,
    ImportedBatch,
    RegisteredSchool,
    SchoolRestore,
    bulk_insert,
    open_store,
)

__all__ = [
    "BureauError",
    "Plan",
    "Result",
    "dry_run",
    "expand_paths",
    "import_batches",
    "init_bureau",
    "register_school",
    "revoke",
    "unlock",
]


class BureauError(Exception):
    """An operation of the bureau refused; `message` in Chinese. Nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# statuses of a batch in a plan / result
IMPORTED = "imported"  # (dry run: would be imported)
HELD = "held"  # verified, waiting for its predecessor
REFUSED = "refused"

# kinds of ChainBreak
CHAIN_PREV, LINK, UNHASHED, EVENT_CHANGED = "chain_prev", "link", "unhashed", "event_changed"
BREAK_LABELS = {CHAIN_PREV: "批次没有接上已收到的变动记录", LINK: "批次内的变动记录链断开",
                UNHASHED: "变动记录没有链哈希", EVENT_CHANGED: "已收到的变动记录被改动后再次发来"}
REUSED = "reused_number"  # a refused batch that follows a restore and reuses a number
SNAPSHOT_KEYS = ("record", "case_state")  # attached to an event as things stand when sealed, not part of it


@dataclass
class Plan:
    """What happens (dry run) or happened (import) to one file."""

    path: Path
    status: str  # imported | held | refused
    school: str | None = None
    batch_no: int | None = None
    new: int = 0
    duplicates: int = 0
    duplicate_cases: int = 0  # children found on the roll of another school too (bureau.duplicates)
    conflicts: int = 0
    reason: str | None = None  # Chinese, for refused and held
    code: str | None = None  # BatchError code, "duplicate_batch", "numbering", "revoked", "held" …
    hash: str | None = None
    receipt: str | None = None  # the real import only
    dry_run: bool = False
    via_held: bool = False  # imported from the held store, after its gap was filled
    clock_note: str = ""  # the school PC's clock looks wrong in this batch (bureau.clock_notes)
    breaks: list[str] | None = None  # chain breaks found in this batch (Chinese), recorded as ChainBreak
    restore: dict | None = None  # the header's restore: the batch follows a restore of a backup

    @property
    def refused(self) -> bool:
        return self.status == REFUSED

    @property
    def line(self) -> str:
        """One line in Chinese for the command line and the window."""
        name = self.path.name if self.path else "（暂存的批次）"
        who = f"学校 {self.school} 第 {self.batch_no} 批" if self.school and self.batch_no else name
        if self.status == IMPORTED:
            verb = "可导入" if self.dry_run else "已导入"
            held = "（此前暂存）" if self.via_held else ""
            note = f"；{self.clock_note}" if self.clock_note else ""
            if self.restore:
                note += f"；学校于 {_when(self.restore.get('restored_at'))} 恢复过备份，批次号接续在后"
            if self.breaks:
                note += f"；链断裂 {len(self.breaks)} 处：{self.breaks[0]}"
            return (f"{who}{held}：{verb}，新增 {self.new} 项，重复 {self.duplicates} 项，"
                    f"冲突 {self.conflicts} 项{note}（{name}）")
        if self.status == HELD:
            return f"{who}：{self.reason}（{name}）"
        return f"{who}：拒绝导入，{self.reason}（{name}）"


Result = Plan


def _when(iso) -> str:
    return str(iso or "时间不详").replace("T", " ")[:16]


def _now(store: BureauStore) -> dt.datetime:
    return store.now().replace(microsecond=0)


# --- set-up -----------------------------------------------------------------------------------------------

def init_bureau(path: str | Path, name: str, county_code: str, password: str, *,
                key_file: str | Path | None = None, now=clock.now, username: str = "admin",
                display_name: str = "管理员", demo: bool = False) -> tuple[Path, str]:
    """Creates the bureau store at `path` with a fresh key set (private keys protected by `password`) and
    writes the bureau's 学籍公钥文件 next to it. Its first account (`username`, 管理员, 科长 and 科员) signs in
    with the same `password`. Returns (public key file path, fingerprint)."""
    if not (name or "").strip():
        raise BureauError("请填写教育局名称")
    if not (county_code or "").strip():
        raise BureauError("请填写县（区）代码")
    if not password:
        raise BureauError("密码不能为空")
    store = open_store(path, now)
    try:
        if store.identity() is not None:
            raise BureauError(f"{path} 已经建立过教育局密钥；不能重复初始化")
        problem = password_problem(password, names=(username, display_name), demo=demo)
        if problem:
            raise BureauError(f"密码：{problem}")
        pair = keys.BureauKeys.generate()
        protected = keys.protect(pair.private_bytes(), password)
        info = keys.bureau_public_key_file(pair, code=county_code.strip(), name=name.strip())
        default_name = f"教育局公钥-{county_code.strip()}.xjkey"
        if key_file:
            out = Path(key_file)
        elif "://" in str(path):  # a database server (postgresql://…): no file to sit beside
            out = Path.cwd() / default_name
        else:
            out = Path(str(path)).with_name(default_name)
        with store.db.atomic():
            BureauIdentity.create(name=name.strip(), county_code=county_code.strip(),
                                  encryption_public=pair.encryption_public, signing_public=pair.signing_public,
                                  private_protected=protected, fingerprint=pair.fingerprint, created_at=_now(store))
            if demo:
                accounts.mark_demo(store)
            try:
                accounts.create_first_account(store, username, display_name, password, private=pair.private_bytes())
            except accounts.AccountError as e:
                raise BureauError(e.message) from None
            keys.write_public_key_file(out, info)
        return out, pair.fingerprint
    finally:
        store.close()


def _identity(store: BureauStore) -> BureauIdentity:
    me = store.identity()
    if me is None:
        raise BureauError("尚未初始化教育局：请先运行 xueji bureau init")
    return me


def unlock(store: BureauStore, password: str) -> keys.BureauKeys:
    """The private key with the signed-in account's password (its own wrap; before anyone signs in, the
    key's original protection)."""
    me = _identity(store)
    blob = accounts.key_blob(store)
    try:
        pair = keys.BureauKeys.from_private_bytes(
            keys.unprotect(blob if blob is not None else bytes(me.private_protected), password or ""))
    except keys.WrongPassword:
        raise BureauError("密码不正确，无法使用教育局私钥") from None
    except keys.KeyFileError as e:
        raise BureauError(e.message) from None
    if pair.encryption_public != bytes(me.encryption_public) or pair.signing_public != bytes(me.signing_public):
        raise BureauError("教育局私钥与公钥不符：密钥数据已损坏")
    return pair


def register_school(store: BureauStore, code: str | None, name: str | None, key_file: str | Path) -> RegisteredSchool:
    """Registers a school's signing public key from its 学籍公钥文件. A school already registered with an
    active key is refused (revoke first); a revoked school gets its new key."""
    accounts.require(store, "登记学校密钥", BureauPermission.SCHOOLS)
    try:
        info = keys.read_public_key_file(key_file)
    except keys.KeyFileError as e:
        raise BureauError(f"{Path(key_file).name}：{e.message}") from None
    if info.kind != "school":
        raise BureauError(f"{Path(key_file).name} 是教育局的公钥文件，不是学校的公钥文件")
    code = (code or info.code).strip()
    if code != info.code:
        raise BureauError(f"公钥文件属于学校 {info.code}，与填写的学校代码 {code} 不符")
    name = (name or info.name).strip()
    me = _identity(store)
    with store.db.atomic():
        row = RegisteredSchool.get_or_none(RegisteredSchool.code == code)
        if row is not None and row.revoked_at is None:
            if bytes(row.signing_public) == info.signing_public:
                return row  # registered twice: no change
            raise BureauError(f"学校 {code} 已登记了另一把密钥（指纹 {row.fingerprint}）；如需更换，请先吊销")
        if row is not None and bytes(row.signing_public) == info.signing_public:
            raise BureauError(f"这把密钥（指纹 {info.fingerprint}）已被吊销，不能再次登记")
        if row is None:
            row = RegisteredSchool(code=code)
        row.name, row.county = name, me.county_code
        row.signing_public, row.fingerprint = info.signing_public, info.fingerprint
        row.encryption_public = info.encryption_public
        row.registered_at, row.revoked_at = _now(store), None
        row.save()
    return row


def revoke(store: BureauStore, code: str) -> RegisteredSchool:
    accounts.require(store, "吊销学校密钥", BureauPermission.SCHOOLS)
    row = RegisteredSchool.get_or_none(RegisteredSchool.code == code)
    if row is None:
        raise BureauError(f"未登记的学校（学校代码 {code}）")
    if row.revoked_at is None:
        row.revoked_at = _now(store)
        row.save()
    return row


# --- import -----------------------------------------------------------------------------------------------

def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder expands to its *.xjb (and those of its xueji/ subfolder). Sorted by school
    then batch number; unreadable files first, by name (they are refused for their framing)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        files.extend(stick.batch_files(p) if p.is_dir() else [p])

    def key(path: Path):
        try:
            h = batch_format.read_header(path.read_bytes())
            return (1, h.school, h.batch_no, str(path))
        except (BatchError, OSError):
            return (0, "", 0, str(path))

    seen, out = set(), []
    for p in sorted(files, key=key):
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            out.append(p)
    return out


def content_hash(event: dict) -> str:
    return hashlib.sha256(batch_format.canonical_json(event)).hexdigest()


class _Refused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _last_batch(school: RegisteredSchool) -> ImportedBatch | None:
    return (ImportedBatch.select().where(ImportedBatch.school == school)
            .order_by(ImportedBatch.batch_no.desc()).first())


def _verify(data: bytes, pair: keys.BureauKeys) -> tuple[RegisteredSchool, batch_format.Opened]:
    """framing → known school and key → signature → decryption → header matches contents."""
    try:
        header = batch_format.read_header(data)
    except BatchError as e:
        raise _Refused(e.code, e.message) from None
    school = RegisteredSchool.get_or_none(RegisteredSchool.code == header.school)
    if school is None:
        raise _Refused("unknown_school", f"未登记的学校（学校代码 {header.school[:64]}）")
    if keys.normalize_fingerprint(header.sender_fp) != keys.normalize_fingerprint(
            keys.fingerprint(bytes(school.signing_public))):
        other = next((s for s in RegisteredSchool.select()
                      if keys.fingerprint(bytes(s.signing_public)) == header.sender_fp), None)
        if other is not None:
            raise _Refused("unknown_key", f"签名密钥不是该校的：批次写明学校 {school.code}，"
                                          f"却由学校 {other.code} 的密钥签发")
        raise _Refused("unknown_key", f"学校签名密钥未登记（学校代码 {school.code}，密钥指纹 {header.sender_fp}）")
    if school.revoked_at is not None:
        raise _Refused("revoked", f"学校签名密钥已吊销（学校代码 {school.code}，"
                                  f"{school.revoked_at:%Y-%m-%d} 吊销）")
    try:
        opened = batch_format.open_batch(data, sender_public_for=lambda code: [bytes(school.signing_public)],
                                         recipient_private=pair)
    except BatchError as e:
        raise _Refused(e.code, e.message) from None
    return school, opened


def _receipt(store, school, opened, plan, when) -> str:
    me = _identity(store)
    h = opened.header
    span = f"{h.first_seq}–{h.last_seq}" if h.event_count else "无"
    return "\n".join([
        "学籍变更批次导入回执",
        f"教育局：{me.name}（{me.county_code}）",
        f"学校：{school.name}（{school.code}）",
        f"批次：第 {h.batch_no} 批，共 {h.event_count} 项变更（序号 {span}）",
        f"结果：新增 {plan.new} 项，重复 {plan.duplicates} 项，冲突 {plan.conflicts} 项",
        f"批次哈希：{opened.hash}",
        f"导入时间：{when:%Y-%m-%d %H:%M:%S}",
    ])


_IN_CHUNK = 500  # ids per IN (…) query: within SQLite's and PostgreSQL's parameter limits
_INSERT_CHUNK = 500  # rows per INSERT of new events


def _stored_events(uuids: list[str]) -> dict[str, tuple[str, str | None]]:
    """uuid → (content hash, chain hash) of the events already stored among `uuids` (one query per 500)."""
    found: dict[str, tuple[str, str | None]] = {}
    for i in range(0, len(uuids), _IN_CHUNK):
        part = uuids[i:i + _IN_CHUNK]
        found.update((u, (c, h)) for u, c, h in BureauEvent.select(
            BureauEvent.uuid, BureauEvent.content_hash, BureauEvent.chain_hash)
            .where(BureauEvent.uuid.in_(part)).tuples())
    return found


def _same_event(stored_payload: str, incoming: dict) -> bool:
    """The same event sent again with another snapshot of the pupil or case attached (a batch sealed again
    after a restore attaches them to its own last events)."""
    try:
        stored = json.loads(stored_payload)
    except (TypeError, ValueError):
        return False
    if not isinstance(stored, dict):
        return False
    def strip(e: dict) -> dict:
        return {k: v for k, v in e.items() if k not in SNAPSHOT_KEYS}

    return strip(stored) == strip(incoming)


def _chain_breaks(school: RegisteredSchool, last: ImportedBatch | None, opened: batch_format.Opened,
                  restore: bool) -> list[tuple[str, int | None, str]]:
    """(kind, seq, detail) of each place where the batch does not continue the school's chain the bureau
    holds, or breaks inside itself. A version 1 batch carries no chain: nothing to check."""
    h = opened.header
    if h.format < 2:
        return []
    out = []
    first = opened.events[0]["seq"] if opened.events else None
    if not restore and last is not None and last.chain_head is not None and h.chain_prev != last.chain_head:
        out.append((CHAIN_PREV, first, f"第 {h.batch_no} 批没有接在已收到的第 {last.batch_no} 批的最后一条变动记录之后：学校的变动记录在发出后被改动过"))
    elif restore and h.chain_prev is not None and not BureauEvent.select().where(
            (BureauEvent.school == school) & (BureauEvent.chain_hash == h.chain_prev)).exists() \
            and BureauEvent.select().where((BureauEvent.school == school)
                                           & BureauEvent.chain_hash.is_null(False)).exists():
        out.append((CHAIN_PREV, first, f"恢复备份后的第 {h.batch_no} 批没有接在已收到的任何一条变动记录之后"))
    prev = h.chain_prev
    for event in opened.events:
        link, own = event.get("prev_hash"), event.get("hash")
        if own is None:
            out.append((UNHASHED, event["seq"], f"第 {event['seq']} 条变动记录没有链哈希：不是学籍桌面写入的"))
        elif link != prev:
            out.append((LINK, event["seq"], f"第 {event['seq']} 条变动记录没有接在前一条之后：中间的记录被删改过"))
        prev = own
    return out


def _apply(store: BureauStore, school: RegisteredSchool, opened: batch_format.Opened, plan: Plan) -> None:
    """Stores one verified, correctly numbered batch (inside the caller's transaction).

    The stored events are looked up once for the whole batch and the new ones inserted together; an
    event repeated inside the batch meets its first occurrence as if that had been stored already."""
    when = _now(store)
    plan.clock_note = clock_note(opened.events, when)
    h = opened.header
    last = _last_batch(school)
    restore = h.restore is not None
    breaks = _chain_breaks(school, last, opened, restore)
    batch = ImportedBatch.create(school=school, batch_no=h.batch_no, hash=opened.hash, prev_hash=h.prev_hash,
                                 event_count=h.event_count, first_seq=h.first_seq, last_seq=h.last_seq,
                                 created_at=h.created_at, imported_at=when, receipt="", chain_prev=h.chain_prev,
                                 chain_head=h.chain_head,
                                 restored_at=h.restore["restored_at"] if restore else None)
    if restore:
        _record_restore(school, batch, h, when, accepted=True)
        plan.restore = h.restore
    uuids = [str(event.get("uuid") or f"{school.code}:{event['seq']}") for event in opened.events]
    long = next((u for u in uuids if len(u) > 64), None)
    if long is not None:
        raise _Refused("mismatch", f"批次内容无效：变更编号过长（{long[:40]}…），不是本系统生成的批次")
    known = _stored_events(list(dict.fromkeys(uuids)))
    fresh: dict[str, str] = {}  # uuid → payload of the events new in this batch
    rows = []
    cache = projection.Cache.for_events(school, opened.events)
    for event, uuid in zip(opened.events, uuids):
        text = batch_format.canonical_json(event)
        digest = hashlib.sha256(text).hexdigest()  # = content_hash(event)
        chain = event.get("hash") if batch_format.is_hash(event.get("hash")) else None
        stored, stored_chain = known.get(uuid, (None, None))
        if stored is None:
            payload = text.decode("utf-8")
            rows.append({"uuid": uuid, "school": school.id, "seq": event["seq"],
                         "kind": str(event.get("kind", ""))[:64], "payload": payload, "content_hash": digest,
                         "batch": batch.id, "chain_hash": chain,
                         "chain_prev": event.get("prev_hash") if batch_format.is_hash(event.get("prev_hash")) else None})
            known[uuid], fresh[uuid] = (digest, chain), payload
            projection.apply_event(school, event, when, cache)
            if str(event.get("kind", "")).startswith("duplicate_"):  # a school's answer to a duplicate case
                duplicate_answers.on_event(school, event, when)
            plan.new += 1
        elif stored == digest:
            plan.duplicates += 1
        else:
            if uuid in fresh:
                stored_payload = fresh[uuid]
            else:
                stored_payload = BureauEvent.select(BureauEvent.payload).where(BureauEvent.uuid == uuid).scalar()
            changed = stored_chain is not None and chain != stored_chain
            if changed:
                detail = f"第 {event['seq']} 条变动记录（{uuid}）已收到过，这次发来的链哈希不同：内容被改动过"
                breaks.append((EVENT_CHANGED, event["seq"], detail))
            if not changed and chain is not None and _same_event(stored_payload, event):
                plan.duplicates += 1  # the same event, another snapshot attached: nothing to apply
                continue
            EventConflict.create(uuid=uuid, school=school, batch=batch, stored_hash=stored,
                                 stored_payload=stored_payload, incoming_hash=digest,
                                 incoming_payload=text.decode("utf-8"), found_at=when)
            plan.conflicts += 1
    bulk_insert(BureauEvent, rows)
    cache.flush()
    plan.duplicate_cases = duplicates.check_batch(school, batch, sorted(cache.pupils_seen), when)
    for kind, seq, detail in breaks:
        ChainBreak.create(school=school, batch=batch, batch_no=h.batch_no, seq=seq, kind=kind, detail=detail,
                          found_at=when)
    plan.breaks = [detail for _, _, detail in breaks] or None
    HeldBatch.delete().where((HeldBatch.school == school) & (HeldBatch.batch_no <= h.batch_no)).execute()
    batch.new_count, batch.duplicate_count, batch.conflict_count = plan.new, plan.duplicates, plan.conflicts
    batch.receipt = plan.receipt = _receipt(store, school, opened, plan, when)
    batch.save()
    projection.add_receipt(batch, when)  # goes back to the school with the next reply


def _record_restore(school: RegisteredSchool, batch: ImportedBatch | None, h: batch_format.Header,
                    when: dt.datetime, *, accepted: bool) -> None:
    r = h.restore
    if not accepted and SchoolRestore.select().where(
            (SchoolRestore.school == school) & (SchoolRestore.batch_no == h.batch_no)
            & (SchoolRestore.restored_at == r["restored_at"]) & (SchoolRestore.accepted == 0)).exists():
        return  # the same refused file brought again
    SchoolRestore.create(school=school, batch=batch, batch_no=h.batch_no, restored_at=r["restored_at"],
                         backup_taken_at=r["backup_taken_at"], chain_head_before=r["chain_head_before"],
                         last_batch_before=r["last_batch_before"], last_seq_before=r["last_seq_before"],
                         accepted=1 if accepted else 0, found_at=when)


def record_refused_restore(store: BureauStore, data: bytes) -> None:
    """After a restore batch reusing a number was refused (its transaction rolled back): the refusal kept,
    so the next reply tells the school what the bureau holds."""
    h = batch_format.read_header(data)
    school = RegisteredSchool.get(RegisteredSchool.code == h.school)
    with store.db.atomic():
        _record_restore(school, None, h, _now(store), accepted=False)


def _one(store: BureauStore, pair, path: Path | None, data: bytes, *, dry: bool, from_held=False) -> Plan:
    plan = Plan(path=path, status=REFUSED, dry_run=dry, via_held=from_held, hash=batch_format.batch_hash(data))
    try:
        try:
            h = batch_format.read_header(data)
            plan.school, plan.batch_no = h.school, h.batch_no
        except BatchError:
            pass
        school, opened = _verify(data, pair)
        h = opened.header
        last = _last_batch(school)
        problem = batch_format.check_numbering(last.batch_no if last else None, last.hash if last else None, h)
        if problem is not None and h.restore is not None and h.batch_no > (last.batch_no if last else 0):
            problem = None  # after a restore: numbered above what we hold, whatever the gap and prev_hash
        elif problem is not None and h.restore is not None and not ImportedBatch.select().where(
                ImportedBatch.hash == opened.hash).exists():
            plan.restore = h.restore
            raise _Refused(REUSED, f"批次号重复：学校于 {_when(h.restore['restored_at'])} 恢复备份后又用了第 {h.batch_no} 批，"
                                   f"本局已收到该校到第 {last.batch_no} 批；已记下，给学校的下一份回执会告知本局已有的批次，"
                                   f"学校导入回执后重新导出即可")
        if problem is not None:
            last_no = last.batch_no if last else 0
            if h.batch_no <= last_no:
                same = ImportedBatch.get_or_none((ImportedBatch.school == school)
                                                 & (ImportedBatch.batch_no == h.batch_no))
                if same is not None and same.hash == opened.hash:
                    raise _Refused("duplicate_batch", f"重复导入（第 {h.batch_no} 批已于 "
                                                      f"{same.imported_at:%Y-%m-%d %H:%M} 导入过）")
                raise _Refused("replay", f"重复导入（第 {h.batch_no} 批已导入过，但此文件与已导入的不同："
                                         f"旧批次被重放或被改动）")
            if h.batch_no > last_no + 1:
                missing = ", ".join(str(n) for n in range(last_no + 1, h.batch_no)
                                    if not HeldBatch.select().where((HeldBatch.school == school)
                                                                    & (HeldBatch.batch_no == n)).exists())
                plan.status, plan.code = HELD, "held"
                plan.reason = f"等待第 {missing or last_no + 1} 批（{problem}），已暂存，补齐后自动导入"
                if not HeldBatch.select().where(HeldBatch.hash == opened.hash).exists():
                    HeldBatch.create(school=school, batch_no=h.batch_no, hash=opened.hash, data=data,
                                     received_at=_now(store))
                return plan
            raise _Refused("numbering", problem)
        _apply(store, school, opened, plan)
        plan.status = IMPORTED
        return plan
    except _Refused as e:
        plan.status, plan.code, plan.reason = REFUSED, e.code, e.message
        return plan


def _release_held(store, pair, school_code: str, dry: bool) -> list[Plan]:
    """Imports held batches of a school that have become next in line."""
    out = []
    while True:
        school = RegisteredSchool.get_or_none(RegisteredSchool.code == school_code)
        if school is None:
            return out
        last = _last_batch(school)
        nxt = (HeldBatch.select().where((HeldBatch.school == school)
                                        & (HeldBatch.batch_no == (last.batch_no if last else 0) + 1))
               .order_by(HeldBatch.id).first())
        if nxt is None:
            return out
        data = bytes(nxt.data)
        with store.db.atomic() as tx:
            plan = _one(store, pair, None, data, dry=dry, from_held=True)
            if plan.status != IMPORTED:
                tx.rollback()
        if plan.status != IMPORTED:
            HeldBatch.delete().where(HeldBatch.id == nxt.id).execute()  # no longer fits: dropped, reported
            plan.reason = f"暂存的批次无法导入，已丢弃：{plan.reason}"
        out.append(plan)


def _run(store: BureauStore, password, paths, progress, dry: bool) -> list[Plan]:
    accounts.require(store, "导入学校批次", BureauPermission.IMPORT)
    pair = password if isinstance(password, keys.BureauKeys) else unlock(store, password)
    files = expand_paths(paths)
    results: list[Plan] = []
    released: dict[str, Plan] = {}  # hash → plan of a held batch imported earlier in this run
    report = progress or (lambda done, total: None)
    report(0, len(files))
    for i, path in enumerate(files, 1):
        try:
            data = path.read_bytes()
        except OSError as e:
            results.append(Plan(path=path, status=REFUSED, code="io", dry_run=dry,
                                reason=f"无法读取文件：{e.strerror or e}"))
            report(i, len(files))
            continue
        done = released.get(batch_format.batch_hash(data))
        if done is not None:  # this very file was held before and has just been imported
            done.path = path
            report(i, len(files))
            continue
        with store.db.atomic() as tx:  # one transaction per batch
            plan = _one(store, pair, path, data, dry=dry)
            if plan.status == REFUSED:
                tx.rollback()
        if plan.code == REUSED and not dry:
            record_refused_restore(store, data)
        results.append(plan)
        if plan.status == IMPORTED:
            for extra in _release_held(store, pair, plan.school, dry):
                results.append(extra)
                if extra.status == IMPORTED:
                    released[extra.hash] = extra
        report(i, len(files))
    return results


def chain_marks() -> dict[str, tuple[str, bool]]:
    """School code → (what the 学校 tab shows about its change log, whether it needs a look): chain breaks
    found, restores of a backup (and refused reused numbers). Schools with none are left out."""
    from peewee import fn

    breaks = dict(ChainBreak.select(ChainBreak.school, fn.COUNT(ChainBreak.id)).group_by(ChainBreak.school).tuples())
    restores: dict[int, list[tuple[str, int]]] = {}
    for school_id, when, accepted in SchoolRestore.select(SchoolRestore.school, SchoolRestore.restored_at,
                                                          SchoolRestore.accepted).tuples():
        restores.setdefault(school_id, []).append((when, accepted))
    out = {}
    for school in RegisteredSchool.select().where(RegisteredSchool.id.in_(list(set(breaks) | set(restores)))):
        parts = [f"链断裂 {breaks[school.id]} 处"] if school.id in breaks else []
        if school.id in restores:
            taken = restores[school.id]
            refused = sum(1 for _, accepted in taken if not accepted)
            parts.append(f"恢复过备份 {len({when for when, _ in taken})} 次"
                         + (f"（拒收重复批次号 {refused} 次）" if refused else ""))
        out[school.code] = ("；".join(parts), school.id in breaks)
    return out


def dry_run(store: BureauStore, password, paths: Iterable[str | Path]) -> list[Plan]:
    """What `import_batches` would do, changing nothing (the same code, rolled back)."""
    with store.db.atomic() as outer:
        try:
            return _run(store, password, paths, None, dry=True)
        finally:
            outer.rollback()


def import_batches(store: BureauStore, password, paths: Iterable[str | Path],
                   progress: Callable[[int, int], None] | None = None) -> list[Result]:
    """Imports every file (one transaction per batch); a refused file changes nothing.

    `password` unlocks the bureau's private key; an already unlocked `keys.BureauKeys` is accepted too
    (a window that asked once)."""
    return _run(store, password, paths, progress, dry=False)
