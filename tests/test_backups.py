"""Backups and restore on real SQLite files: the round trip, rotation over 400 days, the sealed copy for a
stick, a backup killed mid-way, and the checks every start makes."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.backups import files, health, rotation, sealed, service
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Setting, Student

from .conftest import PASSWORD, make_school, pupil_draft

D = dt.date


def _school_with_pupils(path, n=2):
    ws = make_school(path)
    for i in range(n):
        enrolment.enrol(ws, pupil_draft(name=f"学生{'一二三四五六七八九'[i % 9]}", seq=401 + 2 * i))
    return ws


def test_backup_then_restore_brings_back_pupils_and_events_and_records_the_restore(tmp_path, clock):
    db, folder = tmp_path / "school.sqlite3", tmp_path / "backups"
    ws = _school_with_pupils(db)
    service.set_backup_folder(ws, folder)
    taken = service.take_backup(ws)
    assert files.integrity_problems(taken.path) == []
    assert taken.path.name == "xueji-2026-09-01-090000-2108110001-manual.xjbak"
    events_then = [(e.seq, e.kind, e.summary) for e in Event.select().order_by(Event.seq)]
    clock.now = dt.datetime(2026, 9, 2, 10, 0)
    enrolment.enrol(ws, pupil_draft(name="后来者", seq=499))
    last_seq = Event.select().order_by(Event.seq.desc()).first().seq
    ws.close()

    summary = service.summarize(taken.path)
    assert (summary.school_code, summary.pupils, summary.taken_at) == ("2108110001", 2, dt.datetime(2026, 9, 1, 9))
    clock.now = dt.datetime(2026, 9, 2, 11, 0)
    result = service.restore(db, taken.path, "registrar", PASSWORD, clock.now)

    assert result.kept_aside.exists() and result.before.reason == "before_restore"
    assert service.summarize(result.before.path).pupils == 3  # the replaced state is a backup too
    ws = Workspace(db)
    try:
        assert sorted(s.name for s in Student.select()) == ["学生一", "学生二"]
        events = [(e.seq, e.kind, e.summary) for e in Event.select().order_by(Event.seq)]
        assert events[:-1] == events_then
        restored = Event.select().order_by(Event.seq.desc()).first()
        assert restored.kind == "backup_restored" and restored.author.username == "registrar"
        marks = json.loads(Setting.get(Setting.key == "restore_marks").value)
        assert marks["last_seq"] == last_seq and marks["last_batch_no"] is None
        assert marks["restored_at"] == "2026-09-02T11:00:00"
        assert marks["backup_taken_at"] == "2026-09-01T09:00:00"
        assert marks["chain_head"]  # the replaced database's last event's hash
    finally:
        ws.close()


def test_restore_refused_without_the_administrators_password(tmp_path):
    db = tmp_path / "school.sqlite3"
    ws = _school_with_pupils(db, 1)
    taken = service.take_backup(ws, folder=tmp_path / "b")
    ws.close()
    before = db.read_bytes()
    from xueji_desktop.core.accounts.roles import PermissionDenied

    with pytest.raises(PermissionDenied):
        service.restore(db, taken.path, "registrar", "wrong-password", dt.datetime(2026, 9, 1, 10))
    assert db.read_bytes() == before and not list(tmp_path.glob("*.replaced-*"))


def test_rotation_over_400_days_keeps_7_daily_5_weekly_12_monthly(tmp_path, clock, monkeypatch):
    """Every day's first start backs up; what is left is the newest of each of the last 7 days, 5 ISO weeks
    and 12 months, and the "before" backups of the last 30 days plus the newest of each kind."""
    monkeypatch.setattr(files, "fsync_file", lambda path: None)  # durability is not what this test is about
    monkeypatch.setattr(files, "fsync_directory", lambda path: None)
    db, folder = tmp_path / "school.sqlite3", tmp_path / "backups"
    ws = make_school(db)
    ws.close()
    start = dt.datetime(2026, 9, 1, 8, 0)
    for day in range(400):
        clock.now = start + dt.timedelta(days=day)
        assert service.daily_backup(db, folder, "2108110001", clock.now) is not None
        assert service.daily_backup(db, folder, "2108110001", clock.now) is None  # second start that day
        if day in (10, 380, 390):
            service.take_from_path(db, folder, "2108110001", "before_promotion", clock.now)
    end = clock.now.date()
    days = [start.date() + dt.timedelta(days=i) for i in range(400)]
    expected = set(days[-7:])
    expected |= {max(d for d in days if d.isocalendar()[:2] == w)
                 for w in sorted({d.isocalendar()[:2] for d in days})[-5:]}
    expected |= {max(d for d in days if (d.year, d.month) == m) for m in sorted({(d.year, d.month) for d in days})[-12:]}
    left = files.listing(folder)
    assert sorted(b.taken_at.date() for b in left if b.reason == "daily") == sorted(expected)
    # ends on Tue 2027-10-05: 7 days, 3 more Sundays (the other 2 weeks end inside the 7 days), 10 more month ends
    assert len(expected) == 20
    before = sorted(b.taken_at.date() for b in left if b.reason == "before_promotion")
    assert before == [start.date() + dt.timedelta(days=380), start.date() + dt.timedelta(days=390)]
    assert end - before[0] <= dt.timedelta(days=rotation.BEFORE_DAYS)


@pytest.fixture(scope="module")
def sealed_copy(tmp_path_factory):
    from .conftest import held_at

    tmp = tmp_path_factory.mktemp("sealed")
    with held_at(dt.datetime(2026, 9, 1, 9)):
        ws = _school_with_pupils(tmp / "school.sqlite3", 1)
        path = service.write_sealed(ws, tmp / "stick", "长城-passphrase")
        ws.close()
    return tmp, path


def test_a_sealed_copy_opens_only_with_its_passphrase_and_only_whole(sealed_copy, tmp_path):
    tmp, path = sealed_copy
    assert path.parent == tmp / "stick" / "xueji" and not list(path.parent.glob("*.part"))
    out = service.open_sealed(path, "长城-passphrase", tmp_path / "plain.sqlite3")
    assert service.summarize(out).pupils == 1
    with pytest.raises(sealed.SealError) as refused:
        service.open_sealed(path, "wrong passphrase", tmp_path / "x")
    assert refused.value.reason == "passphrase" and not (tmp_path / "x").exists()
    data = path.read_bytes()
    size = len(data)
    header = sealed.HEADER.size
    cuts = [size - 1, size - sealed.TAG, header + 10, header, header - 1, 5]
    # cut exactly at a chunk boundary: the file looks whole but its last chunk is not marked final
    cut_chunks = header + (sealed.CHUNK + sealed.TAG) * ((size - header) // (sealed.CHUNK + sealed.TAG))
    if cut_chunks < size:
        cuts.append(cut_chunks)
    for cut in cuts:
        short = tmp_path / f"cut-{cut}{sealed.SUFFIX}"
        short.write_bytes(data[:cut])
        with pytest.raises(sealed.SealError):
            service.open_sealed(short, "长城-passphrase", tmp_path / "y")
        assert not (tmp_path / "y").exists()
    flipped = bytearray(data)
    flipped[size // 2] ^= 1
    (tmp_path / f"flip{sealed.SUFFIX}").write_bytes(bytes(flipped))
    with pytest.raises(sealed.SealError):
        sealed.verify(tmp_path / f"flip{sealed.SUFFIX}", "长城-passphrase")


def test_a_chunk_boundary_cut_is_refused(tmp_path):
    """Small chunks so a file has several: cut after any whole chunk, the last is not marked final."""
    import io

    plain = os.urandom(10_000)
    out = io.BytesIO()
    sealed.seal(io.BytesIO(plain), len(plain), out, "pass-phrase", n_log2=10, chunk=1024)
    data = out.getvalue()
    whole = tmp_path / "whole.xjenc"
    whole.write_bytes(data)
    assert b"".join(sealed.unseal(whole, "pass-phrase")) == plain
    for k in (1, 5, 9):
        cut = tmp_path / f"c{k}.xjenc"
        cut.write_bytes(data[:sealed.HEADER.size + k * (1024 + sealed.TAG)])
        with pytest.raises(sealed.SealError) as refused:
            sealed.verify(cut, "pass-phrase")
        assert refused.value.reason == "damaged"


KILL_CHILD = """
import sys, time, datetime as dt
from xueji_desktop.core.backups import service
print("ready", flush=True)
# a little slower per step than a real PC, so the kill lands inside the copy, the check or the rename
service.take_from_path(sys.argv[1], sys.argv[2], "2108110001", "manual", dt.datetime.now(),
                       progress=lambda done, total: time.sleep(0.01))
