import datetime as dt

import pytest

from xueji_desktop.core.pupils import ids, regions
from xueji_desktop.core.pupils.validation import check_identity

TODAY = dt.date(2026, 11, 23)


def test_valid_number_gives_birth_sex_and_region():
    number = ids.make_id_number("210811", dt.date(2019, 3, 7), 447)
    result = ids.check_resident_id(number, TODAY)
    assert result.ok
    assert result.birth_date == dt.date(2019, 3, 7)
    assert result.sex_code == "1"  # 447 is odd
    assert result.region_name == "辽宁省营口市老边区"
    assert ids.check_resident_id(ids.make_id_number("210811", dt.date(2019, 3, 7), 446), TODAY).sex_code == "2"


@pytest.mark.parametrize("number, expected", [
    ("21081120190307447", "应为 18 位，现为 17 位"),
    ("2108112019030744721", "应为 18 位，现为 19 位"),
    ("21081120190307447A", "前 17 位只能是数字"),
    ("210811201902304472", "出生日期 2019年02月30日 不存在"),
    ("210811202912014472", "晚于今天"),
])
def test_each_problem_is_named(number, expected):
    result = ids.check_resident_id(number, TODAY)
    assert not result.ok and expected in result.error and "身份证件号" in result.error


def test_check_digit_error_names_the_expected_digit():
    good = ids.make_id_number("210811", dt.date(2019, 3, 7), 447)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    result = ids.check_resident_id(wrong, TODAY)
    assert f"第 18 位应为 {good[-1]}" in result.error


def test_lower_case_x_is_accepted():
    number = next(n for s in range(1000) if (n := ids.make_id_number("110101", dt.date(2019, 1, 1), s)).endswith("X"))
    assert ids.check_resident_id(number.lower(), TODAY).ok


def test_unknown_region_is_a_warning_not_a_block():
    number = ids.make_id_number("999901", dt.date(2019, 3, 7), 1)
    assert ids.check_resident_id(number, TODAY).region_unknown
    [finding] = check_identity("1", number, "id_number", TODAY)
    assert finding.severity.value == "warn" and "999901" in finding.message


def test_student_numbers():
    assert ids.formal_student_number("G", "21081120190307447x") == "G21081120190307447X"
    assert ids.temporary_student_number("L", "210811", dt.date(2019, 3, 7), 12) == "L210811201903070012"
    assert len(ids.temporary_student_number("L", "210811", dt.date(2019, 3, 7), 1)) == 19


def test_regions_lookup_and_search():
    assert regions.lookup("140426").name == "山西省长治市黎城县"
    assert regions.lookup("999999") is None
    assert [r.code for r in regions.search("北关区")] == ["410503"]
