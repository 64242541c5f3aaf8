"""Certificates of study on real school databases at a pinned date, region by region, each citing its article:
营口 四(三)3 (学历证明书, sealed by the school and the bureau), 黑龙江 第三十一条、第三十二条 (学历证明 for a lost or
damaged diploma, 学习经历证明 for a pupil who left), 长治 第三十八条 (学历证明 附件12, 原则上只能办理一次: a second one
needs a recorded reason) and 第六条（七）、第三十七条 (结业证书存根 附件11), and a silent region (凉山: neither).
Every certificate is written with its event and its 查询登记 row, printed as a PDF with its stub (text read with
pdftotext, fonts embedded), numbered per kind and year."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.certificates import issuing, stubs
from xueji_desktop.core.certificates.issuing import Request
from xueji_desktop.core.certificates.offers import CertKind, Ground, offer, stub_registers
from xueji_desktop.core.forms.registers_common import RegisterError
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.events import EventKind, changing
from xueji_desktop.store.models import AccessLog, AccessPupil, Certificate, Event, Graduate, Student

SET_UP = dt.date(2026, 9, 1)
TODAY = dt.datetime(2026, 11, 10, 10, 0)


def text_of(pdf: Path) -> str:
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)


def fonts_embedded(pdf: Path) -> bool:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(out) and all(line.split()[-5] == "yes" for line in out)


def graduate(ws, student: Student, outcome: str = "graduated", year: int = 2025, number: str = "210811202600123"):
    """What the year end leaves for a pupil who left by 毕业 or 结业 (written as the year end writes it)."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        Student.update(status=outcome).where(Student.id == student.id).execute()
        Graduate.create(student=student.id, school_year=year, outcome=outcome, left_on=dt.date(year + 1, 7, 10),
                        class_name="六年级(1)班", certificate_no=number)
        tx.record(EventKind.STUDENT_GRADUATED, "毕业", {"to": outcome}, student=Student.get_by_id(student.id))


def leave(ws, student: Student, status: str = "transferred_out", on: dt.date = dt.date(2026, 6, 20)):
    with changing(ws.db, ws.user, ws.now()) as tx:
        Student.update(status=status).where(Student.id == student.id).execute()
        tx.record(EventKind.STATUS_SEEDED, "离校", {"to": status}, student=Student.get_by_id(student.id), entered_on=on)


def school_of(tmp_path: Path, region: str):
    ws = make_school(tmp_path / f"{region}.sqlite3", region, today=SET_UP)
    ws.login("registrar", "secret-123")
    grad, _ = enrolment.enrol(ws, pupil_draft("李小红", dt.date(2014, 10, 4), 448, grade=6, new=False,
                                              entry_month="2020-09"))
    left, _ = enrolment.enrol(ws, pupil_draft("赵大山", dt.date(2015, 10, 1), 449, grade=5, new=False,
                                              entry_month="2021-09"))
    here, _ = enrolment.enrol(ws, pupil_draft("孙在校", dt.date(2015, 11, 1), 451, grade=5, new=False,
                                              entry_month="2021-09"))
    graduate(ws, grad)
    leave(ws, left)
    ws.test_clock.now = TODAY
    return ws, grad, left, here


def logged_prints(student_id: int) -> list[AccessLog]:
    return list(AccessLog.select().join(AccessPupil).where((AccessPupil.student == student_id)
                                                           & (AccessLog.action == "print")).order_by(AccessLog.id))


def counts():
    return (Certificate.select().count(), Event.select().where(Event.kind == "certificate_issued").count(),
            AccessLog.select().count())


