"""Transfers as cases: opened, approved party by party, completed — each step one transaction."""

import datetime as dt
import json

import pytest

from tests.conftest import first_class, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import StepDecision
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_rules import allowed_reasons, evidence_for
from xueji_desktop.store.models import Case, CaseStep, Event, Student

TODAY = dt.date(2026, 9, 10)


@pytest.fixture
def hlj(tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang", today=TODAY)
    yield ws
    ws.close()


def incoming(ws, name="李小龙", seq=611, grade=3, **changes) -> TransferDraft:
    pupil = pupil_draft(name=name, seq=seq, birth=dt.date(2018, 4, 2), grade=grade, new=False, region="230102")
    reason = allowed_reasons(ws.profile)[0]["id"]
    draft = TransferDraft(
        direction="in", pupil=pupil, incoming_number="G" + pupil.student["id_number"],
        other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102", "0451-84601234"),
        grade_from=grade, grade_to=grade, reason_id=reason, evidence_seen=evidence_for(ws.profile, reason),
        applied_on=TODAY)
    for key, value in changes.items():
        setattr(draft, key, value)
    draft.declared = {d.id: False for d in transfer.questions(ws, draft)}
    return draft


def approve_all(ws, case, start=TODAY):
    for i, step in enumerate(cases.steps(case)):
        transfer.record_step(ws, case.id, StepDecision(step.party, start, f"经办人{i + 1}", "approved"))
    return Case.get_by_id(case.id)


def test_transfer_in_joins_the_roll_only_when_the_chain_is_complete(hlj):
    draft = incoming(hlj)
    assert not [f for f in transfer.check(hlj, draft) if f.severity is Severity.BLOCK]
    case, changes = transfer.open_transfer(hlj, draft)
    assert case.number == "ZR-2026-0001" and case.status == "open"
    chain = [s.party for s in cases.steps(case)]
    assert chain == hlj.profile.value("transfer.approval_chain")
    first = cases.steps(case)[0]
    assert first.due_on is not None and first.due_on > TODAY  # 10 working days
    assert Student.select().where(Student.name == "李小龙").count() == 0
    assert Event.get(Event.kind == "case_opened").case_id == case.id
    for step in cases.steps(case)[:-1]:
        transfer.record_step(hlj, case.id, StepDecision(step.party, TODAY, "王校长", "approved"))
        assert Student.select().where(Student.name == "李小龙").count() == 0
    last = cases.steps(case)[-1]
    assert last.due_on is not None  # set when the step before it was done
    transfer.record_step(hlj, case.id, StepDecision(last.party, TODAY, "赵科长", "approved"))
    case = Case.get_by_id(case.id)
    student = Student.get(Student.name == "李小龙")
    assert case.status == "completed" and case.student == student
    assert student.student_number == draft.incoming_number and student.status == "enrolled"
    assert student.school_class == first_class(3) and student.entry_route == "transfer_in"
    kinds = [e.kind for e in Event.select().where(Event.case_id == case.id).order_by(Event.seq)]
    assert kinds == ["case_opened"] + ["case_step_recorded"] * 4 + ["student_transferred_in"]


def test_approvals_out_of_order_or_backdated_are_refused(hlj):
    case, _ = transfer.open_transfer(hlj, incoming(hlj))
    second = cases.steps(case)[1]
    with pytest.raises(RuleViolation) as refused:
        transfer.record_step(hlj, case.id, StepDecision(second.party, TODAY, "王校长", "approved"))
    assert "审批顺序" in refused.value.findings[0].message
    first = cases.steps(case)[0]
    transfer.record_step(hlj, case.id, StepDecision(first.party, TODAY, "王校长", "approved"))
    with pytest.raises(RuleViolation) as backdated:
        transfer.record_step(hlj, case.id, StepDecision(second.party, TODAY - dt.timedelta(days=1), "李科长", "approved"))
    assert "早于上一环节" in backdated.value.findings[0].message
    with pytest.raises(RuleViolation) as unexplained:
        transfer.record_step(hlj, case.id, StepDecision(second.party, TODAY, "李科长", "rejected"))
    assert "理由" in unexplained.value.findings[0].message
    assert CaseStep.select().where(CaseStep.outcome != "").count() == 1


def test_a_rejection_closes_the_case_and_nobody_joins(hlj):
    case, _ = transfer.open_transfer(hlj, incoming(hlj))
    first = cases.steps(case)[0]
    transfer.record_step(hlj, case.id, StepDecision(first.party, TODAY, "王校长", "rejected", "本年级已无空余学位"))
    assert Case.get_by_id(case.id).status == "rejected"
    assert Student.select().where(Student.name == "李小龙").count() == 0


def test_the_same_pupil_cannot_be_in_two_open_transfers_or_already_here(hlj):
    transfer.open_transfer(hlj, incoming(hlj))
    found = transfer.check(hlj, incoming(hlj))
    assert any("已有办理中的转学申请 ZR-2026-0001" in f.message for f in found if f.severity is Severity.BLOCK)
    here, _ = enrolment.enrol(hlj, pupil_draft(name="张三", grade=3, new=False, birth=dt.date(2018, 3, 7)))
    draft = incoming(hlj, name="张三", seq=447)
    draft.pupil.student["id_number"] = here.id_number
    draft.pupil.student["birth_date"] = here.birth_date.isoformat()
    assert any("已是本校在籍学生" in f.message for f in transfer.check(hlj, draft))
    with pytest.raises(RuleViolation):
        transfer.open_transfer(hlj, draft)
    assert Case.select().count() == 1


def test_transfer_out_leaves_the_roll_and_stays_findable(hlj):
    pupil, _ = enrolment.enrol(hlj, pupil_draft(name="王小明", grade=2, new=False, birth=dt.date(2019, 3, 7)))
    draft = TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102"),
                          grade_to=2, reason_id=allowed_reasons(hlj.profile)[0]["id"],
                          evidence_seen=evidence_for(hlj.profile, allowed_reasons(hlj.profile)[0]["id"]),
                          applied_on=TODAY)
    draft.declared = {d.id: False for d in transfer.questions(hlj, draft)}
    case, _ = transfer.open_transfer(hlj, draft)
    assert Student.get_by_id(pupil.id).status == "enrolled"
    approve_all(hlj, case)
    pupil = Student.get_by_id(pupil.id)
    assert pupil.status == "transferred_out"
    from xueji_desktop.core.pupils.records import history
    assert history(pupil)[-1].what.startswith("转出：王小明 转入 哈尔滨市道里区光芒小学")


