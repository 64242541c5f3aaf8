"""学生增加（或减少）情况登记表 (《营口市规定》三(五)) and 学生增减情况登记表 (《长治市实施细则》第六条（五）,
附件4): every arrival at and departure from school in a period, by kind, with its day and case number.

The texts name the register without a layout. The sheet opens with the balance (期初在校 + 增加 − 减少 =
期末在校) and the counts by kind, then lists the arrivals (新生入学, 转入, 复学 …) and the departures (转出,
休学, 出国（出境）, 退学 …) one row each, in the order they took effect, then — apart, since they do not
change the number in school — the changes between two statuses away from school (休学 → 其他离校 …).
"""

from __future__ import annotations

import datetime as dt

from ..school_year.registers import ARRIVAL, DEPARTURE, OTHER, ChangeRegister, ChangeRow
from .model import Column
from .registers_common import Register, RegisterSpec, Section, numbered, school_header, source_notes

COLUMNS = [  # widths in points on a landscape A4 page (762 pt between the margins)
    Column("序号", 26), Column("变动日期", 56), Column("变动类别", 62), Column("学籍号", 94), Column("姓名", 46),
    Column("性别", 26), Column("年级班级", 60), Column("学籍状态变化", 80), Column("来源、去向或原因", 190, "left"),
    Column("申请编号", 70), Column("备注", 52),
]
NOTES = (
    ("“增加”指学生因新生入学、转入、复学等成为在校学生，“减少”指在校学生因转出、休学、出国（出境）、退学、死亡、"
    "辍学等不再在校；休学、辍学等不在校学生之间的学籍状态变动另列，不计入在校人数增减。"),
    "变动日期为变动生效之日（经审批的为审批完成之日）；期初、期末在校人数按本软件记录的学籍变动推算。",
)
SECTION_TITLES = {ARRIVAL: "一、学生增加情况", DEPARTURE: "二、学生减少情况",
                  OTHER: "三、其他学籍状态变动（不计入在校人数增减）"}
SHEETS = {ARRIVAL: "学生增加", DEPARTURE: "学生减少", OTHER: "其他学籍变动"}


def _row(r: ChangeRow) -> list[str]:
    return [f"{r.day:%Y-%m-%d}", r.kind, r.student_number, r.name, r.sex, r.class_name, r.status_change, r.detail,
            r.case_number, r.note]


def _kinds(counts: dict[str, int]) -> str:
    return "；".join(f"{k} {n} 人" for k, n in counts.items()) or "无"


def build(spec: RegisterSpec, school, data: ChangeRegister, printed_on: dt.date) -> Register:
    up, down, other = data.of(ARRIVAL), data.of(DEPARTURE), data.of(OTHER)
    summary = [
        [("期初在校人数", f"{data.opening} 人"), ("本期增加", f"{len(up)} 人"), ("本期减少", f"{len(down)} 人"),
         ("期末在校人数", f"{data.closing} 人")],
        [("增加分类", _kinds(data.by_kind(ARRIVAL)))],
        [("减少分类", _kinds(data.by_kind(DEPARTURE)))],
    ]
    if other:
        summary.append([("其他学籍变动", _kinds(data.by_kind(OTHER)))])
    sections = [Section(f"{SECTION_TITLES[d]}（{len(rows)} 人次）", numbered([_row(r) for r in rows]), SHEETS[d])
                for d, rows in ((ARRIVAL, up), (DEPARTURE, down), (OTHER, other)) if rows or d != OTHER]
    p = data.period
    return Register(spec.title, school_header(school, p.label, p.span, printed_on), COLUMNS, sections,
                    summary=summary, notes=[*NOTES, *source_notes(spec)])
