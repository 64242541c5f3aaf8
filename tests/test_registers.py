"""The school's registers and rosters (学校学籍档案) on a real school database: 新生（录取）花名册,
学生增加（或减少）情况登记表 / 学生增减情况登记表 and 在校生分班名册, each as a PDF (read back with pdftotext)
and as an Excel workbook (read back with openpyxl), for a term or a date range, with the changes made
through the real workflows at pinned dates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.conftest import first_class, held_at, make_school, pupil_draft, run_xueji
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, StepDecision
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for as change_evidence
from xueji_desktop.core.changes.status_rules import questions as change_questions
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER, build_demo
from xueji_desktop.core.forms.registers_common import RegisterError, find_register, region_registers
from xueji_desktop.core.forms.registers_print import build_register
from xueji_desktop.core.forms.registers_print import print_register as print_logged
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.core.school_year.registers import change_register, period_of
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_rules import allowed_reasons, evidence_for
from xueji_desktop.store.models import Case, Student


def print_register(ws, wanted, out=None, **period):
    """A register printed with the purpose the access log asks for a list of several pupils."""
    return print_logged(ws, wanted, out, purpose="上级检查/统计报送", **period)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")

SET_UP = dt.date(2026, 8, 20)
OTHER = OtherSchool("长治市潞州区东街小学", "140402", "0355-2021234")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def move_to(ws, day: dt.date) -> None:
    ws.test_clock.now = dt.datetime.combine(day, dt.time(9, 0))


def passed(draft, open_):
    """Opens the case, giving a reason for each warning the region's rules raise (as a registrar would)."""
    try:
        return open_(draft)[0]
    except RuleViolation as e:
        if any(f.severity is Severity.BLOCK for f in e.findings):
            raise
        draft.reasons.update({f.rule: "已核实，经县教育局同意" for f in e.findings})
    return open_(draft)[0]


def approve(ws, case, day):
    for i, step in enumerate(cases.steps(case)):
        if not step.outcome:
            transfer.record_step(ws, case.id, StepDecision(step.party, day, f"经办人{i + 1}", "approved"))
    return Case.get_by_id(case.id)


def change(ws, kind, student, day, **fields):
    d = ChangeDraft(kind=kind, student_id=student.id, applied_on=day, **fields)
    d.evidence_seen = change_evidence(ws, d)
    d.declared = {q.id: False for q in change_questions(ws, d)}
    case = passed(d, lambda x: status_change.open_change(ws, x))
    return approve(ws, case, day)


def enrol(ws, name, seq, grade, new, entry: dt.date, birth: dt.date):
    d = pupil_draft(name=name, seq=seq, grade=grade, new=new, birth=birth, region="140423")
    d.entry_date = entry
    d.class_id = first_class(grade).id
    try:
        return enrolment.enrol(ws, d)[0]
    except RuleViolation as e:
        d.reasons.update({f.rule: "开学初补办注册，已报县教育局备案" for f in e.findings})
        return enrolment.enrol(ws, d)[0]


