"""The batch file that travels between a school and the county bureau on a USB stick.

Pure functions over bytes: no database, no files, no Qt. See docs/batch-format.md for the layout.

    magic   8 bytes   89 58 4A 42 0D 0A 1A 0A   ("\\x89XJB\\r\\n\\x1a\\n")
    version u16 BE    format version (2 for a school's batch; 1 still read, and used for replies)
    hlen    u32 BE    length of the header
    header  hlen      canonical JSON (UTF-8, sorted keys, no spaces), in clear
    clen    u32 BE    length of the ciphertext
    cipher  clen      the suite's encryption of the body (the events as canonical JSON)
    slen    u16 BE    length of the signature
    sig     slen      the suite's signature over SIG_CONTEXT + header + SHA-256(cipher)
    (nothing after)

The same file carries the bureau's replies to a school: the header then has `"kind": "reply"`, the
bureau signs and the school is the recipient (`school` still names the school). A school's batch has no
`kind` field, so batches sealed before replies existed read unchanged; `open_batch(expect=…)` refuses the
wrong kind before anything else.

Version 2 (a school's change batch) adds three header fields: `chain_prev` and `chain_head`, the school's
change log hash chain just before and at the end of the batch (each event in the body carries its own
`prev_hash` and `hash`), so the bureau notices a school whose history was edited; and `restore`, null or
what the school restored (the first batch after a restore says so, with the numbers given out before).
Replies stay version 1: they carry no chain. Version 1 batches keep opening.

`open_batch` checks in this order: framing → known school and key → signature → decryption → header
matches contents. Numbering (gaps, replays, the hash chain) is the importer's job: `check_numbering`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import struct
from dataclasses import dataclass, field
from typing import Callable, Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from .keys import fingerprint, normalize_fingerprint, raw_public

__all__ = [
    "MAGIC", "FORMAT_VERSION", "SUPPORTED_VERSIONS", "DEFAULT_SUITE", "SUITES", "CipherSuite", "register_suite",
    "BatchError", "Header", "Opened", "seal", "batch_hash", "read_header", "open_batch", "check_numbering",
    "canonical_json",
]

MAGIC = b"\x89XJB\r\n\x1a\n"
FORMAT_VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, 2})
REPLY_FORMAT_VERSION = 1  # replies carry no chain: an older school still reads them
SIG_CONTEXT = b"xueji batch signature v1\x00"
INFO_CONTEXT = b"xueji batch encryption v1\x00"

MAX_HEADER = 64 * 1024
MAX_SIGNATURE = 4096
_U16, _U32 = struct.Struct(">H"), struct.Struct(">I")


# --- errors ---------------------------------------------------------------------------------------------

MESSAGES = {
    "framing": "文件不完整",
    "not_batch": "不是学籍批次文件",
    "format_version": "格式版本过新",
    "suite": "不支持的加密套件",
    "unknown_school": "未登记的学校",
    "unknown_key": "学校签名密钥未登记或已吊销",
    "recipient": "非本局公钥",
    "signature": "签名无效",
    "decryption": "无法解密",
    "kind": "批次种类不对",
    "mismatch": "批次内容与头部不符",
    "numbering": "批次编号不连续",
}


class BatchError(Exception):
    """A batch refused. `.code` is for programs, `.message` (Chinese) is for people.

    Codes: framing (文件不完整 / 不是学籍批次文件 / 头部损坏), format_version, suite, unknown_school,
    unknown_key, recipient, signature, decryption, mismatch, numbering.
    """

    def __init__(self, code: str, message: str | None = None):
        self.code = code
        self.message = message or MESSAGES.get(code, code)
        super().__init__(f"{self.code}: {self.message}")


def _framing(message: str) -> BatchError:
    return BatchError("framing", message)


# --- canonical JSON -------------------------------------------------------------------------------------

def canonical_json(value) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces; NaN and infinities refused."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _loads(data: bytes):
    def no_constants(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(data.decode("utf-8"), parse_constant=no_constants)


# --- cipher suites --------------------------------------------------------------------------------------

class CipherSuite:
    """One set of algorithms, named in every header. Add a subclass and `register_suite` it for, say,
    "XJ2-SM2-SM3-SM4": batches sealed with older suites keep opening as long as their suite stays
    registered. The framing hashes (ciphertext and batch hashes) are SHA-256 for every suite."""

    id: str = ""

    def encrypt(self, plaintext: bytes, recipient_public, info: bytes) -> bytes:
        raise NotImplementedError

    def decrypt(self, ciphertext: bytes, recipient_private, info: bytes) -> bytes:
        """Raise any exception when the ciphertext does not open; open_batch turns it into BatchError."""
        raise NotImplementedError

    def sign(self, private_key, message: bytes) -> bytes:
        raise NotImplementedError

    def verify(self, public_key_bytes: bytes, signature: bytes, message: bytes) -> bool:
        raise NotImplementedError

    def recipient_public_bytes(self, recipient_public) -> bytes:
        return raw_public(recipient_public)

    def recipient_public_of_private(self, recipient_private) -> bytes:
        raise NotImplementedError

    def sender_public_bytes(self, sender_key) -> bytes:
        return raw_public(sender_key)


class HpkeX25519Ed25519(CipherSuite):
    """RFC 9180 HPKE base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; Ed25519 signatures."""

    id = "XJ1-HPKE-X25519-HKDFSHA256-AES256GCM+ED25519"
    _hpke = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

    @staticmethod
    def _x_public(key) -> X25519PublicKey:
        if isinstance(key, X25519PublicKey):
            return key
        if isinstance(key, X25519PrivateKey):
            return key.public_key()
        return X25519PublicKey.from_public_bytes(bytes(key))

    @staticmethod
    def _x_private(key) -> X25519PrivateKey:
        if isinstance(key, X25519PrivateKey):
            return key
        encryption = getattr(key, "encryption", None)  # a BureauKeys
        if isinstance(encryption, X25519PrivateKey):
            return encryption
        return X25519PrivateKey.from_private_bytes(bytes(key))

    @staticmethod
    def _ed_private(key) -> Ed25519PrivateKey:
        if isinstance(key, Ed25519PrivateKey):
            return key
        signing = getattr(key, "signing", None)  # a SchoolKeys or BureauKeys
        if isinstance(signing, Ed25519PrivateKey):
            return signing
        return Ed25519PrivateKey.from_private_bytes(bytes(key))

    def encrypt(self, plaintext, recipient_public, info):
        return self._hpke.encrypt(plaintext, self._x_public(recipient_public), info=info)

    def decrypt(self, ciphertext, recipient_private, info):
        return self._hpke.decrypt(ciphertext, self._x_private(recipient_private), info=info)

    def sign(self, private_key, message):
        return self._ed_private(private_key).sign(message)

    def verify(self, public_key_bytes, signature, message):
        if len(signature) != 64 or len(public_key_bytes) != 32:
            return False
        try:
            Ed25519PublicKey.from_public_bytes(public_key_bytes).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def recipient_public_bytes(self, recipient_public):
        return raw_public(self._x_public(recipient_public))

    def recipient_public_of_private(self, recipient_private):
        return raw_public(self._x_private(recipient_private).public_key())

    def sender_public_bytes(self, sender_key):
        return raw_public(self._ed_private(sender_key).public_key())


SUITES: dict[str, CipherSuite] = {}


def register_suite(suite: CipherSuite) -> CipherSuite:
    if not suite.id or suite.id in SUITES:
        raise ValueError(f"suite id {suite.id!r} empty or taken")
    SUITES[suite.id] = suite
    return suite


DEFAULT_SUITE = register_suite(HpkeX25519Ed25519()).id


# --- the header -----------------------------------------------------------------------------------------

_HEX64 = re.compile(r"[0-9a-f]{64}")
_FP = re.compile(r"[0-9]{5}( [0-9]{5}){7}")
_FIELDS = frozenset({
    "format", "suite", "school", "batch_no", "prev_hash", "event_count", "first_seq", "last_seq",
    "created_at", "recipient_fp", "sender_fp", "ciphertext_sha256",
})
CHAIN_FIELDS = frozenset({"chain_prev", "chain_head", "restore"})  # version 2
FIELDS_OF_VERSION = {1: _FIELDS, 2: _FIELDS | CHAIN_FIELDS}
RESTORE_FIELDS = frozenset({"restored_at", "backup_taken_at", "chain_head_before", "last_batch_before",
                            "last_seq_before"})
CHANGES, REPLY = "changes", "reply"  # a school's change batch (no kind field) / the bureau's reply
KIND_NAMES = {CHANGES: "学校的变更批次", REPLY: "教育局的回执批次"}


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_hash(v) -> bool:
    return v is None or (isinstance(v, str) and bool(_HEX64.fullmatch(v)))


def _short_text(v, null: bool = False) -> bool:
    return (null and v is None) or (isinstance(v, str) and 0 < len(v) <= 64)


def valid_restore(r) -> bool:
    """The header's `restore`: null, or exactly RESTORE_FIELDS (restored_at required)."""
    if r is None:
        return True
    return (isinstance(r, dict) and set(r) == RESTORE_FIELDS and _short_text(r["restored_at"])
            and _short_text(r["backup_taken_at"], null=True) and is_hash(r["chain_head_before"])
            and all(r[k] is None or (_is_int(r[k]) and r[k] >= 0) for k in ("last_batch_before", "last_seq_before")))


