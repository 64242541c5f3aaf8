"""A 高中 pupil's 退学 in 长治: the grounds of 第二十九条 with their papers, the school's and the city bureau's
approval (第三十条、第三条), and 自动退学 (第三十一条) from the attendance register or a suspension run out,
with the county and city bureaus approving."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school
from tests.test_status_change_workflow import approve_all, draft, move_to, suspend
from tests.test_todo import enrol
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind as K
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_leaving import withdrawal_grounds
from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays, save_absences
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.store.models import Event, Student

START = dt.date(2026, 9, 1)
CZ31 = "《长治市实施细则》第三十一条"


@pytest.fixture
def cz(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE, today=START)
    ws.login("registrar", PASSWORD)
    ws.junior = enrol(ws, "李初二", grade=8, seq=421)
    ws.senior = enrol(ws, "王高二", grade=11, seq=423)
    yield ws
    ws.close()


def _blocks(ws, d):
    return [f for f in status_change.check(ws, d) if f.severity is Severity.BLOCK]


def _absent(ws, student, first: dt.date, last: dt.date) -> int:
    days = SchoolDays.for_workspace(ws).between(first, last)
    save_absences(ws, student.school_class_id, {(student.id, d): Kind.UNEXCUSED for d in days})
    return len(days)


def test_grounds_by_stage(cz):
    assert [g["id"] for g in withdrawal_grounds(cz.profile, 11)] == [
        "incurable_illness", "accident_disability", "emigration", "judicial", "auto_absence", "admission_fraud",
        "auto_suspension_expired"]
    assert [g["id"] for g in withdrawal_grounds(cz.profile, 8)] == ["loss_of_ability", "emigration"]


def test_a_senior_leaves_on_a_ground_of_article_29_with_the_city_bureaus_approval(cz):
    move_to(cz, dt.date(2026, 10, 20))
    d = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="judicial", effective_on=cz.today())
    assert not _blocks(cz, d)
    case, _ = status_change.open_change(cz, d)
    assert [s.party for s in cases.steps(case)] == ["school", "city_bureau"]
    approve_all(cz, case)
    assert Student.get_by_id(cz.senior.id).status == "withdrawn"


def test_automatic_withdrawal_needs_the_absence_the_article_names(cz):
    move_to(cz, dt.date(2026, 11, 27))
    days = _absent(cz, cz.senior, dt.date(2026, 9, 21), dt.date(2026, 11, 13))  # under 8 weeks of school days
    assert days <= 40
    d = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="auto_absence", effective_on=cz.today())
    d.declared["contact_failed"] = True
    [f] = [f for f in _blocks(cz, d) if f.rule == "withdrawal.high_auto"]
    assert f.article == CZ31 and f"连续最长{days} 个上课日" in f.message and "连续超过 8 周（40 个上课日）" in f.message
    _absent(cz, cz.senior, dt.date(2026, 11, 16), dt.date(2026, 11, 27))  # the run goes on past 40
    assert not _blocks(cz, d)
    d.declared["contact_failed"] = False
    [f] = [f for f in _blocks(cz, d) if f.rule == "withdrawal.high_auto"]
    assert "请确认：其间学校已与家长多次联系、帮助教育，仍无效" in f.message
    d.declared["contact_failed"] = True
    case, _ = status_change.open_change(cz, d)
    assert [s.party for s in cases.steps(case)] == ["school", "bureau", "city_bureau"]
    approve_all(cz, case)
    assert Student.get_by_id(cz.senior.id).status == "withdrawn"


def test_automatic_withdrawal_after_a_suspension_run_out(cz):
    move_to(cz, dt.date(2026, 9, 10))
    suspend(cz, cz.senior, dt.date(2026, 9, 10), dt.date(2026, 11, 30))
    assert Student.get_by_id(cz.senior.id).status == "suspended"
    move_to(cz, dt.date(2026, 11, 20))
    early = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="auto_suspension_expired", effective_on=cz.today())
    early.declared["contact_failed"] = True
    assert any("休学尚未期满" in f.message for f in _blocks(cz, early))
    other = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="judicial", effective_on=cz.today())
    assert any("现为“休学”，须先办理复学" in f.message for f in _blocks(cz, other))
    move_to(cz, dt.date(2026, 12, 7))
    due = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="auto_suspension_expired", effective_on=cz.today())
    due.declared["contact_failed"] = True
    assert not _blocks(cz, due)
    case, _ = status_change.open_change(cz, due)
    approve_all(cz, case)
    assert Student.get_by_id(cz.senior.id).status == "withdrawn"


def test_a_junior_cannot_use_the_senior_grounds(cz):
    d = draft(cz, K.WITHDRAWAL, cz.junior, ground_id="auto_absence", effective_on=cz.today())
    with pytest.raises(RuleViolation):
        status_change.open_change(cz, d)


def test_the_withdrawal_form_of_a_senior_has_the_city_bureaus_box(cz, tmp_path):
    import pypdf

    from xueji_desktop.core.forms.printing import print_status_form

    move_to(cz, dt.date(2026, 11, 27))
    _absent(cz, cz.senior, dt.date(2026, 9, 14), dt.date(2026, 11, 27))
    d = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="auto_absence", effective_on=cz.today())
    d.declared["contact_failed"] = True
    case, _ = status_change.open_change(cz, d)
    approve_all(cz, case)
    out = print_status_form(cz, "cz_withdrawal", case, tmp_path / "withdrawal.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages).replace("\n", "").replace(" ", "")
    assert "☑自动退学：一学期内连续无故旷课超过8周" in text
    assert "县级教育行政部门意见（自动退学填写）" in text and "市教育行政部门意见（普通高中学籍主管部门）" in text
    assert "经办人3" in text  # the city bureau's decision in its box
    assert "乡镇（街道）" not in text


def test_a_seniors_suspension_goes_to_the_city_bureau(cz, tmp_path):
    import pypdf

    from xueji_desktop.core.forms.printing import print_status_form

    move_to(cz, dt.date(2026, 9, 10))
    case = suspend(cz, cz.senior, dt.date(2026, 9, 10), dt.date(2026, 11, 30))
    assert [s.party for s in cases.steps(case)] == ["school", "city_bureau"]  # 第三条: 市教育局 for 普通高中
    junior = suspend(cz, cz.junior, dt.date(2026, 9, 10), dt.date(2026, 11, 30))
    assert [s.party for s in cases.steps(junior)] == cz.profile.value("suspension.approvers")
    out = print_status_form(cz, "cz_suspension_resumption", case, tmp_path / "suspension.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages).replace("\n", "").replace(" ", "")
    assert "学籍主管部门（市教育局）意见同意审批人：经办人2" in text


def test_an_admission_won_by_fraud_is_cancelled_with_the_city_bureaus_approval(cz):
    move_to(cz, dt.date(2026, 10, 20))
    d = draft(cz, K.WITHDRAWAL, cz.senior, ground_id="admission_fraud", effective_on=cz.today())
    assert d.evidence_seen == ["查实舞弊、弄虚作假的材料"]
    case, _ = status_change.open_change(cz, d)
    assert [s.party for s in cases.steps(case)] == ["school", "city_bureau"]
    approve_all(cz, case)
    assert Student.get_by_id(cz.senior.id).status == "withdrawn"
    summary = Event.select().where(Event.kind == "status_changed").order_by(Event.seq.desc()).get().summary
    assert "取消学籍：高一新生以舞弊、弄虚作假等不正当手段骗取入学资格" in summary
