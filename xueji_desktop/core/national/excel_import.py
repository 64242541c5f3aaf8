"""Bringing a whole school in from the national system's Excel (its export, or its import template filled by
hand): a dry run that checks every row, a workbook of the rejected rows to fix and import again, and one
transaction for the accepted rows.

    plan = check_file(ws, "学生信息.xlsx")             # nothing written; ImportFileError for an unreadable file
    plan.problems                                     # sheet, row, column, value, message, article of each
    write_rejects(plan, "未导入.xlsx")                 # the rejected rows, original columns, 问题说明 added
    result = import_pupils(ws, plan, progress)        # the accepted rows, all or nothing; ImportCancelled

Each row is checked as the enrolment wizard checks a pupil (`enrolment.check_fields`: every field, the ID
number against birth date and sex, the family members) and by the enrolment rules that still mean something
for a pupil who already has a 学籍 (see `_rules_for_registered`), plus: the 学籍号 from the file (G, L or J
as the national system issues them), duplicates inside the file (ID number, 学籍号: every row of the group
is rejected, since which one is right is the registrar's call) and against the database.

A row whose 学籍号 (or, without one, whose ID number and name) is already in the school's database is
"already there": skipped, not a problem, so importing the same file twice adds nobody. Warnings never
reject a row: the pupil exists in the national system already; they are listed, and kept in the pupil's
event with the reason `IMPORT_REASON`.

Cells, as the national system and Excel write them: codes or Chinese labels; dates as text (YYYYMMDD,
YYYY-MM-DD, YYYY/M/D, YYYY年M月D日), as numbers (20200307) or as Excel dates. ID numbers and 学籍号 must be
text cells: a number cell (4.30521E+17: Excel keeps 15 digits) cannot be restored and rejects the row,
naming the cell. A phone or postcode in a number cell is read as its digits and warned about (a leading
0 is lost there): the row is rejected only when the digits left are no longer a valid number, which the
field check then says. A date cell where text is due (Excel turned "1-2" into 1月2日) rejects the row.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...store.models import SchoolClass, Student
from ..admission.enrolment import EnrolmentDraft, check_fields, warning_log, write_student
from ..admission.enrolment_rules import (
    EnrolmentFacts,
    PupilRef,
    archive_deadline,
    class_size_findings,
    duplicate_rules,
)
from ..pupils import codes, ids
from ..pupils.fields import GUARDIAN, GUARDIAN_FIELDS, STUDENT, STUDENT_FIELDS, Field, Kind
from ..pupils.status import ON_ROLL
from ..pupils.validation import parse_date
from ..rules.findings import Finding, Severity, cite
from ..school.coverage import grade_problem
from ..school.events import EventKind, changing
from ..school.school import class_name, grade_name, grades_taught
from ..school.setup import class_limit
from .excel_read import NUMBER_COLUMN, ImportFileError, SheetRows, get_column_letter, read_workbook
from .layouts import to_template_row
from .template import (
    CLASS_COLUMN,
    GRADE_COLUMN,
    TemplateError,
    column_of,
    draft_from_row,
    member_column,
    parse_class_number,
    parse_grade,
)

__all__ = ["CheckCancelled", "ImportCancelled", "ImportFileError", "ImportPlan", "ImportResult", "Problem", "check_file",
           "import_pupils", "write_rejects"]

ROUTE = "全国学籍系统导入"
ENTRY_ROUTE = "imported"  # Student.entry_route of a pupil brought in with the 学籍 the national system gave
IMPORT_REASON = "全国学籍系统中已有学籍，按原数据导入"
ENTRY_DATE_COLUMN = "入学日期"
BLOCK, WARN = "禁止", "提醒"
PROGRESS_EVERY = 25  # rows between progress calls while writing

# column name → the field it fills: ("student", Field) or (member number, Field)
_FIELDS: dict[str, tuple[object, Field]] = {column_of(f): ("student", f) for f in STUDENT_FIELDS}
_FIELDS.update({member_column(n, f): (n, f) for n in (1, 2) for f in GUARDIAN_FIELDS})
_TEXT_ONLY = (Kind.ID_NUMBER,)  # a number cell here cannot be restored
_DIGITS_ONLY = (Kind.PHONE, Kind.POSTCODE)  # a number cell here may have lost a leading 0
_NUMBER_CELL_IS_DATE = {ENTRY_DATE_COLUMN}


class ImportCancelled(Exception):
    """The registrar cancelled while the rows were being written: the transaction was rolled back."""

    def __init__(self):
        super().__init__("已取消导入：没有写入任何学生")


class CheckCancelled(Exception):
    """The registrar stopped the dry run; nothing was written (a dry run writes nothing)."""

    def __init__(self):
        super().__init__("已停止检查：没有写入任何内容")


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int  # the Excel row; 0 for a finding about a class
    column: str  # "F 列（身份证号）", "" for the whole row
    value: str  # the cell as it reads
    message: str  # Chinese, names the field and the rule
    article: str = ""
    severity: str = BLOCK  # 禁止 rejects the row; 提醒 is shown only
    col_index: int | None = None  # 0-based, to mark the cell in the rejects workbook

    @property
    def text(self) -> str:
        return cite(self.message, self.article)

    def __str__(self) -> str:
        if not self.row:
            return self.text  # a class: the message names it
        return f"工作表“{self.sheet}”第 {self.row} 行" + (f"，{self.column}" if self.column else "") + f"：{self.text}"


@dataclass
class ImportRow:
    sheet: SheetRows
    row: int
    raw: tuple
    cells: dict[str, str]  # template column → text
    draft: EnrolmentDraft | None
    number: str  # 学籍号 from the file, normalised; "" when the file has none
    grade: int | None = None
    class_number: int | None = None
    file_problems: list[Problem] = field(default_factory=list)  # from the row alone
    db_problems: list[Problem] = field(default_factory=list)  # against the database and the other rows
    findings: list[Finding] = field(default_factory=list)  # the findings behind file_problems, for the event
    db_findings: list[Finding] = field(default_factory=list)  # the findings behind db_problems
    present: str = ""  # "已在本校" note when the pupil is already in the database

    @property
    def problems(self) -> list[Problem]:
        return self.file_problems + self.db_problems

    @property
    def rejected(self) -> bool:
        return not self.present and any(p.severity == BLOCK for p in self.problems)

    @property
    def accepted(self) -> bool:
        return not self.present and not self.rejected

    @property
    def id_number(self) -> str:
        return _id_text(self.cells.get(column_of(STUDENT["id_number"]), ""))

    @property
    def name(self) -> str:
        return self.cells.get(column_of(STUDENT["name"]), "")


@dataclass
class ImportPlan:
    path: Path
    sheets: list[SheetRows]
    notes: list[str]  # sheets skipped, columns ignored
    rows: list[ImportRow] = field(default_factory=list)
    class_problems: list[Problem] = field(default_factory=list)
    new_classes: list[tuple[int, int]] = field(default_factory=list)  # (grade, number) the import creates

    @property
    def accepted(self) -> list[ImportRow]:
        return [r for r in self.rows if r.accepted]

    @property
    def rejected(self) -> list[ImportRow]:
        return [r for r in self.rows if r.rejected]

    @property
    def present(self) -> list[ImportRow]:
        return [r for r in self.rows if r.present]

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the rows not already in the database, in file order, then the classes'."""
        return [p for r in self.rows if not r.present for p in r.problems] + self.class_problems

    def summary(self) -> str:
        parts = [f"共 {len(self.rows)} 行：可导入 {len(self.accepted)} 行，有问题未导入 {len(self.rejected)} 行"]
        if self.present:
            parts.append(f"已在本校学籍中 {len(self.present)} 行（不重复导入）")
        if self.new_classes and self.accepted:
            parts.append("将新建班级 " + "、".join(class_name(g, n) for g, n in self.new_classes))
        return "；".join(parts)


