"""Bureau 0010: settling a duplicate 学籍 through the replies — each case gets a `uuid` the schools' replies and
batches name it by, how it was closed (`outcome`), and its steps (`bureau_duplicate_step`): found, asked, each
school's answer, the removal, the close — who, when, and the school's event that carried it.

Frozen like 0001. Portable types only.
"""

import uuid

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    m = SchemaMigrator.from_database(database)
    run(m.add_column("bureau_duplicate", "uuid", CharField(max_length=64, null=True)),
        m.add_column("bureau_duplicate", "outcome", CharField(max_length=16, default="")))
    for (row_id,) in database.execute_sql("SELECT id FROM bureau_duplicate").fetchall():
        database.execute_sql(f"UPDATE bureau_duplicate SET uuid = {database.param} WHERE id = {database.param}",
                             (str(uuid.uuid4()), row_id))
    run(m.add_not_null("bureau_duplicate", "uuid"), m.add_index("bureau_duplicate", ("uuid",), unique=True))

    class Base(Model):
        pass

    class RegisteredSchool(Base):
        code = CharField(max_length=64, unique=True)

        class Meta:
            table_name = "registered_school"

    class BureauDuplicate(Base):
        uuid = CharField(max_length=64)

        class Meta:
            table_name = "bureau_duplicate"

    class BureauDuplicateStep(Base):
        duplicate = ForeignKeyField(BureauDuplicate, backref="+", on_delete="CASCADE")
        seq = IntegerField()
        at = DateTimeField()
        kind = CharField(max_length=32)
        school = ForeignKeyField(RegisteredSchool, backref="+", null=True, on_delete="RESTRICT")
        person = CharField(max_length=100, default="")
        detail = TextField(default="")
        event_uuid = CharField(max_length=64, null=True)

        class Meta:
            table_name = "bureau_duplicate_step"
            indexes = ((("duplicate", "seq"), True),)

    with database.bind_ctx([BureauDuplicateStep]):
        database.create_tables([BureauDuplicateStep])