@pytest.fixture
def cz(tmp_path):
    """A 长治 nine-year school: three 一年级 and two 初一 new pupils at the start of 2026—2027, one pupil of
    grade 4 already there; then a transfer in (2026-09-15), a transfer out (2026-10-20), a suspension
    (2026-11-03) and, in the spring term, its resumption (2027-03-02)."""
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=SET_UP)
    ws.pupils = {}
    move_to(ws, dt.date(2026, 8, 25))
    for name, seq, grade, born in (("赵一鸣", 11, 1, dt.date(2020, 3, 7)), ("钱晓雪", 12, 1, dt.date(2020, 5, 1)),
                                   ("孙堃", 13, 1, dt.date(2019, 12, 9)), ("李思远", 21, 7, dt.date(2014, 4, 2)),
                                   ("周𠮷祥", 22, 7, dt.date(2014, 6, 30))):
        ws.pupils[name] = enrol(ws, name, seq, grade, True, dt.date(2026, 9, 1), born)
    ws.pupils["吴老生"] = enrol(ws, "吴老生", 31, 4, False, dt.date(2023, 9, 1), dt.date(2017, 3, 3))
    # 转入 into grade 3
    move_to(ws, dt.date(2026, 9, 10))
    pupil = pupil_draft(name="郑新来", seq=41, birth=dt.date(2018, 4, 2), grade=3, new=False, region="140402")
    reason = allowed_reasons(ws.profile)[0]["id"]
    draft = TransferDraft(direction="in", pupil=pupil, incoming_number="G" + pupil.student["id_number"],
                          other_school=OTHER, grade_from=3, grade_to=3, reason_id=reason,
                          evidence_seen=evidence_for(ws.profile, reason), applied_on=ws.today())
    draft.declared = {q.id: False for q in transfer.questions(ws, draft)}
    draft.other_school_agreed = True
    case_in = passed(draft, lambda x: transfer.open_transfer(ws, x))
    move_to(ws, dt.date(2026, 9, 15))
    ws.case_in = approve(ws, case_in, dt.date(2026, 9, 15))
    # 转出 of the grade-4 pupil
    move_to(ws, dt.date(2026, 10, 12))
    out = TransferDraft(direction="out", student_id=ws.pupils["吴老生"].id, other_school=OTHER, grade_from=4,
                        grade_to=4, reason_id=reason, evidence_seen=evidence_for(ws.profile, reason),
                        applied_on=ws.today())
    out.declared = {q.id: False for q in transfer.questions(ws, out)}
    out.other_school_agreed = True
    case_out = passed(out, lambda x: transfer.open_transfer(ws, x))
    move_to(ws, dt.date(2026, 10, 20))
    ws.case_out = approve(ws, case_out, dt.date(2026, 10, 20))
    # 休学 of a 一年级 new pupil, resumed in the spring term
    move_to(ws, dt.date(2026, 11, 3))
    ground = ws.profile.value("suspension.grounds")[0]["id"]
    ws.suspension = change(ws, CaseKind.SUSPENSION, ws.pupils["钱晓雪"], dt.date(2026, 11, 3), ground_id=ground,
                           effective_on=dt.date(2026, 11, 3), until=dt.date(2027, 2, 28))
    move_to(ws, dt.date(2027, 3, 2))
    ws.resumption = change(ws, CaseKind.RESUMPTION, ws.pupils["钱晓雪"], dt.date(2027, 3, 2),
                           effective_on=dt.date(2027, 3, 2), return_grade=1, details={"class_id": first_class(1).id})
    move_to(ws, dt.date(2027, 3, 10))
    yield ws
    ws.close()


# ── which region keeps which register: profile data ────────────────────────────────────────────────
def test_the_regions_registers_and_titles_come_from_the_profiles():
    assert [(s.id, s.kind) for s in region_registers(load_profile("yingkou"))] == [
        ("new_pupil_roster", "new-pupils"), ("yk_change_register", "changes"), ("graduate_roster", "graduates")]
    cz = {s.kind: s for s in region_registers(load_profile("changzhi"))}
    assert cz["graduates"].annex == "附件5" and cz["graduates"].title == "毕业生花名册"
    assert cz["classes"].annex == "附件3" and cz["changes"].annex == "附件4" and cz["changes"].title == "学生增减情况登记表"
    assert region_registers(load_profile("heilongjiang")) == []
    with pytest.raises(RegisterError) as refused:
        find_register(load_profile("yingkou"), "classes")
    assert "未列出“在校生分班名册”" in str(refused.value) and "yk_change_register" in str(refused.value)


def test_a_term_runs_from_the_day_after_the_previous_term_to_its_own_end():
    p = load_profile("changzhi")
    autumn = period_of(p, dt.date(2026, 12, 1), term="2026-1")
    assert (autumn.start, autumn.end, autumn.label) == (dt.date(2026, 7, 11), dt.date(2027, 1, 20), "2026—2027学年上学期")
    spring = period_of(p, dt.date(2026, 12, 1), term="2026-2027-2")
    assert (spring.start, spring.end) == (dt.date(2027, 1, 21), dt.date(2027, 7, 10))
    assert period_of(p, dt.date(2026, 12, 1)) == autumn  # the term containing the day
    assert period_of(p, dt.date(2027, 7, 20)) == spring  # in the summer holidays: the term just ended
    year = period_of(p, dt.date(2026, 12, 1), term="2026")
    assert (year.start, year.end) == (dt.date(2026, 7, 11), dt.date(2027, 7, 10))
    ranged = period_of(p, dt.date(2026, 12, 1), start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 30))
    assert ranged.label == "2026-09-01 至 2026-09-30"


