"""0011: accounts with roles, sign-in rules, class teachers' classes, the access log (查询登记) and the
school key wrapped for each account that may export.

- `user.role` becomes a comma-separated set of roles (core.accounts.roles); the accounts that existed
  could do everything, so "registrar" becomes "admin,registrar" and "viewer" stays "viewer".
- `user`: must_change_password, failed_logins, locked_until, last_login_at, password_changed_at.
- `user_class`: the classes a 班主任 reads and takes attendance for.
- `access_log` + `access_pupil`: who opened, printed or exported what, about which pupils, and why.
- `key_wrap`: the school's private key protected by each entitled account's password; the existing
  protected key becomes its creator's wrap.

Frozen like 0001.
"""

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(database):
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class User(Base):
        username = CharField(unique=True)

    class SchoolClass(Base):
        grade = IntegerField()

    class Student(Base):
        student_number = CharField(unique=True)

    class SchoolKey(Base):
        fingerprint = CharField()

    class UserClass(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        school_class = ForeignKeyField(SchoolClass, on_delete="CASCADE")

        class Meta:
            indexes = ((("user", "school_class"), True),)

    class AccessLog(Base):
        at = DateTimeField(index=True)
        pc_time = DateTimeField(null=True)
        user = ForeignKeyField(User, on_delete="RESTRICT")
        action = CharField(index=True)  # open | print | export | log_read
        subject = CharField()  # what: the form, register, file or view
        target = TextField(default="")  # the file written, when there is one
        purpose = TextField(default="")
        pupil_count = IntegerField(default=0)

    class AccessPupil(Base):
        access = ForeignKeyField(AccessLog, on_delete="CASCADE")
        student = ForeignKeyField(Student, on_delete="RESTRICT", index=True)

        class Meta:
            indexes = ((("access", "student"), True),)

    class KeyWrap(Base):
        school_key = ForeignKeyField(SchoolKey, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="RESTRICT")
        protected = BlobField()
        wrapped_at = DateTimeField()
        wrapped_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

        class Meta:
            indexes = ((("school_key", "user"), True),)

    # Plain ALTER TABLE: peewee's migrator rebuilds a table to add a NOT NULL column, and rebuilding `user`
    # would trip the foreign keys of every event and case that names its author.
    for column in ("must_change_password INTEGER NOT NULL DEFAULT 0", "failed_logins INTEGER NOT NULL DEFAULT 0",
                   "locked_until DATETIME", "last_login_at DATETIME", "password_changed_at DATETIME"):
        database.execute_sql(f"ALTER TABLE user ADD COLUMN {column}")
    database.execute_sql("UPDATE user SET role = 'admin,registrar' WHERE role = 'registrar'")
    with database.bind_ctx([User, SchoolClass, Student, SchoolKey, UserClass, AccessLog, AccessPupil, KeyWrap]):
        database.create_tables([UserClass, AccessLog, AccessPupil, KeyWrap])
    database.execute_sql(
        "INSERT INTO key_wrap (school_key_id, user_id, protected, wrapped_at, wrapped_by_id) "
        "SELECT id, created_by_id, private_protected, created_at, created_by_id FROM school_key "
        "WHERE created_by_id IS NOT NULL")
