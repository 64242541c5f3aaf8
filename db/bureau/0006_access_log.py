"""Bureau 0006: the bureau's access log (查询登记): who at the bureau opened, exported or sent which pupils'
records, when, why and from which account; and the reading of the log itself. One row per action
(`bureau_access`) with the pupils it concerned (`bureau_access_pupil`, by school code and 学籍号 as the
bureau keys its pupils, with the name as it was then: a pupil sent away in an archive stays named).

Frozen like 0001. Portable types only.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        pass

    class BureauAccount(Base):
        class Meta:
            table_name = "bureau_account"

    class BureauAccess(Base):
        at = DateTimeField(index=True)  # the program's clock
        account = ForeignKeyField(BureauAccount, on_delete="RESTRICT")
        action = CharField(max_length=16)  # open | print | export | log_read
        subject = TextField()
        target = TextField(default="")
        purpose = TextField(default="")
        pupil_count = IntegerField(default=0)

        class Meta:
            table_name = "bureau_access"

    class BureauAccessPupil(Base):
        access = ForeignKeyField(BureauAccess, on_delete="CASCADE")
        school_code = CharField(max_length=64)
        student_number = CharField(max_length=32, index=True)
        name = CharField(max_length=100, default="")

        class Meta:
            table_name = "bureau_access_pupil"

    with database.bind_ctx([BureauAccess, BureauAccessPupil]):
        database.create_tables([BureauAccess, BureauAccessPupil])