# ── 学生增减情况登记表 ───────────────────────────────────────────────────────────────────────────────
def test_the_change_register_lists_every_arrival_and_departure_with_its_case_and_day(cz):
    data = change_register(cz.profile, period_of(cz.profile, cz.today(), term="2026-1"))
    up = [(r.day, r.kind, r.name, r.case_number) for r in data.of("增加")]
    assert up == [
        (dt.date(2026, 9, 1), "新生入学", "赵一鸣", ""), (dt.date(2026, 9, 1), "新生入学", "钱晓雪", ""),
        (dt.date(2026, 9, 1), "新生入学", "孙堃", ""), (dt.date(2026, 9, 1), "新生入学", "李思远", ""),
        (dt.date(2026, 9, 1), "新生入学", "周𠮷祥", ""), (dt.date(2026, 9, 15), "转入", "郑新来", cz.case_in.number)]
    down = [(r.day, r.kind, r.name, r.case_number, r.status_change) for r in data.of("减少")]
    assert down == [(dt.date(2026, 10, 20), "转出", "吴老生", cz.case_out.number, "在校 → 转出"),
                    (dt.date(2026, 11, 3), "休学", "钱晓雪", cz.suspension.number, "在校 → 休学")]
    assert data.of("其他") == []
    # the grade-4 pupil was there before the term: 1 + 6 − 2 = 5
    assert (data.opening, data.closing) == (1, 5)
    spring = change_register(cz.profile, period_of(cz.profile, cz.today(), term="2026-2"))
    assert [(r.kind, r.name, r.case_number) for r in spring.rows] == [("复学", "钱晓雪", cz.resumption.number)]
    assert (spring.opening, spring.closing) == (5, 6)
    september = change_register(cz.profile, period_of(cz.profile, cz.today(), start=dt.date(2026, 9, 2),
                                                      end=dt.date(2026, 9, 30)))
    assert [r.name for r in september.rows] == ["郑新来"] and (september.opening, september.closing) == (6, 7)


def test_the_change_register_pdf_and_workbook(cz, tmp_path):
    pdf = print_register(cz, "changes", tmp_path / "增减.pdf", term="2026-1")
    text = pdf_text(pdf)
    for label in ("学生增减情况登记表", "学校名称：测试县第一中心学校", "学校标识码：2108110001",
                  "统计期间：2026—2027学年上学期（2026-07-11 至 2027-01-20）", "期初在校人数", "1 人", "期末在校人数",
                  "5 人", "增加分类", "新生入学 5 人；转入 1 人", "减少分类", "转出 1 人；休学 1 人",
                  "一、学生增加情况（6 人次）", "二、学生减少情况（2 人次）", "变动日期", "变动类别", "学籍状态变化",
                  "来源、去向或原因", "申请编号", cz.case_in.number, cz.case_out.number, cz.suspension.number,
                  "自长治市潞州区东街小学转入", "转入长治市潞州区东街小学", "周𠮷祥", "填表人（学籍管理员）签字：",
                  "校长签字：", "学校（盖章）", "《长治市实施细则》第六条附件4", "未给出表式", "第 1 页 共"):
        assert label in text, label
    assert "三、其他学籍状态变动" not in text
    book = tmp_path / "增减.xlsx"
    print_register(cz, "cz_change_register", book, term="2026-1")
    wb = load_workbook(book)
    assert wb.sheetnames == ["汇总", "学生增加", "学生减少"]
    rows = [[c.value for c in r] for r in wb["学生减少"].iter_rows()]
    assert rows[0][0] == "学生增减情况登记表"
    header = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[header][:11] == ["序号", "变动日期", "变动类别", "学籍号", "姓名", "性别", "年级班级", "学籍状态变化",
                                 "来源、去向或原因", "申请编号", "备注"]
    out_row = rows[header + 1]
    assert out_row[:3] == ["1", "2026-10-20", "转出"] and out_row[4] == "吴老生" and out_row[9] == cz.case_out.number
    assert out_row[3] == Student.get_by_id(cz.pupils["吴老生"].id).student_number  # text, not a number
    assert wb["学生减少"].print_title_rows == f"${header + 1}:${header + 1}"  # repeated on each printed page
    summary = {r[0].value: r[1].value for r in wb["汇总"].iter_rows() if r[0].value and len(r) > 1}
    assert summary["期初在校人数"] == "1 人" and summary["期末在校人数"] == "5 人"


