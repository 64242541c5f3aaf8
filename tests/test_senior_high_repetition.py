"""留级 of 高中 pupils: 凉山 二(三) allows it on application with the school's approval, at most 2 % of the
grade's pupils over the cohort's three years; 长治 第二十三条 bans it for 高中 too; the compulsory grades never."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school_year import repetition
from xueji_desktop.core.school_year.repetition import RepetitionDraft
from xueji_desktop.core.school_year.year_end import plan
from xueji_desktop.core.school_year.year_end_run import turn_year
from xueji_desktop.store.models import Event, Repetition, SchoolClass, Student

START = dt.date(2026, 9, 1)
DECIDED = dt.date(2027, 6, 20)
LS = "《凉山州规定》二(三)"


def _school(tmp_path, pid, gao_yi=0):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, kind=SchoolKind.COMPLETE, today=START,
                     classes_per_grade=2)
    ws.login("registrar", PASSWORD)
    ws.junior = _enrol(ws, 8, 0)
    ws.gao_yi = [_enrol(ws, 10, i) for i in range(gao_yi)] or [_enrol(ws, 10, 0)]
    ws.test_clock.now = dt.datetime.combine(DECIDED, dt.time(9))
    return ws


def _enrol(ws, grade, i):
    birth = dt.date(2026 - grade - 6, 1 + i % 12, 1 + i % 28)
    d = pupil_draft(name="李" + "明华春秋冬夏东南西北"[i % 10] + "一二三四五六七八九十"[i // 10 % 10], grade=grade,
                    new=False, seq=101 + 2 * i, birth=birth)
    d.class_id = SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == 1 + i % 2)).id
    for f in enrolment.check(ws, d):
        if f.severity.name == "WARN":
            d.reasons[f.rule] = "测试：情况已核实"
    return enrolment.enrol(ws, d)[0]


def draft(student, **kw) -> RepetitionDraft:
    base = dict(student_id=student.id, applied_on=dt.date(2027, 6, 10), decided_on=DECIDED, decided_by="本校",
                reason="因病缺课一学期，本人及监护人申请留级")
    return RepetitionDraft(**{**base, **kw})


def refused(ws, d) -> list:
    with pytest.raises(RuleViolation) as e:
        repetition.decide(ws, d)
    return e.value.findings


def test_the_compulsory_grades_never_repeat(tmp_path):
    ws = _school(tmp_path, "liangshan")
    [f] = refused(ws, draft(ws.junior))
    assert f.article == LS and "义务教育阶段学生一律不允许留级" in f.message
    ws.close()


def test_changzhi_bans_it_in_high_school_too(tmp_path):
    ws = _school(tmp_path, "changzhi")
    [f] = refused(ws, draft(ws.gao_yi[0]))
    assert f.article == "《长治市实施细则》第二十三条" and "普通高中教育期间，不允许留级" in f.message
    assert not repetition.offered(ws.profile)
    ws.close()


def test_two_percent_of_the_grade_over_the_cohorts_three_years(tmp_path):
    ws = _school(tmp_path, "liangshan", gao_yi=49)
    [f] = [f for f in refused(ws, draft(ws.gao_yi[0])) if f.rule == "repetition.high_allowed"]
    assert f.article == LS and "在籍 49 人，2% 为 0 人" in f.message
    one_more = _enrol(ws, 10, 49)
    assert repetition.quota(ws, 10).allowed == 1
    row, _ = repetition.decide(ws, draft(ws.gao_yi[0]))
    assert (row.grade, row.school_year, row.cohort_year) == (10, 2026, 2026)
    [f] = [f for f in refused(ws, draft(one_more)) if f.rule == "repetition.high_allowed"]
    assert "已留级 1 人" in f.message
    assert Repetition.select().count() == 1
    assert "含本人已留级 1 人" in Event.select().where(Event.kind == "repetition_decided").get().summary
    ws.close()


def test_the_year_end_keeps_the_repeater_in_the_grade(tmp_path):
    ws = _school(tmp_path, "liangshan", gao_yi=50)
    stays, moves = ws.gao_yi[0], ws.gao_yi[1]
    repetition.decide(ws, draft(stays))
    ws.test_clock.now = dt.datetime(2027, 7, 20, 9)
    p = plan(ws)
    assert [x.id for x in p.repeating] == [stays.id]
    turn_year(ws, None, {f.rule: "已核实，特此说明" for f in p.warnings}, backup=lambda ws, why: None)
    stays, moves = Student.get_by_id(stays.id), Student.get_by_id(moves.id)
    assert (stays.grade, stays.status) == (10, "enrolled") and moves.grade == 11
    assert stays.school_class.grade == 10 and stays.school_class.name == "高一(1)班"
    assert Repetition.get().done_on == dt.date(2027, 7, 20)
    assert Event.select().where((Event.kind == "student_repeated") & (Event.student == stays)).exists()
    ws.close()


def test_a_decision_is_withdrawn_before_the_year_end(tmp_path):
    ws = _school(tmp_path, "liangshan", gao_yi=50)
    row, _ = repetition.decide(ws, draft(ws.gao_yi[0]))
    repetition.withdraw(ws, row.id, "家长撤回申请")
    assert repetition.pending(2026) == {}
    assert repetition.quota(ws, 10).used == 0
    ws.close()


def test_from_the_command_line(tmp_path):
    from tests.conftest import run_xueji

    ws = _school(tmp_path, "liangshan", gao_yi=50)
    number, db = ws.gao_yi[3].student_number, ws.path
    ws.close()
    at = dt.datetime(2027, 6, 21, 10)
    added = run_xueji("repetition", "add", "--db", db, "--pupil", number, "--applied", "2027-06-10",
                      "--decided", "2027-06-20", "--reason", "因病缺课一学期，本人申请", at=at)
    assert added.returncode == 0, added.stderr
    listed = run_xueji("repetition", "list", "--db", db, at=at)
    assert number in listed.stdout and "待学年结转时生效" in listed.stdout
    assert "高一年级（2026级）在籍 50 人，2% 为 1 人，已留级 1 人" in listed.stderr
    again = run_xueji("repetition", "add", "--db", db, "--pupil", ws.gao_yi[4].student_number, "--applied",
                      "2027-06-10", "--reason", "因病缺课一学期，本人申请", at=at)
    assert again.returncode == 2 and "留级比例三年内不得超过年级学生总数的 2%" in again.stderr
