"""Every block names the article it rests on, and no citation is composed into doubled brackets
(“第十三条（二））”, “（（”): over every region, every change kind from every status, every transfer
refusal in both directions, and every article, quote and note of the profiles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_change import CHANGES, ChangeDraft
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.region_profiles.profiles import available_profiles, load_profile
from xueji_desktop.core.rules.findings import Severity, cite, paren
from xueji_desktop.core.school.school import SchoolKind, SchoolSystem
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_refusals import HIGH_ONLY_IDS
from xueji_desktop.core.transfers.transfer_rules import TransferFacts, allowed_reasons, refusals, transfer_findings
from xueji_desktop.store.models import Student

PROFILES = [pid for pid, _ in available_profiles()]
DOUBLED = re.compile(r"[（(][（(]|[）)][）)]")
SNAKE_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # a profile id (reason, refusal, ground, kind …)
TODAY = dt.date(2026, 9, 15)


def doubled(text: str) -> list[str]:
    return DOUBLED.findall(text)


def test_every_region_is_walked():
    assert {"national", "yingkou", "liangshan", "heilongjiang", "anyang_beiguan", "changzhi"} <= set(PROFILES)


@pytest.mark.parametrize("text, article, shown", [
    ("请确认：受处分期间", "《长治市实施细则》第二十条", "请确认：受处分期间（《长治市实施细则》第二十条）"),
    ("班额已满", "《营口市规定》三(二)", "班额已满〔《营口市规定》三(二)〕"),
    ("请确认：利用转学变相择校", "《黑龙江省实施细则》第二十四条（三）1",
     "请确认：利用转学变相择校〔《黑龙江省实施细则》第二十四条（三）1〕"),
    ("没有条文", "", "没有条文"),
])
def test_a_citation_never_nests_round_brackets_in_round_brackets(text, article, shown):
    assert cite(text, article) == shown
    assert paren("") == "" and paren("（一）") == "〔（一）〕"


@pytest.mark.parametrize("pid", PROFILES)
def test_every_article_quote_and_note_of_the_profile_cites_without_doubled_brackets(pid):
    p = load_profile(pid)
    for rule in p.rules():
        for shown in (cite(rule.note or rule.quote or "说明", rule.article), "说明" + paren(rule.note or ""),
                      "说明" + paren(rule.quote or "")):
            assert not doubled(shown), (rule.key, shown)
        items = rule.value if isinstance(rule.value, list) else []
        for item in items:
            if isinstance(item, dict):
                for k in ("label", "note", "quote"):
                    if item.get(k):
                        assert not doubled(cite("说明" + paren(item[k]), item.get("article") or rule.article)), \
                            (rule.key, item)


# ── transfers: every refusal, asked or holding, both directions ──

def _facts(pid: str, **changes) -> TransferFacts:
    p = load_profile(pid)
    reason = allowed_reasons(p)[0]["id"]
    base = TransferFacts(
        profile=p, system=SchoolSystem.SIX_THREE, school_kind=SchoolKind.NINE_YEAR, today=TODAY, direction="in",
        grade_from=9, grade_to=8, reason_id=reason, evidence_seen=frozenset(), pupil_status=None,
        same_county=None, school_area="230102", other_area="", school_pupils=3000, class_occupied=60,
        class_capacity=45, grade_classes_full=True, private_school=True, class_name="八年级(1)班",
        declared={}, exam_period=True, filed_on=None, other_school_agreed=None)
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("pid", PROFILES)
@pytest.mark.parametrize("direction", ["in", "out"])
@pytest.mark.parametrize("answers", ["unanswered", "yes"])
def test_every_transfer_block_cites_its_article(pid, direction, answers):
    p = load_profile(pid)
    declared = {} if answers == "unanswered" else {r.id: True for r in refusals(p)}
    for reason in [r["id"] for r in allowed_reasons(p)] + ["not_a_listed_reason", None]:
        for punished in (None, True):
            found = transfer_findings(_facts(pid, direction=direction, declared=declared, reason_id=reason,
                                             punished=punished, pupil_status=None if direction == "in" else "suspended"))
            for f in found:
                if f.severity is Severity.BLOCK:
                    assert f.article.strip(), (pid, f.rule, f.message)
                assert not doubled(f.text), f.text
                assert not SNAKE_ID.search(f.text), f.text
    held = {f.rule for f in transfer_findings(_facts(pid, direction=direction, declared=declared))}
    compulsory = {r.key for r in refusals(p) if r.force == "block" and r.id not in HIGH_ONLY_IDS}  # grade 4 here
    assert compulsory - held == set() or answers == "unanswered" or direction == "out"


# ── status changes: every kind, from every status, on a real school ──

@pytest.fixture(params=PROFILES)
def school(request, tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", profile_id=request.param, today=TODAY)
    ws.pupil, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=3, new=False, birth=dt.date(2018, 3, 7)))
    yield ws
    ws.close()


def test_every_status_change_block_cites_its_article(school):
    ws, pupil = school, school.pupil
    seen_offered = seen_status = 0
    for status in Status:
        Student.update(status=status.value).where(Student.id == pupil.id).execute()
        for kind in CHANGES:
            for draft in (ChangeDraft(kind=kind, student_id=pupil.id),
                          ChangeDraft(kind=kind, student_id=pupil.id, ground_id="not_a_listed_ground",
                                      applied_on=TODAY + dt.timedelta(days=3), effective_on=TODAY + dt.timedelta(days=9),
                                      until=TODAY - dt.timedelta(days=30), return_grade=1,
                                      changes={"name": "王小明"}, details={"class_id": "9999"},
                                      declared={})):
                found = status_change.check(ws, draft)
                for f in found:
                    if f.severity is Severity.BLOCK:
                        assert f.article.strip(), (ws.profile.id, status, kind, f.rule, f.message)
                    assert not doubled(f.text), f.text
                    assert not SNAKE_ID.search(f.text), f.text
                seen_offered += any(f.rule == "change.kind" for f in found)
                seen_status += any(f.rule == "change.student" for f in found)
    assert seen_status  # the status machine was exercised in every region
    if ws.profile.id == "national":
        assert seen_offered  # and the region's list of businesses


@pytest.mark.parametrize("pid", PROFILES)
def test_a_business_the_region_does_not_provide_says_which_text(tmp_path, pid):
    ws = make_school(tmp_path / "s.sqlite3", profile_id=pid, today=TODAY)
    p = ws.profile
    for kind, spec in CHANGES.items():
        refused = status_change.offered(ws, kind)
        if p.value(f"workflows.{spec.workflow}"):
            assert refused is None
            continue
        assert refused.severity is Severity.BLOCK and "本地区未设此项业务" in refused.message
        rule = p.rule(f"workflows.{spec.workflow}")
        assert refused.article == rule.article or (not rule.article and p.document in refused.article
                                                   and "未设此项业务" in refused.article)
    ws.close()


@pytest.mark.parametrize("pid", PROFILES)
def test_a_deceased_pupil_is_final_citing_the_text_that_cancels_the_record(tmp_path, pid):
    ws = make_school(tmp_path / "s.sqlite3", profile_id=pid, today=TODAY)
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=3, new=False, birth=dt.date(2018, 3, 7)))
    Student.update(status=Status.DECEASED.value).where(Student.id == pupil.id).execute()
    rule = ws.profile.rule("death.irreversible")
    assert rule.applies and rule.force == "block" and rule.article
    for kind in CHANGES:
        problem = status_change.status_problem(Student.get_by_id(pupil.id), kind)  # as the menus ask it
        assert problem.message == "王小明 已注销学籍（死亡），记录不能再作任何变更"
        assert problem.article == rule.article
    out = TransferDraft(direction="out", student_id=pupil.id, other_school=OtherSchool("北京市东城区史家小学", "110101"),
                        grade_to=3)
    stops = [f for f in transfer.check(ws, out) if f.rule == "transfer.student"]
    assert stops and all(f.article for f in stops)
    ws.close()


def test_the_texts_that_make_a_death_final():
    expected = {"liangshan": "《凉山州规定》二(五)", "yingkou": "《营口市规定》四(三)2",
                "heilongjiang": "《黑龙江省实施细则》第四十二条", "anyang_beiguan": "《安阳市北关区办法》第十五条",
                "changzhi": "《长治市实施细则》第三十二条"}
    for pid, article in expected.items():
        assert load_profile(pid).rule("death.irreversible").article == article
    assert "不可恢复" in load_profile("liangshan").rule("death.irreversible").quote
    assert "注销其学籍" in load_profile("changzhi").rule("death.irreversible").quote
