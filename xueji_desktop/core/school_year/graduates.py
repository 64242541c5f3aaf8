"""The school's graduates (毕业, 结业): who left in which year, the certificate numbers the bureau gave
(营口 四(三)3; 黑龙江 第三十条、第三十三条; 长治 第三十四条: the bureau numbers and seals, the school records the
number), and the school each goes on to (升学).

Numbers are entered one by one or imported from a workbook (columns 学籍号 and 证书编号); a workbook with any
wrong row writes nothing and names each row's problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...store.models import Graduate, Student
from ..accounts.roles import Permission
from ..pupils import codes
from ..school.events import Changes, EventKind, changing
from .year_end import Outcome

NUMBER_MAX = 40


class GraduateError(Exception):
    """Numbers that cannot be recorded as given; the message names the row, the column and the rule."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.message = message
        self.problems = problems or []
        super().__init__(message)


@dataclass(frozen=True)
class GraduateRow:
    student_id: int
    student_number: str
    name: str
    sex: str
    ethnicity: str
    birth_date: str
    id_number: str
    entry_date: str
    class_name: str
    outcome: str  # 毕业 | 结业 (or 拟毕业 for a candidate)
    school_year: int
    left_on: dt.date | None
    certificate_no: str
    next_school: str


def school_year_of(profile, day: dt.date) -> int:
    """The school year whose term holds ``day`` (in the holidays, the one about to start)."""
    from ..dates.school_calendar import SchoolCalendar

    return SchoolCalendar.from_profile(profile).term_of(day).school_year


def graduate_years() -> list[int]:
    return [y for (y,) in Graduate.select(Graduate.school_year).distinct().order_by(
        Graduate.school_year.desc()).tuples()]


def graduates(year: int | None = None) -> list[GraduateRow]:
    """The graduates of ``year`` (the school year that ended), by class and 学籍号; all years without one."""
    query = (Graduate.select(Graduate, Student).join(Student)
             .order_by(Graduate.school_year, Graduate.class_name, Student.student_number))
    if year is not None:
        query = query.where(Graduate.school_year == year)
    return [_row(g.student, Outcome(g.outcome).label, g.school_year, g.class_name, g.left_on, g.certificate_no,
                 _next(g)) for g in query]


def candidates(plan) -> list[GraduateRow]:
    """The pupils a year end would graduate now (for the 毕业生花名册 the bureau approves first)."""
    ids = [p.id for p in plan.graduating]
    students = {s.id: s for s in Student.select().where(Student.id.in_(ids))} if ids else {}
    return [_row(students[p.id], "拟" + plan.outcome_of(p.id).label, plan.from_year, p.class_name, None, "", "")
            for p in plan.graduating]


def _next(g: Graduate) -> str:
    if g.next_school_name and g.next_school_code:
        return f"{g.next_school_name}（{g.next_school_code}）"
    return g.next_school_name or g.next_school_code


def _row(s: Student, outcome: str, year: int, class_name: str, left_on, certificate_no: str,
         next_school: str) -> GraduateRow:
    return GraduateRow(s.id, s.student_number, s.name, codes.SEX.label(s.sex) or s.sex or "",
                       codes.ETHNICITY.label(s.ethnicity) or s.ethnicity or "",
                       f"{s.birth_date:%Y-%m-%d}" if s.birth_date else "", s.id_number or "",
                       f"{s.entry_date:%Y-%m-%d}" if s.entry_date else "", class_name, outcome, year, left_on,
                       certificate_no, next_school)


# ── certificate numbers ───────────────────────────────────────────────────────────────────────

