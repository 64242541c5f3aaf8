"""What a batch tells the bureau beyond the events: the whole record of each pupil and the state of
each case the batch touches, as they stand when the batch is sealed.

The bureau keeps the latest of these (its county view, the national export, 籍随人走), so it never has
to replay a school's history to know a pupil's current record.
"""

from __future__ import annotations

import datetime as dt

from ...store.models import Case, CaseStep, Guardian, School, Student
from ..fields import GUARDIAN_FIELDS, STUDENT_FIELDS
from ..national_row import national_row


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


def pupil_record(student: Student, school: School) -> dict:
    """The pupil's whole record in the school's field keys (an enrolment draft reads it back), with
    status, place and the national template row."""
    members = list(student.guardians.order_by(Guardian.position_no, Guardian.id))
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
        "national": national_row(student, school),
    }


def case_snapshot(case: Case) -> dict:
    steps = CaseStep.select().where(CaseStep.case == case).order_by(CaseStep.seq)
    return {
        "uuid": case.uuid, "number": case.number, "kind": case.kind, "status": case.status,
        "opened_on": _text(case.opened_on), "closed_on": _text(case.closed_on),
        "student_number": case.student.student_number if case.student_id else "",
        "pupil_name": case.student.name if case.student_id else "",
        "id_number": case.student.id_number if case.student_id else "",
        "data": case.data,  # the JSON text as the school wrote it
        "steps": [{"seq": s.seq, "party": s.party, "outcome": s.outcome, "done_on": _text(s.done_on),
                   "person": s.person, "note": s.note, "due_on": _text(s.due_on)} for s in steps],
    }
