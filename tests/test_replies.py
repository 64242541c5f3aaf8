"""Replies from the bureau and 籍随人走 between two schools of the county, through the real services:
school B holds a pupil; school A asks for him; the bureau approves; B's approval and B's whole record
reach A through the bureau, and nobody types the record twice."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import PASSWORD, make_school, pin, pupil_draft
from xueji_desktop.bureau import accounts, county, importer, review
from xueji_desktop.bureau import replies as bureau_replies
from xueji_desktop.bureau.case_models import BureauCase, BureauPupil, ReplyBatch
from xueji_desktop.bureau.importer import BureauError
from xueji_desktop.bureau.store import open_store
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import StepDecision
from xueji_desktop.core.exchange import batch_format, outbox, replies, school_keys
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.store.models import Case, Event, InboxBatch, OutboxBatch, Student

BUREAU_PW = "bureau-pass-1"
A, B = "2108110001", "2108110002"
DAY = dt.date(2026, 9, 1)


def signed_in(store):
    """The bureau store with its first account (管理员, 科长, 科员: 李科长) signed in."""
    accounts.sign_in(store, "admin", BUREAU_PW)
    return store


class World:
    first_day = DAY  # the schools are set up that morning

    def __init__(self, root, target):
        self.root, self.target = root, target
        self.stick = root / "stick"
        self.key, self.fp = importer.init_bureau(target, "测试县教育局", "210811", BUREAU_PW,
                                                 key_file=root / "bureau.xjkey", display_name="李科长")
        self.paths = {}
        for code, name in ((A, "测试县第一中心学校"), (B, "测试县第二中心学校")):
            path = root / f"{code}.sqlite3"
            ws = make_school(path, code=code, name=name, today=self.first_day)
            school_keys.create_keys(ws, PASSWORD)
            school_keys.trust_bureau(ws, self.key, self.fp)
            (root / f"{code}.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
            ws.close()
            self.paths[code] = path
        with signed_in(open_store(target)) as store:
            for code in (A, B):
                importer.register_school(store, None, None, root / f"{code}.xjkey")

    def school(self, code) -> Workspace:
        pin(dt.datetime.combine(DAY, dt.time(10)))
        ws = Workspace(self.paths[code])
        ws.login("registrar", PASSWORD)
        return ws

    def export(self, code):
        ws = self.school(code)
        try:
            result = outbox.export_to(ws, PASSWORD, self.stick / code)
            assert result.failed is None
        finally:
            ws.close()

    def bureau(self):
        pin(dt.datetime.combine(DAY, dt.time(15)))
        return signed_in(open_store(self.target))

    def bureau_import(self, code):
        with self.bureau() as store:
            plans = importer.import_batches(store, BUREAU_PW, [self.stick / code])
            # the stick keeps earlier batches: those come back as 重复导入, anything else is a failure
            assert all(p.code == "duplicate_batch" for p in plans if p.refused), [p.line for p in plans]

    def reply(self, code):
        with self.bureau() as store:
            return bureau_replies.reply_to(store, BUREAU_PW, code, self.stick / f"reply-{code}")

    def import_reply(self, code):
        ws = self.school(code)
        try:
            return replies.import_replies(ws, PASSWORD, [self.stick / f"reply-{code}"])
        finally:
            ws.close()


@pytest.fixture
def world(tmp_path, bureau_target):
    return World(tmp_path, bureau_target)


def _minimal_transfer_in(ws, holder: dict, day: dt.date = DAY) -> TransferDraft:
    """What A's registrar types when the archive comes from B: identity, old 学籍号, grade, class."""
    pupil = enrolment.EnrolmentDraft(new_pupil=False, grade=3, class_id=None)
    pupil.student = {k: holder[k] for k in ("name", "sex", "birth_date", "id_type", "id_number")}
    pupil.guardians = []
    from xueji_desktop.store.models import SchoolClass

    pupil.class_id = SchoolClass.get((SchoolClass.grade == 3) & (SchoolClass.number == 1)).id
    reason = transfer.allowed_reasons(ws.profile)[0]["id"]
    draft = TransferDraft(direction="in", pupil=pupil, incoming_number=holder["student_number"],
                          other_school=OtherSchool("测试县第二中心学校", "210811", code=B),
                          grade_from=3, grade_to=3, reason_id=reason, applied_on=day, archive_from_county=True,
                          evidence_seen=list(next(r for r in transfer.allowed_reasons(ws.profile)
                                                  if r["id"] == reason).get("evidence") or []))
    draft.declared = {d.id: False for d in transfer.questions(ws, draft)}
    return draft


