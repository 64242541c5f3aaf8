"""居民身份证号 (GB 11643, via python-stdnum) and 学籍号 (G/L formats of REFERENCE.md)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ... import clock
from . import regions

ARTICLE_ID = "GB 11643《公民身份号码》"


@dataclass(frozen=True)
class IdCheck:
    """What an 18-digit number tells, or exactly what is wrong with it."""

    number: str
    error: str | None = None  # Chinese, names 身份证件号 and the rule; None when valid
    birth_date: dt.date | None = None
    sex_code: str | None = None  # "1" 男, "2" 女 (17th digit odd/even)
    region_code: str | None = None  # first six digits
    region_name: str | None = None  # None when stdnum's table doesn't know the code

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def region_unknown(self) -> bool:
        return self.ok and self.region_name is None


def _ric():
    """python-stdnum's 居民身份证 module, imported when an ID is first checked or made: stdnum's package imports
    pydoc and ssl, some 50 ms that the window's start, which checks no ID, need not pay."""
    from stdnum.cn import ric

    return ric


def check_resident_id(text: str, today: dt.date | None = None) -> IdCheck:
    from stdnum.exceptions import ValidationError

    ric = _ric()
    number = ric.compact(text or "").upper()
    label = "身份证件号"
    if len(number) != 18:
        return IdCheck(number, f"{label}应为 18 位，现为 {len(number)} 位")
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return IdCheck(number, f"{label}前 17 位只能是数字，第 18 位是数字或 X")
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:
        shown = f"{number[6:10]}年{number[10:12]}月{number[12:14]}日"
        return IdCheck(number, f"{label}中的出生日期 {shown} 不存在")
    if birth > (today or clock.today()):
        return IdCheck(number, f"{label}中的出生日期 {birth:%Y-%m-%d} 晚于今天")
    expected = ric.calc_check_digit(number)
    if number[-1] != expected:
        return IdCheck(number, f"{label}校验位错误：第 18 位应为 {expected}，现为 {number[-1]}（{ARTICLE_ID}）")
    place = regions.lookup(number[:6])
    return IdCheck(
        number,
        birth_date=birth,
        sex_code="1" if int(number[16]) % 2 else "2",
        region_code=number[:6],
        region_name=place.name if place else None,
    )


def make_id_number(region: str, birth: dt.date, sequence: int) -> str:
    """An ID number with a valid check digit (demo data and tests); sequence 0–999, odd = male."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + _ric().calc_check_digit(body + "0")  # stdnum ignores the last digit


# 学籍号 ---------------------------------------------------------------------------------------

def formal_student_number(prefix: str, id_number: str) -> str:
    """`G` + the 18-digit ID number: for life, once the identity has been verified."""
    return prefix + _ric().compact(id_number).upper()


def temporary_student_number(prefix: str, area_code: str, birth: dt.date, sequence: int) -> str:
    """`L` + six-digit area code + YYYYMMDD + four digits, until the identity is verified."""
    if not (0 <= sequence <= 9999):
        raise ValueError("临时学籍号序号超出范围")
    return f"{prefix}{area_code}{birth:%Y%m%d}{sequence:04d}"
