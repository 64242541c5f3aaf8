"""The national import template: a pupil's row, and the Excel file for the national system."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.bureau.national_export import read_national_xlsx, write_national_xlsx
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.national import layouts, template
from xueji_desktop.core.national.layouts import OFFICIAL, ROW_COLUMNS, TEMPLATE
from xueji_desktop.core.national.national_row import NATIONAL_COLUMNS, NOT_IN_TEMPLATE, national_row
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS, Kind
from xueji_desktop.store.models import School, SchoolClass

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "REFERENCE.md"


def reference_columns() -> list[str]:
    """The column list of REFERENCE.md's section on the import template, members expanded."""
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("## The national import template", 1)[1].split("\n## ", 1)[0]
    body = section.split("wrapper:", 1)[1].split("Filling rules", 1)[0]
    main, members = body.split(", then for", 1)
    return _names(main) + [f"成员{n}{c}" for n in (1, 2) for c in _names(members.split(":", 1)[1])]


def _names(text: str) -> list[str]:
    return [c.strip().rstrip(".") for c in re.sub(r"\s+", " ", text).split(",") if c.strip()]


def blank(**values) -> dict[str, str]:
    row = dict.fromkeys(NATIONAL_COLUMNS, "")
    row.update(values)
    return row


# ---- the row --------------------------------------------------------------------------------------

@pytest.fixture
def enrolled(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    ws.login("registrar", "secret-123")
    draft = pupil_draft(name="吉𠮷堃", seq=447, former_name="吉𠮷", speciality="书法、𠮷他", postcode="015000",
                        address="堃山镇𠮷村（3组）", left_behind="1", political_status="13", class_seq="07",
                        commute="4", distance_km="2.5", email="a@example.cn")
    draft.guardians = [
        {"name": "吉建国", "relation": "51", "phone": "13904171234", "is_guardian": "1", "employer": "柳树镇农机站",
         "id_type": "1", "id_number": ids.make_id_number("210811", dt.date(1985, 3, 7), 1), "hukou_place": "210811"},
        {"name": "王堃", "relation": "52", "phone": "0417-1234567", "is_guardian": "0", "relation_note": "母亲"},
    ]
    student, _ = enrolment.enrol(ws, draft)
    yield ws, student
    ws.close()


def class_id_for(grade, number):
    return SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == int(number))).id


def as_stored(f, value: str) -> str:
    """What the registrar's template text means in our record. Two columns are written the way the
    national template wants them and need reading back: 入学年月 YYYYMM → YYYY-MM, and the 12-digit
    statistical area code of a county (xxxxxx000000) → its 6-digit GB/T 2260 code."""
    if f.kind is Kind.MONTH and re.fullmatch(r"\d{6}", value):
        return f"{value[:4]}-{value[4:]}"
    if f.kind is Kind.REGION and re.fullmatch(r"\d{6}0{6}", value):
        return value[:6]
    return value