# ── 营口 四(三)3 ───────────────────────────────────────────────────────────────────────────────────────
def test_yingkou_education_certificate_sealed_by_school_and_bureau(tmp_path):
    """《营口市规定》四(三)3: 学生毕业证书遗失的，不予补办，由毕业学校出具学历证明书并加盖学校公章，经主管教育行政部门盖章后生效."""
    ws, grad, left, _ = school_of(tmp_path, "yingkou")
    o = offer(ws.profile, CertKind.EDUCATION)
    assert (o.title, o.sealed_by, o.grounds) == ("学历证明书", ("school", "bureau"), (Ground.LOST,))
    pdf = tmp_path / "yk.pdf"
    issued = issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST), pdf)
    assert issued.number == "XLZM-2026-0001"
    row = Certificate.get(Certificate.number == "XLZM-2026-0001")
    assert (row.student_id, row.applicant, row.reason, row.issued_on) == (grad.id, "张建国", "毕业证书遗失", TODAY.date())
    data = json.loads(row.data)
    assert data["facts"]["学籍号"] == grad.student_number and data["facts"]["毕业（结业）证书编号"] == "210811202600123"
    event = Event.get(Event.kind == "certificate_issued")
    assert event.student_id == grad.id and "《营口市规定》四(三)3" in json.loads(event.articles)
    assert [a.subject for a in logged_prints(grad.id)] == ["学历证明书（XLZM-2026-0001）"]
    text = text_of(pdf)
    for words in ("学历证明书", "编号：XLZM-2026-0001", "李小红", grad.student_number, "2026年7月毕业",
                  "210811202600123", "毕业证书遗失不予补发", "出具学校（盖章）", "主管教育行政部门（盖章）",
                  "学历证明书存根", "第XLZM-2026-0001号", "领取人签字", "张建国"):
        assert words in text, words
    assert fonts_embedded(pdf)
    # a damaged diploma: the text names only the lost one
    found = issuing.check(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.DAMAGED))
    assert [(f.rule, f.severity) for f in found] == [("certificate.ground", Severity.BLOCK)]
    # no 学习经历证明 in 营口's text
    refused = issuing.check(ws, Request(left.id, CertKind.LEARNING_RECORD, applicant="赵建"))
    assert refused[0].severity is Severity.BLOCK and "不出具学习经历证明" in refused[0].text
    # no limit in 营口: a second one is no warning, and numbered on
    again = issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="李小红", ground=Ground.LOST))
    assert again.number == "XLZM-2026-0002" and again.pdf is None


# ── 黑龙江 第三十一条、第三十二条 ────────────────────────────────────────────────────────────────────────
def test_heilongjiang_education_certificate_for_a_lost_or_damaged_diploma(tmp_path):
    """《黑龙江省实施细则》第三十二条: 损坏不予换发，遗失不予补发，书面申请，学校经核实后出具学历证明."""
    ws, grad, left, here = school_of(tmp_path, "heilongjiang")
    o = offer(ws.profile, CertKind.EDUCATION)
    assert (o.title, o.sealed_by, set(o.grounds)) == ("学历证明", ("school",), {Ground.LOST, Ground.DAMAGED})
    pdf = tmp_path / "hlj.pdf"
    issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.DAMAGED,
                              applied_on=dt.date(2026, 11, 3)), pdf)
    text = text_of(pdf)
    assert "因毕业证书损坏，按规定不予换发" in text and "损坏不予换发（《黑龙江省实施细则》第三十二条）" in text
    assert "主管教育行政部门（盖章）" not in text  # the school issues it (sealed_by = school)
    assert "规格式样由省级教育行政部门统一规定（第三十三条）" in text
    assert "2026年11月3日" in text  # the written application's day, on the stub
    # not for a pupil who did not graduate here
    for student in (left, here):
        found = issuing.check(ws, Request(student.id, CertKind.EDUCATION, applicant="某某", ground=Ground.LOST))
        assert [f.rule for f in found] == ["certificate.not_graduated"]
        assert found[0].article == "《黑龙江省实施细则》第三十二条"
    # an application is needed: no applicant, no certificate
    found = issuing.check(ws, Request(grad.id, CertKind.EDUCATION, ground=Ground.LOST))
    assert [f.field for f in found] == ["applicant"]


