"""Refusals of the exchange that tests/test_bureau_import.py and tests/test_replies.py do not check yet,
each with its own message, and nothing changed by any of them:

- at the bureau: a batch signed by an unregistered key of the same school code; a replayed old batch (the
  same number, other content, signed with the school's real key); and all the bureau's refusals side by
  side, each with a message of its own;
- at the school: a replayed older reply (the same number, other content, signed with the bureau's real
  key) and the same reply file again; and all the school's refusals side by side.
"""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, pupil_draft
from tests.test_exchange_roundtrip import bureau_dump, school_dump
from tests.test_replies import BUREAU_PW, DAY, A, B, World
from xueji_desktop.bureau import importer
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.exchange import batch_format, keys, outbox, replies, school_keys
from xueji_desktop.store.models import Event, InboxBatch


@pytest.fixture
def world(tmp_path, bureau_target):
    """Two registered schools; school A has exported two batches (one pupil each)."""
    w = World(tmp_path, bureau_target)
    for name, seq in (("张三", 447), ("李四", 449)):
        ws = w.school(A)
        enrolment.enrol(ws, pupil_draft(name=name, seq=seq))
        ws.close()
        w.export(A)
    return w


def files_of(w, code):
    return sorted((w.stick / code / "xueji").glob("*.xjb"))


def school_pair(w, code) -> keys.SchoolKeys:
    ws = w.school(code)
    try:
        return school_keys.unlock_school_key(PASSWORD)
    finally:
        ws.close()


def events_of(w, code) -> list[dict]:
    ws = w.school(code)
    try:
        return outbox.event_dicts(list(Event.select().order_by(Event.seq).dicts()))
    finally:
        ws.close()


def reseal(data: bytes, events: list[dict], *, sender, recipient, school_code=A) -> bytes:
    h = batch_format.read_header(data)
    chosen = [e for e in events if h.first_seq <= e["seq"] <= h.last_seq]
    return batch_format.seal(chosen, school_code=school_code, batch_no=h.batch_no, prev_hash=h.prev_hash,
                             created_at=h.created_at, sender_key=sender, recipient_public=recipient)


def refused_at_bureau(w, store, pair, data: bytes, name: str) -> importer.Plan:
    path = w.root / name
    path.write_bytes(data)
    before = bureau_dump()
    assert [p.status for p in importer.dry_run(store, pair, [path])] == ["refused"]
    (plan,) = importer.import_batches(store, pair, [path])
    assert plan.refused and plan.reason, plan.line
    assert bureau_dump() == before, plan.line
    return plan


# --- at the bureau --------------------------------------------------------------------------------------

def test_every_refusal_at_the_bureau_has_its_own_message(world):
    files = files_of(world, A)
    first = files[0].read_bytes()
    events = events_of(world, A)
    a_key, b_key = school_pair(world, A), school_pair(world, B)
    other_bureau = keys.BureauKeys.generate()
    with world.bureau() as store:
        pair = importer.unlock(store, BUREAU_PW)
        importer.import_batches(store, pair, files)
        ours = pair.encryption_public
        thief = keys.SchoolKeys.generate()
        cases = {
            "wrong school key": reseal(first, events, sender=thief, recipient=ours),
            "wrong bureau key": reseal(first, events, sender=a_key, recipient=other_bureau.encryption_public),
            "another school's key": reseal(first, events, sender=b_key, recipient=ours),
            "replayed old batch": reseal(first, [dict(e, summary="改") for e in events], sender=a_key,
                                         recipient=ours),
            "the same batch again": first,
        }
        plans = {what: refused_at_bureau(world, store, pair, data, f"{i}.xjb")
                 for i, (what, data) in enumerate(cases.items())}
        importer.revoke(store, A)
        plans["revoked key"] = refused_at_bureau(world, store, pair, files[1].read_bytes(), "revoked.xjb")
    codes = {what: p.code for what, p in plans.items()}
    assert codes == {"wrong school key": "unknown_key", "wrong bureau key": "recipient",
                     "another school's key": "unknown_key", "replayed old batch": "replay",
                     "the same batch again": "duplicate_batch", "revoked key": "revoked"}
    reasons = {what: p.reason for what, p in plans.items()}
    assert len(set(reasons.values())) == len(reasons), reasons
    assert reasons["wrong school key"] == (f"学校签名密钥未登记（学校代码 {A}，"
                                           f"密钥指纹 {keys.fingerprint(thief.signing_public)}）")
    assert reasons["wrong bureau key"].startswith("非本局公钥")
    assert f"却由学校 {B} 的密钥签发" in reasons["another school's key"]
    assert reasons["replayed old batch"] == "重复导入（第 1 批已导入过，但此文件与已导入的不同：旧批次被重放或被改动）"
    assert reasons["the same batch again"].startswith("重复导入（第 1 批已于 ")
    assert "已吊销" in reasons["revoked key"]


