"""The bureau's side: register schools, import their real batch files, refuse what must be refused."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from tests.conftest import PASSWORD, held_at, make_school, pupil_draft
from xueji_desktop.bureau import accounts, importer
from xueji_desktop.bureau.importer import BureauError
from xueji_desktop.bureau.store import (
    BureauEvent,
    ChainBreak,
    EventConflict,
    HeldBatch,
    ImportedBatch,
    RegisteredSchool,
    SchoolRestore,
    open_store,
)
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.exchange import batch_format, keys, outbox, school_keys
from xueji_desktop.store.models import Event

BUREAU_PW = "bureau-pass-1"


@pytest.fixture(scope="module")
def world(tmp_path_factory, bureau_backend):
    """A bureau store (on SQLite, then on PostgreSQL), and one school that exported five batches (and its
    public key file)."""
    root = tmp_path_factory.mktemp("bureau")
    db = bureau_backend.new(root)
    key_path, fp = importer.init_bureau(db, "测试县教育局", "210811", BUREAU_PW, key_file=root / "bureau.xjkey",
                                        display_name="李科长")
    info = keys.read_public_key_file(key_path)
    assert info.kind == "bureau" and info.fingerprint == fp
    with held_at(dt.datetime(2026, 9, 1, 9)):
        ws = make_school(root / "school.sqlite3")
        school_keys.create_keys(ws, PASSWORD)
        school_keys.trust_bureau(ws, key_path, fp)
        stick = root / "stick"
        for i in range(5):
            for j in range(i + 1):
                enrolment.enrol(ws, pupil_draft(name=f"学生{chr(0x4e00 + 10 * i + j)}", seq=400 + 10 * i + j))
            result = outbox.export_to(ws, PASSWORD, stick)
            assert result.failed is None
    school_key = root / "school.xjkey"
    school_key.write_bytes(school_keys.school_public_key_bytes(ws))
    events = outbox.event_dicts(list(Event.select().order_by(Event.seq).dicts()))
    files = sorted((stick / "xueji").glob("*.xjb"))
    assert [f.name for f in files] == [f"2108110001-{n:05d}.xjb" for n in range(1, 6)]
    ws.close()
    store = open_store(db)
    accounts.sign_in(store, "admin", BUREAU_PW)
    importer.register_school(store, "2108110001", None, school_key)
    pair = importer.unlock(store, BUREAU_PW)
    yield {"root": root, "db": db, "key": key_path, "store": store, "files": files, "events": events,
           "school_key": school_key, "pair": pair, "stick": stick}
    store.close()
    bureau_backend.drop(db)


@pytest.fixture
def bureau(world):
    store = world["store"]
    _reset(store)
    yield world
    _reset(store)


def _reset(store):
    from xueji_desktop.bureau.case_models import BureauCase, BureauDecision, BureauPupil, ReplyBatch, ReplyItem

    for model in (ReplyItem, ReplyBatch, BureauDecision, BureauCase, BureauPupil,
                  EventConflict, ChainBreak, SchoolRestore, BureauEvent, HeldBatch, ImportedBatch):
        model.delete().execute()
    RegisteredSchool.update(revoked_at=None).execute()


def state():
    return (sorted((e.uuid, e.seq, e.content_hash, e.payload) for e in BureauEvent.select()),
            sorted((b.batch_no, b.hash, b.new_count, b.duplicate_count, b.conflict_count)
                   for b in ImportedBatch.select()),
            sorted((c.uuid, c.incoming_hash) for c in EventConflict.select()),
            HeldBatch.select().count())


def test_round_trip_events_equal_and_receipts(bureau):
    store = bureau["store"]
    plans = importer.dry_run(store, BUREAU_PW, [bureau["stick"]])
    assert [p.status for p in plans] == ["imported"] * 5 and all(p.dry_run for p in plans)
    assert BureauEvent.select().count() == 0 and ImportedBatch.select().count() == 0  # dry run: nothing
    seen = []
    results = importer.import_batches(store, BUREAU_PW, [bureau["stick"]], progress=lambda d, t: seen.append((d, t)))
    assert [r.batch_no for r in results] == [1, 2, 3, 4, 5] and seen[-1] == (5, 5)
    assert sum(r.new for r in results) == len(bureau["events"])
    assert [r.new for r in results] == [p.new for p in plans]
    stored = [json.loads(e.payload) for e in BureauEvent.select().order_by(BureauEvent.seq)]
    assert stored == bureau["events"]
    r = results[2]
    assert "第 3 批" in r.receipt and "2108110001" in r.receipt and r.hash in r.receipt
    assert ImportedBatch.get(ImportedBatch.batch_no == 3).receipt == r.receipt
    assert "已导入" in r.line


def test_import_twice_and_ten_times_changes_nothing(bureau):
    store = bureau["store"]
    importer.import_batches(store, bureau["pair"], [bureau["stick"]])
    first = state()
    for _ in range(10):
        plans = importer.import_batches(store, bureau["pair"], [bureau["stick"]])
        assert all(p.refused and p.code == "duplicate_batch" and p.reason.startswith("重复导入") for p in plans)
        assert state() == first


def test_wrong_password_changes_nothing(bureau):
    with pytest.raises(BureauError, match="密码不正确"):
        importer.import_batches(bureau["store"], "wrong", [bureau["stick"]])
    assert ImportedBatch.select().count() == 0


def test_all_120_orders_of_five_batches_give_the_same_state(bureau):
    store, files, pair = bureau["store"], bureau["files"], bureau["pair"]
    importer.import_batches(store, pair, files)
    expected = state()
    assert expected[3] == 0
    for order in itertools.permutations(range(5)):
        _reset(store)
        for k, i in enumerate(order):
            before = {b.batch_no for b in ImportedBatch.select()}
            (plan, *released) = importer.import_batches(store, pair, [files[i]])
            last = max(before, default=0)
            if i + 1 > last + 1:
                missing = [n for n in range(last + 1, i + 1) if n - 1 not in order[:k]]
                assert plan.status == "held", order
                assert plan.reason.startswith(f"等待第 {', '.join(map(str, missing))} 批"), (order, plan.reason)
            else:
                assert plan.status == "imported"
                assert all(r.status == "imported" and r.via_held for r in released)
        assert state() == expected, order


def test_gaps_named_in_one_run_and_held_file_given_again(bureau):
    store, files, pair = bureau["store"], bureau["files"], bureau["pair"]
    plans = importer.import_batches(store, pair, [files[1], files[3]])
    assert [p.status for p in plans] == ["held", "held"]
    assert "批次号缺失（缺第 1 批）" in plans[0].reason
    assert plans[1].reason.startswith("等待第 1, 3 批")
    dry = importer.dry_run(store, pair, [files[0]])
    assert [(p.batch_no, p.status) for p in dry] == [(1, "imported"), (2, "imported")]
    assert ImportedBatch.select().count() == 0
    plans = importer.import_batches(store, pair, files)  # the whole stick again
    assert [(p.batch_no, p.status) for p in plans] == [(n, "imported") for n in range(1, 6)]
    assert not any(p.refused for p in plans) and HeldBatch.select().count() == 0


def _reseal(data, events, *, school_code="2108110001", sender, recipient, batch_no=None, prev_hash="keep"):
    h = batch_format.read_header(data)
    return batch_format.seal(events, school_code=school_code, batch_no=batch_no or h.batch_no,
                             prev_hash=h.prev_hash if prev_hash == "keep" else prev_hash,
                             created_at=h.created_at, sender_key=sender, recipient_public=recipient,
                             chain_prev=events[0].get("prev_hash") if events else None)


def test_each_refusal_has_its_own_message(bureau, tmp_path):
    store, files, pair = bureau["store"], bureau["files"], bureau["pair"]
    first = files[0].read_bytes()
    events = [e for e in bureau["events"] if e["seq"] <= batch_format.read_header(first).last_seq]
    school_pair = None

    def refused(data, name):
        path = tmp_path / name
        path.write_bytes(data)
        before = state()
        (plan,) = importer.import_batches(store, pair, [path])
        assert plan.refused and state() == before
        return plan

    # wrong bureau key: encrypted to another bureau
    other_bureau = keys.BureauKeys.generate()
    intruder = keys.SchoolKeys.generate()
    p = refused(_reseal(first, events, sender=intruder, recipient=other_bureau.encryption_public), "a.xjb")
    assert p.code == "unknown_key"
    # unregistered school
    p = refused(_reseal(first, events, school_code="2108119999", sender=intruder,
                        recipient=pair.encryption_public), "b.xjb")
    assert p.code == "unknown_school" and "未登记的学校" in p.reason
    # re-signed by another (registered) school
    other_file = tmp_path / "other.xjkey"
    keys.write_public_key_file(other_file, keys.school_public_key_file(intruder, code="2108110002", name="别的学校"))
    importer.register_school(store, None, None, other_file)
    p = refused(_reseal(first, events, sender=intruder, recipient=pair.encryption_public), "c.xjb")
    assert p.code == "unknown_key" and "由学校 2108110002 的密钥签发" in p.reason
    # the right school key, encrypted to another bureau: 非本局公钥 — crafted with a known school key
    school_pair = keys.SchoolKeys.generate()
    mine = tmp_path / "mine.xjkey"
    keys.write_public_key_file(mine, keys.school_public_key_file(school_pair, code="2108110003", name="第三学校"))
    importer.register_school(store, None, None, mine)
    p = refused(_reseal(first, events, school_code="2108110003", sender=school_pair,
                        recipient=other_bureau.encryption_public), "d.xjb")
    assert p.code == "recipient" and p.reason.startswith("非本局公钥")
    # signature broken (last byte of the signature flipped)
    bad = bytearray(first)
    bad[-1] ^= 1
    p = refused(bytes(bad), "e.xjb")
    assert p.code == "signature" and p.reason.startswith("签名无效")
    # truncated
    p = refused(first[:-10], "f.xjb")
    assert p.code == "framing" and "文件不完整" in p.reason
    # revoked key
    importer.revoke(store, "2108110001")
    p = refused(first, "g.xjb")
    assert p.code == "revoked" and "已吊销" in p.reason
    RegisteredSchool.update(revoked_at=None).where(RegisteredSchool.code == "2108110001").execute()
    # a replayed old batch: same number, another file (re-sealed by the school key thief)
    importer.import_batches(store, pair, files[:2])
    p = refused(files[0].read_bytes(), "h.xjb")
    assert p.code == "duplicate_batch" and p.reason.startswith("重复导入")
    RegisteredSchool.delete().where(RegisteredSchool.code.in_(["2108110002", "2108110003"])).execute()


def test_conflict_is_recorded_never_overwritten(bureau, tmp_path):
    store, files, pair = bureau["store"], bureau["files"], bureau["pair"]
    importer.import_batches(store, pair, files[:1])
    # the school's key (taken from its database) seals batch 2 repeating one event with other content
    # and one event unchanged: a conflict and a duplicate

    ws_pair = _school_pair(bureau)
    one = json.loads(BureauEvent.select().order_by(BureauEvent.seq).first().payload)
    two = json.loads(BureauEvent.select().order_by(BureauEvent.seq.desc()).first().payload)
    changed = dict(one, summary=one["summary"] + "（改）")
    first = files[0].read_bytes()
    data = _reseal(first, sorted([changed, two], key=lambda e: e["seq"]), sender=ws_pair,
                   recipient=pair.encryption_public, batch_no=2, prev_hash=batch_format.batch_hash(first))
    path = tmp_path / "2108110001-00002.xjb"
    path.write_bytes(data)
    (plan,) = importer.dry_run(store, pair, [path])
    assert (plan.new, plan.duplicates, plan.conflicts) == (0, 1, 1)
    assert EventConflict.select().count() == 0
    (plan,) = importer.import_batches(store, pair, [path])
    assert (plan.status, plan.new, plan.duplicates, plan.conflicts) == ("imported", 0, 1, 1)
    c = EventConflict.get()
    assert c.uuid == one["uuid"] and not c.resolved and json.loads(c.incoming_payload) == changed
    assert json.loads(BureauEvent.get(BureauEvent.uuid == one["uuid"]).payload) == one  # never overwritten

    # a person settles it: a reason is required; taking the new content replaces the event, keeps the old
    from xueji_desktop.bureau import conflicts

    [(head, diffs)] = [conflicts.describe(x) for x in conflicts.open_conflicts()]
    assert [d.key for d in diffs] == ["summary"] and diffs[0].incoming == changed["summary"]
    with pytest.raises(BureauError, match="至少 4 个字"):
        conflicts.resolve(store, c.id, conflicts.TAKE_INCOMING, note="好")
    assert not EventConflict.get().resolved
    conflicts.resolve(store, c.id, conflicts.TAKE_INCOMING, note="已与学校电话核实，以新内容为准")
    settled = EventConflict.get()
    assert settled.resolved and settled.resolution == "incoming" and json.loads(settled.stored_payload) == one
    assert json.loads(BureauEvent.get(BureauEvent.uuid == one["uuid"]).payload) == changed
    assert conflicts.open_conflicts() == []
    with pytest.raises(BureauError, match="处理过"):
        conflicts.resolve(store, c.id, conflicts.KEEP_STORED, note="再处理一次试试")


def _school_pair(bureau):
    from xueji_desktop.core.school.workspace import Workspace

    ws = Workspace(bureau["root"] / "school.sqlite3")
    try:
        return school_keys.unlock_school_key(PASSWORD)
    finally:
        ws.close()


def test_register_and_revoke_rules(bureau, tmp_path):
    store = bureau["store"]
    row = importer.register_school(store, "2108110001", None, bureau["school_key"])  # twice: no change
    assert row.revoked_at is None
    with pytest.raises(BureauError, match="不符"):
        importer.register_school(store, "2108110009", None, bureau["school_key"])
    with pytest.raises(BureauError, match="不是学校的公钥文件"):
        importer.register_school(store, None, None, bureau["key"])
    with pytest.raises(BureauError, match="未登记"):
        importer.revoke(store, "2108119999")
    assert importer.revoke(store, "2108110001").revoked_at is not None
    with pytest.raises(BureauError, match="已被吊销"):
        importer.register_school(store, None, None, bureau["school_key"])
    with pytest.raises(BureauError, match="已经建立过"):
        importer.init_bureau(bureau["db"], "x", "1", "pw")


def _cli(argv):
    import argparse

    from xueji_desktop import cli_bureau

    parser = argparse.ArgumentParser(prog="xueji")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command")

    def add(name, help_text, func):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=argparse.SUPPRESS)
        p.set_defaults(func=func)
        return p

    cli_bureau.add_parsers(sub, add)
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_init_register_import(world, bureau_target, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XUEJI_PASSWORD", "cli-pass-1")
    monkeypatch.chdir(tmp_path)  # a database URL has no folder: the key file goes to the current one
    db = bureau_target
    assert _cli(["bureau", "init", "--db", db, "--name", "某县教育局", "--county", "210811"]) == 0
    out = capsys.readouterr().out
    assert "公钥指纹" in out and "xjkey" in out
    try:
        assert _cli(["bureau", "register-school", "--db", db, "--code", "2108110001",
                     "--key", str(world["school_key"])]) == 0
        # the school's batches are encrypted to the other bureau: refused, nothing changed, exit 2
        assert _cli(["bureau", "import", "--db", db, "--dry-run", str(world["stick"])]) == 2
        out = capsys.readouterr().out
        assert out.count("拒绝导入") == 5 and "非本局公钥" in out
        assert _cli(["bureau", "revoke", "--db", db, "--code", "2108110001"]) == 0
        assert "已吊销" in capsys.readouterr().out
    finally:
        open_store(world["db"])  # the module's bureau store again (one bureau store per process)
