"""Rewards, punishments and appeals on real school databases, region by region, each rule with its article:
黑龙江 第三十四条至第三十八条, 长治 第二十条、第三十九条、第四十条, and a region whose text is silent (营口)."""

import datetime as dt
import json

import pytest

from tests.test_status_change_workflow import pupil
from tests.test_status_change_workflow import school as school_on
from xueji_desktop.core.casework.cases import CaseStatus
from xueji_desktop.core.discipline import appeals, discipline_reads, records
from xueji_desktop.core.discipline.records import DisciplineDraft
from xueji_desktop.core.overview.todo import todo_items
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.store.models import Case, CaseStep, Discipline, Event, Graduate

TODAY = dt.date(2026, 11, 10)  # a Tuesday
HLJ, CZ = "《黑龙江省实施细则》", "《长治市实施细则》"


def school(tmp_path, pid):
    return school_on(tmp_path, pid, today=TODAY)


@pytest.fixture
def hlj(tmp_path):
    ws = school(tmp_path, "heilongjiang")
    yield ws
    ws.close()


@pytest.fixture
def cz(tmp_path):
    ws = school(tmp_path, "changzhi")
    yield ws
    ws.close()


@pytest.fixture
def yk(tmp_path):
    ws = school(tmp_path, "yingkou")
    yield ws
    ws.close()


def reward(student, level="校级", title="三好学生", **kw) -> DisciplineDraft:
    return DisciplineDraft(kind="reward", student_id=student.id, level=level, title=title,
                           decided_on=TODAY - dt.timedelta(days=5), decided_by="本校", **kw)


def punishment(student, level="记过", **kw) -> DisciplineDraft:
    return DisciplineDraft(kind="punishment", student_id=student.id, level=level, reason="多次打架，经教育不改",
                           decided_on=TODAY - dt.timedelta(days=5), decided_by="本校", document_no="校发〔2026〕3号",
                           **kw)


def refused(call, *args) -> list:
    with pytest.raises(RuleViolation) as e:
        call(*args)
    return e.value.findings


# ── rewards ──────────────────────────────────────────────────────────────────────────────────────
def test_heilongjiang_every_reward_goes_in_the_archive(hlj):
    p = pupil(hlj)
    row, _ = records.record(hlj, reward(p, level="班级", title="卫生标兵"))
    assert row.in_archive  # 第三十五条: 全面详实地记入
    event = Event.select().where(Event.kind == "reward_recorded").get()
    assert f"{HLJ}第三十五条" in json.loads(event.articles)
    assert event.student_id == p.id and event.author.username == "registrar"


def test_changzhi_only_school_level_rewards_and_above_go_in_the_archive(cz):
    p = pupil(cz)
    low, _ = records.record(cz, reward(p, level="班级", title="卫生标兵"))
    school_level, _ = records.record(cz, reward(p, level="校级"))
    county, _ = records.record(cz, reward(p, level="县级", title="优秀少先队员"))
    assert (low.in_archive, school_level.in_archive, county.in_archive) == (False, True, True)
    notes = records.check(cz, reward(p, level="班级"))
    assert any(f.article == f"{CZ}第三十九条" and "不记入" in f.message for f in notes)
    assert [r.title for r in discipline_reads.archive_rows(p.id)] == ["三好学生", "优秀少先队员"]


def test_a_reward_needs_a_known_level_and_a_name(cz):
    p = pupil(cz)
    found = refused(records.record, cz, reward(p, level="宇宙级", title=""))
    assert {f.field for f in found} == {"level"}
    found = refused(records.record, cz, reward(p, title="奖"))
    assert [f.field for f in found] == ["title"]
    assert not Discipline.select().exists()


# ── punishments ──────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("pid, allowed, refused_kind, article", [
    ("heilongjiang", ["警告", "记过", "留校察看"], "严重警告", f"{HLJ}第三十六条"),
    ("changzhi", ["警告", "严重警告", "记过"], "留校察看", f"{CZ}第四十条"),
])
def test_only_the_regions_kinds_of_punishment(tmp_path, pid, allowed, refused_kind, article):
    ws = school(tmp_path, pid)
    p = pupil(ws)
    for kind in allowed:
        records.record(ws, punishment(p, level=kind))
    found = refused(records.record, ws, punishment(p, level=refused_kind))
    assert found[0].article == article and f"没有“{refused_kind}”" in found[0].message
    assert Discipline.select().count() == len(allowed)
    ws.close()


