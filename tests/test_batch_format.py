"""The batch file between a school and the county bureau: keys, sealing, opening, and every way to refuse.

No database, no Qt: the format is pure functions over bytes (xueji_desktop/core/exchange).
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import os
import re
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hpke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xueji_desktop.core.exchange import (
    SUITES,
    BatchError,
    BureauKeys,
    KeyFileError,
    SchoolKeys,
    WrongPassword,
    batch_hash,
    bureau_public_key_file,
    check_numbering,
    fingerprint,
    open_batch,
    parse_public_key_file,
    protect,
    public_key_file_bytes,
    read_header,
    read_public_key_file,
    register_suite,
    same_fingerprint,
    school_public_key_file,
    seal,
    unprotect,
    write_public_key_file,
)
from xueji_desktop.core.exchange import batch_format as bf
from xueji_desktop.core.exchange.batch_format import canonical_json

DOC = Path(__file__).resolve().parents[1] / "docs" / "batch-format.md"
SCHOOL = "4305211001"


def seed(label: str) -> bytes:
    return hashlib.sha256(("xueji-desktop test vector: " + label).encode("utf-8")).digest()


VECTOR_SCHOOL = SchoolKeys.from_private_bytes(seed("school signing key"))
VECTOR_BUREAU = BureauKeys.from_private_bytes(seed("bureau encryption key") + seed("bureau signing key"))
SCHOOL_KEYS = SchoolKeys.from_private_bytes(seed("tests: school"))
OTHER_SCHOOL_KEYS = SchoolKeys.from_private_bytes(seed("tests: other school"))
BUREAU = BureauKeys.from_private_bytes(seed("tests: bureau x") + seed("tests: bureau ed"))
OTHER_BUREAU = BureauKeys.from_private_bytes(seed("tests: other bureau x") + seed("tests: other bureau ed"))


def registry(table: dict):
    """sender_public_for: school code → its registered signing keys."""
    return lambda code: table.get(code, [])


KNOWN = registry({SCHOOL: [SCHOOL_KEYS.signing_public], "4305211002": [OTHER_SCHOOL_KEYS.signing_public]})


def events(n: int, first: int = 1) -> list[dict]:
    return [{"seq": first + i, "uuid": f"00000000-0000-4000-8000-{first + i:012d}", "kind": "student_enrolled",
             "payload": {"姓名": "王小明", "身份证号": "430521201501011234"}} for i in range(n)]


def sealed(evts=None, *, batch_no=1, prev_hash=None, school=SCHOOL, key=SCHOOL_KEYS, to=BUREAU) -> bytes:
    return seal(events(3) if evts is None else evts, school_code=school, batch_no=batch_no, prev_hash=prev_hash,
                created_at="2025-09-02T17:00:00", sender_key=key, recipient_public=to.encryption_public)


def open_(data: bytes, *, known=KNOWN, bureau=BUREAU, **kw):
    return open_batch(data, sender_public_for=known, recipient_private=bureau.encryption, **kw)


def refused(data: bytes, **kw) -> BatchError:
    with pytest.raises(BatchError) as info:
        open_(data, **kw)
    return info.value


def forge(header_fields: dict, ciphertext: bytes, signer, *, version: int | None = None,
          fix_hash: bool = True) -> bytes:
    """A batch framed and signed by `signer` with whatever header we like (what an attacker or a buggy
    writer could produce); framed as the header's format version unless told otherwise."""
    fields = dict(header_fields)
    version = fields.get("format", 1) if version is None else version
    if fix_hash:
        fields["ciphertext_sha256"] = hashlib.sha256(ciphertext).hexdigest()
    header = canonical_json(fields)
    signature = signer.signing.sign(bf._signed_message(header, ciphertext))
    return bf._frame(version, header, ciphertext, signature)


def parts(data: bytes):
    frame = bf._unframe(data)
    return json.loads(frame.header), frame.ciphertext


