"""The county's graduates as the bureau holds them (bureau 0007), kept up to date as batches are imported
(`project`, inside the batch's transaction, called by bureau.projection): `student_graduated` makes the row,
`next_school_set` names the middle school the primary school gave, and a middle school's `student_continued`
(or a 升学 enrolment with the 学籍号 typed there) marks the record continued. bureau.graduates reads and admits.
"""

from __future__ import annotations

import datetime as dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from .case_models import BureauPupil, ReplyItem
from .store import BaseModel, RegisteredSchool

GRADUATED = "student_graduated"
NEXT_SCHOOL = "next_school_set"
CONTINUED = "student_continued"
ENROLLED = "student_enrolled"
CONTINUED_ROUTE = "升学"  # a middle school's enrolment with the primary 学籍号 typed


class BureauGraduate(BaseModel):
    """A graduate as the school's batches reported it, and the bureau's admission (bureau 0007)."""

    school = ForeignKeyField(RegisteredSchool, backref="graduates", on_delete="RESTRICT")
    student_number = CharField(max_length=32)
    name = CharField(max_length=100, default="")
    school_year = IntegerField(null=True)
    outcome = CharField(max_length=16, default="")
    grade = IntegerField(null=True)
    class_name = CharField(max_length=100, default="")
    left_on = DateField(null=True)
    next_school_code = CharField(max_length=64, default="")
    next_school_name = CharField(max_length=200, default="")
    updated_seq = IntegerField()
    admitted_to = ForeignKeyField(RegisteredSchool, null=True, backref="+", on_delete="RESTRICT")
    admitted_on = DateField(null=True)
    admitted_at = DateTimeField(null=True)
    admitted_by = CharField(max_length=100, default="")
    admitted_account_id = IntegerField(null=True)
    admission_item = ForeignKeyField(ReplyItem, null=True, on_delete="RESTRICT")
    continued_on = DateField(null=True)
    continued_at = ForeignKeyField(RegisteredSchool, null=True, backref="+", on_delete="RESTRICT")

    class Meta:
        table_name = "bureau_graduate"
        indexes = ((("school", "student_number"), True),)


MODELS = [BureauGraduate]


def _day(event: dict) -> dt.date | None:
    text = (event.get("entered_on") or event.get("created_at") or "")[:10]
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def project(school: RegisteredSchool, event: dict) -> None:
    """One newly imported event of `school`: a graduation, a receiving school named, a record continued."""
    kind = event.get("kind")
    number = event.get("student_number")
    if kind not in (GRADUATED, NEXT_SCHOOL, CONTINUED, ENROLLED) or not number:
        return
    payload = event.get("payload") if isinstance(event.get("payload"), dict) else {}
    seq = event.get("seq") or 0
    if kind == ENROLLED and payload.get("route") != CONTINUED_ROUTE:
        return
    if kind in (CONTINUED, ENROLLED):
        (BureauGraduate.update(continued_on=_day(event), continued_at=school)
         .where((BureauGraduate.student_number == number) & (BureauGraduate.school != school)).execute())
        return
    row = BureauGraduate.get_or_none((BureauGraduate.school == school) & (BureauGraduate.student_number == number))
    if kind == GRADUATED:
        name = ((event.get("record") or {}).get("fields") or {}).get("name") or ""
        if not name:
            pupil = BureauPupil.get_or_none((BureauPupil.school == school) & (BureauPupil.student_number == number))
            name = pupil.name if pupil else ""
        grade, year = payload.get("grade"), payload.get("school_year")
        values = {"name": str(name)[:100], "outcome": str(payload.get("outcome") or "")[:16],
                  "grade": grade if isinstance(grade, int) else None,
                  "school_year": year if isinstance(year, int) else None,
                  "class_name": str(payload.get("class_name") or "")[:100], "left_on": _day(event), "updated_seq": seq}
    else:
        values = {"next_school_code": str(payload.get("code") or "")[:64],
                  "next_school_name": str(payload.get("name") or "")[:200], "updated_seq": seq}
    if row is None:
        BureauGraduate.create(school=school, student_number=str(number)[:32], **values)
    else:
        BureauGraduate.update(**values).where(BureauGraduate.id == row.id).execute()