@dataclass
class ImportResult:
    added: int
    present: int
    rejected: int
    classes_created: list[str]
    changes: object = None

    def summary(self) -> str:
        if not self.added:
            text = "没有新增学生"
            if self.present:
                text += f"：{self.present} 名学生已在本校学籍中（此文件已导入过），未重复导入"
        else:
            text = f"已导入 {self.added} 名学生"
            if self.present:
                text += f"；{self.present} 名已在本校学籍中，未重复导入"
        if self.rejected:
            text += f"；{self.rejected} 行有问题未导入"
        if self.classes_created:
            text += "；新建班级 " + "、".join(self.classes_created)
        return text


# --- cells ------------------------------------------------------------------------------------------

def _shown(raw) -> str:
    """A cell as the registrar sees it in Excel."""
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d") if raw.time() == dt.time() else raw.strftime("%Y-%m-%d %H:%M")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() and abs(raw) < 1e15 else f"{raw:.15G}"
    return str(raw).strip()


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _id_text(text: str) -> str:
    return re.sub(r"\s+", "", _half_width(text or "")).upper()


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date_text(raw) -> str:
    """A date cell as YYYY-MM-DD: Excel dates, 20200307 as a number, an Excel serial number, and text in
    the usual ways; anything else as it reads (the field check names it)."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 19000101 <= raw <= 29991231:
            return str(int(raw))
        if 1 <= raw < 2958466:  # an Excel serial day in a General cell
            return (_EXCEL_EPOCH + dt.timedelta(days=int(raw))).isoformat()
        return _shown(raw)
    text = _half_width(_shown(raw))
    m = _DATE_TEXT.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return text
    return text


def _month_text(raw) -> str:
    """入学年月 as YYYY-MM: an Excel date, 202609, 2026.09 (a number), 2026-9, 2026年9月."""
    if isinstance(raw, (dt.date, dt.datetime)):
        return f"{raw.year:04d}-{raw.month:02d}"
    if isinstance(raw, float) and not raw.is_integer():
        raw = f"{raw:.2f}"
    text = _half_width(_shown(raw))
    m = _MONTH_TEXT.match(text)
    if m and 1 <= int(m[2]) <= 12:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    m = _DATE_TEXT.match(text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}"
    return text


def _code_text(f: Field, raw) -> str:
    """A code typed as a number: 民族 1 for 01, 港澳台侨外 0 for 00 (Excel drops the leading zero)."""
    text = _shown(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and text.isdigit():
        widths = {len(c) for c in f.table.codes if c.isdigit()}
        if len(widths) == 1:
            width = widths.pop()
            if len(text) < width and f.table.code(text) is None:
                return text.zfill(width)
    return text


def _cell(column: str, raw) -> tuple[str, tuple[str, str] | None]:
    """The cell as template text, and (severity, message) when the cell's type is wrong for its column."""
    if raw is None:
        return "", None
    if isinstance(raw, str):
        raw = raw.strip()
    kind_field = _FIELDS.get(column)
    f = kind_field[1] if kind_field else None
    kind = f.kind if f else None
    is_date = isinstance(raw, (dt.date, dt.datetime))
    is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if column == NUMBER_COLUMN or kind in _TEXT_ONLY:
        label = "学籍号" if column == NUMBER_COLUMN else (f.label if f else column)
        if is_number:
            return _shown(raw), (BLOCK, (f"{label}是数字单元格（{_shown(raw)}）：Excel 只保留 15 位有效数字，"
                                         "超出的位数已变成 0，无法还原。请把该列设为“文本”格式，重新填写后再导入"))
        if is_date:
            return _shown(raw), (BLOCK, f"{label}是日期单元格（{_shown(raw)}）：请把该列设为“文本”格式，重新填写")
        return _id_text(raw), None
    if kind is Kind.DATE or column in _NUMBER_CELL_IS_DATE:
        return _date_text(raw), None
    if kind is Kind.MONTH:
        return _month_text(raw), None
    if is_date:
        label = f.label if f else column
        return _shown(raw), (BLOCK, (f"{label}是日期单元格（Excel 把填写的内容自动转换成了日期 {_shown(raw)}）："
                                     "请把该列设为“文本”格式，按原样重新填写"))
    if kind in _DIGITS_ONLY:
        if is_number:
            digits = _shown(raw)
            return digits, (WARN, (f"{f.label}是数字单元格（{digits}）：开头的 0 会被 Excel 去掉，"
                                   "请把该列设为“文本”格式并核对号码"))
        return re.sub(r"\s+", "", _half_width(raw)) if isinstance(raw, str) else _shown(raw), None
    if kind is Kind.CODE:
        return _code_text(f, raw), None
    if isinstance(raw, float) and not raw.is_integer() and abs(raw) >= 1e15:
        return _shown(raw), (BLOCK, f"{column}是科学计数法的数字单元格（{_shown(raw)}）：请把该列设为“文本”格式，重新填写")
    return _shown(raw), None