# --- keys -----------------------------------------------------------------------------------------------

def test_fingerprint_is_forty_digits_in_eight_groups_and_compares_loosely():
    fp = fingerprint(SCHOOL_KEYS.signing_public)
    assert re.fullmatch(r"\d{5}( \d{5}){7}", fp)
    assert fp == SCHOOL_KEYS.fingerprint == fingerprint(SCHOOL_KEYS.signing.public_key())
    assert same_fingerprint(fp, fp.replace(" ", "")) and same_fingerprint(fp, fp.replace(" ", "-"))
    assert not same_fingerprint(fp, OTHER_SCHOOL_KEYS.fingerprint)
    assert not same_fingerprint("", "")
    # the bureau's letter covers both of its public keys
    assert BUREAU.fingerprint == fingerprint(BUREAU.encryption_public + BUREAU.signing_public)
    assert len({BUREAU.fingerprint, BUREAU.encryption_fingerprint, BUREAU.signing_fingerprint}) == 3


def test_private_keys_round_trip_through_bytes():
    assert SchoolKeys.from_private_bytes(SCHOOL_KEYS.private_bytes()).fingerprint == SCHOOL_KEYS.fingerprint
    again = BureauKeys.from_private_bytes(BUREAU.private_bytes())
    assert again.fingerprint == BUREAU.fingerprint
    with pytest.raises(KeyFileError):
        SchoolKeys.from_private_bytes(b"short")
    with pytest.raises(KeyFileError):
        BureauKeys.from_private_bytes(bytes(32))


def test_protect_and_unprotect_with_the_registrar_password():
    secret = BUREAU.private_bytes()
    blob = protect(secret, "正确的密码123")
    assert secret not in blob
    assert unprotect(blob, "正确的密码123") == secret
    with pytest.raises(WrongPassword) as info:
        unprotect(blob, "错误的密码")
    assert info.value.message == "密码不正确"
    assert protect(secret, "正确的密码123") != blob  # fresh salt and nonce
    damaged = bytearray(blob)
    damaged[-1] ^= 1
    with pytest.raises(WrongPassword):
        unprotect(bytes(damaged), "正确的密码123")
    for bad in (b"", b"XJKEY", b"nonsense" * 10, blob[:30]):
        with pytest.raises(KeyFileError) as info:
            unprotect(bad, "正确的密码123")
        assert "损坏" in info.value.message
    with pytest.raises(KeyFileError):
        protect(secret, "")


def test_public_key_files_round_trip(tmp_path):
    school = school_public_key_file(SCHOOL_KEYS, code=SCHOOL, name="某县某乡中心小学")
    bureau = bureau_public_key_file(BUREAU, code="430521", name="某县教育局")
    for info in (school, bureau):
        path = write_public_key_file(tmp_path / f"{info.kind}.xjkey", info)
        back = read_public_key_file(path)
        assert back == info
        text = path.read_text("utf-8")
        assert info.fingerprint in text and info.name in text
    assert read_public_key_file(tmp_path / "school.xjkey").fingerprint == SCHOOL_KEYS.fingerprint
    b = read_public_key_file(tmp_path / "bureau.xjkey")
    assert b.fingerprint == BUREAU.fingerprint and b.encryption_public == BUREAU.encryption_public
    assert b.encryption_fingerprint == BUREAU.encryption_fingerprint