def test_heilongjiang_learning_record_for_a_pupil_who_left(tmp_path):
    """《黑龙江省实施细则》第三十一条: 未接受完整规定年限的义务教育，或因特殊原因离开就读学校的学生，应为其出具学习经历证明."""
    ws, grad, left, here = school_of(tmp_path, "heilongjiang")
    pdf = tmp_path / "xxjl.pdf"
    issued = issuing.issue(ws, Request(left.id, CertKind.LEARNING_RECORD, applicant="赵建"), pdf)
    assert issued.number == "XXJL-2026-0001" and issued.title == "学习经历证明"
    text = text_of(pdf)
    for words in ("学习经历证明", "赵大山", "2021年9月入我校", "至2026年6月离校（转出）", "学习经历证明存根",
                  "《黑龙江省实施细则》第三十一条", "离校原因"):
        assert words in text, words
    assert fonts_embedded(pdf)
    # numbered per kind: the first 学历证明 of the year is still 0001
    assert issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST)).number \
        == "XLZM-2026-0001"
    # not for a pupil still at school, nor for a graduate (his is the 学历证明)
    for student, said in ((here, "学籍仍在本校"), (grad, "已在本校毕业")):
        found = issuing.check(ws, Request(student.id, CertKind.LEARNING_RECORD, applicant="某某"))
        assert [f.rule for f in found] == ["certificate.not_left"] and said in found[0].text
        assert found[0].article == "《黑龙江省实施细则》第三十一条"
    # a withdrawn pupil, and a pupil who completed (结业) without graduating, may have one
    leave(ws, here, "withdrawn")
    assert issuing.check(ws, Request(here.id, CertKind.LEARNING_RECORD, applicant="孙")) == []


def test_numbers_start_again_each_year(tmp_path):
    ws, grad, left, _ = school_of(tmp_path, "heilongjiang")
    issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST))
    issuing.issue(ws, Request(left.id, CertKind.LEARNING_RECORD, applicant="赵"))
    ws.test_clock.now = dt.datetime(2027, 1, 5, 9)
    assert issuing.issue(ws, Request(left.id, CertKind.LEARNING_RECORD, applicant="赵")).number == "XXJL-2027-0001"
    assert [c.number for c in issuing.certificates(kind=CertKind.LEARNING_RECORD)] == ["XXJL-2026-0001",
                                                                                       "XXJL-2027-0001"]
    assert [c.number for c in issuing.certificates(year=2027)] == ["XXJL-2027-0001"]


# ── 长治 第三十八条、第六条（七）（八）、第三十七条 ───────────────────────────────────────────────────────────
def test_changzhi_second_education_certificate_needs_a_reason(tmp_path):
    """《长治市实施细则》第三十八条: 由毕业学校发给学历证明（附件12），经主管教育行政部门验印后生效。学历证明原则上只能办理一次."""
    ws, grad, _, _ = school_of(tmp_path, "changzhi")
    first = tmp_path / "cz1.pdf"
    issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST), first)
    text = text_of(first)
    assert "《长治市实施细则》第三十八条、附件12" in text and "主管教育行政部门（盖章）" in text
    second = Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST)
    found = issuing.check(ws, second)
    assert [(f.rule, f.severity, f.article) for f in found] == [
        ("certificates.substitute_limit", Severity.WARN, "《长治市实施细则》第三十八条")]
    assert "XLZM-2026-0001" in found[0].text and "原则上只能办理一次" in found[0].text
    before = counts()
    out = tmp_path / "cz2.pdf"
    with pytest.raises(RuleViolation):
        issuing.issue(ws, second, out)
    assert counts() == before and not out.exists()
    second.reasons = {"certificates.substitute_limit": "第一份学历证明在搬家时遗失，监护人书面说明"}
    issued = issuing.issue(ws, second, out)
    assert issued.number == "XLZM-2026-0002"
    event = Event.select().where(Event.kind == "certificate_issued").order_by(Event.seq.desc()).first()
    assert json.loads(event.reasons) == {"certificates.substitute_limit": "第一份学历证明在搬家时遗失，监护人书面说明"}
    assert "再次办理" in text_of(out) and "搬家时遗失" in text_of(out)


