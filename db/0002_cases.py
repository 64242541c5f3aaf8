"""0002: cases (申请) with their steps and attachments, entered holidays, and events linked to cases.

Frozen like 0001: the classes below are a snapshot of this version's tables.
"""

from peewee import (
    BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField,
)
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class Student(Base):
        student_number = CharField(unique=True)

    class Case(Base):
        uuid = CharField(unique=True)
        number = CharField(unique=True)
        kind = CharField(index=True)
        student = ForeignKeyField(Student, null=True, on_delete="RESTRICT")
        status = CharField(index=True)
        data = TextField()
        opened_on = DateField()
        opened_by = ForeignKeyField(User, on_delete="RESTRICT")
        closed_on = DateField(null=True)

    class CaseStep(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        seq = IntegerField()
        party = CharField()
        due_on = DateField(null=True)
        done_on = DateField(null=True)
        person = CharField(default="")
        outcome = CharField(default="")
        note = TextField(default="")
        recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

        class Meta:
            indexes = ((("case", "seq"), True),)

    class Attachment(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        label = CharField()
        filename = CharField()
        sha256 = CharField(index=True)
        size = IntegerField()
        added_by = ForeignKeyField(User, on_delete="RESTRICT")
        added_at = DateTimeField()

    class Holiday(Base):
        day = DateField(primary_key=True)
        working = BooleanField()
        name = CharField(default="")

    models = [Case, CaseStep, Attachment, Holiday]
    with database.bind_ctx([User, Student, *models]):
        database.create_tables(models)
    migrator = SchemaMigrator.from_database(database)
    run(migrator.add_column("event", "case_id", IntegerField(null=True)),
        migrator.add_index("event", ("case_id",), False))