def test_a_transfer_travels_through_the_bureau_with_the_whole_record(world):
    # B holds the pupil, with a full record and family
    ws = world.school(B)
    held, _ = enrolment.enrol(ws, pupil_draft(name="𠮷堃", grade=3, new=False, birth=dt.date(2018, 4, 2), seq=613,
                                              address="测试县城关镇北街 8 号"))
    holder = {k: str(getattr(held, k)) for k in ("name", "sex", "id_type", "id_number", "student_number")}
    holder["birth_date"] = held.birth_date.isoformat()
    b_fields = {k: getattr(held, k) for k in ("address", "ethnicity", "hukou_place", "birthplace")}
    b_guardians = [g.name for g in held.guardians]
    ws.close()
    world.export(B)
    world.bureau_import(B)
    with world.bureau():
        assert BureauPupil.get(BureauPupil.student_number == holder["student_number"]).name == "𠮷堃"

    # A asks for him, typing only the identity
    ws = world.school(A)
    draft = _minimal_transfer_in(ws, holder)
    blocking = [f.message for f in transfer.check(ws, draft) if f.severity.value == "block"]
    assert blocking == []
    case, _ = transfer.open_transfer(ws, draft)
    transfer.record_step(ws, case.id, StepDecision("receiving_school", DAY, "王校长", "approved"))
    a_case_uuid = case.uuid
    ws.close()
    world.export(A)
    world.bureau_import(A)

    # the bureau sees A's case waiting for it, and approves
    with world.bureau() as store:
        waiting = review.pending(store)
        assert [(p.case.uuid, p.party) for p in waiting] == [(a_case_uuid, "receiving_bureau")]
        with pytest.raises(BureauError, match="理由"):
            review.decide(store, a_case_uuid, "rejected", note="")
        review.decide(store, a_case_uuid, "approved")
        assert review.pending(store) == []
    assert world.reply(A).written and world.reply(B).written

    [a_out] = world.import_reply(A)
    assert a_out.status == "imported" and a_out.acknowledged == 1, a_out.message
    ws = world.school(A)
    assert cases.pending_step(Case.get(Case.uuid == a_case_uuid)).party == "sending_school"
    assert OutboxBatch.get(OutboxBatch.batch_no == 1).acknowledged_at is not None
    ws.close()

    [b_out] = world.import_reply(B)
    assert b_out.status == "imported", b_out.message
    ws = world.school(B)
    [out_case] = list(Case.select().where(Case.kind == "transfer_out"))
    assert cases.data_of(out_case)["peer_case"] == a_case_uuid
    assert [s.party for s in cases.steps(out_case) if s.outcome] == ["receiving_school", "receiving_bureau"]
    transfer.record_step(ws, out_case.id, StepDecision("sending_school", DAY, "赵校长", "approved"))
    ws.close()
    world.export(B)
    world.bureau_import(B)
    with world.bureau() as store:
        [item] = review.pending(store)
        assert item.party == "sending_bureau" and item.case.school.code == B
        review.decide(store, out_case.uuid, "approved")
    world.reply(B)
    world.reply(A)
    with world.bureau():  # the reply carrying B's archive to A is logged as an export of that pupil (查询登记)
        from xueji_desktop.bureau.access_log import REPLY_PURPOSE, BureauAccess, BureauAccessPupil

        [sent] = list(BureauAccess.select().where(BureauAccess.purpose == REPLY_PURPOSE))
        assert (sent.action, sent.pupil_count, sent.account.display_name) == ("export", 1, "李科长")
        assert f"学校 {A}" in sent.subject and "转学档案" in sent.subject
        assert [(p.school_code, p.student_number, p.name) for p in BureauAccessPupil.select()] == [
            (B, holder["student_number"], "𠮷堃")]

    [b_done] = world.import_reply(B)[-1:]
    assert b_done.status == "imported", b_done.message
    ws = world.school(B)
    assert Student.get(Student.student_number == holder["student_number"]).status == "transferred_out"
    ws.close()
    [a_done] = world.import_reply(A)[-1:]
    assert a_done.status == "imported" and "申请办结" in a_done.message, a_done.message
    ws = world.school(A)
    joined = Student.get(Student.student_number == holder["student_number"])
    assert joined.status == "enrolled" and joined.name == "𠮷堃"
    assert {k: getattr(joined, k) for k in b_fields} == b_fields  # never typed at A
    assert [g.name for g in joined.guardians] == b_guardians
    event = Event.select().where(Event.kind == "student_transferred_in").get()
    assert json.loads(event.payload)["archive_from"]["code"] == B
    assert json.loads(event.payload)["archive_history"]
    from xueji_desktop.core.pupils.records import history

    former = [h for h in history(joined) if h.what.startswith("〔")]  # the sending school's changes, shown first
    assert former and history(joined)[0] == former[0]
    before = (Event.select().count(), InboxBatch.select().count())
    ws.close()

    # importing the same replies again changes nothing
    again = world.import_reply(A)
    assert {o.status for o in again} == {"skipped"}
    ws = world.school(A)
    assert (Event.select().count(), InboxBatch.select().count()) == before
    ws.close()

    # A's next batch tells the bureau which replies arrived; the county view shows the pupil at A
    world.export(A)
    world.bureau_import(A)
    world.export(B)
    world.bureau_import(B)
    with world.bureau() as store:
        assert ReplyBatch.select().where(ReplyBatch.delivered_at.is_null()).count() == 0
        lines = {s.code: s for s in county.school_lines(store, DAY)}
        assert lines[A].pupils == 1 and lines[B].pupils == 0
        assert BureauCase.get(BureauCase.uuid == a_case_uuid).status == "completed"
        from xueji_desktop.bureau import duplicates

        assert duplicates.duplicates() == []  # moved by a transfer, on both rolls a while: not a duplicate
        out = world.root / "national.xlsx"
        assert county.export_national(store, out) == 1
        from xueji_desktop.bureau.national_export import read_national_xlsx

        [row] = read_national_xlsx(out)  # the Ministry's 学生基本信息表 by default
        assert row["姓名"] == "𠮷堃" and row["身份证件号"] == holder["id_number"]