def test_suspended_pupil_cannot_transfer_out_in_heilongjiang(hlj):
    pupil, _ = enrolment.enrol(hlj, pupil_draft(name="王小明", grade=1))
    Student.update(status="suspended").where(Student.id == pupil.id).execute()
    draft = TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102"),
                          grade_to=1)
    draft.declared = {d.id: False for d in transfer.questions(hlj, draft)}
    [block] = [f for f in transfer.check(hlj, draft) if f.rule == "transfer.refusals.while_suspended"]
    assert block.severity is Severity.BLOCK and "第二十四条" in block.article


def test_graduating_grade_blocks_in_changzhi(tmp_path):
    ws = make_school(tmp_path / "c.sqlite3", profile_id="changzhi", today=TODAY)
    draft = incoming(ws, grade=6)
    found = [f for f in transfer.check(ws, draft) if f.rule == "transfer.refusals.graduating_grade"]
    assert found and found[0].severity is Severity.BLOCK and found[0].article == "《长治市实施细则》第二十条"
    ws.close()


def _changzhi_out(ws, pupil) -> TransferDraft:
    reason = allowed_reasons(ws.profile)[0]["id"]
    return TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("北京市东城区史家小学", "110101"),
                         grade_to=pupil.grade, reason_id=reason, evidence_seen=evidence_for(ws.profile, reason),
                         applied_on=ws.today(), other_school_agreed=True)


def test_changzhi_transfer_out_while_punished_is_read_from_the_record_and_blocks(tmp_path):
    """长治第二十条 “学生休学期间以及受处分期间不予转学”: the school's punishment records (core.discipline)
    decide, so the registrar is not asked; a punishment in force blocks, citing the article; revoked, the case
    opens."""
    from xueji_desktop.core.discipline import records
    from xueji_desktop.core.discipline.records import DisciplineDraft

    ws = make_school(tmp_path / "c.sqlite3", profile_id="changzhi", today=dt.date(2026, 8, 20))
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=3, new=False, birth=dt.date(2018, 3, 7)))
    draft = _changzhi_out(ws, pupil)
    assert "while_punished" not in [q.id for q in transfer.questions(ws, draft)]
    draft.declared = {q.id: False for q in transfer.questions(ws, draft)}
    assert [f for f in transfer.check(ws, draft) if f.rule == "transfer.refusals.while_punished"] == []
    row, _ = records.record(ws, DisciplineDraft(kind="punishment", student_id=pupil.id, level="严重警告",
                                                reason="多次打架，经教育不改", decided_on=dt.date(2026, 8, 18),
                                                decided_by="本校"))
    [held] = [f for f in transfer.check(ws, draft) if f.rule == "transfer.refusals.while_punished"]
    assert (held.severity, held.field) == (Severity.BLOCK, "student")
    assert "受处分期间" in held.message and "不能办理转学" in held.message
    assert held.text.endswith("《长治市实施细则》第二十条）")
    with pytest.raises(RuleViolation):
        transfer.open_transfer(ws, draft)
    assert Case.select().count() == 0
    records.revoke(ws, row.id, dt.date(2026, 8, 20), "表现良好，经研究撤销")
    case, _ = transfer.open_transfer(ws, draft)
    assert case.status == "open"
    ws.close()


