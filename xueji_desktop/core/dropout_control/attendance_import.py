"""The class teachers' attendance sheets (Excel): the blank sheet for a class and week, and reading it back.

    write_template(ws, "一年级(1)班考勤表.xlsx", class_id, day)       # 序号, 姓名, 学籍号 (text), one column per school day
    sheet = read_sheet(ws, path, class_id, day)                        # the week chosen gives the year of "10月12日"
    sheet.problems                                                     # row, column and rule of each, in Chinese
    attendance.save_absences(ws, class_id, sheet.cells)                # the clean rows (all rows when no problems)

A sheet is any worksheet whose header row has 姓名 (and optionally 学籍号) and one column per date; the
dates may be Excel dates or text ("10月12日", "10-12", "10.12", "2026-10-12", "2026年10月12日", with
anything after them, such as "（周一）"). Cells are read with `attendance.kind_of` (病/事/旷/√/blank …):
a blank cell means the pupil was there, so a sheet also clears absences recorded before for its days.
Pupils are matched by 学籍号, else by name within the class (spaces inside a name ignored: "王  芳").
A row with any problem is left out of `cells`; whether the clean rows are written anyway is the
caller's choice. Columns for days that are not school days, or not yet come, are skipped when they
are empty and are problems when they mark an absence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ...store.models import SchoolClass, Student
from ..dates.workdays import estimate_warning
from . import attendance
from .attendance import Kind, SchoolDays

WEEKDAYS = "一二三四五六日"
NAME, NUMBER, SEQ = "姓名", "学籍号", "序号"
HEADER_SEARCH_ROWS = 15
_SPACES = re.compile(r"[\s\u3000]+")
_FULL_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_LOOKS_LIKE_DATE = re.compile(r"^\s*\d{1,4}\s*[-/.年月]")


# --- weeks as the registrar and the teachers name them -------------------------------------------------

def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekday_name(day: dt.date) -> str:
    return f"周{WEEKDAYS[day.weekday()]}"


def week_number(days: SchoolDays, day: dt.date) -> int | None:
    """第 N 周 of the term: the week holding the term's first day is week 1; None in the holidays."""
    term = days.terms.term_of(day)
    monday = monday_of(day)
    if monday > term.end or monday + dt.timedelta(days=6) < term.start:
        return None
    return (monday - monday_of(term.start)).days // 7 + 1


def week_title(days: SchoolDays, day: dt.date) -> str:
    """"第 7 周 2026-10-12 至 10-16": the week's school days (or the whole week when it has none)."""
    school = days.week_of(day)
    first, last = (school[0], school[-1]) if school else (monday_of(day), monday_of(day) + dt.timedelta(days=6))
    n = week_number(days, day)
    span = f"{first:%Y-%m-%d}" + (f" 至 {last:%m-%d}" if last != first else "")
    return (f"第 {n} 周 " if n else "假期 ") + span


def week_notes(days: SchoolDays, day: dt.date) -> list[str]:
    """The week's holidays and 调休 working days, by name: "国庆节放假：10-05 至 10-07", "10-10（周六）国庆节调休上课"."""
    monday = monday_of(day)
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    notes: list[str] = []
    run: list[dt.date] = []
    run_name = ""

    def flush():
        if run:
            span = f"{run[0]:%m-%d}" + (f" 至 {run[-1]:%m-%d}" if len(run) > 1 else f"（{weekday_name(run[0])}）")
            notes.append(f"{run_name or '节假日'}放假：{span}")
            run.clear()

    for d in week:
        working = days.work.is_working_day(d)
        name = days.work.name_of(d)
        if not working and (d.weekday() < 5 or name):  # a holiday (a plain weekend is not named)
            if run and (name != run_name or (d - run[-1]).days != 1):
                flush()
            run.append(d)
            run_name = name
            continue
        flush()
        if working and d.weekday() >= 5:
            notes.append(f"{d:%m-%d}（{weekday_name(d)}）{name}调休上课")
    flush()
    terms = days.terms
    if any(not terms.in_term(d) for d in week if d.weekday() < 5):
        term = terms.term_of(day)
        notes.append(f"{term.label}：{term.start:%Y-%m-%d} 开学，{term.end:%Y-%m-%d} 结束")
    estimated = sorted({d.year for d in week if days.work.is_estimated(d.year)})
    if estimated:
        notes.append(estimate_warning(estimated, "上课日"))
    return notes


# --- reading a teacher's sheet -------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    row: int  # the Excel row (1-based)
    column: str  # "D 列（10月12日）", or "" for the whole row
    text: str

    def __str__(self) -> str:
        return f"第 {self.row} 行" + (f"，{self.column}" if self.column else "") + f"：{self.text}"


@dataclass
class SheetImport:
    cells: dict[tuple[int, dt.date], Kind | None] = field(default_factory=dict)  # the clean rows only
    problems: list[Problem] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)  # the school days read
    rows: int = 0  # pupil rows in the sheet
    clean_rows: int = 0
    missing: list[str] = field(default_factory=list)  # pupils of the class not on the sheet
    skipped_days: list[dt.date] = field(default_factory=list)  # empty columns of days not (yet) school days

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def absences(self) -> int:
        return sum(1 for k in self.cells.values() if k is not None)


