"""store.fast_insert writes exactly the row Model.create writes: every column, defaults and conversions
(dates, datetimes, booleans, foreign keys, JSON text), and gives the instance its new id."""

from __future__ import annotations

import datetime as dt

from tests.conftest import PASSWORD, make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.store import fast_insert
from xueji_desktop.store.models import Event, Guardian, Student, database


def row(model, id_) -> dict:
    cursor = database.execute_sql(f'SELECT * FROM "{model._meta.table_name}" WHERE id = ?', (id_,))
    names = [c[0] for c in cursor.description]
    return {n: v for n, v in zip(names, cursor.fetchone()) if n != "id"}


def test_the_rows_are_the_ones_model_create_writes(tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", today=dt.date(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    student, _ = enrolment.enrol(ws, pupil_draft(name="李子树", seq=451))
    source = row(Student, student.id)
    values = {k: v for k, v in Student.get_by_id(student.id).__data__.items() if k != "id"}
    values["student_number"] = values["student_number"][:-1] + "9"  # unique
    values["id_number"] = ""
    by_peewee, fast = Student.create(**values), fast_insert.create(Student, **values | {"student_number": "X1"})
    assert isinstance(fast.id, int) and fast.id > by_peewee.id and not fast.is_dirty()
    assert row(Student, fast.id) == row(Student, by_peewee.id) | {"student_number": "X1"}
    assert source["birth_date"] == row(Student, fast.id)["birth_date"]  # a date stored as peewee stores it

    guardian = {"name": "李建国", "relation": "51", "phone": "13904171234", "is_guardian": "1", "position_no": 3}
    a, b = Guardian.create(student=student, **guardian), fast_insert.create(Guardian, student=student, **guardian)
    assert row(Guardian, a.id) == row(Guardian, b.id) and b.student.id == student.id

    event = Event.get(Event.student == student)
    fields = {k: v for k, v in event.__data__.items() if k not in ("id", "uuid", "seq")}
    e1 = Event.create(uuid="u1", seq=9001, **fields)
    e2 = fast_insert.create(Event, uuid="u2", seq=9002, **fields)
    assert row(Event, e1.id) | {"uuid": "", "seq": 0} == row(Event, e2.id) | {"uuid": "", "seq": 0}
    assert isinstance(row(Event, e2.id)["created_at"], str)  # a datetime as text, as peewee writes it
    ws.close()
