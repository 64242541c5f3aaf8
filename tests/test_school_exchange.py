"""The school's side of the exchange: keys, the outbox, and writing batches to a stick."""

from __future__ import annotations

import datetime as dt
import errno
import os

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.exchange import batch_format, keys, outbox, school_keys, stick
from xueji_desktop.core.exchange.school_keys import KeyRefused
from xueji_desktop.store.models import BureauKey, Event, OutboxBatch, SchoolKey

BUREAU_NAME = "测试县教育局"


@pytest.fixture(scope="module")
def bureau_keys():
    return keys.BureauKeys.generate()


def bureau_key_file(tmp_path, bureau):
    path = tmp_path / "bureau.xjkey"
    keys.write_public_key_file(path, keys.bureau_public_key_file(bureau, code="210811", name=BUREAU_NAME))
    return path


def ready_school(tmp_path, bureau, name="school.sqlite3"):
    ws = make_school(tmp_path / name)
    school_keys.create_keys(ws, PASSWORD)
    school_keys.trust_bureau(ws, bureau_key_file(tmp_path, bureau), bureau.fingerprint)
    return ws


@pytest.fixture
def ws(tmp_path, bureau_keys):
    w = ready_school(tmp_path, bureau_keys)
    yield w
    w.close()


def enrol_some(ws, n, start=400):
    for i in range(n):
        enrolment.enrol(ws, pupil_draft(name=f"学生{chr(0x4e00 + start + i)}", seq=start + i))


def snapshot():
    return ([(b.batch_no, bytes(b.data), b.hash, b.written_to, b.acknowledged_at) for b in OutboxBatch.select()],
            list(Event.select(Event.seq, Event.batch_no).order_by(Event.seq).tuples()))


# keys ------------------------------------------------------------------------------------------------
def test_school_keys_are_created_once_and_refuse_a_wrong_password(tmp_path):
    ws = make_school(tmp_path / "k.sqlite3")
    assert school_keys.school_fingerprint(ws) is None
    with pytest.raises(KeyRefused, match="密码不正确"):
        school_keys.create_keys(ws, "wrong-password")
    assert SchoolKey.select().count() == 0
    before = Event.select().count()
    row = school_keys.create_keys(ws, PASSWORD)
    assert Event.select().count() == before + 1
    assert Event.select().order_by(Event.seq.desc()).first().kind == "school_keys_created"
    fp = school_keys.school_fingerprint(ws)
    assert fp == row.fingerprint == keys.fingerprint(bytes(row.encryption_public) + bytes(row.public_key))
    assert [len(g) for g in fp.split()] == [5] * 8
    assert PASSWORD.encode() not in bytes(row.private_protected)
    with pytest.raises(KeyRefused, match="密码不正确"):
        school_keys.unlock_school_key("wrong-password")
    assert school_keys.unlock_school_key(PASSWORD).signing_public == bytes(row.public_key)
    with pytest.raises(KeyRefused, match="已存在"):
        school_keys.create_keys(ws, PASSWORD)
    info = keys.parse_public_key_file(school_keys.school_public_key_bytes(ws))
    assert info.kind == "school" and info.fingerprint == fp
    ws.close()


def test_bureau_key_trusted_only_with_the_letters_fingerprint(tmp_path, bureau_keys):
    ws = make_school(tmp_path / "b.sqlite3")
    path = bureau_key_file(tmp_path, bureau_keys)
    other = keys.BureauKeys.generate().fingerprint
    with pytest.raises(KeyRefused) as refused:
        school_keys.trust_bureau(ws, path, other)
    assert other in refused.value.message and bureau_keys.fingerprint in refused.value.message
    with pytest.raises(KeyRefused, match="未填写"):
        school_keys.trust_bureau(ws, path, "")
    assert BureauKey.select().count() == 0
    # typed with dashes and no spaces: the digits count
    typed = bureau_keys.fingerprint.replace(" ", "-")
    row = school_keys.trust_bureau(ws, path, typed)
    assert row.fingerprint == bureau_keys.fingerprint and row.confirmed_by.username == "registrar"
    assert school_keys.trust_bureau(ws, path, bureau_keys.fingerprint).id == row.id  # twice: no change
    assert BureauKey.select().count() == 1
    school_file = tmp_path / "school.xjkey"
    keys.write_public_key_file(school_file, keys.school_public_key_file(keys.SchoolKeys.generate(),
                                                                       code="2108110002", name="别的学校"))
    with pytest.raises(KeyRefused, match="不是教育局"):
        school_keys.trust_bureau(ws, school_file, bureau_keys.fingerprint)
    with pytest.raises(KeyRefused, match="找不到"):
        school_keys.trust_bureau(ws, tmp_path / "missing.xjkey", bureau_keys.fingerprint)
    ws.close()


