"""The fields of a pupil's record and of a family member, described once.

Each field knows its Chinese label (the national template's column name), its kind, its code
table and whether the standard requires it. The database columns, the wizard's widgets, the
PUPIL.json/Excel mapping and the 学生基本信息表 all read this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import codes
from .codes import CodeTable


class Kind(str, Enum):
    TEXT = "text"
    NAME = "name"  # a person's name: Chinese characters (and ·), no digits or Latin letters
    DATE = "date"
    MONTH = "month"  # 入学年月, stored as YYYY-MM
    CODE = "code"  # one of a code table
    REGION = "region"  # GB/T 2260 six-digit county code
    PHONE = "phone"
    POSTCODE = "postcode"
    ID_NUMBER = "id_number"
    NUMBER = "number"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    table: CodeTable | None = None
    required: bool = False
    default: str = ""
    max_len: int = 100
    template_column: str | None = None  # column name in the national import template, if different


def _f(key, label, kind=Kind.TEXT, table=None, required=False, default="", max_len=100, column=None):
    return Field(key, label, kind, table, required, default, max_len, column)


STUDENT_FIELDS: tuple[Field, ...] = (
    # identity
    _f("name", "姓名", Kind.NAME, required=True, max_len=30),
    _f("sex", "性别", Kind.CODE, codes.SEX, required=True),
    _f("birth_date", "出生日期", Kind.DATE, required=True),
    _f("birthplace", "出生地", Kind.REGION, required=True, column="出生地行政区划代码"),
    _f("native_place", "籍贯", Kind.REGION, required=True),
    _f("ethnicity", "民族", Kind.CODE, codes.ETHNICITY, required=True, default="01"),
    _f("nationality", "国籍/地区", Kind.CODE, codes.NATIONALITY, required=True, default="CHN"),
    _f("id_type", "身份证件类型", Kind.CODE, codes.ID_TYPE, required=True, default=codes.RESIDENT_ID,
       column="证件类型"),
    _f("id_number", "身份证件号", Kind.ID_NUMBER, max_len=30, column="身份证号"),
    _f("hmt", "港澳台侨外", Kind.CODE, codes.HMT, required=True, default="00"),
    _f("political_status", "政治面貌", Kind.CODE, codes.POLITICAL, default="13"),
    _f("health", "健康状况", Kind.CODE, codes.HEALTH, required=True, default="10"),
    _f("name_pinyin", "姓名拼音", max_len=60),
    _f("former_name", "曾用名", Kind.NAME, max_len=30),
    _f("id_valid_until", "身份证件有效期", max_len=30),
    _f("hukou_place", "户口所在地", Kind.REGION, required=True, column="户口所在地行政区划"),
    _f("hukou_nature", "户口性质", Kind.CODE, codes.HUKOU_NATURE, required=True),
    _f("speciality", "特长"),
    # schooling
    _f("aux_number", "学籍辅号", max_len=30),
    _f("class_seq", "班内学号", Kind.NUMBER, max_len=4),
    _f("entry_month", "入学年月", Kind.MONTH, required=True),
    _f("entry_mode", "入学方式", Kind.CODE, codes.ENTRY_MODE, required=True, default="11"),
    _f("study_mode", "就读方式", Kind.CODE, codes.STUDY_MODE, required=True, default="1"),
    _f("source", "学生来源", Kind.CODE, codes.SOURCE, default="1"),
    # contact
    _f("address", "现住址", required=True),
    _f("mail_address", "通信地址", required=True),
    _f("home_address", "家庭地址", required=True),
    _f("phone", "联系电话", Kind.PHONE, required=True, max_len=20),
    _f("postcode", "邮政编码", Kind.POSTCODE, required=True, max_len=6),
    _f("email", "电子信箱"),
    _f("homepage", "主页地址"),
    # circumstances
    _f("only_child", "是否独生子女", Kind.CODE, codes.YES_NO, required=True, default="0"),
    _f("preschool", "是否受过学前教育", Kind.CODE, codes.YES_NO, required=True, default="1"),
    _f("left_behind", "是否留守儿童", Kind.CODE, codes.LEFT_BEHIND, default="0"),
    _f("migrant_child", "是否进城务工人员随迁子女", Kind.CODE, codes.YES_NO, default="0"),
    _f("orphan", "是否孤儿", Kind.CODE, codes.YES_NO, default="0"),
    _f("martyr_child", "是否烈士或优抚子女", Kind.CODE, codes.YES_NO, default="0"),
    _f("inclusive", "随班就读", Kind.CODE, codes.YES_NO, default="0"),
    _f("disability_type", "残疾人类型", Kind.CODE, codes.DISABILITY),
    _f("govt_paid_place", "是否由政府购买学位", Kind.CODE, codes.YES_NO, default="0"),
    _f("needs_aid", "是否需要申请资助", Kind.CODE, codes.YES_NO, default="0"),
    _f("one_subsidy", "是否享受一补", Kind.CODE, codes.YES_NO, default="0"),
    _f("distance_km", "上下学距离", Kind.NUMBER, max_len=6),
    _f("commute", "上下学方式", Kind.CODE, codes.COMMUTE, column="上下学交通方式"),
    _f("school_bus", "是否需要乘坐校车", Kind.CODE, codes.YES_NO, default="0", column="是否乘坐校车"),
)

GUARDIAN_FIELDS: tuple[Field, ...] = (
    _f("name", "姓名", Kind.NAME, required=True, max_len=30),
    _f("relation", "关系", Kind.CODE, codes.RELATION, required=True),
    _f("relation_note", "关系说明"),
    _f("ethnicity", "民族", Kind.CODE, codes.ETHNICITY, default="01"),
    _f("employer", "工作单位"),
    _f("position", "职务"),
    _f("address", "现住址"),
    _f("hukou_place", "户口所在地", Kind.REGION, column="户口所在地行政区划"),
    _f("phone", "联系电话", Kind.PHONE, required=True, max_len=20),
    _f("is_guardian", "是否监护人", Kind.CODE, codes.YES_NO, required=True, default="1"),
    _f("id_type", "身份证件类型", Kind.CODE, codes.ID_TYPE, default=codes.RESIDENT_ID),
    _f("id_number", "身份证件号", Kind.ID_NUMBER, max_len=30),
)

STUDENT = {f.key: f for f in STUDENT_FIELDS}
GUARDIAN = {f.key: f for f in GUARDIAN_FIELDS}

# Fields a registrar may change at once, the change logged (《营口市规定》三(三)); the rest are key
# fields that change only through a case with evidence and approvals.
ROUTINE_FIELDS = ("address", "phone", "hukou_place", "left_behind", "migrant_child")

# Required in the 学生基本信息表 (年级★, 班级★) but chosen, not typed: the record's placement.
PLACEMENT_REQUIRED: dict[str, str] = {"grade": "年级", "school_class": "班级"}
# The 证件类型 with which the 身份证件号 may stay empty (the school files an 在本校就读证明 instead).
ID_NUMBER_OPTIONAL_TYPES = ("Z",)


def required_keys(values: dict[str, str] | None = None) -> frozenset[str]:
    """The pupil's fields that must be filled, given what is filled so far: the standard's ★ fields,
    年级 and 班级, the 身份证件号 unless the 证件类型 is 其他, the 残疾人类型 of a pupil in 随班就读.

    None of the regions' texts adds a required field of its own; the validation (core.pupils.validation)
    and this set say the same."""
    values = values or {}

    def value(key: str) -> str:
        v = values.get(key)
        return (v.strip() if isinstance(v, str) else v) or STUDENT[key].default

    keys = {f.key for f in STUDENT_FIELDS if f.required} | set(PLACEMENT_REQUIRED)
    if value("id_type") not in ID_NUMBER_OPTIONAL_TYPES:
        keys.add("id_number")
    if value("inclusive") == "1":
        keys.add("disability_type")
    return frozenset(keys)


def required_guardian_keys() -> frozenset[str]:
    """A family member's fields that must be filled (member 1 always, member 2 once started)."""
    return frozenset(f.key for f in GUARDIAN_FIELDS if f.required)