def set_certificate_numbers(ws, numbers: dict[str, str], source: str = "") -> Changes:
    """Records 毕业（结业）证书编号 by 学籍号, all or nothing. GraduateError names every wrong entry: a 学籍号 that
    is not a graduate's, an empty or over-long number, a number given twice or already another graduate's."""
    ws.require("登记毕业证书编号", Permission.WORKFLOWS)
    wanted = {k.strip(): (v or "").strip() for k, v in numbers.items()}
    rows = {g.student.student_number: g for g in Graduate.select(Graduate, Student).join(Student).where(
        Student.student_number.in_(list(wanted))).order_by(Graduate.school_year)} if wanted else {}  # the latest
    problems = _number_problems(wanted, rows)
    if problems:
        raise GraduateError("证书编号未登记：" + "；".join(problems), problems)
    with changing(ws.db, ws.user, ws.now()) as tx:
        for number, cert in wanted.items():
            g = rows[number]
            if g.certificate_no == cert:
                continue
            before = g.certificate_no
            Graduate.update(certificate_no=cert).where(Graduate.id == g.id).execute()
            outcome = Outcome(g.outcome)
            tx.record(EventKind.CERTIFICATE_NUMBER_ENTERED,
                      f"登记{outcome.label}证书编号：{cert}" + (f"（原为 {before}）" if before else ""),
                      {"certificate_no": cert, "before": before, "outcome": outcome.value,
                       "school_year": g.school_year, "source": source}, student=g.student)
    return tx.changes


def _number_problems(wanted: dict[str, str], rows: dict[str, Graduate], where=lambda number: f"学籍号 {number}"):
    problems = []
    seen: dict[str, str] = {}
    taken = {c: n for c, n in Graduate.select(Graduate.certificate_no, Student.student_number).join(Student)
             .where(Graduate.certificate_no != "").tuples()}
    for number, cert in wanted.items():
        at = where(number)
        if number not in rows:
            problems.append(f"{at}：不是本校毕业（结业）学生")
            continue
        if not cert:
            problems.append(f"{at}：证书编号为空")
        elif len(cert) > NUMBER_MAX:
            problems.append(f"{at}：证书编号超过 {NUMBER_MAX} 个字符")
        elif cert in seen:
            problems.append(f"{at}：证书编号 {cert} 与学籍号 {seen[cert]} 重复")
        elif taken.get(cert) not in (None, number):
            problems.append(f"{at}：证书编号 {cert} 已登记给学籍号 {taken[cert]}")
        seen.setdefault(cert, number)
    return problems


HEADERS = {"学籍号": ("学籍号", "全国学籍号", "学籍辅号"), "证书编号": ("证书编号", "毕业证书编号", "毕业证号", "证书号")}


def read_number_sheet(path: str | Path) -> dict[str, str]:
    """{学籍号: 证书编号} from the first sheet of a workbook whose header row names both columns (within the
    first 10 rows). GraduateError naming what is wrong."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(Path(path), read_only=True, data_only=True)
    except FileNotFoundError:
        raise GraduateError(f"找不到文件 {path}") from None
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not a workbook
        raise GraduateError(f"{Path(path).name} 不是可读取的 Excel 工作簿（.xlsx）") from None
    try:
        sheet = book.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    head_at, columns = None, {}
    for i, row in enumerate(rows[:10]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        found = {key: next((j for j, c in enumerate(cells) if c in names), None) for key, names in HEADERS.items()}
        if all(v is not None for v in found.values()):
            head_at, columns = i, found
            break
    if head_at is None:
        raise GraduateError(f"{Path(path).name}：前 10 行中找不到同时含“学籍号”和“证书编号”两列的表头")
    out: dict[str, str] = {}
    problems = []
    for i, row in enumerate(rows[head_at + 1:], start=head_at + 2):
        number = _cell(row, columns["学籍号"])
        cert = _cell(row, columns["证书编号"])
        if not number and not cert:
            continue
        if not number:
            problems.append(f"第 {i} 行：学籍号为空")
        elif number in out:
            problems.append(f"第 {i} 行：学籍号 {number} 重复出现")
        else:
            out[number] = cert
    if problems:
        raise GraduateError("证书编号未登记：" + "；".join(problems), problems)
    return out


def _cell(row, at: int) -> str:
    value = row[at] if at < len(row) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_certificate_numbers(ws, path: str | Path) -> tuple[int, Changes]:
    numbers = read_number_sheet(path)
    if not numbers:
        raise GraduateError(f"{Path(path).name}：表中没有数据行")
    changes = set_certificate_numbers(ws, numbers, source=Path(path).name)
    return len(numbers), changes