# --- one row, from the file alone ---------------------------------------------------------------------

def _column_of_key(key: str | None) -> str:
    if not key:
        return ""
    if key.startswith("guardians."):
        _, index, name = key.split(".", 2)
        f = GUARDIAN.get(name.split(".")[0])
        return member_column(int(index) + 1, f) if f else ""
    if key == "guardians":
        return member_column(1, GUARDIAN["is_guardian"])
    if key == "grade":
        return GRADE_COLUMN
    if key == "school_class":
        return CLASS_COLUMN
    f = STUDENT.get(key.split(".")[0])
    return column_of(f) if f else ""


@lru_cache(maxsize=4096)
def _template_label(column: str, text: str) -> str:
    """A label of either layout as the template's (户口性质 农业户口 → 农业): `layouts.to_template_row`, once
    per value."""
    if not text:
        return text
    return to_template_row({column: text})[0].get(column, text)


class _Shown:
    """A row's cells as the registrar sees them, by template column, worked out only when a problem is said."""

    def __init__(self, sheet: SheetRows, raw: tuple):
        self.sheet = sheet
        self.raw = raw

    def get(self, column: str, default: str = "") -> str:
        i = self.sheet.index(column)
        return _shown(self.raw[i]) if i is not None and i < len(self.raw) else default

    def __getitem__(self, column: str) -> str:
        return self.get(column)


