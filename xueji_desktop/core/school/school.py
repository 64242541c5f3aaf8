"""School kinds, 学制 and the grades they teach: 1–9 compulsory, 10–12 普通高中 (高一–高三)."""

from __future__ import annotations

from enum import Enum

GRADE_NAMES = {1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
               7: "七年级", 8: "八年级", 9: "九年级", 10: "高一年级", 11: "高二年级", 12: "高三年级"}
_SHORT_NAMES = {10: "高一", 11: "高二", 12: "高三"}  # as a high-school class is named: 高一(1)班
HIGH_GRADES = (10, 11, 12)

_KIND_LABELS = {"primary": "小学", "middle": "初中", "nine_year": "九年一贯制", "high": "普通高中",
                "complete": "完全中学", "six_year": "六年一贯制", "twelve_year": "十二年一贯制"}
# The stages (core.dates.school_calendar PRIMARY/MIDDLE/HIGH) each kind teaches.
_KIND_STAGES = {"primary": ("primary",), "middle": ("middle",), "nine_year": ("primary", "middle"),
                "high": ("high",), "complete": ("middle", "high"), "six_year": ("middle", "high"),
                "twelve_year": ("primary", "middle", "high")}


class SchoolKind(str, Enum):
    PRIMARY = "primary"
    MIDDLE = "middle"
    NINE_YEAR = "nine_year"
    HIGH = "high"  # 普通高中, grades 10–12
    COMPLETE = "complete"  # 完全中学: 初中 and 高中 in one school
    SIX_YEAR = "six_year"  # 六年一贯制: 初中 and 高中 as one course (长治 第九条)
    TWELVE_YEAR = "twelve_year"  # 十二年一贯制 (长治 第九条)

    @property
    def label(self) -> str:
        return _KIND_LABELS[self.value]

    @property
    def stages(self) -> tuple[str, ...]:
        return _KIND_STAGES[self.value]

    @property
    def has_high(self) -> bool:
        return "high" in self.stages

    @classmethod
    def from_label(cls, text: str) -> SchoolKind | None:
        """"完全中学" or "complete" → the kind; None when neither."""
        text = text.strip()
        return next((k for k in cls if text in (k.value, k.label)), None)


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
    """Grades by years of schooling, so 六三 and 五四 map onto the same 1–9; 高中 is 10–12 in both."""
    split = system.primary_years
    by_stage = {"primary": range(1, split + 1), "middle": range(split + 1, 10), "high": HIGH_GRADES}
    return [g for stage in kind.stages for g in by_stage[stage]]


def is_middle(grade: int, system: SchoolSystem) -> bool:
    return system.primary_years < grade <= 9


def is_high(grade: int) -> bool:
    return grade in HIGH_GRADES


def stage_key(grade: int, system: SchoolSystem) -> str:
    """"primary", "middle" or "high": the stage whose profile keys (class_size.middle_max …) apply."""
    return "high" if is_high(grade) else "middle" if is_middle(grade, system) else "primary"


def starting_grades(kind: SchoolKind, system: SchoolSystem) -> list[int]:
    """Where new pupils (新生) enter: 一年级, the first middle-school grade, 高一."""
    taught = grades_taught(kind, system)
    return [g for g in (1, system.primary_years + 1, HIGH_GRADES[0]) if g in taught]


def graduation_grades(kind: SchoolKind, system: SchoolSystem) -> list[int]:
    """The grades whose pupils leave with a certificate at the year end: each stage's last grade, except the
    primary stage's in a 九年一贯制 or 十二年一贯制 school, whose sixth grade goes straight on into its 初中.
    (A 完全中学's 九年级 graduate: those the 中考 admits to its 高中 continue there as 高一.)"""
    last = {"primary": system.primary_years, "middle": 9, "high": 12}
    through = kind in (SchoolKind.NINE_YEAR, SchoolKind.TWELVE_YEAR)
    return [last[s] for s in kind.stages if not (through and s == "primary")]


def grade_name(grade: int) -> str:
    return GRADE_NAMES.get(grade, f"{grade}年级")


def class_name(grade: int, number: int) -> str:
    return f"{_SHORT_NAMES.get(grade) or grade_name(grade)}({number})班"
