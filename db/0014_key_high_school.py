"""0014: whether the school is a 省级示范高中 (provincial model senior high school): transfers into one from an
ordinary senior high are refused (《长治市实施细则》第二十条) or warned (《凉山州规定》二(一)6(2))."""

from peewee import BooleanField
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    run(SchemaMigrator.from_database(database).add_column("school", "key_high_school", BooleanField(default=False)))
