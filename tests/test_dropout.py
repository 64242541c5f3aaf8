"""Dropout thresholds (控辍保学) from the profiles, on real school databases: a pupil the day before, on
and after each threshold the region's text states, counted in school days only (weekends, holidays and the
winter break are not absence); new pupils who never reported; the to-do list and the dropout workflow
measuring alike; speed on 3,000 pupils."""

from __future__ import annotations

import datetime as dt

import pytest

from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.dropout_control import attendance, dropout
from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.region_profiles import profiles
from xueji_desktop.core.region_profiles.profiles import load_profile
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
    assert texts[("yingkou", "dropout.confirmed")] == "连续达到 4 周（20 个上课日）无故旷课，经学校多次联系动员仍未返校"
    assert texts[("liangshan", "dropout.other_leave")] == "连续超过 3 个月离校未告知学校原因，且联系不上"


def test_each_region_states_how_its_threshold_is_counted_in_school_time():
    """The reading of each article is in the profile (value and note) and on the rules page (规则一览)."""
    from xueji_desktop.core.overview.rules_overview import overview

    readings = {}
    for pid in REGIONS:
        p = load_profile(pid)
        for t in dropout.thresholds(p):
            assert "上课日" in t.rule.note and "寒暑假" in t.rule.note, (pid, t.rule.key)
            readings[(pid, t.rule.key)] = (t.rule.value["counted"], t.rule.value["after"], t.over)
        rows = {row.key: row for _, rs in overview(p) for row in rs}
        for t in dropout.thresholds(p):
            assert rows[t.rule.key].value == dropout.describe(p, t.rule.key) and "上课日" in rows[t.rule.key].value
    assert readings == {("yingkou", "dropout.confirmed"): ("school_days", "P4W", False),
                        ("heilongjiang", "dropout.suspected"): ("school_days", "P7D", True),
                        ("heilongjiang", "dropout.confirmed"): ("term_months", "P1M", False),
                        ("liangshan", "dropout.other_leave"): ("term_months", "P3M", True)}
    assert dropout.describe(load_profile("yingkou"), "dropout.confirmed") == \
        "连续达到 4 周（20 个上课日）：每周按 5 个上课日计，周末、法定节假日和寒暑假不计"


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
    assert on.quote.startswith("学生连续超过7日") and on.needed == 8
    assert on.threshold_text in on.message and on.name in on.message and "8 个上课日" in on.message
    assert "本次须连续 8 个上课日" in on.message and "寒暑假不计" in on.message
    after = proposals_on(ws, D(2026, 11, 12))[pupil.id]
    assert (after.reached, after.run_days) == (True, 9)
    ws.close()


def test_heilongjiang_dropout_after_a_month(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "heilongjiang")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 12, 2))  # a month from Mon 2 Nov: to Tue 1 Dec, 22 school days
    before = proposals_on(ws, D(2026, 11, 30))[pupil.id]
    assert (before.proposed, before.reached) == (Status.SUSPECTED_DROPOUT, True)  # 疑似辍学 reached, not yet 辍学
    on = proposals_on(ws, D(2026, 12, 1))[pupil.id]
    assert (on.proposed, on.reached, on.rule, on.run_days, on.needed) == (
        Status.DROPPED_OUT, True, "dropout.confirmed", 22, 22)
    assert "学期内时间" in on.message
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

def test_yingkou_dropout_after_four_weeks_of_school_days(tmp_path):
    """《营口市规定》五 “无故旷课连续达到4周”: 4 weeks of 5 school days, reached on the 20th school day."""
    ws, pupil = school_with_pupil(tmp_path, "yingkou")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 30))
    before = proposals_on(ws, D(2026, 11, 26))[pupil.id]  # Thu 26 Nov: 19 school days
    assert (before.reached, before.run_days, before.needed, before.proposed) == (False, 19, 20, Status.DROPPED_OUT)
    on = proposals_on(ws, D(2026, 11, 27))[pupil.id]  # Fri 27 Nov: 20 school days
    assert (on.reached, on.run_days, on.article, on.condition) == (True, 20, "《营口市规定》五", "repeated_contact_failed")
    assert proposals_on(ws, D(2026, 11, 29))[pupil.id].run_days == 20  # the weekend adds nothing
    after = proposals_on(ws, D(2026, 11, 30))[pupil.id]
    assert (after.reached, after.run_days) == (True, 21)
    assert proposals_on(ws, D(2026, 11, 20)) == {}  # 15 school days: far
    ws.close()


