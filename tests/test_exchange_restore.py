"""The exchange after a restore and the change log's chain at the bureau, end to end through the real
services, on SQLite and on PostgreSQL: a school restores a backup (core.backups.service.restore), its next
batch is numbered above every number given out before and says it follows a restore, the bureau accepts
it and records the restore, its reply tells the school what it holds, and the next export carries on.
A school whose history was rewritten with another tool (hashes recomputed so that the school's own check
passes) is found at the bureau by its next batch."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tests.conftest import PASSWORD, make_school, pin, pupil_draft
from xueji_desktop.bureau import accounts, importer
from xueji_desktop.bureau import replies as bureau_replies
from xueji_desktop.bureau.case_models import ReplyItem
from xueji_desktop.bureau.store import (
    BureauEvent,
    ChainBreak,
    EventConflict,
    ImportedBatch,
    SchoolRestore,
    open_store,
)
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.backups import service
from xueji_desktop.core.exchange import batch_format, outbox, replies, school_keys
from xueji_desktop.core.school import event_chain
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, OutboxBatch, Setting

BUREAU_PW = "bureau-pass-1"
CODE = "2108110001"
DAY = dt.date(2026, 9, 1)


class World:
    """One school and its county bureau; each step on its own hour so the order of times is the real one."""

    def __init__(self, root, target):
        self.root, self.target = root, target
        self.stick = root / "stick"
        self.hour = 9
        key, fp = importer.init_bureau(target, "测试县教育局", "210811", BUREAU_PW, key_file=root / "bureau.xjkey",
                                       display_name="李科长")
        self.db = root / "school.sqlite3"
        ws = make_school(self.db, code=CODE, today=DAY, classes_per_grade=1)
        school_keys.create_keys(ws, PASSWORD)
        school_keys.trust_bureau(ws, key, fp)
        (root / "school.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
        service.set_backup_folder(ws, root / "backups")
        ws.close()
        with self.bureau() as store:
            importer.register_school(store, None, None, root / "school.xjkey")

    def tick(self) -> dt.datetime:
        self.hour += 1
        moment = dt.datetime.combine(DAY, dt.time(0)) + dt.timedelta(hours=self.hour)
        pin(moment)
        return moment

    def school(self) -> Workspace:
        self.tick()
        ws = Workspace(self.db)
        ws.login("registrar", PASSWORD)
        return ws

    def enrol(self, name: str, seq: int) -> None:
        ws = self.school()
        try:
            enrolment.enrol(ws, pupil_draft(name=name, seq=seq))
        finally:
            ws.close()

    def export(self) -> OutboxBatch:
        ws = self.school()
        try:
            result = outbox.export_to(ws, PASSWORD, self.stick)
            assert result.failed is None and result.sealed is not None, result.message
            return result.sealed
        finally:
            ws.close()

    def bureau(self):
        self.tick()
        store = open_store(self.target)
        accounts.sign_in(store, "admin", BUREAU_PW)
        return store

    def bureau_import(self, batch_no: int) -> importer.Plan:
        """Imports the stick's file of batch `batch_no` and returns what happened to it."""
        path = next(p for p in sorted(self.stick.rglob("*.xjb"))
                    if batch_format.read_header(p.read_bytes()).batch_no == batch_no)
        with self.bureau() as store:
            [plan] = importer.import_batches(store, BUREAU_PW, [path])
            return plan

    def reply_and_import(self) -> list[str]:
        with self.bureau() as store:
            assert bureau_replies.reply_to(store, BUREAU_PW, CODE, self.root / "replies").written
        ws = self.school()
        try:
            outcomes = replies.import_replies(ws, PASSWORD, [self.root / "replies"])
        finally:
            ws.close()
        imported = [o for o in outcomes if o.status == replies.IMPORTED]
        assert imported, [o.message for o in outcomes]
        return [line for o in imported for line in o.lines]

    def backup(self):
        ws = self.school()
        try:
            return service.take_backup(ws)
        finally:
            ws.close()

    def restore(self, backup) -> dict:
        return service.restore(self.db, backup.path, "registrar", PASSWORD, self.tick()).marks

    def setting(self, key: str):
        ws = self.school()
        try:
            row = Setting.get_or_none(Setting.key == key)
            return json.loads(row.value) if row else None
        finally:
            ws.close()


@pytest.fixture
def world(tmp_path, bureau_target):
    return World(tmp_path, bureau_target)