class _RowBuilder:
    """Reads and checks rows against what does not change while the file is read: the school's grades,
    the profile, today."""

    def __init__(self, ws):
        self.ws = ws
        self.today = ws.today()
        self.taught = set(grades_taught(ws.kind, ws.system))
        p = ws.profile
        self.formal = p.value("student_number.formal_prefix")
        self.temporary = p.value("student_number.temporary_prefix")
        self.no_id = p.value("student_number.no_id_prefix") if p.applies("student_number.no_id_prefix") else "J"
        self.number_article = p.rule("student_number.formal_prefix").article

    def problem(self, sheet: SheetRows, row: int, column: str, value: str, message: str, article: str = "",
                severity: str = BLOCK) -> Problem:
        index = sheet.index(column)
        return Problem(sheet.title, row, sheet.letter(column) if column else "", value, message, article, severity,
                       index)

    def build(self, sheet: SheetRows, excel_row: int, raw: tuple) -> ImportRow:
        problems: list[Problem] = []
        cells: dict[str, str] = {}
        width = len(raw)
        for index, column in sheet.columns.items():
            value = raw[index] if index < width else None
            if value is None:
                cells[column] = ""
                continue
            text, issue = _cell(column, value)
            cells[column] = text
            if issue:
                problems.append(self.problem(sheet, excel_row, column, _shown(value), issue[1], severity=issue[0]))
        shown = _Shown(sheet, raw)
        bad_cells = {p.column for p in problems if p.severity == BLOCK}
        row = ImportRow(sheet, excel_row, raw, cells, None, cells.get(NUMBER_COLUMN, ""))

        # placement: 年级 and 班级号 (a class named "一年级(1)班" gives both)
        grade = number = None
        try:
            if cells.get(GRADE_COLUMN):
                grade = parse_grade(cells[GRADE_COLUMN])
        except TemplateError as e:
            problems.append(self.problem(sheet, excel_row, GRADE_COLUMN, shown[GRADE_COLUMN], str(e)))
        try:
            if cells.get(CLASS_COLUMN):
                number, named = parse_class_number(cells[CLASS_COLUMN], grade)
                grade = grade or named
        except TemplateError as e:
            problems.append(self.problem(sheet, excel_row, CLASS_COLUMN, shown[CLASS_COLUMN], str(e)))
        if grade is not None and grade not in self.taught:
            uncovered = grade_problem(self.ws.profile, grade, self.ws.system)
            problems.append(self.problem(sheet, excel_row, GRADE_COLUMN, shown.get(GRADE_COLUMN, ""),
                                         uncovered or f"年级：本校（{self.ws.kind.label}）没有{grade_name(grade)}",
                                         self.ws.profile.rule("scope.stages").article if uncovered else ""))
        row.grade, row.class_number = grade, number

        fields = {c: _template_label(c, t) for c, t in cells.items() if c in _FIELDS}
        draft = draft_from_row(fields, lambda g, n: -1)
        draft.new_pupil = False  # already registered in the national system
        draft.grade = grade
        draft.class_id = -1 if grade is not None and number is not None else None
        draft.identity_verified = bool(row.number) and row.number.startswith(self.formal)
        entry = None
        if cells.get(ENTRY_DATE_COLUMN):
            entry = parse_date(cells[ENTRY_DATE_COLUMN])
            if entry is None:
                problems.append(self.problem(sheet, excel_row, ENTRY_DATE_COLUMN, shown[ENTRY_DATE_COLUMN],
                                             "入学日期无法识别，请写成 2026-09-01 或 20260901"))
        elif re.fullmatch(r"\d{4}-\d{2}", draft.value("entry_month") or ""):
            year, month = map(int, draft.value("entry_month").split("-"))
            if 1 <= month <= 12:
                entry = dt.date(year, month, 1)
        draft.entry_date = entry
        row.draft = draft

        placement_reported = {p.column for p in problems}
        found = check_fields(draft, self.today)
        for f in found:
            column = _column_of_key(f.field)
            if f.rule == "field.grade" and GRADE_COLUMN in sheet.columns.values() and cells.get(GRADE_COLUMN):
                continue  # the 年级 cell's own problem is said above
            if f.rule == "field.school_class":
                if sheet.letter(CLASS_COLUMN) in placement_reported or sheet.letter(GRADE_COLUMN) in placement_reported:
                    continue
                f = Finding(f.rule, f.severity, f.field, "班级号不能为空（必填项）", f.article)
            if f.rule == "field.grade":
                f = Finding(f.rule, f.severity, f.field, "年级不能为空（必填项）", f.article)
            letter = sheet.letter(column) if column else ""
            if letter in bad_cells:
                continue  # the cell's type is the problem, said once
            row.findings.append(f)
            problems.append(self.problem(sheet, excel_row, column, shown.get(column, ""), f.message, f.article,
                                         BLOCK if f.severity is Severity.BLOCK else WARN))
        row.file_problems = problems
        problems += self._number_problems(sheet, row, draft, shown)
        return row

    def _number_problems(self, sheet, row: ImportRow, draft: EnrolmentDraft, shown: dict) -> list[Problem]:
        """The 学籍号 as the national system issues it (REFERENCE.md): G + the 18-digit ID number; L + area
        code + birth date + 4 digits; J + an ID-shaped number."""
        number = row.number
        unreadable = {p.column for p in row.file_problems if p.severity == BLOCK}
        if not number or sheet.letter(NUMBER_COLUMN) in unreadable:
            return []
        value = shown.get(NUMBER_COLUMN, number)

        def bad(message, severity=BLOCK):
            return [self.problem(sheet, row.row, NUMBER_COLUMN, value, message, self.number_article, severity)]

        body = number[1:]
        if number.startswith(self.formal):
            if not re.fullmatch(r"\d{17}[\dX]", body):
                return bad(f"学籍号“{number}”：正式学籍号应为 {self.formal} 加 18 位居民身份证号")
            id_number = "" if sheet.letter(column_of(STUDENT["id_number"])) in unreadable else row.id_number
            if draft.value("id_type") == codes.RESIDENT_ID and id_number and body != id_number:
                return bad(f"学籍号“{number}”与身份证件号 {id_number} 不一致：正式学籍号是 {self.formal} 加本人身份证号")
            return []
        if number.startswith(self.temporary):
            if not re.fullmatch(r"\d{18}", body):
                return bad(f"学籍号“{number}”：临时学籍号应为 {self.temporary} 加 6 位区划代码、8 位出生日期和 4 位顺序号")
            birth = parse_date(draft.value("birth_date"))
            if birth and body[6:14] != f"{birth:%Y%m%d}":
                return bad(f"学籍号“{number}”中的出生日期 {body[6:14]} 与出生日期 {birth:%Y%m%d} 不一致，请核对",
                           WARN)
            return []
        if number.startswith(self.no_id):
            if not re.fullmatch(r"\d{17}[\dX]", body):
                return bad(f"学籍号“{number}”：无证件学生的学籍号应为 {self.no_id} 加 18 位（区划代码、出生日期、顺序号和校验位）")
            return []
        return bad(f"学籍号“{number}”应以 {self.formal}（正式）、{self.temporary}（临时）或 {self.no_id}（无证件）开头")


