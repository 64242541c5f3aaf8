"""学校基本信息表 and 校区基本信息表: the first two papers of the school's own 学籍档案, kept forever.

《长治市实施细则》第六条（一）、（二） (附件1, 附件2) names both but prints no layout, so they are drawn
here in the style of the program's other forms (one ruled table with the section written down its left
edge, signature and stamp boxes at the foot), with the items the national system keeps for a school and
a campus; each form says so in its notes.

What the school's set-up data holds is filled in (name, 学校标识码, county, kind, 学制, 公办/民办, the
office's telephone, the registrars) and what the database can count is counted (grades, classes, the
pupils who hold a place, by sex and grade; the campuses the school keeps). The rest — the address, the
head, the leader in charge of 学籍 (第三条 names the three responsible people) — is kept once by the school
(``school_info``) or given for one print (see ``archive_common``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peewee import fn

from xueji_desktop.core.forms.archive_common import Ask, cn_date, fill, registrar_names
from xueji_desktop.core.forms.archive_offer import CAMPUS_TITLE, SCHOOL_TITLE
from xueji_desktop.core.forms.builders import Field, pack_fields, with_section
from xueji_desktop.core.forms.model import (
    SMALL_SIZE,
    Column,
    Form,
    Grid,
    SignatureBox,
    SignatureRow,
    Table,
)
from xueji_desktop.core.pupils import regions
from xueji_desktop.core.pupils.fields import Kind
from xueji_desktop.core.pupils.status import ON_ROLL
from xueji_desktop.core.school.school import SchoolKind, SchoolSystem, grade_name, grades_taught
from xueji_desktop.store.models import SchoolClass, SchoolInfo, Student

MAIN_CAMPUS = "主校区"
SLOTS = 2
SECTION_W, LABEL_W, VALUE_W = 18.0, 82.0, 150.0

# Every value of the 学校基本信息表, by the label it is printed (and given) under.
SCHOOL_ASKS: tuple[Ask, ...] = (
    Ask("学校名称"), Ask("学校标识码"), Ask("统一社会信用代码", max_len=18),
    Ask("学校地址", required=True), Ask("邮政编码", Kind.POSTCODE, required=True),
    Ask("所在行政区划"), Ask("城乡类型", max_len=20),
    Ask("办学类型"), Ask("学制"), Ask("办别"), Ask("举办者", max_len=40),
    Ask("建校年月", Kind.MONTH), Ask("联系电话", Kind.PHONE, required=True, max_len=20),
    Ask("电子信箱"),
    Ask("校长", Kind.NAME, required=True, max_len=30, printed="校长\n（第一责任人）"),
    Ask("校长联系电话", Kind.PHONE, max_len=20),
    Ask("分管副校长", Kind.NAME, required=True, max_len=30, printed="分管学籍工作\n副校长\n（主管责任人）"),
    Ask("分管副校长联系电话", Kind.PHONE, max_len=20),
    Ask("学籍管理员", required=True, printed="学籍管理员\n（直接责任人）"),
    Ask("学籍管理员联系电话", Kind.PHONE, max_len=20),
    Ask("校区数", Kind.NUMBER, max_len=3), Ask("年级数", Kind.NUMBER, max_len=3),
    Ask("班级数", Kind.NUMBER, max_len=5), Ask("在籍学生数", Kind.NUMBER, max_len=6),
    Ask("其中男生", Kind.NUMBER, max_len=6), Ask("其中女生", Kind.NUMBER, max_len=6),
)
SCHOOL_SECTIONS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("基本情况", (
        Field("学校名称", 2), Field("学校标识码"), Field("统一社会信用代码"),
        Field("学校地址"), Field("邮政编码"), Field("所在行政区划"), Field("城乡类型"),
        Field("办学类型"), Field("学制"), Field("办别"), Field("举办者"),
        Field("建校年月"), Field("联系电话"), Field("电子信箱", 2),
    )),
    ("学籍管理\n责任人", (
        Field("校长"), Field("校长联系电话"), Field("分管副校长"), Field("分管副校长联系电话"),
        Field("学籍管理员"), Field("学籍管理员联系电话"),
    )),
    ("办学规模", (
        Field("校区数"), Field("年级数"), Field("班级数"), Field("在籍学生数"),
        Field("其中男生"), Field("其中女生"),
    )),
)

CAMPUS_ASKS: tuple[Ask, ...] = (
    Ask("校区名称", required=True), Ask("校区类型", max_len=10), Ask("所属学校"), Ask("学校标识码"),
    Ask("校区地址", required=True), Ask("邮政编码", Kind.POSTCODE, required=True),
    Ask("所在行政区划"), Ask("城乡类型", max_len=20),
    Ask("校区负责人", Kind.NAME, required=True, max_len=30), Ask("联系电话", Kind.PHONE, required=True, max_len=20),
    Ask("办学层次"), Ask("占地面积", max_len=20), Ask("建筑面积", max_len=20),
    Ask("年级数", Kind.NUMBER, max_len=3), Ask("班级数", Kind.NUMBER, max_len=5),
    Ask("在籍学生数", Kind.NUMBER, max_len=6), Ask("其中男生", Kind.NUMBER, max_len=6),
    Ask("其中女生", Kind.NUMBER, max_len=6),
)
CAMPUS_SECTIONS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("基本情况", (
        Field("校区名称", 2), Field("校区类型"), Field("办学层次"), Field("所属学校"), Field("学校标识码"),
        Field("校区地址"), Field("邮政编码"), Field("所在行政区划"), Field("城乡类型"),
        Field("校区负责人"), Field("联系电话"), Field("占地面积"), Field("建筑面积"),
    )),
    ("办学规模", (
        Field("年级数"), Field("班级数"), Field("在籍学生数"), Field("其中男生"), Field("其中女生"),
    )),
)
COUNTS = ("年级数", "班级数", "在籍学生数", "其中男生", "其中女生")
GRADE_COLUMNS = ("年级", "班级数", "在籍学生数", "其中男生", "其中女生")

SCHOOL_NOTES = (
    ("{article}列本表为学校学籍档案，永久保存；该细则只给出表名、未给出表式，本表式由本软件按全国学籍系统"
    "学校基本信息的常见项目设计，式样与本软件的其他表格一致。"),
    ("学校名称、标识码、所在行政区划、办学类型、学制、办别、联系电话和学籍管理员取自本校设置；校区数按本校"
    "登记的校区（主校区和分校区）计；年级数、班级数和在籍学生数（含休学等保留学籍的学生）按打印当日的学籍数据"
    "统计；其余项目由学校填写。"),
)
CAMPUS_NOTES = (
    ("{article}列本表为学校学籍档案，永久保存；该细则只给出表名、未给出表式，本表式由本软件按全国学籍系统"
    "校区信息的常见项目设计，式样与本软件的其他表格一致。"),
    ("每个校区填写一张。主校区的年级数、班级数和在籍学生数按打印当日全校的学籍数据统计；"
    "分校区的数字由学校填写。"),
)


@dataclass(frozen=True)
class GradeCount:
    grade: int
    classes: int
    pupils: int
    boys: int
    girls: int

    def row(self) -> list[str]:
        return [grade_name(self.grade), str(self.classes), str(self.pupils), str(self.boys), str(self.girls)]


def grade_counts(kind: SchoolKind, system: SchoolSystem) -> list[GradeCount]:
    """Classes and pupils holding a place (core.pupils.status.ON_ROLL) by grade, every grade taught."""
    classes = dict(SchoolClass.select(SchoolClass.grade, fn.COUNT(SchoolClass.id))
                   .where(SchoolClass.retired_year.is_null()).group_by(SchoolClass.grade).tuples())
    pupils: dict[tuple[int, str], int] = {}
    query = (Student.select(Student.grade, Student.sex, fn.COUNT(Student.id))
             .where(Student.status.in_([s.value for s in ON_ROLL])).group_by(Student.grade, Student.sex).tuples())
    for grade, sex, n in query:
        pupils[(grade, sex)] = n
    grades = sorted(set(grades_taught(kind, system)) | set(classes) | {g for g, _ in pupils})
    out = []
    for g in grades:
        boys, girls = pupils.get((g, "1"), 0), pupils.get((g, "2"), 0)
        total = sum(n for (gg, _), n in pupils.items() if gg == g)
        out.append(GradeCount(g, classes.get(g, 0), total, boys, girls))
    return out


def _totals(counts: Sequence[GradeCount]) -> dict[str, str]:
    taught = [c for c in counts if c.classes or c.pupils]
    return {"年级数": str(len(taught)), "班级数": str(sum(c.classes for c in counts)),
            "在籍学生数": str(sum(c.pupils for c in counts)), "其中男生": str(sum(c.boys for c in counts)),
            "其中女生": str(sum(c.girls for c in counts))}


def _area(code: str) -> str:
    name = regions.name_of(code)
    return f"{name}（{code}）" if name else code


def school_stored(school) -> dict[str, str]:
    """What the school's set-up data and records give the 学校基本信息表."""
    kind, system = SchoolKind(school.kind), SchoolSystem(school.system)
    return {
        "学校名称": school.name, "学校标识码": school.code, "所在行政区划": _area(school.area_code),
        "办学类型": kind.label, "学制": system.label, "办别": "民办" if school.private else "公办",
        "联系电话": school.phone or "", "学籍管理员": "、".join(registrar_names()),
        "校区数": str(campus_count()), **_totals(grade_counts(kind, system)),
    }


