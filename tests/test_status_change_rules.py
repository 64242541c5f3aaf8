"""Status-change rules (休学 … 关键信息变更) over the five regions and the national baseline, at their
edges (the day before, on and after a limit); severity and article always as the profile states."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from xueji_desktop import paths
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.changes.status_change import CHANGES
from xueji_desktop.core.changes.status_facts import back, describe_iso, last_day, periods
from xueji_desktop.core.changes.status_info import keys_of
from xueji_desktop.core.changes.status_leaving import IRREVERSIBLE
from xueji_desktop.core.changes.status_rules import (
    ChangeFacts,
    PastCase,
    ReturnClass,
    evidence_needed,
    facts_findings,
    facts_questions,
)
from xueji_desktop.core.dates.workdays import WorkCalendar
from xueji_desktop.core.dropout_control.dropout_rules import DROPOUT_KINDS
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.rules.findings import Severity

D = dt.date
K = CaseKind
REGIONS = ["yingkou", "liangshan", "heilongjiang", "anyang_beiguan", "changzhi"]
ALL = ["national"] + REGIONS
TODAY = D(2026, 9, 10)
START = D(2026, 9, 1)
YEAR_END = D(2027, 8, 31)  # the last day of one school year's suspension from 1 September 2026
BIRTH = D(2016, 3, 7)
ID = ids.make_id_number("230102", BIRTH, 447)
CALENDAR = WorkCalendar()


def first_ground(p) -> str:
    return p.value("suspension.grounds")[0]["id"]


def facts(pid: str, kind: CaseKind, **changes) -> ChangeFacts:
    """A draft no rule of the region stops: every paper seen, every question answered “no”."""
    p = load_profile(pid)
    suspended = kind in (K.SUSPENSION_EXTENSION, K.RESUMPTION, K.OTHER_LEAVE)
    base = dict(
        profile=p, kind=kind, today=TODAY, grade=4, calendar=CALENDAR, student_number="G" + ID,
        status=Status.SUSPENDED if suspended else Status.ABROAD if kind is K.RETURN_FROM_ABROAD else Status.ENROLLED,
        record={"name": "张三", "sex": "1", "birth_date": BIRTH, "id_type": "1", "id_number": ID, "ethnicity": "01",
                "phone": "13904171234", "address": "柳树村"},
        history=(PastCase(K.SUSPENSION, D(2025, 9, 15), D(2026, 9, 1) if kind is K.OTHER_LEAVE else D(2026, 9, 14),
                          first_ground(p), 4),) if suspended else (),
        effective_on=START if kind in (K.SUSPENSION, K.ABROAD, K.MISSING, K.BORROWED_STUDY) else None,
        until={K.SUSPENSION: YEAR_END, K.SUSPENSION_EXTENSION: D(2027, 9, 14)}.get(kind),
        ground_id={K.SUSPENSION: first_ground(p), K.WITHDRAWAL: "loss_of_ability",
                   K.BORROWED_STUDY: "parents_abroad"}.get(kind),
        return_grade=4 if kind in (K.RESUMPTION, K.RETURN_FROM_ABROAD) else None,
        return_class=ReturnClass("四年级(1)班", 4, 30, 45),
        details={K.BORROWED_STUDY: {"host_school": "太原市迎泽区双塔小学"},
                 K.OTHER_LEAVE: {"contacts": "2026-09-01 王老师 电话 停机"}}.get(kind, {}),
        changes={"name": "张珊"} if kind is K.KEY_INFO_CHANGE else {},
    )
    if kind is K.DEATH:
        base["effective_on"] = D(2026, 9, 8)
    base.update(changes)
    f = ChangeFacts(**base)
    if "evidence_seen" not in changes:
        f = dataclasses.replace(f, evidence_seen=frozenset(evidence_needed(f)))
    if "declared" not in changes:
        f = dataclasses.replace(f, declared={q.id: False for q in facts_questions(f)})
    return f


def found(pid, kind, **changes):
    return facts_findings(facts(pid, kind, **changes))


def of(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def one(findings, rule: str):
    hits = of(findings, rule)
    assert len(hits) == 1, (rule, [f.text for f in findings])
    return hits[0]


def stopping(findings):
    return [f for f in findings if f.severity is not Severity.INFO]


def as_profile(hit, pid: str, key: str):
    """The finding's force and article are the profile's entry."""
    rule = load_profile(pid).rule(key)
    assert hit.severity is Severity(rule.force) and hit.article == rule.article, (hit, rule)


def offered(pid: str, kind: CaseKind) -> bool:
    return bool(load_profile(pid).value(f"workflows.{CHANGES[kind].workflow}"))


CLEAN_KINDS = [k for k in K if not k.name.startswith("TRANSFER") and k not in DROPOUT_KINDS  # dropout: test_dropout*.py
               and k in CHANGES]  # the kinds with a workflow of their own (处分申诉) are tested with it
# Warnings no draft avoids: 黑龙江第二十七条 “原则上不得提出退学申请” even on its one listed ground.
ALWAYS = {("heilongjiang", K.WITHDRAWAL): ["withdrawal.grounds.loss_of_ability"],
          # 跳级: 黑龙江第二十六条 “原则上不允许”, 安阳北关第十四条 “一般不允许” (test_grade_skip.py)
          ("heilongjiang", K.SKIP_GRADE): ["skip_grade.allowed"], ("anyang_beiguan", K.SKIP_GRADE): ["skip_grade.allowed"]}


# ───────────────────────────── every kind, every region ─────────────────────────────

@pytest.mark.parametrize("pid, kind", [(pid, kind) for pid in ALL for kind in CLEAN_KINDS if offered(pid, kind)],
                         ids=lambda x: x.value if isinstance(x, CaseKind) else x)
def test_a_draft_that_meets_every_rule_only_informs(pid, kind):
    findings = found(pid, kind)
    assert [f.rule for f in stopping(findings)] == ALWAYS.get((pid, kind), []), [f.text for f in stopping(findings)]
    for f in findings:
        rule = load_profile(pid).rule(f.rule) if f.rule in load_profile(pid).keys() else None
        if rule is not None and rule.applies:
            assert f.article == rule.article, f


# ───────────────────────────── 休学 ─────────────────────────────

@pytest.mark.parametrize("pid", ALL)
def test_a_suspension_ground_outside_the_list(pid):
    p = load_profile(pid)
    hit = one(found(pid, K.SUSPENSION, ground_id="leave_elsewhere"), "suspension.grounds")
    assert hit.article == p.rule("suspension.grounds").article
    expected = Severity.WARN if p.rule("suspension.grounds").force == "warn" else Severity.BLOCK
    assert hit.severity is expected and hit.field == "ground"
    assert one(found(pid, K.SUSPENSION, ground_id=None), "suspension.grounds").severity is Severity.BLOCK


def test_yingkou_has_no_leave_ground_but_anyang_and_changzhi_do():
    assert one(found("yingkou", K.SUSPENSION, ground_id="leave"), "suspension.grounds").severity is Severity.BLOCK
    for pid in ("anyang_beiguan", "changzhi"):
        assert not stopping(found(pid, K.SUSPENSION, ground_id="leave"))
    other = one(found("liangshan", K.SUSPENSION, ground_id="other"), "suspension.grounds")
    assert other.severity is Severity.WARN and "其他原因" in other.message


def test_anyang_asks_in_patient_records_for_primary_and_a_diagnosis_for_middle_school():
    primary = evidence_needed(facts("anyang_beiguan", K.SUSPENSION, grade=4, ground_id="illness"))
    middle = evidence_needed(facts("anyang_beiguan", K.SUSPENSION, grade=8, ground_id="illness"))
    assert primary == ["小学和特殊教育学校：县级以上医院的住院病历"]
    assert middle == ["初中：县级以上医院诊断证明"]
    hit = one(found("anyang_beiguan", K.SUSPENSION, grade=8, ground_id="illness", evidence_seen=frozenset(primary)),
              "suspension.grounds")
    assert hit.severity is Severity.BLOCK and "初中：县级以上医院诊断证明" in hit.message
    assert hit.article == "《安阳市北关区办法》第十二条（一）1、（二）"


@pytest.mark.parametrize("pid", ALL)
def test_suspension_papers_of_the_ground(pid):
    p = load_profile(pid)
    ground = p.value("suspension.grounds")[0]
    findings = found(pid, K.SUSPENSION, evidence_seen=frozenset())
    if not ground["evidence"]:
        return
    hit = one(findings, "suspension.grounds")
    assert hit.severity is Severity.BLOCK and hit.field == "evidence" and hit.article == ground["article"]


@pytest.mark.parametrize("pid", ALL)
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_usual_length_at_its_edge(pid, offset):
    p = load_profile(pid)
    limit = last_day(START, p.value("suspension.usual_length"))
    findings = found(pid, K.SUSPENSION, until=limit + dt.timedelta(days=offset))
    hits = of(findings, "suspension.usual_length")
    if offset <= 0 or not p.applies("suspension.usual_length"):
        assert hits == []
    else:
        assert len(hits) == 1 and hits[0].field == "until"
        as_profile(hits[0], pid, "suspension.usual_length")


def test_a_year_of_suspension_ends_the_day_before_the_anniversary():
    assert last_day(START, "P12M") == YEAR_END
    assert describe_iso("P24M") == "2 年" and describe_iso("P15D") == "15 天" and describe_iso("P6M") == "6 个月"
    assert back(D(2027, 6, 30), "P15D") == D(2027, 6, 15)


@pytest.mark.parametrize("pid", ["yingkou", "changzhi"])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_total_of_two_years_at_its_edge(pid, offset):
    """A year's suspension and a year's extension: exactly two years is allowed, a day more is not."""
    history = (PastCase(K.SUSPENSION, D(2025, 9, 1), D(2026, 8, 31), "illness", 4),)
    limit = last_day(D(2025, 9, 1), "P24M")
    assert limit == D(2027, 8, 31)
    findings = found(pid, K.SUSPENSION_EXTENSION, history=history, until=limit + dt.timedelta(days=offset))
    hits = of(findings, "suspension.max_total")
    if offset <= 0:
        assert hits == []
    else:
        assert len(hits) == 1 and "截止日期最晚为 2027-08-31" in hits[0].message
        as_profile(hits[0], pid, "suspension.max_total")


def test_the_total_counts_earlier_suspensions_only_until_the_pupil_came_back():
    """长治: two years at most in all. A full earlier year and a new year fill them exactly (730 days
    from 1 September 2024); a day more is refused — unless the pupil came back early from the first."""
    history = (PastCase(K.SUSPENSION, D(2024, 9, 1), D(2025, 8, 31), "illness", 3),)
    assert not of(found("changzhi", K.SUSPENSION, status=Status.ENROLLED, history=history), "suspension.max_total")
    over = found("changzhi", K.SUSPENSION, status=Status.ENROLLED, history=history, until=D(2027, 9, 1))
    hit = one(over, "suspension.max_total")
    assert "共 731 天" in hit.message and hit.severity is Severity.BLOCK
    back_early = history + (PastCase(K.RESUMPTION, D(2025, 3, 1)),)
    assert periods(back_early) == [(D(2024, 9, 1), D(2025, 2, 28))]
    assert not of(found("changzhi", K.SUSPENSION, status=Status.ENROLLED, history=back_early, until=D(2027, 9, 1)),
                  "suspension.max_total")


@pytest.mark.parametrize("earlier, stops", [(0, False), (1, False), (2, True)])
def test_heilongjiang_allows_at_most_two_suspensions(earlier, stops):
    history = tuple(PastCase(K.SUSPENSION, D(2020 + i, 9, 1), D(2020 + i, 12, 31), "sick_leave", 4)
                    for i in range(earlier))
    findings = found("heilongjiang", K.SUSPENSION, history=history)
    hits = of(findings, "suspension.max_times")
    assert bool(hits) == stops
    if stops:
        as_profile(hits[0], "heilongjiang", "suspension.max_times")
    extension_counts = (PastCase(K.SUSPENSION, D(2025, 9, 15), D(2026, 3, 14), "sick_leave", 4),)
    hit = one(found("heilongjiang", K.SUSPENSION_EXTENSION, history=extension_counts + (
        PastCase(K.SUSPENSION_EXTENSION, D(2026, 3, 1), D(2026, 9, 14)),)), "suspension.max_times")
    assert hit.severity is Severity.BLOCK and "本次为第 3 次" in hit.message  # an extension counts as a time


@pytest.mark.parametrize("pid, grade, start, rule, severity", [
    ("liangshan", 9, START, "suspension.graduating_grade.prefecture_filing", Severity.INFO),
    ("liangshan", 6, START, "suspension.graduating_grade.prefecture_filing", Severity.INFO),
    ("heilongjiang", 6, START, "suspension.graduating_grade.graduating_grade", Severity.WARN),
    ("heilongjiang", 9, START, "suspension.graduating_grade.graduating_grade", Severity.WARN),
    ("yingkou", 9, D(2027, 3, 1), "suspension.graduating_grade.final_term", Severity.WARN),
    ("yingkou", 6, D(2027, 3, 1), "suspension.graduating_grade.final_term", Severity.WARN),
])
def test_graduating_grade_limits(pid, grade, start, rule, severity):
    hit = one(found(pid, K.SUSPENSION, grade=grade, effective_on=start, until=start + dt.timedelta(days=120)), rule)
    item = next(i for i in load_profile(pid).value("suspension.graduating_grade") if rule.endswith(i["id"]))
    assert hit.severity is severity is Severity(item["force"]) and hit.article == item["article"]
    assert not of(found(pid, K.SUSPENSION, grade=grade - 1, effective_on=start), rule)


def test_yingkou_final_term_is_the_spring_term_only_and_exam_registration_is_asked():
    assert not of(found("yingkou", K.SUSPENSION, grade=9), "suspension.graduating_grade.final_term")
    f = facts("yingkou", K.SUSPENSION, grade=9)
    assert [q.id for q in facts_questions(f)] == ["after_exam_registration"]
    unanswered = one(found("yingkou", K.SUSPENSION, grade=9, declared={}), "suspension.graduating_grade")
    assert unanswered.severity is Severity.BLOCK and unanswered.field == "declared.after_exam_registration"
    yes = one(found("yingkou", K.SUSPENSION, grade=9, declared={"after_exam_registration": True}),
              "suspension.graduating_grade.after_exam_registration")
    assert yes.severity is Severity.WARN and yes.article == "《营口市规定》四(二)2"
    assert facts_questions(facts("yingkou", K.SUSPENSION, grade=6)) == []


@pytest.mark.parametrize("pid", ALL)
def test_a_suspension_to_repeat_a_grade_is_refused_where_the_text_says_so(pid):
    p = load_profile(pid)
    findings = found(pid, K.SUSPENSION, declared={"for_repetition": True})
    hits = of(findings, "suspension.not_for_repetition")
    if not p.applies("suspension.not_for_repetition"):
        assert hits == []
        return
    assert len(hits) == 1 and hits[0].severity is Severity.BLOCK
    as_profile(hits[0], pid, "suspension.not_for_repetition")
    unanswered = one(found(pid, K.SUSPENSION, declared={}), "suspension.not_for_repetition")
    assert unanswered.severity is Severity.BLOCK and unanswered.message.startswith("请确认")


def test_heilongjiang_answers_within_ten_working_days():
    hit = one(found("heilongjiang", K.SUSPENSION), "suspension.answer_deadline_working_days")
    assert hit.severity is Severity.INFO and "10 个工作日" in hit.message and "2026-09-23" in hit.message
    assert not of(found("yingkou", K.SUSPENSION), "suspension.answer_deadline_working_days")


@pytest.mark.parametrize("until, stops", [(D(2026, 9, 14), True), (D(2026, 9, 15), False)])
def test_an_extension_must_end_after_the_present_term(until, stops):
    hit = of(found("yingkou", K.SUSPENSION_EXTENSION, until=until), "suspension.until")
    assert bool(hit) == stops
    if stops:
        assert hit[0].severity is Severity.BLOCK and "应晚于现在的截止日期 2026-09-14" in hit[0].message


def test_a_missing_term_end_blocks():
    hit = one(found("national", K.SUSPENSION, until=None), "suspension.until")
    assert hit.severity is Severity.BLOCK and hit.field == "until"


# ───────────────────────────── 复学 ─────────────────────────────

@pytest.mark.parametrize("days_before, stops", [(16, True), (15, False), (0, False), (-1, True)])
def test_heilongjiang_resumption_is_applied_for_within_15_days_before_expiry(days_before, stops):
    until = D(2026, 9, 14)
    applied = until - dt.timedelta(days=days_before)
    findings = found("heilongjiang", K.RESUMPTION, applied_on=applied, today=max(applied, TODAY))
    hits = of(findings, "resumption.apply_window")
    assert bool(hits) == stops
    if stops:
        as_profile(hits[0], "heilongjiang", "resumption.apply_window")
    assert not of(found("yingkou", K.RESUMPTION, applied_on=applied, today=max(applied, TODAY)),
                  "resumption.apply_window")


@pytest.mark.parametrize("pid", ["liangshan", "anyang_beiguan"])
def test_early_return_is_shown_where_allowed(pid):
    hit = one(found(pid, K.RESUMPTION, effective_on=D(2026, 9, 14)), "resumption.early_allowed")
    assert hit.severity is Severity.INFO and hit.article == load_profile(pid).rule("resumption.early_allowed").article
    assert not of(found(pid, K.RESUMPTION, effective_on=D(2026, 9, 15)), "resumption.early_allowed")


def test_anyang_asks_proof_of_recovery_only_after_an_illness():
    assert evidence_needed(facts("anyang_beiguan", K.RESUMPTION)) == [
        "复学申请", "县级以上医院认定治愈或认定可以正常学习的证明（因病休学的）"]
    after_leave = (PastCase(K.SUSPENSION, D(2025, 9, 15), D(2026, 9, 14), "leave", 4),)
    assert evidence_needed(facts("anyang_beiguan", K.RESUMPTION, history=after_leave)) == ["复学申请"]


@pytest.mark.parametrize("pid", ALL)
def test_resumption_papers(pid):
    p = load_profile(pid)
    hits = of(found(pid, K.RESUMPTION, evidence_seen=frozenset()), "resumption.evidence")
    if p.applies("resumption.evidence"):
        assert len(hits) == 1 and hits[0].field == "evidence"
        as_profile(hits[0], pid, "resumption.evidence")
    else:
        assert hits == []


@pytest.mark.parametrize("pid", ALL)
def test_never_back_to_a_lower_grade(pid):
    hit = next(f for f in found(pid, K.RESUMPTION, return_grade=3,
                                return_class=ReturnClass("三年级(1)班", 3, 30, 45)) if f.field == "return_grade"
               and f.severity is not Severity.INFO)
    assert hit.rule.startswith("repetition.")
    if pid == "national":  # no text forbids it: warned, with a recorded reason
        assert hit.severity is Severity.WARN and "更低的三年级即留级" in hit.message
    else:
        assert hit.severity is Severity.BLOCK and "不能回到更低的三年级" in hit.message
    rule = load_profile(pid).rule(hit.rule)
    assert hit.article == rule.article


@pytest.mark.parametrize("pid, grade, severity", [
    ("heilongjiang", 5, Severity.WARN), ("anyang_beiguan", 5, Severity.WARN), ("national", 5, Severity.WARN),
    ("changzhi", 5, None), ("changzhi", 4, None), ("changzhi", 6, Severity.BLOCK), ("heilongjiang", 6, Severity.BLOCK),
])
def test_the_return_grade_by_continuity(pid, grade, severity):
    findings = found(pid, K.RESUMPTION, return_grade=grade, return_class=ReturnClass("班", grade, 30, 45))
    hits = of(findings, "resumption.grade")
    if severity is None:
        assert hits == []
    else:
        assert len(hits) == 1 and hits[0].severity is severity
        assert hits[0].article == load_profile(pid).rule("resumption.grade").article


def test_changzhi_shows_its_contradiction_on_the_return_grade():
    hit = one(found("changzhi", K.RESUMPTION), "contradictions.resumption_grade")
    assert hit.severity is Severity.INFO and "第二十三条不允许留级" in hit.message
    assert not of(found("heilongjiang", K.RESUMPTION), "contradictions.resumption_grade")


@pytest.mark.parametrize("occupied, stops", [(43, False), (44, False), (45, True)])
def test_the_return_class_at_its_limit(occupied, stops):
    """黑龙江: 45 pupils at most in a primary class; the returning pupil is not yet counted."""
    findings = found("heilongjiang", K.RESUMPTION, return_class=ReturnClass("四年级(1)班", 4, occupied, 50))
    hits = [f for f in findings if f.field == "school_class"]
    assert bool(hits) == stops
    if stops:
        as_profile(hits[0], "heilongjiang", "class_size.primary_max")


def test_a_return_class_of_another_grade_or_none_blocks():
    hit = one(found("national", K.RESUMPTION, return_class=ReturnClass("五年级(1)班", 5, 3, 45),
                    details={"class_id": 9}), "resumption.school_class")
    assert "五年级(1)班属于五年级，与复学年级四年级不符" in hit.message
    hit = one(found("national", K.RESUMPTION, return_class=None), "resumption.school_class")
    assert "请选择四年级的班级" in hit.message
    hit = one(found("national", K.RESUMPTION, return_grade=None), "resumption.return_grade")
    assert hit.severity is Severity.BLOCK


# ───────────────────────────── 出国, 退学 ─────────────────────────────

@pytest.mark.parametrize("pid", ALL)
def test_abroad_papers_and_approvers(pid):
    p = load_profile(pid)
    hit = one(found(pid, K.ABROAD, evidence_seen=frozenset()), "abroad.evidence")
    as_profile(hit, pid, "abroad.evidence")
    approvers = one(found(pid, K.ABROAD), "abroad.approvers")
    assert approvers.severity is Severity.INFO and approvers.article == p.rule("abroad.approvers").article


def test_emigration_is_a_withdrawal_in_changzhi():
    assert not of(found("changzhi", K.ABROAD), "withdrawal.grounds.emigration")
    hit = one(found("changzhi", K.ABROAD, declared={"settle_abroad": True}), "withdrawal.grounds.emigration")
    assert hit.severity is Severity.INFO and "按退学办理" in hit.message and hit.article.endswith("第二十八条、第三十条")
    for pid in ("heilongjiang", "yingkou"):
        assert facts_questions(facts(pid, K.ABROAD)) == []
    assert "疑似辍学" in one(found("heilongjiang", K.ABROAD), "abroad.unannounced").message


@pytest.mark.parametrize("pid, key", [("heilongjiang", "withdrawal.persuasion_banned"),
                                      ("anyang_beiguan", "withdrawal.persuasion_banned"),
                                      ("changzhi", "withdrawal.expulsion_banned"),
                                      ("national", "withdrawal.expulsion_banned")])
def test_no_withdrawal_persuaded_or_expelled_by_the_school(pid, key):
    hit = one(found(pid, K.WITHDRAWAL, declared={"school_initiated": True}), key)
    assert hit.severity is Severity.BLOCK and hit.field == "declared.school_initiated"
    as_profile(hit, pid, key)
    assert one(found(pid, K.WITHDRAWAL, declared={}), key).message == "请确认：是否由学校劝退或开除（是/否）"


def test_withdrawal_grounds_and_their_force():
    hlj = one(found("heilongjiang", K.WITHDRAWAL), "withdrawal.grounds.loss_of_ability")
    assert hlj.severity is Severity.WARN and hlj.article == "《黑龙江省实施细则》第二十七条"
    other = one(found("heilongjiang", K.WITHDRAWAL, ground_id="family"), "withdrawal.other_grounds_allowed")
    as_profile(other, "heilongjiang", "withdrawal.other_grounds_allowed")
    other = one(found("changzhi", K.WITHDRAWAL, ground_id="family"), "withdrawal.other_grounds_allowed")
    as_profile(other, "changzhi", "withdrawal.other_grounds_allowed")
    papers = one(found("changzhi", K.WITHDRAWAL, ground_id="emigration", evidence_seen=frozenset()),
                 "withdrawal.grounds")
    assert papers.severity is Severity.BLOCK and "学生本人护照复印件" in papers.message
    assert "县级以上医疗单位证明" in one(found("changzhi", K.WITHDRAWAL, evidence_seen=frozenset()),
                                          "withdrawal.grounds").message
    note = one(found("changzhi", K.WITHDRAWAL), "contradictions.withdrawal_approvers")
    assert note.severity is Severity.INFO and "第二十八条" in note.message and "第三十条" in note.message
    assert one(found("heilongjiang", K.WITHDRAWAL), "withdrawal.keep_archive").severity is Severity.INFO


# ───────────────────────────── 死亡, 失踪 ─────────────────────────────

@pytest.mark.parametrize("pid", ALL)
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_death_is_reported_within_ten_working_days(pid, offset):
    died = D(2026, 9, 1)
    due = CALENDAR.add_working_days(died, 10).day
    applied = due + dt.timedelta(days=offset)
    while offset == 1 and not CALENDAR.is_working_day(applied):
        applied += dt.timedelta(days=1)
    hit = one(found(pid, K.DEATH, effective_on=died, applied_on=applied, today=max(TODAY, applied)),
              "death.deadline_working_days")
    assert hit.article == load_profile(pid).rule("death.deadline_working_days").article
    assert hit.severity is (Severity.WARN if offset == 1 else Severity.INFO)
    if offset == 1:
        assert "已逾期 1 个工作日" in hit.message


@pytest.mark.parametrize("pid", ALL)
def test_death_is_shown_as_irreversible_before_confirming(pid):
    hit = one(found(pid, K.DEATH), "death.irreversible")
    assert hit.severity is Severity.INFO and IRREVERSIBLE in hit.message
    papers = one(found(pid, K.DEATH, evidence_seen=frozenset()), "death.evidence")
    as_profile(papers, pid, "death.evidence")
    assert one(found(pid, K.DEATH, effective_on=None), "death.effective_on").severity is Severity.BLOCK


@pytest.mark.parametrize("pid, office", [("heilongjiang", "主管教育行政部门"), ("anyang_beiguan", "主管教育行政部门"),
                                         ("changzhi", "市级教育行政部门")])
def test_missing_is_reported_and_keeps_the_status(pid, office):
    findings = found(pid, K.MISSING)
    assert office in one(findings, "missing.report_to").message
    assert all(f.severity is Severity.INFO for f in findings)
    assert one(findings, "missing.keeps_status").article == load_profile(pid).rule("missing.keeps_status").article
    assert bool(of(findings, "missing.non_custodial_stay")) == (pid == "changzhi")


# ───────────────────────────── 借读 ─────────────────────────────

@pytest.mark.parametrize("pid", ALL)
def test_borrowed_study_offered_exactly_where_allowed(pid):
    p = load_profile(pid)
    assert bool(p.value("workflows.borrowed_study")) == bool(p.applies("borrowed_study.allowed")
                                                             and p.value("borrowed_study.allowed"))


def test_borrowed_study_forbidden_but_offered_is_refused_with_the_reason(tmp_path):
    assert facts_findings(facts("heilongjiang", K.BORROWED_STUDY)) == []  # not offered: status_change.offered says why
    shutil.copy(paths.PROFILES_DIR / "national.toml", tmp_path / "national.toml")
    (tmp_path / "testland.toml").write_text(
        '[meta]\nid = "testland"\nname = "测试地区"\ndocument = "《测试规定》"\nfull_title = "测试规定"\n'
        'extends = "national"\nformat = 1\n\n'
        '[borrowed_study.allowed]\nvalue = false\narticle = "《测试规定》第九条"\nforce = "block"\n'
        'quote = "学校不得接收借读学生"\n\n'
        '[workflows.borrowed_study]\nvalue = true\narticle = "《测试规定》第一条"\nforce = "info"\n', encoding="utf-8")
    p = load_profile("testland", directory=tmp_path)
    f = dataclasses.replace(facts("national", K.BORROWED_STUDY), profile=p)
    hit = one(facts_findings(f), "borrowed_study.allowed")
    assert hit.severity is Severity.BLOCK and hit.message == "借读：学校不得接收借读学生" and hit.article == "《测试规定》第九条"
    assert [x.rule for x in facts_findings(f)] == ["borrowed_study.allowed"]


def test_changzhi_borrowed_study_rules():
    assert one(found("changzhi", K.BORROWED_STUDY, ground_id="tourism"), "borrowed_study.grounds").severity \
        is Severity.BLOCK
    same = one(found("changzhi", K.BORROWED_STUDY, return_grade=5), "borrowed_study.same_grade")
    as_profile(same, "changzhi", "borrowed_study.same_grade")
    full = one(found("changzhi", K.BORROWED_STUDY, declared={"class_over_limit": True}),
               "borrowed_study.class_size_limit")
    assert full.severity is Severity.BLOCK and "50 人" in full.message
    assert not of(found("changzhi", K.BORROWED_STUDY), "borrowed_study.class_size_limit")
    note = one(found("changzhi", K.BORROWED_STUDY), "contradictions.class_size_citation")
    assert note.severity is Severity.INFO and "第十三条" in note.message and "小学 50 人" in note.message
    assert "初中 55 人" in one(found("changzhi", K.BORROWED_STUDY, grade=8), "contradictions.class_size_citation").message
    assert one(found("changzhi", K.BORROWED_STUDY), "borrowed_study.status_stays_home").severity is Severity.INFO
    papers = one(found("changzhi", K.BORROWED_STUDY, evidence_seen=frozenset()), "borrowed_study.evidence")
    as_profile(papers, "changzhi", "borrowed_study.evidence")


# ───────────────────────────── 关键信息变更 ─────────────────────────────

def _id(birth: D, seq=447, region="230102") -> str:
    return ids.make_id_number(region, birth, seq)


@pytest.mark.parametrize("pid", ALL)
def test_routine_fields_are_changed_directly_not_here(pid):
    p = load_profile(pid)
    key = keys_of(p, "info_change.routine_fields")[0]
    hit = one(found(pid, K.KEY_INFO_CHANGE, changes={key: "13800001111" if key == "phone" else "x"}),
              "info_change.routine_fields")
    assert hit.severity is Severity.BLOCK and "直接修改即可" in hit.message and hit.field == f"changes.{key}"
    assert hit.article == p.rule("info_change.routine_fields").article


@pytest.mark.parametrize("pid", ALL)
def test_key_change_papers(pid):
    hit = one(found(pid, K.KEY_INFO_CHANGE, evidence_seen=frozenset()), "info_change.key_change_evidence")
    as_profile(hit, pid, "info_change.key_change_evidence")


def test_anyang_needs_one_of_its_three_papers():
    assert evidence_needed(facts("anyang_beiguan", K.KEY_INFO_CHANGE)) == [
        "《居民户口簿》、身份证或公安户籍部门规范的有效证明（三者之一）"]


@pytest.mark.parametrize("pid", ALL)
def test_a_birth_date_change(pid):
    """黑龙江第四十条 locks it; elsewhere it changes with the ID number, never against it."""
    new_birth = D(2016, 5, 1)
    alone = found(pid, K.KEY_INFO_CHANGE, changes={"birth_date": new_birth.isoformat()})
    both = found(pid, K.KEY_INFO_CHANGE, changes={"birth_date": new_birth.isoformat(), "id_number": _id(new_birth)})
    if load_profile(pid).applies("info_change.birth_date_locked"):
        hit = one(alone, "info_change.birth_date_locked")
        assert hit.field == "changes.birth_date"
        as_profile(hit, pid, "info_change.birth_date_locked")
        assert of(both, "info_change.birth_date_locked")
    else:
        assert one(alone, "id.birth_mismatch").severity is Severity.BLOCK
        assert stopping(both) == []


@pytest.mark.parametrize("pid", ALL)
def test_a_new_id_number_must_be_valid_consistent_and_free(pid):
    bad = ID[:17] + ("0" if ID[17] != "0" else "1")
    assert any(f.field == "changes.id_number" and "校验位" in f.message
               for f in found(pid, K.KEY_INFO_CHANGE, changes={"id_number": bad}))
    other_sex = _id(BIRTH, 448)
    assert one(found(pid, K.KEY_INFO_CHANGE, changes={"id_number": other_sex}), "id.sex_mismatch")
    fixed = _id(BIRTH, 449, "230103")
    clean = found(pid, K.KEY_INFO_CHANGE, changes={"id_number": fixed})
    assert stopping(clean) == []
    lifelong = one(clean, "student_number.lifelong")
    assert lifelong.severity is Severity.INFO and "终身不变" in lifelong.message
    taken = one(found(pid, K.KEY_INFO_CHANGE, changes={"id_number": fixed}, id_holder="李四（G123）"),
                "info_change.id_taken")
    assert taken.severity is Severity.BLOCK and "李四" in taken.message


def test_each_new_value_is_validated_and_something_must_change():
    hit = next(f for f in found("yingkou", K.KEY_INFO_CHANGE, changes={"name": "Zhang3"}) if f.field == "changes.name")
    assert hit.severity is Severity.BLOCK and "姓名" in hit.message
    same = one(found("yingkou", K.KEY_INFO_CHANGE, changes={"name": "张三"}), "info_change.changes")
    assert "没有任何修改" in same.message
    assert one(found("yingkou", K.KEY_INFO_CHANGE, changes={}), "info_change.changes").severity is Severity.BLOCK
    ethnic = found("yingkou", K.KEY_INFO_CHANGE, changes={"ethnicity": "回族"})
    assert stopping(ethnic) == [] and "民族" in one(ethnic, "info_change.key_fields").message

