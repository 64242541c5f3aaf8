"""Bureau 0004: the schools' change logs as hash chains. Each stored event keeps the chain hash the school
gave it (`chain_hash`, `chain_prev`); each imported batch the chain's head and the hash it continues from,
and the restore it follows, if any. A school whose history was edited (a batch not continuing from the last
event the bureau holds, an event held already coming again with another chain hash) is recorded in
`chain_break`; a batch sealed after the school restored a backup in `school_restore`.

Frozen like 0001.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    m = SchemaMigrator.from_database(database)
    run(m.add_column("bureau_event", "chain_hash", CharField(max_length=64, null=True)),
        m.add_column("bureau_event", "chain_prev", CharField(max_length=64, null=True)),
        m.add_column("imported_batch", "chain_prev", CharField(max_length=64, null=True)),
        m.add_column("imported_batch", "chain_head", CharField(max_length=64, null=True)),
        m.add_column("imported_batch", "restored_at", CharField(max_length=64, null=True)))

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

    class ChainBreak(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch = ForeignKeyField(ImportedBatch, null=True, on_delete="RESTRICT")
        batch_no = IntegerField(null=True)
        seq = IntegerField(null=True)
        kind = CharField(max_length=32)
        detail = TextField()
        found_at = DateTimeField()

        class Meta:
            table_name = "chain_break"

    class SchoolRestore(Base):
        school = ForeignKeyField(RegisteredSchool, on_delete="RESTRICT")
        batch = ForeignKeyField(ImportedBatch, null=True, on_delete="RESTRICT")
        batch_no = IntegerField()
        restored_at = CharField(max_length=64)
        backup_taken_at = CharField(max_length=64, null=True)
        chain_head_before = CharField(max_length=64, null=True)
        last_batch_before = IntegerField(null=True)
        last_seq_before = IntegerField(null=True)
        accepted = IntegerField(default=1)  # 0: the batch reused a number and was refused
        found_at = DateTimeField()

        class Meta:
            table_name = "school_restore"

    with database.bind_ctx([RegisteredSchool, ImportedBatch, ChainBreak, SchoolRestore]):
        database.create_tables([ChainBreak, SchoolRestore])
