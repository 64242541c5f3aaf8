"""The national system's pupil table in its two layouts, as data: one table for the export and the import.

* ``official`` (the default): the Ministry's 学生基本信息表 and its 填写说明 — the fields in the table's
  order (姓名, 性别, 出生日期, 出生地, 籍贯, 民族, 国籍/地区, 身份证件类型, 身份证件号, 港澳台侨外, 政治面貌,
  健康状况, …, 姓名拼音, …, 随班就读 …), the table's own headers, and its labels where they differ from the
  template's (户口性质: 农业户口 / 非农业户口).
* ``template``: the import template (学生信息导入模板) as public code writes it (REFERENCE.md): its own column
  order and headers (证件类型, 身份证号, 出生地行政区划代码 …); it has no column for 姓名拼音 or 随班就读.

Both start with the regional wrapper (编号, 区县, 就读学校, 学籍接续标识, 学校标识码) that names the school.
Rows inside the program are keyed by the template's column names (`national_row`, `draft_from_row`);
`render` turns one into a layout's row and `to_template_row` reads a row of either layout back, headers with
or without ★, labels of either layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pupils.fields import GUARDIAN_FIELDS, STUDENT, STUDENT_FIELDS
from .template import CLASS_COLUMN, EXTRA, GRADE_COLUMN, WRAPPER, column_of, member_column

# The template's order (REFERENCE.md, "The national import template"), by field key; 年级, 班级号 between.
TEMPLATE_STUDENT_ORDER: tuple[str, ...] = (
    "name", "sex", "birth_date", "id_type", "id_number", "birthplace", "ethnicity", "nationality", "hmt",
    "hukou_nature", "hukou_place", "address", "only_child", "left_behind", "migrant_child", "orphan",
    "native_place", "health", "political_status", GRADE_COLUMN, CLASS_COLUMN, "entry_month", "entry_mode",
    "study_mode", "mail_address", "home_address", "phone", "postcode", "preschool", "disability_type",
    "govt_paid_place", "needs_aid", "one_subsidy", "martyr_child", "distance_km", "commute", "school_bus",
    "former_name", "id_valid_until", "speciality", "aux_number", "class_seq", "source", "email", "homepage",
)
TEMPLATE_MEMBER_ORDER: tuple[str, ...] = (
    "name", "relation", "relation_note", "address", "hukou_place", "phone", "is_guardian", "id_type", "id_number",
    "ethnicity", "employer", "position")

# The Ministry's table (REFERENCE.md, "Fields of the 学生基本信息表"): the field list's own order, 年级 and 班级
# after 班内学号; 照片 is not a column of a spreadsheet. Family members in the table's order.
OFFICIAL_STUDENT_ORDER: tuple[str, ...] = tuple(
    key for f in STUDENT_FIELDS for key in ((f.key, GRADE_COLUMN, CLASS_COLUMN) if f.key == "class_seq" else (f.key,)))
OFFICIAL_MEMBER_ORDER: tuple[str, ...] = tuple(f.key for f in GUARDIAN_FIELDS)
OFFICIAL_CLASS_HEADER = "班级"

_GUARDIAN = {f.key: f for f in GUARDIAN_FIELDS}


@dataclass(frozen=True)
class Layout:
    id: str
    title: str
    columns: tuple[str, ...]  # the headers, in order
    header_of: dict[str, str]  # template column → this layout's header
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # template column → {template label: ours}

    def header(self, template_column: str) -> str:
        return self.header_of.get(template_column, template_column)


def _template() -> Layout:
    columns = (*WRAPPER, *(k if k in (GRADE_COLUMN, CLASS_COLUMN) else column_of(STUDENT[k])
                           for k in TEMPLATE_STUDENT_ORDER),
               *(member_column(n, _GUARDIAN[k]) for n in (1, 2) for k in TEMPLATE_MEMBER_ORDER))
    return Layout("template", "全国学籍系统导入模板（学生信息导入模板）", columns, {c: c for c in columns})


def _official() -> Layout:
    header_of = {c: c for c in WRAPPER}
    header_of[GRADE_COLUMN], header_of[CLASS_COLUMN] = GRADE_COLUMN, OFFICIAL_CLASS_HEADER
    for key in OFFICIAL_STUDENT_ORDER:
        if key in STUDENT:
            header_of[column_of(STUDENT[key])] = STUDENT[key].label
    for n in (1, 2):
        for key in OFFICIAL_MEMBER_ORDER:
            header_of[member_column(n, _GUARDIAN[key])] = f"成员{n}{_GUARDIAN[key].label}"
    order = (*WRAPPER, *(k if k in (GRADE_COLUMN, CLASS_COLUMN) else column_of(STUDENT[k])
                         for k in OFFICIAL_STUDENT_ORDER),
             *(member_column(n, _GUARDIAN[k]) for n in (1, 2) for k in OFFICIAL_MEMBER_ORDER))
    hukou = column_of(STUDENT["hukou_nature"])
    return Layout("official", "教育部《学生基本信息表》（含填写说明）", tuple(header_of[c] for c in order), header_of,
                  {hukou: {"农业": "农业户口", "非农业": "非农业户口"}})


TEMPLATE = _template()
OFFICIAL = _official()
LAYOUTS: dict[str, Layout] = {OFFICIAL.id: OFFICIAL, TEMPLATE.id: TEMPLATE}
DEFAULT = OFFICIAL

# Any header of either layout (★ and spaces dropped) → the template column it holds.
_READ: dict[str, str] = {}
for _layout in (TEMPLATE, OFFICIAL):
    for _column, _header in _layout.header_of.items():
        _READ.setdefault(_header, _column)
# Every template column either layout can hold (the rows inside the program are keyed by these).
ROW_COLUMNS: tuple[str, ...] = (*TEMPLATE.columns, *(c for c in OFFICIAL.header_of if c not in TEMPLATE.header_of))
_READ.update({c: c for c in EXTRA})  # our own optional columns (新生注册, 身份已核验 …) pass through
# Labels of either layout → the template's label (what the code tables read).
_LABEL_BACK: dict[str, dict[str, str]] = {}
for _layout in LAYOUTS.values():
    for _column, _table in _layout.labels.items():
        _LABEL_BACK.setdefault(_column, {}).update({ours: theirs for theirs, ours in _table.items()})


def plain_header(header) -> str:
    """A header as a person or the national system wrote it: ★ (either width) and every space dropped."""
    return "".join(str(header or "").replace("★", "").replace("☆", "").split())


def template_column(header) -> str | None:
    """The template column a header of either layout holds, or None for a header neither layout has."""
    return _READ.get(plain_header(header))


def render(row: dict[str, str], layout: Layout = DEFAULT) -> dict[str, str]:
    """A row keyed by template columns → the layout's row: its headers, its labels, every column present."""
    out = dict.fromkeys(layout.columns, "")
    for column, value in row.items():
        header = layout.header_of.get(column)
        if header is None:
            continue  # a column this layout does not have
        out[header] = layout.labels.get(column, {}).get(value, value)
    return out


def to_template_row(row: dict) -> tuple[dict, list[str]]:
    """A row read from either layout → (the row keyed by template columns with the template's labels,
    the headers neither layout knows). A value keeps its type (a number cell stays a number)."""
    out, unknown = {}, []
    for header, value in row.items():
        column = template_column(header)
        if column is None:
            unknown.append(str(header))
            continue
        if isinstance(value, str) and column in _LABEL_BACK:
            value = _LABEL_BACK[column].get(value.strip(), value)
        out[column] = value
    return out, unknown
