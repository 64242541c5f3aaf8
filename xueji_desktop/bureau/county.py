"""The county view: pupils per school and grade, cases waiting for the bureau with their deadlines,
schools whose batches are overdue or missing numbers; and the county's export for the national system."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from ..core.accounts.access_log import Action, PurposeSource
from ..core.pupils.status import ON_ROLL
from ..core.school.school import grade_name
from . import review
from .case_models import BureauPupil
from .store import BureauStore, HeldBatch, ImportedBatch, RegisteredSchool

OVERDUE_DAYS = 30  # a school that sent nothing for this long is listed as overdue
ON_ROLL_VALUES = sorted(s.value for s in ON_ROLL)


@dataclass(frozen=True)
class SchoolLine:
    code: str
    name: str
    revoked: bool
    pupils_by_grade: dict[int, int]
    last_batch_no: int
    last_import: dt.datetime | None
    missing: tuple[int, ...]  # batch numbers the held batches wait for
    overdue: bool
    pending_cases: int

    @property
    def pupils(self) -> int:
        return sum(self.pupils_by_grade.values())

    @property
    def problem(self) -> str:
        parts = []
        if self.revoked:
            parts.append("密钥已吊销")
        if self.missing:
            parts.append("缺第 " + "、".join(map(str, self.missing)) + " 批")
        if self.overdue:
            since = f"{self.last_import:%Y-%m-%d} 以来" if self.last_import else "从未"
            parts.append(f"{since}未报送")
        return "；".join(parts)


def _missing(school: RegisteredSchool, last_no: int) -> tuple[int, ...]:
    held = sorted(n for (n,) in HeldBatch.select(HeldBatch.batch_no).where(HeldBatch.school == school).tuples())
    if not held:
        return ()
    return tuple(n for n in range(last_no + 1, held[-1]) if n not in held)


_newest = (ImportedBatch.select(ImportedBatch.school, fn.MAX(ImportedBatch.batch_no).alias("batch_no"))
           .group_by(ImportedBatch.school).alias("newest"))


def school_lines(store: BureauStore, today: dt.date | None = None,
                 pending: list[review.Pending] | None = None) -> list[SchoolLine]:
    """Every registered school's line; `pending`: review.pending(store), when the caller has it already."""
    today = today or store.now().date()
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for school_id, grade, n in (BureauPupil.select(BureauPupil.school, BureauPupil.grade, fn.COUNT(BureauPupil.id))
                                .where(BureauPupil.status.in_(ON_ROLL_VALUES))
                                .group_by(BureauPupil.school, BureauPupil.grade).tuples()):
        counts[school_id][grade or 0] = n
    pending_by_school: dict[int, int] = defaultdict(int)
    for item in review.pending(store) if pending is None else pending:
        pending_by_school[item.case.school_id] += 1
    last_batch = {school_id: (no, at) for school_id, no, at in  # each school's newest batch, one query
                  ImportedBatch.select(ImportedBatch.school, ImportedBatch.batch_no, ImportedBatch.imported_at)
                  .join(_newest, on=((ImportedBatch.school == _newest.c.school_id)
                                     & (ImportedBatch.batch_no == _newest.c.batch_no))).tuples()}
    lines = []
    for school in RegisteredSchool.select().order_by(RegisteredSchool.code):
        last_no, last_at = last_batch.get(school.id, (0, None))
        overdue = last_at is None or (today - last_at.date()).days > OVERDUE_DAYS
        lines.append(SchoolLine(school.code, school.name, school.revoked_at is not None, dict(sorted(counts[school.id].items())),
                                last_no, last_at, _missing(school, last_no), overdue and school.revoked_at is None,
                                pending_by_school[school.id]))
    return lines


def overview_lines(store: BureauStore, today: dt.date | None = None) -> list[str]:
    """The county view as text (the command line; the window shows the same data in tables)."""
    today = today or store.now().date()
    out = ["学校\t在籍\t各年级\t最近批次\t待审批\t问题"]
    for s in school_lines(store, today):
        grades = "，".join(f"{grade_name(g)} {n}" for g, n in s.pupils_by_grade.items() if g) or "—"
        last = f"第 {s.last_batch_no} 批（{s.last_import:%m-%d}）" if s.last_import else "无"
        out.append(f"{s.code} {s.name}\t{s.pupils}\t{grades}\t{last}\t{s.pending_cases}\t{s.problem or '—'}")
    pending = review.pending(store)
    out.append("")
    out.append(f"等待本局审批的申请：{len(pending)} 件")
    for item in pending:
        c = item.case
        late = item.due_on is not None and item.due_on < today
        due = f"{item.due_on:%Y-%m-%d} 前" + ("（已逾期）" if late else "") if item.due_on else "无期限"
        out.append(f"  {c.number}\t{c.school.name}\t{c.pupil_name}\t待{item.label}\t{due}")
    return out


def _on_roll(school: str | None = None):
    query = (BureauPupil.select(BureauPupil, RegisteredSchool).join(RegisteredSchool)
             .where(BureauPupil.status.in_(ON_ROLL_VALUES))
             .order_by(RegisteredSchool.code, BureauPupil.grade, BureauPupil.class_name, BureauPupil.student_number))
    if school:
        query = query.where(RegisteredSchool.code == school)
    return query


def national_rows(school: str | None = None):
    """The national template rows of the county's pupils on roll, by school, grade, class and number."""
    for pupil in _on_roll(school).iterator():
        yield pupil.national_row()


def export_national(store: BureauStore, path: str | Path, school: str | None = None, layout: str = "official",
                    purpose: PurposeSource = "") -> int:
    """The county's pupils on roll in the national system's table: `layout` "official" (the Ministry's
    学生基本信息表, the default) or "template" (the import template's columns). An export of several pupils
    needs a purpose (the text, or a question asked with the count; PurposeRequired naming the region's
    article without one); the file and its row of the access log are written together or not at all."""
    from . import accounts
    from .access_log import Pupil, logged

    accounts.require(store, "导出全县学生数据", accounts.BureauPermission.EXPORT)
    from ..core.national.layouts import LAYOUTS
    from .national_export import write_national_xlsx

    pupils = [Pupil(code, number, name) for number, name, code in
              _on_roll(school).select(BureauPupil.student_number, BureauPupil.name, RegisteredSchool.code).tuples()]
    subject = f"导出全国学籍系统（{LAYOUTS[layout].title}" + (f"，学校 {school}）" if school else "，全县）")
    with logged(store, Action.EXPORT, subject, pupils, purpose, target=path):
        return write_national_xlsx(national_rows(school), path, layout=LAYOUTS[layout])