@pytest.mark.parametrize("pid, article", [("heilongjiang", f"{HLJ}第三十六条"), ("changzhi", "《义务教育法》第二十七条"),
                                          ("yingkou", "《义务教育法》第二十七条")])
def test_no_expulsion_no_persuading_to_leave(tmp_path, pid, article):
    ws = school(tmp_path, pid)
    p = pupil(ws)
    for kind in ("开除学籍", "劝退"):
        found = refused(records.record, ws, punishment(p, level=kind))
        assert found[0].rule == "punishment.forbidden" and found[0].article == article
    assert not Discipline.select().exists()
    ws.close()


def test_demerit_and_above_in_the_archive(hlj):
    p = pupil(hlj)
    warning, _ = records.record(hlj, punishment(p, level="警告"))
    demerit, _ = records.record(hlj, punishment(p, level="记过"))
    probation, _ = records.record(hlj, punishment(p, level="留校察看", ends_on=TODAY + dt.timedelta(days=180)))
    assert (warning.in_archive, demerit.in_archive, probation.in_archive) == (False, True, True)
    event = Event.select().where(Event.kind == "punishment_recorded").order_by(Event.seq.desc()).get()
    assert f"{HLJ}第三十八条" in json.loads(event.articles)
    found = refused(records.record, hlj, punishment(p, level="记过", in_archive=False))
    assert found[0].article == f"{HLJ}第三十八条"


def test_changzhi_demerit_in_the_archive(cz):
    p = pupil(cz)
    serious, _ = records.record(cz, punishment(p, level="严重警告"))
    demerit, _ = records.record(cz, punishment(p, level="记过"))
    assert (serious.in_archive, demerit.in_archive) == (False, True)
    notes = records.check(cz, punishment(p, level="记过"))
    assert any(f.article == f"{CZ}第四十条" and "记入学籍档案" in f.message for f in notes)


def test_silent_region_national_rules(yk):
    """营口 lists no kinds and no archive rule: the common kinds, the school's choice of the archive, no appeal."""
    p = pupil(yk)
    row, _ = records.record(yk, punishment(p, level="严重警告"))
    assert not row.in_archive
    chosen, _ = records.record(yk, punishment(p, level="记过", in_archive=True))
    assert chosen.in_archive
    notes = records.check(yk, punishment(p, level="记过"))
    silent = next(f for f in notes if f.rule == "punishment.archive_threshold")
    assert "未作规定" in silent.article and silent.severity is Severity.INFO
    found = refused(records.record, yk, punishment(p, level="罚站"))
    assert "未作规定" in found[0].article
    found = refused(appeals.open_appeal, yk, row.id, TODAY, "事实认定有误")
    assert found[0].field == "appeal" and "未作规定" in found[0].article
    assert not Case.select().exists()


# ── notice, revocation, graduation ──────────────────────────────────────────────────────────────
def test_notify_records_the_day_once(hlj):
    p = pupil(hlj)
    row, _ = records.record(hlj, punishment(p))
    items = [i for i in todo_items(hlj) if i.kind == "discipline_notice"]
    assert len(items) == 1 and f"{HLJ}第三十七条" in items[0].detail and items[0].target == ("student", p.id)
    records.notify(hlj, row.id, TODAY, "当面送达处分告知书")
    assert Discipline.get_by_id(row.id).notified_on == TODAY
    assert not [i for i in todo_items(hlj) if i.kind == "discipline_notice"]
    assert "已于" in refused(records.notify, hlj, row.id, TODAY)[0].message
    event = Event.select().where(Event.kind == "discipline_notified").get()
    assert f"{HLJ}第三十七条" in json.loads(event.articles)


def test_revocation_removes_it_from_the_archive(hlj):
    p = pupil(hlj)
    row, _ = records.record(hlj, punishment(p))
    assert discipline_reads.under_punishment(p.id, TODAY)
    found = refused(records.revoke, hlj, row.id, TODAY, "短")
    assert found[0].field == "revoke_reason"
    records.revoke(hlj, row.id, TODAY, "表现良好，经研究撤销")
    row = Discipline.get_by_id(row.id)
    assert row.revoked_on == TODAY and not row.in_archive
    assert discipline_reads.archive_rows(p.id) == []
    assert not discipline_reads.under_punishment(p.id, TODAY)
    event = Event.select().where(Event.kind == "discipline_revoked").get()
    assert f"{HLJ}第三十八条" in json.loads(event.articles) and "已从学籍档案中删除" in event.summary
    reward_row, _ = records.record(hlj, reward(p))
    assert "只有处分" in refused(records.revoke, hlj, reward_row.id, TODAY, "记录有误需撤销")[0].message