def campus_count() -> int:
    """The main campus and the branch campuses the school keeps (core.forms.school_info)."""
    return 1 + SchoolInfo.select().where((SchoolInfo.form == "cz_campus_info") & (SchoolInfo.campus > 0)).count()


def campus_stored(school, given: Mapping[str, str]) -> dict[str, str]:
    """What the school's data gives the 校区基本信息表 of its main campus (a branch campus: no counts)."""
    kind, system = SchoolKind(school.kind), SchoolSystem(school.system)
    taught = grades_taught(kind, system)
    stored = {"校区名称": school.name, "校区类型": MAIN_CAMPUS, "所属学校": school.name,
              "学校标识码": school.code, "所在行政区划": _area(school.area_code), "联系电话": school.phone or "",
              "办学层次": f"{kind.label}（{grade_name(taught[0])}至{grade_name(taught[-1])}）"}
    if _is_main(given):
        stored.update(_totals(grade_counts(kind, system)))
    return stored


def _is_main(given: Mapping[str, str]) -> bool:
    return (given.get("校区类型") or MAIN_CAMPUS).strip() == MAIN_CAMPUS


def _grid(sections, asks: Sequence[Ask], values: Mapping[str, str]) -> Grid:
    printed = {a.label: a.box_label for a in asks}
    rows = []
    for title, fields in sections:
        section = pack_fields(fields, values, SLOTS)
        for row in section:
            for cell in row:
                if cell.is_label:
                    cell.text = printed.get(cell.text, cell.text)
        rows += with_section(title, section)
    return Grid(rows, widths=[SECTION_W, *[LABEL_W, VALUE_W] * SLOTS], min_row_height=26.0)


