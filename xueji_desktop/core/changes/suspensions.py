"""Suspended pupils whose term has run out (or soon will) without a resumption: the registrar must
urge the family (《安阳市北关区办法》第十二条) or record what happened (凉山: 其他离校 after contact fails)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...store.models import Case, Student
from ..casework.cases import CaseKind, CaseStatus, data_of
from ..pupils.status import Status


@dataclass(frozen=True)
class SuspensionTerm:
    student_id: int
    name: str
    student_number: str
    until: dt.date
    case_number: str

    def days_left(self, today: dt.date) -> int:
        return (self.until - today).days


def current_terms() -> list[SuspensionTerm]:
    """Each suspended pupil's latest approved term end (a 延长休学 moves it)."""
    kinds = [CaseKind.SUSPENSION.value, CaseKind.SUSPENSION_EXTENSION.value]
    latest: dict[int, SuspensionTerm] = {}
    query = (Case.select(Case, Student).join(Student)
             .where((Case.kind.in_(kinds)) & (Case.status == CaseStatus.COMPLETED.value)
                    & (Student.status == Status.SUSPENDED.value))
             .order_by(Case.closed_on, Case.id))
    for case in query:
        until = data_of(case).get("until")
        if until:
            s = case.student
            latest[s.id] = SuspensionTerm(s.id, s.name, s.student_number, dt.date.fromisoformat(until), case.number)
    return sorted(latest.values(), key=lambda t: t.until)


def due_for_resumption(today: dt.date, within_days: int = 15) -> list[SuspensionTerm]:
    """Terms already over, or ending within `within_days` (黑龙江: apply within 15 days before expiry)."""
    return [t for t in current_terms() if t.days_left(today) <= within_days]