class SheetError(ValueError):
    """The file is not a sheet this reader understands at all (no header row with 姓名, no dates)."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _at(row: tuple, column: int | None):
    return row[column] if column is not None and column < len(row) else None


def _nearest_year(month: int, day: int, near: dt.date) -> dt.date:
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError
    return min(candidates, key=lambda d: abs((d - near).days))


def parse_header_date(value, near: dt.date) -> dt.date | None:
    """A header cell as a date: an Excel date, or text with or without the year (the nearest year to
    `near`); None when the cell is not a date at all; ValueError when it looks like one but is not valid."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    m = _FULL_DATE.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = _MONTH_DAY.match(text)
    if m:
        return _nearest_year(int(m[1]), int(m[2]), near)
    if _LOOKS_LIKE_DATE.match(text):
        raise ValueError(text)
    return None


def _column_name(col: int, header) -> str:
    if isinstance(header, (dt.date, dt.datetime)):
        header = f"{header.month}月{header.day}日"
    label = _text(header)
    return f"{get_column_letter(col)} 列" + (f"（{label}）" if label else "")


def _find_header(rows: list[tuple]) -> int:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(_SPACES.sub("", _text(v)) == NAME for v in row):
            return i
    raise SheetError(f"表格前 {HEADER_SEARCH_ROWS} 行中没有“{NAME}”列的表头，无法识别这张考勤表")


def read_sheet(ws, path: str | Path, class_id: int, week_day: dt.date, days: SchoolDays | None = None) -> SheetImport:
    """Reads the first worksheet of a teacher's sheet for one class; the week of `week_day` gives the
    year of dates written without one. Nothing is written."""
    days = days or SchoolDays.for_workspace(ws)
    today = ws.today()
    klass = SchoolClass.get_by_id(class_id)
    try:
        book = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as e:  # whatever openpyxl says, the registrar needs one sentence
        raise SheetError(f"无法打开“{Path(path).name}”：不是 Excel 表格（.xlsx），或文件已损坏") from e
    try:
        rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    h = _find_header(rows)
    header = rows[h]
    result = SheetImport()
    name_col = number_col = None
    date_cols: list[tuple[int, dt.date]] = []
    for c, value in enumerate(header):
        label = _SPACES.sub("", _text(value))
        if label == NAME:
            name_col = c
        elif label in (NUMBER, "学籍号码", "全国学籍号"):
            number_col = c
        else:
            try:
                day = parse_header_date(value, week_day)
            except ValueError:
                result.problems.append(Problem(h + 1, _column_name(c + 1, value),
                                               f"“{_text(value)}”不是有效的日期，这一列未读取"))
                continue
            if day is not None:
                date_cols.append((c, day))
    if not date_cols:
        raise SheetError(f"第 {h + 1} 行（表头）中没有日期列：每天一列，表头写日期，如“10月12日”或“2026-10-12”")
    seen_days: dict[dt.date, int] = {}
    for c, day in date_cols:
        if day in seen_days:
            result.problems.append(Problem(h + 1, _column_name(c + 1, header[c]),
                                           f"{day:%m-%d} 与 {get_column_letter(seen_days[day] + 1)} 列是同一天"))
        seen_days.setdefault(day, c)

    pupils = attendance.class_pupils(klass)
    by_number = {p.student_number: p for p in pupils}
    by_name: dict[str, list[Student]] = {}
    for p in pupils:
        by_name.setdefault(_SPACES.sub("", p.name), []).append(p)

    # which columns count: school days up to today; other columns only if they mark an absence (a problem)
    usable = {c: day for c, day in date_cols if days.is_school_day(day) and day <= today}
    seen_rows: dict[int, int] = {}
    for r in range(h + 1, len(rows)):
        row = rows[r]
        excel_row = r + 1
        name = _SPACES.sub("", _text(_at(row, name_col)))
        number = _text(_at(row, number_col)).upper()
        marks = {c: _text(_at(row, c)) for c, _ in date_cols}
        if not name and not number:
            if any(marks.values()):
                result.problems.append(Problem(excel_row, "", "这一行有考勤记号，但没有姓名和学籍号"))
            continue
        result.rows += 1
        problems: list[Problem] = []
        pupil = None
        who = name or number
        if number:
            pupil = by_number.get(number)
            if pupil is None:
                problems.append(Problem(excel_row, _column_name(number_col + 1, header[number_col]),
                                        f"学籍号 {number} 不在{klass.name}的在籍名单中"))
            elif name and _SPACES.sub("", pupil.name) != name:
                problems.append(Problem(excel_row, _column_name(name_col + 1, header[name_col]),
                                        f"学籍号 {number} 是{pupil.name}，表中姓名却是“{name}”"))
                pupil = None
        else:
            found = by_name.get(name, [])
            if len(found) > 1:
                problems.append(Problem(excel_row, _column_name(name_col + 1, header[name_col]),
                                        f"{klass.name}有 {len(found)} 名学生叫{name}，请在“{NUMBER}”列填写学籍号以区分"))
            elif not found:
                problems.append(Problem(excel_row, _column_name(name_col + 1, header[name_col]),
                                        f"{klass.name}的在籍名单中没有“{name}”"))
            else:
                pupil = found[0]
        if pupil is not None:
            who = pupil.name
            if pupil.id in seen_rows:
                problems.append(Problem(excel_row, "", f"{pupil.name}在第 {seen_rows[pupil.id]} 行已出现过"))
                pupil = None
            else:
                seen_rows[pupil.id] = excel_row
        row_cells: dict[tuple[int, dt.date], Kind | None] = {}
        for c, day in date_cols:
            text = marks[c]
            try:
                kind = attendance.kind_of(text)
            except ValueError:
                problems.append(Problem(excel_row, _column_name(c + 1, header[c]),
                                        f"{who}：“{text}”不是考勤记号（病假填“病”，事假填“事”，"
                                        "无故缺席填“旷”，到校留空或填“√”）"))
                continue
            if c not in usable:
                if kind is not None:
                    why = (f"{day:%Y-%m-%d} 晚于今天，不能预先记录缺勤" if day > today
                           else f"{day:%Y-%m-%d}（{weekday_name(day)}）不是上课日"
                           + (f"（{days.work.name_of(day)}）" if days.work.name_of(day) else "")
                           + "，不能记录缺勤")
                    problems.append(Problem(excel_row, _column_name(c + 1, header[c]), f"{who}：{why}"))
                continue
            if seen_days.get(day) != c:
                continue  # the second column of the same day is reported above
            if pupil is not None:
                row_cells[(pupil.id, day)] = kind
        result.problems += problems
        if not problems and pupil is not None:
            result.clean_rows += 1
            result.cells.update(row_cells)
    result.days = sorted(set(usable.values()))
    result.skipped_days = sorted({d for c, d in date_cols if c not in usable})
    on_sheet = set(seen_rows)
    result.missing = [p.name for p in pupils if p.id not in on_sheet]
    return result