@pytest.mark.parametrize("change, words", [
    (lambda d: "not json at all", "无法读取"),
    (lambda d: {**d, "format": "something-else"}, "不是学籍公钥文件"),
    (lambda d: {**d, "version": 2}, "版本（2）过新"),
    (lambda d: {**d, "kind": "teacher"}, "不知道是学校还是教育局"),
    (lambda d: {**d, "code": ""}, "缺少单位代码"),
    (lambda d: {**d, "signing_key": "!!!"}, "已损坏"),
    (lambda d: {**d, "signing_key": base64.b64encode(b"x" * 31).decode()}, "已损坏"),
    (lambda d: {**d, "encryption_key": base64.b64encode(OTHER_BUREAU.encryption_public).decode()}, "指纹与公钥不符"),
    (lambda d: {**d, "fingerprint": OTHER_BUREAU.fingerprint}, "指纹与公钥不符"),
    (lambda d: {k: v for k, v in d.items() if k != "encryption_key"}, "缺少"),
])
def test_bad_public_key_files_are_refused_in_chinese(change, words):
    good = json.loads(public_key_file_bytes(bureau_public_key_file(BUREAU, code="430521", name="某县教育局")))
    bad = change(good)
    data = (bad if isinstance(bad, str) else json.dumps(bad, ensure_ascii=False)).encode("utf-8")
    with pytest.raises(KeyFileError) as info:
        parse_public_key_file(data)
    assert words in info.value.message


def test_missing_public_key_file(tmp_path):
    with pytest.raises(KeyFileError) as info:
        read_public_key_file(tmp_path / "none.xjkey")
    assert "找不到公钥文件" in info.value.message


# --- sealing and opening --------------------------------------------------------------------------------

def test_round_trip():
    evts = events(5, first=101)
    data = sealed(evts, batch_no=3, prev_hash="ab" * 32)
    header = read_header(data)
    assert (header.school, header.batch_no, header.prev_hash) == (SCHOOL, 3, "ab" * 32)
    assert (header.event_count, header.first_seq, header.last_seq) == (5, 101, 105)
    assert header.recipient_fp == BUREAU.encryption_fingerprint
    assert header.sender_fp == SCHOOL_KEYS.fingerprint
    assert header.suite == "XJ1-HPKE-X25519-HKDFSHA256-AES256GCM+ED25519"
    assert "王小明".encode() not in data and b"430521201501011234" not in data  # the body is encrypted
    opened = open_(data, expected_recipient_fingerprint=BUREAU.encryption_fingerprint)
    assert opened.events == evts and opened.header == header and opened.hash == batch_hash(data)
    # keys may be given as objects or raw bytes
    assert open_batch(data, sender_public_for=lambda c: [SCHOOL_KEYS.signing.public_key()],
                      recipient_private=BUREAU.encryption.private_bytes_raw()).events == evts


def test_an_empty_batch_round_trips():
    data = sealed([])
    header = read_header(data)
    assert (header.event_count, header.first_seq, header.last_seq) == (0, None, None)
    assert open_(data).events == []


def test_sealing_refuses_events_it_could_not_describe():
    for bad in ([{"uuid": "x"}], [{"seq": "1"}], [{"seq": 2}, {"seq": 1}], [{"seq": True}], ["x"]):
        with pytest.raises(ValueError):
            sealed(bad)
    with pytest.raises(ValueError):
        sealed(batch_no=0)
    with pytest.raises(ValueError):
        sealed(prev_hash="not a hash")
    with pytest.raises(ValueError):
        sealed([{"seq": 1, "x": float("nan")}])


def test_ten_thousand_events_seal_and_open():
    """A term's worth of changes in one batch comes back whole (its speed: `python -m bench`, export)."""
    evts = [{"seq": i, "uuid": f"{i:032x}", "kind": "student_enrolled",
             "payload": {"姓名": "张三丰", "身份证号": "430102200901011234", "住址": "湖南省某县某乡某村" * 3}}
            for i in range(1, 10_001)]
    data = sealed(evts)
    assert read_header(data).event_count == 10_000 and open_(data).events == evts


