"""0009: each change keeps both dates: the day the registrar entered for it (`entered_on`: the decision's,
the application's, the school day's …) and the PC's own clock when it was written (`pc_time`), so a wrong
PC clock can be seen later, at the school and at the bureau. Rows written before stay empty."""

from peewee import DateField, DateTimeField
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    migrator = SchemaMigrator.from_database(database)
    run(migrator.add_column("event", "entered_on", DateField(null=True)),
        migrator.add_column("event", "pc_time", DateTimeField(null=True)))
