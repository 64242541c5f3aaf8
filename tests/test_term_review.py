"""The term review (每学期复核) on a real school database: the checklist over every pupil on roll, the
record of the review done (one transaction with its event), and the printed 学籍每学期复核表."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from tests.conftest import make_school
from tests.test_status_change_workflow import draft
from tests.test_todo import enrol
from xueji_desktop.core.casework import attachments
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.forms.term_review_form import render_term_review
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school_year import term_review
from xueji_desktop.store.models import Event, Guardian, Student, TermReview

D = dt.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def cz(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=D(2026, 9, 10))
    yield ws
    ws.close()


def school_with_problems(ws, tmp_path):
    ok = enrol(ws, "李子树", seq=451)
    temporary = enrol(ws, "张三", seq=453, verified=False)
    lacking = enrol(ws, "张思远", seq=455)
    Student.update(postcode="").where(Student.id == lacking.id).execute()
    Guardian.update(phone="").where(Guardian.student == lacking.id).execute()
    sick = enrol(ws, "曾小明", seq=457)
    ground = ws.profile.value("suspension.grounds")[0]["id"]
    case, _ = status_change.open_change(ws, draft(ws, CaseKind.SUSPENSION, sick, ground_id=ground,
                                                  effective_on=ws.today(), until=D(2027, 7, 10)))
    return ok, temporary, lacking, sick, case


def test_checklist_names_each_problem_pupil_by_pupil(cz, tmp_path):
    ok, temporary, lacking, _, case = school_with_problems(cz, tmp_path)
    c = term_review.checklist(cz)
    assert c.term.label == "2026—2027学年上学期" and c.pupils == 4 and c.done is None
    assert c.rule.article == "《长治市实施细则》第四十三条"
    assert c.counts() == {"missing_fields": 1, "temporary_number": 1, "open_case": 1, "missing_evidence": 1}
    assert c.pupils_with_problems == 3
    (missing,) = c.of_kind("missing_fields")
    assert missing.student_id == lacking.id and missing.text == "缺少：邮政编码、家庭成员张建国的联系电话"
    (temp,) = c.of_kind("temporary_number")
    assert temp.student_id == temporary.id and temp.student_number.startswith("L")
    (open_case,) = c.of_kind("open_case")
    assert open_case.case_id == case.id and f"休学申请 {case.number} 办理中，待" in open_case.text
    (evidence,) = c.of_kind("missing_evidence")
    assert evidence.case_id == case.id and evidence.text.startswith(f"休学申请 {case.number}：未附证明材料扫描件（应有：")
    assert ok.id not in {p.student_id for p in c.problems}

    # a scan for every paper the regulation lists: the case is no longer short of evidence
    scan = tmp_path / "scan.png"
    scan.write_bytes(PNG)
    for paper in term_review.evidence_needed(cz, case):
        attachments.add_attachment(cz, case, paper, scan)
    assert term_review.checklist(cz).counts()["missing_evidence"] == 0


def test_partial_evidence_names_what_is_missing(cz, tmp_path):
    *_, case = school_with_problems(cz, tmp_path)
    needed = term_review.evidence_needed(cz, case)
    assert len(needed) >= 2
    scan = tmp_path / "scan.png"
    scan.write_bytes(PNG)
    attachments.add_attachment(cz, case, needed[0], scan)
    (evidence,) = term_review.checklist(cz).of_kind("missing_evidence")
    assert evidence.text.endswith("缺少扫描件：" + "、".join(needed[1:]))


def test_marking_the_review_done_writes_the_row_and_its_event_once(cz, tmp_path):
    school_with_problems(cz, tmp_path)
    review, changes = term_review.mark_done(cz, "临时学籍号已报公安核验")
    assert (review.school_year, review.term, review.done_on) == (2026, "上学期", D(2026, 9, 10))
    assert review.done_by.username == "registrar" and review.pupils == 4
    assert term_review.counts_of(review) == {"missing_fields": 1, "temporary_number": 1, "open_case": 1,
                                             "missing_evidence": 1}
    event = Event.get(Event.kind == "term_review_done")
    assert event.batch_no is None and event.summary.startswith("每学期复核：2026—2027学年上学期，在籍 4 人")
    assert json.loads(event.articles) == ["《长治市实施细则》第四十三条"]
    assert json.loads(event.payload)["note"] == "临时学籍号已报公安核验"
    assert [e.kind for e in changes.events] == ["term_review_done"]
    assert term_review.checklist(cz).done.id == review.id
    with pytest.raises(RuleViolation) as refused:
        term_review.mark_done(cz)
    assert "已于 2026-09-10 记录完成" in refused.value.findings[0].message
    assert TermReview.select().count() == 1 and Event.select().where(Event.kind == "term_review_done").count() == 1


def test_the_printed_review_sheet(cz, tmp_path):
    school_with_problems(cz, tmp_path)
    path = render_term_review(cz, tmp_path / "review.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    for expected in ("学籍每学期复核表", cz.school.name, cz.school.code, "2026—2027学年上学期",
                     "复核日期：2026年9月10日", "《长治市实施细则》第四十三条", "在籍学生", "4 人",
                     "信息不全", "临时学籍号", "申请未办结", "缺证明材料", "张思远", "张三", "曾小明",
                     "邮政编码", "复核意见", "学籍管理员（签字）", "校长（签字）", "学校（盖章）", "年", "月", "日"):
        assert expected in text, expected
    assert "李子树" not in text  # nothing wrong with this pupil


def test_a_clean_school_prints_that_nothing_was_found(tmp_path):
    ws = make_school(tmp_path / "ls.sqlite3", profile_id="liangshan", today=D(2026, 9, 10))
    enrol(ws, "李子树", seq=451)
    c = term_review.checklist(ws)
    assert c.problems == [] and c.rule.article == "《凉山州规定》八(一)"
    path = render_term_review(ws, tmp_path / "clean.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "未发现" in text and "问题清单" not in text
    ws.close()


def test_term_under_review_in_the_holidays_is_the_term_just_ended():
    from xueji_desktop.core.region_profiles.profiles import load_profile

    p = load_profile("changzhi")
    assert term_review.term_under_review(p, D(2027, 2, 5)).label == "2026—2027学年上学期"
    assert term_review.term_under_review(p, D(2027, 8, 1)).label == "2026—2027学年下学期"
    assert term_review.term_under_review(p, D(2026, 10, 8)).label == "2026—2027学年上学期"


def test_the_family_alone_makes_a_record_incomplete(cz):
    """A pupil whose own fields are complete is still found when no family member is named, or a named one
    lacks a required field; a member with no name at all does not count as named."""
    ok = enrol(cz, "李子树", seq=451)
    no_family = enrol(cz, "王小丽", seq=452)
    unnamed = enrol(cz, "赵小川", seq=454)
    broken = enrol(cz, "钱小芳", seq=456)
    Guardian.delete().where(Guardian.student == no_family.id).execute()
    Guardian.update(name="").where(Guardian.student == unnamed.id).execute()
    Guardian.update(phone="").where(Guardian.student == broken.id).execute()
    found = {sid: lacking for sid, (_, lacking) in term_review.incomplete_records().items()}
    assert ok.id not in found
    assert set(found) == {no_family.id, unnamed.id, broken.id}
    assert found[broken.id] == ["家庭成员张建国的联系电话"]
    assert all(any("家庭成员" in f for f in found[s]) for s in (no_family.id, unnamed.id))