def _header(batch: OutboxBatch) -> batch_format.Header:
    return batch_format.read_header(bytes(batch.data))


def test_a_restore_then_an_export_is_accepted_by_the_bureau_without_a_reused_number(world):
    world.enrol("张甲", 401)
    first = world.export()
    assert world.bureau_import(1).status == importer.IMPORTED
    world.enrol("张乙", 403)  # in the backup, not yet exported when it was taken
    backup = world.backup()
    world.enrol("张丙", 405)
    assert world.export().batch_no == 2
    world.enrol("张丁", 407)
    assert world.export().batch_no == 3
    for n in (2, 3):
        plan = world.bureau_import(n)
        assert plan.status == importer.IMPORTED and not plan.breaks, plan.line

    marks = world.restore(backup)
    assert marks["last_batch_no"] == 3
    world.enrol("张戊", 409)
    after = world.export()
    header = _header(after)
    # numbered above every batch given out before, chained to the school's own last batch, saying so
    assert after.batch_no == 4 and header.prev_hash == first.hash
    assert header.restore == {"restored_at": marks["restored_at"], "backup_taken_at": marks["backup_taken_at"],
                              "chain_head_before": marks["chain_head"], "last_batch_before": 3,
                              "last_seq_before": marks["last_seq"]}
    assert header.first_seq < marks["last_seq"] < header.last_seq  # 乙's events again, then after the jump
    assert world.setting(outbox.RESTORE_ANNOUNCED) == {"restored_at": marks["restored_at"], "batch_no": 4}

    plan = world.bureau_import(4)
    assert plan.status == importer.IMPORTED, plan.line
    assert not plan.breaks and plan.conflicts == 0 and plan.duplicates > 0 and plan.new > 0, plan.line
    assert "恢复过备份" in plan.line
    with world.bureau():
        assert [b.batch_no for b in ImportedBatch.select().order_by(ImportedBatch.batch_no)] == [1, 2, 3, 4]
        [restore] = SchoolRestore.select()
        assert (restore.batch_no, restore.accepted, restore.last_batch_before) == (4, 1, 3)
        assert restore.batch.batch_no == 4 and ChainBreak.select().count() == 0
        assert BureauEvent.select().where(BureauEvent.chain_hash.is_null()).count() == 0
        assert importer.chain_marks() == {CODE: ("恢复过备份 1 次", False)}
        held_seq = max(e.seq for e in BureauEvent.select())

    lines = world.reply_and_import()
    assert any("教育局已收到本校到第 4 批" in line for line in lines), lines
    assert world.setting("bureau_holds") == {"last_batch_no": 4, "last_seq": held_seq}
    with world.bureau():
        assert [i.kind for i in ReplyItem.select().order_by(ReplyItem.seq)][-1] == "holdings"

    world.enrol("张己", 411)
    nxt = world.export()
    assert nxt.batch_no == 5 and _header(nxt).restore is None and _header(nxt).prev_hash == after.hash
    plan = world.bureau_import(5)
    assert plan.status == importer.IMPORTED and not plan.breaks and "恢复" not in plan.line, plan.line
    with world.bureau() as store:
        assert SchoolRestore.select().count() == 1 and ChainBreak.select().count() == 0
        sealed = bureau_replies.seal_reply(store, BUREAU_PW, CODE)  # no new restore: no holdings again
        assert [i.kind for i in sealed.items] == ["receipt"]
    ws = world.school()
    try:
        report = event_chain.verify(ws.db)
        assert report.ok, report.lines  # the seq jump after the restore is the program's own
        assert Event.select().where(Event.batch_no.is_null()).count() == 0
    finally:
        ws.close()