@dataclass(frozen=True)
class Header:
    """The header in clear: anyone (the stick, the importer's dry run) can read it without keys."""

    format: int
    suite: str
    school: str
    batch_no: int
    prev_hash: str | None  # None for batch 1
    event_count: int
    first_seq: int | None  # None when event_count == 0
    last_seq: int | None
    created_at: str
    recipient_fp: str
    sender_fp: str
    ciphertext_sha256: str
    kind: str = CHANGES
    chain_prev: str | None = None  # version 2: the chain hash before the first event (None: the log's start)
    chain_head: str | None = None  # version 2: the last event's chain hash
    restore: dict | None = None  # version 2: the restore this batch is the first after, see RESTORE_FIELDS
    raw: bytes = field(default=b"", repr=False, compare=False)

    def as_dict(self) -> dict:
        fields = {name: getattr(self, name) for name in sorted(FIELDS_OF_VERSION.get(self.format, _FIELDS))}
        if self.kind != CHANGES:
            fields["kind"] = self.kind
        return fields

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        try:
            doc = _loads(raw)
        except (ValueError, RecursionError):
            raise _framing("批次文件已损坏（头部无法读取）") from None
        if not isinstance(doc, dict):
            raise _framing("批次文件已损坏（头部无法读取）")
        version = doc.get("format")
        wanted = FIELDS_OF_VERSION.get(version, _FIELDS) if _is_int(version) else _FIELDS
        if set(doc) - {"kind"} != wanted or doc.get("kind", REPLY) != REPLY:
            raise _framing("批次文件已损坏（头部字段不对）")
        try:
            canonical = canonical_json(doc)
        except ValueError:
            canonical = None
        if canonical != raw:
            raise _framing("批次文件已损坏（头部不是规范格式）")
        d = doc
        ok = (
            _is_int(d["format"]) and d["format"] in FIELDS_OF_VERSION and isinstance(d["suite"], str)
            and isinstance(d["school"], str) and 0 < len(d["school"]) <= 64
            and _is_int(d["batch_no"]) and d["batch_no"] >= 1
            and (d["prev_hash"] is None or (isinstance(d["prev_hash"], str) and _HEX64.fullmatch(d["prev_hash"])))
            and _is_int(d["event_count"]) and d["event_count"] >= 0
            and isinstance(d["created_at"], str) and len(d["created_at"]) <= 64
            and isinstance(d["recipient_fp"], str) and _FP.fullmatch(d["recipient_fp"])
            and isinstance(d["sender_fp"], str) and _FP.fullmatch(d["sender_fp"])
            and isinstance(d["ciphertext_sha256"], str) and _HEX64.fullmatch(d["ciphertext_sha256"])
            and (d["format"] < 2 or (is_hash(d["chain_prev"]) and is_hash(d["chain_head"])
                                     and valid_restore(d["restore"])))
        )
        if ok:
            if d["event_count"] == 0:
                ok = d["first_seq"] is None and d["last_seq"] is None
            else:
                ok = (_is_int(d["first_seq"]) and _is_int(d["last_seq"])
                      and 0 <= d["first_seq"] <= d["last_seq"])
        if not ok:
            raise _framing("批次文件已损坏（头部内容无效）")
        return cls(**d, raw=bytes(raw))


