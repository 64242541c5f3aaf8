"""0010: the values of the school's archive forms (学校基本信息表, 校区基本信息表) that its set-up data
lacks — address, postcode, head, leader in charge of 学籍, campuses … — kept once, so they are not given
again on every print. One row per form and campus: campus 0 is the school itself (or its main campus),
1, 2 … the branch campuses in the order they were added; `data` holds {printed label: value}.

Frozen like 0001.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class SchoolInfo(Base):
        form = CharField()
        campus = IntegerField(default=0)
        data = TextField(default="{}")
        updated_at = DateTimeField()
        updated_by = ForeignKeyField(User, on_delete="RESTRICT")

        class Meta:
            indexes = ((("form", "campus"), True),)

    with database.bind_ctx([User, SchoolInfo]):
        database.create_tables([SchoolInfo])
