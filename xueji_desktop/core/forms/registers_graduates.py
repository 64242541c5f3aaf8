"""毕业生花名册 (《营口市规定》四(三)3: the school compiles it, the bureau approves and seals it before the
certificates are given; 《长治市实施细则》第六条 附件5): the graduates of one school year, class by class.

Before the year end has graduated anyone, the roster lists the pupils it would graduate (拟毕业), so that the
bureau can approve it first; afterwards it lists the recorded graduates with 毕业 or 结业 and the certificate
numbers entered since. Neither text gives a layout: the columns are the record's identifying fields, the
class, the outcome, the certificate number and the school gone on to.
"""

from __future__ import annotations

import datetime as dt

from ..school_year.graduates import GraduateRow
from .model import Column
from .registers_common import SIGNATURES, Register, RegisterSpec, Section, numbered, school_header, source_notes

COLUMNS = [  # widths in points on a landscape A4 page (762 pt between the margins)
    Column("序号", 26), Column("学籍号", 96), Column("姓名", 48), Column("性别", 26), Column("民族", 40),
    Column("出生日期", 58), Column("身份证件号", 100), Column("入学日期", 58), Column("毕业/结业", 46),
    Column("证书编号", 100), Column("升入学校", 100, "left"), Column("备注", 56, "left"),
]
APPROVAL = "主管教育行政部门核准意见（盖章）："


def _row(g: GraduateRow) -> list[str]:
    return [g.student_number, g.name, g.sex, g.ethnicity, g.birth_date, g.id_number, g.entry_date, g.outcome,
            g.certificate_no, g.next_school, ""]


def build(spec: RegisterSpec, school, year: int, rows: list[GraduateRow], printed_on: dt.date,
          proposed: bool, approval: str = "") -> Register:
    """``proposed``: the rows are the year end's candidates (拟毕业), not yet graduated; ``approval``: the
    region's text on the roster's approval (profile ``certificates.roster_approval``), quoted in the notes."""
    label = f"{year}—{year + 1}学年"
    sections = []
    for klass in sorted({g.class_name for g in rows}):
        mine = [g for g in rows if g.class_name == klass]
        boys = sum(1 for g in mine if g.sex == "男")
        sections.append(Section(f"{klass or '未编班'} {len(mine)} 人（男 {boys} 人，女 {len(mine) - boys} 人）",
                                numbered([_row(g) for g in mine]), sheet=klass or "未编班"))
    if not sections:
        sections = [Section("", [], sheet="毕业生")]
    boys = sum(1 for g in rows if g.sex == "男")
    done = sum(1 for g in rows if g.outcome.endswith("毕业"))
    summary = [[("毕业生人数", f"{len(rows)} 人"), ("男", f"{boys} 人"), ("女", f"{len(rows) - boys} 人"),
                ("毕业", f"{done} 人"), ("结业", f"{len(rows) - done} 人"),
                ("已登记证书编号", f"{sum(1 for g in rows if g.certificate_no)} 人")]]
    header = [school_header(school, label, label, printed_on)[0],
              (f"毕业学年：{label}", f"填报日期：{printed_on.year}年{printed_on.month}月{printed_on.day}日")]
    notes = ["本表列出学年结转前拟毕业（结业）的学生，报主管教育行政部门核准、验印；结转后以正式名册为准。"
             if proposed else
             "本表按学年结转时记录的毕业（结业）学生编制；证书编号由主管教育行政部门核准编号后登记。",
             *([approval] if approval else []), *source_notes(spec)]
    title = spec.title + ("（拟毕业）" if proposed else "")
    return Register(title, header, COLUMNS, sections, summary=summary, notes=notes,
                    empty_text="（本学年无毕业生）", signatures=(*SIGNATURES, APPROVAL))
