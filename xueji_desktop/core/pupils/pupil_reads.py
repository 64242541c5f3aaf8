"""What the window reads about pupils, classes and sign-in, as plain rows.

The GUI never queries the store itself: the sign-in dialog, the class lists, the attendance dialog,
the 控辍保学 dialogs, the enrolment wizard, the detail pane and the main window ask these functions,
which return frozen dataclasses (or plain values) read in one go. Writes stay with the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...store.models import SchoolClass, Setting, Student, User
from .records import ArchiveState, HistoryEntry, archive_state, history, record_view
from .status import Status


# sign-in ------------------------------------------------------------------------------------------
def login_hint() -> str | None:
    """The note the sign-in dialog shows under the school's name (the demo school's), if any."""
    hint = Setting.get_or_none(Setting.key == "login_hint")
    return hint.value if hint is not None else None


def first_username() -> str | None:
    """The login name of the first registrar ever set up, offered when there is more than one."""
    first = User.select(User.username).order_by(User.id).first()
    return first.username if first is not None else None


# classes ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    grade: int
    number: int
    capacity: int


@dataclass(frozen=True)
class ClassPlaces:
    """A class with its planned places and the pupils on the roll in it."""
    id: int
    name: str
    capacity: int
    occupied: int


def _class_row(klass: SchoolClass) -> ClassRow:
    return ClassRow(klass.id, klass.name, klass.grade, klass.number, klass.capacity)


def classes(grade: int | None = None) -> list[ClassRow]:
    """Every class by grade and number; with `grade`, that grade's only."""
    query = SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number)
    if grade is not None:
        query = query.where(SchoolClass.grade == grade)
    return [_class_row(k) for k in query]


def class_grades() -> set[int]:
    """The grades that have at least one class."""
    return {g for (g,) in SchoolClass.select(SchoolClass.grade).where(SchoolClass.retired_year.is_null()).distinct().tuples()}


def class_row(class_id: int | None) -> ClassRow | None:
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id) if class_id else None
    return _class_row(klass) if klass is not None else None


def class_places(grade: int | None) -> list[ClassPlaces]:
    """The grade's classes by number, each with the pupils on the roll in it (no grade: none)."""
    from ..admission.enrolment import occupied

    query = SchoolClass.in_use().where(SchoolClass.grade == grade).order_by(SchoolClass.number)
    return [ClassPlaces(k.id, k.name, k.capacity, occupied(k)) for k in query]


# pupils -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PupilRow:
    """One pupil as the window's menus, banners and dialogs need it."""
    id: int
    name: str
    student_number: str
    status: str
    grade: int
    school_class_id: int | None
    class_name: str
    class_grade: int | None

    @property
    def place(self) -> str:
        """The class, or the grade where the pupil has no class."""
        from ..school.school import grade_name

        return self.class_name if self.school_class_id is not None else grade_name(self.grade)


def pupil_row(s: Student) -> PupilRow:
    """The row of a record already read."""
    klass = s.school_class
    return PupilRow(s.id, s.name, s.student_number, s.status, s.grade, klass.id if klass else None,
                    klass.name if klass else "", klass.grade if klass else None)


def pupil(student_id: int | None) -> PupilRow | None:
    """The pupil, or None where there is no such pupil (or no id)."""
    student = Student.get_or_none(Student.id == student_id) if student_id else None
    return pupil_row(student) if student is not None else None


def known_pupil(student_number: str = "", id_number: str = "") -> PupilRow | None:
    """A pupil this database holds, by 学籍号 first, then by ID number (an empty one is not looked up)."""
    s = Student.get_or_none(Student.student_number == student_number) if student_number else None
    if s is None and id_number:
        s = Student.get_or_none(Student.id_number == id_number)
    return pupil_row(s) if s is not None else None


def student_record(student_id: int) -> Student | None:
    """The pupil's record itself, only to hand to a core service that takes one (the printed form)."""
    return Student.get_or_none(Student.id == student_id)


@dataclass(frozen=True)
class PupilRecord:
    """Everything the detail pane shows of one pupil."""
    view: dict
    status: Status
    archive: ArchiveState
    history: list[HistoryEntry]


def pupil_record(student_id: int | None, profile) -> PupilRecord | None:
    student = Student.get_or_none(Student.id == student_id) if student_id is not None else None
    if student is None:
        return None
    return PupilRecord(record_view(student), Status(student.status), archive_state(student, profile),
                       history(student))
