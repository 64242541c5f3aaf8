"""Bureau 0003: how a person settled a conflict (same event id, different content): which content
stands, who decided, when and why."""

from peewee import CharField, DateTimeField, TextField
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    m = SchemaMigrator.from_database(database)
    run(m.add_column("event_conflict", "resolution", CharField(max_length=16, default="")),
        m.add_column("event_conflict", "resolved_by", CharField(max_length=100, default="")),
        m.add_column("event_conflict", "resolved_note", TextField(default="")),
        m.add_column("event_conflict", "resolved_at", DateTimeField(null=True)))