def test_an_unrevoked_punishment_at_graduation_stays(hlj):
    p = pupil(hlj, grade=6)
    row, _ = records.record(hlj, punishment(p))
    Graduate.create(student=p, school_year=2025, outcome="graduated", left_on=TODAY - dt.timedelta(days=1))
    found = refused(records.revoke, hlj, row.id, TODAY, "表现良好，经研究撤销")
    assert found[0].rule == "punishment.unrevoked_kept" and found[0].article == f"{HLJ}第三十八条"
    assert [r.id for r in discipline_reads.archive_rows(p.id)] == [row.id]


def test_a_pupil_not_at_the_school_gets_nothing(hlj):
    p = pupil(hlj)
    p.status = "transferred_out"
    p.save()
    found = refused(records.record, hlj, punishment(p))
    assert found[0].field == "student" and "转出" in found[0].message


# ── appeal (黑龙江 第三十七条) ────────────────────────────────────────────────────────────────────────
def appeal_case(ws, p):
    row, _ = records.record(ws, punishment(p))
    case, _ = appeals.open_appeal(ws, row.id, TODAY - dt.timedelta(days=3), "事实认定有误，请求撤销")
    return row, case


def test_appeal_kept_by_the_school_then_to_the_bureau_with_deadlines(hlj):
    p = pupil(hlj)
    row, case = appeal_case(hlj, p)
    assert case.number.startswith("SS-2026-")
    items = [i for i in todo_items(hlj) if i.kind == "appeal"]
    assert len(items) == 1 and "学校申诉机构复查" in items[0].title and "家长委员会" in items[0].detail
    assert not [i for i in todo_items(hlj) if i.kind == "case_step"]
    # the review keeps it on Wed 11 Nov 2026: 7 working days → Fri 20 Nov
    appeals.record_review(hlj, case.id, dt.date(2026, 11, 9), "学生申诉处理委员会", appeals.KEPT, "处分适当")
    step = CaseStep.get((CaseStep.case == case.id) & (CaseStep.party == "appellant"))
    assert step.due_on == dt.date(2026, 11, 18)
    item = next(i for i in todo_items(hlj) if i.kind == "appeal")
    assert item.due == dt.date(2026, 11, 18) and f"{HLJ}第三十七条" in item.detail
    appeals.record_filing(hlj, case.id, dt.date(2026, 11, 10))
    bureau = CaseStep.get((CaseStep.case == case.id) & (CaseStep.party == "bureau"))
    assert bureau.due_on == dt.date(2026, 12, 1)  # 15 working days after Tue 10 Nov
    assert next(i for i in todo_items(hlj) if i.kind == "appeal").due == dt.date(2026, 12, 1)
    appeals.record_bureau_answer(hlj, case.id, TODAY, "县教育局", appeals.UPHELD, "处分依据不足")
    assert Case.get_by_id(case.id).status == CaseStatus.COMPLETED.value
    row = Discipline.get_by_id(row.id)
    assert row.revoked_on == TODAY and not row.in_archive
    revoked = Event.select().where(Event.kind == "discipline_revoked").get()
    assert revoked.case_id == case.id


def test_appeal_upheld_by_the_school_revokes_at_once(hlj):
    p = pupil(hlj)
    row, case = appeal_case(hlj, p)
    appeals.record_review(hlj, case.id, TODAY, "学生申诉处理委员会", appeals.UPHELD)
    assert Case.get_by_id(case.id).status == CaseStatus.COMPLETED.value
    assert Discipline.get_by_id(row.id).revoked_on == TODAY
    assert not [i for i in todo_items(hlj) if i.kind == "appeal"]


