"""跳级 as a case, region by region, on real school databases: 营口 四(三)1 (one grade, at the start of the
school year, the county reports to the city), 黑龙江 第二十六条 (in principle not allowed; the whole
procedure, the 公示's 5 working days, the list by 30 July, no moving up before September, 1 % of the grade,
nothing in the registration year, from a starting grade, across stages or schools), 安阳北关 第十四条
(generally not allowed), and a region whose texts are silent (凉山: not offered)."""

import datetime as dt
import json

import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, CaseStatus, StepDecision
from xueji_desktop.core.changes import grade_skip, grade_skip_steps, status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school_year import year_end, year_end_run
from xueji_desktop.store.models import Case, Event, SchoolClass, Student

K = CaseKind.SKIP_GRADE
HLJ26 = "《黑龙江省实施细则》第二十六条"
YK = "《营口市规定》四(三)1"
AY14 = "《安阳市北关区办法》第十四条"


def school(tmp_path, pid, today, kind=SchoolKind.NINE_YEAR):
    return make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=today, kind=kind)


def pupil(ws, grade, entered=dt.date(2023, 9, 1), name="李明", seq=447):
    d = pupil_draft(name=name, grade=grade, new=False, seq=seq, birth=dt.date(2027 - grade - 6, 3, 7),
                    entry_month=f"{entered:%Y-%m}")
    return enrolment.enrol(ws, d)[0]


def draft(ws, student, **fields) -> ChangeDraft:
    d = ChangeDraft(kind=K, student_id=student.id, applied_on=ws.today(), **fields)
    d.evidence_seen = evidence_for(ws, d)
    return d


def move_to(ws, day):
    ws.test_clock.day(day)


def record(ws, case, party, day, outcome="approved", note="", class_id=None):
    move_to(ws, day)
    return grade_skip_steps.decide(ws, case.id, StepDecision(party, day, "张局长", outcome, note), class_id)[0]


def by_rule(found, rule):
    return [f for f in found if f.rule == rule]


def klass(grade, number=1):
    return SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == number))


# ── 黑龙江 第二十六条 ─────────────────────────────────────────────────────────────────────────────
def test_heilongjiang_whole_procedure_moves_the_pupil_up_in_september(tmp_path):
    ws = school(tmp_path, "heilongjiang", dt.date(2027, 3, 10))
    s = pupil(ws, 3)
    d = draft(ws, s)
    found = status_change.check(ws, d)
    assert not [f for f in found if f.severity is Severity.BLOCK]
    allowed = by_rule(found, "skip_grade.allowed")[0]
    assert allowed.severity is Severity.WARN and allowed.article == f"{HLJ26}（一）"
    assert "原则上不允许跳级" in allowed.message
    share = by_rule(found, "skip_grade.max_share")[0]  # one pupil in a grade of one: over 1 %
    assert share.severity is Severity.WARN and share.article == f"{HLJ26}（三）"
    grades = by_rule(found, "skip_grade.grades")[0]
    assert "2027-09-01 起跳过四年级，编入五年级" in grades.message
    assert "2027-07-30 前" in by_rule(found, "skip_grade.list_to_province_by")[0].message
    with pytest.raises(RuleViolation) as refused:  # a warning without its reason writes nothing
        status_change.open_change(ws, d)
    assert {f.rule for f in refused.value.findings} == {"skip_grade.allowed", "skip_grade.max_share"}
    assert Case.select().count() == 0
    d.reasons = {"skip_grade.allowed": "该生德智体美劳特别优秀，监护人书面申请",
                 "skip_grade.max_share": "本年级只有一名学生申请"}
    case, _ = status_change.open_change(ws, d)
    assert case.number == "TJ-2027-0001"
    assert [st.party for st in cases.steps(case)] == ["school", "expert_panel", "public_notice", "bureau",
                                                      "city_bureau", "province_bureau"]
    data = cases.data_of(case)
    assert (data["grade_from"], data["skipped_grade"], data["to_grade"], data["effective_on"]) == (3, 4, 5, "2027-09-01")
    assert {w["rule"] for w in data["warnings"]} == {"skip_grade.allowed", "skip_grade.max_share"}
    dues = {st.party: st.due_on for st in cases.steps(case)}
    assert dues["city_bureau"] == dt.date(2027, 7, 30) and dues["school"] is None  # the list by 30 July, at once

    record(ws, case, "school", dt.date(2027, 5, 10))
    record(ws, case, "expert_panel", dt.date(2027, 6, 1))
    with pytest.raises(RuleViolation) as early:  # the 公示 lasts 5 working days after the result
        record(ws, case, "public_notice", dt.date(2027, 6, 7))
    assert early.value.findings[0].rule == "skip_grade.notice_working_days"
    assert "2027-06-02 至 2027-06-08" in early.value.findings[0].message
    assert early.value.findings[0].article == f"{HLJ26}（二）"
    record(ws, case, "public_notice", dt.date(2027, 6, 8))
    record(ws, case, "bureau", dt.date(2027, 6, 20))
    city = next(st for st in cases.steps(Case.get_by_id(case.id)) if st.party == "city_bureau")
    assert city.due_on == dt.date(2027, 7, 30)  # the list to the province by 30 July
    record(ws, case, "city_bureau", dt.date(2027, 7, 20))
    with pytest.raises(RuleViolation) as summer:  # no one moves up before September
        record(ws, case, "province_bureau", dt.date(2027, 8, 20), class_id=klass(5).id)
    assert summer.value.findings[0].rule == "skip_grade.timing"
    assert summer.value.findings[0].article == f"{HLJ26}（三）"
    assert Student.get_by_id(s.id).grade == 3
    assert cases.data_of(Case.get_by_id(case.id))["details"].get("class_id") is None  # nothing kept

    move_to(ws, dt.date(2027, 9, 1))
    with pytest.raises(RuleViolation) as not_promoted:  # the year's promotion comes first
        record(ws, case, "province_bureau", dt.date(2027, 9, 1), class_id=klass(5).id)
    assert "须先办理本学年的升级" in not_promoted.value.findings[0].message
    found = year_end.plan(ws)  # the year end (late) promotes the school, the open 跳级 case's pupil too
    assert not found.blocks
    year_end_run.turn_year(ws, reasons={w.rule: "测试学校，已核对" for w in found.warnings}, backup=lambda *_: None)
    assert Student.get_by_id(s.id).grade == 4
    done = record(ws, case, "province_bureau", dt.date(2027, 9, 1), class_id=klass(5, 2).id)
    assert done.status == CaseStatus.COMPLETED.value
    moved = Student.get_by_id(s.id)
    assert (moved.grade, moved.school_class.name, moved.status) == (5, klass(5, 2).name, "enrolled")
    event = Event.select().where((Event.kind == "grade_skipped") & (Event.case_id == case.id)).get()
    payload = json.loads(event.payload)
    assert (payload["grade_from"], payload["grade_to"], payload["completed_grades"]) == (4, 5, [4])
    assert f"{HLJ26}（三）" in json.loads(event.articles)
    assert "跳过的四年级视为受完相应年限的教育" in event.summary
    assert event.entered_on == dt.date(2027, 9, 1)
    ws.close()


