"""What the status-change wizard, the 修改信息 dialog and the 记录审批 dialog read: a pupil's line (name,
学籍号, class or grade, status), the record's values as draft text, a class's name, a case's number and
pupil. Plain frozen rows and values, so the window never queries the store itself.

`pupil` and `case` hand back the record for the core services that take one (`status_change.check`,
`change_rules.gather_facts`, `info_change.check`, `cases.check_decision` …); the window only passes it on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...store.models import Case, Student
from ..pupils.pupil_reads import PupilRow, pupil_row
from .case_reads import class_name, draft_values  # noqa: F401 - class_name: the change pages read it here


@dataclass(frozen=True)
class CaseLine:
    """A case's number, kind, status and pupil, for the status bar and dialog titles."""

    id: int
    number: str
    kind: str
    status: str
    student_id: int | None
    student_name: str
    opened_on: dt.date | None


def pupil(student_id: int) -> Student:
    """The pupil's record (raises `Student.DoesNotExist` for an unknown id), for the core services."""
    return Student.get_by_id(student_id)


def find_pupil(student_id: int | None) -> Student | None:
    """The pupil's record, or None when there is no id or no such pupil."""
    return Student.get_or_none(Student.id == student_id) if student_id else None


def pupil_line(student: Student | int) -> PupilRow:
    """The heading row of a pupil (a record already read, or its id): the window's one pupil row."""
    return pupil_row(student if isinstance(student, Student) else Student.get_by_id(student))


def record_values(student_id: int) -> dict[str, str]:
    """Every field of the pupil's record as draft text (a date as YYYY-MM-DD, nothing as "")."""
    return draft_values(student_id)[0]


def case(case_id: int) -> Case:
    """The case's record (raises `Case.DoesNotExist` for an unknown id), for the core services."""
    return Case.get_by_id(case_id)


def case_line(case_id: int) -> CaseLine:
    """The case's number, kind, status and its pupil's name ("" when it has none)."""
    c = Case.get_by_id(case_id)
    name = c.student.name if c.student else ""
    return CaseLine(id=c.id, number=c.number, kind=c.kind, status=c.status, student_id=c.student_id,
                    student_name=name, opened_on=c.opened_on)