def test_a_restore_that_lost_the_numbers_is_refused_then_told_what_the_bureau_holds(world):
    """The replaced database could not be read (its marks are null): the first batch after the restore
    reuses a number; the bureau refuses it and keeps the refusal, its reply says what it holds, the school
    takes the batch back and its next export is accepted under a new number."""
    world.enrol("张甲", 401)
    world.export()
    backup = world.backup()
    world.enrol("张乙", 403)
    world.export()
    for n in (1, 2):
        assert world.bureau_import(n).status == importer.IMPORTED
    marks = world.restore(backup)
    con = sqlite3.connect(world.db)  # as if the replaced database had been unreadable
    con.execute("UPDATE setting SET value = ? WHERE key = 'restore_marks'",
                (json.dumps({**marks, "last_batch_no": None, "last_seq": None, "chain_head": None}),))
    con.commit()
    con.close()
    world.enrol("张丙", 405)
    reused = world.export()
    assert reused.batch_no == 2 and _header(reused).restore["last_batch_before"] is None

    plan = world.bureau_import(2)
    assert plan.refused and plan.code == importer.REUSED and "批次号重复" in plan.reason, plan.line
    assert world.bureau_import(2).refused  # brought again: still refused, recorded once
    with world.bureau():
        [restore] = SchoolRestore.select()
        assert (restore.batch_no, restore.accepted, restore.batch) == (2, 0, None)
        assert [b.batch_no for b in ImportedBatch.select()] == [1, 2]
        assert importer.chain_marks()[CODE][0] == "恢复过备份 1 次（拒收重复批次号 1 次）"

    lines = world.reply_and_import()
    taken_back = next(line for line in lines if "教育局已收到本校到第 2 批" in line)
    assert "第 2 批与教育局已有的批次号重复，已从待发批次中撤回" in taken_back
    assert world.setting(outbox.RESTORE_ANNOUNCED) is None
    ws = world.school()
    try:
        assert [b.batch_no for b in OutboxBatch.select()] == [1] and outbox.unexported_count() > 0
    finally:
        ws.close()

    again = world.export()
    assert again.batch_no == 3 and _header(again).restore is not None
    plan = world.bureau_import(3)
    assert plan.status == importer.IMPORTED and not plan.breaks, plan.line
    with world.bureau():
        assert sorted((r.batch_no, r.accepted) for r in SchoolRestore.select()) == [(2, 0), (3, 1)]
        assert [b.batch_no for b in ImportedBatch.select().order_by(ImportedBatch.batch_no)] == [1, 2, 3]


def _rewrite_history(db, seq: int, *, resend: bool = False) -> None:
    """What a careful forger does with plain sqlite3: changes an event already sent, recomputes every chain
    hash after it and the kept head, and empties the triggers' table, so the school's own check passes."""
    con = sqlite3.connect(db)
    con.execute("UPDATE event SET summary = summary || '（已改）' WHERE seq = ?", (seq,))
    rows = con.execute(f"SELECT e.id, e.seq, {event_chain._COLUMNS} FROM event e "
                       "LEFT JOIN user u ON u.id = e.author_id ORDER BY e.seq").fetchall()
    prev = None
    for row in rows:
        digest = event_chain.event_hash(row[2:14], prev)
        con.execute("UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0]))
        prev = digest
    con.execute("UPDATE setting SET value = ? WHERE key = ?",
                (json.dumps({"seq": rows[-1][1], "hash": prev}), event_chain.HEAD_KEY))
    if resend:
        con.execute("UPDATE event SET batch_no = NULL WHERE seq = ?", (seq,))
    con.execute("DELETE FROM event_touch")
    con.commit()
    con.close()


@pytest.mark.parametrize("resend", [False, True], ids=["later-batch", "edited-event-sent-again"])
def test_a_history_rewritten_after_a_batch_was_sent_is_found_by_the_bureau(world, resend):
    world.enrol("张甲", 401)
    world.export()
    assert world.bureau_import(1).status == importer.IMPORTED
    ws = world.school()
    try:
        target = Event.get(Event.kind == "student_enrolled").seq
    finally:
        ws.close()
    _rewrite_history(world.db, target, resend=resend)
    ws = world.school()
    try:
        assert event_chain.quick_check(ws.db) is None  # the school itself sees nothing
    finally:
        ws.close()
    world.enrol("张乙", 403)
    world.export()

    plan = world.bureau_import(2)
    assert plan.status == importer.IMPORTED and plan.breaks, plan.line  # imported, flagged
    assert "链断裂" in plan.line and "被改动过" in plan.line
    with world.bureau():
        kinds = {b.kind for b in ChainBreak.select()}
        assert importer.CHAIN_PREV in kinds
        if resend:
            assert importer.EVENT_CHANGED in kinds
            [conflict] = EventConflict.select()  # beside the break; the stored event never overwritten
            stored = BureauEvent.get(BureauEvent.uuid == conflict.uuid)
            assert "已改" not in stored.payload and "已改" in conflict.incoming_payload
        text, needs_look = importer.chain_marks()[CODE]
        assert needs_look and text.startswith("链断裂")