# --- school time only: the winter break, weekends and holidays are not absence -----------------------------------

def winter_school(tmp_path, pid):
    """A pupil absent without excuse on the last 5 school days before the winter break (14–20 Jan 2026) and the
    first 3 after it (Tue 24 – Thu 26 Feb: the Spring Festival holiday runs to 23 Feb)."""
    ws = make_school(tmp_path / f"{pid}-winter.sqlite3", profile_id=pid, today=D(2026, 1, 5))
    draft = pupil_draft(grade=3, new=False, birth=BIRTH)
    draft.student["entry_month"] = "2025-09"
    pupil, _ = enrolment.enrol(ws, draft)
    before = absent(ws, pupil, D(2026, 1, 14), D(2026, 1, 20))
    after = absent(ws, pupil, D(2026, 2, 21), D(2026, 2, 26))
    assert (len(before), after) == (5, [D(2026, 2, 24), D(2026, 2, 25), D(2026, 2, 26)])
    return ws, pupil


def test_yingkou_the_winter_break_is_not_four_weeks_of_truancy(tmp_path):
    """《营口市规定》五 “无故旷课连续达到4周”: 5 school days before the break and 3 after are 8 school days, not
    4 weeks, although 6 calendar weeks have passed since the first day missed."""
    ws, pupil = winter_school(tmp_path, "yingkou")
    assert proposals_on(ws, D(2026, 2, 13)) == {}  # mid-February, in the break: 5 school days
    assert proposals_on(ws, D(2026, 2, 26)) == {}  # 8 school days: not even near 20
    absent(ws, pupil, D(2026, 2, 27), D(2026, 3, 13))  # the 调休 Saturday 28 Feb is a school day and counts
    near = proposals_on(ws, D(2026, 3, 11))[pupil.id]
    assert (near.reached, near.run_days, near.needed) == (False, 18, 20)
    assert not proposals_on(ws, D(2026, 3, 12))[pupil.id].reached
    on = proposals_on(ws, D(2026, 3, 13))[pupil.id]
    assert (on.reached, on.run_days, on.first_day, on.article) == (True, 20, D(2026, 1, 14), "《营口市规定》五")
    ws.close()


def test_heilongjiang_the_winter_break_is_not_a_month_away(tmp_path):
    """《黑龙江省实施细则》第四十六条: 8 school days across the break are “超过7日” (疑似辍学) but not “一个月”:
    the month is counted in term time, the break is not part of it."""
    ws, pupil = winter_school(tmp_path, "heilongjiang")
    assert proposals_on(ws, D(2026, 2, 13)) == {}  # mid-February: 5 school days, 疑似辍学 not near yet
    feb = proposals_on(ws, D(2026, 2, 26))[pupil.id]
    assert (feb.proposed, feb.reached, feb.run_days, feb.rule) == (Status.SUSPECTED_DROPOUT, True, 8, "dropout.suspected")
    absent(ws, pupil, D(2026, 2, 27), D(2026, 3, 13))
    # a month of term from 14 Jan: 7 days of January, then the 24 days of term left from 20 Feb, to 15 Mar
    assert proposals_on(ws, D(2026, 3, 12))[pupil.id].proposed is Status.SUSPECTED_DROPOUT
    on = proposals_on(ws, D(2026, 3, 13))[pupil.id]
    assert (on.proposed, on.reached, on.run_days, on.needed) == (Status.DROPPED_OUT, True, 20, 20)
    ws.close()


