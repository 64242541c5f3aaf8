"""在校生分班名册 (《长治市实施细则》第六条（三）, 附件3): the pupils on each class's roll, class by class, as
they stand on the day it is printed.

The text names the roster without a layout. Each class has its own heading (its pupils, boys and girls,
those away who keep their place, the planned class size) and table; a pupil away from school who keeps
the 学籍 here (休学, 疑似辍学, 借读（外出）…) is listed with that status.
"""

from __future__ import annotations

import datetime as dt

from ..school_year.registers import ClassGroup
from .model import Column
from .registers_common import Register, RegisterSpec, Section, numbered, source_notes

COLUMNS = [  # widths in points on a landscape A4 page (762 pt between the margins)
    Column("序号", 26), Column("学籍号", 96), Column("姓名", 52), Column("性别", 28), Column("出生日期", 60),
    Column("民族", 44), Column("身份证件号", 94), Column("入学年月", 52), Column("学籍状态", 62),
    Column("监护人及联系电话", 150, "left"), Column("备注", 98, "left"),
]
NOTES = (("本名册按打印当日各班学籍在本校的学生编制（在校，以及休学、疑似辍学、借读（外出）等保留学籍的学生），"
         "按班内学号排列，未编班内学号的按学籍号排列。"),)


def _heading(k: ClassGroup) -> str:
    boys = k.count(sex="男")
    away = len(k.pupils) - k.count(status="在校")
    return (f"{k.name}　在籍 {len(k.pupils)} 人（男 {boys} 人，女 {len(k.pupils) - boys} 人"
            + (f"；其中不在校 {away} 人" if away else "") + f"）　计划班额 {k.capacity} 人")


def build(spec: RegisterSpec, school, term_label: str, classes: list[ClassGroup], printed_on: dt.date) -> Register:
    sections = [Section(_heading(k), numbered([[p.student_number, p.name, p.sex, p.birth_date, p.ethnicity,
                                                p.id_number, p.entry_month, p.status, p.guardian, p.remark] for p in k.pupils]),
                        sheet=k.name) for k in classes]
    total = sum(len(k.pupils) for k in classes)
    boys = sum(k.count(sex="男") for k in classes)
    present = sum(k.count(status="在校") for k in classes)
    summary = [[("班级数", f"{len(classes)} 个"), ("在籍学生", f"{total} 人"), ("男", f"{boys} 人"),
                ("女", f"{total - boys} 人")],
               [("其中在校", f"{present} 人"), ("休学等不在校", f"{total - present} 人")]]
    header = [(f"学校名称：{school.name}", f"学校标识码：{school.code}"),
              (f"学期：{term_label}", f"名册日期：{printed_on.year}年{printed_on.month}月{printed_on.day}日")]
    return Register(spec.title, header, COLUMNS, sections, summary=summary, notes=[*NOTES, *source_notes(spec)],
                    empty_text="（本班暂无学生）")