"""


def test_a_backup_killed_at_random_moments_leaves_only_complete_checked_backups(tmp_path):
    db, folder = tmp_path / "school.sqlite3", tmp_path / "backups"
    ws = _school_with_pupils(db, 3)
    # bulk: a few hundred pupils' worth of pages, written straight (the copy's length is what matters here)
    with ws.db.atomic():
        ws.db.execute_sql("CREATE TABLE ballast (x BLOB)")
        ws.db.connection().executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(2000),) for _ in range(3000)])
    ws.close()
    rng = random.Random(7)
    killed = 0
    for delay in [0.01] + [rng.uniform(0.0, 0.4) for _ in range(4)]:
        child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(db), str(folder)], stdout=subprocess.PIPE)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait()
        child.stdout.close()
    assert killed >= 1
    for b in files.listing(folder):  # every name a listing offers is a whole, checked copy
        assert files.integrity_problems(b.path) == []
        assert service.summarize(b.path).pupils == 3
    assert all(files.PART_SUFFIX in p.name or files.parse_name(p) for p in folder.iterdir()), list(folder.iterdir())


def test_a_network_drive_or_an_unwritable_folder_is_refused(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/export {tmp_path}/net nfs4 rw,relatime 0 0\n/dev/sda1 / ext4 rw 0 0\n")
    (tmp_path / "net").mkdir()
    problem = health.location_problem(tmp_path / "net" / "school.sqlite3", mounts=str(mounts))
    assert problem and "网络驱动器（nfs4）" in problem
    assert health.location_problem(tmp_path / "school.sqlite3", mounts=str(mounts)) is None

    locked = tmp_path / "locked"
    locked.mkdir()
    make_school(locked / "school.sqlite3").close()
    os.chmod(locked, 0o555)
    immutable = os.geteuid() == 0  # root writes through chmod: the folder is made immutable instead
    if immutable and subprocess.run(["chattr", "+i", str(locked)], check=False, capture_output=True).returncode != 0:
        os.chmod(locked, 0o755)
        pytest.skip("running as root on a file system without chattr +i: cannot make a folder unwritable")
    try:
        with pytest.raises(health.LocationRefused) as refused:
            Workspace(locked / "school.sqlite3")
        assert "无法在文件夹中写入" in refused.value.message and str(locked) in refused.value.message
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(locked)], check=True)
        os.chmod(locked, 0o755)


def test_a_damaged_database_is_found_at_start_and_never_written(tmp_path, clock):
    db = tmp_path / "school.sqlite3"
    ws = _school_with_pupils(db, 2)
    ws.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for p in (3, 5, 6):  # some of the tables' pages overwritten
        data[p * page:(p + 1) * page] = os.urandom(page)
    db.write_bytes(bytes(data))
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    with pytest.raises(health.DamagedDatabaseError) as found:
        Workspace(db)
    assert "数据库文件已损坏" in found.value.message
    assert db.read_bytes() == before and db.stat().st_mtime_ns == mtime
    health.mark_open(db)  # as after a crash: the full check
    with pytest.raises(health.DamagedDatabaseError) as found:
        Workspace(db)
    assert found.value.full


def test_the_check_begun_early_is_taken_when_the_file_is_unchanged_and_made_again_when_not(tmp_path, clock,
                                                                                           monkeypatch):
    db = tmp_path / "school.sqlite3"
    _school_with_pupils(db, 2).close()
    calls: list[bool] = []
    real = health.check_problems
    checked = threading.Event()

    def check(path, quick):
        calls.append(quick)
        try:
            return real(path, quick)
        finally:
            checked.set()

    monkeypatch.setattr(health, "check_problems", check)
    health.check_ahead(db)
    Workspace(db).close()
    assert calls == [True]  # the early quick check only
    checked.clear()
    health.check_ahead(db)
    assert checked.wait(10)  # the early check has read the file …
    with open(db, "r+b") as f:  # … which changes afterwards (here: damaged)
        data = bytearray(f.read())
        data[3 * 4096:6 * 4096] = os.urandom(3 * 4096)
        f.seek(0)
        f.write(data)
    with pytest.raises(health.DamagedDatabaseError):
        Workspace(db)
    assert calls == [True, True, True]  # the early one was not used: checked again
    health.mark_open(db)  # a crash since the early check: the full check is made, not the early quick one
    calls.clear()
    health.check_ahead(db)
    with pytest.raises(health.DamagedDatabaseError) as found:
        Workspace(db)
    assert found.value.full and calls == [False]


def test_an_upgrade_backs_up_into_the_backup_folder(tmp_path, clock):
    from xueji_desktop.store import migrate

    db, folder = tmp_path / "school.sqlite3", tmp_path / "backups"
    ws = make_school(db)
    service.set_backup_folder(ws, folder)
    newest = migrate.available()[-1].number
    ws.db.execute_sql("DELETE FROM schema_version WHERE version = ?", (newest,))
    migrate._backup(ws.db, newest)
    ws.close()
    (made,) = files.listing(folder)
    assert made.reason == f"before_upgrade_{newest:04d}" and files.integrity_problems(made.path) == []


def test_the_backup_folder_is_a_setting_of_the_administrator_recorded_as_a_change(tmp_path):
    from xueji_desktop.core.accounts.passwords import hash_password
    from xueji_desktop.core.accounts.roles import PermissionDenied
    from xueji_desktop.store.models import User

    from .conftest import PASSWORD

    ws = make_school(tmp_path / "school.sqlite3")
    try:
        folder = tmp_path / "备份"
        assert service.set_backup_folder(ws, folder) == folder and service.backup_folder(ws) == folder
        event = Event.select().order_by(Event.seq.desc()).first()
        assert (event.kind, event.summary, event.author.username) == (
            "settings_changed", f"备份文件夹：{folder}", "registrar")
        count = Event.select().count()
        service.set_backup_folder(ws, folder)  # the same folder: nothing written
        assert Event.select().count() == count
        with pytest.raises(files.BackupError, match="完整路径"):
            service.set_backup_folder(ws, "备份")
        ws.user = User.create(username="chaxun", display_name="赵老师", password_hash=hash_password(PASSWORD),
                              role="viewer,registrar")
        with pytest.raises(PermissionDenied, match="管理员"):
            service.set_backup_folder(ws, tmp_path / "other")
        assert service.backup_folder(ws) == folder and Event.select().count() == count
    finally:
        ws.close()


def test_the_marks_of_an_open_database_include_what_its_write_ahead_log_holds(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    ws.login("registrar", PASSWORD)
    ws.db.execute_sql("PRAGMA wal_autocheckpoint=0")  # the newest changes stay in the log, as after a crash
    for i in range(3):
        enrolment.enrol(ws, pupil_draft(name=f"学生{chr(0x4e00 + i)}", seq=400 + i))
    newest = Event.select().order_by(Event.seq.desc()).first()
    marks = service.marks_of(ws.path)
    assert marks["last_seq"] == newest.seq and marks["chain_head"] == newest.hash
    ws.close()