@dataclass(frozen=True)
class Opened:
    header: Header
    events: list[dict]
    hash: str  # batch_hash of the file: the next batch names it as prev_hash


@dataclass(frozen=True)
class _Frame:
    version: int
    header: bytes
    ciphertext: bytes
    signature: bytes


# --- framing --------------------------------------------------------------------------------------------

def _frame(version: int, header: bytes, ciphertext: bytes, signature: bytes) -> bytes:
    return b"".join([
        MAGIC, _U16.pack(version), _U32.pack(len(header)), header,
        _U32.pack(len(ciphertext)), ciphertext, _U16.pack(len(signature)), signature,
    ])


def _unframe(data) -> _Frame:
    try:
        data = bytes(data)
    except TypeError:
        raise _framing("不是学籍批次文件") from None
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data):
            raise _framing("文件不完整" if data else "文件不完整（空文件）")
        raise _framing("不是学籍批次文件")
    if not data.startswith(MAGIC):
        raise _framing("不是学籍批次文件")
    pos = len(MAGIC)

    def take(n: int) -> bytes:
        nonlocal pos
        if len(data) - pos < n:
            raise _framing("文件不完整")
        chunk = data[pos:pos + n]
        pos += n
        return chunk

    (version,) = _U16.unpack(take(2))
    if version not in SUPPORTED_VERSIONS:
        if version > max(SUPPORTED_VERSIONS):
            raise BatchError("format_version", f"格式版本过新（第 {version} 版），请先升级学籍桌面")
        raise BatchError("format_version", f"格式版本不受支持（第 {version} 版）")
    (hlen,) = _U32.unpack(take(4))
    if hlen > MAX_HEADER:
        raise _framing("批次文件已损坏（头部长度无效）")
    header = take(hlen)
    (clen,) = _U32.unpack(take(4))
    ciphertext = take(clen)
    (slen,) = _U16.unpack(take(2))
    if slen > MAX_SIGNATURE:
        raise _framing("批次文件已损坏（签名长度无效）")
    signature = take(slen)
    if pos != len(data):
        raise _framing("批次文件已损坏（末尾有多余数据）")
    return _Frame(version, header, ciphertext, signature)


