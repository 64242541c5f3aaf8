"""One pupil's row of the national import template (学生信息导入模板), as a registrar types it.

The reverse of `core.national.template.draft_from_row`: the same column names (`column_of`, `member_column`),
so a row produced here reads back as an enrolment draft. Values follow the template's filling rules
(REFERENCE.md): drop-down columns take the Chinese label, not the code (填汉字); dates YYYYMMDD;
入学年月 YYYYMM; ID and phone numbers as half-width digit strings; every column present, empty when
the record holds nothing for it.

Decisions on the columns the record does not hold one-to-one:
- 年级: the grade's name by years of schooling (一年级 … 九年级); a 五四 middle school's first grade
  is 六年级, as the national system names it.
- 班级号: the class's number within its grade ("1"), empty when the pupil has no class.
- 出生地行政区划代码, 户口所在地行政区划 (pupil and members): the template wants the 12-digit
  statistical area code (统计用区划代码); the record holds the 6-digit county code, so the county's
  own 12-digit code is written (county code + 000000). 籍贯 stays the 6-digit code.
- 区县: the name of the school's county (老边区), from the school's area code; the code itself when
  the code table does not know it.
- 学籍接续标识: not kept by the school record; empty unless the caller passes it.
- 编号: empty; the writer numbers the rows.
"""

from __future__ import annotations

import unicodedata

from ..pupils import regions
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT, STUDENT_FIELDS, Field, Kind
from ..school.school import grade_name
from .layouts import ROW_COLUMNS, TEMPLATE, TEMPLATE_STUDENT_ORDER
from .template import CLASS_COLUMN, GRADE_COLUMN, column_of, member_column

_GUARDIAN = {f.key: f for f in GUARDIAN_FIELDS}

# Region columns the template wants as 12-digit statistical area codes.
_STATISTICAL = frozenset({"birthplace", "hukou_place"})

# The import template's columns (core.national.layouts holds both layouts' orders and headers).
NATIONAL_COLUMNS: tuple[str, ...] = TEMPLATE.columns

# Record fields the template has no column for (the Ministry's table has them: 姓名拼音, 随班就读 …).
NOT_IN_TEMPLATE: tuple[str, ...] = tuple(f.key for f in STUDENT_FIELDS if f.key not in TEMPLATE_STUDENT_ORDER)


def national_row(student, school, *, continuation: str = "", klass=..., members=None) -> dict[str, str]:
    """`student` a store.models.Student, `school` a store.models.School; `continuation` the
    学籍接续标识 when the school knows it. Every column either layout has (layouts.ROW_COLUMNS: the
    template's columns, then the Ministry table's own), keyed by template column, values as text.
    `klass` and `members` (the pupil's class and family, in order) may be given when already loaded."""
    row = dict.fromkeys(ROW_COLUMNS, "")
    row.update({"区县": county_name(school.area_code), "就读学校": _plain(school.name),
                "学籍接续标识": _plain(continuation), "学校标识码": _digits(school.code)})
    for f in STUDENT_FIELDS:
        row[column_of(f)] = cell(f, getattr(student, f.key, None))
    if klass is ...:
        klass = student.school_class
    grade = klass.grade if klass else student.grade
    row[GRADE_COLUMN] = grade_name(grade) if grade else ""
    row[CLASS_COLUMN] = str(klass.number) if klass else ""
    if members is None:
        members = student.guardians.order_by(student.guardians.model.position_no, student.guardians.model.id)
    for n, member in enumerate(list(members)[:2], start=1):
        for f in GUARDIAN_FIELDS:
            row[member_column(n, f)] = cell(f, getattr(member, f.key, None))
    return row


def national_row_from_record(record: dict) -> dict[str, str]:
    """The same row from an exchanged pupil record (core.exchange.snapshots.pupil_record: fields and
    family as text, grade, class number, the school), as the bureau holds it."""
    from types import SimpleNamespace

    if record.get("national"):  # sealed before records left the row to the bureau
        return dict(record["national"])
    school = record.get("school") or {}
    number = record.get("class_number")
    klass = SimpleNamespace(grade=record.get("grade"), number=number) if number else None
    pupil = SimpleNamespace(**{key: (record.get("fields") or {}).get(key) for key in STUDENT},
                            grade=record.get("grade"))
    members = [SimpleNamespace(**{key: m.get(key) for key in _GUARDIAN}) for m in record.get("guardians") or []]
    return national_row(pupil, SimpleNamespace(name=school.get("name", ""), code=school.get("code", ""),
                                               area_code=school.get("area_code", "")),
                        continuation=record.get("continuation", ""), klass=klass, members=members)


def cell(f: Field, value) -> str:
    """One field's stored value as the template wants it typed."""
    if value is None:
        return ""
    if f.kind is Kind.DATE:
        if hasattr(value, "strftime"):
            return value.strftime("%Y%m%d")
        return _digits(value)
    text = _plain(value)
    if not text:
        return ""
    if f.kind is Kind.CODE:
        return f.table.label(text) or text
    if f.kind is Kind.MONTH:
        return _digits(text)
    if f.kind is Kind.REGION:
        code = _digits(text)
        if f.key in _STATISTICAL and len(code) == 6:
            return code + "000000"
        return code
    if f.kind is Kind.ID_NUMBER:
        return "".join(_half_width(text).split()).upper()
    if f.kind in (Kind.PHONE, Kind.POSTCODE):
        return "".join(_half_width(text).split())
    return text


def county_name(area_code: str) -> str:
    """'210811' → '老边区': the county's own name, without its province and prefecture."""
    code = _digits(area_code)
    full = regions.name_of(code)
    if not full:
        return code
    for parent in (code[:4] + "00", code[:2] + "0000"):
        prefix = regions.name_of(parent) if parent != code else ""
        if prefix and full.startswith(prefix) and full != prefix:
            return full[len(prefix):]
    return full


def _plain(value) -> str:
    return str(value).strip()


def _half_width(text: str) -> str:
    """Full-width digits and Latin letters (１２３, Ｘ) made half-width; everything else untouched,
    so the brackets of a Chinese address and rare characters stay as typed."""
    return "".join(unicodedata.normalize("NFKC", c) if c.isalnum() and "\uff10" <= c <= "\uff5a" else c
                   for c in text)


def _digits(value) -> str:
    """Only the half-width digits and letters: '2026-09' → '202609'."""
    return "".join(c for c in _half_width(_plain(value)) if c.isascii() and c.isalnum())
