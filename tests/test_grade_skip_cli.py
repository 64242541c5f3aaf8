"""`xueji skip-grade` on real school files, in real processes: check, open, decide (the last approval with
--class moves the pupil up), show, print (logged), withdraw; refusals exit 2 citing the article and write
nothing — 营口 四(三)1, 黑龙江 第二十六条, and 凉山 where the texts are silent."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

from tests.conftest import make_school, pupil_draft, run_xueji
from xueji_desktop.core.admission import enrolment
from xueji_desktop.store.models import AccessLog, Case, Event, Student

AT = dt.datetime(2027, 9, 1, 10, 0)
DAY = AT.date()


def school_with(tmp_path, pid, grades, today=DAY):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=today)
    numbers = []
    for i, grade in enumerate(grades):
        d = pupil_draft(name=["李明", "王芳", "赵强"][i], grade=grade, new=False, seq=447 + i,
                        birth=dt.date(2027 - grade - 6, 3, 7), entry_month=f"{2027 - grade}-09")
        numbers.append(enrolment.enrol(ws, d)[0].student_number)
    return ws, numbers


def xueji(ws, *args, at=AT):
    return run_xueji(*args, "--db", ws.path, at=at)


def test_yingkou_from_application_to_the_new_class(tmp_path):
    ws, (number,) = school_with(tmp_path, "yingkou", [4])
    run = xueji(ws, "skip-grade", "check", "--student", number, "--all-seen")
    assert run.returncode == 0, run.stderr
    assert "[提示] 跳级：经学校全面考核，可以跳一级" in run.stdout and "《营口市规定》四(三)1" in run.stdout
    assert "跳过四年级，编入五年级" in run.stdout
    run = xueji(ws, "skip-grade", "open", "--student", number, "--note", "学业成绩特别优异")  # the paper not seen
    assert run.returncode == 2 and "尚未查验学生本人及父母或其他监护人的跳级申请" in run.stdout
    assert Case.select().count() == 0
    run = xueji(ws, "skip-grade", "open", "--student", number, "--all-seen", "--note", "学业成绩特别优异")
    assert run.returncode == 0, run.stderr
    assert "已发起跳级申请 TJ-2027-0001（李明）：审批环节 本校 → 主管教育行政部门 → 市级教育行政部门" in run.stdout
    for party, day in (("school", "2027-09-01"), ("bureau", "2027-09-01")):
        run = xueji(ws, "skip-grade", "decide", "--case", "TJ-2027-0001", "--party", party, "--person", "张校长",
                    "--outcome", "approved", "--date", day)
        assert run.returncode == 0, run.stderr
    run = xueji(ws, "skip-grade", "decide", "--case", "TJ-2027-0001", "--party", "city_bureau", "--person", "刘科长",
                "--outcome", "approved")
    assert run.returncode == 2 and "请为李明选择五年级的班级" in run.stderr
    run = xueji(ws, "skip-grade", "decide", "--case", "TJ-2027-0001", "--party", "city_bureau", "--person", "刘科长",
                "--outcome", "approved", "--class", "五年级(2)班")
    assert run.returncode == 0, run.stderr
    assert "申请已办结：李明 现为五年级(2)班" in run.stdout
    student = Student.get(Student.student_number == number)
    assert (student.grade, student.school_class.name) == (5, "五年级(2)班")
    event = Event.get(Event.kind == "grade_skipped")
    assert json.loads(event.payload)["completed_grades"] == [4] and event.author.username == "registrar"
    run = xueji(ws, "skip-grade", "show", "--case", "TJ-2027-0001")
    assert run.returncode == 0 and "市级教育行政部门\tcity_bureau\t\t2027-09-01\t刘科长\t同意" in run.stdout
    out = tmp_path / "申请表.pdf"
    run = xueji(ws, "skip-grade", "print", "application", "--case", "TJ-2027-0001", "--out", out)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "学生跳级申请表" in text and "李明" in text and "刘科长" in text
    assert AccessLog.get(AccessLog.target == str(out)).subject == "学生跳级申请表（TJ-2027-0001）"
    run = xueji(ws, "skip-grade", "print", "notice", "--case", "TJ-2027-0001", "--out", tmp_path / "n.pdf")
    assert run.returncode == 2 and "本地区规定未要求公示" in run.stderr
    ws.close()


def test_heilongjiang_refusals_reasons_and_the_notice(tmp_path):
    at = dt.datetime(2027, 3, 10, 10, 0)
    ws, (first, third, fourth) = school_with(tmp_path, "heilongjiang", [1, 3, 4], today=at.date())
    run = xueji(ws, "skip-grade", "check", "--student", first, "--all-seen", at=at)
    assert run.returncode == 2
    assert "[禁止] 小学、初中起始年级不允许跳级：一年级是起始年级〔《黑龙江省实施细则》第二十六条（三）〕" in run.stdout
    run = xueji(ws, "skip-grade", "open", "--student", third, "--all-seen", at=at)
    assert run.returncode == 2 and "--reason skip_grade.allowed=理由" in run.stdout
    assert Case.select().count() == 0
    reasons = ["--reason", "skip_grade.allowed=德智体美劳特别优秀，监护人书面申请",
               "--reason", "skip_grade.max_share=本年级只有一名学生申请"]
    for number in (third, fourth):
        run = xueji(ws, "skip-grade", "open", "--student", number, "--all-seen", *reasons, at=at)
        assert run.returncode == 0, run.stdout + run.stderr
    assert "专家组 → 公示 → 主管教育行政部门 → 市级教育行政部门 → 省级教育行政部门" in run.stdout
    out = tmp_path / "公示.pdf"
    run = xueji(ws, "skip-grade", "print", "notice", "--case", "TJ-2027-0001", "--out", out, at=at)
    assert run.returncode == 2 and "专家组尚未出具考核结果" in run.stderr and not out.exists()
    run = xueji(ws, "skip-grade", "print", "notice", "--case", "TJ-2027-0001", "--case", "TJ-2027-0002",
                "--from", "2027-03-15", "--out", out, at=at)
    assert run.returncode == 2 and "--purpose" in run.stderr and not out.exists()
    run = xueji(ws, "skip-grade", "print", "notice", "--case", "TJ-2027-0001", "--case", "TJ-2027-0002",
                "--from", "2027-03-15", "--purpose", "张贴公示", "--out", out, at=at)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "2027年3月15日至2027年3月19日" in text.replace(" ", "") and "王芳" in text
    run = xueji(ws, "skip-grade", "withdraw", "--case", "TJ-2027-0002", "--reason", "家长撤回申请", at=at)
    assert run.returncode == 0 and Case.get(Case.number == "TJ-2027-0002").status == "withdrawn"
    ws.close()


def test_silent_region_refuses(tmp_path):
    ws, (number,) = school_with(tmp_path, "liangshan", [3])
    run = xueji(ws, "skip-grade", "open", "--student", number, "--all-seen")
    assert run.returncode == 2 and "跳级：本地区未设此项业务" in run.stdout
    assert Case.select().count() == 0
    ws.close()
