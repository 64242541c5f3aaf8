"""Bureau 0002: replies to schools — a school's X25519 key, the county's pupils and cases as the
schools report them, the bureau's decisions, and the numbered reply batches with their items.

Frozen like 0001.
"""

from peewee import (
    BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField,
)
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    columns = {c.name for c in database.get_columns("registered_school")}
    if "encryption_public" not in columns:
        run(SchemaMigrator.from_database(database).add_column(
            "registered_school", "encryption_public", BlobField(null=True)))

    class Base(Model):
        pass

    class RegisteredSchool(Base):
        code = CharField(max_length=64, unique=True)

        class Meta:
            table_name = "registered_school"

    class ImportedBatch(Base):
        batch_no = IntegerField()

        class Meta:
            table_name = "imported_batch"

    class BureauPupil(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        student_number = CharField(max_length=32)
        id_number = CharField(max_length=64, index=True)
        name = CharField(max_length=100)
        status = CharField(max_length=32)
        grade = IntegerField(null=True)
        class_name = CharField(max_length=100, default="")
        record = TextField()
        national = TextField()
        updated_seq = IntegerField()

        class Meta:
            table_name = "bureau_pupil"
            indexes = ((("school", "student_number"), True),)

    class BureauCase(Base):
        uuid = CharField(max_length=64, unique=True)
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        number = CharField(max_length=32)
        kind = CharField(max_length=32)
        status = CharField(max_length=16)
        student_number = CharField(max_length=32, default="")
        id_number = CharField(max_length=64, default="")
        pupil_name = CharField(max_length=100, default="")
        opened_on = DateField()
        data = TextField()
        steps = TextField()
        pending_party = CharField(max_length=64, null=True)
        pending_due = DateField(null=True)
        updated_seq = IntegerField()

        class Meta:
            table_name = "bureau_case"

    class BureauDecision(Base):
        case = ForeignKeyField(BureauCase, on_delete="RESTRICT")
        party = CharField(max_length=64)
        outcome = CharField(max_length=16)
        note = TextField(default="")
        person = CharField(max_length=100)
        decided_on = DateField()
        decided_at = DateTimeField()

        class Meta:
            table_name = "bureau_decision"
            indexes = ((("case", "party"), True),)

    class ReplyBatch(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch_no = IntegerField()
        hash = CharField(max_length=64, unique=True)
        prev_hash = CharField(max_length=64, null=True)
        data = BlobField()
        item_count = IntegerField()
        first_seq = IntegerField()
        last_seq = IntegerField()
        created_at = DateTimeField()
        written_to = TextField(default="")
        delivered_at = DateTimeField(null=True)

        class Meta:
            table_name = "reply_batch"
            indexes = ((("school", "batch_no"), True),)

    class ReplyItem(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        seq = IntegerField()
        kind = CharField(max_length=32)
        case_uuid = CharField(max_length=64, null=True, index=True)
        party = CharField(max_length=64, null=True)
        payload = TextField()
        created_at = DateTimeField()
        reply = ForeignKeyField(ReplyBatch, null=True, on_delete="RESTRICT")
        source_batch = ForeignKeyField(ImportedBatch, null=True, on_delete="RESTRICT")

        class Meta:
            table_name = "reply_item"
            indexes = ((("school", "seq"), True),)

    models = [BureauPupil, BureauCase, BureauDecision, ReplyBatch, ReplyItem]
    with database.bind_ctx([RegisteredSchool, ImportedBatch, *models]):
        database.create_tables(models)
