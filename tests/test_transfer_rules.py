"""Transfer (转学) rules over the five regions and the national baseline: each region's distinctive
rules at their edges; severity and article always as the profile states them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from xueji_desktop import paths
from xueji_desktop.core.dates.school_calendar import (
    AUTUMN,
    SPRING,
    SchoolCalendar,
    describe_window,
    graduating_grade,
    graduating_grades,
    starting_grades,
)
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.region_profiles.profiles import ProfileError, load_profile
from xueji_desktop.core.rules.findings import Severity
from xueji_desktop.core.school.school import SchoolKind, SchoolSystem
from xueji_desktop.core.transfers.transfer_rules import (
    TransferFacts,
    allowed_reasons,
    declarations,
    evidence_for,
    forbidden_papers,
    refusals,
    transfer_findings,
)

D = dt.date
REGIONS = ["yingkou", "liangshan", "heilongjiang", "anyang_beiguan", "changzhi"]
ALL = ["national"] + REGIONS
HERE, SAME_CITY, OTHER_PROVINCE = "230102", "230103", "110101"  # 哈尔滨道里区, 南岗区; 北京东城区
# A day inside each region's window (长治: only between terms).
CLEAN_DAY = {"national": D(2026, 9, 15), "yingkou": D(2026, 9, 15), "liangshan": D(2026, 9, 15),
             "heilongjiang": D(2026, 9, 3), "anyang_beiguan": D(2026, 9, 15), "changzhi": D(2026, 8, 20)}


def facts(pid: str, **changes) -> TransferFacts:
    """A transfer in that no rule of the region stops: grade 4 → 4, every paper seen, every question
    answered “no”, the other school in another province and agreeing, filed on a Tuesday."""
    p = load_profile(pid)
    reason = changes.pop("reason_id", allowed_reasons(p)[0]["id"])
    base = TransferFacts(
        profile=p, system=SchoolSystem.SIX_THREE, school_kind=SchoolKind.NINE_YEAR, today=CLEAN_DAY[pid],
        direction="in", grade_from=4, grade_to=4, reason_id=reason,
        evidence_seen=frozenset(evidence_for(p, reason)), pupil_status=Status.ENROLLED.value,
        same_county=False, school_area=HERE, other_area=OTHER_PROVINCE, school_pupils=800,
        class_occupied=30, class_capacity=45, class_name="四年级(1)班",
        declared={r.id: False for r in refusals(p)}, exam_period=False, filed_on=D(2026, 8, 18),
        other_school_agreed=True)
    return dataclasses.replace(base, **changes)


def found(pid: str, **changes):
    return transfer_findings(facts(pid, **changes))


def of(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def one(findings, rule: str):
    hits = of(findings, rule)
    assert len(hits) == 1, (rule, [f.text for f in findings])
    return hits[0]


def stopping(findings):
    return [f for f in findings if f.severity is not Severity.INFO]


def refusal(pid: str, rid: str):
    return next(r for r in refusals(load_profile(pid)) if r.id == rid)


# ───────────────────────────── the baseline ─────────────────────────────

@pytest.mark.parametrize("pid", ALL)
def test_a_transfer_that_meets_every_rule_only_informs(pid):
    findings = found(pid)
    assert stopping(findings) == [], [f.text for f in stopping(findings)]
    deadline = one(findings, "transfer.deadline_working_days")
    assert deadline.severity is Severity.INFO and "10 个工作日" in deadline.message
    assert deadline.article == load_profile(pid).rule("transfer.deadline_working_days").article


@pytest.mark.parametrize("pid, phrase", [
    ("national", "分别在 10 个工作日内"), ("yingkou", "分别在 10 个工作日内"), ("heilongjiang", "分别在 10 个工作日内"),
    ("liangshan", "转出学校和转出地"), ("anyang_beiguan", "自平台发起后"), ("changzhi", "审核同意后"),
])
def test_deadline_names_who_it_binds(pid, phrase):
    assert phrase in one(found(pid), "transfer.deadline_working_days").message


# ───────────────────────────── reason and evidence ─────────────────────────────

@pytest.mark.parametrize("pid, severity", [
    ("national", Severity.INFO), ("liangshan", Severity.INFO), ("yingkou", Severity.BLOCK),
    ("heilongjiang", Severity.BLOCK), ("anyang_beiguan", Severity.WARN), ("changzhi", Severity.BLOCK),
])
def test_a_reason_outside_the_regions_list_names_the_allowed_ones(pid, severity):
    p = load_profile(pid)
    f = one(found(pid, reason_id="wants_a_better_school"), "transfer.reasons")
    assert f.severity is severity and f.field == "reason"
    assert f.article == p.rule("transfer.reasons").article
    assert "不在本地区准予转学的情形之内" in f.message
    assert all(r["label"] in f.message for r in allowed_reasons(p))


@pytest.mark.parametrize("pid", ALL)
def test_no_reason_chosen_blocks(pid):
    f = one(found(pid, reason_id=None), "transfer.reasons")
    assert f.severity is Severity.BLOCK and "请选择转学理由" in f.message


@pytest.mark.parametrize("pid", ALL)
def test_missing_evidence_is_named(pid):
    p = load_profile(pid)
    reason = allowed_reasons(p)[-1]
    needed = evidence_for(p, reason["id"])
    if not needed:
        pytest.skip("the reason needs no papers")
    f = one(found(pid, reason_id=reason["id"], evidence_seen=frozenset(needed[1:])), "transfer.evidence")
    assert f.severity is Severity.BLOCK and f.field == "evidence"
    assert needed[0] in f.message and "尚未查验" in f.message
    expected = p.rule("transfer.evidence").article if p.applies("transfer.evidence") else reason["article"]
    assert f.article == expected


def test_evidence_joins_the_reasons_papers_and_the_regions_without_repeating():
    cz = load_profile("changzhi")
    assert evidence_for(cz, "residence_and_hukou_move") == ["《山西省中小学生转学申请表》", "户籍迁移证明"]
    assert evidence_for(cz, "migrant_workplace_move") == ["《山西省中小学生转学申请表》", "家长工作调动证明"]
    assert evidence_for(load_profile("anyang_beiguan"), "migrant") == ["有效证明材料", "转学备案汇总表"]
    assert evidence_for(load_profile("heilongjiang"), "migrant") == ["学生及监护人的居住证", "户口簿"]
    assert evidence_for(load_profile("heilongjiang"), "hukou_move") == []


def test_heilongjiang_evidence_cites_the_reason_itself():
    p = load_profile("heilongjiang")
    f = one(found("heilongjiang", reason_id="guardian_job_residence", evidence_seen=frozenset()), "transfer.evidence")
    assert "房产证或居住证" in f.message and f.article == "《黑龙江省实施细则》第二十四条（一）2"
    assert not p.applies("transfer.evidence")


def test_a_reason_the_bureau_decides_warns():
    f = one(found("heilongjiang", reason_id="city_primary_move_within_county"),
            "transfer.reasons.city_primary_move_within_county")
    assert f.severity is Severity.WARN and "县级教育行政部门视情况办理" in f.message
    assert f.article == "《黑龙江省实施细则》第二十四条（一）2"


@pytest.mark.parametrize("pid, reason, other, phrase", [
    ("changzhi", "residence_and_hukou_move", HERE, "跨县（区）迁移"),
    ("yingkou", "guardian_job_move", SAME_CITY, "跨省、市"),
    ("anyang_beiguan", "hukou_move_within_county", OTHER_PROVINCE, "在本县（区）内迁移"),
])
def test_a_reason_that_does_not_fit_where_the_schools_are(pid, reason, other, phrase):
    p = load_profile(pid)
    f = one(found(pid, reason_id=reason, other_area=other, same_county=None), "transfer.reasons")
    assert f.severity.value == p.rule("transfer.reasons").force and phrase in f.message
    assert of(found(pid, reason_id=reason, other_area=OTHER_PROVINCE if other != OTHER_PROVINCE else HERE,
                    same_county=None), "transfer.reasons") == []


# ───────────────────────────── grades ─────────────────────────────

REPETITION_ARTICLE = {
    "national": "", "yingkou": "《营口市规定》四(三)1", "liangshan": "《凉山州规定》二(三)",
    "heilongjiang": "《黑龙江省实施细则》第二十五条", "anyang_beiguan": "《安阳市北关区办法》第十四条",
    "changzhi": "《长治市实施细则》第二十三条",
}


@pytest.mark.parametrize("pid", ALL)
def test_a_lower_grade_is_repetition_and_blocks_where_a_text_says_so(pid):
    findings = found(pid, grade_from=5, grade_to=4)
    [f] = [f for f in findings if f.rule.startswith("repetition.")]
    # where no text forbids it (the national baseline), only a warning with a recorded reason
    assert f.severity is (Severity.WARN if pid == "national" else Severity.BLOCK) and f.field == "grade_to"
    assert f.article == REPETITION_ARTICLE[pid] == load_profile(pid).rule(f.rule).article
    assert "转入年级应与转出时所在年级一致（五年级），不能改为四年级" in f.message
    assert of(findings, "transfer.same_grade") == []


@pytest.mark.parametrize("pid, severity", [
    ("national", None), ("anyang_beiguan", None), ("yingkou", Severity.BLOCK), ("liangshan", Severity.WARN),
    ("heilongjiang", Severity.BLOCK), ("changzhi", Severity.BLOCK),
])
def test_a_higher_grade_breaks_same_grade_with_the_profiles_force(pid, severity):
    hits = of(found(pid, grade_from=4, grade_to=5), "transfer.same_grade")
    if severity is None:
        assert hits == []
        return
    [f] = hits
    assert f.severity is severity and f.article == load_profile(pid).rule("transfer.same_grade").article
    assert "转入年级应与转出时所在年级一致（四年级），不能改为五年级" in f.message


def test_liangshan_names_a_disguised_demotion_as_well():
    findings = found("liangshan", grade_from=5, grade_to=4)
    f = one(findings, "transfer.refusals.to_repeat_or_demote")
    assert f.severity is Severity.WARN and "转入四年级低于原五年级" in f.message
    assert one(findings, "repetition.demotion_banned").severity is Severity.BLOCK


def test_six_three_and_five_four_map_by_grades_one_to_nine():
    # 五四制初一 (grade 6) into a 六三制 school: still grade 6, now in primary school.
    findings = found("liangshan", grade_from=6, grade_to=6, other_system=SchoolSystem.FIVE_FOUR)
    f = one(findings, "transfer.grade_mapping")
    assert f.severity is Severity.INFO and "按1—9年级对应" in f.message and "学段由初中变为小学" in f.message
    assert f.article == "《凉山州规定》二(一)5"
    # … and 六年级 is the 六三 primary school's graduating grade.
    assert one(findings, "transfer.refusals.graduating_grade").severity is Severity.WARN
    # changing the grade across systems is still refused in 黑龙江
    f = one(found("heilongjiang", grade_from=6, grade_to=7, other_system=SchoolSystem.FIVE_FOUR,
                  school_kind=SchoolKind.MIDDLE, system=SchoolSystem.FIVE_FOUR), "transfer.same_grade")
    assert f.severity is Severity.BLOCK


def test_a_grade_the_school_does_not_teach():
    f = one(found("national", grade_from=6, grade_to=6, school_kind=SchoolKind.PRIMARY,
                  system=SchoolSystem.FIVE_FOUR), "transfer.grade_taught")
    assert f.severity is Severity.BLOCK and "不设六年级" in f.message
    six_three_primary = found("national", grade_from=6, grade_to=6, school_kind=SchoolKind.PRIMARY)
    assert of(six_three_primary, "transfer.grade_taught") == []


# ───────────────────────────── graduating grades ─────────────────────────────

@pytest.mark.parametrize("system, grade, graduating", [
    (SchoolSystem.SIX_THREE, 6, True), (SchoolSystem.SIX_THREE, 5, False), (SchoolSystem.SIX_THREE, 9, True),
    (SchoolSystem.FIVE_FOUR, 5, True), (SchoolSystem.FIVE_FOUR, 6, False), (SchoolSystem.FIVE_FOUR, 9, True),
])
def test_changzhi_blocks_and_liangshan_warns_in_the_graduating_grade(system, grade, graduating):
    for pid, severity in (("changzhi", Severity.BLOCK), ("liangshan", Severity.WARN)):
        hits = of(found(pid, system=system, grade_from=grade, grade_to=grade), "transfer.refusals.graduating_grade")
        assert bool(hits) is graduating, (pid, system, grade)
        if graduating:
            assert hits[0].severity is severity and hits[0].field == "grade_to"
            assert hits[0].article == refusal(pid, "graduating_grade").article
            assert "毕业年级" in hits[0].message


def test_heilongjiang_graduating_grade_only_within_the_county():
    rid = "transfer.refusals.graduating_grade_within_county"
    f = one(found("heilongjiang", grade_from=6, grade_to=6, same_county=True), rid)
    assert f.severity is Severity.WARN and "同在一个县（区）" in f.message
    assert of(found("heilongjiang", grade_from=6, grade_to=6, same_county=False), rid) == []
    asked = one(found("heilongjiang", grade_from=6, grade_to=6, same_county=None, other_area="", declared={}), rid)
    assert asked.severity is Severity.BLOCK and asked.message.startswith("请确认：")
    assert asked.field == "declared.graduating_grade_within_county"
    assert of(found("heilongjiang", grade_from=5, grade_to=5, same_county=True), rid) == []


# ───────────────────────────── windows ─────────────────────────────

@pytest.mark.parametrize("day, warned", [
    (D(2026, 8, 31), True), (D(2026, 9, 1), False), (D(2026, 9, 30), False), (D(2026, 10, 1), True),
    (D(2026, 12, 20), True), (D(2026, 12, 21), False), (D(2027, 1, 20), False), (D(2027, 1, 21), True),
    (D(2027, 3, 19), False), (D(2027, 3, 20), True),
])
def test_yingkou_window_first_month_of_term_or_last_month(day, warned):
    hits = of(found("yingkou", today=day), "transfer.window")
    assert bool(hits) is warned, day
    if warned:
        assert hits[0].severity is Severity.WARN and hits[0].field == "window"
        assert hits[0].article == "《营口市规定》四(一)4" and "请记录理由" in hits[0].message


@pytest.mark.parametrize("day, other, warned", [
    (D(2026, 8, 24), SAME_CITY, True), (D(2026, 8, 25), SAME_CITY, False), (D(2026, 9, 7), SAME_CITY, False),
    (D(2026, 9, 8), SAME_CITY, True), (D(2026, 9, 8), OTHER_PROVINCE, False), (D(2026, 9, 8), HERE, False),
])
def test_heilongjiang_window_a_week_around_term_start_between_counties_of_one_city(day, other, warned):
    hits = of(found("heilongjiang", today=day, other_area=other, same_county=None), "transfer.window")
    assert bool(hits) is warned, (day, other)
    if warned:
        assert hits[0].severity is Severity.WARN and "同一地市县域间转学" in hits[0].message
        assert hits[0].article == "《黑龙江省实施细则》第二十四条（六）4"


@pytest.mark.parametrize("day, other, warned", [
    (D(2026, 10, 31), SAME_CITY, False), (D(2026, 11, 1), SAME_CITY, True), (D(2026, 11, 1), OTHER_PROVINCE, False),
    (D(2027, 4, 19), SAME_CITY, False), (D(2027, 4, 20), SAME_CITY, True),
])
def test_anyang_window_two_months_after_term_start_in_province(day, other, warned):
    hits = of(found("anyang_beiguan", today=day, other_area=other, same_county=None, reason_id="migrant"),
              "transfer.window")
    assert bool(hits) is warned, (day, other)
    if warned:
        assert hits[0].article == "《安阳市北关区办法》第十条（三）" and "2 个月内" in hits[0].message


@pytest.mark.parametrize("day, warned", [
    (D(2026, 8, 31), False), (D(2026, 9, 1), True), (D(2027, 1, 20), True), (D(2027, 1, 21), False),
    (D(2027, 2, 19), False), (D(2027, 2, 20), True),
])
def test_changzhi_mid_term_warns_only_while_a_term_runs(day, warned):
    findings = found("changzhi", today=day)
    hits = of(findings, "transfer.refusals.mid_term")
    assert bool(hits) is warned, day
    assert of(findings, "transfer.window") == []  # the refusal speaks for the window
    if warned:
        assert hits[0].severity is Severity.WARN and hits[0].field == "window"
        assert hits[0].article == "《长治市实施细则》第二十条" and "学期中" in hits[0].message


@pytest.mark.parametrize("pid", ["national", "liangshan"])
def test_no_window_where_the_region_sets_none(pid):
    assert of(found(pid, today=D(2026, 11, 20)), "transfer.window") == []


@pytest.mark.parametrize("day, rule", [
    (D(2026, 7, 14), None), (D(2026, 7, 15), "year_cycle.transfers_close"),
    (D(2026, 8, 10), "year_cycle.transfers_close"), (D(2026, 8, 11), None),
])
def test_no_new_transfers_from_mid_july_to_the_promotion(day, rule):
    hits = of(found("national", today=day), "year_cycle.transfers_close")
    assert bool(hits) is bool(rule)
    if rule:
        assert hits[0].severity is Severity.BLOCK and "不办理新的转学" in hits[0].message


def test_graduating_grades_closed_from_the_first_of_july():
    rule = "year_cycle.graduating_business_by"
    assert of(found("national", today=D(2026, 6, 30), grade_from=9, grade_to=9), rule) == []
    f = one(found("national", today=D(2026, 7, 1), grade_from=9, grade_to=9), rule)
    assert f.severity is Severity.BLOCK and "毕业年级不再办理" in f.message
    assert of(found("national", today=D(2026, 7, 1), grade_from=8, grade_to=8), rule) == []


# ───────────────────────────── 营口 ─────────────────────────────

def test_yingkou_grades_8_and_9_during_the_exam_period():
    rid = "transfer.refusals.exam_period_grades_8_9"
    for grade in (8, 9):
        f = one(found("yingkou", grade_from=grade, grade_to=grade, exam_period=True), rid)
        assert f.severity is Severity.BLOCK and f.article == "《营口市规定》四(一)6" and "中考结束前" in f.message
        assert of(found("yingkou", grade_from=grade, grade_to=grade, exam_period=False), rid) == []
        asked = one(found("yingkou", grade_from=grade, grade_to=grade, exam_period=None, declared={}), rid)
        assert asked.severity is Severity.BLOCK and asked.message == "请确认：" + refusal("yingkou", rid[18:]).label
    assert of(found("yingkou", grade_from=7, grade_to=7, exam_period=True), rid) == []
    assert of(found("yingkou", grade_from=7, grade_to=7, exam_period=None), rid) == []


def test_yingkou_grade_9_second_term_warns_from_the_winter_holiday():
    rid = "transfer.refusals.grade9_second_term"
    assert of(found("yingkou", grade_from=9, grade_to=9, today=D(2027, 1, 20)), rid) == []
    for day in (D(2027, 1, 21), D(2027, 3, 1)):
        f = one(found("yingkou", grade_from=9, grade_to=9, today=day), rid)
        assert f.severity is Severity.WARN and "下学期" in f.message


@pytest.mark.parametrize("grade, day, severity, phrase", [
    (7, D(2027, 2, 28), Severity.WARN, "尚未开始"),
    (7, D(2027, 3, 1), Severity.INFO, "满一年"),
    (8, D(2027, 9, 30), Severity.INFO, "今天在转学时间"),
    (8, D(2027, 10, 1), Severity.WARN, "不享受转入学校优质普通高中名额分配到校政策"),
    (9, D(2028, 3, 1), Severity.WARN, "今天已过"),
])
def test_yingkou_quota_window_from_grade_7_march_to_grade_8_september(grade, day, severity, phrase):
    f = one(found("yingkou", grade_from=grade, grade_to=grade, today=day), "transfer.quota_window")
    assert f.severity is severity and phrase in f.message and f.field == "window"
    assert f.article == "《营口市规定》四(一)7"
    assert "七年级下学期3月1日起至八年级上学期9月30日止" in f.message


def test_yingkou_quota_window_only_for_pupils_coming_in_to_middle_school():
    assert of(found("yingkou", grade_from=6, grade_to=6), "transfer.quota_window") == []
    assert of(found("yingkou", grade_from=8, grade_to=8, direction="out"), "transfer.quota_window") == []


def test_yingkou_no_free_place_blocks_and_a_full_class_blocks():
    f = one(found("yingkou", grade_classes_full=True), "transfer.refusals.no_free_place")
    assert f.severity is Severity.BLOCK and "没有空余学位" in f.message and f.field == "school_class"
    f = one(found("yingkou", class_occupied=45), "class_size.primary_max")
    assert f.severity is Severity.BLOCK and "班额上限 45 人" in f.message


# ───────────────────────────── 凉山 ─────────────────────────────

def test_liangshan_ethnic_stream_declared_blocks_and_must_be_answered():
    rid = "transfer.refusals.ethnic_stream_from_other"
    f = one(found("liangshan", declared={"ethnic_stream_from_other": True, "while_suspended": False}), rid)
    assert f.severity is Severity.BLOCK and f.article == "《凉山州规定》六" and f.field == "declared.ethnic_stream_from_other"
    assert "一类模式" in f.message
    asked = one(found("liangshan", declared={"while_suspended": False}), rid)
    assert asked.severity is Severity.BLOCK and asked.message == "请确认：非一类模式学生转入一类模式学校"


def test_liangshan_class_at_its_standard_warns_once():
    findings = found("liangshan", class_occupied=45)
    f = one(findings, "transfer.refusals.class_full")
    assert f.severity is Severity.WARN and "达到标准班额 45 人" in f.message
    assert [x for x in findings if x.rule.startswith("class_size.")] == []
    assert of(found("liangshan", class_occupied=44), "transfer.refusals.class_full") == []


@pytest.mark.parametrize("pid", ["liangshan", "changzhi"])
def test_both_schools_must_agree(pid):
    article = load_profile(pid).rule("transfer.both_schools_agree").article
    refused = one(found(pid, other_school_agreed=False), "transfer.both_schools_agree")
    asked = one(found(pid, other_school_agreed=None), "transfer.both_schools_agree")
    for f in (refused, asked):
        assert f.severity is Severity.BLOCK and f.field == "other_school_agreed" and f.article == article
    assert "未同意" in refused.message and asked.message.startswith("请确认：")
    assert of(found("yingkou", other_school_agreed=None), "transfer.both_schools_agree") == []


# ───────────────────────────── 黑龙江 ─────────────────────────────

@pytest.mark.parametrize("kind, pupils, warned", [
    (SchoolKind.PRIMARY, 2000, False), (SchoolKind.PRIMARY, 2001, True),
    (SchoolKind.NINE_YEAR, 2500, False), (SchoolKind.NINE_YEAR, 2501, True),
])
def test_heilongjiang_oversize_school(kind, pupils, warned):
    hits = of(found("heilongjiang", school_kind=kind, school_pupils=pupils), "transfer.refusals.school_oversize")
    assert bool(hits) is warned
    if warned:
        assert hits[0].severity is Severity.WARN and f"在校生 {pupils} 人" in hits[0].message
        assert hits[0].article == "《黑龙江省实施细则》第二十四条（二）1"
    assert of(found("heilongjiang", school_kind=kind, school_pupils=pupils, direction="out"),
              "transfer.refusals.school_oversize") == []


def test_heilongjiang_every_class_full_warns_and_the_bureau_places_the_pupil():
    findings = found("heilongjiang", grade_classes_full=True)
    assert one(findings, "transfer.refusals.all_classes_full").severity is Severity.WARN
    assert one(findings, "transfer.no_place").severity is Severity.INFO


def test_heilongjiang_while_suspended_blocks():
    rid = "transfer.refusals.while_suspended"
    f = one(found("heilongjiang", direction="out", pupil_status=Status.SUSPENDED.value), rid)
    assert f.severity is Severity.BLOCK and "休学" in f.message and f.article == "《黑龙江省实施细则》第二十四条（三）4"
    assert of(found("heilongjiang", direction="out", pupil_status=Status.ENROLLED.value, declared={}), rid) == []
    asked = one(found("heilongjiang", pupil_status=None, declared={}), rid)  # coming in: the record is elsewhere
    assert asked.severity is Severity.BLOCK and asked.field == "declared.while_suspended"


def test_heilongjiang_school_choice_declared_blocks_and_unanswered_blocks():
    rid = "transfer.refusals.school_choice"
    answered = {r.id: False for r in refusals(load_profile("heilongjiang"))} | {"school_choice": True}
    f = one(found("heilongjiang", declared=answered), rid)
    assert f.severity is Severity.BLOCK and "利用转学变相择校" in f.message and f.field == "declared.school_choice"
    asked = one(found("heilongjiang", declared={}), rid)
    assert (asked.severity, asked.message, asked.article) == (
        Severity.BLOCK, "请确认：利用转学变相择校", "《黑龙江省实施细则》第二十四条（三）1")
    assert asked.text == "请确认：利用转学变相择校〔《黑龙江省实施细则》第二十四条（三）1〕"  # no （…（三）1）


def test_heilongjiang_city_middle_move_warns_when_declared_and_is_not_asked_for_primary_pupils():
    rid = "transfer.refusals.city_middle_move_within_county"
    county_unknown = dict(same_county=None, other_area="")
    f = one(found("heilongjiang", grade_from=8, grade_to=8, declared={"city_middle_move_within_county": True},
                  **county_unknown), rid)
    assert f.severity is Severity.WARN
    assert of(found("heilongjiang", grade_from=4, grade_to=4, declared={}, **county_unknown), rid) == []
    assert one(found("heilongjiang", grade_from=8, grade_to=8, declared={}, **county_unknown), rid).severity \
        is Severity.BLOCK
    assert of(found("heilongjiang", grade_from=8, grade_to=8, declared={}, same_county=False), rid) == []


def test_heilongjiang_starting_grade_first_term():
    rid = "transfer.refusals.starting_grade_first_term"
    f = one(found("heilongjiang", grade_from=1, grade_to=1, today=D(2026, 9, 3)), rid)
    assert f.severity is Severity.WARN and "起始年级" in f.message
    assert of(found("heilongjiang", grade_from=1, grade_to=1, today=D(2027, 2, 22)), rid) == []
    assert of(found("heilongjiang", grade_from=7, grade_to=7, today=D(2026, 9, 3)), rid)  # 六三: 初中起始
    five_four = dict(system=SchoolSystem.FIVE_FOUR, today=D(2026, 9, 3))
    assert of(found("heilongjiang", grade_from=6, grade_to=6, **five_four), rid)
    assert of(found("heilongjiang", grade_from=7, grade_to=7, **five_four), rid) == []


def test_heilongjiang_private_school_ratio_and_bulk_question():
    findings = found("heilongjiang", private_school=True, declared={})
    assert "1/9" in one(findings, "transfer.private_school").message  # 六年制小学: 1/(6×2−3)
    assert one(findings, "transfer.refusals.private_bulk_over_ratio").severity is Severity.BLOCK
    assert of(found("heilongjiang", declared={}), "transfer.refusals.private_bulk_over_ratio") == []


# ───────────────────────────── 安阳北关 ─────────────────────────────

def test_anyang_within_the_district_warns():
    rid = "transfer.refusals.within_district"
    f = one(found("anyang_beiguan", same_county=True, reason_id="migrant"), rid)
    assert f.severity is Severity.WARN and f.article == "《安阳市北关区办法》第十条（五）"
    assert "同在本区（县）" in f.message
    assert of(found("anyang_beiguan", same_county=False, reason_id="migrant"), rid) == []
    asked = one(found("anyang_beiguan", same_county=None, other_area="", reason_id="migrant", declared={}), rid)
    assert asked.severity is Severity.BLOCK


@pytest.mark.parametrize("filed_on, severity, phrase", [
    (None, Severity.BLOCK, "最近的备案日：2026-09-15"),
    (D(2026, 9, 8), None, ""),
    (D(2026, 9, 9), Severity.INFO, "是星期三"),
    (D(2026, 9, 22), Severity.BLOCK, "晚于今天"),
])
def test_anyang_tuesday_filing_before_the_case_starts(filed_on, severity, phrase):
    hits = of(found("anyang_beiguan", filed_on=filed_on), "transfer.weekly_filing")
    if severity is None:
        assert hits == []
        return
    [f] = hits
    assert f.severity is severity and phrase in f.message and f.field == "filed_on"
    assert f.article == "《安阳市北关区办法》第十条（三）3"


def test_the_sending_school_files_nothing():
    assert of(found("anyang_beiguan", filed_on=None, direction="out"), "transfer.weekly_filing") == []
    assert of(found("yingkou", filed_on=None), "transfer.weekly_filing") == []


# ───────────────────────────── 长治 ─────────────────────────────

def test_changzhi_punished_blocks():
    rid = "transfer.refusals.while_punished"
    f = one(found("changzhi", direction="out", punished=True), rid)
    assert f.severity is Severity.BLOCK and "处分" in f.message and f.article == "《长治市实施细则》第二十条"
    assert of(found("changzhi", direction="out", punished=False, declared={}), rid) == []  # a record says no
    for direction in ("out", "in"):  # no record shows it: asked either way, and unanswered blocks
        asked = one(found("changzhi", direction=direction, punished=None, declared={}), rid)
        assert (asked.severity, asked.message, asked.article) == (Severity.BLOCK, "请确认：受处分期间",
                                                                  "《长治市实施细则》第二十条")
        answered = {r.id: False for r in refusals(load_profile("changzhi"))} | {"while_punished": True}
        held = one(found("changzhi", direction=direction, punished=None, declared=answered), rid)
        assert held.severity is Severity.BLOCK and "不能办理转学" in held.message


@pytest.mark.parametrize("pid", ["national"] + [r for r in REGIONS if r != "changzhi"])
def test_punishment_refuses_a_transfer_only_where_the_text_says_so(pid):
    for direction in ("out", "in"):
        assert [f for f in found(pid, direction=direction, punished=True, declared={}) if "处分" in f.message] == []


@pytest.mark.parametrize("occupied, rule, severity", [
    (44, None, None), (45, "class_size.primary_standard", Severity.WARN),
    (49, "class_size.primary_standard", Severity.WARN),
    (50, "class_size.primary_max", Severity.BLOCK),
])
def test_changzhi_class_standard_warns_and_maximum_blocks(occupied, rule, severity):
    findings = found("changzhi", class_occupied=occupied, class_capacity=50)
    hits = [f for f in findings if f.rule.startswith("class_size.")]
    if rule is None:
        assert hits == []
        return
    [f] = hits
    assert (f.rule, f.severity, f.field) == (rule, severity, "school_class")
    assert f.article == "《长治市实施细则》第十三条" and "四年级(1)班" in f.message


# ───────────────────────────── papers, declarations ─────────────────────────────

@pytest.mark.parametrize("pid, phrases", [
    ("national", []), ("yingkou", []), ("changzhi", []),
    ("liangshan", ["学生基本信息表和转学申请登记表以外的其他材料"]),
    ("anyang_beiguan", ["学籍证明"]),
    ("heilongjiang", ["不得向学生收取任何费用"]),
])
def test_what_may_not_be_asked_of_the_family(pid, phrases):
    shown = forbidden_papers(load_profile(pid))
    assert len(shown) == len(phrases)
    for f, phrase in zip(shown, phrases):
        assert f.severity is Severity.INFO and phrase in f.message
    assert all(f in found(pid) for f in shown)


@pytest.mark.parametrize("pid, ids", [
    ("national", []), ("yingkou", []), ("changzhi", []), ("liangshan", ["ethnic_stream_from_other"]),
    ("anyang_beiguan", ["school_ordered"]),
    ("heilongjiang", ["school_choice", "minor_separate_household", "private_bulk_over_ratio",
                      "city_middle_move_within_county"]),
])
def test_declarations_are_the_refusals_no_record_shows(pid, ids):
    assert [r.id for r in declarations(load_profile(pid))] == ids


def test_declarations_with_facts_are_what_the_facts_leave_open():
    p = load_profile("changzhi")
    coming_in = facts("changzhi", pupil_status=None)
    assert [r.id for r in declarations(p, coming_in)] == ["while_suspended", "while_punished"]
    leaving = dataclasses.replace(coming_in, direction="out", pupil_status="enrolled")
    assert [r.id for r in declarations(p, leaving)] == ["while_punished"]  # no punishment record yet
    assert declarations(p, dataclasses.replace(leaving, punished=False)) == []


# ───────────────────────────── the profile drives it ─────────────────────────────

@pytest.fixture
def folder(tmp_path):
    shutil.copy(paths.PROFILES_DIR / "national.toml", tmp_path / "national.toml")
    return tmp_path


def write_region(folder, body: str):
    head = ('[meta]\nid = "testland"\nname = "测试地区"\ndocument = "《测试规定》"\nfull_title = "测试规定"\n'
            'extends = "national"\nformat = 1\n\n')
    (folder / "testland.toml").write_text(head + body, encoding="utf-8")
    return load_profile("testland", directory=folder)


def test_a_new_refusal_id_is_asked_and_term_dates_move_the_window(folder):
    p = write_region(folder, '''
[transfer.refusals]
value = [
  { id = "moon_phase", label = "月圆之夜", article = "《测试规定》第一条", force = "block" },
  { id = "mid_term", label = "学期中", article = "《测试规定》第二条", force = "warn" },
]
article = "《测试规定》第一条"
force = "block"

[school_calendar.autumn_term]
value = { start = "09-05", end = "01-15" }
applies = false
note = "本校校历。"
''')
    assert [r.id for r in declarations(p)] == ["moon_phase"]
    base = dataclasses.replace(facts("national"), profile=p, today=D(2026, 9, 4))
    findings = transfer_findings(base)
    assert one(findings, "transfer.refusals.moon_phase").message == "请确认：月圆之夜"
    assert of(findings, "transfer.refusals.mid_term") == []
    mid = one(transfer_findings(dataclasses.replace(base, today=D(2026, 9, 5))), "transfer.refusals.mid_term")
    assert mid.article == "《测试规定》第二条"
    yes = transfer_findings(dataclasses.replace(base, declared={"moon_phase": True}))
    assert one(yes, "transfer.refusals.moon_phase").severity is Severity.BLOCK


def test_bad_calendar_dates_are_refused_by_name(folder):
    with pytest.raises(ProfileError, match=r"school_calendar\.spring_term\.value\.start"):
        write_region(folder, '[school_calendar.spring_term]\nvalue = { start = "02-30", end = "07-10" }\n'
                             'applies = false\nnote = "x"\n')
    p = write_region(folder, '[school_calendar.exam_period]\nvalue = { start = "4-1", end = "06-20" }\n'
                             'applies = false\nnote = "x"\n')
    with pytest.raises(ProfileError, match=r"school_calendar\.exam_period\.start"):
        SchoolCalendar.from_profile(p)


def test_an_exam_period_entered_in_the_profile_decides_without_asking(folder):
    p = write_region(folder, '''
[transfer.refusals]
value = [{ id = "exam_period_grades_8_9", label = "学籍审核至中考", article = "《测试规定》第一条", force = "block" }]
article = "《测试规定》第一条"
force = "block"

[school_calendar.exam_period]
value = { start = "04-01", end = "06-20" }
applies = false
note = "当年通知。"
''')
    base = dataclasses.replace(facts("national"), profile=p, grade_from=8, grade_to=8, exam_period=None)
    rule = "transfer.refusals.exam_period_grades_8_9"
    assert of(transfer_findings(dataclasses.replace(base, today=D(2027, 3, 31))), rule) == []
    f = one(transfer_findings(dataclasses.replace(base, today=D(2027, 4, 1))), rule)
    assert f.severity is Severity.BLOCK and f.field == "window"


# ───────────────────────────── the school calendar ─────────────────────────────

def test_terms_from_the_profile():
    cal = SchoolCalendar.from_profile(load_profile("national"))
    autumn = cal.term_of(D(2026, 10, 8))
    assert (autumn.name, autumn.start, autumn.end, autumn.school_year) == (AUTUMN, D(2026, 9, 1), D(2027, 1, 20), 2026)
    assert cal.term_of(D(2027, 1, 25)).name == SPRING and cal.in_holidays(D(2027, 1, 25))  # winter: the 下学期 ahead
    summer = cal.term_of(D(2027, 7, 20))
    assert (summer.name, summer.school_year) == (AUTUMN, 2027) and not cal.in_term(D(2027, 7, 20))
    assert autumn.label == "2026—2027学年上学期"


def test_grades_of_each_system():
    assert graduating_grades(SchoolSystem.SIX_THREE) == (6, 9, 12)
    assert graduating_grades(SchoolSystem.FIVE_FOUR) == (5, 9, 12)
    assert graduating_grade(SchoolSystem.FIVE_FOUR, "primary") == 5
    assert starting_grades(SchoolSystem.SIX_THREE) == (1, 7, 10) and starting_grades(SchoolSystem.FIVE_FOUR) == (1, 6, 10)
    cal = SchoolCalendar.from_profile(load_profile("heilongjiang"))
    assert cal.first_term_of_starting_grade(D(2026, 8, 20), 7, SchoolSystem.SIX_THREE)  # after promotion, before term
    assert not cal.first_term_of_starting_grade(D(2027, 3, 1), 7, SchoolSystem.SIX_THREE)


def test_grade_years_turn_at_the_promotion():
    cal = SchoolCalendar.from_profile(load_profile("national"))
    assert cal.grade_year(D(2026, 8, 10)) == 2025 and cal.grade_year(D(2026, 8, 11)) == 2026
    # an eighth-grader in autumn 2026 was in grade 7 in spring 2026
    assert cal.when_in_grade(D(2026, 10, 1), 8, 7, "03-01") == D(2026, 3, 1)
    assert cal.when_in_grade(D(2026, 8, 20), 8, 8, "09-30") == D(2026, 9, 30)


@pytest.mark.parametrize("pid, text", [
    ("yingkou", "新学期开学后 1 个月内或学期结束前 1 个月内"), ("heilongjiang", "每学期开学前 7 日至开学后 7 日内"),
    ("anyang_beiguan", "新学期开学后 2 个月内"), ("changzhi", "寒暑假（学期之间）"),
])
def test_windows_read_as_chinese(pid, text):
    assert describe_window(load_profile(pid).value("transfer.window")) == text