def test_a_reply_is_refused_when_it_is_not_for_us_or_not_from_our_bureau(world, tmp_path):
    ws = world.school(A)
    enrolment.enrol(ws, pupil_draft(name="张三"))
    ws.close()
    world.export(A)
    world.bureau_import(A)
    world.reply(A)
    [reply_file] = sorted((world.stick / "reply-A" if False else world.stick / f"reply-{A}").rglob("*.xjr"))
    data = reply_file.read_bytes()

    ws = world.school(B)
    pair = school_keys.unlock_school_key(PASSWORD)
    assert "不是本校" in replies.import_reply(ws, pair, reply_file).reason
    change_batch = next((world.stick / A).rglob("*.xjb"))
    assert "不是教育局的回执" in replies.import_reply(ws, pair, change_batch).reason
    ws.close()

    ws = world.school(A)
    pair = school_keys.unlock_school_key(PASSWORD)
    flipped = tmp_path / "flipped.xjr"
    flipped.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    assert "签名无效" in replies.import_reply(ws, pair, flipped).reason
    short = tmp_path / "short.xjr"
    short.write_bytes(data[: len(data) // 2])
    assert "不完整" in replies.import_reply(ws, pair, short).reason
    # a reply signed by another bureau
    other_key, _ = importer.init_bureau(tmp_path / "other.sqlite3", "别县教育局", "210812", BUREAU_PW,
                                        key_file=tmp_path / "other.xjkey")
    from xueji_desktop.core.exchange import keys

    header = batch_format.read_header(data)
    rogue = keys.BureauKeys.generate()
    forged = batch_format.seal([{"seq": 1, "kind": "receipt", "payload": {"batch_no": 1}}], school_code=A,
                               batch_no=header.batch_no, prev_hash=None, created_at=DAY, sender_key=rogue.signing,
                               recipient_public=pair.encryption_public, kind=batch_format.REPLY)
    fake = tmp_path / "forged.xjr"
    fake.write_bytes(forged)
    assert "不是本县教育局签发的" in replies.import_reply(ws, pair, fake).reason
    assert InboxBatch.select().count() == 0 and OutboxBatch.get().acknowledged_at is None
    outcome = replies.import_reply(ws, pair, reply_file)
    assert outcome.status == "imported" and OutboxBatch.get().acknowledged_at is not None
    ws.close()


class SkewedWorld(World):
    """The schools' PCs run a month behind the bureau's: a dead CMOS battery, nobody noticed."""

    first_day = dt.date(2027, 3, 1)
    BUREAU_DAY = first_day + dt.timedelta(days=30)

    def __init__(self, root, target):
        self.school_day, self.bureau_day = self.first_day, self.BUREAU_DAY
        super().__init__(root, target)

    def school(self, code) -> Workspace:
        pin(dt.datetime.combine(self.school_day, dt.time(10)))
        ws = Workspace(self.paths[code])
        ws.login("registrar", PASSWORD)
        return ws

    def bureau(self):
        pin(dt.datetime.combine(self.bureau_day, dt.time(15)))
        return signed_in(open_store(self.target))


def test_a_school_pc_a_month_behind_records_the_bureau_s_dated_facts(tmp_path, bureau_target):
    """The bureau's decisions, transfer request and archive carry the bureau's dates, a month after the
    schools' PC clocks: every reply is imported whole, each decision keeps the bureau's date, and the next
    start names the wrong clock before anything more is written."""
    from xueji_desktop.core.school.clock_check import clock_doubt

    world = SkewedWorld(tmp_path, bureau_target)
    ws = world.school(B)
    held, _ = enrolment.enrol(ws, pupil_draft(name="韩梅", grade=3, new=False, birth=dt.date(2018, 4, 2), seq=615))
    holder = {k: str(getattr(held, k)) for k in ("name", "sex", "id_type", "id_number", "student_number")}
    holder["birth_date"] = held.birth_date.isoformat()
    ws.close()
    world.export(B)
    world.bureau_import(B)

    ws = world.school(A)
    day = world.first_day
    case, _ = transfer.open_transfer(ws, _minimal_transfer_in(ws, holder, day))
    transfer.record_step(ws, case.id, StepDecision("receiving_school", day, "王校长", "approved"))
    a_case = case.uuid
    ws.close()
    world.export(A)
    world.bureau_import(A)
    with world.bureau() as store:
        review.decide(store, a_case, "approved")
    world.reply(A)
    world.reply(B)

    [a_out] = world.import_reply(A)
    assert a_out.status == "imported", a_out.message
    ws = world.school(A)
    bureau_step = next(s for s in cases.steps(Case.get(Case.uuid == a_case)) if s.party == "receiving_bureau")
    assert bureau_step.outcome == "approved" and bureau_step.done_on == world.BUREAU_DAY
    recorded = Event.select().where(Event.kind == "case_step_recorded").order_by(Event.seq.desc()).first()
    assert recorded.entered_on == world.BUREAU_DAY and recorded.pc_time.date() == day  # both dates kept
    doubt = clock_doubt()
    assert doubt is not None and doubt.today == day and doubt.newest == world.BUREAU_DAY
    assert doubt.message.startswith("电脑日期可能不正确：电脑显示今天是 2027年3月1日，早于")
    ws.close()

    [b_out] = world.import_reply(B)
    assert b_out.status == "imported", b_out.message
    world.school_day = world.BUREAU_DAY + dt.timedelta(days=1)  # B's registrar set the clock right
    ws = world.school(B)
    assert clock_doubt() is None
    [out_case] = list(Case.select().where(Case.kind == "transfer_out"))
    transfer.record_step(ws, out_case.id, StepDecision("sending_school", world.school_day, "赵校长", "approved"))
    ws.close()
    world.export(B)
    world.bureau_day = world.school_day + dt.timedelta(days=1)
    world.bureau_import(B)
    with world.bureau() as store:
        review.decide(store, out_case.uuid, "approved")
    world.reply(A)

    world.school_day = day  # A's clock is still a month behind
    [a_done] = world.import_reply(A)[-1:]
    assert a_done.status == "imported" and "申请办结" in a_done.message, a_done.message
    ws = world.school(A)
    joined = Student.get(Student.student_number == holder["student_number"])
    assert joined.status == "enrolled" and joined.name == "韩梅"
    ws.close()
