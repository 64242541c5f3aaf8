"""0016: `repetition`: a 高中 pupil's 留级 where the region allows it (《凉山州规定》二(三)): the application, the
school's decision, the cohort it counts against (the 2 % over three years), and the year end that kept the
pupil in the grade. Frozen like 0001."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class Student(Base):
        student_number = CharField(unique=True)

    class Repetition(Base):
        uuid = CharField(unique=True)
        student = ForeignKeyField(Student, on_delete="RESTRICT", index=True)
        school_year = IntegerField(index=True)
        grade = IntegerField()
        cohort_year = IntegerField(index=True)
        applied_on = DateField()
        decided_on = DateField()
        decided_by = CharField(default="")
        reason = TextField(default="")
        done_on = DateField(null=True)
        withdrawn_on = DateField(null=True)
        withdraw_reason = TextField(default="")
        created_by = ForeignKeyField(User, on_delete="RESTRICT")
        created_at = DateTimeField()

    with database.bind_ctx([User, Student, Repetition]):
        database.create_tables([Repetition])
