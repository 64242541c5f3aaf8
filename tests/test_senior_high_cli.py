"""The 高中 workflows from the command line, as a registrar runs them on a 长治 完全中学: 自动退学 through
`xueji change` (check, open, each approval), a 高二 pupil's suspension going to the city bureau, and a 高一 admission
cancelled with `xueji admissions cancel`."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school, run_xueji
from tests.test_senior_high_todo import _admit
from tests.test_todo import enrol
from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays, save_absences
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.store.connection import open_database
from xueji_desktop.store.models import Student

AT = dt.datetime(2026, 12, 7, 10)  # after the release date (the clock check)


@pytest.fixture
def school(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 8, 20))
    ws.login("registrar", PASSWORD)
    senior = enrol(ws, "王高二", grade=11, seq=423)
    other = enrol(ws, "李高二", grade=11, seq=425)
    ws.test_clock.now = AT
    days = SchoolDays.for_workspace(ws).between(dt.date(2026, 9, 7), dt.date(2026, 12, 7))
    save_absences(ws, senior.school_class_id, {(senior.id, d): Kind.UNEXCUSED for d in days})
    number = _admit(ws)
    path = ws.path
    ws.close()
    return path, senior.student_number, other.student_number, number


def _status(path, number):
    open_database(path)
    return Student.get(Student.student_number == number).status


def test_automatic_withdrawal_from_the_command_line(school):
    db, senior, _other, _admitted = school
    base = ("--db", db, "--kind", "withdrawal", "--student", senior, "--ground", "auto_absence", "--all-seen")
    checked = run_xueji("change", "check", *base, at=AT)
    assert checked.returncode == 2
    assert "[问题] contact_failed：其间学校已与家长多次联系、帮助教育，仍无效" in checked.stdout
    assert "审批环节：本校 → 主管教育行政部门 → 市级教育行政部门" in checked.stdout
    opened = run_xueji("change", "open", *base, "--declare", "contact_failed=是", at=AT)
    assert opened.returncode == 0, opened.stderr
    case = opened.stdout.split("申请 ")[1].split("（")[0]
    for party, person in (("school", "张校长"), ("bureau", "县教育局 刘建军"), ("city_bureau", "市教育局 周海燕")):
        step = run_xueji("change", "step", "--db", db, "--case", case, "--party", party, "--person", person,
                         "--outcome", "approved", at=AT)
        assert step.returncode == 0, step.stderr
    assert "申请已办结" in step.stdout
    assert _status(db, senior) == "withdrawn"


def test_a_seniors_suspension_and_a_refused_ground(school):
    db, _senior, other, _admitted = school
    refused = run_xueji("change", "open", "--db", db, "--kind", "withdrawal", "--student", other, "--ground",
                        "auto_absence", "--all-seen", "--declare", "contact_failed=是", at=AT)
    assert refused.returncode == 2 and "《长治市实施细则》第三十一条" in refused.stderr
    suspended = run_xueji("change", "check", "--db", db, "--kind", "suspension", "--student", other, "--ground",
                          "illness", "--effective", "2026-12-07", "--until", "2027-07-10", "--all-seen", at=AT)
    assert "审批环节：本校 → 市级教育行政部门" in suspended.stdout, suspended.stdout + suspended.stderr


def test_cancelling_a_gao_yi_admission(school):
    db, _senior, _other, number = school
    asked = run_xueji("admissions", "cancel", number, "--db", db, at=AT)
    assert asked.returncode == 2 and "请确认该生也未办理延期入学手续" in asked.stderr
    done = run_xueji("admissions", "cancel", number, "--no-delay", "--db", db, at=AT)
    assert done.returncode == 0, done.stderr
    listed = run_xueji("admissions", "list", "--all", "--db", db, at=AT)
    assert "已取消入学资格" in listed.stdout