def test_weekends_and_holidays_neither_count_nor_break_a_run(tmp_path):
    """Across National Day: 《营口市规定》五 needs 20 school days of truancy; 《黑龙江省实施细则》第四十六条's month
    of term from Mon 21 Sep ends on 20 Oct and has 17 school days (the holiday itself is not absence)."""
    from xueji_desktop.core.dropout_control import dropout_cases as wf

    for pid, reached_on, needed in (("yingkou", D(2026, 10, 23), 20), ("heilongjiang", D(2026, 10, 20), 17)):
        ws, pupil = school_with_pupil(tmp_path, pid)
        absent(ws, pupil, D(2026, 9, 21), D(2026, 10, 23))
        day_before = D(2026, 10, 22) if pid == "yingkou" else D(2026, 10, 19)
        proposals_on(ws, day_before)
        before = wf.run_of(ws, pupil.id, day_before)
        assert before["days"] == needed - 1 and before["needed_rules"]["dropout.confirmed"] == needed, pid
        assert not before["reached_rules"]["dropout.confirmed"], pid
        on = proposals_on(ws, reached_on)[pupil.id]
        assert (on.proposed, on.reached, on.run_days, on.needed) == (Status.DROPPED_OUT, True, needed, needed), pid
        assert on.first_day == D(2026, 9, 21)
        ws.close()


@pytest.mark.parametrize("pid", ["yingkou", "heilongjiang", "liangshan"])
def test_the_to_do_list_and_the_dropout_workflow_count_alike(tmp_path, pid):
    """The to-do rows (todo.todo_items) and the workflow's run (workflows.dropout.run_of) say the same, day by day,
    for a run that crosses the winter break."""
    from xueji_desktop.core.dropout_control import dropout_cases as wf
    from xueji_desktop.core.overview import todo

    ws, pupil = winter_school(tmp_path, pid)
    absent(ws, pupil, D(2026, 2, 27), D(2026, 6, 5))
    checked, reached = 0, 0
    for day in SchoolDays.for_workspace(ws).between(D(2026, 1, 19), D(2026, 6, 5)):
        ws.test_clock.now = dt.datetime.combine(day, dt.time(17, 0))
        run = wf.run_of(ws, pupil.id, day)
        items = [i for i in todo.todo_items(ws, day) if i.kind == "dropout"]
        props = dropout.near_thresholds(ws, day)
        if not props:
            assert items == [] and not any(run["reached_rules"].values()), day
            continue
        (prop,) = props
        assert items[0].alert == prop.reached == run["reached_rules"][prop.rule], day
        assert prop.needed == run["needed_rules"][prop.rule] and prop.run_days == run["days"], day
        assert prop.message in items[0].detail
        checked += 1
        reached += prop.reached
    assert checked > 10 and reached > 3
    ws.close()


def test_a_threshold_counted_otherwise_than_in_school_time_is_refused(tmp_path):
    import shutil

    from xueji_desktop import paths
    from xueji_desktop.core.region_profiles.profiles import ProfileError

    for name in ("national", "yingkou"):
        shutil.copy(paths.PROFILES_DIR / f"{name}.toml", tmp_path / f"{name}.toml")
    text = (tmp_path / "yingkou.toml").read_text(encoding="utf-8")
    (tmp_path / "yingkou.toml").write_text(text.replace('after = "P4W", counted = "school_days"',
                                                        'after = "P28D", counted = "calendar"'), encoding="utf-8")
    with pytest.raises(ProfileError) as e:
        dropout.thresholds(load_profile("yingkou", directory=tmp_path))
    assert "yingkou.toml: dropout.confirmed.value.counted" in str(e.value) and "按上课日" in str(e.value)
    (tmp_path / "yingkou.toml").write_text(text.replace('after = "P4W", counted = "school_days"',
                                                        'after = "P1M", counted = "school_days"'), encoding="utf-8")
    profiles.clear_cache()
    with pytest.raises(ProfileError, match="只能写日或周"):
        dropout.thresholds(load_profile("yingkou", directory=tmp_path))


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

def test_three_thousand_pupils_with_a_term_of_attendance(tmp_path):
    """The to-do list's question on a big school (its speed: `python -m bench`, to-do list)."""
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
    proposals = dropout.near_thresholds(ws, today)
    assert len(proposals) >= 30 and len({p.student_id for p in proposals}) == len(proposals)
    ws.close()
