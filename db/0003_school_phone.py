"""0003: the school's telephone, printed on the transfer forms (联系电话 of 现就读学校 / 拟转入学校)."""

from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate as run


def migrate(database):
    run(SchemaMigrator.from_database(database).add_column("school", "phone", CharField(default="")))