def test_appeal_steps_in_order_and_a_late_filing_needs_a_reason(hlj):
    p = pupil(hlj)
    draft = punishment(p)
    draft.decided_on = dt.date(2026, 10, 9)
    row, _ = records.record(hlj, draft)
    case, _ = appeals.open_appeal(hlj, row.id, dt.date(2026, 10, 12), "事实认定有误，请求撤销")
    found = refused(appeals.record_filing, hlj, case.id, TODAY)
    assert "办理顺序" in found[0].message
    assert "已有办理中的申诉" in refused(appeals.open_appeal, hlj, row.id, TODAY, "再次申诉理由")[0].message
    appeals.record_review(hlj, case.id, dt.date(2026, 10, 20), "学生申诉处理委员会", appeals.KEPT)
    found = refused(appeals.record_filing, hlj, case.id, TODAY)
    assert found[0].severity is Severity.WARN and found[0].article == f"{HLJ}第三十七条"
    appeals.record_filing(hlj, case.id, TODAY, reason="申诉人住院，延期提出")
    event = Event.select().where(Event.kind == "case_step_recorded").order_by(Event.seq.desc()).get()
    assert "申诉人住院" in event.reasons


def test_appeal_closed_without_a_written_appeal(hlj):
    p = pupil(hlj)
    row, case = appeal_case(hlj, p)
    appeals.record_review(hlj, case.id, TODAY, "学生申诉处理委员会", appeals.KEPT)
    appeals.record_no_filing(hlj, case.id, TODAY)
    assert Case.get_by_id(case.id).status == CaseStatus.COMPLETED.value
    assert Discipline.get_by_id(row.id).revoked_on is None
    assert discipline_reads.rows_of(p.id)[0].appeal.startswith(case.number)


def test_an_error_leaves_nothing_half_written(hlj):
    p = pupil(hlj)
    row, case = appeal_case(hlj, p)
    Graduate.create(student=p, school_year=2025, outcome="graduated", left_on=TODAY)
    before = Event.select().count()
    with pytest.raises(RuleViolation) as e:  # the step is written, then the revocation refuses: all rolled back
        appeals.record_review(hlj, case.id, TODAY, "学生申诉处理委员会", appeals.UPHELD)
    assert e.value.findings[0].rule == "punishment.unrevoked_kept"
    assert Event.select().count() == before and Discipline.get_by_id(row.id).revoked_on is None
    assert Case.get_by_id(case.id).status == CaseStatus.OPEN.value
    assert CaseStep.get((CaseStep.case == case.id) & (CaseStep.seq == 1)).outcome == ""


def test_the_term_review_names_the_appeals_pending_party(hlj):
    from xueji_desktop.core.school_year.term_review import checklist

    p = pupil(hlj)
    appeal_case(hlj, p)
    [problem] = [x for x in checklist(hlj, TODAY).problems if x.kind == "open_case"]
    assert "处分申诉申请 SS-2026-0001 办理中，待学校学生申诉机构审批" in problem.text


def test_heilongjiang_has_no_transfer_refusal_for_a_punished_pupil(hlj):
    """受处分期间不予转学 is 长治 第二十条's; 黑龙江's text says nothing of it, so a punished pupil's transfer is not
    refused for it (长治's refusal is tested with the transfer workflow)."""
    from xueji_desktop.core.transfers.transfer_facts import punishment_on_record, refusals

    p = pupil(hlj)
    records.record(hlj, punishment(p))
    assert punishment_on_record(p, TODAY) is True
    assert "while_punished" not in [r.id for r in refusals(hlj.profile)]


def test_an_open_appeal_holds_back_neither_a_change_nor_the_graduation(hlj):
    """The appeal is about the punishment, not the 学籍: a 休学 can be applied for, and a top-grade pupil graduates
    with the appeal open (黑龙江 第三十八条 keeps an unrevoked punishment in the archive at graduation)."""
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.core.changes import status_change
    from xueji_desktop.core.changes.status_change import ChangeDraft
    from xueji_desktop.core.school_year import year_end

    p = pupil(hlj, name="李大山", grade=9, seq=449)
    appeal_case(hlj, p)
    found = status_change.check(hlj, ChangeDraft(kind=CaseKind.SUSPENSION, student_id=p.id, applied_on=TODAY))
    assert not [f for f in found if "已有办理中的申请" in f.message]
    hlj.test_clock.now = dt.datetime(2027, 7, 5, 9, 0)
    result = year_end.plan(hlj, today=dt.date(2027, 7, 5))
    assert p.id in [g.id for g in result.graduating]
    assert p.id not in [h.pupil.id for h in result.held]