def test_changzhi_stub_registers(tmp_path):
    """第六条（七）结业证书存根（附件11）, （八）学历证明存根（附件12）: printed from the database, PDF and Excel."""
    ws, grad, _, here = school_of(tmp_path, "changzhi")
    assert [(s.what, s.title, s.annex) for s in stub_registers(ws.profile)] == [
        ("education", "学历证明存根", "附件12"), ("completion", "结业证书存根", "附件11")]
    issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST))
    graduate(ws, here, outcome="completed", number="JY2026001")
    pdf = stubs.print_stubs(ws, "completion", tmp_path / "jy.pdf", year=2025, purpose="存档")
    text = text_of(pdf)
    assert "结业证书存根" in text and "孙在校" in text and "JY2026001" in text and "附件11" in text
    assert "第三十七条：“未达到规定毕业条件者，由学校发给结业（或肄业）证书（附件11）”" in text
    assert "李小红" not in text  # graduated, not completed
    assert AccessLog.select().where(AccessLog.subject == "结业证书存根").count() == 1
    xlsx = stubs.print_stubs(ws, "completion", tmp_path / "jy.xlsx", year=2025, purpose="存档")
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row if c.value]
    assert "孙在校" in cells and here.student_number in cells
    pdf = stubs.print_stubs(ws, "education", tmp_path / "xl.pdf", purpose="存档")
    assert "学历证明存根" in text_of(pdf) and "XLZM-2026-0001" in text_of(pdf)
    with pytest.raises(RegisterError, match="请给出学年"):
        stubs.build_stubs(ws, "completion")


# ── a silent region ────────────────────────────────────────────────────────────────────────────────
def test_silent_region_offers_no_certificate(tmp_path):
    """凉山's text names neither certificate (national.toml: applies = false): nothing is issued, and it says why."""
    ws, grad, left, _ = school_of(tmp_path, "liangshan")
    for student, kind in ((grad, CertKind.EDUCATION), (left, CertKind.LEARNING_RECORD)):
        assert not offer(ws.profile, kind).provided
        with pytest.raises(RuleViolation, match="本地区规定未作要求"):
            issuing.issue(ws, Request(student.id, kind, applicant="某某", ground=Ground.LOST), tmp_path / "x.pdf")
    assert stub_registers(ws.profile) == []
    with pytest.raises(RegisterError, match="未列出“结业证书存根”"):
        stubs.build_stubs(ws, "completion", 2025)
    assert counts() == (0, 0, 0) and not (tmp_path / "x.pdf").exists()


# ── the print: reprint as issued, nothing half-written ──────────────────────────────────────────────────
def test_reprint_prints_the_certificate_as_issued_and_is_logged(tmp_path):
    ws, grad, _, _ = school_of(tmp_path, "yingkou")
    first = tmp_path / "a.pdf"
    issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST), first)
    with changing(ws.db, ws.user, ws.now()):  # the record changes after the issue
        Student.update(address="新地址").where(Student.id == grad.id).execute()
        Graduate.update(certificate_no="999").where(Graduate.student == grad.id).execute()
    again = issuing.print_certificate(ws, "xlzm-2026-0001", tmp_path / "b.pdf")
    assert text_of(again) == text_of(first)
    assert len(logged_prints(grad.id)) == 2
    with pytest.raises(issuing.CertificateError, match="没有编号为“XLZM-2026-0099”"):
        issuing.print_certificate(ws, "XLZM-2026-0099", tmp_path / "c.pdf")


def test_a_certificate_whose_pdf_cannot_be_written_leaves_nothing(tmp_path):
    ws, grad, _, _ = school_of(tmp_path, "heilongjiang")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    before = counts()
    with pytest.raises(OSError):
        issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST),
                      blocker / "x.pdf")
    assert counts() == before
    with pytest.raises(issuing.CertificateError, match=r"应以 \.pdf 结尾"):
        issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST), tmp_path / "x.doc")
    assert counts() == before
    assert issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST)).number \
        == "XLZM-2026-0001"  # no number was used up


def test_a_viewer_account_cannot_issue_and_nothing_is_written(tmp_path):
    """certificate_issued is 办理学籍业务: a 查询 account is refused at the one door, naming the role; no file, no row."""
    from tests.conftest import PASSWORD
    from xueji_desktop.core.accounts.passwords import hash_password
    from xueji_desktop.core.accounts.roles import PermissionDenied
    from xueji_desktop.store.models import User

    ws, grad, _, _ = school_of(tmp_path, "heilongjiang")
    User.create(username="chaxun", display_name="赵老师", password_hash=hash_password(PASSWORD), role="viewer")
    ws.login("chaxun", PASSWORD)
    before = counts()
    out = tmp_path / "x.pdf"
    with pytest.raises(PermissionDenied, match="学籍管理员"):
        issuing.issue(ws, Request(grad.id, CertKind.EDUCATION, applicant="张", ground=Ground.LOST), out)
    assert counts() == before and not out.exists()