# the outbox ------------------------------------------------------------------------------------------
def test_seal_numbers_events_once_and_chains_batches(ws):
    enrol_some(ws, 3)
    with pytest.raises(KeyRefused, match="密码不正确"):
        outbox.seal_next_batch(ws, "wrong-password")
    assert OutboxBatch.select().count() == 0
    assert Event.select().where(Event.batch_no.is_null()).count() > 0

    first = outbox.seal_next_batch(ws, PASSWORD)
    assert first.batch_no == 1 and first.prev_hash == outbox.FIRST_PREV_HASH
    assert first.hash == batch_format.batch_hash(bytes(first.data))
    seqs = [s for (s,) in Event.select(Event.seq).order_by(Event.seq).tuples()]
    assert (first.first_seq, first.last_seq, first.event_count) == (seqs[0], seqs[-1], len(seqs))
    assert Event.select().where(Event.batch_no.is_null()).count() == 0
    assert set(Event.select(Event.batch_no).tuples()) == {(1,)}
    assert outbox.seal_next_batch(ws, PASSWORD) is None  # nothing new

    enrol_some(ws, 2, start=500)
    new = Event.select().where(Event.batch_no.is_null()).count()
    second = outbox.seal_next_batch(ws, PASSWORD)
    assert second.batch_no == 2 and second.prev_hash == first.hash and second.event_count == new
    assert second.first_seq == first.last_seq + 1
    assert Event.select().where(Event.batch_no == 2).count() == new
    assert [b.batch_no for b in outbox.pending_batches(ws)] == [1, 2]
    header = batch_format.read_header(bytes(second.data))
    assert _field(header, "batch_no") == 2 and _field(header, "school") == "2108110001"
    assert outbox.acknowledge(ws, 1, "receipt-1") == 1
    assert [b.batch_no for b in outbox.pending_batches(ws)] == [2]


def _field(header, name):
    return header[name] if isinstance(header, dict) else getattr(header, name)


def test_sealing_needs_keys_and_a_trusted_bureau(tmp_path, bureau_keys):
    ws = make_school(tmp_path / "n.sqlite3")
    with pytest.raises(KeyRefused, match="教育局公钥"):
        outbox.seal_next_batch(ws, PASSWORD)
    school_keys.trust_bureau(ws, bureau_key_file(tmp_path, bureau_keys), bureau_keys.fingerprint)
    with pytest.raises(KeyRefused, match="尚未生成密钥"):
        outbox.seal_next_batch(ws, PASSWORD)
    assert OutboxBatch.select().count() == 0
    ws.close()


# the stick -------------------------------------------------------------------------------------------
def test_write_twice_gives_identical_verified_files(ws, tmp_path):
    enrol_some(ws, 2)
    batch = outbox.seal_next_batch(ws, PASSWORD)
    seen = []
    a = stick.write_batch(batch, tmp_path / "E1", progress=lambda done, total: seen.append((done, total)))
    b = stick.write_batch(batch, tmp_path / "E2")
    c = stick.write_batch(batch, tmp_path / "E1")  # over the earlier copy
    assert a.path.name == "2108110001-00001.xjb" and a.path.parent.name == "xueji"
    assert a.path.read_bytes() == b.path.read_bytes() == c.path.read_bytes() == bytes(batch.data)
    assert seen[-1][0] == seen[-1][1]
    assert a.message == f"第 1 批，共 {batch.event_count} 项变更，已写入 {a.path} 并校验无误"
    assert list((tmp_path / "E1" / "xueji").iterdir()) == [a.path]  # no .part left
    assert stick.batch_files(tmp_path / "E1") == [a.path]


def test_export_seals_then_writes_every_unacknowledged_batch(ws, tmp_path):
    enrol_some(ws, 1)
    r1 = outbox.export_to(ws, PASSWORD, tmp_path / "E")
    enrol_some(ws, 1, start=600)
    r2 = outbox.export_to(ws, PASSWORD, tmp_path / "E")
    assert r1.sealed.batch_no == 1 and r2.sealed.batch_no == 2
    assert [w.batch_no for w in r2.written] == [1, 2]
    assert OutboxBatch.get(OutboxBatch.batch_no == 2).written_to == str(r2.written[-1].path)
    r3 = outbox.export_to(ws, PASSWORD, tmp_path / "F")
    assert r3.sealed is None and outbox.NOTHING_TO_EXPORT in r3.message and len(r3.written) == 2


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "空间不足"), (errno.EROFS, "只读"),
                                        (errno.EIO, "已拔出"), (errno.ENOENT, "已拔出")])
