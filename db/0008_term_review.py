"""0008: the term review (每学期复核) — one row per term whose review the registrar marked done, with the
counts the checklist showed at that moment.

Frozen like 0001.
"""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class TermReview(Base):
        school_year = IntegerField()
        term = CharField()
        term_start = DateField()
        term_end = DateField()
        done_on = DateField()
        done_by = ForeignKeyField(User, on_delete="RESTRICT")
        pupils = IntegerField()
        counts = TextField(default="{}")
        note = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            indexes = ((("school_year", "term"), True),)

    with database.bind_ctx([User, TermReview]):
        database.create_tables([TermReview])