# --- the whole file against the database ---------------------------------------------------------------

@dataclass
class _Known:
    """What the database holds, read once for all the rows (no query per row)."""

    by_number: dict[str, tuple[str, str, str]]  # 学籍号 → (ID number, name, class)
    by_id: dict[str, tuple[str, str, str]]  # ID number → (学籍号, name, class)
    by_person: dict[tuple[str, dt.date], list[tuple[int, str, str, str]]]  # (name, birth) → (id, 学籍号, class, ID)
    classes: dict[tuple[int, int], SchoolClass]
    occupied: dict[int, int]  # class id → pupils on the roll

    @classmethod
    def read(cls) -> _Known:
        classes = {(c.grade, c.number): c for c in SchoolClass.in_use()}
        names = {c.id: c.name for c in classes.values()}
        by_number, by_id, by_person = {}, {}, defaultdict(list)
        occupied: Counter = Counter()
        on_roll = {s.value for s in ON_ROLL}
        for sid, number, id_number, name, birth, class_id, grade, status in (
                Student.select(Student.id, Student.student_number, Student.id_number, Student.name,
                               Student.birth_date, Student.school_class, Student.grade, Student.status).tuples()):
            where = names.get(class_id) or grade_name(grade)
            id_number = (id_number or "").upper()
            by_number[number] = (id_number, name, where)
            if id_number:
                by_id[id_number] = (number, name, where)
            if birth:
                by_person[(name, birth)].append((sid, number, where, id_number))
            if class_id and status in on_roll:
                occupied[class_id] += 1
        return cls(by_number, by_id, dict(by_person), classes, dict(occupied))

    def family_names(self, student_ids: list[int]) -> dict[int, set[str]]:
        from ...store.models import Guardian

        names: dict[int, set[str]] = defaultdict(set)
        for i in range(0, len(student_ids), 500):
            for sid, name in (Guardian.select(Guardian.student, Guardian.name)
                              .where(Guardian.student.in_(student_ids[i:i + 500])).tuples()):
                names[sid].add(name)
        return names


def _rules_for_registered(ws, row: ImportRow, known: _Known, family: dict[int, set[str]]) -> list[Finding]:
    """The enrolment rules (core.admission.enrolment_rules) that hold for a pupil who already has a 学籍:

    - kept: `duplicate_rules` — one 学籍 per person (the same ID number) and the likely same person (same
      name, birth date and a family member's name), against the school's database.
    - kept, per class and as a warning, in `_class_problems`: the class size rules.
    - left out, they judge the act of creating a 学籍, which happened in the national system: the age at a
      新生注册 (`age_rules`: min_age, usual/disabled max age) and the grade a 非新生注册 is placed in by age
      (grade_age_tolerance) — the grade here is the national record's; the enrolment period (`period_rule`);
      the 新生注册 in a starting grade (in `enrolment.check`); the archive deadline counted from that
      registration (`deadline_rule`)."""
    draft = row.draft
    duplicate = None
    if row.id_number and row.id_number in known.by_id:
        number, name, where = known.by_id[row.id_number]
        duplicate = PupilRef(number, name, where)
    birth = parse_date(draft.value("birth_date"))
    names = {(g.get("name") or "").strip() for g in draft.guardians} - {""}
    similar = tuple(PupilRef(number, row.name, where)
                    for sid, number, where, id_number in known.by_person.get((row.name, birth), [])
                    if id_number != row.id_number and family.get(sid, set()) & names)
    facts = EnrolmentFacts(profile=ws.profile, system=ws.system, today=ws.today(), new_pupil=False,
                           grade=row.grade, birth_date=birth, disabled=False, duplicate_id=duplicate, similar=similar)
    return duplicate_rules(facts)