# --- at the school --------------------------------------------------------------------------------------

def _two_replies(world):
    """A imports reply 1 (receipt of batches 1–2), reports it in batch 3, and gets reply 2."""
    world.bureau_import(A)
    world.reply(A)
    [first] = world.import_reply(A)
    assert first.status == "imported", first.message
    world.export(A)
    world.bureau_import(A)
    world.reply(A)
    return sorted((world.stick / f"reply-{A}").rglob("*.xjr"))


def test_every_refusal_at_the_school_has_its_own_message(world):
    files = _two_replies(world)
    assert [f.name for f in files] == [f"{A}-回执-00001.xjr", f"{A}-回执-00002.xjr"]
    with world.bureau() as store:
        bureau_pair = importer.unlock(store, BUREAU_PW)
    b_pair = school_pair(world, B)
    change_batch = files_of(world, A)[0].read_bytes()
    other_bureau = keys.BureauKeys.generate()
    item = [{"seq": 1, "kind": "receipt", "case_uuid": None, "party": None, "created_at": f"{DAY}T15:00:00",
             "payload": {"batch_no": 9, "hash": "0" * 64, "new": 0, "duplicates": 0, "conflicts": 0,
                         "receipt": "伪造"}}]
    ws = world.school(A)
    try:
        pair = school_keys.unlock_school_key(PASSWORD)
        [second] = replies.import_replies(ws, PASSWORD, [files[1]])
        assert second.status == "imported", second.message
        after_first = batch_format.batch_hash(files[0].read_bytes())

        def reply(code, sender, recipient, batch_no=3, prev_hash=batch_format.batch_hash(files[1].read_bytes())):
            return batch_format.seal(item, school_code=code, batch_no=batch_no, prev_hash=prev_hash,
                                     created_at=DAY, sender_key=sender, recipient_public=recipient,
                                     kind=batch_format.REPLY)

        cases = {
            "a reply for another school": reply(B, bureau_pair.signing, b_pair.encryption_public),
            "from another bureau": reply(A, other_bureau.signing, pair.encryption_public),
            "a change batch given as a reply": change_batch,
            # reply 1 again with other content, under the bureau's real signature
            "a replayed older reply": reply(A, bureau_pair.signing, pair.encryption_public, 1, None),
            "a reply after a gap": reply(A, bureau_pair.signing, pair.encryption_public, 4, after_first),
        }
        before = school_dump()
        outcomes = {}
        for i, (what, data) in enumerate(cases.items()):
            path = world.root / f"{i}.xjr"
            path.write_bytes(data)
            outcomes[what] = replies.import_reply(ws, pair, path)
            assert outcomes[what].message == f"拒绝导入 {i}.xjr：{outcomes[what].reason}"
        # the very file of reply 1 again: skipped, not applied twice
        same = replies.import_reply(ws, pair, files[0])
        assert same.status == "skipped" and "导入过，未重复处理" in same.reason
        assert school_dump() == before
        assert InboxBatch.select().count() == 2
    finally:
        ws.close()
    assert {o.status for o in outcomes.values()} == {"refused"}, {w: o.message for w, o in outcomes.items()}
    reasons = {what: o.reason for what, o in outcomes.items()}
    assert len(set(reasons.values())) == len(reasons), reasons
    assert reasons["a reply for another school"] == f"这份回执是给学校 {B} 的，不是本校（{A}）的"
    assert reasons["from another bureau"] == "签名密钥不是本校登记的教育局公钥：回执不是本县教育局签发的"
    assert reasons["a change batch given as a reply"] == "这是学校的变更批次，不是教育局的回执"
    assert reasons["a replayed older reply"] == "回执第 1 批已导入过，但此文件与已导入的不同：旧回执被重放或被改动"
    assert reasons["a reply after a gap"].startswith("回执批次号缺失：请先导入第 3 批回执"), reasons