def stored(f, value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def test_row_has_every_column_and_the_template_reads_it_back(enrolled):
    _, student = enrolled
    school = School.get()
    row = national_row(student, school)
    assert list(row) == list(ROW_COLUMNS) and all(isinstance(v, str) for v in row.values())

    draft = template.draft_from_row(row, class_id_for)
    for f in STUDENT_FIELDS:  # every field, 姓名拼音 and 随班就读 too (the Ministry's table has them)
        assert as_stored(f, draft.student[f.key]) == stored(f, getattr(student, f.key)), f.key
    assert draft.grade == student.grade and draft.class_id == student.school_class.id
    members = list(student.guardians.order_by(student.guardians.model.position_no))
    assert len(members) == 2
    for got, member in zip(draft.guardians, members):
        for f in GUARDIAN_FIELDS:
            assert as_stored(f, got[f.key]) == stored(f, getattr(member, f.key)), f.key
    assert set(NOT_IN_TEMPLATE) == {"name_pinyin", "inclusive"}  # no column in the national template


def test_row_is_typed_as_the_registrar_types_the_template(enrolled):
    _, student = enrolled
    row = national_row(student, School.get())
    assert row["编号"] == "" and row["学籍接续标识"] == ""
    assert (row["区县"], row["就读学校"], row["学校标识码"]) == ("老边区", "测试县第一中心学校", "2108110001")
    assert (row["姓名"], row["曾用名"], row["现住址"]) == ("吉𠮷堃", "吉𠮷", "堃山镇𠮷村（3组）")
    assert (row["性别"], row["民族"], row["证件类型"], row["国籍/地区"]) == ("男", "汉族", "居民身份证", "中国")
    assert (row["是否留守儿童"], row["上下学交通方式"], row["是否乘坐校车"]) == ("单亲留守", "家长接送", "否")
    assert row["出生日期"] == "20200307" and row["入学年月"] == "202609"
    assert row["身份证号"] == student.id_number and re.fullmatch(r"\d{17}[\dX]", row["身份证号"])
    assert (row["联系电话"], row["邮政编码"], row["班内学号"]) == ("13904171234", "015000", "07")
    assert (row["出生地行政区划代码"], row["户口所在地行政区划"], row["籍贯"]) == ("210811000000", "210811000000", "210811")
    assert (row["年级"], row["班级号"]) == ("一年级", "1")
    assert (row["成员1姓名"], row["成员1关系"], row["成员1是否监护人"]) == ("吉建国", "父亲", "是")
    assert (row["成员2姓名"], row["成员2关系"], row["成员2联系电话"]) == ("王堃", "母亲", "0417-1234567")
    assert row["成员1户口所在地行政区划"] == "210811000000" and row["成员2户口所在地行政区划"] == ""
    assert national_row(student, School.get(), continuation="1")["学籍接续标识"] == "1"


def test_middle_school_grades_keep_their_years_of_schooling(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    ws.login("registrar", "secret-123")
    student, _ = enrolment.enrol(ws, pupil_draft(name="李四", grade=7, birth=dt.date(2014, 3, 7),
                                                 entry_month="2026-09"))
    row = national_row(student, School.get())
    assert (row["年级"], row["班级号"]) == ("七年级", "1")
    assert template.parse_grade(row["年级"]) == 7
    ws.close()


# ---- the Excel file -------------------------------------------------------------------------------

@pytest.mark.skipif(not REFERENCE.exists(), reason="REFERENCE.md is not beside the repository")
def test_columns_are_in_the_reference_order():
    assert list(NATIONAL_COLUMNS) == reference_columns()


def test_header_is_the_template_bold_and_frozen(tmp_path):
    path = tmp_path / "national.xlsx"
    assert write_national_xlsx([blank(姓名="张三")], path, layout=TEMPLATE) == 1
    wb = openpyxl.load_workbook(path)
    ws = wb["学生信息"]
    assert [c.value for c in ws[1]] == list(NATIONAL_COLUMNS)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1])
    assert ws.column_dimensions[ws.cell(1, NATIONAL_COLUMNS.index("身份证号") + 1).column_letter].width >= 20


def test_numbers_stay_text(tmp_path):
    path = tmp_path / "national.xlsx"
    row = blank(姓名="张三", 身份证号="110101201501010015", 联系电话="13800138000", 邮政编码="015000",
                班内学号="007", 学校标识码="2108110001", 出生日期="20150101", 入学年月="202109",
                出生地行政区划代码="110101000000", 成员1身份证件号="11010119850101001X", 成员1联系电话="13900139000",
                现住址="=1+1", 通信地址="1E5")
    write_national_xlsx([row], path, layout=TEMPLATE)
    ws = openpyxl.load_workbook(path)["学生信息"]
    cells = {NATIONAL_COLUMNS[c.column - 1]: c for c in ws[2]}
    for column, value in row.items():
        cell = cells[column]
        assert cell.number_format == "@", column
        if value:
            assert cell.data_type == "s" and cell.value == value, column
    assert cells["编号"].value == "1" and cells["编号"].data_type == "s"


def test_write_then_read_gives_the_rows_back(tmp_path):
    path = tmp_path / "national.xlsx"
    rows = [blank(姓名=f"学生{i}", 身份证号=f"11010120150101{i:04d}", 现住址=f"  柳树村{i}组 & <东> ", 性别="女")
            for i in range(1, 51)]
    assert write_national_xlsx(iter(rows), path, layout=TEMPLATE) == 50
    back = read_national_xlsx(path)
    assert back == [{**r, "编号": str(i)} for i, r in enumerate(rows, start=1)]


def test_rare_characters_survive(tmp_path):
    path = tmp_path / "national.xlsx"
    row = blank(姓名="吉𠮷", 曾用名="王堃", 现住址="𠮷野家𪚥巷", 成员1姓名="𡈽堃")
    write_national_xlsx([row], path, layout=TEMPLATE)
    [back] = read_national_xlsx(path)
    assert (back["姓名"], back["曾用名"], back["现住址"], back["成员1姓名"]) == ("吉𠮷", "王堃", "𠮷野家𪚥巷", "𡈽堃")


