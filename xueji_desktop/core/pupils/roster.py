"""The pupil list: the compact rows the main window and `xueji list` show."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from ...store.models import SchoolClass, Student
from ..school.school import grade_name
from .status import Status


@dataclass(frozen=True)
class RosterRow:
    id: int
    student_number: str
    name: str
    sex: str
    grade: int
    class_id: int | None
    class_name: str
    status: str
    search_keys: str

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def grade_label(self) -> str:
        return grade_name(self.grade)

    @property
    def sex_label(self) -> str:
        return {"1": "男", "2": "女"}.get(self.sex, "")


def roster_rows(class_ids: frozenset[int] | None = None) -> list[RosterRow]:
    """All pupils in one query, ordered by grade, class and name; only those of `class_ids` when given (what a
    班主任's account may read: Workspace.visible_classes)."""
    query = (Student.select(Student.id, Student.student_number, Student.name, Student.sex, Student.grade,
                            Student.school_class, Student.status, Student.search_keys, SchoolClass.name)
             .join(SchoolClass, on=(Student.school_class == SchoolClass.id), join_type=JOIN.LEFT_OUTER)
             .order_by(Student.grade, SchoolClass.number, Student.name))
    if class_ids is not None:
        query = query.where(Student.school_class.in_(sorted(class_ids)))
    query = query.tuples()
    return [RosterRow(i, num, name, sex, grade, cid, cname or "", status, keys)
            for i, num, name, sex, grade, cid, status, keys, cname in query]


def roster_count(class_ids: frozenset[int] | None = None) -> int:
    """How many rows `roster_rows(class_ids)` gives, counted by the database (the window's count before its list
    is read)."""
    query = Student.select()
    if class_ids is not None:
        query = query.where(Student.school_class.in_(sorted(class_ids)))
    return query.count()