def _grade_table(counts: Sequence[GradeCount]) -> Table:
    rows = [c.row() for c in counts]
    total = _totals(counts)
    rows.append(["合计", *(total[k] for k in GRADE_COLUMNS[1:])])
    return Table([Column(h) for h in GRADE_COLUMNS], rows, font_size=SMALL_SIZE + 1, min_row_height=20.0)


def _signatures() -> SignatureRow:
    return SignatureRow([SignatureBox("填表人（学籍管理员）签字："), SignatureBox("校长签字："),
                         SignatureBox("学校（盖章）")], height=78.0)


def _header(values: Mapping[str, str], printed_on: dt.date, name_key: str) -> list[tuple[str, ...]]:
    return [(f"填报单位：{values.get(name_key, '')}", f"填报日期：{cn_date(printed_on)}")]


@dataclass(frozen=True)
class SchoolSheet:
    """A filled school or campus form: the PDF's layout and the same content for the Excel copy."""

    form: Form
    pairs: list[tuple[str, str]]
    table: tuple[list[str], list[list[str]]] | None


def _pairs(sections, asks: Sequence[Ask], values: Mapping[str, str]) -> list[tuple[str, str]]:
    printed = {a.label: a.box_label.replace("\n", "") for a in asks}
    return [(printed.get(f.label, f.label), values.get(f.label, "")) for _, fields in sections for f in fields]


def build_school_info(ws, given: Mapping[str, str], printed_on: dt.date, *, title: str = SCHOOL_TITLE,
                      article: str = "", blank_missing: bool = False) -> SchoolSheet:
    """The 学校基本信息表 from the school's data and ``given`` (label → value); raises MissingValues."""
    school = ws.school
    values = fill(title, SCHOOL_ASKS, school_stored(school), given, printed_on, blank_missing)
    counts = grade_counts(SchoolKind(school.kind), SchoolSystem(school.system))
    table = _grade_table(counts)
    notes = [n.format(article=article or "学校学籍档案的规定") for n in SCHOOL_NOTES]
    duty = ws.profile.rule("registrar.responsibility")
    if duty.applies and (duty.quote or duty.note):
        notes.append(f"{duty.quote or duty.note}（{duty.article}）。")
    form = Form(title=title, header_lines=_header(values, printed_on, "学校名称"),
                blocks=[_grid(SCHOOL_SECTIONS, SCHOOL_ASKS, values), table, _signatures()],
                notes=notes, fit_one_page=True)
    return SchoolSheet(form, _pairs(SCHOOL_SECTIONS, SCHOOL_ASKS, values),
                       (list(GRADE_COLUMNS), table.rows))


def build_campus_info(ws, given: Mapping[str, str], printed_on: dt.date, *, title: str = CAMPUS_TITLE,
                      article: str = "", blank_missing: bool = False) -> SchoolSheet:
    """The 校区基本信息表 of one campus: the main campus by default, counted from the records; a branch
    campus (校区类型 given as another value) prints the numbers it is given."""
    school = ws.school
    asks = CAMPUS_ASKS if _is_main(given) else tuple(
        Ask(a.label, a.kind, True, a.max_len, a.printed) if a.label in COUNTS[:3] else a for a in CAMPUS_ASKS)
    values = fill(title, asks, campus_stored(school, given), given, printed_on, blank_missing)
    blocks: list = [_grid(CAMPUS_SECTIONS, asks, values)]
    table = None
    if _is_main(given):
        grades = _grade_table(grade_counts(SchoolKind(school.kind), SchoolSystem(school.system)))
        blocks.append(grades)
        table = (list(GRADE_COLUMNS), grades.rows)
    blocks.append(SignatureRow([SignatureBox("填表人（学籍管理员）签字："), SignatureBox("校区负责人签字："),
                                SignatureBox("学校（盖章）")], height=78.0))
    notes = [n.format(article=article or "学校学籍档案的规定") for n in CAMPUS_NOTES]
    form = Form(title=title, header_lines=_header(values, printed_on, "所属学校"), blocks=blocks,
                notes=notes, fit_one_page=True)
    return SchoolSheet(form, _pairs(CAMPUS_SECTIONS, asks, values), table)