def test_a_failing_row_source_leaves_no_file(tmp_path):
    path = tmp_path / "national.xlsx"

    def rows():
        yield blank(姓名="张三")
        raise RuntimeError("数据库读取失败")

    with pytest.raises(RuntimeError):
        write_national_xlsx(rows(), path)
    assert list(tmp_path.iterdir()) == []

    write_national_xlsx([blank(姓名="李四")], path)
    with pytest.raises(ValueError, match="未知的列"):
        write_national_xlsx([blank(姓名="王五"), {"学号": "1"}], path)
    assert [p.name for p in tmp_path.iterdir()] == ["national.xlsx"]
    assert read_national_xlsx(path)[0]["姓名"] == "李四"  # the earlier file is untouched


def test_pupils_rows_go_into_the_file(enrolled, tmp_path):
    _, student = enrolled
    path = tmp_path / "national.xlsx"
    write_national_xlsx([national_row(student, School.get())], path, layout=TEMPLATE)
    [back] = read_national_xlsx(path)
    assert back["姓名"] == "吉𠮷堃" and back["身份证号"] == student.id_number and back["邮政编码"] == "015000"
    assert template.draft_from_row(back, class_id_for).student["id_number"] == student.id_number


# ---- the Ministry's own table (the default layout) ----------------------------------------------------------

def reference_fields() -> list[str]:
    """REFERENCE.md's 学生基本信息表 field list: the student's fields (★ dropped), then a member's."""
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("## Fields of the 学生基本信息表", 1)[1].split("\n## ", 1)[0]
    main, members = section.split("(★ required)", 1)[1].split("; and two family members", 1)
    student = [c.replace("★", "") for c in _names(main)]
    member = _names(members.split("with", 1)[1])
    return student + [f"成员{n}{c}" for n in (1, 2) for c in member]


@pytest.mark.skipif(not REFERENCE.exists(), reason="REFERENCE.md is not beside the repository")
def test_the_official_layout_follows_the_ministrys_table():
    columns = list(OFFICIAL.columns)
    assert columns[:5] == ["编号", "区县", "就读学校", "学籍接续标识", "学校标识码"]
    assert columns[5:] == [c for c in reference_fields() if c != "照片"]  # a photo is no spreadsheet column
    assert "姓名拼音" in columns and "随班就读" in columns and "姓名拼音" not in TEMPLATE.columns
    assert layouts.DEFAULT is OFFICIAL


def test_the_default_file_is_the_official_table_and_reads_back_as_the_template(enrolled, tmp_path):
    _, student = enrolled
    student.hukou_nature, student.name_pinyin, student.inclusive = "1", "JI JIKUN", "0"
    path = tmp_path / "national.xlsx"
    write_national_xlsx([national_row(student, School.get())], path)
    ws = openpyxl.load_workbook(path)["学生信息"]
    assert [c.value for c in ws[1]] == list(OFFICIAL.columns)
    [back] = read_national_xlsx(path)
    assert (back["户口性质"], back["身份证件号"], back["姓名拼音"], back["班级"]) == (
        "农业户口", student.id_number, "JI JIKUN", "1")
    row, unknown = layouts.to_template_row(back)
    assert unknown == [] and row["户口性质"] == "农业" and row["身份证号"] == student.id_number
    draft = template.draft_from_row(row, class_id_for)
    for f in STUDENT_FIELDS:
        assert as_stored(f, draft.student[f.key]) == stored(f, getattr(student, f.key)), f.key


def test_headers_of_either_layout_are_read_with_or_without_stars():
    assert layouts.template_column("★身份证件号 ") == "身份证号"
    assert layouts.template_column("身份证号") == "身份证号"
    assert layouts.template_column("★ 成员1户口所在地") == "成员1户口所在地行政区划"
    assert layouts.template_column("班级") == layouts.template_column("班级号") == "班级号"
    assert layouts.template_column("学号") is None
    row, unknown = layouts.to_template_row({"★户口性质": "非农业户口", "是否需要乘坐校车": "否", "备注": "x"})
    assert row == {"户口性质": "非农业", "是否乘坐校车": "否"} and unknown == ["备注"]
