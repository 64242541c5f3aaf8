"""Fixtures: a real school database file, built only through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from xueji_desktop.core import ids
from xueji_desktop.core.profiles import load_profile
from xueji_desktop.core.school import SchoolKind, SchoolSystem
from xueji_desktop.core.workflows.enrolment import EnrolmentDraft
from xueji_desktop.core.workflows.setup import ClassPlan, SchoolSetup, create_school
from xueji_desktop.core.workspace import Workspace
from xueji_desktop.store.models import SchoolClass

PASSWORD = "secret-123"


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def make_school(path, profile_id="national", kind=SchoolKind.NINE_YEAR, today=dt.date(2026, 9, 1),
                capacity=None, classes_per_grade=2) -> Workspace:
    clock = Clock(dt.datetime.combine(today, dt.time(9, 0)))
    ws = Workspace(path, clock=clock)
    setup = SchoolSetup(name="测试县第一中心学校", code="2108110001", kind=kind, system=SchoolSystem.SIX_THREE,
                        profile_id=profile_id, area_code="210811", username="registrar",
                        display_name="王老师", password=PASSWORD, password_again=PASSWORD)
    setup.classes = [ClassPlan(p.grade, classes_per_grade, capacity or p.capacity)
                     for p in setup.default_classes(load_profile(profile_id))]
    create_school(ws, setup)
    ws.test_clock = clock
    return ws


@pytest.fixture
def school(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    yield ws
    ws.close()


def first_class(grade: int) -> SchoolClass:
    return SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == 1))


def pupil_draft(name="张三", birth=dt.date(2020, 3, 7), seq=447, grade=1, new=True, region="210811",
                **student) -> EnrolmentDraft:
    number = ids.make_id_number(region, birth, seq)
    draft = EnrolmentDraft(new_pupil=new, grade=grade, identity_verified=True)
    draft.student = {
        "name": name, "sex": "1" if seq % 2 else "2", "birth_date": birth.isoformat(), "id_type": "1",
        "id_number": number, "ethnicity": "01", "birthplace": region, "native_place": region,
        "hukou_place": region, "hukou_nature": "1", "entry_month": "2026-09", "address": "柳树镇柳树村3组",
        "mail_address": "柳树镇柳树村3组", "home_address": "柳树镇柳树村3组", "phone": "13904171234",
        "postcode": "115005", **student,
    }
    draft.guardians = [{"name": "张建国", "relation": "51", "phone": "13904171234", "is_guardian": "1"}, {}]
    draft.class_id = first_class(grade).id
    return draft