def _parse(data) -> tuple[_Frame, Header, CipherSuite]:
    frame = _unframe(data)
    header = Header.from_bytes(frame.header)
    if header.format != frame.version:
        raise _framing("批次文件已损坏（头部的格式版本与文件不符）")
    suite = SUITES.get(header.suite)
    if suite is None:
        raise BatchError("suite", f"不支持的加密套件：{header.suite[:80]}")
    return frame, header, suite


def read_header(data: bytes) -> Header:
    """The header, after checking the framing only (no keys needed): for listings and dry runs."""
    return _parse(data)[1]


def batch_hash(data: bytes) -> str:
    """SHA-256 of the whole file, hex: the next batch of the same school names it as prev_hash."""
    return hashlib.sha256(bytes(data)).hexdigest()


# --- sealing and opening --------------------------------------------------------------------------------

def _signed_message(header: bytes, ciphertext: bytes) -> bytes:
    return SIG_CONTEXT + header + hashlib.sha256(ciphertext).digest()


def _encryption_info(header_fields: dict) -> bytes:
    """HPKE `info`: the header without its ciphertext hash (which depends on the ciphertext itself)."""
    return INFO_CONTEXT + canonical_json({k: v for k, v in header_fields.items() if k != "ciphertext_sha256"})


def _created_at_text(created_at) -> str:
    if isinstance(created_at, dt.datetime):
        return created_at.isoformat(timespec="seconds")
    if isinstance(created_at, dt.date):
        return created_at.isoformat()
    return str(created_at)


