"""Bureau 0005: the bureau's own accounts and roles (科长, 科员, 查询, 管理员), with the same sign-in counters
as a school's; the bureau's private key wrapped for each account that imports or replies; the bureau's
settings (the idle lock); and which account made each decision and settled each conflict.

A store made before this script has no account: the person who knows the bureau's private-key password
creates the first one (bureau.accounts.create_first_account), as `xueji bureau init` does for a new store.

Frozen like 0001. Portable types only.
"""

from peewee import BlobField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run


def migrate(database):
    class Base(Model):
        pass

    class BureauAccount(Base):
        username = CharField(max_length=64, unique=True)
        display_name = CharField(max_length=100)
        roles = CharField(max_length=100)  # comma-separated bureau.accounts.BureauRole values
        password_hash = CharField(max_length=200)
        active = BooleanField(default=True)  # disabled, never deleted: decisions name their account
        must_change_password = BooleanField(default=False)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_login_at = DateTimeField(null=True)
        password_changed_at = DateTimeField(null=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField("self", null=True, on_delete="RESTRICT")

        class Meta:
            table_name = "bureau_account"

    class BureauKeyWrap(Base):
        account = ForeignKeyField(BureauAccount, unique=True, on_delete="RESTRICT")
        protected = BlobField()
        wrapped_at = DateTimeField()
        wrapped_by = ForeignKeyField(BureauAccount, null=True, on_delete="RESTRICT")

        class Meta:
            table_name = "bureau_key_wrap"

    class BureauSetting(Base):
        key = CharField(max_length=64, unique=True)
        value = TextField()

        class Meta:
            table_name = "bureau_setting"

    with database.bind_ctx([BureauAccount, BureauKeyWrap, BureauSetting]):
        database.create_tables([BureauAccount, BureauKeyWrap, BureauSetting])
    m = SchemaMigrator.from_database(database)
    run(m.add_column("bureau_decision", "account_id", IntegerField(null=True)),
        m.add_column("event_conflict", "resolved_account_id", IntegerField(null=True)))