def _judge(ws, plan: ImportPlan) -> None:
    """The checks against the database and between the rows; run at the dry run and again inside the
    import's transaction, on fresh data."""
    known = _Known.read()
    builder_article = ws.profile.rule("enrolment.duplicate_id").article
    for row in plan.rows:
        row.db_problems, row.db_findings, row.present = [], [], ""
        number, id_number = row.number, row.id_number
        if number and number in known.by_number:
            held_id, held_name, where = known.by_number[number]
            if (id_number and held_id == id_number) or (not id_number and held_name == row.name):
                row.present = f"已在本校学籍中（{held_name}，学籍号 {number}，{where}）"
        elif not number and id_number and id_number in known.by_id and known.by_id[id_number][1] == row.name:
            row.present = f"已在本校学籍中（{row.name}，学籍号 {known.by_id[id_number][0]}）"
    candidates = [sid for row in plan.rows if not row.present
                  for sid, *_ in known.by_person.get((row.name, parse_date(row.draft.value("birth_date"))), [])]
    family = known.family_names(candidates) if candidates else {}

    def add(row: ImportRow, column: str, message: str, article: str, severity: str = BLOCK):
        index = row.sheet.index(column)
        value = _shown(row.raw[index]) if index is not None and index < len(row.raw) else ""
        row.db_problems.append(Problem(row.sheet.title, row.row, row.sheet.letter(column), value, message, article,
                                       severity, index))

    # inside the file: one 学籍 per person, one 学籍号 per 学籍
    for key, column, label in ((lambda r: r.id_number, column_of(STUDENT["id_number"]), "身份证件号"),
                               (lambda r: r.number, NUMBER_COLUMN, "学籍号")):
        groups: dict[str, list[ImportRow]] = defaultdict(list)
        for row in plan.rows:
            if not row.present and key(row):
                groups[key(row)].append(row)
        for value, rows in groups.items():
            if len(rows) < 2:
                continue
            for row in rows:
                others = "、".join(f"“{o.sheet.title}”第 {o.row} 行" for o in rows if o is not row)
                add(row, column, f"{label} {value} 在文件中重复：与{others}相同；一人只能有一个学籍，请核对后只保留一行",
                    builder_article)
    # against the database
    for row in plan.rows:
        if row.present:
            continue
        if row.number and row.number in known.by_number:
            held_id, held_name, where = known.by_number[row.number]
            add(row, NUMBER_COLUMN, f"学籍号 {row.number} 已属于本校学生{held_name}（{where}），与本行不是同一人，请核对",
                ws.profile.rule("student_number.lifelong").article)
        for f in _rules_for_registered(ws, row, known, family):
            row.db_findings.append(f)
            add(row, _column_of_key(f.field), f.message, f.article,
                BLOCK if f.severity is Severity.BLOCK else WARN)
    plan.class_problems, plan.new_classes = _class_problems(ws, plan, known)


def _class_problems(ws, plan: ImportPlan, known: _Known) -> tuple[list[Problem], list[tuple[int, int]]]:
    """The class size rules, once per class, for the pupils the class will hold. A warning, never a
    rejection: the pupils are in that class in the national system already, and leaving some of them out
    of the register would not make the class smaller; the registrar sees the article and the numbers."""
    arriving: Counter = Counter((r.grade, r.class_number) for r in plan.rows if r.accepted)
    problems, new = [], []
    for (grade, number), count in sorted(arriving.items()):
        klass = known.classes.get((grade, number))
        if klass is None:
            new.append((grade, number))
        name = klass.name if klass else class_name(grade, number)
        capacity = klass.capacity if klass else class_limit(ws.profile, grade, ws.system)[0]
        total = known.occupied.get(klass.id, 0) + count if klass else count
        standard, maximum = class_limit(ws.profile, grade, ws.system)[:2]
        for f in class_size_findings(ws.profile, ws.system, grade, name, total - 1, capacity):
            limit = (f"班额上限 {maximum} 人" if f.rule.endswith("_max")
                     else f"标准班额 {standard} 人" if total > standard else f"本校计划的 {capacity} 人")
            problems.append(Problem("", 0, "", name, f"班级：{name}导入后共 {total} 人，超过{limit}；这些学生已在"
                                    "全国学籍系统中，仍予导入，请按规定调整班额", f.article, WARN))
    return problems, new


def check_file(ws, path: str | Path, progress: Progress | None = None) -> ImportPlan:
    """The dry run: every row read and checked, nothing written. ImportFileError when the file cannot be read.
    `progress(done, total)` is called as rows are checked (after the file is read); returning False stops:
    CheckCancelled."""
    sheets, notes = read_workbook(path)
    plan = ImportPlan(Path(path), sheets, list(notes))
    builder = _RowBuilder(ws)
    total = sum(len(sheet.rows) for sheet in sheets)
    if progress is not None and progress(0, total) is False:
        raise CheckCancelled()
    for sheet in sheets:
        if sheet.ignored:
            plan.notes.append(f"工作表“{sheet.title}”中以下列不是导入模板的列，未读取：" + "、".join(sheet.ignored))
        for excel_row, raw in sheet.rows:
            plan.rows.append(builder.build(sheet, excel_row, raw))
            done = len(plan.rows)
            if progress is not None and done % PROGRESS_EVERY == 0 and progress(done, total) is False:
                raise CheckCancelled()
    if not plan.rows:
        raise ImportFileError(f"“{Path(path).name}”中只有表头，没有学生数据行")
    _judge(ws, plan)
    return plan


# --- the rejects workbook -------------------------------------------------------------------------------

_SHEET_DATA_END = "</sheetData>"
_REJECTS_FLUSH = 500  # rows per write into the sheet
_PINK = "FFC7CE"


