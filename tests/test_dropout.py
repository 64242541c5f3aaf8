"""Dropout thresholds (控辍保学) from the profiles, on real school databases: a pupil the day before, on
and after each threshold the region's text states; new pupils who never reported; speed on 3,000 pupils."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from xueji_desktop.core import attendance, dropout
from xueji_desktop.core.attendance import Kind, SchoolDays
from xueji_desktop.core.profiles import load_profile
from xueji_desktop.core.status import Status
from xueji_desktop.core.workflows import enrolment
from xueji_desktop.store.models import Absence, Student

from .conftest import make_school, pupil_draft

D = dt.date
BIRTH = D(2018, 3, 7)
REGIONS = ["yingkou", "liangshan", "heilongjiang", "anyang_beiguan", "changzhi"]


def school_with_pupil(tmp_path, pid, grade=3, new=False, birth=BIRTH, **student):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=D(2026, 9, 1))
    pupil, _ = enrolment.enrol(ws, pupil_draft(grade=grade, new=new, birth=birth, **student))
    return ws, pupil


def absent(ws, pupil, first: D, last: D, kind=Kind.UNEXCUSED):
    """Records `kind` on every school day from `first` to `last` (the clock is moved to `last` for it)."""
    ws.test_clock.now = dt.datetime.combine(last, dt.time(17, 0))
    days = SchoolDays.for_workspace(ws).between(first, last)
    attendance.save_absences(ws, pupil.school_class_id, {(pupil.id, d): kind for d in days})
    return days


def proposals_on(ws, day: D):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(17, 0))
    return {p.student_id: p for p in dropout.near_thresholds(ws, day)}


# --- the data: every threshold cites its article and quote, only where the text states it -------------------

def test_thresholds_are_profile_data_where_the_text_states_them():
    got = {pid: [(t.rule.key, t.proposed) for t in dropout.thresholds(load_profile(pid))]
           for pid in ["national"] + REGIONS}
    assert got == {
        "national": [], "anyang_beiguan": [], "changzhi": [],
        "heilongjiang": [("dropout.suspected", Status.SUSPECTED_DROPOUT), ("dropout.confirmed", Status.DROPPED_OUT)],
        "yingkou": [("dropout.confirmed", Status.DROPPED_OUT)],
        "liangshan": [("dropout.other_leave", Status.LEFT_OTHER)],
    }
    for pid in REGIONS:
        for t in dropout.thresholds(load_profile(pid)):
            assert t.rule.article.startswith(load_profile(pid).document) and t.rule.quote
    texts = {(pid, t.rule.key): t.text for pid in REGIONS for t in dropout.thresholds(load_profile(pid))}
    assert texts[("heilongjiang", "dropout.suspected")] == "连续超过 7 个上课日未经批准无故缺席，且联系不上监护人"
    assert texts[("heilongjiang", "dropout.confirmed")] == "连续一个月未经批准无理由不到校"
    assert texts[("yingkou", "dropout.confirmed")] == "连续达到 4 周无故旷课，经学校多次联系动员仍未返校"
    assert texts[("liangshan", "dropout.other_leave")] == "连续超过 3 个月离校未告知学校原因，且联系不上"


def test_new_pupil_no_show_is_data_in_heilongjiang_and_changzhi_only():
    got = {pid: (t.proposed, t.condition) if (t := dropout.no_show_threshold(load_profile(pid))) else None
           for pid in ["national"] + REGIONS}
    assert got == {"national": None, "yingkou": None, "liangshan": None, "anyang_beiguan": None,
                   "heilongjiang": (Status.SUSPECTED_DROPOUT, "none"),
                   "changzhi": (Status.DROPPED_OUT, "repeated_contact_failed")}
    assert load_profile("changzhi").rule("dropout.no_show_contact").article == "《长治市实施细则》第十二条"


# --- 黑龙江 第四十六条: more than 7 school days → 疑似辍学; a month → 辍学 -----------------------------------------

def test_heilongjiang_suspected_after_more_than_seven_school_days(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 12))  # Mon 2 Nov …: 7 school days on Tue 10 Nov
    assert proposals_on(ws, D(2026, 11, 6)) == {}  # 5 days: not near yet
    near = proposals_on(ws, D(2026, 11, 9))[pupil.id]  # 6 days: near (2 school days to go)
    assert (near.reached, near.run_days, near.proposed) == (False, 6, Status.SUSPECTED_DROPOUT)
    before = proposals_on(ws, D(2026, 11, 10))[pupil.id]
    assert (before.reached, before.run_days) == (False, 7)
    on = proposals_on(ws, D(2026, 11, 11))[pupil.id]
    assert (on.reached, on.run_days, on.rule, on.article) == (True, 8, "dropout.suspected", "《黑龙江省实施细则》第四十六条")
    assert on.quote.startswith("学生连续超过7日") and on.span_days == 10
    assert on.threshold_text in on.message and on.name in on.message and "8 个上课日" in on.message
    after = proposals_on(ws, D(2026, 11, 12))[pupil.id]
    assert (after.reached, after.run_days) == (True, 9)
    ws.close()


def test_heilongjiang_dropout_after_a_month(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 12, 2))  # a month from Mon 2 Nov: to Tue 1 Dec inclusive
    before = proposals_on(ws, D(2026, 11, 30))[pupil.id]
    assert (before.proposed, before.reached) == (Status.SUSPECTED_DROPOUT, True)  # 疑似辍学 reached, not yet 辍学
    on = proposals_on(ws, D(2026, 12, 1))[pupil.id]
    assert (on.proposed, on.reached, on.rule, on.span_days) == (Status.DROPPED_OUT, True, "dropout.confirmed", 30)
    after = proposals_on(ws, D(2026, 12, 2))[pupil.id]
    assert (after.proposed, after.reached) == (Status.DROPPED_OUT, True)
    ws.close()


def test_an_excused_day_breaks_the_run(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 12))
    ws.test_clock.now = dt.datetime(2026, 11, 12, 17)
    attendance.save_absences(ws, pupil.school_class_id, {(pupil.id, D(2026, 11, 9)): Kind.SICK})
    assert proposals_on(ws, D(2026, 11, 12)) == {}  # 10–12 Nov: 3 days only
    ws.close()


def test_registers_not_yet_taken_today_count_up_to_yesterday(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 11))  # 8 school days up to Wed 11 Nov
    morning = proposals_on(ws, D(2026, 11, 12))[pupil.id]  # nothing recorded on Thu 12 Nov yet
    assert (morning.reached, morning.run_days, morning.last_day) == (True, 8, D(2026, 11, 11))
    ws.close()


# --- 营口 五: 4 weeks in a row → 辍学 ---------------------------------------------------------------------------

def test_yingkou_dropout_after_four_weeks(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "yingkou")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 30))
    before = proposals_on(ws, D(2026, 11, 28))[pupil.id]  # Saturday: 27 days
    assert (before.reached, before.span_days, before.proposed) == (False, 27, Status.DROPPED_OUT)
    on = proposals_on(ws, D(2026, 11, 29))[pupil.id]  # Sunday: 28 days
    assert (on.reached, on.span_days, on.article, on.condition) == (True, 28, "《营口市规定》五", "repeated_contact_failed")
    after = proposals_on(ws, D(2026, 11, 30))[pupil.id]
    assert (after.reached, after.span_days) == (True, 29)
    assert proposals_on(ws, D(2026, 11, 20)) == {}  # 19 days: far
    ws.close()


# --- 凉山 二(四): gone over 3 months and unreachable → 其他离校; 随迁子女 archive note ----------------------------

def test_liangshan_other_leave_after_more_than_three_months(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "liangshan")
    absent(ws, pupil, D(2026, 9, 7), D(2026, 12, 8))
    before = proposals_on(ws, D(2026, 12, 6))[pupil.id]  # Sunday 6 Dec: exactly 3 months, not over
    assert (before.reached, before.proposed) == (False, Status.LEFT_OTHER)
    on = proposals_on(ws, D(2026, 12, 7))[pupil.id]
    assert (on.reached, on.rule, on.article) == (True, "dropout.other_leave", "《凉山州规定》二(四)")
    assert proposals_on(ws, D(2026, 12, 8))[pupil.id].reached
    assert on.notes == ()  # not a migrant child
    ws.close()


def test_liangshan_migrant_child_gets_the_archive_line(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang", migrant_child="1")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 11))
    assert proposals_on(ws, D(2026, 11, 11))[pupil.id].notes == ()  # 黑龙江 says nothing of it
    ws.close()
    ws, pupil = school_with_pupil(tmp_path, "liangshan", migrant_child="1")
    absent(ws, pupil, D(2026, 9, 7), D(2026, 12, 8))
    prop = proposals_on(ws, D(2026, 12, 8))[pupil.id]
    assert prop.proposed is Status.LEFT_OTHER and prop.notes == ()  # 其他离校 is not 辍学
    ws.close()


# --- new pupils who never reported (黑龙江 → 疑似辍学, 长治 → 辍学) -------------------------------------------------

@pytest.mark.parametrize("pid, status", [("heilongjiang", Status.SUSPECTED_DROPOUT), ("changzhi", Status.DROPPED_OUT)])
def test_new_pupil_who_never_reported(tmp_path, pid, status):
    ws, pupil = school_with_pupil(tmp_path, pid, grade=1, new=True, birth=D(2020, 3, 7))
    other, _ = enrolment.enrol(ws, pupil_draft(name="李四", seq=449, grade=1))
    absent(ws, pupil, D(2026, 9, 1), D(2026, 9, 3))
    absent(ws, other, D(2026, 9, 2), D(2026, 9, 3))  # present on the first day
    got = proposals_on(ws, D(2026, 9, 3))
    assert set(got) == {pupil.id}
    assert (got[pupil.id].proposed, got[pupil.id].rule, got[pupil.id].reached) == (status, "enrolment.no_show", True)
    assert "新生" in got[pupil.id].threshold_text
    ws.close()


@pytest.mark.parametrize("pid", ["national", "anyang_beiguan"])
def test_regions_without_thresholds_propose_nothing(tmp_path, pid):
    ws, pupil = school_with_pupil(tmp_path, pid, grade=1, new=True, birth=D(2020, 3, 7))
    absent(ws, pupil, D(2026, 9, 1), D(2026, 10, 30))
    assert proposals_on(ws, D(2026, 10, 30)) == {}
    ws.close()


# --- speed ---------------------------------------------------------------------------------------------------------

def test_three_thousand_pupils_with_a_term_of_attendance_in_well_under_100_ms(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    row = Student.select().where(Student.id == pupil.id).dicts().get()
    row.pop("id")
    rows = [dict(row, student_number=f"L{i:018d}", id_number=f"X{i:017d}") for i in range(2999)]
    with ws.db.atomic():
        for chunk in range(0, len(rows), 200):
            Student.insert_many(rows[chunk:chunk + 200]).execute()
        ids = [s.id for s in Student.select(Student.id)]
        days = SchoolDays.for_workspace(ws).between(D(2026, 9, 1), D(2026, 12, 31))
        absences = [{"student": sid, "day": d, "kind": Kind.UNEXCUSED.value if (sid + n) % 3 else Kind.SICK.value,
                     "recorded_by": 1} for n, d in enumerate(days) for sid in ids if (sid * 7 + n) % 29 == 0]
        absences += [{"student": sid, "day": d, "kind": Kind.UNEXCUSED.value, "recorded_by": 1}
                     for sid in ids[:40] for d in days[-12:] if (sid * 7 + days.index(d)) % 29]
        for chunk in range(0, len(absences), 500):
            Absence.insert_many(absences[chunk:chunk + 500]).execute()
    assert Student.select().count() == 3000 and Absence.select().count() > 3000
    today = D(2026, 12, 31)
    dropout.near_thresholds(ws, today)  # warm
    best = min(_timed(lambda: dropout.near_thresholds(ws, today)) for _ in range(5))
    assert len(dropout.near_thresholds(ws, today)) >= 30
    print(f"near_thresholds on 3,000 pupils: {best * 1000:.1f} ms")
    assert best < 0.1
    ws.close()


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
