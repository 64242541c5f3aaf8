import datetime as dt

import pytest

from xueji_desktop.core.pupils.fields import STUDENT
from xueji_desktop.core.pupils.validation import check_field, parse_date


def problems(key, value, today=dt.date(2026, 11, 23)):
    return [f.message for f in check_field(STUDENT[key], value, key, today)]


@pytest.mark.parametrize("value", ["13904171234", "0417-2123456", "04172123456", "010-12345678"])
def test_phone_numbers_accepted(value):
    assert problems("phone", value) == []


@pytest.mark.parametrize("value", ["1390417123", "23904171234", "abc", "0417-12"])
def test_phone_numbers_refused(value):
    assert "不是有效的电话号码" in problems("phone", value)[0]


@pytest.mark.parametrize("value", ["阿依古丽", "艾力·买买提", "𠮷祥", "王堃"])
def test_names_accepted(value):
    assert problems("name", value) == []


def test_entry_month_may_be_next_month_across_new_year():
    december = dt.date(2026, 12, 5)
    assert problems("entry_month", "2027-01", today=december) == []
    assert "不能晚于下个月" in problems("entry_month", "2027-02", today=december)[0]


def test_dates_as_registrars_type_them():
    assert parse_date("20200307") == parse_date("2020-03-07") == parse_date("2020/3/7") == dt.date(2020, 3, 7)
    assert parse_date("2020-02-30") is None


def test_required_code_field_names_itself():
    assert problems("sex", "") == ["性别不能为空（必填项）"]
