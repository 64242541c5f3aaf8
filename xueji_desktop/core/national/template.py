"""The national import template's row (学生信息导入模板) ↔ an enrolment draft.

PUPIL.json for `xueji enrol` is one flat object keyed by the template's column names, values as a
registrar types them (性别 "男", 民族 "汉族", dates YYYYMMDD or YYYY-MM-DD); the Excel import reads
the same rows.
"""

from __future__ import annotations

import re
import unicodedata

from ..admission.enrolment import EnrolmentDraft
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS, Kind
from ..pupils.validation import parse_date
from ..school.school import grade_name

# Columns that are not record fields: the regional wrapper and the placement.
GRADE_COLUMN, CLASS_COLUMN = "年级", "班级号"
WRAPPER = ("编号", "区县", "就读学校", "学籍接续标识", "学校标识码")
EXTRA = ("新生注册", "身份已核验", "入学日期", "原因")  # our own optional columns


def column_of(f) -> str:
    return f.template_column or f.label


def member_column(n: int, f) -> str:
    return f"成员{n}{column_of(f)}"


KNOWN_COLUMNS = frozenset(
    [column_of(f) for f in STUDENT_FIELDS] + [member_column(n, f) for n in (1, 2) for f in GUARDIAN_FIELDS]
    + [GRADE_COLUMN, CLASS_COLUMN, *WRAPPER, *EXTRA])


class TemplateError(ValueError):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number cell read from Excel: 邮政编码 115005.0, 联系电话 13904171234.0
    return str(value).strip()


def _value(f, raw) -> str:
    text = _text(raw)
    if f.kind is Kind.REGION and re.fullmatch(r"\d{6}0{6}", text):
        return text[:6]  # a county's 12-digit 统计用区划代码, as the national export writes it
    if f.kind is Kind.MONTH and re.fullmatch(r"\d{6}", text):
        return f"{text[:4]}-{text[4:]}"  # 入学年月 YYYYMM
    if f.kind is Kind.DATE and text:
        day = parse_date(text)
        return day.isoformat() if day else text
    if f.kind is Kind.CODE and text:
        return f.table.code(text) or text  # an unknown label is reported by the field check
    return text


_CHINESE_DIGITS = "一二三四五六七八九"


def _text_of_number(raw) -> str:
    """A number as a registrar may type it, as text. NFKC: full-width digits and brackets （１） as their
    ASCII forms; spaces dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _text(raw)))


def _small_number(text: str) -> int | None:
    """"7", "07", "七", "十二", "二十" → the number (1–99); anything else → None."""
    if re.fullmatch(r"[0-9]{1,2}", text):
        return int(text) or None
    if len(text) == 1 and text in _CHINESE_DIGITS:
        return _CHINESE_DIGITS.index(text) + 1
    m = re.fullmatch(r"([一二三四五六七八九]?)十([一二三四五六七八九]?)", text)
    if not m:
        return None
    tens, units = m.groups()
    return ((_CHINESE_DIGITS.index(tens) + 1) if tens else 1) * 10 + ((_CHINESE_DIGITS.index(units) + 1) if units else 0)


_HIGH = {"高一": 10, "高二": 11, "高三": 12}


def _grade_number(text: str) -> int | None:
    """"7", "七", "七年级" → 7; "高一", "高一年级", "10", "十" → 10; anything else → None."""
    text = text.removesuffix("年级")
    number = _HIGH.get(text) or _small_number(text)
    return number if number is not None and 1 <= number <= 12 else None


def parse_grade(raw) -> int:
    number = _grade_number(_text_of_number(raw))
    if number is not None:
        return number
    raise TemplateError(f"年级：“{_text(raw)}” 无法识别，请填写 1–12、一年级…九年级 或 高一…高三")


# 班级号 as a registrar writes it: 1, 01, 1班, (1)班, （1）班, 一年级(1)班, 一年级1班, 1年级1班 …
_CLASS = re.compile(r"(?:(?P<grade>[^()年]{1,2})年级|(?P<high>高[一二三])(?:年级)?)?"
                    r"(?:\((?P<bracketed>[^()]+)\)|(?P<bare>[^()班]+))班?")


def parse_class_number(raw, grade: int | None = None) -> tuple[int, int | None]:
    """The class number in 班级号, and the grade when the text names one ("一年级(1)班" → (1, 1)).

    A grade in the text that differs from `grade` (the 年级 column) is refused, naming both."""
    text = _text_of_number(raw)
    m = _CLASS.fullmatch(text)
    number = _small_number(m["bracketed"] or m["bare"]) if m else None
    if number is None:
        raise TemplateError(f"班级号：“{_text(raw)}” 无法识别，请填写班号，如 1 或 一年级(1)班")
    named = None
    if m["grade"] or m["high"]:
        named = _grade_number(m["grade"] or m["high"])
        if named is None:
            raise TemplateError(f"班级号：“{_text(raw)}” 中的年级无法识别，请填写班号，如 1 或 一年级(1)班")
        if grade is not None and named != grade:
            raise TemplateError(f"班级号：“{_text(raw)}” 是{grade_name(named)}的班，而年级填的是{grade_name(grade)}，"
                                "请核对")
    return number, named


def _yes_no(row: dict, column: str, default: bool) -> bool:
    text = _text(row.get(column)).lower()
    if not text:
        return default
    if text in ("是", "1", "true", "y", "yes"):
        return True
    if text in ("否", "0", "false", "n", "no"):
        return False
    raise TemplateError(f"{column}：“{_text(row.get(column))}” 无法识别，请填写 是 或 否")


def draft_from_row(row: dict, class_id_for) -> EnrolmentDraft:
    """`class_id_for(grade, class_number)` finds the class (the number an int, as `parse_class_number`
    reads 班级号); unknown columns are refused by name, unreadable values by column."""
    unknown = sorted(set(row) - KNOWN_COLUMNS)
    if unknown:
        raise TemplateError("未知的列：" + "、".join(unknown))
    draft = EnrolmentDraft()
    for f in STUDENT_FIELDS:
        if column_of(f) in row:
            draft.student[f.key] = _value(f, row[column_of(f)])
    for n in (1, 2):
        draft.guardians[n - 1] = {f.key: _value(f, row[member_column(n, f)])
                                  for f in GUARDIAN_FIELDS if member_column(n, f) in row}
    if _text(row.get(GRADE_COLUMN)):
        draft.grade = parse_grade(row[GRADE_COLUMN])
    draft.new_pupil = _yes_no(row, "新生注册", True)
    draft.identity_verified = _yes_no(row, "身份已核验", False)
    if _text(row.get("入学日期")):
        draft.entry_date = parse_date(row["入学日期"])
        if draft.entry_date is None:
            raise TemplateError(f"入学日期：“{_text(row['入学日期'])}” 无法识别，请写成 2026-09-01 或 20260901")
    if _text(row.get(CLASS_COLUMN)):
        number, named_grade = parse_class_number(row[CLASS_COLUMN], draft.grade)
        draft.grade = draft.grade or named_grade
        if draft.grade:
            draft.class_id = class_id_for(draft.grade, number)
    reasons = row.get("原因") or {}
    if not isinstance(reasons, dict):
        raise TemplateError("“原因”应为对象：{规则编号: 原因}")
    draft.reasons = {str(k): _text(v) for k, v in reasons.items()}
    return draft
