import datetime as dt
import json

import pytest

from tests.conftest import first_class, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.pupils.records import history
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.store.models import Event, Guardian, Student


def rules(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity is severity}


def signed_in(ws):
    ws.login("registrar", "secret-123")
    return ws


def test_enrolment_writes_pupil_family_and_event_in_one_go(school):
    signed_in(school)
    student, changes = enrolment.enrol(school, pupil_draft())
    assert student.student_number == "G" + student.id_number
    assert student.school_class.name == "一年级(1)班" and student.status == "enrolled"
    assert student.archive_deadline == dt.date(2026, 10, 1)  # national: one month
    assert [g.name for g in Guardian.select().where(Guardian.student == student)] == ["张建国"]
    [event] = Event.select().where(Event.student == student)
    assert event.kind == "student_enrolled" and event.author.username == "registrar"
    assert json.loads(event.payload)["student"]["name"] == "张三"
    assert changes.students == {student.id}


def test_unverified_identity_gets_temporary_numbers_unique_for_life(school):
    signed_in(school)
    drafts = [pupil_draft(name="李四", seq=441), pupil_draft(name="李五", seq=443)]
    for draft in drafts:
        draft.identity_verified = False
    a, _ = enrolment.enrol(school, drafts[0])
    b, _ = enrolment.enrol(school, drafts[1])
    assert a.student_number == "L21081120200307" + "0001"
    assert b.student_number == "L21081120200307" + "0002"


def test_duplicate_id_blocks_and_names_the_existing_record(school):
    signed_in(school)
    first, _ = enrolment.enrol(school, pupil_draft())
    again = pupil_draft(name="张山")
    found = [f for f in enrolment.check(school, again) if f.rule == "enrolment.duplicate_id"]
    assert found[0].severity is Severity.BLOCK and found[0].ref == first.student_number
    assert first.student_number in found[0].message
    with pytest.raises(RuleViolation):
        enrolment.enrol(school, again)
    assert Student.select().count() == 1


def test_same_name_birth_and_guardian_warns(school):
    signed_in(school)
    enrolment.enrol(school, pupil_draft())
    other = pupil_draft(seq=449)  # another ID number, same name, birth date and father
    assert "enrolment.duplicate_person" in rules(enrolment.check(school, other), Severity.WARN)


def test_warning_needs_a_recorded_reason(school):
    signed_in(school)
    older = pupil_draft(birth=dt.date(2019, 3, 7))  # 7 on 31 Aug 2026
    assert "enrolment.usual_max_age" in rules(enrolment.check(school, older), Severity.WARN)
    with pytest.raises(RuleViolation) as refused:
        enrolment.enrol(school, older)
    assert "enrolment.usual_max_age" in rules(refused.value.findings)
    assert Student.select().count() == 0
    older.reasons["enrolment.usual_max_age"] = "经县教育局批准延缓入学一年"
    student, _ = enrolment.enrol(school, older)
    event = Event.get(Event.student == student)
    assert json.loads(event.reasons) == {"enrolment.usual_max_age": "经县教育局批准延缓入学一年"}
    [entry] = history(student)
    assert entry.who == "王老师" and entry.what.startswith("新生注册：张三")
    assert school.profile.rule("enrolment.usual_max_age").article in entry.articles
    [shown] = entry.reasons
    assert "超过一般入学年龄" in shown and shown.endswith("理由：经县教育局批准延缓入学一年")


@pytest.mark.parametrize("profile_id", ["heilongjiang", "anyang_beiguan"])
def test_under_age_new_pupil_is_blocked_citing_the_article(tmp_path, profile_id):
    ws = signed_in(make_school(tmp_path / "s.sqlite3", profile_id=profile_id))
    young = pupil_draft(birth=dt.date(2020, 9, 1))  # 5 on 31 Aug 2026
    [finding] = [f for f in enrolment.check(ws, young) if f.rule == "enrolment.min_age"]
    assert finding.severity is Severity.BLOCK
    assert finding.article == ws.profile.rule("enrolment.min_age").article
    assert "未满 6 周岁" in finding.message
    with pytest.raises(RuleViolation):
        enrolment.enrol(ws, young)
    assert Student.select().count() == 0
    ws.close()


