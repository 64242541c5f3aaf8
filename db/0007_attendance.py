"""0007: attendance — one row per pupil and school day absent (病假 / 事假 / 无故缺席).

Frozen like 0001.
"""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class Student(Base):
        name = CharField()

    class Absence(Base):
        student = ForeignKeyField(Student, on_delete="CASCADE")
        day = DateField(index=True)
        kind = CharField()
        note = TextField(default="")
        recorded_by = ForeignKeyField(User, on_delete="RESTRICT")
        recorded_at = DateTimeField()

        class Meta:
            indexes = ((("student", "day"), True),)

    with database.bind_ctx([User, Student, Absence]):
        database.create_tables([Absence])
