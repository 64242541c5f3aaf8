"""One clock for the whole program, and a PC clock that may be wrong: each change keeps the day entered for it
and the PC's own time; a PC day earlier than what the database holds, or than the program's release, is named
before anything is written, in the window and on the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft, run_xueji
from xueji_desktop import RELEASE_DATE
from xueji_desktop import clock as program_clock
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.school.clock_check import clock_doubt
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Student

AFTER_RELEASE = dt.date(2027, 3, 1)


def test_the_program_reads_the_moved_clock_everywhere(tmp_path, clock):
    clock.now = dt.datetime(2027, 7, 20, 10, 30)
    assert program_clock.now() == dt.datetime(2027, 7, 20, 10, 30) and program_clock.today() == dt.date(2027, 7, 20)
    ws = make_school(tmp_path / "s.sqlite3", today=dt.date(2027, 2, 22))
    assert ws.today() == dt.date(2027, 2, 22)
    created = Event.select().order_by(Event.seq).first()
    assert created.created_at.date() == dt.date(2027, 2, 22) and created.pc_time.date() == dt.date(2027, 2, 22)


def test_a_stated_day_is_the_program_s_day_and_the_pc_time_is_kept_beside_it(tmp_path, clock, monkeypatch):
    ws = make_school(tmp_path / "s.sqlite3", today=dt.date(2027, 3, 1))
    clock.now = dt.datetime(2027, 3, 5, 14, 0)
    monkeypatch.setenv("XUEJI_TODAY", "2027-03-02")
    assert ws.today() == dt.date(2027, 3, 2)
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="马丽", grade=2, new=False, birth=dt.date(2019, 5, 1)))
    event = Event.get((Event.student == pupil) & (Event.kind == "student_enrolled"))
    assert event.created_at.date() == dt.date(2027, 3, 2)
    assert event.pc_time == dt.datetime(2027, 3, 5, 14, 0)
    assert clock_doubt() is None  # the operator stated the day
    monkeypatch.setenv("XUEJI_TODAY", "3月2日")
    with pytest.raises(program_clock.StatedDayError, match="XUEJI_TODAY.*2026-09-01"):
        program_clock.today()


def test_a_day_earlier_than_the_newest_record_is_doubted(tmp_path, clock):
    ws = make_school(tmp_path / "s.sqlite3", today=AFTER_RELEASE)
    clock.now = dt.datetime(2027, 4, 12, 9)
    enrolment.enrol(ws, pupil_draft(name="马丽", grade=2, new=False, birth=dt.date(2019, 5, 1)))
    assert clock_doubt() is None
    clock.now = dt.datetime(2027, 4, 12, 17)  # later the same day: fine
    assert clock_doubt() is None
    clock.now = dt.datetime(2027, 3, 12, 9)  # a month behind
    doubt = clock_doubt()
    assert doubt is not None and (doubt.today, doubt.newest) == (dt.date(2027, 3, 12), dt.date(2027, 4, 12))
    assert doubt.message == ("电脑日期可能不正确：电脑显示今天是 2027年3月12日，早于最近一次记录（新生注册/建立学籍）"
                             "的日期（2027年4月12日）。")
    ws.close()


def test_a_pc_years_behind_is_doubted_against_the_release_date(tmp_path, clock):
    ws = make_school(tmp_path / "s.sqlite3", today=AFTER_RELEASE)
    clock.now = dt.datetime(2009, 1, 1, 8)
    doubt = clock_doubt()
    assert doubt.newest == AFTER_RELEASE  # the school's own records are newer than the release
    Event.delete().execute()
    doubt = clock_doubt()
    assert doubt.newest == RELEASE_DATE and "本程序" in doubt.message and "2009年1月1日" in doubt.message
    ws.close()


@pytest.fixture
def school_db(tmp_path, clock):
    path = tmp_path / "school.sqlite3"
    ws = make_school(path, today=AFTER_RELEASE)
    enrolment.enrol(ws, pupil_draft(name="马丽", grade=2, new=False, birth=dt.date(2019, 5, 1)))
    ws.close()
    return path


def _events(path) -> int:
    ws = Workspace(path)
    try:
        return Event.select().count()
    finally:
        ws.close()


def test_a_command_on_a_pc_years_behind_writes_nothing_unless_the_date_is_confirmed(school_db, tmp_path):
    before = _events(school_db)
    args = ("keys", "create", "--db", school_db)
    refused = run_xueji(*args, env={"XUEJI_PASSWORD": PASSWORD}, at=dt.datetime(2009, 1, 1, 8), stdin=-3)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "电脑日期可能不正确：电脑显示今天是 2009年1月1日" in refused.stderr
    assert "未写入任何内容" in refused.stderr and "--date-ok" in refused.stderr and "Traceback" not in refused.stderr
    assert _events(school_db) == before

    confirmed = run_xueji(*args, "--date-ok", env={"XUEJI_PASSWORD": PASSWORD}, at=dt.datetime(2009, 1, 1, 8),
                          stdin=-3)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    ws = Workspace(school_db)
    last = Event.select().order_by(Event.seq.desc()).first()
    assert last.kind == "school_keys_created" and last.pc_time.year == 2009  # the bureau can see the clock
    ws.close()


def test_reading_is_never_stopped_by_the_clock(school_db):
    listed = run_xueji("list", "--db", school_db, at=dt.datetime(2009, 1, 1, 8))
    assert listed.returncode == 0 and "马丽" in listed.stdout


def test_a_command_at_a_plausible_day_is_not_asked(school_db):
    done = run_xueji("keys", "create", "--db", school_db, env={"XUEJI_PASSWORD": PASSWORD},
                     at=dt.datetime(2027, 3, 2, 9), stdin=-3)
    assert done.returncode == 0 and "电脑日期" not in done.stderr, done.stderr
    assert Student  # the school's roll is untouched by key creation


def test_the_bureau_names_a_school_clock_that_jumps_back_or_runs_ahead():
    from xueji_desktop.bureau.clock_notes import clock_note

    now = dt.datetime(2027, 3, 10, 15)
    steady = [{"seq": 1, "pc_time": "2027-03-01T09:00:00"}, {"seq": 2, "pc_time": "2027-03-02T10:00:00"},
              {"seq": 3}]  # an event written before the PC's time was kept
    assert clock_note(steady, now) == ""
    back = steady + [{"seq": 4, "pc_time": "2009-01-01T08:00:00"}]
    assert clock_note(back, now) == ("学校电脑时钟可能不准：第 4 项变更的电脑时间 2009-01-01 08:00 早于前一项"
                                     "（第 2 项，2027-03-02 10:00）")
    ahead = [{"seq": 7, "pc_time": "2027-04-20T08:00:00"}]
    assert "晚于本局现在的时间 2027-03-10 15:00" in clock_note(ahead, now)


def test_a_batch_from_a_pc_whose_clock_jumped_back_is_imported_with_a_remark(tmp_path, bureau_target, clock):
    from tests.test_replies import A, World
    from xueji_desktop.core.changes import info_change
    from xueji_desktop.core.exchange import outbox

    world = World(tmp_path, bureau_target)
    ws = world.school(A)
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="马丽", grade=2, new=False, birth=dt.date(2019, 5, 1)))
    ws.close()
    clock.now = dt.datetime(2009, 1, 1, 8)  # the CMOS battery died over the weekend
    ws = Workspace(world.paths[A])
    ws.login("registrar", PASSWORD)
    info_change.update_routine(ws, pupil.id, {"phone": "13904170000"})
    ws.close()

    ws = Workspace(world.paths[A])
    ws.login("registrar", PASSWORD)
    assert outbox.export_to(ws, PASSWORD, world.stick / A).failed is None
    ws.close()
    from xueji_desktop.bureau import importer

    with world.bureau() as store:
        [plan] = importer.import_batches(store, "bureau-pass-1", [world.stick / A])
    assert plan.status == "imported" and plan.new >= 2
    assert "学校电脑时钟可能不准" in plan.line and "2009-01-01" in plan.line


def test_a_pc_a_month_behind_imports_the_bureau_s_reply_from_the_command_line(tmp_path, bureau_target):
    """The reply's facts are the bureau's: the command says the PC's day looks wrong and imports them; a
    change of the school's own (an export) waits for the clock to be confirmed."""
    from tests.test_replies import A, SkewedWorld

    world = SkewedWorld(tmp_path, bureau_target)
    ws = world.school(A)
    enrolment.enrol(ws, pupil_draft(name="马丽", grade=2, new=False, birth=dt.date(2019, 5, 1)))
    ws.close()
    world.export(A)
    world.bureau_import(A)
    world.reply(A)
    behind = dt.datetime(2027, 2, 1, 9)  # a month before the school's own last record
    env = {"XUEJI_PASSWORD": PASSWORD}
    imported = run_xueji("import-reply", "--db", world.paths[A], world.stick / f"reply-{A}", env=env, at=behind,
                         stdin=-3)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "电脑日期可能不正确：电脑显示今天是 2027年2月1日" in imported.stderr
    assert "已被教育局接收" in imported.stdout and "已导入 1 份" in imported.stdout
    (tmp_path / "E").mkdir()
    refused = run_xueji("export", "--db", world.paths[A], "--to", tmp_path / "E", env=env, at=behind, stdin=-3)
    assert refused.returncode == 2 and "未写入任何内容" in refused.stderr
