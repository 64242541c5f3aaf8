"""Why a pupil's action cannot be taken now, for the window's greyed entries: each a finding in the
registrar's words. The status changes say it themselves (`workflows.status_change.offered` and
`status_problem`); these are the rest."""

from __future__ import annotations

from ...store.models import Student
from ..rules.findings import Finding, Severity
from .status import Status


def no_pupil() -> Finding:
    return Finding("pupil.none", Severity.BLOCK, "student", "请先在学生名单中选中学生")


def needs_pupil(student: Student | None) -> Finding | None:
    return no_pupil() if student is None else None


def transfer_out_problem(student: Student | None) -> Finding | None:
    """A transfer out starts from a pupil on the roll (在校, 休学 …): the 学籍 must still be here."""
    if student is None:
        return no_pupil()
    status = Status(student.status)
    if status.on_roll:
        return None
    return Finding("transfer.not_on_roll", Severity.BLOCK, "student",
                   f"{student.name} 现为“{status.label}”，学籍已不在本校，不能办理转出")