@pytest.mark.parametrize("grade, entered, what", [
    (1, dt.date(2025, 9, 1), "starting_grade"),  # 一年级: a starting grade
    (7, dt.date(2025, 9, 1), "starting_grade"),
    (5, dt.date(2022, 9, 1), "across_stage"),  # 五年级 skips 六年级 into 七年级
    (4, dt.date(2026, 9, 1), "registration_year"),  # the 学籍 registered this school year
])
def test_heilongjiang_forbidden_cases_block(tmp_path, grade, entered, what):
    ws = school(tmp_path, "heilongjiang", dt.date(2027, 3, 10))
    s = pupil(ws, grade, entered)
    found = status_change.check(ws, draft(ws, s))
    hit = by_rule(found, f"skip_grade.forbidden.{what}")
    assert hit and hit[0].severity is Severity.BLOCK and hit[0].article == f"{HLJ26}（三）"
    d = draft(ws, s)
    d.reasons = {f.rule: "理由已写明，家长坚持申请" for f in found if f.severity is Severity.WARN}
    with pytest.raises(RuleViolation):
        status_change.open_change(ws, d)
    assert Case.select().count() == 0
    ws.close()


def test_heilongjiang_across_school_and_not_in_september(tmp_path):
    ws = school(tmp_path, "heilongjiang", dt.date(2027, 3, 10), kind=SchoolKind.MIDDLE)
    s = pupil(ws, 8, dt.date(2025, 9, 1))  # 八年级 skips 九年级 into a grade this school has not
    found = status_change.check(ws, draft(ws, s))
    assert any("跳级不能跨学校" in f.message and f.severity is Severity.BLOCK for f in found)
    s2 = pupil(ws, 7, dt.date(2025, 9, 1), name="王芳", seq=448)
    late = by_rule(status_change.check(ws, draft(ws, s2, effective_on=dt.date(2027, 10, 8))), "skip_grade.timing")
    assert late[0].severity is Severity.BLOCK and "9月新学年" in late[0].message
    ws.close()


def test_max_share_of_the_grade_is_a_warning_above_one_percent():
    p = load_profile("heilongjiang")
    base = {"profile": p, "today": dt.date(2027, 3, 10), "grade": 3, "registered_on": dt.date(2024, 9, 1),
            "applied_on": dt.date(2027, 3, 10), "grade_total": 150}
    assert by_rule(grade_skip.findings_of(grade_skip.SkipFacts(**base)), "skip_grade.max_share") == []
    over = by_rule(grade_skip.findings_of(grade_skip.SkipFacts(**base, others_this_year=1)), "skip_grade.max_share")
    assert over[0].severity is Severity.WARN and "连同本次共 2 人" in over[0].message and "1.50 人" in over[0].message


