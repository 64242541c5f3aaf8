"""Attendance (考勤) on a real school database: school days around 国庆 2026 and its 调休 Saturday,
saving a class's cells (diff and event), refusals, runs of 无故缺席, and the class teachers' Excel sheets."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import first_class, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.dropout_control import attendance
from xueji_desktop.core.dropout_control.attendance import (
    NO_RUN,
    Kind,
    Run,
    SchoolDays,
    add_months,
    kind_of,
    save_absences,
)
from xueji_desktop.core.dropout_control.attendance_import import (
    SheetError,
    parse_header_date,
    read_sheet,
    week_notes,
    week_number,
    week_title,
    write_template,
)
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.store.models import Absence, Event, SchoolClass

D = dt.date
MON, TUE, WED = D(2026, 10, 12), D(2026, 10, 13), D(2026, 10, 14)
SAT_WORK = D(2026, 10, 10)  # 国庆节调休上班
K, B, S = Kind.UNEXCUSED, Kind.SICK, Kind.PERSONAL


def enrol(ws, name, seq, birth=D(2020, 3, 7), grade=1, klass=1):
    draft = pupil_draft(name=name, birth=birth, seq=seq, grade=grade)
    draft.class_id = SchoolClass.get((SchoolClass.grade == grade) & (SchoolClass.number == klass)).id
    for f in enrolment.check(ws, draft):
        if f.severity is Severity.WARN:
            draft.reasons[f.rule] = "测试：已核实"
    pupil, _ = enrolment.enrol(ws, draft)
    return pupil


@pytest.fixture
def cls(school):
    """Grade 1 class 1 with 张三, 李四, 王五, a second 张三; one pupil in class 2; today 2026-10-14 (Wed)."""
    pupils = {key: enrol(school, name, seq) for key, name, seq in
              (("zs", "张三", 447), ("ls", "李四", 449), ("ww", "王五", 451), ("zs2", "张三", 453))}
    pupils["other"] = enrol(school, "赵六", 455, klass=2)
    school.test_clock.now = dt.datetime(2026, 10, 14, 10, 0)
    school.klass = first_class(1)
    school.pupils = pupils
    return school


def events():
    return list(Event.select().where(Event.kind == "attendance_recorded").order_by(Event.seq))


def stored():
    return {(a.student_id, a.day): Kind(a.kind) for a in Absence.select()}


# --- school days -------------------------------------------------------------------------------------

def test_school_days_across_national_day_2026_and_its_saturday(school):
    days = SchoolDays.for_workspace(school)
    assert days.week_of(D(2026, 9, 30)) == [D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30)]
    assert days.week_of(D(2026, 10, 5)) == [D(2026, 10, 8), D(2026, 10, 9), SAT_WORK]
    assert days.week_of(D(2026, 10, 11)) == days.week_of(D(2026, 10, 5))  # Sunday belongs to its Monday's week
    assert days.is_school_day(SAT_WORK) and not days.is_school_day(D(2026, 10, 11))
    assert not any(days.is_school_day(D(2026, 10, d)) for d in range(1, 8))
    assert days.between(D(2026, 9, 28), D(2026, 10, 12)) == [
        D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), SAT_WORK, MON]
    assert days.last_school_days(MON, 3) == [D(2026, 10, 9), SAT_WORK, MON]
    assert not days.is_school_day(D(2026, 8, 31)) and days.is_school_day(D(2026, 9, 1))  # the term starts
    assert days.week_of(D(2026, 8, 26)) == []  # the summer holidays


def test_week_titles_name_the_holiday_and_the_working_saturday(school):
    days = SchoolDays.for_workspace(school)
    assert week_title(days, D(2026, 10, 6)) == "第 6 周 2026-10-08 至 10-10"
    assert week_notes(days, D(2026, 10, 6)) == ["国庆节放假：10-05 至 10-07", "10-10（周六）国庆节调休上课"]
    assert week_notes(days, D(2026, 9, 30)) == ["国庆节放假：10-01 至 10-04"]
    assert week_title(days, MON) == "第 7 周 2026-10-12 至 10-16" and week_notes(days, MON) == []
    assert week_number(days, D(2026, 9, 1)) == 1 and week_number(days, D(2026, 8, 20)) is None
    assert week_title(days, D(2026, 8, 20)).startswith("假期 ")


def test_kind_of_reads_the_marks_teachers_write():
    assert [kind_of(t) for t in ("", None, " ", "√", "到")] == [None] * 5
    assert [kind_of(t) for t in ("病", "病假", "b", "B", "sick")] == [B] * 5
    assert [kind_of(t) for t in ("事", "事假", "s")] == [S] * 3
    assert [kind_of(t) for t in ("旷", "旷课", "无故缺席", "k", "K")] == [K] * 5
    for bad in ("迟到", "x", "病事"):
        with pytest.raises(ValueError):
            kind_of(bad)


# --- saving a class's cells ----------------------------------------------------------------------------

def test_save_writes_the_differences_in_one_event(cls):
    p = cls.pupils
    changes = save_absences(cls, cls.klass.id, {(p["zs"].id, MON): K, (p["ls"].id, MON): B,
                                                (p["zs"].id, TUE): S, (p["ww"].id, MON): None})
    assert stored() == {(p["zs"].id, MON): K, (p["ls"].id, MON): B, (p["zs"].id, TUE): S}
    [event] = events()
    assert changes.events == [event] and changes.students == {p["zs"].id, p["ls"].id, p["ww"].id}
    payload = json.loads(event.payload)
    assert payload["class"] == cls.klass.name
    assert [(c["name"], c["day"], c["before"], c["after"]) for c in payload["changes"]] == [
        ("张三", "2026-10-12", None, "unexcused"), ("李四", "2026-10-12", None, "sick"),
        ("张三", "2026-10-13", None, "personal")]  # by day, then pupil; the present pupil is no change
    assert event.summary == f"记录考勤：{cls.klass.name}，2026-10-12 至 2026-10-13，3 处改动（缺勤 3 人次）"
    assert event.author_id == cls.user.id

    save_absences(cls, cls.klass.id, {(p["zs"].id, MON): K, (p["ls"].id, MON): None, (p["zs"].id, TUE): K})
    assert stored() == {(p["zs"].id, MON): K, (p["zs"].id, TUE): K}
    second = json.loads(events()[-1].payload)["changes"]
    assert [(c["name"], c["before"], c["after"]) for c in second] == [("李四", "sick", None), ("张三", "personal", "unexcused")]

    again = save_absences(cls, cls.klass.id, {(p["zs"].id, MON): K})
    assert len(events()) == 2 and again.events == [] and not again.students  # nothing new: no event

    grid = attendance.week_grid(cls, cls.klass.id, WED)
    assert grid.days == [MON, TUE, WED, D(2026, 10, 15), D(2026, 10, 16)]
    assert [x.name for x in grid.pupils] == ["张三", "李四", "王五", "张三"]
    assert grid.cells == {(p["zs"].id, MON): K, (p["zs"].id, TUE): K}


@pytest.mark.parametrize("cell, words", [
    (("zs", D(2026, 10, 15)), "2026-10-15 晚于今天"),
    (("zs", D(2026, 10, 11)), "2026-10-11 不是上课日"),
    (("zs", D(2026, 10, 5)), "2026-10-05 不是上课日"),
    (("other", MON), "不在一年级(1)班的在籍名单中"),
])
def test_refusals_name_the_rule_and_write_nothing(cls, cell, words):
    key, day = cell
    good = {(cls.pupils["ls"].id, MON): K}
    with pytest.raises(RuleViolation) as e:
        save_absences(cls, cls.klass.id, {**good, (cls.pupils[key].id, day): B})
    assert any(words in f.message for f in e.value.findings), [f.message for f in e.value.findings]
    assert stored() == {} and events() == []


# --- runs of 无故缺席 -------------------------------------------------------------------------------------

def test_unexcused_runs_cross_the_holiday_and_stop_at_other_kinds(cls):
    p = cls.pupils
    zs, ls, ww, zs2 = p["zs"].id, p["ls"].id, p["ww"].id, p["zs2"].id
    cells = {(zs, d): K for d in (D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), SAT_WORK, MON)}
    cells |= {(ls, D(2026, 10, 9)): K, (ls, SAT_WORK): B, (ls, MON): K}  # 病假 breaks the run
    cells |= {(ww, SAT_WORK): K}  # ended before the last school day
    cells |= {(zs2, D(2026, 9, 28)): K, (zs2, D(2026, 9, 30)): K, (zs2, D(2026, 10, 8)): K}  # a gap on 09-29
    save_absences(cls, cls.klass.id, cells)
    days = SchoolDays.for_workspace(cls)

    runs = attendance.unexcused_runs([zs, ls, ww, zs2], MON, days)
    assert runs[zs] == Run(6, D(2026, 9, 29), MON)  # 14 calendar days, of which 6 school days count
    assert runs[ls] == Run(1, MON, MON)
    assert runs[ww] == NO_RUN
    assert runs[zs2] == NO_RUN

    sunday = attendance.unexcused_runs([zs, ww, zs2], D(2026, 10, 11), days)  # last school day: the Saturday
    assert sunday[zs] == Run(5, D(2026, 9, 29), SAT_WORK) and sunday[ww] == Run(1, SAT_WORK, SAT_WORK)
    assert attendance.unexcused_runs([zs, zs2], D(2026, 10, 8), days)[zs2] == Run(2, D(2026, 9, 30), D(2026, 10, 8))
    assert attendance.unexcused_runs([zs], MON, days, horizon=3)[zs] == Run(3, D(2026, 10, 9), MON)
    assert attendance.unexcused_runs([], MON, days) == {}


# --- school time: a month of term, the winter break not counted ----------------------------------------------

def test_a_month_of_term_time_is_its_school_days_and_skips_the_break(cls):
    days = SchoolDays.for_workspace(cls)
    november = days.term_months(D(2026, 11, 2), 1)  # 2 Nov – 1 Dec: no break, no holiday
    assert (len(november), november[0], november[-1]) == (22, D(2026, 11, 2), D(2026, 12, 1))
    assert november == days.between(D(2026, 11, 2), D(2026, 12, 1))
    # from Wed 14 Jan 2026: 7 days of term to 20 Jan, the winter break (21 Jan – 19 Feb) not counted, then the
    # 24 days of term left from 20 Feb (Spring Festival 15–23 Feb, 调休 Saturday 28 Feb) to 15 Mar
    winter = days.term_months(D(2026, 1, 14), 1)
    assert winter[:6] == [D(2026, 1, 14), D(2026, 1, 15), D(2026, 1, 16), D(2026, 1, 19), D(2026, 1, 20),
                          D(2026, 2, 24)]
    assert D(2026, 2, 28) in winter and winter[-1] == D(2026, 3, 13) and len(winter) == 20
    assert not any(D(2026, 1, 21) <= d < D(2026, 2, 24) for d in winter)
    # a month of term over National Day has fewer school days: the holiday is not absence, the month still passes
    golden = days.term_months(D(2026, 9, 21), 1)
    assert golden == days.between(D(2026, 9, 21), D(2026, 10, 20)) and len(golden) == 17
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28) and add_months(D(2026, 11, 2), 3) == D(2027, 2, 2)


# --- the class teachers' sheets ----------------------------------------------------------------------------

def sheet(tmp_path, rows, name="sheet.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_blank_sheet_round_trip(cls, tmp_path):
    path = write_template(cls, tmp_path / "t.xlsx", cls.klass.id, MON)
    book = load_workbook(path)
    ws = book.active
    assert ws["A1"].value.endswith("一年级(1)班　考勤表　第 7 周 2026-10-12 至 10-16")
    assert [c.value for c in ws[4]][:3] == ["序号", "姓名", "学籍号"]
    assert [c.value.date() for c in ws[4][3:]] == [
        MON, TUE, WED, D(2026, 10, 15), D(2026, 10, 16)]
    assert [c.value for c in ws[3][3:]] == ["周一", "周二", "周三", "周四", "周五"]
    names = [(r[1].value, r[2].value) for r in ws.iter_rows(min_row=5)]
    assert names == [(x.name, x.student_number) for x in attendance.class_pupils(cls.klass)]
    for row in ws.iter_rows(min_row=5):
        assert row[1].data_type == "s" and row[2].data_type == "s" and row[2].number_format == "@"
    # the teacher fills it in: 张三 (the first) 旷 on Monday, 李四 病 on Tuesday, 王五 √
    ws["D5"], ws["E6"], ws["D7"] = "旷", "病", "√"
    book.save(path)
    result = read_sheet(cls, path, cls.klass.id, MON)
    assert result.ok and result.rows == 4 and result.clean_rows == 4 and result.missing == []
    assert result.days == [MON, TUE, WED] and result.skipped_days == [D(2026, 10, 15), D(2026, 10, 16)]
    pupils = attendance.class_pupils(cls.klass)
    assert {k: v for k, v in result.cells.items() if v} == {(pupils[0].id, MON): K, (pupils[1].id, TUE): B}
    assert len(result.cells) == 4 * 3  # blank and √ are "present": the sheet is the record of its days
    save_absences(cls, cls.klass.id, result.cells)
    assert stored() == {(pupils[0].id, MON): K, (pupils[1].id, TUE): B}


def test_text_dates_and_names_with_spaces(cls, tmp_path):
    p = cls.pupils
    path = sheet(tmp_path, [
        ["四年级考勤"],  # a title row before the header
        ["序号", "姓  名", "10月12日", "10-13（周二）", "2026-10-14", "备注"],
        [1, "李  四", "病", None, "事", "发烧"],
        [2, "王　五", "√", "旷", "", None],
        [None, None, None, None, None, None],
    ])
    result = read_sheet(cls, path, cls.klass.id, D(2026, 10, 13))
    assert result.ok, [str(x) for x in result.problems]
    assert result.days == [MON, TUE, WED]
    assert {k: v for k, v in result.cells.items() if v} == {
        (p["ls"].id, MON): B, (p["ls"].id, WED): S, (p["ww"].id, TUE): K}
    assert sorted(result.missing) == ["张三", "张三"]


def test_excel_dates_and_the_year_from_the_week(cls, tmp_path):
    p = cls.pupils
    path = sheet(tmp_path, [["姓名", dt.datetime(2026, 10, 8), dt.datetime(2026, 10, 9), dt.datetime(2026, 10, 10),
                             dt.datetime(2026, 10, 11)],
                            ["李四", "旷", "旷", "旷", None]])
    result = read_sheet(cls, path, cls.klass.id, D(2026, 10, 8))
    assert result.ok and result.skipped_days == [D(2026, 10, 11)]  # the empty Sunday column is left alone
    assert {k for k, v in result.cells.items() if v} == {(p["ls"].id, d) for d in (D(2026, 10, 8), D(2026, 10, 9), SAT_WORK)}
    near_new_year = D(2027, 1, 4)
    assert parse_header_date("12月31日", near_new_year) == D(2026, 12, 31)
    assert parse_header_date("1.5", near_new_year) == D(2027, 1, 5)
    assert parse_header_date("2026年9月1日", MON) == D(2026, 9, 1)
    assert parse_header_date("备注", MON) is None
    with pytest.raises(ValueError):
        parse_header_date("13月40日", MON)


def test_problems_name_row_column_and_rule_and_only_clean_rows_are_kept(cls, tmp_path):
    p = cls.pupils
    path = sheet(tmp_path, [
        ["姓名", "学籍号", "10月11日", "10月12日", "10月13日", "10月15日"],
        ["张三", None, None, "旷", None, None],  # row 2: two pupils are called 张三
        ["张三", p["zs2"].student_number, None, "病", None, None],  # row 3: the 学籍号 settles it
        ["李四", None, None, "迟到", None, None],  # row 4: not a mark
        ["王五", None, "旷", "事", None, None],  # row 5: a Sunday
        ["赵六", None, None, "旷", None, None],  # row 6: in another class
        ["王五", None, None, None, None, "病"],  # row 7: twice, and in the future
        ["李四", p["ww"].student_number, None, None, None, None],  # row 8: number and name disagree
    ])
    result = read_sheet(cls, path, cls.klass.id, MON)
    texts = [str(x) for x in result.problems]
    assert texts == [
        "第 2 行，A 列（姓名）：一年级(1)班有 2 名学生叫张三，请在“学籍号”列填写学籍号以区分",
        "第 4 行，D 列（10月12日）：李四：“迟到”不是考勤记号（病假填“病”，事假填“事”，无故缺席填“旷”，到校留空或填“√”）",
        "第 5 行，C 列（10月11日）：王五：2026-10-11（周日）不是上课日，不能记录缺勤",
        "第 6 行，A 列（姓名）：一年级(1)班的在籍名单中没有“赵六”",
        "第 7 行：王五在第 5 行已出现过",
        "第 7 行，F 列（10月15日）：王五：2026-10-15 晚于今天，不能预先记录缺勤",
        f"第 8 行，A 列（姓名）：学籍号 {p['ww'].student_number} 是王五，表中姓名却是“李四”",
    ]
    assert not result.ok and result.rows == 7 and result.clean_rows == 1
    assert result.cells == {(p["zs2"].id, MON): B, (p["zs2"].id, TUE): None}
    assert result.days == [MON, TUE] and sorted(result.skipped_days) == [D(2026, 10, 11), D(2026, 10, 15)]


def test_a_sheet_that_is_not_an_attendance_sheet(cls, tmp_path):
    with pytest.raises(SheetError, match="没有“姓名”列"):
        read_sheet(cls, sheet(tmp_path, [["学号", "10月12日"], ["1", "旷"]]), cls.klass.id, MON)
    with pytest.raises(SheetError, match="没有日期列"):
        read_sheet(cls, sheet(tmp_path, [["姓名", "备注"], ["李四", ""]]), cls.klass.id, MON)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(SheetError, match="无法打开"):
        read_sheet(cls, bad, cls.klass.id, MON)
