"""The demo school: built through the services, realistic, deterministic, every status shown."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from xueji_desktop.core.demo_school.demo import BUILD_TIME, DEMO_PASSWORD, DEMO_USER, build_demo, plan_classes
from xueji_desktop.core.demo_school.demo_names import RARE_CHARS
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.pupils.status import ON_ROLL, Status
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.school.events import EventKind
from xueji_desktop.core.school.school import SchoolSystem
from xueji_desktop.core.school.setup import class_limit
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Guardian, SchoolClass, Student

PUPILS = 600


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    summary = build_demo(path, pupils=PUPILS, seed=2026)
    return path, summary


@pytest.fixture
def ws(demo, clock):
    """The demo database, opened afresh for each test (other tests build other files), at its build time."""
    clock.now = BUILD_TIME
    workspace = Workspace(demo[0])
    yield workspace
    workspace.close()


def test_summary_names_the_school_and_the_roll(demo):
    summary = demo[1]
    assert summary.startswith("黑龙江省 ")
    assert "九年一贯制" in summary and f"{PUPILS} 名学生" in summary
    assert DEMO_USER in summary and DEMO_PASSWORD in summary


def test_school_counts_and_every_status(ws):
    assert ws.school.kind == "nine_year" and ws.school.system == "63"
    assert ws.school.profile_id == "heilongjiang" and ws.school.area_code.startswith("23")
    transferred_in = Student.select().where(Student.entry_route == "transfer_in").count()
    assert transferred_in == 1  # the demo's completed transfer case
    assert Student.select().count() == PUPILS + transferred_in
    present = {s.status for s in Student.select(Student.status)}
    # 开除学籍: 高中 in 长治 only; 重复学籍已删除: only through the bureau's 重复学籍核查 of two schools
    assert present == {s.value for s in Status} - {Status.EXPELLED.value, Status.DUPLICATE_REMOVED.value}
    on_roll = Student.select().where(Student.status.in_([s.value for s in ON_ROLL])).count()
    assert PUPILS * 0.9 < on_roll < PUPILS
    grades = {k.grade for k in SchoolClass.select()}
    assert grades == set(range(1, 10))
    assert all(2 <= SchoolClass.select().where(SchoolClass.grade == g).count() <= 3 for g in grades)


def test_demo_user_can_log_in(ws):
    assert ws.login(DEMO_USER, DEMO_PASSWORD).username == DEMO_USER


def test_every_id_number_is_valid_and_matches_the_record(ws):
    today = ws.today()
    for s in Student.select():
        assert s.id_type == "1"
        check = ids.check_resident_id(s.id_number, today)
        assert check.ok and not check.region_unknown, (s.name, s.id_number, check.error)
        assert check.birth_date == s.birth_date, s.name
        assert check.region_code == s.birthplace, s.name
        assert check.sex_code == s.sex, s.name
        if s.identity_verified:
            assert s.student_number == "G" + s.id_number
        else:
            assert s.student_number.startswith(f"L{ws.school.area_code}{s.birth_date:%Y%m%d}")
    unverified = Student.select().where(Student.identity_verified == False).count()  # noqa: E712
    assert 2 <= unverified <= PUPILS * 0.05


def test_guardians_have_valid_ids_and_plausible_ages(ws):
    today = ws.today()
    relations = set()
    for g in Guardian.select():
        check = ids.check_resident_id(g.id_number, today)
        assert check.ok, (g.name, g.id_number, check.error)
        relations.add(g.relation)
        born = check.birth_date.year
        if g.relation in ("51", "52"):
            assert 1980 <= born <= 1995 and check.sex_code == ("1" if g.relation == "51" else "2")
        elif g.relation in ("61", "62"):
            assert 1950 <= born <= 1965
    assert {"51", "52", "61", "62"} <= relations
    assert Guardian.select().count() == 2 * Student.select().count()


def test_birth_dates_fit_the_grade(ws):
    for s in Student.select().where(Student.entry_route != "transfer_in"):  # joined on the case's date
        grade_one = BUILD_TIME.year - (s.grade - 1)  # the autumn the pupil's cohort started school
        latest = dt.date(grade_one - 6, 8, 31)  # 6 full years on 31 Aug
        assert dt.date(grade_one - 8, 9, 1) <= s.birth_date <= latest, (s.name, s.grade, s.birth_date)
        first_year = grade_one if s.grade <= 6 else BUILD_TIME.year - (s.grade - 7)
        assert s.entry_month == f"{first_year}-09" and s.entry_date == dt.date(first_year, 9, 1)
        assert s.entry_route == ("new" if s.grade in (1, 7) else "non_new")


def test_rare_characters_and_minorities_are_present(ws):
    names = "".join(s.name for s in Student.select(Student.name))
    for char in RARE_CHARS:
        assert char in names, char
    assert "\U00020BB7" in names  # 𠮷, outside the BMP
    assert any("·" in s.name and s.ethnicity == "05" for s in Student.select())
    ethnicities = {s.ethnicity for s in Student.select(Student.ethnicity)}
    assert {"01", "02", "03", "10", "11"} <= ethnicities  # 汉 蒙古 回 朝鲜 满
    han = Student.select().where(Student.ethnicity == "01").count()
    assert han > PUPILS * 0.9
    assert len({s.name for s in Student.select(Student.name)}) > PUPILS * 0.6  # not a handful of names


def test_circumstances_are_in_realistic_proportions(ws):
    def share(**where):
        query = Student.select()
        for key, value in where.items():
            query = query.where(getattr(Student, key) == value)
        return query.count() / PUPILS

    assert 0.08 <= share(left_behind="1") + share(left_behind="2") <= 0.22
    assert 0.02 <= share(migrant_child="1") <= 0.09
    assert 0.3 <= share(only_child="1") <= 0.5
    assert share(hukou_nature="1") > 0.75
    assert share(orphan="1") > 0
    for s in Student.select().where(Student.inclusive == "1"):
        assert s.disability_type
    assert share(inclusive="1") > 0
    for s in Student.select().limit(50):
        assert len(s.phone) == 11 and s.phone[:2] in ("13", "15", "18")
        assert s.postcode == "150800" and ("组" in s.address or "号" in s.address)


def test_one_class_exactly_full_and_none_over_the_maximum(ws):
    on_roll = [s.value for s in ON_ROLL]
    full = 0
    for klass in SchoolClass.select():
        maximum = class_limit(ws.profile, klass.grade, ws.system)[1]
        seated = Student.select().where(Student.school_class == klass).count()
        present = Student.select().where((Student.school_class == klass) & Student.status.in_(on_roll)).count()
        assert seated <= maximum and seated <= klass.capacity, klass.name
        full += present == klass.capacity
    assert full >= 1
    primary = [Student.select().where(Student.school_class == k).count()
               for k in SchoolClass.select().where(SchoolClass.grade <= 6)]
    assert sum(35 <= n <= 45 for n in primary) > len(primary) / 2


def test_every_pupil_enrolled_by_the_demo_user(ws):
    events = {e.student_id: e for e in Event.select().where(Event.kind == EventKind.STUDENT_ENROLLED.value)}
    assert len(events) == PUPILS
    assert {e.author.username for e in events.values()} == {DEMO_USER}
    reasons = [json.loads(e.reasons) for e in events.values()]
    assert any(reasons), "at least one warning passed with a recorded reason"
    for r in reasons:
        assert all(len(text) >= 4 for text in r.values())


def test_status_changes_are_recorded_as_demo_events(ws):
    through_workflows = 0
    for s in Student.select().where(Student.status != Status.ENROLLED.value):
        if any(e.kind == EventKind.STATUS_CHANGED.value for e in s.events):
            through_workflows += 1  # the demo's own cases (a suspension), not seeded
            continue
        seeded = [e for e in s.events if e.kind == EventKind.STATUS_SEEDED.value]
        assert len(seeded) == 1, s.name
        payload = json.loads(seeded[0].payload)
        assert payload["to"] == s.status and payload["demo"] is True
        assert seeded[0].summary == f"演示数据：设为{Status(s.status).label}"
    assert through_workflows == 1
    graduates = Student.select().where(Student.status.in_([Status.GRADUATED.value, Status.COMPLETED.value]))
    assert {s.grade for s in graduates} == {9}


def test_same_seed_same_school(tmp_path):
    def roll(name, seed):
        build_demo(tmp_path / name, pupils=120, seed=seed)
        ws = Workspace(tmp_path / name)
        try:
            return [(s.name, s.student_number, s.school_class.name, s.status)
                    for s in Student.select().order_by(Student.id)]
        finally:
            ws.close()

    first = roll("a.sqlite", 7)
    assert len(first) == 120 + 1  # and one pupil transferred in through a demo case
    assert roll("b.sqlite", 7) == first
    assert roll("c.sqlite", 8) != first


def test_refuses_an_existing_file(tmp_path):
    path = tmp_path / "school.sqlite"
    path.write_bytes(b"")
    with pytest.raises(FileExistsError):
        build_demo(path)


@pytest.mark.parametrize("pupils", [60, 600, 3000, 6000])
def test_class_plan_fits_the_profile(pupils):
    profile, system = load_profile("heilongjiang"), SchoolSystem.SIX_THREE
    sizes = plan_classes(pupils, profile, system, random.Random(1))
    assert sum(map(sum, sizes.values())) == pupils
    assert sorted(sizes) == list(range(1, 10))
    for grade, split in sizes.items():
        standard, maximum = class_limit(profile, grade, system)[:2]
        assert 2 <= len(split) <= 30 and all(1 <= n <= min(standard, maximum) for n in split)
    if pupils >= 600:
        assert any(split[0] == class_limit(profile, g, system)[0] for g, split in sizes.items())
