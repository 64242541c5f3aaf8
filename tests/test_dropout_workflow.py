"""控辍保学 workflow on real school databases: each region's condition exactly as its text says it (contact
attempts), the status change with its case and events in one go, the 学籍 kept, and 辍学返校 to the grade that
continues the pupil's schooling, never a repeated one."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from xueji_desktop.core.cases import CaseKind
from xueji_desktop.core.findings import RuleViolation, Severity
from xueji_desktop.core.status import Status
from xueji_desktop.core.workflows import dropout as wf
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
