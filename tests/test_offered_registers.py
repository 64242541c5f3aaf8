"""Which registers a school's region keeps, as the window offers them (titles as printed, period or as of
today), and the terms one may pick: profile data read through core.forms.offered_registers."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from xueji_desktop.core.forms.offered_registers import current_period_label, offered_registers, recent_terms
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.school.school import SchoolKind, SchoolSystem


def school(kind: SchoolKind) -> SimpleNamespace:
    return SimpleNamespace(kind=kind.value, system=SchoolSystem.SIX_THREE.value)


@pytest.mark.parametrize("kind, admission", [(SchoolKind.PRIMARY, "一年级新生录取花名册"),
                                             (SchoolKind.MIDDLE, "初一新生录取花名册"),
                                             (SchoolKind.NINE_YEAR, "一年级、初一新生录取花名册")])
def test_changzhi_registers_with_the_schools_entry_grades(kind, admission):
    regs = offered_registers(load_profile("changzhi"), school(kind))
    assert [(r.id, r.title, r.by_period) for r in regs] == [
        ("class_roster", "在校生分班名册", False), ("cz_change_register", "学生增减情况登记表", True),
        ("graduate_roster", "毕业生花名册", True), ("cz_admission_roster", admission, True)]
    assert [r.source for r in regs] == ["《长治市实施细则》第六条 附件3", "《长治市实施细则》第六条 附件4",
                                        "《长治市实施细则》第六条 附件5", "《长治市实施细则》第六条"]


@pytest.mark.parametrize("pid, ids", [("yingkou", ["new_pupil_roster", "yk_change_register", "graduate_roster"]),
                                      ("liangshan", []), ("national", []), ("heilongjiang", [])])
def test_other_regions_keep_their_own_registers_or_none(pid, ids):
    assert [r.id for r in offered_registers(load_profile(pid), school(SchoolKind.NINE_YEAR))] == ids


def test_recent_terms_latest_first_from_the_coming_autumn_in_the_summer():
    profile = load_profile("changzhi")
    summer = recent_terms(profile, dt.date(2026, 8, 25), count=3)
    assert [(t.code, t.label) for t in summer] == [("2026-1", "2026—2027学年上学期"),
                                                  ("2025-2", "2025—2026学年下学期"),
                                                  ("2025-1", "2025—2026学年上学期")]
    assert (summer[0].start, summer[0].end) == (dt.date(2026, 7, 11), dt.date(2027, 1, 20))
    spring = recent_terms(profile, dt.date(2027, 3, 10))
    assert len(spring) == 6 and spring[0].code == "2026-2" and spring[-1].code == "2024-1"
    assert current_period_label(profile, dt.date(2026, 8, 25)) == "2025—2026学年下学期（2026-01-21 至 2026-07-10）"
    assert current_period_label(profile, dt.date(2026, 9, 10)) == "2026—2027学年上学期（2026-07-11 至 2027-01-20）"