def test_the_documented_test_vector_opens_to_the_documented_events():
    doc = DOC.read_text("utf-8")
    data = base64.b64decode("".join(re.search(r"```base64 test-vector-batch\n(.*?)```", doc, re.S).group(1).split()))
    documented_events = json.loads(re.search(r"```json test-vector-events\n(.*?)```", doc, re.S).group(1))
    documented_header = re.search(r"```json test-vector-header\n(.*?)\n```", doc, re.S).group(1).encode("utf-8")
    documented_hash = re.search(r"Its batch hash: `([0-9a-f]{64})`", doc).group(1)
    # the keys in the table are the keys from the seeds
    for key in (VECTOR_SCHOOL.signing_public, VECTOR_BUREAU.encryption_public, VECTOR_BUREAU.signing_public):
        assert f"`{key.hex()}`" in doc
    for fp in (VECTOR_SCHOOL.fingerprint, VECTOR_BUREAU.encryption_fingerprint, VECTOR_BUREAU.fingerprint):
        assert f"`{fp}`" in doc

    assert batch_hash(data) == documented_hash
    header = read_header(data)
    assert header.raw == documented_header
    assert (header.school, header.batch_no, header.prev_hash) == (
        "4305211001", 7, hashlib.sha256(b"xueji-desktop test vector: batch 6").hexdigest())
    opened = open_batch(data, sender_public_for=lambda code: [VECTOR_SCHOOL.signing_public] if code == "4305211001"
                        else [], recipient_private=seed("bureau encryption key"),
                        expected_recipient_fingerprint=VECTOR_BUREAU.encryption_fingerprint)
    assert opened.events == documented_events
    assert opened.hash == documented_hash
    # sealing again is randomized (HPKE's ephemeral key): a different file that opens to the same events
    again = seal(documented_events, school_code="4305211001", batch_no=7, prev_hash=header.prev_hash,
                 created_at=header.created_at, sender_key=VECTOR_SCHOOL, recipient_public=VECTOR_BUREAU.encryption_public)
    assert again != data
    assert open_batch(again, sender_public_for=lambda code: [VECTOR_SCHOOL.signing_public],
                      recipient_private=VECTOR_BUREAU).events == documented_events


# --- version 2: the change log's chain and the restore ---------------------------------------------------

def chained(n: int, first: int = 1, before: str | None = None) -> list[dict]:
    """Events linked as a school's change log links them (each hash over its content and the previous hash)."""
    out, prev = [], before
    for e in events(n, first):
        h = hashlib.sha256(canonical_json({**e, "prev_hash": prev})).hexdigest()
        out.append({**e, "prev_hash": prev, "hash": h})
        prev = h
    return out


RESTORE = {"restored_at": "2026-10-08T09:30:00", "backup_taken_at": "2026-10-01T08:00:00",
           "chain_head_before": "ef" * 32, "last_batch_before": 5, "last_seq_before": 120}


def test_a_change_batch_carries_the_chain_and_the_restore():
    evts = chained(3, first=40, before="ab" * 32)
    data = seal(evts, school_code=SCHOOL, batch_no=6, prev_hash="cd" * 32, created_at="2026-10-08T10:00:00",
                sender_key=SCHOOL_KEYS, recipient_public=BUREAU.encryption_public, chain_prev="ab" * 32,
                restore=RESTORE)
    header = read_header(data)
    assert header.format == 2 == bf.FORMAT_VERSION and bf._unframe(data).version == 2
    assert (header.chain_prev, header.chain_head, header.restore) == ("ab" * 32, evts[-1]["hash"], RESTORE)
    assert open_(data).events == evts
    # without a restore, and an empty batch: the head is where the chain already was
    plain = read_header(seal([], school_code=SCHOOL, batch_no=7, prev_hash=batch_hash(data), created_at="x",
                             sender_key=SCHOOL_KEYS, recipient_public=BUREAU.encryption_public,
                             chain_prev=header.chain_head))
    assert (plain.restore, plain.chain_prev, plain.chain_head) == (None, header.chain_head, header.chain_head)
    # the writer refuses what the reader would refuse
    for bad in ({"chain_prev": "xy"}, {"chain_prev": "cd" * 32}, {"restore": {"restored_at": "x"}},
                {"restore": {**RESTORE, "last_batch_before": -1}}):
        with pytest.raises(ValueError):
            seal(evts, school_code=SCHOOL, batch_no=6, prev_hash=None, created_at="x", sender_key=SCHOOL_KEYS,
                 recipient_public=BUREAU.encryption_public, **{"chain_prev": "ab" * 32, **bad})


