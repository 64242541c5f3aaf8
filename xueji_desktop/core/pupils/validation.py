"""Field-by-field checks of what the registrar typed, with Chinese messages naming the field."""

from __future__ import annotations

import datetime as dt
import re

from ..rules.findings import Finding, Severity
from . import codes, regions
from .fields import Field, Kind
from .ids import check_resident_id

STANDARD = "《中小学生学籍信息管理系统》数据规范"

# Han characters (BMP, Ext-A, Ext-B…), the middle dot of minority names, nothing else.
_NAME = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•]+$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_POSTCODE = re.compile(r"^\d{6}$")
_MONTH = re.compile(r"^(\d{4})-?(\d{2})$")


def _block(key: str, message: str, article: str = STANDARD) -> Finding:
    return Finding(f"field.{key}", Severity.BLOCK, key, message, article)


def parse_date(value) -> dt.date | None:
    """Accepts a date, 'YYYY-MM-DD' or 'YYYYMMDD' as a registrar types it."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def check_field(field: Field, value, key: str, today: dt.date, label_prefix: str = "") -> list[Finding]:
    """One field's value against its kind and code table; `key` locates it in the draft."""
    label = label_prefix + field.label
    text = value.strip() if isinstance(value, str) else value
    if text in (None, ""):
        return [_block(key, f"{label}不能为空（必填项）")] if field.required else []
    if isinstance(text, str) and len(text) > field.max_len:
        return [_block(key, f"{label}过长：最多 {field.max_len} 个字符")]
    kind = field.kind
    if kind is Kind.NAME:
        if re.search(r"[0-9０-９]", text):
            return [_block(key, f"{label}不能含有数字")]
        if re.search(r"[A-Za-zＡ-Ｚａ-ｚ]", text):
            return [_block(key, f"{label}不能含有拉丁字母，请填写汉字姓名")]
        if not _NAME.match(text):
            return [_block(key, f"{label}只能由汉字和间隔号“·”组成")]
        if len(text) < 2 and "·" not in text:
            return [_block(key, f"{label}至少 2 个汉字")]
    elif kind is Kind.DATE:
        day = parse_date(text)
        if day is None:
            return [_block(key, f"{label}不是有效日期，请按 YYYY-MM-DD 填写")]
        if day > today:
            return [_block(key, f"{label}不能晚于今天（{today:%Y-%m-%d}）")]
    elif kind is Kind.MONTH:
        m = _MONTH.match(text)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return [_block(key, f"{label}应为年月，如 2026-09")]
        next_month = (today.year + today.month // 12, today.month % 12 + 1)
        if (int(m.group(1)), int(m.group(2))) > next_month:
            return [_block(key, f"{label}不能晚于下个月")]
    elif kind is Kind.CODE:
        if field.table.code(text) is None:
            return [_block(key, f"{label}“{text}”不在代码表中（{field.table.name}）")]
    elif kind is Kind.REGION:
        if not re.fullmatch(r"\d{6}", text):
            return [_block(key, f"{label}应为 6 位行政区划代码（GB/T 2260）")]
        if regions.lookup(text) is None:
            return [Finding(f"field.{key}.unknown", Severity.WARN, key,
                            f"{label}代码 {text} 不在现行行政区划代码表中，请核对（区划代码会随年份调整）",
                            "GB/T 2260《中华人民共和国行政区划代码》")]
    elif kind is Kind.PHONE:
        digits = text.replace(" ", "")
        if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
            return [_block(key, f"{label}“{text}”不是有效的电话号码：手机 11 位以 1 开头，固话如 0417-1234567")]
    elif kind is Kind.POSTCODE:
        if not _POSTCODE.match(text):
            return [_block(key, f"{label}应为 6 位数字")]
    elif kind is Kind.NUMBER:
        try:
            if float(text) < 0:
                raise ValueError
        except ValueError:
            return [_block(key, f"{label}应为不小于 0 的数字")]
    elif kind is Kind.ID_NUMBER:
        return []  # checked with the 证件类型 by check_identity
    return []


def check_identity(id_type: str, number: str, key: str, today: dt.date, label_prefix: str = "") -> list[Finding]:
    """A 居民身份证 number checked per GB 11643; other documents only for presence."""
    number = (number or "").strip()
    if id_type != codes.RESIDENT_ID:
        if id_type == "Z" or number:
            return []
        return [_block(key, f"{label_prefix}身份证件号不能为空（证件类型为{codes.ID_TYPE.label(id_type)}）")]
    if not number:
        return [_block(key, f"{label_prefix}身份证件号不能为空（证件类型为居民身份证）")]
    result = check_resident_id(number, today)
    if not result.ok:
        return [_block(key, label_prefix + result.error, "")]
    if result.region_unknown:
        return [Finding("id.region_unknown", Severity.WARN, key,
                        f"{label_prefix}身份证件号前 6 位 {result.region_code} 不在行政区划代码表中，请与户口簿核对"
                        "（区划代码会随年份调整）", "GB/T 2260《中华人民共和国行政区划代码》")]
    return []