# --- the blank sheet -----------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_GREY_FILL = PatternFill("solid", fgColor="EEEEEE")


def template_name(ws, class_id: int, week_day: dt.date, days: SchoolDays | None = None) -> str:
    days = days or SchoolDays.for_workspace(ws)
    klass = SchoolClass.get_by_id(class_id)
    school = days.week_of(week_day)
    first = school[0] if school else monday_of(week_day)
    return f"考勤表-{klass.name}-{first:%Y%m%d}.xlsx"


def write_template(ws, path: str | Path, class_id: int, week_day: dt.date, days: SchoolDays | None = None) -> Path:
    """The blank sheet of a class for the week of `week_day`: a title, how to fill it, then 序号, 姓名,
    学籍号 (text cells) and one column per school day (Excel dates, shown as "10月12日"), a weekday row above."""
    days = days or SchoolDays.for_workspace(ws)
    klass = SchoolClass.get_by_id(class_id)
    week = days.week_of(week_day)
    if not week:
        raise ValueError(f"{week_title(days, week_day)}没有上课日，无需考勤表")
    pupils = attendance.class_pupils(klass)
    book = Workbook()
    sheet = book.active
    sheet.title = "考勤"
    last_col = 3 + len(week)
    title = f"{ws.school.name if ws.school else ''}　{klass.name}　考勤表　{week_title(days, week_day)}".strip("　")
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    hint = sheet.cell(2, 1, "病假填“病”，事假填“事”，无故缺席填“旷”，到校留空。请勿改动姓名、学籍号和日期。")
    hint.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_col)
    sheet.row_dimensions[2].height = 30
    for i, day in enumerate(week):
        cell = sheet.cell(3, 4 + i, weekday_name(day) + ("（调休）" if day.weekday() >= 5 else ""))
        cell.alignment = Alignment(horizontal="center")
        cell.font = Font(color="555555")
    header = [SEQ, NAME, NUMBER] + week
    for c, value in enumerate(header, start=1):
        cell = sheet.cell(4, c, value)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center")
        if isinstance(value, dt.date):
            cell.number_format = 'm"月"d"日"'
    for r, pupil in enumerate(pupils, start=5):
        for c, value in enumerate((r - 4, pupil.name, pupil.student_number), start=1):
            cell = sheet.cell(r, c, value)
            cell.border = _BOX
            if c > 1:
                cell.number_format = "@"  # text: a 学籍号 must never become a number
        for c in range(4, last_col + 1):
            cell = sheet.cell(r, c)
            cell.border = _BOX
            cell.number_format = "@"
            cell.alignment = Alignment(horizontal="center")
    for c, width in enumerate((6, 12, 22) + (10,) * len(week), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "D5"
    sheet.print_title_rows = "4:4"
    path = Path(path)
    book.save(path)
    return path
