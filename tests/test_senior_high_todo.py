"""The to-do list of a 长治 school with 高中: 高一 new pupils past the report deadline (第十二条) and their
admission cancelled, 旷课 reaching 自动退学 (第三十一条), 留校察看 ending (第四十条), the diplomas by 31 May
(第三十六条)."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school
from tests.test_todo import enrol
from xueji_desktop.core.admission import continuation
from xueji_desktop.core.dates.workdays import WorkCalendar
from xueji_desktop.core.discipline import records
from xueji_desktop.core.discipline.records import DisciplineDraft
from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays, save_absences
from xueji_desktop.core.overview.todo import todo_items
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.store.models import Event


def move_to(ws, day: dt.date) -> None:
    ws.test_clock.now = dt.datetime.combine(day, dt.time(9))


@pytest.fixture
def cz(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 8, 20))
    ws.login("registrar", PASSWORD)
    ws.senior = enrol(ws, "王高二", grade=11, seq=423)
    ws.gao_san = enrol(ws, "赵高三", grade=12, seq=425)
    yield ws
    ws.close()


def _admit(ws, name="孙晓东", number="G140403201103070417"):
    with ws.db.atomic():
        continuation.receive({"student_number": number, "name": name, "grade": 9, "admitted_on": "2026-08-01",
                              "person": "长治市教育局 周海燕", "from_school": {"name": "长治市第九中学", "code": "2140000009"}},
                             3, ws.today())
    return number


def kinds(ws):
    return {i.kind: i for i in todo_items(ws)}


def test_a_gao_yi_new_pupil_who_never_reports_loses_the_place(cz):
    number = _admit(cz)
    calendar = WorkCalendar.from_store()
    deadline = continuation.report_deadline(cz, calendar)
    assert deadline > dt.date(2026, 9, 1)
    move_to(cz, deadline)
    item = kinds(cz)["high_no_show"]
    assert item.due == deadline and "孙晓东" in item.detail and "《长治市实施细则》第十二条" in item.detail
    with pytest.raises(RuleViolation, match="尚未届满"):
        continuation.cancel_admission(cz, number, True, calendar)
    move_to(cz, deadline + dt.timedelta(days=1))
    with pytest.raises(RuleViolation, match="也未办理延期入学手续"):
        continuation.cancel_admission(cz, number, False, calendar)
    continuation.cancel_admission(cz, number, True, calendar)
    [a] = continuation.admissions()
    assert not a.waiting and a.state.startswith("已取消入学资格")
    assert Event.select().where(Event.kind == "admission_cancelled").get().articles
    assert "high_no_show" not in kinds(cz)


def test_truancy_reaching_article_31_is_an_alert(cz):
    move_to(cz, dt.date(2026, 11, 27))
    days = SchoolDays.for_workspace(cz).between(dt.date(2026, 9, 14), dt.date(2026, 11, 27))
    assert len(days) > 40
    save_absences(cz, cz.senior.school_class_id, {(cz.senior.id, d): Kind.UNEXCUSED for d in days[:40]})
    assert "auto_withdrawal" not in kinds(cz)  # 40 school days is 8 weeks, not more
    save_absences(cz, cz.senior.school_class_id, {(cz.senior.id, d): Kind.UNEXCUSED for d in days[40:]})
    item = kinds(cz)["auto_withdrawal"]
    assert item.alert and "《长治市实施细则》第三十一条" in item.detail and "王高二" in item.who


def test_probation_ending_and_the_diplomas_by_the_end_of_may(cz):
    move_to(cz, dt.date(2027, 3, 10))
    records.record(cz, DisciplineDraft(kind="punishment", student_id=cz.senior.id, level="留校察看",
                                       reason="多次打架，经教育不改", decided_on=dt.date(2026, 4, 1),
                                       decided_by="本校", ends_on=dt.date(2027, 3, 20)))
    items = kinds(cz)
    assert items["probation"].due == dt.date(2027, 3, 20) and "开除学籍" in items["probation"].detail
    assert items["diplomas"].due == dt.date(2027, 5, 31) and "高三在校 1 人" in items["diplomas"].detail
    move_to(cz, dt.date(2027, 6, 2))
    assert "diplomas" not in kinds(cz)


def test_liangshan_reminds_an_ethnic_stream_school_of_its_gao_yi_roll(tmp_path):
    ws = make_school(tmp_path / "ls.sqlite3", profile_id="liangshan", kind=SchoolKind.HIGH, today=dt.date(2027, 8, 1))
    item = kinds(ws)["ethnic_stream"]
    assert item.due == dt.date(2027, 8, 25) and "《凉山州规定》六" in item.detail and "非一类模式学校无需报送" in item.detail
    move_to(ws, dt.date(2027, 8, 26))
    assert "ethnic_stream" not in kinds(ws)
    ws.close()
