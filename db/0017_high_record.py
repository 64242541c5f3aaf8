"""0017: `high_record`: a 高中 pupil's graduation conditions as the school records them (《长治市实施细则》第三十五条):
credits by kind, each 学业水平考试 subject's result (re-sits included), the 基础素养评价, the fitness standard,
the labour and social practice. Frozen like 0001."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class Student(Base):
        student_number = CharField(unique=True)

    class HighRecord(Base):
        student = ForeignKeyField(Student, unique=True, on_delete="RESTRICT")
        credits_required = IntegerField(null=True)
        credits_elective = IntegerField(null=True)
        credits_school = IntegerField(null=True)
        evaluation = CharField(default="")
        fitness = BooleanField(null=True)
        practice = BooleanField(null=True)
        exams = TextField(default="{}")
        updated_by = ForeignKeyField(User, on_delete="RESTRICT")
        updated_at = DateTimeField()

    with database.bind_ctx([User, Student, HighRecord]):
        database.create_tables([HighRecord])
