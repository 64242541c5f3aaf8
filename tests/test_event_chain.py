"""The change log as a hash chain: written with each event, checked by `xueji verify`, at start and before a
command line write; an edit made with plain sqlite3 is found and named."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import json
import shutil
import sqlite3

import pytest

from tests.conftest import PASSWORD, ROOT, make_school, pupil_draft, run_xueji
from tests.test_cli import ROW
from xueji_desktop.core.admission.enrolment import enrol
from xueji_desktop.core.school import event_chain
from xueji_desktop.core.school.events import RESTORE_MARKS, EventKind, changing
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Setting

AT = dt.datetime(2026, 9, 3, 10)


@pytest.fixture(scope="module")
def chained(tmp_path_factory):
    """A small school with a few pupils enrolled (each enrolment one event): a clean database to copy."""
    from tests.conftest import held_at

    path = tmp_path_factory.mktemp("chain") / "school.sqlite3"
    with held_at(dt.datetime(2026, 9, 1, 9)):
        ws = make_school(path)
        for i, name in enumerate(("张三", "李四", "王五")):
            ws.login("registrar", PASSWORD)
            enrol(ws, pupil_draft(name=name, seq=447 + 2 * i))
        ws.close()
    return path


@pytest.fixture
def db(chained, tmp_path):
    path = tmp_path / "school.sqlite3"
    shutil.copy(chained, path)
    return path


def sql(db, statement, *params):
    con = sqlite3.connect(db)
    with con:
        con.execute(statement, params)
    con.close()


def verify_cli(db):
    return run_xueji("--db", db, "verify", at=AT, timeout=60)


def test_every_event_is_chained_to_the_one_before(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT seq, prev_hash, hash FROM event ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1)) and len(rows) >= 6
    assert rows[0][1] is None and all(r[2] and len(r[2]) == 64 for r in rows)
    assert all(b[1] == a[2] for a, b in itertools.pairwise(rows))
    report = event_chain.verify(con)
    assert report.ok and report.count == len(rows) and report.head_hash == rows[-1][2]
    assert report.summary == f"变动记录完整：{len(rows)} 条，链头 {rows[-1][2]}"
    assert event_chain.quick_check(con) is None  # nothing noted by the triggers, the head where it was left
    head = json.loads(con.execute("SELECT value FROM setting WHERE key = 'event_chain_head'").fetchone()[0])
    assert head == {"seq": rows[-1][0], "hash": rows[-1][2]}
    result = verify_cli(db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == report.summary


def test_the_frozen_script_hashes_as_the_program_does(db):
    spec = importlib.util.spec_from_file_location("chain0012", ROOT / "db" / "0012_event_chain.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    con = sqlite3.connect(db)
    row = con.execute("SELECT e.uuid, e.seq, e.kind, e.student_id, e.case_id, e.payload, e.summary, e.articles, "
                      "e.reasons, u.username, e.created_at, e.entered_on, e.prev_hash, e.hash FROM event e "
                      "JOIN user u ON u.id = e.author_id WHERE e.student_id IS NOT NULL").fetchone()
    assert script.event_hash(row[:12], row[12]) == event_chain.event_hash(row[:12], row[12]) == row[13]


def test_a_payload_edited_with_sqlite_is_named_by_verify_at_start_and_before_a_write(db, tmp_path):
    seq = sqlite3.connect(db).execute("SELECT seq FROM event WHERE kind = 'student_enrolled' LIMIT 1").fetchone()[0]
    sql(db, "UPDATE event SET payload = replace(payload, '张三', '张叁') WHERE seq = ?", seq)
    report = event_chain.verify(sqlite3.connect(db))
    assert not report.ok and report.first.seq == seq and report.first.kind == event_chain.EDITED
    assert f"第 {seq} 条变动记录：内容被改动" in report.first.line
    result = verify_cli(db)
    assert result.returncode == 1
    assert f"第 {seq} 条变动记录：内容被改动（内容与链哈希不符）" in result.stdout
    assert "报告县教育局" in result.stderr and f"改动第 {seq} 条" in result.stderr
    ws = Workspace(db)  # at start: the window's warning
    warning = event_chain.start_warning(ws)
    ws.close()
    assert warning.startswith(f"变动记录被其他程序改动过：第 {seq} 条变动记录：内容被改动") and "备份恢复" in warning
    pupil = tmp_path / "pupil.json"  # a command line write is refused, nothing written
    pupil.write_text(json.dumps(ROW, ensure_ascii=False), encoding="utf-8")
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM event").fetchone()[0]
    refused = run_xueji("--db", db, "enrol", "--from", pupil, env={"XUEJI_PASSWORD": PASSWORD},
                        at=dt.datetime(2026, 12, 7, 10), timeout=60)
    assert refused.returncode == 2 and f"第 {seq} 条变动记录：内容被改动" in refused.stderr
    assert "未写入任何内容" in refused.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM event").fetchone()[0] == before


def test_an_edited_summary_is_found_even_with_the_trigger_dropped(db):
    sql(db, "DROP TRIGGER event_chain_update")
    sql(db, "UPDATE event SET summary = summary || '（已核实）' WHERE seq = 2")
    report = event_chain.quick_check(sqlite3.connect(db))
    assert report is not None and report.first.seq == 2 and report.first.kind == event_chain.EDITED


def test_a_deleted_event_is_found(db):
    sql(db, "DELETE FROM event WHERE seq = 3")
    report = event_chain.quick_check(sqlite3.connect(db))
    assert report.first.seq == 3 and report.first.kind == event_chain.DELETED
    assert report.first.line == "第 3 条变动记录：记录被删除（第 3 条不见了）"


def test_the_last_events_deleted_are_found(db):
    last = sqlite3.connect(db).execute("SELECT MAX(seq) FROM event").fetchone()[0]
    sql(db, "DELETE FROM event WHERE seq >= ?", last - 1)
    report = event_chain.verify(sqlite3.connect(db))
    assert [(b.seq, b.kind) for b in report.breaks] == [(last - 1, event_chain.TAIL)]
    assert f"程序记下的最后一条是第 {last} 条，现在只到第 {last - 2} 条" in report.first.detail


def test_swapped_events_are_named_as_reordered(db):
    sql(db, "UPDATE event SET seq = -1 WHERE seq = 4")
    sql(db, "UPDATE event SET seq = 4 WHERE seq = 5")
    sql(db, "UPDATE event SET seq = 5 WHERE seq = -1")
    report = event_chain.verify(sqlite3.connect(db))
    assert (4, event_chain.REORDERED) in [(b.seq, b.kind) for b in report.breaks]


def test_an_event_inserted_by_another_program_is_found(db):
    sql(db, "INSERT INTO event (uuid, seq, kind, payload, summary, articles, reasons, author_id, created_at) "
            "SELECT 'forged', MAX(seq) + 1, 'routine_info_changed', '{}', '信息变更', '[]', '{}', 1, "
            "'2026-09-02 10:00:00' FROM event")
    report = event_chain.quick_check(sqlite3.connect(db))
    assert report.first.kind == event_chain.UNHASHED


def test_after_a_restore_no_seq_is_given_again_and_the_jump_is_no_break(db):
    ws = Workspace(db)
    ws.login("registrar", PASSWORD)
    last = Event.select().order_by(Event.seq.desc()).first().seq
    with changing(ws.db, ws.user) as tx:  # what the restore writes, with its own event
        Setting.create(key=RESTORE_MARKS, value=json.dumps({
            "restored_at": "2026-09-03T10:00:00", "backup_taken_at": "2026-09-02T18:00:00",
            "last_batch_no": 4, "last_seq": last + 40, "chain_head": "ab" * 32}))
        tx.record(EventKind.ROUTINE_INFO_CHANGED, "恢复备份", {})
    with changing(ws.db, ws.user) as tx:
        tx.record(EventKind.ROUTINE_INFO_CHANGED, "信息变更", {})
    seqs = [e.seq for e in Event.select().order_by(Event.seq)]
    assert seqs[-3:] == [last, last + 41, last + 42]
    report = event_chain.verify(ws.db)
    assert report.ok, report.lines
    assert event_chain.start_warning(ws) is None
    ws.close()
