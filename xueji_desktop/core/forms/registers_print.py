"""Printing the school's registers from the database: the region's register (by its form id or by what it
lists: ``new-pupils``, ``changes``, ``classes``), for a period, as PDF or Excel (`xueji print-register`)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..accounts import access_log
from ..accounts.access_log import Action, PurposeSource
from ..school.school import SchoolKind, SchoolSystem, grade_name, starting_grades
from ..school_year.registers import change_register, class_roster, new_pupils, period_of
from . import registers_changes, registers_classes, registers_graduates, registers_new_pupils
from .engine import Progress
from .registers_common import Register, RegisterError, find_register, write

__all__ = ["RegisterError", "build_register", "default_name", "print_register"]


def build_register(ws, wanted: str, term: str | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, today: dt.date | None = None) -> Register:
    """The register as data; RegisterError (in Chinese) for a register the region does not keep or a bad period."""
    from ..school_year.registers import PeriodError

    today = today or ws.today()
    spec = find_register(ws.profile, wanted)
    school = ws.school
    try:
        period = period_of(ws.profile, today, term, start, end)
    except PeriodError as e:
        raise RegisterError(str(e)) from None
    if spec.kind == "new-pupils":
        entry = starting_grades(SchoolKind(school.kind), SchoolSystem(school.system))
        pupils = new_pupils(period, ws.profile, today, entry)
        return registers_new_pupils.build(spec, school, period, pupils, today, grade_name)
    if spec.kind == "changes":
        return registers_changes.build(spec, school, change_register(ws.profile, period), today)
    if spec.kind == "graduates":
        return graduate_roster(ws, spec, period, today)
    if start is not None or end is not None:
        raise RegisterError(f"{spec.title}按打印当日各班的学生编制，不按日期区间统计；请去掉 --from/--to"
                            "（可用 --term 指定表头所写的学期）")
    return registers_classes.build(spec, school, period.label, class_roster(), today)


def graduate_roster(ws, spec, period, today: dt.date) -> Register:
    """The graduates of the school year the period ends in; before its year end, the pupils it would
    graduate (拟毕业), for the bureau's approval."""
    from ..school_year.graduates import candidates, graduates, school_year_of
    from ..school_year.year_end import plan

    year = school_year_of(ws.profile, period.end)
    rows, proposed = graduates(year), False
    if not rows:
        upcoming = plan(ws, today=today)
        if upcoming.from_year == year:
            rows, proposed = candidates(upcoming), True
    rule = ws.profile.rule("certificates.roster_approval")
    approval = f"{rule.article}：{rule.quote}。" if ws.profile.applies("certificates.roster_approval") and rule.quote else ""
    return registers_graduates.build(spec, ws.school, year, rows, today, proposed, approval)


def default_name(reg: Register, suffix: str = ".pdf") -> str:
    period = next((p for line in reg.header for p in line if p.startswith(("统计期间：", "学期："))), "")
    label = period.split("：", 1)[-1].split("（", 1)[0].replace(" ", "")
    return f"{reg.title}（{label}）{suffix}" if label else f"{reg.title}{suffix}"


def pupils_of(reg: Register) -> list[str]:
    """The 学籍号 of every row of the register (its 学籍号 column), for the access log."""
    at = next((i for i, c in enumerate(reg.columns) if c.header.replace("\n", "") == "学籍号"), None)
    if at is None:
        return []
    return [row[at] for section in reg.sections for row in section.rows if len(row) > at and row[at]]


def print_register(ws, wanted: str, out: str | os.PathLike | None = None, purpose: PurposeSource = "",
                   **period) -> Path:
    """Builds and writes the register (PDF or .xlsx by the suffix of ``out``; by default a PDF named after
    the register in the current folder). Writes nothing on an error. Logged (查询登记: 打印 for a PDF, 导出
    for a workbook) in the same transaction, with a purpose when it lists more than one pupil."""
    reg = build_register(ws, wanted, **period)
    return save_register(ws, reg, Path(out) if out else Path(default_name(reg)), purpose)


def save_register(ws, reg: Register, target: Path, purpose: PurposeSource = "",
                  progress: Progress | None = None) -> Path:
    """Writes a built register (the window builds it first to name the file), logged as print_register does.
    ``progress(done, total)`` counts pages (PDF) or rows (workbook); an exception it raises leaves neither the
    file nor the log entry."""
    action = Action.EXPORT if Path(target).suffix.lower() == ".xlsx" else Action.PRINT
    with access_log.logged(ws, action, reg.title, pupils_of(reg), purpose=purpose, target=target):
        return write(reg, target, progress)
