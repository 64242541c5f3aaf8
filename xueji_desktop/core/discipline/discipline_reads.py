"""What the window, the command line, the printed forms and the other subjects read: plain rows of a
pupil's rewards and punishments, the ones in the archive, whether a pupil is under punishment now."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ...store.models import Case, Discipline, Student
from ..casework.cases import CaseKind, CaseStatus
from .discipline_rules import KIND_LABELS, PUNISHMENT, REWARD, notify_rule, reward_needs_notice


@dataclass(frozen=True)
class DisciplineRow:
    id: int
    uuid: str
    student_id: int
    student_name: str
    student_number: str
    kind: str  # reward | punishment
    level: str
    title: str
    reason: str
    decided_on: dt.date
    decided_by: str
    document_no: str
    in_archive: bool
    notified_on: dt.date | None
    ends_on: dt.date | None
    revoked_on: dt.date | None
    revoke_reason: str
    data: dict = field(hash=False, compare=False)
    appeal: str = ""  # the number of an appeal about it (SS-2026-0001), with its state

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def state(self) -> str:
        """已撤销 / 已告知 / 未告知 …, the lists' 状态 column."""
        if self.revoked_on is not None:
            return f"已撤销（{self.revoked_on:%Y-%m-%d}）"
        if self.notified_on is not None:
            return f"已告知（{self.notified_on:%Y-%m-%d}）"
        return "未告知" if self.kind == PUNISHMENT else ""

    def in_force(self, today: dt.date) -> bool:
        """A punishment neither revoked nor past its term (受处分期间)."""
        return self.kind == PUNISHMENT and self.revoked_on is None and (self.ends_on is None or self.ends_on >= today)


def _appeals() -> dict[str, str]:
    out = {}
    for case in Case.select().where(Case.kind == CaseKind.APPEAL.value).order_by(Case.opened_on):
        ref = json.loads(case.data or "{}").get("discipline")
        if ref:
            out[ref] = f"{case.number}（{CaseStatus(case.status).label}）"
    return out


def _row(d: Discipline, student: Student, appeals: dict[str, str]) -> DisciplineRow:
    return DisciplineRow(d.id, d.uuid, student.id, student.name, student.student_number, d.kind, d.level, d.title,
                         d.reason, d.decided_on, d.decided_by, d.document_no, bool(d.in_archive), d.notified_on,
                         d.ends_on, d.revoked_on, d.revoke_reason, json.loads(d.data or "{}"), appeals.get(d.uuid, ""))


def rows_of(student_id: int) -> list[DisciplineRow]:
    """Every reward and punishment of the pupil, newest first (revoked ones too, marked)."""
    student = Student.get_or_none(Student.id == student_id)
    if student is None:
        return []
    appeals = _appeals()
    query = Discipline.select().where(Discipline.student == student).order_by(Discipline.decided_on.desc(),
                                                                              Discipline.id.desc())
    return [_row(d, student, appeals) for d in query]


def all_rows(class_ids: frozenset[int] | None = None) -> list[DisciplineRow]:
    """Every pupil's rewards and punishments, newest first; only the pupils of `class_ids` when given (a 班主任's
    account: Workspace.visible_classes)."""
    appeals = _appeals()
    query = Discipline.select(Discipline, Student).join(Student)
    if class_ids is not None:
        query = query.where(Student.school_class.in_(sorted(class_ids)))
    return [_row(d, d.student, appeals) for d in query.order_by(Discipline.decided_on.desc(), Discipline.id.desc())]


def row(discipline_id: int) -> DisciplineRow | None:
    d = Discipline.get_or_none(Discipline.id == discipline_id)
    return _row(d, d.student, _appeals()) if d is not None else None


def archive_rows(student_id: int) -> list[DisciplineRow]:
    """What the pupil's archive holds: in the archive and not revoked, oldest first."""
    return [r for r in reversed(rows_of(student_id)) if r.in_archive and r.revoked_on is None]


def under_punishment(student_id: int, today: dt.date | None) -> bool:
    """True while a punishment is in force (受处分期间: neither revoked nor past its term; with no day, unrevoked)."""
    return any(r.in_force(today or dt.date.min) for r in rows_of(student_id) if r.kind == PUNISHMENT)


@dataclass(frozen=True)
class Unnotified:
    kind: str  # reward | punishment
    discipline_id: int
    student_id: int
    who: str
    what: str
    decided_on: dt.date
    article: str


def unnotified(profile) -> list[Unnotified]:
    """Punishments (and, where the text asks it, school-level and higher rewards) not yet told to the guardians."""
    rule = notify_rule(profile)
    query = (Discipline.select(Discipline, Student).join(Student)
             .where(Discipline.notified_on.is_null() & Discipline.revoked_on.is_null())
             .order_by(Discipline.decided_on))
    out = []
    for d in query:
        if d.kind == REWARD and not reward_needs_notice(profile, d.level):
            continue
        what = f"{d.level}奖励“{d.title}”" if d.kind == REWARD else f"{d.level}处分"
        out.append(Unnotified(d.kind, d.id, d.student_id, f"{d.student.name}（{d.student.student_number}）", what,
                              d.decided_on, rule.article if rule else ""))
    return out