def test_a_change_between_two_statuses_away_from_school_is_listed_apart(cz, tmp_path):
    ws = cz
    s = ws.pupils["孙堃"]
    move_to(ws, dt.date(2027, 3, 20))
    ground = ws.profile.value("suspension.grounds")[0]["id"]
    change(ws, CaseKind.SUSPENSION, s, dt.date(2027, 3, 20), ground_id=ground, effective_on=dt.date(2027, 3, 20),
           until=dt.date(2028, 3, 1))
    move_to(ws, dt.date(2027, 4, 6))
    change(ws, CaseKind.DEATH, s, dt.date(2027, 4, 6), effective_on=dt.date(2027, 4, 6))
    data = change_register(ws.profile, period_of(ws.profile, ws.today(), term="2026-2"))
    assert [(r.direction, r.kind, r.status_change) for r in data.rows if r.name == "孙堃"] == [
        ("减少", "休学", "在校 → 休学"), ("其他", "死亡", "休学 → 死亡")]
    assert data.opening + len(data.of("增加")) - len(data.of("减少")) == data.closing == 5
    text = pdf_text(print_register(ws, "changes", tmp_path / "c.pdf", term="2026-2"))
    assert "三、其他学籍状态变动（不计入在校人数增减）（1 人次）" in text and "休学 → 死亡" in text
    assert "其他学籍变动" in text


# ── 新生录取花名册 / 新生花名册 ─────────────────────────────────────────────────────────────────────
def test_the_admission_roster_lists_the_intake_grade_by_grade(cz, tmp_path):
    pdf = print_register(cz, "new-pupils", tmp_path / "新生.pdf", term="2026-1")
    text = pdf_text(pdf)
    for label in ("一年级、初一新生录取花名册", "新生人数", "5 人", "一年级新生 3 人（男", "七年级新生 2 人（男",
                  "学籍号", "身份证件号", "户口所在地", "入学方式", "编入班级", "入学日期", "监护人及联系电话",
                  "2026-09-01", "一年级(1)班", "七年级(1)班", "张建国 13904171234", "孙堃", "周𠮷祥",
                  "第六条（九）称“初中、高中学校初一、高一新生录取花名册”", "学校（盖章）"):
        assert label in text, label
    assert "郑新来" not in text and "吴老生" not in text  # a transfer and an older pupil are not new pupils
    wb = load_workbook(print_register(cz, "new-pupils", tmp_path / "新生.xlsx", term="2026-1"))
    assert wb.sheetnames == ["汇总", "一年级新生", "七年级新生"]
    names = [r[2].value for r in wb["一年级新生"].iter_rows() if r[0].value and str(r[0].value).isdigit()]
    assert names == ["赵一鸣", "钱晓雪", "孙堃"]
    spring = build_register(cz, "new-pupils", term="2026-2")
    assert spring.sections[0].rows == [] and "（本期无新生）" in pdf_text(
        print_register(cz, "new-pupils", tmp_path / "空.pdf", term="2026-2"))


def test_a_primary_school_names_its_roster_by_its_entry_grade_and_yingkou_by_its_own_title(tmp_path):
    from xueji_desktop.core.school.school import SchoolKind

    ws = make_school(tmp_path / "p.sqlite3", profile_id="changzhi", kind=SchoolKind.PRIMARY, today=SET_UP)
    assert build_register(ws, "new-pupils", term="2026-1").title == "一年级新生录取花名册"
    ws.close()
    yk = make_school(tmp_path / "yk.sqlite3", profile_id="yingkou", kind=SchoolKind.MIDDLE, today=SET_UP)
    assert build_register(yk, "new-pupils", term="2026-1").title == "新生花名册"
    assert build_register(yk, "changes", term="2026-1").title == "学生增加（或减少）情况登记表"
    with pytest.raises(RegisterError):
        build_register(yk, "classes")
    yk.close()