def seal(events: list[dict], *, school_code: str, batch_no: int, prev_hash: str | None,
         created_at, sender_key, recipient_public, suite: str = DEFAULT_SUITE, kind: str = CHANGES,
         chain_prev: str | None = None, restore: dict | None = None) -> bytes:
    """One batch file's bytes. Events are dicts with an integer "seq", in increasing order.

    A change batch is version 2: `chain_prev` is the chain hash the first event follows (None at the log's
    start), `chain_head` is taken from the last event's "hash"; `restore` (RESTORE_FIELDS) marks the first
    batch after a restore. kind=REPLY: the bureau's reply to `school_code` (sender: the bureau, recipient: the
    school), version 1.

    HPKE is randomized: sealing the same events twice gives different bytes. Seal once and keep the
    bytes (the outbox) so that writing the batch again gives identical bytes.
    """
    cs = SUITES.get(suite)
    if cs is None:
        raise ValueError(f"unknown suite {suite!r}")
    events = list(events)
    seqs = []
    for event in events:
        if not isinstance(event, dict) or not _is_int(event.get("seq")):
            raise ValueError("every event must be a dict with an integer 'seq'")
        seqs.append(event["seq"])
    if any(a >= b for a, b in zip(seqs, seqs[1:])):
        raise ValueError("event seq numbers must increase")
    if not _is_int(batch_no) or batch_no < 1:
        raise ValueError("batch_no starts at 1")
    if prev_hash is not None and not _HEX64.fullmatch(prev_hash):
        raise ValueError("prev_hash must be 64 lowercase hex digits or None")
    if kind not in KIND_NAMES:
        raise ValueError(f"unknown batch kind {kind!r}")
    version = FORMAT_VERSION if kind == CHANGES else REPLY_FORMAT_VERSION
    body = canonical_json(events)
    fields = {
        "format": version,
        "suite": cs.id,
        "school": school_code,
        "batch_no": batch_no,
        "prev_hash": prev_hash,
        "event_count": len(events),
        "first_seq": seqs[0] if seqs else None,
        "last_seq": seqs[-1] if seqs else None,
        "created_at": _created_at_text(created_at),
        "recipient_fp": fingerprint(cs.recipient_public_bytes(recipient_public)),
        "sender_fp": fingerprint(cs.sender_public_bytes(sender_key)),
    }
    if version >= 2:
        head = events[-1].get("hash") if events else chain_prev
        if not (is_hash(chain_prev) and is_hash(head)):
            raise ValueError("chain_prev and the events' hash must be 64 lowercase hex digits or None")
        if events and events[0].get("prev_hash") != chain_prev:
            raise ValueError("chain_prev must be the first event's prev_hash")
        if not valid_restore(restore):
            raise ValueError(f"restore must be None or have exactly {sorted(RESTORE_FIELDS)}")
        fields.update(chain_prev=chain_prev, chain_head=head, restore=restore)
    elif chain_prev is not None or restore is not None:
        raise ValueError("a reply carries no chain")
    if kind != CHANGES:
        fields["kind"] = kind
    ciphertext = cs.encrypt(body, recipient_public, _encryption_info(fields))
    fields["ciphertext_sha256"] = hashlib.sha256(ciphertext).hexdigest()
    header = canonical_json(fields)
    Header.from_bytes(header)  # the reader must accept what the writer writes
    signature = cs.sign(sender_key, _signed_message(header, ciphertext))
    return _frame(version, header, ciphertext, signature)


