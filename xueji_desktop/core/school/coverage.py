"""Which stages (小学, 初中, 普通高中) a region's text covers, from its scope article (`scope.stages`).

A school whose kind teaches a stage its text does not cover cannot be set up; a grade of such a stage is
refused wherever it is entered, naming the scope article."""

from __future__ import annotations

from ..dates.school_calendar import stage_label
from ..region_profiles.profiles import Profile
from .school import HIGH_GRADES, SchoolKind, SchoolSystem, stage_key


def stages_covered(profile: Profile) -> tuple[str, ...]:
    return tuple(profile.value("scope.stages"))


def grades_covered(profile: Profile) -> list[int]:
    """Every grade a pupil of another school may be in here: 1–9, and 高一–高三 where the text covers 高中."""
    return list(range(1, 10)) + (list(HIGH_GRADES) if "high" in stages_covered(profile) else [])


def _scope(profile: Profile) -> str:
    """"本地区学籍规定只适用于小学、初中" and the rule's note; the article goes with the finding."""
    rule = profile.rule("scope.stages")
    covered = "、".join(stage_label(s) for s in stages_covered(profile))
    return f"本地区学籍规定只适用于{covered}" + (f"。{rule.note}" if rule.note else "")


def kind_problem(profile: Profile, kind: SchoolKind) -> str | None:
    """Why a school of this kind cannot be set up under this profile; None when it can."""
    missing = [s for s in kind.stages if s not in stages_covered(profile)]
    if not missing:
        return None
    if len(missing) == len(kind.stages):
        return f"学校类型：{kind.label}不在适用范围内，{_scope(profile)}"
    return f"学校类型：{kind.label}含{'、'.join(stage_label(s) for s in missing)}，{_scope(profile)}"


def grade_problem(profile: Profile, grade: int, system: SchoolSystem) -> str | None:
    """Why a pupil cannot be placed in this grade under this profile (高一 in a compulsory-only region)."""
    stage = stage_key(grade, system)
    if stage in stages_covered(profile):
        return None
    return f"年级：{stage_label(stage)}年级不在适用范围内，{_scope(profile)}"