def test_a_reply_stays_version_1_and_a_version_1_batch_still_opens():
    reply = seal([{"seq": 1, "kind": "receipt"}], school_code=SCHOOL, batch_no=1, prev_hash=None, created_at="x",
                 sender_key=BUREAU, recipient_public=BUREAU.encryption_public,
                 kind=bf.REPLY)
    assert read_header(reply).format == 1 and bf._unframe(reply).version == 1
    assert read_header(reply).chain_head is None and read_header(reply).restore is None
    fields = {k: v for k, v in parts(sealed())[0].items() if k not in bf.CHAIN_FIELDS | {"ciphertext_sha256"}}
    fields["format"] = 1
    body = SUITES[bf.DEFAULT_SUITE].encrypt(canonical_json(events(3)), BUREAU.encryption_public,
                                            bf._encryption_info(fields))
    old = forge(fields, body, SCHOOL_KEYS)
    assert read_header(old).format == 1 and open_(old).events == events(3)
    assert read_header(old).chain_head is None


@pytest.mark.parametrize("change, words", [
    (lambda f: {**f, "chain_head": "00" * 32}, "头部的链哈希与变更不符"),
    (lambda f: {**f, "chain_prev": None}, "头部的链哈希与变更不符"),
])
def test_a_header_whose_chain_does_not_match_its_events(change, words):
    evts = chained(2, before="ab" * 32)
    good = seal(evts, school_code=SCHOOL, batch_no=1, prev_hash=None, created_at="x", sender_key=SCHOOL_KEYS,
                recipient_public=BUREAU.encryption_public, chain_prev="ab" * 32)
    assert open_(good).events == evts
    fields = change({k: v for k, v in parts(good)[0].items() if k != "ciphertext_sha256"})
    body = SUITES[bf.DEFAULT_SUITE].encrypt(canonical_json(evts), BUREAU.encryption_public,
                                            bf._encryption_info(fields))
    error = refused(forge(fields, body, SCHOOL_KEYS))
    assert error.code == "mismatch" and words in error.message


@pytest.mark.parametrize("restore", [
    {"restored_at": "2026-10-08T09:30:00"},
    {**RESTORE, "chain_head_before": "not hex"},
    {**RESTORE, "last_seq_before": "120"},
    {**RESTORE, "restored_at": ""},
    "2026-10-08",
])
def test_a_damaged_restore_field_is_refused_as_framing(restore):
    fields, ciphertext = parts(sealed())
    error = refused(forge({**fields, "restore": restore}, ciphertext, SCHOOL_KEYS))
    assert error.code == "framing" and "头部内容无效" in error.message


@pytest.mark.parametrize("version", [0, 3, 41])
def test_a_header_naming_an_unknown_format_is_refused_as_framing(version):
    """A reply's version-1 fields under a header `format` no version has (one flipped bit of "1")."""
    reply = seal([{"seq": 1, "kind": "receipt"}], school_code=SCHOOL, batch_no=1, prev_hash=None, created_at="x",
                 sender_key=BUREAU, recipient_public=BUREAU.encryption_public, kind=bf.REPLY)
    fields, ciphertext = parts(reply)
    error = refused(forge({**fields, "format": version}, ciphertext, BUREAU, version=1))
    assert error.code == "framing" and "头部内容无效" in error.message


# --- every bit, every length ----------------------------------------------------------------------------

SMALL = sealed(events(1))


