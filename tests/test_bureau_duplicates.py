"""Duplicate 学籍 caught at the bureau's import (issue: the county's view of its children), on SQLite and on
PostgreSQL: two schools of the county that register the same child — by ID number, or without one by name, sex
and birth date — are recorded once per pair, listed by `duplicates`; a child who moved by a transfer is not."""

import datetime as dt

from tests.conftest import pupil_draft
from tests.test_bureau_graduates import SET_UP, County, P, Q
from xueji_desktop.bureau import duplicates
from xueji_desktop.core.admission import enrolment
from xueji_desktop.store.models import SchoolClass

LATER = SET_UP + dt.timedelta(days=9)


def _enrol(county, code, name, seq, day=SET_UP, **student):
    ws = county.school(code, day)
    try:
        draft = pupil_draft(name=name, grade=3, new=False, birth=dt.date(2018, 4, 2), seq=seq, **student)
        draft.class_id = SchoolClass.get((SchoolClass.grade == 3) & (SchoolClass.number == 1)).id
        for f in enrolment.check(ws, draft):
            if f.severity.name == "WARN":
                draft.reasons[f.rule] = "测试：情况已核实"
        return enrolment.enrol(ws, draft)[0].student_number
    finally:
        ws.close()


def test_the_same_child_at_two_schools_is_caught_once(bureau_backend, bureau_target, tmp_path):
    county = County(tmp_path, bureau_target)
    first = _enrol(county, P, "周小雨", 611)
    county.export(P, SET_UP)
    second = _enrol(county, Q, "周小雨", 611, day=LATER)  # the same ID number, registered again at 河东小学
    _enrol(county, Q, "吴一凡", 613, day=LATER)
    county.export(Q, LATER)
    with county.bureau(LATER) as store:
        [line] = duplicates.duplicates()
        assert (line.a.school_code, line.a.student_number, line.b.school_code, line.b.student_number) == (
            P, first, Q, second)
        assert line.matched_by == duplicates.BY_ID and line.match_label == "身份证件号相同"
        assert line.a.name == line.b.name == "周小雨" and line.status == "open"
        assert line.found_at.date() == LATER
        assert (line.a.entered, line.b.entered) == (SET_UP.isoformat(), LATER.isoformat())  # who registered first
        assert line.a.received.startswith(f"{SET_UP:%Y-%m-%d}") and line.a.received.endswith("（第 1 批）")
        assert line.b.received.startswith(f"{LATER:%Y-%m-%d}")  # when each record reached the bureau
    county.export(Q, LATER + dt.timedelta(days=1))  # nothing new: the pair is kept once
    with county.bureau(LATER) as store:
        assert len(duplicates.duplicates()) == 1
        assert store is not None


def test_without_a_resident_id_name_sex_and_birth_date_match(bureau_backend, bureau_target, tmp_path):
    county = County(tmp_path, bureau_target)
    _enrol(county, P, "郑晓冬", 621, id_type="A", id_number="E12345678")  # a passport here
    county.export(P, SET_UP)
    _enrol(county, Q, "郑晓冬", 621, day=LATER, id_type="A", id_number="E87654321")  # another one there
    county.export(Q, LATER)
    with county.bureau(LATER):
        [line] = duplicates.duplicates()
        assert line.matched_by == duplicates.BY_NAME and line.key.startswith("郑晓冬|")
        assert line.key_label == "郑晓冬、男、2018-04-02"


def test_bureau_duplicates_from_the_command_line(tmp_path):
    from tests.conftest import run_xueji
    from xueji_desktop.bureau.access_log import BureauAccess

    target = str(tmp_path / "bureau.sqlite3")
    county = County(tmp_path, target)
    _enrol(county, P, "周小雨", 611)
    county.export(P, SET_UP)
    _enrol(county, Q, "周小雨", 611, day=LATER)
    county.export(Q, LATER)
    at = dt.datetime.combine(LATER, dt.time(16))
    env = {"XUEJI_PASSWORD": "bureau-pass-1", "XUEJI_USER": "admin"}
    listed = run_xueji("bureau", "duplicates", "--db", target, at=at, env=env)
    assert listed.returncode == 0, listed.stderr
    head, row = listed.stdout.splitlines()
    assert head.startswith("编号\t状态\t依据") and "\t待处理\t身份证件号相同\t" in row and "\t入学日期A\t" in head
    assert "测试县城关小学（2108110011）" in row and "测试县河东小学（2108110031）" in row and row.count("周小雨") == 2
    with county.bureau(LATER):
        assert BureauAccess.select().where(BureauAccess.subject.contains("重复学籍")).get().pupil_count == 2
