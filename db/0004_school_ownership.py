"""0004: whether the school is 民办 (privately run): 民办 schools' transfer intake has its own limits
(《黑龙江省实施细则》第二十四条（三）、（五）)."""

from peewee import BooleanField
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    run(SchemaMigrator.from_database(database).add_column("school", "private", BooleanField(default=False)))