def test_every_single_bit_flip_of_a_small_batch_is_refused():
    codes = collections.Counter()
    for i in range(len(SMALL) * 8):
        flipped = bytearray(SMALL)
        flipped[i // 8] ^= 1 << (i % 8)
        try:
            open_(bytes(flipped))
        except BatchError as exc:
            codes[exc.code] += 1
            assert exc.message
        else:
            pytest.fail(f"bit {i} flipped and the batch still opened")
    flips = len(SMALL) * 8
    assert sum(codes.values()) == flips, f"{flips} bit flips: {dict(codes)}"
    print(f"\n{flips} single-bit flips of a {len(SMALL)}-byte batch refused: {dict(codes)}")
    assert codes["signature"] > 0 and codes["framing"] > 0


def test_every_truncation_and_any_extension_is_refused():
    for n in range(len(SMALL)):
        error = refused(SMALL[:n])
        assert error.code == "framing", n
        assert "文件不完整" in error.message or error.message == "不是学籍批次文件", (n, error.message)
    assert "文件不完整" in refused(SMALL[:len(SMALL) // 2]).message
    assert "多余数据" in refused(SMALL + b"\0").message
    print(f"\n{len(SMALL)} truncations refused")


def test_a_file_that_is_not_a_batch():
    assert refused(b"PK\x03\x04 a zip file").message == "不是学籍批次文件"
    assert refused(b"").message == "文件不完整（空文件）"
    with pytest.raises(BatchError):
        read_header("not bytes")  # type: ignore[arg-type]


# --- each wrong key, each forgery: its own code and message ---------------------------------------------

def test_unknown_school():
    error = refused(sealed(school="9999999999"))
    assert (error.code, error.message.startswith("未登记的学校")) == ("unknown_school", True)


def test_wrong_school_key():
    """The school reinstalled and made a new key it never registered (or the key was revoked)."""
    data = sealed(key=SchoolKeys.from_private_bytes(seed("tests: a key nobody registered")))
    error = refused(data)
    assert error.code == "unknown_key" and error.message.startswith("学校签名密钥未登记或已吊销")
    revoked = registry({SCHOOL: [OTHER_SCHOOL_KEYS.signing_public]})
    assert refused(sealed(), known=revoked).code == "unknown_key"
    # after a key change, both keys may stay registered for batches still on their way
    both = registry({SCHOOL: [OTHER_SCHOOL_KEYS.signing_public, SCHOOL_KEYS.signing_public]})
    assert open_(sealed(), known=both).events == events(3)


def test_wrong_bureau_key():
    """Sealed to another bureau (or an old bureau key): not ours, refused before any decryption."""
    error = refused(sealed(to=OTHER_BUREAU))
    assert (error.code, error.message.startswith("非本局公钥")) == ("recipient", True)
    # told explicitly which fingerprint we expect
    error = refused(sealed(), expected_recipient_fingerprint=OTHER_BUREAU.encryption_fingerprint)
    assert error.code == "recipient"


def test_a_private_key_that_cannot_open_it():
    error = refused(sealed(), bureau=OTHER_BUREAU, expected_recipient_fingerprint=BUREAU.encryption_fingerprint)
    assert (error.code, error.message.startswith("无法解密")) == ("decryption", True)


def test_a_batch_re_signed_by_another_school():
    fields, ciphertext = parts(sealed())
    # another school signs school 1001's batch as it is: the signature does not match 1001's key
    error = refused(forge(fields, ciphertext, OTHER_SCHOOL_KEYS))
    assert (error.code, error.message.startswith("签名无效")) == ("signature", True)
    # ... and names its own key: that key is not one of 1001's
    error = refused(forge({**fields, "sender_fp": OTHER_SCHOOL_KEYS.fingerprint}, ciphertext, OTHER_SCHOOL_KEYS))
    assert error.code == "unknown_key"
    # ... or passes the events off as its own: the encryption is bound to the original header
    error = refused(forge({**fields, "school": "4305211002", "sender_fp": OTHER_SCHOOL_KEYS.fingerprint},
                          ciphertext, OTHER_SCHOOL_KEYS))
    assert error.code == "decryption"


def test_the_header_is_bound_to_the_body():
    """Even the rightful signer cannot move a ciphertext to another batch number."""
    fields, ciphertext = parts(sealed())
    assert refused(forge({**fields, "batch_no": 2}, ciphertext, SCHOOL_KEYS)).code == "decryption"


def test_header_that_does_not_match_its_contents():
    """A buggy writer that signs a header whose count or range is wrong."""
    evts = events(2, first=10)
    fields = {"format": 1, "suite": bf.DEFAULT_SUITE, "school": SCHOOL, "batch_no": 1, "prev_hash": None,
              "event_count": 3, "first_seq": 10, "last_seq": 12, "created_at": "2025-09-02T17:00:00",
              "recipient_fp": BUREAU.encryption_fingerprint, "sender_fp": SCHOOL_KEYS.fingerprint}
    ciphertext = SUITES[bf.DEFAULT_SUITE].encrypt(canonical_json(evts), BUREAU.encryption_public,
                                                  bf._encryption_info(fields))
    error = refused(forge(fields, ciphertext, SCHOOL_KEYS))
    assert error.code == "mismatch" and error.message.startswith("批次内容与头部不符")
    assert "头部写 3 项，实有 2 项" in error.message
    body = SUITES[bf.DEFAULT_SUITE].encrypt(b"{not json", BUREAU.encryption_public, bf._encryption_info(fields))
    assert refused(forge(fields, body, SCHOOL_KEYS)).code == "mismatch"


def test_unknown_suite_is_refused_by_name():
    fields, ciphertext = parts(sealed())
    data = forge({**fields, "suite": "XJ2-SM2-SM3-SM4"}, ciphertext, SCHOOL_KEYS)
    for call in (lambda: read_header(data), lambda: open_(data)):
        with pytest.raises(BatchError) as info:
            call()
        assert info.value.code == "suite"
        assert info.value.message == "不支持的加密套件：XJ2-SM2-SM3-SM4"


def test_newer_format_version():
    fields, ciphertext = parts(sealed())
    data = forge({**fields, "format": 3}, ciphertext, SCHOOL_KEYS, version=3)
    for call in (lambda: read_header(data), lambda: open_(data)):
        with pytest.raises(BatchError) as info:
            call()
        assert info.value.code == "format_version"
        assert info.value.message.startswith("格式版本过新（第 3 版）")
    mixed = forge({**fields, "format": 2}, ciphertext, SCHOOL_KEYS, version=1)
    assert refused(mixed).code == "framing"
    # a version 1 header framed as version 2 lacks the chain fields
    v1 = {k: v for k, v in fields.items() if k not in bf.CHAIN_FIELDS}
    assert "字段" in refused(forge({**v1, "format": 2}, ciphertext, SCHOOL_KEYS)).message


def test_a_header_must_be_canonical():
    fields, ciphertext = parts(sealed())
    spaced = json.dumps(fields, sort_keys=True).encode()
    data = bf._frame(1, spaced, ciphertext, SCHOOL_KEYS.signing.sign(bf._signed_message(spaced, ciphertext)))
    assert "规范" in refused(data).message
    extra = forge({**fields, "note": "x"}, ciphertext, SCHOOL_KEYS)
    assert "字段" in refused(extra).message


def test_a_new_suite_can_be_added_and_old_batches_still_open():
    class ChaCha(bf.HpkeX25519Ed25519):
        id = "XJT-HPKE-X25519-HKDFSHA256-CHACHA20POLY1305+ED25519"
        _hpke = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)

    old = sealed()
    register_suite(ChaCha())
    try:
        new = seal(events(2), school_code=SCHOOL, batch_no=2, prev_hash=batch_hash(old), created_at="x",
                   sender_key=SCHOOL_KEYS, recipient_public=BUREAU.encryption_public, suite=ChaCha.id)
        assert read_header(new).suite == ChaCha.id
        assert open_(new).events == events(2)
        assert open_(old).events == events(3)
        with pytest.raises(ValueError):
            register_suite(ChaCha())
    finally:
        del SUITES[ChaCha.id]
    assert refused(new).code == "suite"


# --- numbering (the importer's) -------------------------------------------------------------------------

def test_check_numbering():
    first = sealed(batch_no=1)
    second = sealed(batch_no=2, prev_hash=batch_hash(first))
    fifth = sealed(batch_no=5, prev_hash="cd" * 32)
    assert check_numbering(None, None, read_header(first)) is None
    assert check_numbering(1, batch_hash(first), read_header(second)) is None
    assert check_numbering(1, batch_hash(first), read_header(first)) == "重复导入（第 1 批已导入过）"
    assert check_numbering(2, "ef" * 32, read_header(first)).startswith("重复导入")
    assert check_numbering(None, None, read_header(second)) == "批次号缺失（缺第 1 批）"
    assert check_numbering(1, batch_hash(first), read_header(fifth)) == "批次号缺失（缺第 2–4 批）"
    assert check_numbering(1, "ef" * 32, read_header(second)).startswith("上一批哈希不符")
    assert check_numbering(None, None, read_header(sealed(batch_no=1, prev_hash="ab" * 32))).startswith("上一批哈希不符")


# --- fuzzing --------------------------------------------------------------------------------------------

FUZZ_EXAMPLES = int(os.environ.get("XUEJI_FUZZ_EXAMPLES") or 3000)  # a deeper run: 100000
_fields, _ciphertext = parts(SMALL)
_json_values = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2 ** 40), st.floats(allow_nan=True), st.text(max_size=8),
    st.lists(st.integers(0, 9), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from(["", "0" * 64, "4305211002", "XJ2-SM2-SM3-SM4", OTHER_SCHOOL_KEYS.fingerprint,
                     OTHER_BUREAU.encryption_fingerprint, BUREAU.encryption_fingerprint]),
)


@st.composite
def mutated_batches(draw):
    data = bytearray(SMALL)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "set" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at + draw(st.integers(0, 8))] = draw(st.binary(max_size=8))
    return bytes(data)