def test_a_failing_stick_leaves_no_importable_file_and_the_outbox_unchanged(ws, tmp_path, monkeypatch, code, words):
    enrol_some(ws, 2)
    assert outbox.seal_next_batch(ws, PASSWORD).batch_no == 1
    before = snapshot()
    target = tmp_path / "stick"
    real_write = os.write
    written = []

    def failing_write(fd, data):  # the first chunk goes out, then the stick fails
        if written:
            raise OSError(code, os.strerror(code))
        written.append(len(data))
        return real_write(fd, bytes(data)[:max(1, len(data) // 2)])

    monkeypatch.setattr(stick.os, "write", failing_write)
    monkeypatch.setattr(stick, "CHUNK", 97)
    with pytest.raises(stick.StickError) as refused:
        outbox.write_pending(ws, target)
    monkeypatch.undo()
    assert words in refused.value.message
    assert stick.batch_files(target) == []
    assert not any(target.rglob("*.part"))  # removed when the folder still allows it
    assert snapshot() == before


def test_a_full_stick_through_export(ws, tmp_path, monkeypatch):
    enrol_some(ws, 1)
    real_write = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(stick.os, "write", full)
    result = outbox.export_to(ws, PASSWORD, tmp_path / "stick")
    monkeypatch.setattr(stick.os, "write", real_write)
    assert result.sealed.batch_no == 1 and result.written == []
    assert "U 盘空间不足" in result.failed.message and "U 盘空间不足" in result.message
    assert stick.batch_files(tmp_path / "stick") == []
    assert OutboxBatch.get().written_to == "" and Event.select().where(Event.batch_no.is_null()).count() == 0


def test_a_read_only_folder(ws, tmp_path, monkeypatch):
    enrol_some(ws, 1)
    batch = outbox.seal_next_batch(ws, PASSWORD)
    before = snapshot()
    folder = tmp_path / "ro"
    (folder / "xueji").mkdir(parents=True)
    if os.geteuid() != 0:
        os.chmod(folder / "xueji", 0o555)
    else:  # root writes through permissions: the file system says read-only instead
        real_open = os.open

        def read_only(path, flags, *args, **kwargs):
            if str(path).startswith(str(folder)) and flags & (os.O_WRONLY | os.O_RDWR):
                raise OSError(errno.EROFS, "Read-only file system")
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(stick.os, "open", read_only)
    try:
        with pytest.raises(stick.StickError, match="U 盘为只读"):
            stick.write_batch(batch, folder)
    finally:
        monkeypatch.undo()
        os.chmod(folder / "xueji", 0o755)
    assert list((folder / "xueji").iterdir()) == []
    assert snapshot() == before


def test_a_failed_read_back_removes_the_file(ws, tmp_path, monkeypatch):
    enrol_some(ws, 1)
    batch = outbox.seal_next_batch(ws, PASSWORD)
    real_read = stick.Path.read_bytes
    monkeypatch.setattr(stick.Path, "read_bytes", lambda self: real_read(self)[:-1])
    with pytest.raises(stick.StickError, match="校验失败"):
        stick.write_batch(batch, tmp_path / "bad")
    monkeypatch.undo()
    assert list((tmp_path / "bad" / "xueji").iterdir()) == []


def test_removable_drives_from_the_mount_table(tmp_path, monkeypatch):
    stick_dir = tmp_path / "media" / "registrar" / "MY STICK"
    stick_dir.mkdir(parents=True)
    mounts = tmp_path / "mounts"
    escaped = str(stick_dir).replace(" ", "\\040")
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 {escaped} vfat rw,nosuid 0 0\n"
                      f"/dev/sdc1 {tmp_path}/media/cd iso9660 ro 0 0\n")
    (tmp_path / "media" / "cd").mkdir()
    drives = stick._mounted_drives(str(mounts), roots=(str(tmp_path / "media") + "/",))
    assert [(d.label, d.path, d.writable) for d in drives] == [
        ("MY STICK", str(stick_dir), True), ("cd", f"{tmp_path}/media/cd", False)]
    assert drives[0].free_bytes > 0 and "可用" in drives[0].text
    assert isinstance(stick.removable_drives(), list)


def test_export_of_many_events(tmp_path, bureau_keys):
    """10,000 events sealed in one batch and written to the stick (its speed: `python -m bench`, export)."""
    import json
    import uuid

    ws = ready_school(tmp_path, bureau_keys, "big.sqlite3")
    author = ws.user
    last = Event.select().order_by(Event.seq.desc()).first().seq
    rows = [{"uuid": str(uuid.uuid4()), "seq": last + i + 1, "kind": "routine_info_changed", "student": None,
             "payload": json.dumps({"field": "phone", "old": "13904171234", "new": f"1390417{i:04d}"}),
             "summary": "信息变更：联系电话", "author": author, "created_at": dt.datetime(2026, 9, 1, 9, 0)}
            for i in range(10_000)]
    with ws.db.atomic():
        for i in range(0, len(rows), 500):
            Event.insert_many(rows[i:i + 500]).execute()
    batch = outbox.seal_next_batch(ws, PASSWORD)
    result = stick.write_batch(batch, tmp_path / "E")
    assert batch.event_count >= 10_000 and batch.last_seq == last + 10_000
    assert result.size == len(batch.data) and result.path.exists()
    ws.close()


# the command line (cli_exchange, as cli.build_parser adds it) ----------------------------------------
def run_cli(*argv):
    import argparse
    import contextlib
    import io

    from xueji_desktop import cli_exchange

    parser = argparse.ArgumentParser(prog="xueji")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command")

    def add(name, help_text, func):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=argparse.SUPPRESS)
        p.set_defaults(func=func)
        return p

    cli_exchange.add_parsers(sub, add)
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = args.func(args) or 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
            print(e.code, file=err)
    from xueji_desktop.store.connection import close_database

    close_database()
    return code, out.getvalue(), err.getvalue()


def test_command_line_keys_trust_and_export(tmp_path, bureau_keys, monkeypatch):
    db = tmp_path / "cli.sqlite3"
    make_school(db, today=dt.date(2026, 12, 7)).close()  # after the release: the command asks nothing of the clock
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    code, out, err = run_cli("keys", "show", "--db", str(db))
    assert code != 0 and "尚未生成密钥" in err
    code, out, err = run_cli("keys", "create", "--db", str(db))
    assert code == 0 and "本校公钥指纹" in out
    key_out = tmp_path / "school.xjkey"
    code, out, err = run_cli("keys", "show", "--db", str(db), "--write-key", str(key_out))
    assert code == 0, err
    fp = keys.parse_public_key_file(key_out.read_bytes()).fingerprint
    assert fp in out and "教育局公钥：尚未登记" in out

    key_file = bureau_key_file(tmp_path, bureau_keys)
    wrong = keys.BureauKeys.generate().fingerprint
    code, out, err = run_cli("keys", "trust-bureau", "--db", str(db), "--key", str(key_file), "--fingerprint", wrong)
    assert code != 0 and wrong in err and bureau_keys.fingerprint in err
    stick_dir = tmp_path / "E"
    stick_dir.mkdir()
    code, out, err = run_cli("export", "--db", str(db), "--to", str(stick_dir))
    assert code != 0 and "尚未登记教育局公钥" in err and stick.batch_files(stick_dir) == []
    code, out, err = run_cli("keys", "trust-bureau", "--db", str(db), "--key", str(key_file),
                             "--fingerprint", bureau_keys.fingerprint)
    assert code == 0 and bureau_keys.fingerprint in out

    code, out, err = run_cli("export", "--db", str(db), "--to", str(tmp_path / "missing"))
    assert code != 0 and "找不到" in err
    monkeypatch.setenv("XUEJI_PASSWORD", "wrong-password")
    code, out, err = run_cli("export", "--db", str(db), "--to", str(stick_dir))
    assert code != 0 and stick.batch_files(stick_dir) == []
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    code, out, err = run_cli("export", "--db", str(db), "--to", str(stick_dir))
    assert code == 0, err
    assert "已封存第 1 批" in out and "第 1 批，共" in out and "并校验无误" in out
    [written] = stick.batch_files(stick_dir)
    assert written.name == "2108110001-00001.xjb"
    code, out, err = run_cli("export", "--db", str(db), "--to", str(stick_dir))
    assert code == 0 and outbox.NOTHING_TO_EXPORT in out
    code, out, err = run_cli("keys", "show", "--db", str(db))
    assert "待导出的变更：0 项" in out and "（第 1 批）" in out
