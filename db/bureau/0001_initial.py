"""Bureau 0001: the county bureau's first schema: its own keys, registered schools, imported and held
batches, the schools' events, and conflicts kept for a person.

Frozen: these classes are a snapshot, independent of xueji_desktop.bureau.store, so this script creates
the same tables however the live models change later. Portable types only: the same script runs on
SQLite and on PostgreSQL (BlobField → BLOB / BYTEA, DateTimeField → DATETIME / TIMESTAMP).
"""

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def migrate(database):
    class Base(Model):
        pass

    class BureauIdentity(Base):
        name = CharField(max_length=200)
        county_code = CharField(max_length=32)
        encryption_public = BlobField()
        signing_public = BlobField()
        private_protected = BlobField()
        fingerprint = CharField(max_length=64)
        created_at = DateTimeField()

        class Meta:
            table_name = "bureau_identity"

    class RegisteredSchool(Base):
        code = CharField(max_length=64, unique=True)
        name = CharField(max_length=200)
        county = CharField(max_length=32)
        signing_public = BlobField()
        fingerprint = CharField(max_length=64)
        registered_at = DateTimeField()
        revoked_at = DateTimeField(null=True)

        class Meta:
            table_name = "registered_school"

    class ImportedBatch(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch_no = IntegerField()
        hash = CharField(max_length=64, unique=True)
        prev_hash = CharField(max_length=64, null=True)
        event_count = IntegerField()
        first_seq = IntegerField(null=True)
        last_seq = IntegerField(null=True)
        new_count = IntegerField(default=0)
        duplicate_count = IntegerField(default=0)
        conflict_count = IntegerField(default=0)
        created_at = CharField(max_length=64)
        imported_at = DateTimeField()
        receipt = TextField()

        class Meta:
            table_name = "imported_batch"
            indexes = ((("school", "batch_no"), True),)

    class HeldBatch(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch_no = IntegerField()
        hash = CharField(max_length=64, unique=True)
        data = BlobField()
        received_at = DateTimeField()

        class Meta:
            table_name = "held_batch"

    class BureauEvent(Base):
        uuid = CharField(max_length=64, unique=True)
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        seq = IntegerField()
        kind = CharField(max_length=64)
        payload = TextField()
        content_hash = CharField(max_length=64)
        batch = ForeignKeyField(ImportedBatch, on_delete="RESTRICT")

        class Meta:
            table_name = "bureau_event"
            indexes = ((("school", "seq"), False),)

    class EventConflict(Base):
        uuid = CharField(max_length=64, index=True)
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch = ForeignKeyField(ImportedBatch, on_delete="RESTRICT")
        stored_hash = CharField(max_length=64)
        stored_payload = TextField()
        incoming_hash = CharField(max_length=64)
        incoming_payload = TextField()
        found_at = DateTimeField()
        resolved = BooleanField(default=False)

        class Meta:
            table_name = "event_conflict"

    models = [BureauIdentity, RegisteredSchool, ImportedBatch, HeldBatch, BureauEvent, EventConflict]
    with database.bind_ctx(models):
        database.create_tables(models)