@st.composite
def forged_headers(draw):
    """Well-framed files with hostile headers: reaches the checks behind the framing."""
    fields = dict(_fields)
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=3)):
        fields[name] = draw(_json_values)
    if draw(st.booleans()):  # canonical, except that NaN and Infinity are let through to the reader
        header = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    else:
        header = json.dumps(fields).encode()
    signer = draw(st.sampled_from([SCHOOL_KEYS, OTHER_SCHOOL_KEYS]))
    signature = signer.signing.sign(bf._signed_message(header, _ciphertext))
    return bf._frame(draw(st.sampled_from([2, 2, 2, 0, 1, 3])), header, _ciphertext, signature)


fuzz_inputs = st.one_of(
    st.binary(max_size=64),
    st.binary(max_size=48).map(lambda tail: bf.MAGIC + tail),
    mutated_batches(),
    forged_headers(),
)


def test_fuzz_the_reader_never_raises_anything_but_batch_error():
    seen = collections.Counter()

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(fuzz_inputs)
    def run(data):
        seen["examples"] += 1
        for reader in (read_header, open_):
            try:
                reader(data)
                seen[f"{reader.__name__}:ok"] += 1
            except BatchError as exc:
                assert exc.code in bf.MESSAGES and exc.message
                seen[f"{reader.__name__}:{exc.code}"] += 1

    start = time.perf_counter()
    run()
    took = time.perf_counter() - start
    print(f"\nfuzz: {seen['examples']} inputs in {took:.1f} s: {dict(sorted(seen.items()))}")
    assert seen["examples"] >= FUZZ_EXAMPLES, dict(seen)