def test_changzhi_transfer_in_asks_about_a_punishment_at_the_sending_school(tmp_path):
    """第二十条 does not say which side: a pupil coming in under a punishment is refused as well."""
    ws = make_school(tmp_path / "c.sqlite3", profile_id="changzhi", today=dt.date(2026, 8, 20))
    draft = incoming(ws, other_school_agreed=True)
    assert "while_punished" in draft.declared
    draft.declared["while_punished"] = True
    [held] = [f for f in transfer.check(ws, draft) if f.rule == "transfer.refusals.while_punished"]
    assert held.severity is Severity.BLOCK and held.article == "《长治市实施细则》第二十条"
    ws.close()


@pytest.mark.parametrize("pid", ["national", "yingkou", "liangshan", "heilongjiang", "anyang_beiguan"])
def test_no_other_region_asks_about_punishment(tmp_path, pid):
    ws = make_school(tmp_path / "o.sqlite3", profile_id=pid, today=dt.date(2026, 9, 15))
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=3, new=False, birth=dt.date(2018, 3, 7)))
    out = _changzhi_out(ws, pupil)
    assert "while_punished" not in [q.id for q in transfer.questions(ws, out)]
    assert "while_punished" not in incoming(ws).declared
    assert not [f for f in transfer.check(ws, out) + transfer.check(ws, incoming(ws))
                if "while_punished" in f.rule or "处分" in f.message]
    ws.close()


def test_case_survives_a_reopen(hlj, tmp_path, clock):
    case, _ = transfer.open_transfer(hlj, incoming(hlj))
    path = hlj.path
    hlj.close()
    from xueji_desktop.core.school.workspace import Workspace

    clock.now = dt.datetime.combine(TODAY, dt.time(10))
    again = Workspace(path)
    reopened = Case.get(Case.number == case.number)
    assert json.loads(reopened.data)["pupil"]["name"] == "李小龙"
    assert len(cases.steps(reopened)) == 4
    again.close()


def test_a_pupil_who_left_can_come_back_with_the_same_record(hlj):
    pupil, _ = enrolment.enrol(hlj, pupil_draft(name="王小明", grade=2, new=False, birth=dt.date(2019, 3, 7)))
    out = TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102"),
                        grade_to=2, reason_id=allowed_reasons(hlj.profile)[0]["id"], applied_on=TODAY)
    out.declared = {d.id: False for d in transfer.questions(hlj, out)}
    approve_all(hlj, transfer.open_transfer(hlj, out)[0])
    back = incoming(hlj, name="王小明", seq=447, grade=2)
    back.pupil.student.update(id_number=pupil.id_number, birth_date=pupil.birth_date.isoformat(), sex=pupil.sex)
    back.incoming_number = pupil.student_number
    back.declared = {d.id: False for d in transfer.questions(hlj, back)}
    assert not [f for f in transfer.check(hlj, back) if f.severity is Severity.BLOCK]
    approve_all(hlj, transfer.open_transfer(hlj, back)[0])
    assert Student.select().where(Student.student_number == pupil.student_number).count() == 1
    again = Student.get_by_id(pupil.id)
    assert again.status == "enrolled" and again.entry_route == "transfer_in"
    assert [e.kind for e in Event.select().where(Event.student == again).order_by(Event.seq)][0] == "student_enrolled"


def test_incoming_number_of_another_pupil_is_refused(hlj):
    other, _ = enrolment.enrol(hlj, pupil_draft(name="张三", grade=1))
    draft = incoming(hlj)
    draft.incoming_number = other.student_number
    found = [f for f in transfer.check(hlj, draft) if f.field == "incoming_number"]
    assert found and "属于本校学籍中的 张三" in found[0].message


def test_a_private_school_is_asked_about_bulk_intake(hlj):
    from xueji_desktop.store.models import School

    draft = incoming(hlj)
    assert "private_bulk_over_ratio" not in {d.id for d in transfer.questions(hlj, draft)}
    School.update(private=True).execute()
    hlj.forget_school()
    assert "private_bulk_over_ratio" in {d.id for d in transfer.questions(hlj, draft)}