def open_batch(data: bytes, *, sender_public_for: Callable[[str], Iterable | None], recipient_private,
               expected_recipient_fingerprint: str | None = None, expect: str = CHANGES) -> Opened:
    """Verify and decrypt a batch, or raise BatchError. Checks, in order:

    1. framing (magic, version, lengths, header syntax, suite known)      → framing / format_version / suite
    2. known school and key: sender_public_for(school) lists the school's registered public signing keys
       (raw bytes or key objects); the header's sender fingerprint must be one of them → unknown_school /
       unknown_key; the recipient fingerprint must be ours                   → recipient
    3. signature over SIG_CONTEXT + header + SHA-256(ciphertext)            → signature
    4. decryption with our private key                                      → decryption
    5. header matches contents: count, first/last seq, ciphertext hash       → mismatch
    Numbering is not checked here: see check_numbering.
    `expect`: CHANGES (the bureau opens a school's batch) or REPLY (a school opens the bureau's reply);
    the other kind is refused with framing                                  → kind
    """
    frame, header, cs = _parse(data)
    if header.kind != expect:
        raise BatchError("kind", f"这是{KIND_NAMES[header.kind]}，不是{KIND_NAMES[expect]}")
    sender = "教育局" if expect == REPLY else "学校"

    keys = sender_public_for(header.school)
    keys = list(keys or [])
    if not keys:
        raise BatchError("unknown_school", f"未登记的学校（学校代码 {header.school[:64]}）")
    sender_public = None
    for key in keys:
        raw = raw_public(key)
        if normalize_fingerprint(fingerprint(raw)) == normalize_fingerprint(header.sender_fp):
            sender_public = raw
            break
    if sender_public is None:
        raise BatchError("unknown_key", f"{sender}签名密钥未登记或已吊销（学校代码 {header.school[:64]}，"
                                        f"密钥指纹 {header.sender_fp}）")
    ours = expected_recipient_fingerprint or fingerprint(cs.recipient_public_of_private(recipient_private))
    if normalize_fingerprint(header.recipient_fp) != normalize_fingerprint(ours):
        mine = "本校" if expect == REPLY else "本局"
        raise BatchError("recipient", f"非{mine}公钥：该批次是加密给指纹为 {header.recipient_fp} 的公钥的")

    if not cs.verify(sender_public, frame.signature, _signed_message(frame.header, frame.ciphertext)):
        raise BatchError("signature", f"签名无效：文件被改动过，或不是该{'局' if expect == REPLY else '校'}签发的")

    try:
        body = cs.decrypt(frame.ciphertext, recipient_private, _encryption_info(header.as_dict()))
    except Exception:  # noqa: BLE001 - any failure of the suite to open is "cannot decrypt"
        raise BatchError("decryption", f"无法解密：{'本校' if expect == REPLY else '本局'}私钥打不开这个批次") from None

    try:
        events = _loads(body)
    except (ValueError, RecursionError):
        raise BatchError("mismatch", "批次内容与头部不符（内容无法读取）") from None
    if not isinstance(events, list) or not all(isinstance(e, dict) and _is_int(e.get("seq")) for e in events):
        raise BatchError("mismatch", "批次内容与头部不符（内容不是变更列表）")
    problems = []
    if len(events) != header.event_count:
        problems.append(f"头部写 {header.event_count} 项，实有 {len(events)} 项")
    first = events[0]["seq"] if events else None
    last = events[-1]["seq"] if events else None
    if (first, last) != (header.first_seq, header.last_seq):
        problems.append(f"头部写序号 {header.first_seq}–{header.last_seq}，实为 {first}–{last}")
    if hashlib.sha256(frame.ciphertext).hexdigest() != header.ciphertext_sha256:
        problems.append("密文哈希不符")
    if header.format >= 2 and header.kind == CHANGES:
        if not all(is_hash(e.get("hash")) and is_hash(e.get("prev_hash")) for e in events):
            problems.append("变更缺少链哈希")
        else:
            ends = (events[0].get("prev_hash"), events[-1].get("hash")) if events else (header.chain_prev,) * 2
            if ends != (header.chain_prev, header.chain_head):
                problems.append("头部的链哈希与变更不符")
    if problems:
        raise BatchError("mismatch", "批次内容与头部不符（" + "；".join(problems) + "）")
    return Opened(header, events, batch_hash(data))


def _batch_range(a: int, b: int) -> str:
    return f"第 {a} 批" if a == b else f"第 {a}–{b} 批"


def check_numbering(last_imported_no: int | None, last_hash: str | None, header: Header) -> str | None:
    """None when `header` is the next batch of its school, else the reason in Chinese.

    last_imported_no / last_hash: the school's last imported batch (None, None before the first).
    """
    last = last_imported_no or 0
    if header.batch_no <= last:
        return f"重复导入（第 {header.batch_no} 批已导入过）"
    if header.batch_no > last + 1:
        return f"批次号缺失（缺{_batch_range(last + 1, header.batch_no - 1)}）"
    if (header.prev_hash or None) != (last_hash or None):
        return f"上一批哈希不符（第 {header.batch_no} 批不是接在已导入的第 {last} 批之后的）"
    return None
