"""Bureau 0007: the county's graduates (升学): each graduate as the school's batches reported it (school year,
毕业/结业, grade and class left, the middle school the primary school named), and the bureau's admission
(核准) to a middle school of the county: which school, when, by whom (the account and its name), the reply
item that carries the record there, and when and where a middle school reported the record
continued (through the admission, or with the 学籍号 typed there).

Graduates already reported before this script (their events are in bureau_event) are projected here.

Frozen like 0001. Portable types only.
"""

import json

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model


def migrate(database):
    class Base(Model):
        pass

    class RegisteredSchool(Base):
        code = CharField(max_length=64, unique=True)

        class Meta:
            table_name = "registered_school"

    class ReplyItem(Base):
        seq = IntegerField()

        class Meta:
            table_name = "reply_item"

    class BureauGraduate(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")  # the school the pupil left
        student_number = CharField(max_length=32)
        name = CharField(max_length=100, default="")
        school_year = IntegerField(null=True)
        outcome = CharField(max_length=16, default="")  # graduated | completed
        grade = IntegerField(null=True)  # the grade left
        class_name = CharField(max_length=100, default="")
        left_on = DateField(null=True)
        next_school_code = CharField(max_length=64, default="")  # as the school named it
        next_school_name = CharField(max_length=200, default="")
        updated_seq = IntegerField()
        admitted_to = ForeignKeyField(RegisteredSchool, null=True, backref="+", on_delete="RESTRICT")
        admitted_on = DateField(null=True)
        admitted_at = DateTimeField(null=True)
        admitted_by = CharField(max_length=100, default="")
        admitted_account_id = IntegerField(null=True)
        admission_item = ForeignKeyField(ReplyItem, null=True, on_delete="RESTRICT")
        continued_on = DateField(null=True)  # a middle school's batch reported the record continued
        continued_at = ForeignKeyField(RegisteredSchool, null=True, backref="+", on_delete="RESTRICT")

        class Meta:
            table_name = "bureau_graduate"
            indexes = ((("school", "student_number"), True),)

    with database.bind_ctx([BureauGraduate]):
        database.create_tables([BureauGraduate])
        _backfill(database, BureauGraduate)


def _backfill(database, model) -> None:
    cursor = database.execute_sql(
        "SELECT school_id, seq, payload FROM bureau_event WHERE kind IN ('student_graduated', 'next_school_set') "
        "ORDER BY school_id, seq")
    rows: dict[tuple, dict] = {}
    for school_id, seq, text in cursor.fetchall():
        try:
            event = json.loads(text)
        except ValueError:
            continue
        number = event.get("student_number")
        payload = event.get("payload") or {}
        if not number or not isinstance(payload, dict):
            continue
        row = rows.setdefault((school_id, number), {"school": school_id, "student_number": str(number)[:32]})
        row["updated_seq"] = seq
        if event.get("kind") == "student_graduated":
            grade = payload.get("grade")
            year = payload.get("school_year")
            row.update(outcome=str(payload.get("outcome") or "")[:16],
                       grade=grade if isinstance(grade, int) else None,
                       school_year=year if isinstance(year, int) else None,
                       class_name=str(payload.get("class_name") or "")[:100],
                       left_on=(event.get("entered_on") or event.get("created_at") or "")[:10] or None)
        else:
            row.update(next_school_code=str(payload.get("code") or "")[:64],
                       next_school_name=str(payload.get("name") or "")[:200])
    for row in rows.values():
        if "outcome" in row:
            model.insert(**row).execute()
