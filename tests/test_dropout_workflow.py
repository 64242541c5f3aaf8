"""控辍保学 workflow on real school databases: each region's condition exactly as its text says it (contact
attempts), the status change with its case and events in one go, the 学籍 kept, and 辍学返校 to the grade that
continues the pupil's schooling, never a repeated one."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.dropout_control import dropout_cases as wf
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.store.models import Event, SchoolClass, Student

from .test_dropout import D, absent, school_with_pupil

K = CaseKind


def attempt(day, outcome="unreachable", method="电话", person="父亲 张建国"):
    return {"date": day, "person": person, "method": method, "outcome": outcome, "note": ""}


def stops(ws, draft):
    return [f for f in wf.check(ws, draft) if f.severity is not Severity.INFO]


def at(ws, day):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(17, 0))


def test_heilongjiang_suspected_needs_the_guardians_unreachable(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 11))
    draft = wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.suspected" and draft.details["run"]["days"] == 8
    assert [f.rule for f in stops(ws, draft)] == ["dropout.suspected.guardian_unreachable"]
    draft.details["attempts"] = [attempt("2026-11-09"), attempt("2026-11-10", "promised")]
    blocked = stops(ws, draft)
    assert blocked[0].article == "《黑龙江省实施细则》第四十六条" and "已联系上监护人" in blocked[0].message
    draft.details["attempts"] = [attempt("2026-11-09"), attempt("2026-11-10", method="家访")]
    assert stops(ws, draft) == []
    case, _ = wf.record(ws, draft)
    student = Student.get_by_id(pupil.id)
    assert (student.status, student.student_number, student.school_class_id) == (
        Status.SUSPECTED_DROPOUT.value, pupil.student_number, pupil.school_class_id)  # the 学籍 and place are kept
    events = list(Event.select().where(Event.case_id == case.id).order_by(Event.seq))
    assert [e.kind for e in events] == ["case_opened", "status_changed"]
    payload = json.loads(events[0].payload)
    assert payload["details"]["attempts"][1]["method"] == "家访" and payload["ground_id"] == "dropout.suspected"
    assert "《黑龙江省实施细则》第四十六条" in json.loads(events[0].articles)
    assert events[0].author.username == "registrar"
    ws.close()


def test_heilongjiang_suspected_refused_before_the_threshold(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 10))  # 7 school days: not "more than 7"
    draft = wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id)
    draft.ground_id = "dropout.suspected"
    draft.details["attempts"] = [attempt("2026-11-10")]
    assert [f.rule for f in stops(ws, draft)] == ["dropout.suspected"]
    with pytest.raises(RuleViolation):
        wf.record(ws, draft)
    assert Student.get_by_id(pupil.id).status == Status.ENROLLED.value
    ws.close()


def test_yingkou_dropout_needs_repeated_contact_on_different_days(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "yingkou")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 30))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.confirmed"
    draft.details["attempts"] = [attempt("2026-11-20"), attempt("2026-11-20", "promised", "家访")]
    hit = stops(ws, draft)
    assert [f.rule for f in hit] == ["dropout.confirmed.repeated_contact_failed"] and hit[0].article == "《营口市规定》五"
    draft.details["attempts"].append(attempt("2026-11-27", "refused", "家访"))
    assert stops(ws, draft) == []
    wf.record(ws, draft)
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    assert wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id) is not None
    ws.close()


def test_yingkou_has_no_suspected_dropout_ground(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "yingkou")
    draft = wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id)
    assert [f.message for f in stops(ws, draft)] == ["本地区规定未写明认定“疑似辍学”的情形，不能在此登记疑似辍学"]
    ws.close()


def test_liangshan_other_leave_and_family_refusal(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "liangshan", migrant_child="1")
    absent(ws, pupil, D(2026, 9, 7), D(2026, 12, 8))
    leave = wf.new_draft(ws, K.ABSENCE_LEAVE, pupil.id)
    leave.details["attempts"] = [attempt("2026-12-01")]
    assert {f.field for f in stops(ws, leave)} == {"declared.left_without_reason"}
    refusal = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert refusal.ground_id == "dropout.family_refusal"
    refusal.declared = {"family_reason": True}
    refusal.details["attempts"] = [attempt("2026-12-01")]
    assert [f.field for f in stops(ws, refusal)] == ["details.attempts"]  # no persuasion recorded
    refusal.details["attempts"].append(attempt("2026-12-03", "refused", "家访"))
    found = wf.check(ws, refusal)
    assert not [f for f in found if f.severity is not Severity.INFO]
    assert any("学期末将学籍档案转回户籍所在县" in f.message and f.article == "《凉山州规定》二(四)" for f in found)
    wf.record(ws, refusal)
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    ws.close()


def test_changzhi_new_pupil_no_show_needs_contact_on_several_days(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "changzhi", grade=1, new=True, birth=D(2020, 3, 7))
    absent(ws, pupil, D(2026, 9, 1), D(2026, 9, 10))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "enrolment.no_show" and draft.details["run"]["no_show"]
    draft.details["attempts"] = [attempt("2026-09-03")]
    hit = stops(ws, draft)
    assert [f.article for f in hit] == ["《长治市实施细则》第十二条"]
    draft.details["attempts"].append(attempt("2026-09-08", "unreachable", "托人转告", "村委会 李主任"))
    assert stops(ws, draft) == []
    ws.close()


@pytest.mark.parametrize("back_on, expected", [(D(2026, 12, 14), 3), (D(2027, 9, 10), 4), (D(2028, 9, 10), 5)])
def test_return_continues_the_schooling_never_a_repeated_grade(tmp_path, back_on, expected):
    ws, pupil = school_with_pupil(tmp_path, "liangshan")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 12, 4))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    draft.ground_id, draft.declared = "dropout.family_refusal", {"family_reason": True}
    draft.details["attempts"] = [attempt("2026-12-03", "refused", "家访")]
    wf.record(ws, draft)
    at(ws, back_on)
    back = wf.new_draft(ws, K.DROPOUT_RETURN, pupil.id)
    assert back.return_grade == expected and wf.continuing_grade(ws, pupil.id)[:2] == (3, expected)
    if expected > 3:
        back.return_grade = expected - 1
        back.details["class_id"] = SchoolClass.get((SchoolClass.grade == expected - 1) & (SchoolClass.number == 1)).id
        hit = [f for f in wf.check(ws, back) if f.severity is Severity.BLOCK]
        assert hit[0].rule == "dropout.return_grade" and hit[0].article == "《凉山州规定》二(四)"
        assert "严禁变相留级" in hit[0].message
    back.return_grade = expected
    back.details["class_id"] = SchoolClass.get((SchoolClass.grade == expected) & (SchoolClass.number == 2)).id
    assert not [f for f in wf.check(ws, back) if f.severity is not Severity.INFO]
    wf.record(ws, back)
    s = Student.get_by_id(pupil.id)
    assert (s.status, s.grade, s.school_class.number, s.student_number) == ("enrolled", expected, 2, pupil.student_number)
    assert wf.current_dropouts(ws) == []
    ws.close()


def test_current_dropouts_collects_the_episode(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 11))
    draft = wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id)
    draft.details["attempts"] = [attempt("2026-11-10")]
    draft.details["measures"] = "班主任两次家访，已报村委会协助劝返"
    wf.record(ws, draft)
    absent(ws, pupil, D(2026, 11, 12), D(2026, 12, 2))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.confirmed"
    draft.details["attempts"] = [attempt("2026-11-25", "refused", "家访")]
    wf.record(ws, draft)
    (rec,) = wf.current_dropouts(ws)
    assert rec.status is Status.DROPPED_OUT and len(rec.cases) == 2 and len(rec.attempts) == 2
    assert rec.measures == ["班主任两次家访，已报村委会协助劝返"] and rec.articles == ["《黑龙江省实施细则》第四十六条"]
    assert rec.since == "2026-11-11"
    ws.close()


# --- a pupil on the roll who stops coming: 安阳北关 第十三条（二）, 长治 第三十三条 -------------------------------------

def test_anyang_records_a_pupil_who_stops_coming_after_the_school_tries_to_bring_them_back(tmp_path):
    """《安阳市北关区办法》第十三条（二）“学校发现学生辍学应及时采取措施，努力使其复学。同时将学生辍学情况书面上报当地
    乡镇人民政府、街道办事处、区教育局”: no length of absence, but the school's efforts and the written report."""
    ws, pupil = school_with_pupil(tmp_path, "anyang_beiguan")
    assert [g.id for g in wf.rules.grounds(ws.profile, K.DROPOUT)] == ["dropout.stopped_attending"]
    assert wf.rules.grounds(ws.profile, K.SUSPECTED_DROPOUT) == []  # the text has no 疑似辍学
    at(ws, D(2026, 11, 2))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.stopped_attending"
    draft.details["attempts"] = [attempt("2026-11-02")]
    draft.details["measures"] = "班主任家访"
    hit = stops(ws, draft)
    assert [(f.rule, f.field) for f in hit] == [("dropout.stopped_attending", "run")]
    assert "没有连续无故缺席" in hit[0].message and hit[0].article == "《安阳市北关区办法》第十三条（二）"

    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 4))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    hit = stops(ws, draft)
    assert {f.field for f in hit} == {"details.attempts", "details.measures"}
    assert all(f.article == "《安阳市北关区办法》第十三条（二）" and "努力使其复学" in f.message for f in hit)
    draft.details["attempts"] = [attempt("2026-11-04", "promised", "家访", "母亲 李桂兰")]
    assert [f.field for f in stops(ws, draft)] == ["details.measures"]
    draft.details["measures"] = "班主任和校长家访，请社区协助劝返"
    found = wf.check(ws, draft)
    assert not [f for f in found if f.severity is not Severity.INFO]
    assert any("2026-11-02 起连续无故缺席 3 个上课日" in f.message for f in found)
    report = next(f for f in found if f.rule == "dropout.report_to")
    assert "书面上报当地乡镇人民政府（街道办事处）、区教育局" in report.message
    assert report.article == "《安阳市北关区办法》第十三条（二）"
    case, _ = wf.record(ws, draft)
    s = Student.get_by_id(pupil.id)
    assert (s.status, s.student_number, s.school_class_id) == (Status.DROPPED_OUT.value, pupil.student_number,
                                                               pupil.school_class_id)
    opened = Event.get((Event.case_id == case.id) & (Event.kind == "case_opened"))
    assert json.loads(opened.payload)["ground_id"] == "dropout.stopped_attending"
    assert "《安阳市北关区办法》第十三条（二）" in json.loads(opened.articles)
    (rec,) = wf.current_dropouts(ws)
    assert rec.articles == ["《安阳市北关区办法》第十三条（二）"] and rec.measures == ["班主任和校长家访，请社区协助劝返"]
    ws.close()


