"""0005: exchange with the county bureau — the school's own key pair, the bureau keys the registrar
confirmed against the stamped letter, and the outbox of sealed batches.

Frozen like 0001: the classes below are a snapshot of this version's tables.
"""

from peewee import BlobField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class SchoolKey(Base):
        public_key = BlobField()
        private_protected = BlobField()
        fingerprint = CharField()
        active = BooleanField(default=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class BureauKey(Base):
        key_file = BlobField()
        fingerprint = CharField(index=True)
        name = CharField(default="")
        active = BooleanField(default=True)
        confirmed_fingerprint = CharField()
        confirmed_at = DateTimeField()
        confirmed_by = ForeignKeyField(User, on_delete="RESTRICT")

    class OutboxBatch(Base):
        batch_no = IntegerField(unique=True)
        school_code = CharField()
        data = BlobField()
        hash = CharField(unique=True)
        prev_hash = CharField(null=True)
        first_seq = IntegerField()
        last_seq = IntegerField()
        event_count = IntegerField()
        bureau_key = ForeignKeyField(BureauKey, null=True, on_delete="RESTRICT")
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
        written_to = TextField(default="")
        written_at = DateTimeField(null=True)
        acknowledged_at = DateTimeField(null=True)
        receipt = TextField(default="")

    models = [SchoolKey, BureauKey, OutboxBatch]
    with database.bind_ctx([User, *models]):
        database.create_tables(models)