def write_rejects(plan: ImportPlan, path: str | Path) -> int:
    """The rejected rows, sheet by sheet, under their original header, with 问题说明 first and the cells
    at fault filled pink; every cell text, so an ID number stays as typed. Fix it in Excel and import it
    again (问题说明 is ignored then). Returns the number of rows; the target is replaced only when the
    whole file is written.

    openpyxl (write-only) writes the workbook with the header rows only: styles, column widths, text-formatted
    columns, frozen panes. The data rows are then streamed into each sheet's XML as inline-string cells with
    the text style (pink where at fault): openpyxl's per-cell writer and its style look-ups took about 9.5 s
    for 10,000 rejected rows of a garbage file, this about a tenth of that."""
    import zipfile

    target = Path(path)
    by_sheet: dict[str, list[ImportRow]] = defaultdict(list)
    for row in plan.rejected:
        by_sheet[row.sheet.title].append(row)
    chosen = [(sheet, by_sheet[sheet.title]) for sheet in plan.sheets if by_sheet.get(sheet.title)]
    scaffold, parts, styles = _rejects_scaffold(chosen)
    # a new name beside the target (not mkstemp's 0600 file): the workbook gets the folder's usual permissions
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    count = 0
    try:
        with zipfile.ZipFile(scaffold) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for item in src.infolist():
                if item.filename not in parts:
                    out.writestr(item, src.read(item))
                    continue
                sheet, rows = parts[item.filename]
                head, _, tail = src.read(item).decode("utf-8").rpartition(_SHEET_DATA_END)
                if not head:
                    raise RuntimeError(f"openpyxl wrote {item.filename} without {_SHEET_DATA_END}")
                # the used range, which openpyxl's write-only mode leaves out: without it a reader such as
                # openpyxl's read-only mode parses the whole sheet once more just to learn its size
                used = f'<dimension ref="A1:{get_column_letter(len(sheet.headers) + 1)}{len(rows) + 1}"/>'
                head = head.replace("<sheetViews>", used + "<sheetViews>", 1)
                with out.open(item.filename, "w", force_zip64=True) as stream:
                    stream.write(head.encode("utf-8"))
                    count += _write_reject_rows(stream, sheet, rows, styles)
                    stream.write((_SHEET_DATA_END + tail).encode("utf-8"))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _rejects_scaffold(chosen: list[tuple[SheetRows, list[ImportRow]]]):
    """The rejects workbook as openpyxl writes it, each sheet with its header row only. Returns the file (in
    memory), {sheet XML path in the package: (sheet, rows)} and the style ids of a note, a text and a pink
    cell, registered in the workbook's styles before it is saved."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    from .excel_read import NOTE_COLUMN

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    written = []
    for sheet, rows in chosen:
        out = book.create_sheet(sheet.title[:31])
        out.column_dimensions["A"].width = 60
        for i, header in enumerate(sheet.headers, start=2):
            out.column_dimensions[get_column_letter(i)].width = max(10, min(30, len(header) * 2 + 2))
            out.column_dimensions[get_column_letter(i)].number_format = "@"
        out.freeze_panes = "C2"
        header = []
        for text in [NOTE_COLUMN, *sheet.headers]:
            cell = WriteOnlyCell(out, value=text)
            cell.font, cell.number_format = bold, "@"
            header.append(cell)
        out.append(header)
        written.append((out, sheet, rows))
    if not written:
        out = book.create_sheet("未导入")
    note = WriteOnlyCell(out)
    note.alignment, note.number_format = Alignment(wrap_text=True, vertical="top"), "@"
    text = WriteOnlyCell(out)
    text.number_format = "@"
    pink = WriteOnlyCell(out)
    pink.number_format, pink.fill = "@", PatternFill("solid", fgColor=_PINK)
    styles = (note.style_id, text.style_id, pink.style_id)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer, {out.path.lstrip("/"): (sheet, rows) for out, sheet, rows in written}, styles


def _write_reject_rows(stream, sheet: SheetRows, rows: list[ImportRow], styles: tuple[int, int, int]) -> int:
    """The rejected rows as SpreadsheetML from row 2: 问题说明 (the blocking problems, one a line), then the
    row's cells as the registrar saw them, each an inline string (never a number, a date or a formula);
    the cells at fault pink, empty ones too."""
    from xml.sax.saxutils import escape

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    note_style, text_style, pink_style = styles
    width = len(sheet.headers)
    refs = [f'<c r="{get_column_letter(i)}' for i in range(1, width + 2)]  # completed with the row number
    strip = ILLEGAL_CHARACTERS_RE.sub
    cited: dict[tuple[str, str], str] = {}  # the same message under the same article, said once

    def text(ref: str, style: int, value: str) -> str:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'

    chunk: list[str] = []
    for r, row in enumerate(rows, start=2):
        lines, marked = [], set()
        for p in row.problems:
            if p.severity != BLOCK:
                continue
            said = cited.get((p.message, p.article))
            if said is None:
                said = cited[(p.message, p.article)] = p.text
            # the letters of this workbook (问题说明 comes first), not of the file the row came from
            where = f"{get_column_letter(p.col_index + 2)} 列" if p.col_index is not None else p.column.split("（")[0]
            lines.append(f"{where} {said}" if where else said)
            if p.col_index is not None:
                marked.add(p.col_index)
        note = strip("", "\n".join(lines))
        parts = [f'<row r="{r}">']
        if note:
            parts.append(text(f'<c r="A{r}', note_style, note))
        raw = row.raw[:width]
        for index, value in enumerate(raw, start=1):
            shown = strip("", _shown(value)) if value is not None else ""
            if shown:
                parts.append(text(f"{refs[index]}{r}", pink_style if index - 1 in marked else text_style, shown))
            elif index - 1 in marked:
                parts.append(f'{refs[index]}{r}" s="{pink_style}"/>')
        for index in sorted(i for i in marked if len(raw) <= i < width):  # a marked cell past the row's end
            parts.append(f'{refs[index + 1]}{r}" s="{pink_style}"/>')
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= _REJECTS_FLUSH:
            stream.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    if chunk:
        stream.write("".join(chunk).encode("utf-8"))
    return len(rows)


# --- the import -----------------------------------------------------------------------------------------

Progress = Callable[[int, int], "bool | None"]


def import_pupils(ws, plan: ImportPlan, progress: Progress | None = None) -> ImportResult:
    """Writes the plan's accepted rows in ONE transaction: the classes the file names that the school lacks
    (capacity: the profile's standard class size, as the set-up wizard plans it), then each pupil with its
    family and its event, attributed to the signed-in user, keeping the 学籍号 from the file. The checks
    against the database run again inside the transaction. `progress(done, total)` is called as rows are
    written; returning False cancels: ImportCancelled, nothing written."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        _judge(ws, plan)  # again, inside the write lock, on fresh data
        rows = plan.accepted
        total = len(rows)
        created = []
        for grade, number in plan.new_classes:
            standard = class_limit(ws.profile, grade, ws.system)[0]
            klass = SchoolClass.create(grade=grade, number=number, capacity=standard, name=class_name(grade, number))
            created.append(klass)
        if created:
            tx.record(EventKind.CLASS_CREATED, "从全国学籍系统导入：新建班级 " + "、".join(k.name for k in created),
                      {"route": ROUTE, "file": plan.path.name,
                       "classes": [{"grade": k.grade, "number": k.number, "capacity": k.capacity} for k in created]})
            tx.changes.classes = True
        classes = {(c.grade, c.number): c.id for c in SchoolClass.in_use()}
        taken: dict[str, int] = {}  # temporary 学籍号 stem → the last sequence number used
        if any(not r.number for r in rows):
            for (number,) in Student.select(Student.student_number).tuples():
                stem, seq = number[:-4], number[-4:]
                if seq.isdigit():
                    taken[stem] = max(taken.get(stem, 0), int(seq))
        deadlines: dict[dt.date, list[int]] = defaultdict(list)
        if progress is not None and progress(0, total) is False:
            raise ImportCancelled()
        for done, row in enumerate(rows, start=1):
            draft = row.draft
            draft.class_id = classes[(row.grade, row.class_number)]
            number = row.number or _temporary_number(ws, draft, taken)
            student, snapshot = write_student(ws, tx, draft, number, ENTRY_ROUTE)
            findings = row.findings + row.db_findings
            warned = [f for f in findings if f.severity is Severity.WARN]
            passed = {f.rule: IMPORT_REASON for f in warned}
            tx.record(EventKind.STUDENT_ENROLLED,
                      f"{ROUTE}：{student.name}，{snapshot['student']['class']}，学籍号 {number}",
                      {"route": ROUTE, **snapshot, "identity_verified": draft.identity_verified,
                       "source": {"file": plan.path.name, "sheet": row.sheet.title, "row": row.row},
                       "warnings": warning_log(warned, passed)},
                      student=student, articles=[f.article for f in findings if f.article], reasons=passed)
            if draft.entry_date:
                deadlines[archive_deadline(ws.profile, draft.entry_date)].append(student.id)
            due = progress is not None and (done % PROGRESS_EVERY == 0 or done == total)
            if due and progress(done, total) is False:
                raise ImportCancelled()
        # the 学籍 was created in the national system at entry: its archive deadline counts from there,
        # not from today (write_student counts a new registration's from today)
        for due, ids_ in deadlines.items():
            for i in range(0, len(ids_), 500):
                Student.update(archive_deadline=due).where(Student.id.in_(ids_[i:i + 500])).execute()
        tx.changes.classes = True
    return ImportResult(total, len(plan.present), len(plan.rejected), [k.name for k in created], tx.changes)


def _temporary_number(ws, draft: EnrolmentDraft, taken: dict[str, int]) -> str:
    """A row without 学籍号 (the import template filled by hand): a temporary L number, as the enrolment
    gives one, after the last one of its stem in the database or this transaction."""
    prefix = ws.profile.value("student_number.temporary_prefix")
    birth = parse_date(draft.value("birth_date"))
    stem = f"{prefix}{ws.school.area_code}{birth:%Y%m%d}"
    taken[stem] = taken.get(stem, 0) + 1
    return ids.temporary_student_number(prefix, ws.school.area_code, birth, taken[stem])