def test_non_new_registration_grade_must_fit_age(tmp_path):
    ws = signed_in(make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang"))
    six = pupil_draft(birth=dt.date(2020, 3, 7), grade=4, new=False)
    [finding] = [f for f in enrolment.check(ws, six) if f.rule == "enrolment.grade_age_tolerance"]
    assert finding.severity is Severity.BLOCK and "四年级" in finding.message and "一年级" in finding.message
    fits = pupil_draft(birth=dt.date(2017, 3, 7), grade=4, new=False)
    assert "enrolment.grade_age_tolerance" not in rules(enrolment.check(ws, fits))
    ws.close()


def test_enrolment_period_force_follows_the_profile(tmp_path):
    late = dt.date(2026, 11, 23)
    hlj = signed_in(make_school(tmp_path / "h.sqlite3", profile_id="heilongjiang", today=late))
    assert "enrolment.period" in rules(enrolment.check(hlj, pupil_draft()), Severity.BLOCK)
    hlj.close()
    nat = signed_in(make_school(tmp_path / "n.sqlite3", profile_id="national", today=late))
    assert "enrolment.period" in rules(enrolment.check(nat, pupil_draft()), Severity.WARN)
    nat.close()


def test_class_size_standard_warns_and_maximum_blocks_in_changzhi(tmp_path):
    ws = signed_in(make_school(tmp_path / "c.sqlite3", profile_id="changzhi", capacity=50, classes_per_grade=1))
    assert ws.profile.value("enrolment.archive_deadline") == "P15D"
    for i in range(50):
        draft = pupil_draft(name="张三", seq=i * 2 + 1, birth=dt.date(2020, 1, 1) + dt.timedelta(days=i))
        found = enrolment.check(ws, draft)
        if i == 45:  # the 46th pupil: over the standard of 45
            assert "class_size.primary_standard" in rules(found, Severity.WARN)
            draft.reasons["class_size.primary_standard"] = "学区内适龄儿童超出学位，经教育局同意"
        for f in found:
            if f.severity is Severity.WARN:
                draft.reasons.setdefault(f.rule, "已核实为不同学生")
        enrolment.enrol(ws, draft)
    extra = pupil_draft(name="李四", seq=901, birth=dt.date(2020, 6, 1))
    [block] = [f for f in enrolment.check(ws, extra) if f.rule == "class_size.primary_max"]
    assert block.severity is Severity.BLOCK and "50" in block.message
    assert first_class(1).students.count() == 50
    ws.close()


@pytest.mark.parametrize("field, value, words", [
    ("name", "张3", ["姓名", "数字"]),
    ("name", "Zhang三", ["姓名", "拉丁字母"]),
    ("name", "", ["姓名", "不能为空"]),
    ("phone", "12345", ["联系电话", "电话号码"]),
    ("postcode", "1150", ["邮政编码", "6 位"]),
    ("birth_date", "2027-01-01", ["出生日期"]),
    ("ethnicity", "火星族", ["民族", "代码表"]),
])
def test_bad_input_blocks_with_the_field_named(school, field, value, words):
    draft = pupil_draft(**{field: value})
    found = [f for f in enrolment.check(school, draft) if f.field == field and f.severity is Severity.BLOCK]
    assert found, f"no block on {field}"
    assert all(w in found[0].message for w in words), found[0].message


def test_id_number_and_birth_date_must_agree(school):
    draft = pupil_draft(birth_date="2020-03-08")
    assert "id.birth_mismatch" in rules(enrolment.check(school, draft), Severity.BLOCK)


def test_nothing_is_written_when_the_transaction_fails_midway(school, monkeypatch):
    signed_in(school)
    from xueji_desktop.core.school import events

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(events.Tx, "record", broken)
    with pytest.raises(OSError):
        enrolment.enrol(school, pupil_draft())
    assert Student.select().count() == 0 and Guardian.select().count() == 0
