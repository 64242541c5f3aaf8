"""Status changes as cases on a real school database: opened, approved party by party, completed —
the status (or the record) changes only with the last approval, and the status machine refuses
impossible moves with a message that says why."""

import datetime as dt
import json

import pytest

from tests.conftest import first_class, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, StepDecision
from xueji_desktop.core.changes import info_change, status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for, questions
from xueji_desktop.core.dates.workdays import WorkCalendar
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.pupils.search import matches
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.transfers import transfer
from xueji_desktop.store.models import Case, Event, SchoolClass, Student

TODAY = dt.date(2026, 9, 10)
K = CaseKind


def school(tmp_path, pid, today=TODAY):
    return make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=today)


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


def pupil(ws, name="王小明", grade=4, seq=447):
    student, _ = enrolment.enrol(ws, pupil_draft(name=name, grade=grade, new=False, seq=seq,
                                                 birth=dt.date(2026 - grade - 6, 3, 7)))
    return student


def draft(ws, kind, student, **fields) -> ChangeDraft:
    """A draft with every paper of the region seen and every yes/no question answered “no”."""
    d = ChangeDraft(kind=kind, student_id=student.id, applied_on=ws.today(), **fields)
    d.evidence_seen = evidence_for(ws, d)
    d.declared = {q.id: False for q in questions(ws, d)}
    return d


def approve_all(ws, case, day=None):
    for i, step in enumerate(cases.steps(case)):
        if not step.outcome:
            transfer.record_step(ws, case.id, StepDecision(step.party, day or ws.today(), f"经办人{i + 1}", "approved"))
    return Case.get_by_id(case.id)


def move_to(ws, day: dt.date):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(9, 0))


def suspend(ws, student, start, until, ground=None):
    ground = ground or ws.profile.value("suspension.grounds")[0]["id"]
    case, _ = status_change.open_change(ws, draft(ws, K.SUSPENSION, student, ground_id=ground,
                                                  effective_on=start, until=until))
    return approve_all(ws, case)


def blocks_of(found):
    return [f for f in found if f.severity is Severity.BLOCK]


def status(student) -> str:
    return Student.get_by_id(student.id).status


# ── 休学 ──
def test_suspension_takes_effect_only_with_the_last_approval(hlj):
    s = pupil(hlj)
    d = draft(hlj, K.SUSPENSION, s, ground_id="sick_leave", effective_on=dt.date(2026, 9, 1),
              until=dt.date(2027, 8, 31))
    assert d.evidence_seen == ["书面申请", "县级及以上医疗单位诊断、病历、缴费票据或其他有效证明"]
    assert [q.id for q in questions(hlj, d)] == ["for_repetition"]
    assert not blocks_of(status_change.check(hlj, d))
    case, _ = status_change.open_change(hlj, d)
    assert case.number == "XX-2026-0001" and case.status == "open"
    steps = cases.steps(case)
    assert [x.party for x in steps] == hlj.profile.value("suspension.approvers")
    # 10 working days after the application (第二十五条（二）), 20 September 2026 being a 调休 working day
    assert steps[0].due_on == WorkCalendar.from_store().add_working_days(TODAY, 10).day == dt.date(2026, 9, 23)
    transfer.record_step(hlj, case.id, StepDecision(steps[0].party, TODAY, "王校长", "approved"))
    assert status(s) == "enrolled"
    transfer.record_step(hlj, case.id, StepDecision(steps[1].party, TODAY, "赵科长", "approved"))
    assert status(s) == "suspended" and Case.get_by_id(case.id).status == "completed"
    changed = Event.get((Event.kind == "status_changed") & (Event.case_id == case.id))
    assert changed.summary.startswith("休学：王小明，2026-09-01 至 2027-08-31，连续病假3个月以上")
    assert json.loads(Case.get_by_id(case.id).data)["grade_at_start"] == 4