def test_changzhi_records_a_pupil_on_the_roll_who_stops_coming(tmp_path):
    """《长治市实施细则》第三十三条 asks only that the school report the dropout in writing (乡镇人民政府、县级教育行政
    部门和学籍主管部门) and keep the 学籍; the attendance must show the pupil away. New pupils keep 第十二条."""
    ws, pupil = school_with_pupil(tmp_path, "changzhi")
    assert [g.id for g in wf.rules.grounds(ws.profile, K.DROPOUT)] == ["enrolment.no_show", "dropout.stopped_attending"]
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 3))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.stopped_attending"  # not a new pupil: the on-roll ground
    found = wf.check(ws, draft)
    assert not [f for f in found if f.severity is not Severity.INFO]
    report = next(f for f in found if f.rule == "dropout.report_to")
    assert "当地乡镇人民政府（街道办事处）、县级教育行政部门、学籍主管部门" in report.message
    assert report.article == "《长治市实施细则》第三十三条"
    keeps = next(f for f in found if f.rule == "dropout.keeps_status")
    assert keeps.article == "《长治市实施细则》第三十三条"
    draft.ground_id = "enrolment.no_show"  # 第十二条 is for new pupils who never reported
    assert any(f.field == "run" and "不是本学期开学以来从未到校的新生" in f.message for f in stops(ws, draft))
    draft.ground_id = "dropout.stopped_attending"
    wf.record(ws, draft)
    assert Student.get_by_id(pupil.id).status == Status.DROPPED_OUT.value
    ws.close()


