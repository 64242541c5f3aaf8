"""The bureau imports schools' batches: register schools and their keys, revoke a key, dry-run and import.

Each file is checked in this order: framing → known school and key (revoked → refused) → signature →
decryption → header matches contents (all via `batch_format.open_batch`) → numbering (`check_numbering`
against the school's last imported batch). Then per event: a new uuid is stored; the same uuid with the
same content is a recorded duplicate (not applied twice); the same uuid with different content is a
conflict recorded for a person, the stored event never overwritten.

The real import is one transaction per batch. A verified batch that arrives before its predecessor is
held back (等待第 N 批) in the store and imported as soon as the gap is filled, in this run or a later one.
A dry run runs exactly the same code inside one outer transaction that is rolled back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..core.accounts.passwords import password_problem
from ..core.exchange import batch_format, keys, stick
from ..core.exchange.batch_format import BatchError
from . import accounts, projection
from .accounts import BureauPermission
from .clock_notes import clock_note
from .store import (
    BureauEvent,
    BureauIdentity,
    BureauStore,
    EventConflict,
    HeldBatch,
    ImportedBatch,
    RegisteredSchool,
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


@dataclass
class Plan:
    """What happens (dry run) or happened (import) to one file."""

    path: Path
    status: str  # imported | held | refused
    school: str | None = None
    batch_no: int | None = None
    new: int = 0
    duplicates: int = 0
    conflicts: int = 0
    reason: str | None = None  # Chinese, for refused and held
    code: str | None = None  # BatchError code, "duplicate_batch", "numbering", "revoked", "held" …
    hash: str | None = None
    receipt: str | None = None  # the real import only
    dry_run: bool = False
    via_held: bool = False  # imported from the held store, after its gap was filled
    clock_note: str = ""  # the school PC's clock looks wrong in this batch (bureau.clock_notes)

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
            return (f"{who}{held}：{verb}，新增 {self.new} 项，重复 {self.duplicates} 项，"
                    f"冲突 {self.conflicts} 项{note}（{name}）")
        if self.status == HELD:
            return f"{who}：{self.reason}（{name}）"
        return f"{who}：拒绝导入，{self.reason}（{name}）"


Result = Plan


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


def _stored_events(uuids: list[str]) -> dict[str, str]:
    """uuid → content hash of the events already stored among `uuids` (one query per 500)."""
    found: dict[str, str] = {}
    for i in range(0, len(uuids), _IN_CHUNK):
        part = uuids[i:i + _IN_CHUNK]
        found.update(BureauEvent.select(BureauEvent.uuid, BureauEvent.content_hash)
                     .where(BureauEvent.uuid.in_(part)).tuples())
    return found


def _apply(store: BureauStore, school: RegisteredSchool, opened: batch_format.Opened, plan: Plan) -> None:
    """Stores one verified, correctly numbered batch (inside the caller's transaction).

    The stored events are looked up once for the whole batch and the new ones inserted together; an
    event repeated inside the batch meets its first occurrence as if that had been stored already."""
    when = _now(store)
    plan.clock_note = clock_note(opened.events, when)
    h = opened.header
    batch = ImportedBatch.create(school=school, batch_no=h.batch_no, hash=opened.hash, prev_hash=h.prev_hash,
                                 event_count=h.event_count, first_seq=h.first_seq, last_seq=h.last_seq,
                                 created_at=h.created_at, imported_at=when, receipt="")
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
        stored = known.get(uuid)
        if stored is None:
            payload = text.decode("utf-8")
            rows.append({"uuid": uuid, "school": school.id, "seq": event["seq"],
                         "kind": str(event.get("kind", ""))[:64], "payload": payload, "content_hash": digest,
                         "batch": batch.id})
            known[uuid], fresh[uuid] = digest, payload
            projection.apply_event(school, event, when, cache)
            plan.new += 1
        elif stored == digest:
            plan.duplicates += 1
        else:
            if uuid in fresh:
                stored_payload = fresh[uuid]
            else:
                stored_payload = BureauEvent.select(BureauEvent.payload).where(BureauEvent.uuid == uuid).scalar()
            EventConflict.create(uuid=uuid, school=school, batch=batch, stored_hash=stored,
                                 stored_payload=stored_payload, incoming_hash=digest,
                                 incoming_payload=text.decode("utf-8"), found_at=when)
            plan.conflicts += 1
    bulk_insert(BureauEvent, rows)
    cache.flush()
    HeldBatch.delete().where((HeldBatch.school == school) & (HeldBatch.batch_no <= h.batch_no)).execute()
    batch.new_count, batch.duplicate_count, batch.conflict_count = plan.new, plan.duplicates, plan.conflicts
    batch.receipt = plan.receipt = _receipt(store, school, opened, plan, when)
    batch.save()
    projection.add_receipt(batch, when)  # goes back to the school with the next reply


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
        results.append(plan)
        if plan.status == IMPORTED:
            for extra in _release_held(store, pair, plan.school, dry):
                results.append(extra)
                if extra.status == IMPORTED:
                    released[extra.hash] = extra
        report(i, len(files))
    return results


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
