"""0006: replies from the county bureau — the school's X25519 key (the bureau encrypts replies to it)
and the inbox of reply batches imported, numbered like the outbox.

Frozen like 0001: the classes below are a snapshot of this version's tables.
"""

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    run(SchemaMigrator.from_database(database).add_column("school_key", "encryption_public", BlobField(null=True)))

    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class InboxBatch(Base):
        batch_no = IntegerField(unique=True)
        hash = CharField(unique=True)
        prev_hash = CharField(null=True)
        item_count = IntegerField()
        data = BlobField()
        imported_at = DateTimeField()
        imported_by = ForeignKeyField(User, on_delete="RESTRICT")
        summary = TextField(default="")

    with database.bind_ctx([User, InboxBatch]):
        database.create_tables([InboxBatch])
