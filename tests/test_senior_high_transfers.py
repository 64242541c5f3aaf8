"""高中 transfers: 长治 第十八条 (the city bureau approves; the 学业水平考试 certificate), 第二十条 (the refusals,
each blocking), 凉山 二(一)6(2)(3) (示范高中 and 高中三年级 in principle not: warnings)."""

import datetime as dt

import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import StepDecision
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_rules import allowed_reasons, evidence_for
from xueji_desktop.store.models import Case, School, Student

TODAY = dt.date(2026, 8, 24)  # the summer holidays: no 学期中 warning
LEVEL_EXAM_PAPER = "省级学业水平考试证明（已在当地参加普通高中学业水平考试的）"
TAIYUAN = OtherSchool("太原市第十二中学校", "140105", "0351-4042688")  # another city of 山西


def _school(tmp_path, profile_id, key=False, private=False):
    ws = make_school(tmp_path / f"{profile_id}.sqlite3", profile_id=profile_id, kind=SchoolKind.COMPLETE, today=TODAY)
    School.update(key_high_school=key, private=private, area_code="140403").execute()  # 长治市潞州区
    ws.forget_school()
    return ws


@pytest.fixture
def changzhi(tmp_path):
    ws = _school(tmp_path, "changzhi")
    yield ws
    ws.close()


def incoming(ws, grade=11, other=TAIYUAN, **declared) -> TransferDraft:
    pupil = pupil_draft(name="赵思远", seq=611, birth=dt.date(2010, 4, 2), grade=grade, new=False, region="140105")
    reason = allowed_reasons(ws.profile)[0]["id"]
    draft = TransferDraft(direction="in", pupil=pupil, incoming_number="G" + pupil.student["id_number"],
                          other_school=other, grade_from=grade, grade_to=grade, reason_id=reason,
                          evidence_seen=evidence_for(ws.profile, reason), applied_on=TODAY, other_school_agreed=True)
    draft.declared = {q.id: False for q in transfer.questions(ws, draft)}
    draft.declared.update(declared)
    return draft


def _blocks(ws, draft):
    return [f for f in transfer.check(ws, draft) if f.severity is Severity.BLOCK]


def test_a_high_transfer_in_asks_what_no_record_here_shows(changzhi):
    asked = {q.id for q in transfer.questions(changzhi, incoming(changzhi))}
    # 公办 and not 示范: whether the sender was 民办 or a 中职 school, and the 学业水平考试; another city: not asked
    assert asked >= {"private_to_public_high", "from_vocational", "level_exam_sat"}
    assert not asked & {"ordinary_to_key_high", "within_city_high"}
    within = incoming(changzhi, other=OtherSchool("长治市第二中学校", "140404"))
    assert "within_city_high" in {q.id for q in transfer.questions(changzhi, within)}
    compulsory = {q.id for q in transfer.questions(changzhi, incoming(changzhi, grade=8))}
    assert not compulsory & {"private_to_public_high", "from_vocational", "level_exam_sat", "within_city_high"}


@pytest.mark.parametrize("refusal, quote", [
    ("private_to_public_high", "民办高中不能转入公办高中"),
    ("from_vocational", "普通高中不得接收中等职业教育学校"),
])
def test_each_changzhi_high_refusal_blocks_with_article_20(changzhi, refusal, quote):
    draft = incoming(changzhi, **{refusal: True})
    found = [f for f in _blocks(changzhi, draft) if f.rule == f"transfer.refusals.{refusal}"]
    assert len(found) == 1 and found[0].article == "《长治市实施细则》第二十条"
    assert "不能办理转学" in found[0].message
    with pytest.raises(RuleViolation):
        transfer.open_transfer(changzhi, draft)
    assert Case.select().count() == 0


def test_within_the_same_city_area_is_refused(changzhi):
    draft = incoming(changzhi, other=OtherSchool("长治市第二中学校", "140404"), within_city_high=True)
    assert [f.rule for f in _blocks(changzhi, draft)] == ["transfer.refusals.within_city_high"]


def test_a_key_school_asks_whether_the_sender_is_an_ordinary_high_school(tmp_path):
    for profile_id, severity, article in (("changzhi", Severity.BLOCK, "《长治市实施细则》第二十条"),
                                          ("liangshan", Severity.WARN, "《凉山州规定》二(一)6(2)")):
        ws = _school(tmp_path, profile_id, key=True)
        draft = incoming(ws)
        assert "ordinary_to_key_high" in {q.id for q in transfer.questions(ws, draft)}
        draft.declared["ordinary_to_key_high"] = True
        [found] = [f for f in transfer.check(ws, draft) if f.rule == "transfer.refusals.ordinary_to_key_high"]
        assert (found.severity, found.article) == (severity, article)
        ws.close()


