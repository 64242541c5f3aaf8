"""The to-do list (core.overview.todo) on real school databases: every source, the working-day counts, the order,
and the year chinese-calendar does not know (2027) counted by weekends with a visible warning."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft
from tests.test_status_change_workflow import approve_all, draft, suspend
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, StepDecision
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.dates import holidays
from xueji_desktop.core.dates.workdays import WorkCalendar, status_of
from xueji_desktop.core.dropout_control import attendance
from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays
from xueji_desktop.core.exchange import outbox
from xueji_desktop.core.overview import todo
from xueji_desktop.core.transfers import transfer
from xueji_desktop.store.models import Case, Event, OutboxBatch, Student

D = dt.date
K = CaseKind


def school(tmp_path, pid="heilongjiang", today=None):
    return make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=today or D(2026, 9, 10))


def move_to(ws, day: D):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(9, 0))


def enrol(ws, name="王小明", grade=4, seq=447, new=False, verified=True, **fields):
    d = pupil_draft(name=name, grade=grade, new=new, seq=seq, birth=D(2026 - grade - 6, 3, 7), **fields)
    d.identity_verified = verified
    for f in enrolment.check(ws, d):
        if f.severity.name == "WARN":
            d.reasons[f.rule] = "测试：情况已核实"
    student, _ = enrolment.enrol(ws, d)
    return student


def of_kind(items, kind):
    return [i for i in items if i.kind == kind]


# --- open case steps ---------------------------------------------------------------------------------------------

def test_the_pending_step_of_each_open_case_with_its_party_and_working_day_deadline(tmp_path):
    ws = school(tmp_path)
    pupil = enrol(ws)
    case, _ = status_change.open_change(ws, draft(ws, K.SUSPENSION, pupil, ground_id=ws.profile.value(
        "suspension.grounds")[0]["id"], effective_on=ws.today(), until=D(2027, 7, 10)))
    step = cases.pending_step(case)
    assert step.due_on is not None
    (item,) = of_kind(todo.todo_items(ws), "case_step")
    assert item.target == ("case", case.id) and item.due == step.due_on
    assert item.title == f"休学申请：待{todo.step_party('suspension', step.party)}审批"
    assert case.number in item.who and "王小明" in item.who
    cal = WorkCalendar.from_store()
    assert item.status == status_of(step.due_on, ws.today(), cal)
    assert item.remaining_label == f"还剩 {cal.working_days_between(ws.today(), step.due_on).days} 个工作日"
    assert not item.warning

    # the deadline passes: overdue, counted in working days (National Day 2026 is not counted)
    move_to(ws, D(2026, 10, 9))
    (late,) = of_kind(todo.todo_items(ws), "case_step")
    assert late.level == "overdue" and late.urgency_label == "已逾期"
    passed = cal.working_days_between(step.due_on, D(2026, 10, 9)).days
    assert late.remaining_label == f"已逾期 {passed} 个工作日"
    assert passed < (D(2026, 10, 9) - step.due_on).days * 5 // 7 + 1  # 国庆 holidays left out

    # the school approves: the next party's step is listed instead; approved to the end: gone
    transfer.record_step(ws, case.id, StepDecision(step.party, D(2026, 10, 9), "李校长", "approved"))
    following = cases.pending_step(Case.get_by_id(case.id))
    if following is not None:
        (item,) = of_kind(todo.todo_items(ws), "case_step")
        assert item.due == following.due_on and todo.step_party("suspension", following.party) in item.title
    approve_all(ws, Case.get_by_id(case.id), D(2026, 10, 9))
    assert of_kind(todo.todo_items(ws), "case_step") == []
    ws.close()


def test_a_transfer_out_names_this_school_as_the_party(tmp_path):
    ws = school(tmp_path)
    pupil = enrol(ws)
    from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
    from xueji_desktop.core.transfers.transfer_rules import allowed_reasons, evidence_for

    reason = allowed_reasons(ws.profile)[0]["id"]
    d = TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102"),
                      grade_to=4, reason_id=reason, evidence_seen=evidence_for(ws.profile, reason), applied_on=ws.today())
    d.declared = {q.id: False for q in transfer.questions(ws, d)}
    case, _ = transfer.open_transfer(ws, d)
    (item,) = of_kind(todo.todo_items(ws), "case_step")
    assert item.title.startswith("转出申请：待") and item.target == ("case", case.id)
    if cases.pending_step(case).party == "sending_school":
        assert "（本校）" in item.title
    ws.close()


# --- the 学籍 creation deadline of new pupils ---------------------------------------------------------------------

def test_new_pupil_on_a_temporary_number_until_the_archive_deadline(tmp_path):
    ws = school(tmp_path, today=D(2026, 9, 1))
    done = enrol(ws, "李子树", grade=1, seq=451, new=True)  # verified, complete: nothing to do
    waiting = enrol(ws, "张三", grade=1, seq=453, new=True, verified=False)
    assert waiting.student_number.startswith("L") and waiting.archive_deadline == D(2026, 10, 1)
    (item,) = of_kind(todo.todo_items(ws), "archive")
    assert item.target == ("student", waiting.id) and item.due == D(2026, 10, 1)
    assert "临时学籍号" in item.detail and "《黑龙江省实施细则》第十三条" in item.detail
    assert waiting.student_number in item.who and done.id not in [i.target[1] for i in of_kind(todo.todo_items(ws), "archive")]

    # a required field lost (an old record brought in): named in the item
    Student.update(phone="").where(Student.id == done.id).execute()
    lacking = {i.target[1]: i for i in of_kind(todo.todo_items(ws), "archive")}
    assert "缺少：联系电话" in lacking[done.id].detail

    move_to(ws, D(2026, 10, 12))
    item = {i.target[1]: i for i in of_kind(todo.todo_items(ws), "archive")}[waiting.id]
    assert item.level == "overdue" and item.status.overdue_days == 4  # 国庆 1–7 Oct off; 8, 9, 10 (Sat, 调休), 12
    assert item.status == status_of(D(2026, 10, 1), D(2026, 10, 12), WorkCalendar.from_store())

    move_to(ws, D(2027, 1, 5))  # more than 90 days after the deadline: the term review lists it, not the to-do
    assert of_kind(todo.todo_items(ws), "archive") == []
    ws.close()


# --- suspensions expiring --------------------------------------------------------------------------------------

def test_suspension_ending_within_15_days_unless_a_case_is_open(tmp_path):
    ws = school(tmp_path)
    pupil = enrol(ws)
    suspend(ws, pupil, D(2026, 9, 10), D(2026, 12, 1))
    assert of_kind(todo.todo_items(ws), "suspension") == []  # far off
    move_to(ws, D(2026, 11, 20))
    (item,) = of_kind(todo.todo_items(ws), "suspension")
    assert item.target == ("student", pupil.id) and item.due == D(2026, 12, 1)
    assert "休学至 2026-12-01" in item.detail and item.level == "ok"
    case, _ = status_change.open_change(ws, draft(ws, K.RESUMPTION, Student.get_by_id(pupil.id),
                                                  effective_on=D(2026, 11, 20), return_grade=4))
    items = todo.todo_items(ws)
    assert of_kind(items, "suspension") == [] and [i.target for i in of_kind(items, "case_step")] == [("case", case.id)]
    ws.close()


# --- dropout thresholds (core.dropout_control.dropout) --------------------------------------------------------------------------

def test_dropout_proposals_from_attendance(tmp_path):
    pytest.importorskip("xueji_desktop.core.dropout_control.dropout", reason="core/dropout_control/dropout.py (near_thresholds) not in this build")
    ws = school(tmp_path, today=D(2026, 9, 1))
    pupil = enrol(ws)
    move_to(ws, D(2026, 11, 12))
    days = SchoolDays.for_workspace(ws).between(D(2026, 11, 2), D(2026, 11, 11))
    attendance.save_absences(ws, pupil.school_class_id, {(pupil.id, d): Kind.UNEXCUSED for d in days})
    (item,) = of_kind(todo.todo_items(ws, D(2026, 11, 11)), "dropout")
    assert item.target == ("dropout", pupil.id) and item.due is None and item.alert
    assert item.title == "考勤：已达到疑似辍学认定条件" and item.level == "alert" and item.urgency_label == "需处理"
    assert "《黑龙江省实施细则》第四十六条" in item.detail and "王小明" in item.who
    near = of_kind(todo.todo_items(ws, D(2026, 11, 9)), "dropout")
    assert [(i.title, i.alert) for i in near] == [("考勤：接近疑似辍学认定条件", False)]
    ws.close()


# --- the term review ------------------------------------------------------------------------------------------

def test_term_review_until_it_is_marked_done(tmp_path, monkeypatch):
    from xueji_desktop.core.school_year import term_review

    ws = school(tmp_path, pid="changzhi")
    (item,) = of_kind(todo.todo_items(ws), "term_review")
    assert item.target == ("review", None) and item.due == D(2027, 1, 20) and "《长治市实施细则》第四十三条" in item.detail
    assert item.title == "每学期复核：2026—2027学年上学期"
    term_review.mark_done(ws)
    assert of_kind(todo.todo_items(ws), "term_review") == []
    move_to(ws, D(2027, 3, 1))  # the next term: due again
    assert [i.due for i in of_kind(todo.todo_items(ws), "term_review")] == [D(2027, 7, 10)]
    monkeypatch.setattr(term_review, "rule_of", lambda profile: None)  # a profile without the rule
    assert of_kind(todo.todo_items(ws), "term_review") == []
    ws.close()


def test_term_review_in_the_holidays_is_the_term_just_ended(tmp_path):
    ws = school(tmp_path, pid="liangshan", today=D(2027, 2, 5))  # winter holidays
    (item,) = of_kind(todo.todo_items(ws), "term_review")
    assert item.title == "每学期复核：2026—2027学年上学期" and item.level == "overdue"
    ws.close()


# --- exports -------------------------------------------------------------------------------------------------

def test_changes_not_exported_and_batches_without_receipt(tmp_path):
    from tests.test_school_exchange import bureau_key_file
    from xueji_desktop.core.exchange import keys, school_keys

    ws = school(tmp_path)
    enrol(ws)
    (item,) = of_kind(todo.todo_items(ws), "export")
    assert item.title == f"{outbox.unexported_count()} 条变更尚未导出报送教育局" and item.target == ("export", None)
    bureau = keys.BureauKeys.generate()
    school_keys.create_keys(ws, PASSWORD)
    school_keys.trust_bureau(ws, bureau_key_file(tmp_path, bureau), bureau.fingerprint)
    batch = outbox.seal_next_batch(ws, PASSWORD)
    assert batch is not None and Event.select().where(Event.batch_no.is_null()).count() == 0
    items = todo.todo_items(ws)
    assert of_kind(items, "export") == [] and of_kind(items, "batch") == []  # sealed today: not late yet
    move_to(ws, D(2026, 10, 20))
    (late,) = of_kind(todo.todo_items(ws), "batch")
    assert late.title == f"批次 {batch.batch_no} 尚未收到教育局回执" and late.target == ("export", None)
    outbox.acknowledge(ws, batch.batch_no, "回执")
    assert of_kind(todo.todo_items(ws), "batch") == []
    assert OutboxBatch.get().acknowledged_at is not None
    ws.close()


# --- the order, and 2027 ---------------------------------------------------------------------------------------

def test_order_overdue_first_then_soonest_then_undated(tmp_path):
    ws = school(tmp_path, pid="national", today=D(2026, 9, 1))  # enrols all year
    late = enrol(ws, "张三", grade=1, seq=453, new=True, verified=False)  # archive due 1 Oct
    move_to(ws, D(2026, 10, 20))
    later = enrol(ws, "张思远", grade=1, seq=455, new=True, verified=False)  # due 20 Nov
    pupil = enrol(ws, "曾小明", grade=4, seq=457)
    suspend(ws, pupil, D(2026, 10, 20), D(2026, 11, 1))  # ended: overdue by fewer days than the archive
    move_to(ws, D(2026, 11, 10))
    items = todo.todo_items(ws)
    assert items == sorted(items, key=lambda i: i.urgency)
    kinds = [(i.kind, i.target) for i in items]
    assert kinds.index(("archive", ("student", late.id))) < kinds.index(("suspension", ("student", pupil.id)))
    assert kinds.index(("suspension", ("student", pupil.id))) < kinds.index(("archive", ("student", later.id)))
    dated = [i for i in items if i.due is not None]
    undated = [i for i in items if i.due is None]
    assert items == dated + undated and undated  # the export at least
    overdue = [i for i in dated if i.level == "overdue"]
    assert [i.status.overdue_days for i in overdue] == sorted((i.status.overdue_days for i in overdue), reverse=True)
    upcoming = [i for i in dated if i.level != "overdue"]
    assert [i.due for i in upcoming] == sorted(i.due for i in upcoming)
    assert todo.overdue_count(items) == len(overdue) >= 2
    ws.close()


def test_2027_is_counted_by_weekends_with_a_warning_until_its_holidays_are_entered(tmp_path):
    from xueji_desktop.core.dates.workdays import library_knows

    assert not library_knows(2027)  # chinesecalendar 1.11 stops at 2026
    ws = school(tmp_path, today=D(2026, 12, 1))
    pupil = enrol(ws)
    suspend(ws, pupil, D(2026, 12, 1), D(2027, 1, 4))
    move_to(ws, D(2026, 12, 28))
    items = todo.todo_items(ws)
    (item,) = of_kind(items, "suspension")
    assert item.estimated and item.years_estimated == (2027,)
    assert "2027 年的法定节假日尚未录入" in item.warning and "按周末计算" in item.warning
    assert item.remaining_label == "还剩 5 个工作日"  # 29, 30, 31 Dec (2026 data); 1 (Fri), 4 Jan: weekends only
    assert "2027 年的法定节假日尚未录入" in todo.estimate_banner(items)
    (year,) = of_kind(items, "holidays")
    assert year.target == ("holidays", 2027) and year.title == "录入 2027 年法定节假日安排" and year.due is None

    # the State Council's notice entered: 1 Jan is 元旦 and the count is exact, no warning
    holidays.enter_year(ws, 2027, [(D(2027, 1, 1), "元旦")], [])
    items = todo.todo_items(ws)
    (item,) = of_kind(items, "suspension")
    assert not item.estimated and not item.warning and todo.estimate_banner(items) == ""
    assert item.remaining_label == "还剩 4 个工作日"  # 元旦 is a holiday now
    assert of_kind(items, "holidays") == []
    ws.close()


def test_an_unknown_year_never_crashes_the_list(tmp_path):
    ws = school(tmp_path, today=D(2026, 9, 10))
    pupil = enrol(ws)
    suspend(ws, pupil, D(2026, 9, 10), D(2027, 7, 10))
    move_to(ws, D(2031, 2, 20))  # the suspension long over, years far beyond any data
    items = todo.todo_items(ws)
    (item,) = of_kind(items, "suspension")
    assert item.level == "overdue" and item.estimated and item.years_estimated == (2027, 2028, 2029, 2030, 2031)
    assert {i.target for i in of_kind(items, "holidays")} == {("holidays", y) for y in range(2027, 2032)}
    ws.close()


def test_a_migrant_dropout_s_archive_goes_home_at_term_end_in_liangshan_only(tmp_path):
    for pid, expected in (("liangshan", True), ("heilongjiang", False)):
        ws = school(tmp_path, pid)
        migrant = enrol(ws, name="阿木", seq=451, migrant_child="1")
        local = enrol(ws, name="吉克", seq=453)
        Student.update(status="dropped_out").where(Student.id.in_([migrant.id, local.id])).execute()
        found = of_kind(todo.todo_items(ws), "migrant_archive")
        if expected:
            [item] = found
            assert item.target == ("student", migrant.id) and "阿木" in item.who
            from xueji_desktop.core.dates.school_calendar import SchoolCalendar

            assert item.due == SchoolCalendar.from_profile(ws.profile).term_of(D(2026, 9, 10)).end
            assert "《凉山州规定》二(四)" in item.detail
        else:
            assert found == []
        ws.close()


# --- a school without pupils -------------------------------------------------------------------------------------

def test_a_school_without_pupils_is_told_first_how_to_bring_them_in(tmp_path):
    ws = school(tmp_path)
    ws.login("registrar", PASSWORD)
    items = todo.todo_items(ws)
    assert items[0].kind == "first_day" and items[0].target == ("import", None)
    assert "从全国学籍系统导入" in items[0].title and "新生注册" in items[0].detail
    enrol(ws)
    assert not of_kind(todo.todo_items(ws), "first_day")
    ws.close()
