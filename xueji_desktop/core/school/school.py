"""School kinds, 学制 and the compulsory grades 1–9 they teach."""

from __future__ import annotations

from enum import Enum

GRADE_NAMES = {1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
               7: "七年级", 8: "八年级", 9: "九年级"}


class SchoolKind(str, Enum):
    PRIMARY = "primary"
    MIDDLE = "middle"
    NINE_YEAR = "nine_year"

    @property
    def label(self) -> str:
        return {"primary": "小学", "middle": "初中", "nine_year": "九年一贯制"}[self.value]


class SchoolSystem(str, Enum):
    SIX_THREE = "63"
    FIVE_FOUR = "54"

    @property
    def label(self) -> str:
        return {"63": "六三学制", "54": "五四学制"}[self.value]

    @property
    def primary_years(self) -> int:
        return 6 if self is SchoolSystem.SIX_THREE else 5


def grades_taught(kind: SchoolKind, system: SchoolSystem) -> list[int]:
    """Grades by years of compulsory schooling, so 六三 and 五四 map onto the same 1–9."""
    split = system.primary_years
    if kind is SchoolKind.PRIMARY:
        return list(range(1, split + 1))
    if kind is SchoolKind.MIDDLE:
        return list(range(split + 1, 10))
    return list(range(1, 10))


def is_middle(grade: int, system: SchoolSystem) -> bool:
    return grade > system.primary_years


def starting_grades(kind: SchoolKind, system: SchoolSystem) -> list[int]:
    """Where new pupils (新生) enter: grade 1, and the first middle-school grade."""
    taught = grades_taught(kind, system)
    return [g for g in (1, system.primary_years + 1) if g in taught]


def grade_name(grade: int) -> str:
    return GRADE_NAMES.get(grade, f"{grade}年级")


def class_name(grade: int, number: int) -> str:
    return f"{grade_name(grade)}({number})班"