def test_heilongjiang_expert_panel_and_notice_are_stated():
    f = grade_skip.findings_of(grade_skip.SkipFacts(load_profile("heilongjiang"), dt.date(2027, 3, 10),
                                                    registered_on=dt.date(2024, 9, 1)))
    assert "专家 3—5 人" in by_rule(f, "skip_grade.expert_panel")[0].message
    assert "不少于 5 个工作日" in by_rule(f, "skip_grade.notice_working_days")[0].message
    assert "法定监护人的书面申请" in by_rule(f, "skip_grade.evidence")[0].message  # the paper not yet seen: blocks


# ── 营口 四(三)1 ──────────────────────────────────────────────────────────────────────────────────
def test_yingkou_one_grade_at_the_start_of_the_school_year_city_approves(tmp_path):
    ws = school(tmp_path, "yingkou", dt.date(2027, 9, 1))
    s = pupil(ws, 4, dt.date(2023, 9, 1))
    d = draft(ws, s)
    found = status_change.check(ws, d)
    assert by_rule(found, "skip_grade.allowed")[0].severity is Severity.INFO
    assert by_rule(found, "skip_grade.allowed")[0].article == YK
    assert by_rule(found, "skip_grade.grades")[0].article == YK  # 可以跳一级
    assert "跳过四年级，编入五年级" in by_rule(found, "skip_grade.grades")[0].message
    assert not [f for f in found if f.severity is not Severity.INFO]
    mid = by_rule(status_change.check(ws, draft(ws, s, effective_on=dt.date(2027, 11, 2))), "skip_grade.timing")
    assert mid[0].severity is Severity.WARN and "跳级应在学年开始时进行" in mid[0].message and mid[0].article == YK
    case, _ = status_change.open_change(ws, d)
    assert [st.party for st in cases.steps(case)] == ["school", "bureau", "city_bureau"]
    record(ws, case, "school", dt.date(2027, 9, 1))
    record(ws, case, "bureau", dt.date(2027, 9, 2))
    with pytest.raises(RuleViolation) as no_class:
        record(ws, case, "city_bureau", dt.date(2027, 9, 3))
    assert "请为李明选择五年级的班级" in no_class.value.findings[0].message
    with pytest.raises(RuleViolation):  # a class of another grade
        record(ws, case, "city_bureau", dt.date(2027, 9, 3), class_id=klass(6).id)
    record(ws, case, "city_bureau", dt.date(2027, 9, 3), class_id=klass(5).id)
    moved = Student.get_by_id(s.id)
    assert (moved.grade, moved.school_class_id) == (5, klass(5).id)
    event = Event.get((Event.kind == "grade_skipped") & (Event.case_id == case.id))
    assert YK in json.loads(event.articles) and json.loads(event.payload)["completed_grades"] == [4]
    ws.close()


# ── 安阳北关 第十四条 ────────────────────────────────────────────────────────────────────────────
def test_anyang_generally_not_allowed_goes_on_with_a_reason(tmp_path):
    ws = school(tmp_path, "anyang_beiguan", dt.date(2027, 9, 1))
    s = pupil(ws, 2, dt.date(2025, 9, 1))
    d = draft(ws, s)
    found = status_change.check(ws, d)
    warn = by_rule(found, "skip_grade.allowed")[0]
    assert (warn.severity, warn.article) == (Severity.WARN, AY14) and "一般不允许跳级" in warn.message
    d.reasons = {"skip_grade.allowed": "经学校考核学业特别优秀，报区教育局核准"}
    case, _ = status_change.open_change(ws, d)
    assert [st.party for st in cases.steps(case)] == ["school", "district_bureau"]
    record(ws, case, "school", dt.date(2027, 9, 2))
    record(ws, case, "district_bureau", dt.date(2027, 9, 3), "rejected", "未达到高一年级学力程度")
    assert Case.get_by_id(case.id).status == CaseStatus.REJECTED.value
    assert Student.get_by_id(s.id).grade == 2  # refused: nothing moves
    assert not Event.select().where(Event.kind == "grade_skipped").exists()
    ws.close()


# ── a region whose texts are silent ──────────────────────────────────────────────────────────────
@pytest.mark.parametrize("pid", ["liangshan", "changzhi", "national"])
def test_silent_regions_do_not_offer_it(tmp_path, pid):
    ws = school(tmp_path, pid, dt.date(2027, 3, 10))
    s = pupil(ws, 3)
    refusal = status_change.offered(ws, K)
    assert refusal is not None and refusal.severity is Severity.BLOCK
    assert "跳级：本地区未设此项业务" in refusal.message and "未设此项业务" in refusal.article
    with pytest.raises(RuleViolation):
        status_change.open_change(ws, draft(ws, s))
    assert Case.select().count() == 0
    ws.close()
