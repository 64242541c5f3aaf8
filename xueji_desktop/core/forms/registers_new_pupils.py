"""新生花名册 (《营口市规定》三(五)) and 初一、一年级新生录取花名册 (《长治市实施细则》第六条（九）): the pupils
registered as 新生 in a period (an intake), grade by grade, one row each, for the school's archive.

Neither text gives a layout: the columns are the record's identifying fields the national system keys a
new pupil by (学籍号, 姓名, 性别, 民族, 出生日期, 身份证件号, 户口所在地), how and where they entered (入学方式,
编入班级, 入学日期) and whom to reach (监护人); a pupil who has since left is still listed, with where
they are now in 备注. The title is the region's (profile ``forms.registers``); ``{入学年级}`` in it is
filled with the school's entry grades (一年级, 初一).
"""

from __future__ import annotations

import datetime as dt

from ..school_year.registers import NewPupil, Period, entry_grade_names
from .model import Column
from .registers_common import Register, RegisterSpec, Section, numbered, school_header, source_notes

COLUMNS = [  # widths in points on a landscape A4 page (762 pt between the margins)
    Column("序号", 26), Column("学籍号", 94), Column("姓名", 46), Column("性别", 26), Column("民族", 40),
    Column("出生日期", 56), Column("身份证件号", 90), Column("户口所在地", 92, "left"), Column("入学方式", 44),
    Column("编入班级", 62), Column("入学日期", 56), Column("监护人及联系电话", 90, "left"), Column("备注", 40),
]
NOTES = ("本表按学生注册为新生时的入学日期统计；已转出、休学等学生仍列入本表，备注栏注明其现学籍状态。",)


def title_of(spec: RegisterSpec, school) -> str:
    return spec.title.replace("{入学年级}", "、".join(entry_grade_names(school.kind, school.system)))


def _row(p: NewPupil) -> list[str]:
    note = "" if p.status == "在校" else f"现{p.status}"
    return [p.student_number, p.name, p.sex, p.ethnicity, p.birth_date, p.id_number, p.hukou_place, p.entry_mode,
            p.class_name, p.entry_date, p.guardian, note]


def build(spec: RegisterSpec, school, period: Period, pupils: list[NewPupil], printed_on: dt.date,
          grade_name) -> Register:
    """``grade_name(grade)`` names a grade (七年级); sections follow the grades in the data."""
    grades = sorted({p.grade for p in pupils})
    sections = []
    for g in grades:
        mine = [p for p in pupils if p.grade == g]
        boys = sum(1 for p in mine if p.sex == "男")
        sections.append(Section(f"{grade_name(g)}新生 {len(mine)} 人（男 {boys} 人，女 {len(mine) - boys} 人）",
                                numbered([_row(p) for p in mine]), sheet=f"{grade_name(g)}新生"))
    if not sections:
        sections = [Section("", [], sheet="新生")]
    boys = sum(1 for p in pupils if p.sex == "男")
    summary = [[("新生人数", f"{len(pupils)} 人"), ("男", f"{boys} 人"), ("女", f"{len(pupils) - boys} 人"),
                ("其中现不在校", f"{sum(1 for p in pupils if p.status != '在校')} 人")]]
    return Register(title_of(spec, school), school_header(school, period.label, period.span, printed_on),
                    COLUMNS, sections, summary=summary, notes=[*NOTES, *source_notes(spec)],
                    empty_text="（本期无新生）")