@pytest.mark.parametrize("pid", ["yingkou", "heilongjiang", "liangshan", "national"])
def test_the_on_roll_ground_is_offered_only_where_the_text_gives_it(pid):
    from xueji_desktop.core.region_profiles.profiles import load_profile

    assert "dropout.stopped_attending" not in [g.id for g in wf.rules.grounds(load_profile(pid), K.DROPOUT)]


def test_heilongjiang_dropout_refused_across_the_winter_break_until_a_month_of_term(tmp_path):
    """《黑龙江省实施细则》第四十六条 “连续一个月”: 5 school days before the winter break and 3 after are not a month;
    the workflow refuses 辍学 (and names the school days the month needs) where the to-do list proposes 疑似辍学."""
    from .test_dropout import winter_school

    ws, pupil = winter_school(tmp_path, "heilongjiang")
    at(ws, D(2026, 2, 26))
    draft = wf.new_draft(ws, K.DROPOUT, pupil.id)
    assert draft.ground_id == "dropout.confirmed"
    hit = stops(ws, draft)
    assert [f.rule for f in hit] == ["dropout.confirmed"] and hit[0].article == "《黑龙江省实施细则》第四十六条"
    assert "目前连续无故缺席 8 个上课日" in hit[0].message and "本次须连续 20 个上课日" in hit[0].message
    with pytest.raises(RuleViolation):
        wf.record(ws, draft)
    suspected = wf.new_draft(ws, K.SUSPECTED_DROPOUT, pupil.id)
    suspected.details["attempts"] = [attempt("2026-02-25")]
    assert stops(ws, suspected) == []
    ws.close()
