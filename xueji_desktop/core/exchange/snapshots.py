"""What a batch tells the bureau beyond the events: the whole record of each pupil and the state of
each case the batch touches, as they stand when the batch is sealed.

The bureau keeps the latest of these (its county view, the national export, 籍随人走), so it never has
to replay a school's history to know a pupil's current record.
"""

from __future__ import annotations

import datetime as dt

from ...store.models import Case, CaseStep, Guardian, School, SchoolClass, Student
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def guardian_dict(member: Guardian) -> dict:
    return {f.key: _text(getattr(member, f.key)) for f in GUARDIAN_FIELDS}


def pupil_record(student: Student, school: School, *, klass=..., members: list[Guardian] | None = None) -> dict:
    """The pupil's whole record in the school's field keys (an enrolment draft reads it back), with
    status and place (the bureau makes the national template row from it). `klass` / `members` when already loaded (pupil_records)."""
    if members is None:
        members = list(student.guardians.order_by(Guardian.position_no, Guardian.id))
    if klass is ...:
        klass = student.school_class
    return {
        "student_number": student.student_number,
        "fields": {f.key: _text(getattr(student, f.key)) for f in STUDENT_FIELDS},
        "guardians": [guardian_dict(m) for m in members],
        "status": student.status,
        "grade": student.grade,
        "class": klass.name if klass else "",
        "entry_date": _text(student.entry_date),
        "entry_route": student.entry_route,
        "identity_verified": bool(student.identity_verified),
        "class_number": klass.number if klass else None,
        "school": {"code": school.code, "name": school.name, "area_code": school.area_code},
    }


def pupil_records(students: list[Student], school: School) -> dict[int, dict]:
    """pupil_record of many pupils, their classes and families read in two queries."""
    ids = [s.id for s in students]
    classes = {c.id: c for c in SchoolClass.select()}
    family: dict[int, list[Guardian]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        for g in (Guardian.select().where(Guardian.student.in_(ids[i:i + 500]))
                  .order_by(Guardian.student, Guardian.position_no, Guardian.id)):
            family[g.student_id].append(g)
    return {s.id: pupil_record(s, school, klass=classes.get(s.school_class_id), members=family[s.id])
            for s in students}


def case_snapshot(case: Case, *, steps: list[CaseStep] | None = None, student: Student | None = ...) -> dict:
    if steps is None:
        steps = list(CaseStep.select().where(CaseStep.case == case).order_by(CaseStep.seq))
    if student is ...:
        student = case.student if case.student_id else None
    return {
        "uuid": case.uuid, "number": case.number, "kind": case.kind, "status": case.status,
        "opened_on": _text(case.opened_on), "closed_on": _text(case.closed_on),
        "student_number": student.student_number if student else "",
        "pupil_name": student.name if student else "",
        "id_number": student.id_number if student else "",
        "data": case.data,  # the JSON text as the school wrote it
        "steps": [{"seq": s.seq, "party": s.party, "outcome": s.outcome, "done_on": _text(s.done_on),
                   "person": s.person, "note": s.note, "due_on": _text(s.due_on)} for s in steps],
    }


def case_snapshots(cases: list[Case]) -> dict[int, dict]:
    """case_snapshot of many cases, their steps and pupils read in two queries."""
    ids = [c.id for c in cases]
    steps: dict[int, list[CaseStep]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        for s in CaseStep.select().where(CaseStep.case.in_(ids[i:i + 500])).order_by(CaseStep.case, CaseStep.seq):
            steps[s.case_id].append(s)
    pupil_ids = list({c.student_id for c in cases if c.student_id})
    pupils = {}
    for i in range(0, len(pupil_ids), 500):
        pupils.update((p.id, p) for p in Student.select().where(Student.id.in_(pupil_ids[i:i + 500])))
    return {c.id: case_snapshot(c, steps=steps[c.id], student=pupils.get(c.student_id)) for c in cases}