def test_a_suspended_pupil_cannot_be_suspended_again(hlj):
    s = pupil(hlj)
    suspend(hlj, s, dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    again = draft(hlj, K.SUSPENSION, s, ground_id="sick_leave", until=dt.date(2027, 8, 31))
    stop = blocks_of(status_change.check(hlj, again))
    assert [f.message for f in stop if f.field == "student"] == [
        "王小明 现为“休学”，不能办理休学（休学须从“在校”开始）"]
    with pytest.raises(RuleViolation):
        status_change.open_change(hlj, again)
    assert Case.select().count() == 1


def test_suspension_for_repetition_is_refused(hlj):
    s = pupil(hlj)
    d = draft(hlj, K.SUSPENSION, s, ground_id="sick_leave", until=dt.date(2027, 8, 31))
    d.declared["for_repetition"] = True
    with pytest.raises(RuleViolation) as refused:
        status_change.open_change(hlj, d)
    hit = next(f for f in refused.value.findings if f.rule == "suspension.not_for_repetition")
    assert "严禁以留级或降级为目的" in hit.message and hit.article == "《黑龙江省实施细则》第二十五条"


def test_a_third_suspension_is_refused_in_heilongjiang(hlj):
    s = pupil(hlj)
    for start, until, back in ((dt.date(2026, 9, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 20)),
                               (dt.date(2027, 3, 1), dt.date(2027, 6, 30), dt.date(2027, 6, 20))):
        suspend(hlj, s, start, until)
        move_to(hlj, back)
        resume = draft(hlj, K.RESUMPTION, s, return_grade=4, effective_on=until + dt.timedelta(days=1))
        case, _ = status_change.open_change(hlj, resume)
        approve_all(hlj, case)
        assert status(s) == "enrolled"
    third = draft(hlj, K.SUSPENSION, s, ground_id="sick_leave", effective_on=dt.date(2027, 9, 1),
                  until=dt.date(2027, 12, 31))
    hit = next(f for f in status_change.check(hlj, third) if f.rule == "suspension.max_times")
    assert hit.severity is Severity.BLOCK and "已休学（含延长）2 次，本次为第 3 次，超过 2 次" in hit.message
    assert hit.article == "《黑龙江省实施细则》第二十五条（三）"


# ── 复学 ──
def test_resumption_returns_to_the_continuing_grade(hlj):
    s = pupil(hlj)
    suspend(hlj, s, dt.date(2026, 9, 1), dt.date(2027, 6, 30))
    move_to(hlj, dt.date(2027, 6, 20))
    lower = draft(hlj, K.RESUMPTION, s, return_grade=3, effective_on=dt.date(2027, 7, 1))
    hit = next(f for f in status_change.check(hlj, lower) if f.field == "return_grade")
    assert hit.severity is Severity.BLOCK and "不能回到更低的三年级" in hit.message
    assert hit.article == "《黑龙江省实施细则》第二十五条"
    case, _ = status_change.open_change(hlj, draft(hlj, K.RESUMPTION, s, return_grade=4,
                                                   effective_on=dt.date(2027, 7, 1)))
    assert status(s) == "suspended"
    approve_all(hlj, case)
    back = Student.get_by_id(s.id)
    assert (back.status, back.grade, back.school_class_id) == ("enrolled", 4, first_class(4).id)
    assert "复学：王小明，回四年级(1)班就读" in Event.get((Event.kind == "status_changed") & (Event.case_id == case.id)).summary


def test_changzhi_resumption_into_the_next_grade_moves_class_and_shows_the_contradiction(cz):
    s = pupil(cz, grade=3)
    suspend(cz, s, dt.date(2026, 9, 1), dt.date(2027, 6, 30))
    move_to(cz, dt.date(2027, 6, 25))
    d = draft(cz, K.RESUMPTION, s, return_grade=4)
    missing_class = next(f for f in status_change.check(cz, d) if f.field == "school_class")
    assert missing_class.severity is Severity.BLOCK and "请选择四年级的班级" in missing_class.message
    d.details = {"class_id": first_class(4).id}
    found = status_change.check(cz, d)
    note = next(f for f in found if f.rule == "contradictions.resumption_grade")
    assert note.severity is Severity.INFO and "第二十四条" in note.message
    assert not [f for f in found if f.severity is not Severity.INFO]
    approve_all(cz, status_change.open_change(cz, d)[0])
    back = Student.get_by_id(s.id)
    assert (back.grade, back.school_class_id, back.status) == (4, first_class(4).id, "enrolled")


# ── 死亡 ──
def test_death_is_final(hlj):
    s = pupil(hlj)
    d = draft(hlj, K.DEATH, s, effective_on=dt.date(2026, 9, 8))
    warning = next(f for f in status_change.check(hlj, d) if f.rule == "death.irreversible")
    assert warning.severity is Severity.INFO and "注销后不可恢复，之后任何业务都不能再变更此记录" in warning.message
    case, _ = status_change.open_change(hlj, d)  # no approvers: done at once, on proof
    assert case.status == "completed" and status(s) == "deceased"
    for kind in (K.SUSPENSION, K.KEY_INFO_CHANGE, K.DEATH, K.ABROAD):
        stop = blocks_of(status_change.check(hlj, ChangeDraft(kind=kind, student_id=s.id)))
        assert stop[0].message == "王小明 已注销学籍（死亡），记录不能再作任何变更", kind
    with pytest.raises(RuleViolation) as refused:
        info_change.update_routine(hlj, s.id, {"phone": "13800001111"})
    assert "已注销学籍（死亡）" in refused.value.findings[0].message


def test_a_death_reported_late_needs_a_reason(hlj):
    s = pupil(hlj)
    d = draft(hlj, K.DEATH, s, effective_on=dt.date(2026, 8, 20))  # 10 working days end on 3 September
    late = next(f for f in status_change.check(hlj, d) if f.rule == "death.deadline_working_days")
    assert late.severity is Severity.WARN and "已逾期 5 个工作日" in late.message
    with pytest.raises(RuleViolation):
        status_change.open_change(hlj, d)
    d.reasons = {"death.deadline_working_days": "家长九月初才告知学校"}
    status_change.open_change(hlj, d)
    assert status(s) == "deceased"


# ── 关键信息变更 ──
def test_a_name_change_applies_on_approval_and_the_history_shows_old_and_new(hlj):
    s = pupil(hlj, name="张三")
    number = s.student_number
    d = draft(hlj, K.KEY_INFO_CHANGE, s, changes={"name": "张珊"})
    assert d.evidence_seen == list(hlj.profile.value("info_change.key_change_evidence"))
    case, _ = status_change.open_change(hlj, d)
    assert Student.get_by_id(s.id).name == "张三"
    approve_all(hlj, case)
    after = Student.get_by_id(s.id)
    assert after.name == "张珊" and after.student_number == number and after.status == "enrolled"
    assert matches(after.search_keys, "zhangshan") and not matches(after.search_keys, "张三")
    event = Event.get((Event.kind == "status_changed") & (Event.case_id == case.id))
    assert event.summary == f"关键信息变更：张珊，姓名 张三 → 张珊（申请 {case.number}）"


def test_the_birth_date_and_the_birth_part_of_the_id_never_change_in_heilongjiang(hlj):
    s = pupil(hlj)
    d = draft(hlj, K.KEY_INFO_CHANGE, s, changes={"birth_date": "2016-05-01"})
    hit = next(f for f in status_change.check(hlj, d) if f.field == "changes.birth_date")
    assert hit.severity is Severity.BLOCK and "学籍建立后出生日期" in hit.message and "不予变更" in hit.message
    assert hit.article == "《黑龙江省实施细则》第四十条"
    with pytest.raises(RuleViolation):
        status_change.open_change(hlj, d)
    other = ids.make_id_number(s.id_number[:6], dt.date(2016, 5, 1), int(s.id_number[14:17]))
    d = draft(hlj, K.KEY_INFO_CHANGE, s, changes={"id_number": other})
    hit = next(f for f in status_change.check(hlj, d) if f.field == "changes.id_number")
    assert hit.severity is Severity.BLOCK and "第 7—14 位不予变更" in hit.message
    assert Student.get_by_id(s.id).birth_date == s.birth_date


def test_key_change_refuses_routine_fields_and_another_pupils_id(hlj):
    s = pupil(hlj)
    t = pupil(hlj, name="李四", seq=449)
    d = draft(hlj, K.KEY_INFO_CHANGE, s, changes={"phone": "13800001111"})
    hit = next(f for f in status_change.check(hlj, d) if f.field == "changes.phone")
    assert hit.severity is Severity.BLOCK and "直接修改即可" in hit.message
    d = draft(hlj, K.KEY_INFO_CHANGE, s, changes={"id_number": t.id_number, "sex": t.sex})
    hit = next(f for f in status_change.check(hlj, d) if f.rule == "info_change.id_taken")
    assert "已属于本校学籍中的 李四" in hit.message


# ── 借读, 出国, 退学, 失踪 ──
def test_borrowed_study_is_not_offered_in_heilongjiang_and_says_why(hlj):
    s = pupil(hlj)
    refusal = status_change.offered(hlj, K.BORROWED_STUDY)
    assert refusal.severity is Severity.BLOCK and "学校不得接收借读学生" in refusal.message
    assert refusal.article == hlj.profile.rule("borrowed_study.allowed").article == "《黑龙江省实施细则》第二十四条（六）1"
    with pytest.raises(RuleViolation) as refused:
        status_change.open_change(hlj, draft(hlj, K.BORROWED_STUDY, s, details={"host_school": "哈尔滨市光芒小学"}))
    assert refused.value.findings[0].message.startswith("外出借读：本地区未设此项业务（学校不得接收借读学生")


def test_borrowed_study_in_changzhi_keeps_the_pupil_on_the_roll(cz):
    s = pupil(cz)
    d = draft(cz, K.BORROWED_STUDY, s, ground_id="parents_field_work", until=dt.date(2027, 7, 10),
              details={"host_school": "太原市迎泽区双塔小学"})
    assert not [f for f in status_change.check(cz, d) if f.severity is not Severity.INFO]
    case, _ = status_change.open_change(cz, d)
    assert [x.party for x in cases.steps(case)] == ["receiving_school", "receiving_bureau"]
    approve_all(cz, case)
    after = Student.get_by_id(s.id)
    assert after.status == "borrowed_out" and after.school_class_id == first_class(4).id


def test_abroad_and_return_continue_the_same_record(hlj):
    s = pupil(hlj)
    case, _ = status_change.open_change(hlj, draft(hlj, K.ABROAD, s, effective_on=TODAY))
    approve_all(hlj, case)
    assert status(s) == "abroad"
    move_to(hlj, dt.date(2027, 9, 1))
    back = draft(hlj, K.RETURN_FROM_ABROAD, s, return_grade=4)
    assert not blocks_of(status_change.check(hlj, back))
    approve_all(hlj, status_change.open_change(hlj, back)[0])
    after = Student.get_by_id(s.id)
    assert (after.status, after.grade, after.student_number) == ("enrolled", 4, s.student_number)


def test_withdrawal_persuaded_by_the_school_is_refused(cz):
    s = pupil(cz)
    d = draft(cz, K.WITHDRAWAL, s, ground_id="loss_of_ability")
    d.declared["school_initiated"] = True
    hit = next(f for f in status_change.check(cz, d) if f.field == "declared.school_initiated")
    assert hit.severity is Severity.BLOCK
    d.declared["school_initiated"] = False
    case, _ = status_change.open_change(cz, d)
    assert [x.party for x in cases.steps(case)] == ["school", "township_government", "bureau"]
    approve_all(cz, case)
    assert status(s) == "withdrawn"


def test_missing_keeps_the_place_and_the_pupil_may_return(hlj):
    s = pupil(hlj)
    case, _ = status_change.open_change(hlj, draft(hlj, K.MISSING, s, effective_on=TODAY))
    approve_all(hlj, case)
    assert status(s) == "missing" and Student.get_by_id(s.id).school_class_id == first_class(4).id
    case, _ = status_change.open_change(hlj, draft(hlj, K.MISSING_RETURN, s))
    assert [p.party for p in cases.steps(case)] == ["school"]  # the school's own decision is recorded
    approve_all(hlj, case)
    assert Case.get_by_id(case.id).status == "completed" and status(s) == "enrolled"
    assert SchoolClass.get_by_id(first_class(4).id).students.count() == 1


def test_suspensions_running_out_are_listed_until_the_pupil_resumes(hlj):
    from xueji_desktop.core.changes.suspensions import due_for_resumption

    ill = pupil(hlj, "王小明", seq=447)
    later = pupil(hlj, "李小红", seq=448)
    suspend(hlj, ill, TODAY, dt.date(2026, 11, 30))
    suspend(hlj, later, TODAY, dt.date(2027, 6, 30))
    move_to(hlj, dt.date(2026, 11, 20))
    [due] = due_for_resumption(hlj.today())
    assert (due.name, due.until, due.days_left(hlj.today())) == ("王小明", dt.date(2026, 11, 30), 10)
    move_to(hlj, dt.date(2027, 1, 5))
    assert [t.name for t in due_for_resumption(hlj.today())] == ["王小明"]  # still not back: overdue
    late = draft(hlj, K.RESUMPTION, ill, return_grade=4)
    late.reasons["resumption.apply_window"] = "寒假期间住院，家长开学后才来申请"
    approve_all(hlj, status_change.open_change(hlj, late)[0])
    assert due_for_resumption(hlj.today()) == []


def test_liangshan_records_other_leave_only_after_the_term_and_the_contacts(tmp_path):
    ls = school(tmp_path, "liangshan")
    s = pupil(ls)
    suspend(ls, s, TODAY, dt.date(2026, 11, 30))
    early = draft(ls, K.OTHER_LEAVE, s, details={"contacts": "2026-11-02 王老师 电话 无人接听"})
    assert any("休学尚未期满" in f.message for f in blocks_of(status_change.check(ls, early)))
    move_to(ls, dt.date(2026, 12, 10))
    silent = draft(ls, K.OTHER_LEAVE, s)
    assert any(f.field == "details.contacts" for f in blocks_of(status_change.check(ls, silent)))
    done = draft(ls, K.OTHER_LEAVE, s, details={"contacts": "2026-12-01 王老师 电话 停机\n2026-12-05 王老师 家访 无人"})
    approve_all(ls, status_change.open_change(ls, done)[0])
    assert status(s) == "left_other"
    ls.close()


def test_other_leave_is_not_offered_where_the_region_is_silent(hlj):
    s = pupil(hlj)
    suspend(hlj, s, TODAY, dt.date(2026, 11, 30))
    assert status_change.offered(hlj, K.OTHER_LEAVE) is not None


def test_an_extension_goes_to_the_suspension_approvers_where_the_region_names_no_others(hlj, tmp_path):
    assert status_change.parties(hlj, K.SUSPENSION_EXTENSION) == hlj.profile.value("suspension.approvers")
    ls = school(tmp_path, "liangshan")
    assert status_change.parties(ls, K.SUSPENSION_EXTENSION) == ["school"]  # 凉山: the school alone
    ls.close()


def test_contact_attempts_one_per_line_or_semicolon():
    from xueji_desktop.core.changes.status_other_leave import contact_attempts

    assert contact_attempts("11-01 电话 停机；11-05 家访 无人\n11-09 村委会 未见") == [
        "11-01 电话 停机", "11-05 家访 无人", "11-09 村委会 未见"]
    assert contact_attempts("  ；\n") == []
