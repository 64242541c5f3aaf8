"""高中 punishments (长治 第四十条): 警告, 严重警告, 记过, 留校察看 (at most a year), 开除学籍 (the city bureau
approves; the pupil leaves the roll); the compulsory grades keep their three kinds and no expulsion."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school
from tests.test_todo import enrol
from xueji_desktop.core.discipline import records
from xueji_desktop.core.discipline.records import DisciplineDraft
from xueji_desktop.core.pupils.status import ON_ROLL, Status
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school_year.registers import Period, change_register
from xueji_desktop.store.models import Event, Student

TODAY = dt.date(2026, 11, 10)
CZ40 = "《长治市实施细则》第四十条"


@pytest.fixture
def cz(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    ws.junior = enrol(ws, "李初二", grade=8, seq=421)
    ws.senior = enrol(ws, "王高二", grade=11, seq=423)
    ws.test_clock.now = dt.datetime.combine(TODAY, dt.time(9))
    yield ws
    ws.close()


def punishment(student, level, **kw) -> DisciplineDraft:
    return DisciplineDraft(kind="punishment", student_id=student.id, level=level, reason="多次打架，经教育不改",
                           decided_on=TODAY - dt.timedelta(days=5), decided_by="本校", document_no="校发〔2026〕3号",
                           **kw)


def test_kinds_by_stage(cz):
    assert records.kinds_for(cz, cz.junior.id) == ["警告", "严重警告", "记过"]
    assert records.kinds_for(cz, cz.senior.id) == ["警告", "严重警告", "记过", "留校察看", "开除学籍"]
    with pytest.raises(RuleViolation) as refused:
        records.record(cz, punishment(cz.junior, "留校察看", ends_on=TODAY + dt.timedelta(days=100)))
    assert refused.value.findings[0].article == CZ40 and "没有“留校察看”" in refused.value.findings[0].message
    with pytest.raises(RuleViolation) as refused:
        records.record(cz, punishment(cz.junior, "开除学籍"))
    assert "不得给予“开除学籍”" in refused.value.findings[0].message  # 《义务教育法》第二十七条


def test_probation_of_a_senior_is_at_most_a_year(cz):
    decided = TODAY - dt.timedelta(days=5)
    for ends_on, wanted in ((None, "请填写留校察看的截止日期"), (dt.date(2027, 11, 6), "超过一年")):
        with pytest.raises(RuleViolation) as refused:
            records.record(cz, punishment(cz.senior, "留校察看", ends_on=ends_on))
        assert refused.value.findings[0].article == CZ40 and wanted in refused.value.findings[0].message
    row, _ = records.record(cz, punishment(cz.senior, "留校察看", ends_on=dt.date(2027, 11, 5)))
    assert (row.level, row.ends_on, row.in_archive) == ("留校察看", dt.date(2027, 11, 5), True)
    assert decided.year == 2026


def test_expulsion_needs_the_city_bureaus_approval_and_takes_the_pupil_off_the_roll(cz):
    with pytest.raises(RuleViolation) as refused:
        records.record(cz, punishment(cz.senior, "开除学籍"))
    [f] = refused.value.findings
    assert f.article == CZ40 and "开除普通高中学生的学籍须报市级教育主管部门批准" in f.message
    assert Student.get_by_id(cz.senior.id).status == "enrolled"
    row, _ = records.record(cz, punishment(cz.senior, "开除学籍", approved_by="长治市教育局（长教函〔2026〕41号）",
                                           approved_on=TODAY - dt.timedelta(days=1)))
    pupil = Student.get_by_id(cz.senior.id)
    assert pupil.status == Status.EXPELLED.value and Status.EXPELLED not in ON_ROLL
    event = Event.select().where(Event.kind == "punishment_recorded").get()
    assert "经长治市教育局（长教函〔2026〕41号）批准，学籍注销" in event.summary
    register = change_register(cz.profile, Period(dt.date(2026, 9, 1), TODAY, "本学期"))
    left = [r for r in register.rows if r.name == "王高二"]
    assert [(r.direction, r.kind) for r in left] == [("增加", "非新生注册"), ("减少", "开除学籍")]