def test_gao_san_is_a_graduating_grade(tmp_path):
    for profile_id, severity in (("changzhi", Severity.BLOCK), ("liangshan", Severity.WARN)):
        ws = _school(tmp_path, profile_id)
        found = [f for f in transfer.check(ws, incoming(ws, grade=12)) if f.rule == "transfer.refusals.graduating_grade"]
        assert [f.severity for f in found] == [severity] and "高三年级是高中毕业年级" in found[0].message
        assert not [f for f in transfer.check(ws, incoming(ws, grade=11))
                    if f.rule == "transfer.refusals.graduating_grade"]
        ws.close()


def test_the_level_exam_certificate_is_needed_only_from_a_pupil_who_sat_it(changzhi):
    unanswered = incoming(changzhi)
    del unanswered.declared["level_exam_sat"]
    [ask] = [f for f in _blocks(changzhi, unanswered) if f.rule == "transfer.high_evidence"]
    assert ask.article == "《长治市实施细则》第十八条" and "学业水平考试" in ask.message
    sat = incoming(changzhi, level_exam_sat=True)
    [missing] = [f for f in _blocks(changzhi, sat) if f.rule == "transfer.evidence"]
    assert LEVEL_EXAM_PAPER in missing.message
    sat.evidence_seen = [*sat.evidence_seen, LEVEL_EXAM_PAPER]
    assert not _blocks(changzhi, sat)
    assert LEVEL_EXAM_PAPER in evidence_for(changzhi.profile, sat.reason_id, 11)
    assert LEVEL_EXAM_PAPER not in evidence_for(changzhi.profile, sat.reason_id, 8)


def test_the_city_bureau_approves_a_high_transfer_last(changzhi):
    case, _ = transfer.open_transfer(changzhi, incoming(changzhi))
    assert [s.party for s in cases.steps(case)] == ["receiving_school", "sending_school", "sending_bureau",
                                                   "city_bureau"]
    for step in cases.steps(case)[:-1]:
        transfer.record_step(changzhi, case.id, StepDecision(step.party, TODAY, "经办人", "approved"))
    assert not Student.select().where(Student.name == "赵思远").exists()
    transfer.record_step(changzhi, case.id, StepDecision("city_bureau", TODAY, "市教育局 周海燕", "approved"))
    pupil = Student.get(Student.name == "赵思远")
    assert (pupil.grade, pupil.school_class.name, pupil.status) == (11, "高二(1)班", "enrolled")
    junior, _ = transfer.open_transfer(changzhi, _junior(changzhi))
    assert [s.party for s in cases.steps(junior)] == changzhi.profile.value("transfer.approval_chain")


def _junior(ws) -> TransferDraft:
    draft = incoming(ws, grade=8)
    draft.pupil = pupil_draft(name="钱小军", seq=613, birth=dt.date(2013, 4, 2), grade=8, new=False, region="140105")
    draft.incoming_number = "G" + draft.pupil.student["id_number"]
    return draft


def test_a_senior_may_go_to_a_vocational_school_within_the_city(changzhi):
    pupil, _ = enrolment.enrol(changzhi, pupil_draft(name="孙高二", seq=641, birth=dt.date(2010, 4, 2), grade=11,
                                                     new=False, region="140403"))
    out = TransferDraft(direction="out", student_id=pupil.id, grade_from=11, grade_to=11, reason_id="to_vocational",
                        other_school=OtherSchool("长治市职业技术学校", "140404"), applied_on=TODAY,
                        other_school_agreed=True)
    out.evidence_seen = evidence_for(changzhi.profile, "to_vocational", 11)
    out.declared = {q.id: False for q in transfer.questions(changzhi, out)}
    assert not {"within_city_high", "ordinary_to_key_high", "private_to_public_high"} & set(out.declared)
    assert not _blocks(changzhi, out)
    far = TransferDraft(**{**out.__dict__, "other_school": OtherSchool("太原市财贸职业学校", "140105")})
    [f] = [f for f in _blocks(changzhi, far) if f.rule == "transfer.reasons"]
    assert "两校不在同一个市" in f.message
    junior = incoming(changzhi, grade=8)
    junior.reason_id = "to_vocational"
    assert any("只适用于普通高中学生" in f.message for f in _blocks(changzhi, junior))