# ── 在校生分班名册 ────────────────────────────────────────────────────────────────────────────────
def test_the_class_roster_lists_each_class_with_its_pupils(cz, tmp_path):
    text = pdf_text(print_register(cz, "classes", tmp_path / "分班.pdf", term="2026-2"))
    for label in ("在校生分班名册", "学期：2026—2027学年下学期", "名册日期：2027年3月10日", "班级数", "在籍学生",
                  "计划班额", "（本班暂无学生）", "郑新来", "学籍状态", "在校",
                  "《长治市实施细则》第六条附件3"):
        assert label in text, label
    for klass, count in (("一年级(1)班", 3), ("三年级(1)班", 1), ("七年级(1)班", 2), ("一年级(2)班", 0)):
        assert re.search(rf"^\f?{re.escape(klass)}\s+在籍 {count} 人", text, re.MULTILINE), klass
    assert "吴老生" not in text  # transferred out: no longer on the roll
    with pytest.raises(RegisterError) as refused:
        build_register(cz, "classes", start=dt.date(2026, 9, 1))
    assert "不按日期区间统计" in str(refused.value)
    wb = load_workbook(print_register(cz, "classes", tmp_path / "分班.xlsx"))
    assert wb.sheetnames[:3] == ["汇总", "一年级(1)班", "一年级(2)班"]
    rows = [[c.value for c in r] for r in wb["一年级(1)班"].iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[header][:11] == ["序号", "学籍号", "姓名", "性别", "出生日期", "民族", "身份证件号", "入学年月", "学籍状态",
                                 "监护人及联系电话", "备注"]
    assert [r[2] for r in rows[header + 1:header + 4]] == ["孙堃", "赵一鸣", "钱晓雪"]  # by 学籍号: no 班内学号


def test_a_long_roster_repeats_its_header_and_numbers_its_pages(tmp_path):
    """The demo school (600 pupils, 长治) through the real workflows: many pages, each with the column headers."""
    path = tmp_path / "demo.sqlite3"
    with held_at(dt.datetime(2026, 9, 1, 9)):
        build_demo(path, pupils=600, profile_id="changzhi")
    with held_at(dt.datetime(2026, 12, 15, 9)):
        ws = Workspace(path)
        ws.login(DEMO_USER, DEMO_PASSWORD)  # a print is logged (查询登记) under the account that made it
        pdf = print_register(ws, "classes", tmp_path / "分班.pdf")
        data = change_register(ws.profile, period_of(ws.profile, ws.today()))
        changes_pdf = print_register(ws, "changes", tmp_path / "增减.pdf")
        ws.close()
    sheets = pages(pdf)
    assert len(sheets) > 10
    for n, page in enumerate(sheets, 1):
        assert f"第 {n} 页 共 {len(sheets)} 页" in page
        assert "学籍号" in page and "身份证件号" in page and "学籍状态" in page  # the header on every page
    assert "在校生分班名册" in sheets[0] and "在校生分班名册" not in sheets[1]
    assert sum(p.count("在籍 ") for p in sheets) >= 18  # every class heading
    assert data.opening + len(data.of("增加")) - len(data.of("减少")) == data.closing
    change_pages = pages(changes_pdf)
    assert len(change_pages) > 2
    assert all("变动类别" in p and "申请编号" in p for p in change_pages[:-1])


# ── the command ───────────────────────────────────────────────────────────────────────────────────
def test_print_register_from_the_command_line(cz, tmp_path):
    db = cz.path
    at = dt.datetime(2027, 3, 10, 9)
    done = run_xueji("print-register", "--purpose", "上级检查/统计报送", "--db", db, "changes", "--term", "2026-1", "--out", tmp_path / "r.pdf", at=at)
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout and "学生增减情况登记表" in pdf_text(tmp_path / "r.pdf")
    done = run_xueji("print-register", "--purpose", "上级检查/统计报送", "--db", db, "new-pupils", "--from", "2026-08-01", "--to", "2026-09-30",
                     "--out", tmp_path / "n.xlsx", at=at)
    assert done.returncode == 0, done.stderr
    assert load_workbook(tmp_path / "n.xlsx").sheetnames == ["汇总", "一年级新生", "七年级新生"]
    bad = run_xueji("print-register", "--purpose", "上级检查/统计报送", "--db", db, "changes", "--term", "2026-7", at=at)
    assert bad.returncode == 2 and "--term" in bad.stderr and "无法识别" in bad.stderr
    wrong = run_xueji("print-register", "--purpose", "上级检查/统计报送", "--db", db, "changes", "--out", tmp_path / "r.docx", at=at)
    assert wrong.returncode == 2 and ".pdf 或 .xlsx" in wrong.stderr and not (tmp_path / "r.docx").exists()
    both = run_xueji("print-register", "--purpose", "上级检查/统计报送", "--db", db, "changes", "--term", "2026-1", "--from", "2026-09-01", at=at)
    assert both.returncode == 2 and "只能选用一种" in both.stderr


def test_pupils_imported_from_the_national_system_open_the_register_and_are_no_arrivals(tmp_path, clock):
    from tests.national_files import school_rows, write_book
    from xueji_desktop.core.national import excel_import
    from xueji_desktop.core.school_year import registers

    assert registers.IMPORTED_ROUTE == excel_import.ROUTE
    ws = make_school(tmp_path / "school.sqlite3", profile_id="changzhi", today=dt.date(2026, 9, 20))
    ws.login("registrar", "secret-123")
    plan = excel_import.check_file(ws, write_book(tmp_path / "全校.xlsx", {"学生": school_rows(6, grades=[1, 2])}))
    assert excel_import.import_pupils(ws, plan).added == 6
    enrolment.enrol(ws, pupil_draft(name="新来的", seq=77))  # one arrival of the term through the wizard
    data = change_register(ws.profile, period_of(ws.profile, ws.today(), term="2026-1"))
    assert [r.name for r in data.of("增加")] == ["新来的"]
    assert (data.opening, data.closing) == (6, 7)
    ws.close()


def test_pupils_imported_into_an_entry_grade_in_the_period_are_its_new_pupils(tmp_path, clock):
    """They were registered in the national system when they entered: a school that adopts the program in
    its first term prints the intake it brought in, and no older pupil."""
    from tests.national_files import pupil_row, write_book
    from xueji_desktop.core.national import excel_import

    ws = make_school(tmp_path / "school.sqlite3", profile_id="changzhi", today=dt.date(2026, 11, 20))
    ws.login("registrar", "secret-123")
    rows = [pupil_row(0, 1), pupil_row(1, 1, 2), pupil_row(2, 2), pupil_row(3, 7), pupil_row(4, 8)]
    rows[3]["入学年月"], rows[4]["入学年月"] = "202609", "202509"  # entered the middle school
    plan = excel_import.check_file(ws, write_book(tmp_path / "全校.xlsx", {"学生": rows}))
    assert excel_import.import_pupils(ws, plan).added == 5
    names = {r["姓名"]: r for r in rows}
    text = pdf_text(print_register(ws, "new-pupils", tmp_path / "新生.pdf", term="2026-1"))
    for name, row in names.items():
        intake = row["年级"] in ("一年级", "七年级")
        assert (name in text) is intake, name
    # a year on, promoted (grade 1 → 2), they are still the intake of 2026-1 and not of 2027-1
    move_to(ws, dt.date(2027, 10, 8))
    from xueji_desktop.store.models import Student
    Student.update(grade=Student.grade + 1).execute()
    text = pdf_text(print_register(ws, "new-pupils", tmp_path / "去年.pdf", term="2026-1"))
    assert all((name in text) is (row["年级"] in ("一年级", "七年级")) for name, row in names.items())
    assert not any(name in pdf_text(print_register(ws, "new-pupils", tmp_path / "今年.pdf", term="2027-1"))
                   for name in names)
    ws.close()
