"""0013: the school year's turn and what it leaves behind.

* `school_class.retired_year`: a class whose pupils graduated stays (their records name it) but frees its
  grade and number for the class that moves up; only classes in use are unique by (grade, number).
* `year_end`: one row per school year turned (学年结转), with the backup taken just before.
* `graduate`: each pupil who left by 毕业 or 结业, the certificate number, the school the pupil goes on to.
* `discipline`: rewards and punishments (奖励、处分), their notice, revocation and archive flag.
* `certificate`: numbered 学历证明 / 学习经历证明 issued from the record, with their stubs.

Frozen like 0001.
"""

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class Student(Base):
        student_number = CharField(unique=True)

    class YearEnd(Base):
        from_year = IntegerField(unique=True)  # the school year that ended (its autumn)
        done_on = DateField()
        done_at = DateTimeField()
        done_by = ForeignKeyField(User, on_delete="RESTRICT")
        backup_file = TextField(default="")
        counts = TextField(default="{}")

    class Graduate(Base):
        student = ForeignKeyField(Student, unique=True, on_delete="RESTRICT")
        school_year = IntegerField(index=True)
        outcome = CharField()
        left_on = DateField()
        class_name = CharField(default="")
        certificate_no = CharField(default="")
        next_school_code = CharField(default="")
        next_school_name = CharField(default="")
        note = TextField(default="")

    class Discipline(Base):
        uuid = CharField(unique=True)
        student = ForeignKeyField(Student, on_delete="RESTRICT", index=True)
        kind = CharField()
        level = CharField()
        title = CharField(default="")
        reason = TextField(default="")
        decided_on = DateField()
        decided_by = CharField(default="")
        document_no = CharField(default="")
        in_archive = BooleanField(default=False)
        notified_on = DateField(null=True)
        ends_on = DateField(null=True)
        revoked_on = DateField(null=True)
        revoke_reason = TextField(default="")
        data = TextField(default="{}")
        created_by = ForeignKeyField(User, on_delete="RESTRICT")
        created_at = DateTimeField()

    class Certificate(Base):
        uuid = CharField(unique=True)
        number = CharField(unique=True)
        kind = CharField(index=True)
        student = ForeignKeyField(Student, on_delete="RESTRICT", index=True)
        issued_on = DateField()
        applicant = CharField(default="")
        reason = TextField(default="")
        data = TextField(default="{}")
        issued_by = ForeignKeyField(User, on_delete="RESTRICT")
        created_at = DateTimeField()

    models = [YearEnd, Graduate, Discipline, Certificate]
    with database.bind_ctx([User, Student, *models]):
        database.create_tables(models)
    run(SchemaMigrator.from_database(database).add_column("school_class", "retired_year",
                                                         IntegerField(null=True)))
    database.execute_sql('DROP INDEX IF EXISTS "school_class_grade_number"')
    database.execute_sql('CREATE UNIQUE INDEX "school_class_grade_number" ON "school_class" ("grade", "number") '
                         'WHERE "retired_year" IS NULL')
