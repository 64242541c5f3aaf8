"""The national import template's row (学生信息导入模板) ↔ an enrolment draft.

PUPIL.json for `xueji enrol` is one flat object keyed by the template's column names, values as a
registrar types them (性别 "男", 民族 "汉族", dates YYYYMMDD or YYYY-MM-DD); the Excel import reads
the same rows.
"""

from __future__ import annotations

import re

from .fields import GUARDIAN_FIELDS, STUDENT_FIELDS, Kind
from .validation import parse_date
from .workflows.enrolment import EnrolmentDraft

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


def parse_grade(raw) -> int:
    text = _text(raw).replace("年级", "")
    chinese = "一二三四五六七八九"
    if text in chinese and text:
        return chinese.index(text) + 1
    if text.isdigit() and 1 <= int(text) <= 9:
        return int(text)
    raise TemplateError(f"年级“{_text(raw)}”无法识别，应为 1–9 或“一年级”…“九年级”")


def draft_from_row(row: dict, class_id_for) -> EnrolmentDraft:
    """`class_id_for(grade, class_number)` finds the class; unknown columns are refused by name."""
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
    draft.new_pupil = _text(row.get("新生注册", "是")) not in ("否", "0", "false")
    draft.identity_verified = _text(row.get("身份已核验", "否")) in ("是", "1", "true")
    if _text(row.get("入学日期")):
        draft.entry_date = parse_date(row["入学日期"])
    if draft.grade and _text(row.get(CLASS_COLUMN)):
        draft.class_id = class_id_for(draft.grade, _text(row[CLASS_COLUMN]))
    reasons = row.get("原因") or {}
    if not isinstance(reasons, dict):
        raise TemplateError("“原因”应为对象：{规则编号: 原因}")
    draft.reasons = {str(k): _text(v) for k, v in reasons.items()}
    return draft
