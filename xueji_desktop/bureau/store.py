"""The bureau's own database: a separate DatabaseProxy and models, so that a school's file and a bureau
store never mix (the school's models are bound to `xueji_desktop.store.models.database`).

The schema is created and changed only by the numbered scripts in `db/bureau/` (store.migrate, as for the
school's `db/`); `open_store` runs whatever of them is pending, never `create_tables` from these models.
SQLite (a file path) by default, or PostgreSQL (`postgresql://user@host/dbname`, or a local socket:
`postgresql://user@/dbname?host=/run/postgresql`); the models use only portable field types. On
PostgreSQL a BlobField reads back as `memoryview`: callers wrap it in `bytes(...)`.

One bureau store is open at a time per process (the proxy is module-level).
"""

from __future__ import annotations

from pathlib import Path

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from .. import clock
from ..paths import MIGRATIONS_DIR
from ..store import migrate

BUREAU_MIGRATIONS_DIR = MIGRATIONS_DIR / "bureau"

database = DatabaseProxy()

SQLITE_PRAGMAS = {"journal_mode": "wal", "synchronous": "full", "foreign_keys": 1, "busy_timeout": 10000}


class BaseModel(Model):
    class Meta:
        database = database


class BureauIdentity(BaseModel):
    """The bureau's own keys: X25519 (schools encrypt to it) and Ed25519 (it signs replies); the private
    keys (64 bytes, see keys.BureauKeys) protected by a password (Argon2id + AES-GCM)."""

    name = CharField(max_length=200)
    county_code = CharField(max_length=32)
    encryption_public = BlobField()
    signing_public = BlobField()
    private_protected = BlobField()
    fingerprint = CharField(max_length=64)
    created_at = DateTimeField()

    class Meta:
        table_name = "bureau_identity"


class RegisteredSchool(BaseModel):
    code = CharField(max_length=64, unique=True)
    name = CharField(max_length=200)
    county = CharField(max_length=32)
    signing_public = BlobField()
    encryption_public = BlobField(null=True)  # X25519 for replies (bureau 0002); None: an old school key
    fingerprint = CharField(max_length=64)
    registered_at = DateTimeField()
    revoked_at = DateTimeField(null=True)

    class Meta:
        table_name = "registered_school"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ImportedBatch(BaseModel):
    school = ForeignKeyField(RegisteredSchool, backref="batches", on_delete="RESTRICT")
    batch_no = IntegerField()
    hash = CharField(max_length=64, unique=True)
    prev_hash = CharField(max_length=64, null=True)
    event_count = IntegerField()
    first_seq = IntegerField(null=True)
    last_seq = IntegerField(null=True)
    new_count = IntegerField(default=0)
    duplicate_count = IntegerField(default=0)
    conflict_count = IntegerField(default=0)
    created_at = CharField(max_length=64)  # as the school's header says
    imported_at = DateTimeField()
    receipt = TextField()
    chain_prev = CharField(max_length=64, null=True)  # the school's change log chain (bureau 0004)
    chain_head = CharField(max_length=64, null=True)
    restored_at = CharField(max_length=64, null=True)  # the restore this batch is the first after

    class Meta:
        table_name = "imported_batch"
        indexes = ((("school", "batch_no"), True),)


class HeldBatch(BaseModel):
    """A verified batch that arrived before its predecessor (等待第 N 批): kept, still encrypted, and
    imported as soon as the gap is filled."""

    school = ForeignKeyField(RegisteredSchool, backref="held", on_delete="RESTRICT")
    batch_no = IntegerField()
    hash = CharField(max_length=64, unique=True)
    data = BlobField()
    received_at = DateTimeField()

    class Meta:
        table_name = "held_batch"


class BureauEvent(BaseModel):
    uuid = CharField(max_length=64, unique=True)
    school = ForeignKeyField(RegisteredSchool, backref="events", on_delete="RESTRICT")
    seq = IntegerField()
    kind = CharField(max_length=64)
    payload = TextField()  # the whole exchanged event, canonical JSON
    content_hash = CharField(max_length=64)
    batch = ForeignKeyField(ImportedBatch, backref="events", on_delete="RESTRICT")
    chain_hash = CharField(max_length=64, null=True)  # the school's chain hash of the event (bureau 0004)
    chain_prev = CharField(max_length=64, null=True)

    class Meta:
        table_name = "bureau_event"
        indexes = ((("school", "seq"), False),)


class EventConflict(BaseModel):
    """Same event id, different content: shown to a person, never a silent overwrite."""

    uuid = CharField(max_length=64, index=True)
    school = ForeignKeyField(RegisteredSchool, backref="conflicts", on_delete="RESTRICT")
    batch = ForeignKeyField(ImportedBatch, backref="conflicts", on_delete="RESTRICT")
    stored_hash = CharField(max_length=64)
    stored_payload = TextField()
    incoming_hash = CharField(max_length=64)
    incoming_payload = TextField()
    found_at = DateTimeField()
    resolved = BooleanField(default=False)
    resolution = CharField(max_length=16, default="")  # stored | incoming (bureau 0003)
    resolved_by = CharField(max_length=100, default="")
    resolved_note = TextField(default="")
    resolved_at = DateTimeField(null=True)
    resolved_account_id = IntegerField(null=True)  # the signed-in BureauAccount (bureau 0005)

    class Meta:
        table_name = "event_conflict"


class ChainBreak(BaseModel):
    """A school whose change log no longer continues what the bureau holds (bureau 0004): its history was
    edited, a batch number came again after a restore, … — the events are imported, the break kept for a
    person to look at."""

    school = ForeignKeyField(RegisteredSchool, backref="chain_breaks", on_delete="RESTRICT")
    batch = ForeignKeyField(ImportedBatch, null=True, backref="chain_breaks", on_delete="RESTRICT")
    batch_no = IntegerField(null=True)
    seq = IntegerField(null=True)
    kind = CharField(max_length=32)  # bureau.importer.BREAK_LABELS
    detail = TextField()
    found_at = DateTimeField()

    class Meta:
        table_name = "chain_break"


class SchoolRestore(BaseModel):
    """A school's batch said it follows a restore of a backup (bureau 0004): accepted when its number is
    above the school's last batch, refused (accepted = 0) when it reuses one."""

    school = ForeignKeyField(RegisteredSchool, backref="restores", on_delete="RESTRICT")
    batch = ForeignKeyField(ImportedBatch, null=True, backref="restores", on_delete="RESTRICT")
    batch_no = IntegerField()
    restored_at = CharField(max_length=64)
    backup_taken_at = CharField(max_length=64, null=True)
    chain_head_before = CharField(max_length=64, null=True)
    last_batch_before = IntegerField(null=True)
    last_seq_before = IntegerField(null=True)
    accepted = IntegerField(default=1)
    found_at = DateTimeField()

    class Meta:
        table_name = "school_restore"


class BureauAccount(BaseModel):
    """A person at the bureau (bureau 0005): roles as a set (bureau.accounts), the same sign-in counters and
    lock-out as a school's account. Disabled, never deleted: decisions name their account."""

    username = CharField(max_length=64, unique=True)
    display_name = CharField(max_length=100)
    roles = CharField(max_length=100)
    password_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    must_change_password = BooleanField(default=False)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    password_changed_at = DateTimeField(null=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField("self", null=True, on_delete="RESTRICT")

    class Meta:
        table_name = "bureau_account"


class BureauKeyWrap(BaseModel):
    """The bureau's private key protected by one account's password (bureau 0005)."""

    account = ForeignKeyField(BureauAccount, unique=True, backref="wraps", on_delete="RESTRICT")
    protected = BlobField()
    wrapped_at = DateTimeField()
    wrapped_by = ForeignKeyField(BureauAccount, null=True, backref="+", on_delete="RESTRICT")

    class Meta:
        table_name = "bureau_key_wrap"


class BureauSetting(BaseModel):
    """The bureau's settings (bureau 0005): the idle lock's minutes, whether the store is a demo."""

    key = CharField(max_length=64, unique=True)
    value = TextField()

    class Meta:
        table_name = "bureau_setting"


MODELS = [BureauIdentity, RegisteredSchool, ImportedBatch, HeldBatch, BureauEvent, EventConflict, ChainBreak,
          SchoolRestore, BureauAccount,
          BureauKeyWrap, BureauSetting]


class BureauStore:
    """An open bureau database. `now` is the clock (tests pin it)."""

    def __init__(self, db, now=clock.now):
        self.db = db
        self.now = now
        self.account: BureauAccount | None = None  # the signed-in account (bureau.accounts.sign_in)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def identity(self) -> BureauIdentity | None:
        return BureauIdentity.select().order_by(BureauIdentity.id).first()


class PostgresDriverMissing(Exception):
    """A PostgreSQL store asked for where the driver (the [bureau] extra) is not installed; `message` in Chinese."""

    message = ("教育局使用 PostgreSQL 数据库需要安装 PostgreSQL 驱动 psycopg2：在学籍桌面的源代码目录运行 "
               "pip install .[bureau]。学校的安装版不带这个驱动；教育局数据库也可以是一个 SQLite 文件（--db 给出文件路径）。")

    def __init__(self):
        super().__init__(self.message)


def _require_postgres_driver() -> None:
    """psycopg2 is the optional [bureau] extra: imported only when a PostgreSQL store is opened."""
    try:
        import psycopg2  # noqa: F401
    except ImportError as e:
        raise PostgresDriverMissing() from e


def open_store(target: str | Path, now=clock.now) -> BureauStore:
    """Opens (creating if needed) a bureau store: a SQLite file path, or a database URL; brings its schema
    up to date (migrate.NewerDatabaseError for a store made by a newer program; PostgresDriverMissing for a
    PostgreSQL URL without the [bureau] extra installed)."""
    text = str(target)
    if "://" in text:
        from playhouse.db_url import connect

        if text.split("://", 1)[0].lower().startswith("postgres"):
            _require_postgres_driver()
        db = connect(text)
    else:
        path = Path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    try:
        _adopt_unversioned(db)
        migrate.upgrade(db, BUREAU_MIGRATIONS_DIR)
    except BaseException:
        db.close()
        raise
    return BureauStore(db, now)


def _adopt_unversioned(db) -> None:
    """A store made before the numbered scripts (its tables made by `create_tables`, exactly 0001's
    schema) is taken as version 1 instead of being created again."""
    if migrate.current_version(db) == 0 and "registered_school" in db.get_tables():
        with db.atomic():
            migrate.mark_version(db, 1)


def bulk_insert(model, rows: list[dict], page: int = 500) -> None:
    """Inserts many rows of `model` with the driver's own bulk call (psycopg2's execute_values, SQLite's
    executemany): peewee's query builder costs more than the database for tens of thousands of rows.
    Values pass through each field's db_value, as peewee's insert would."""
    if not rows:
        return
    db = database.obj if isinstance(database, DatabaseProxy) else database
    columns = list(rows[0])
    fields = [model._meta.fields[c] for c in columns]
    names = ", ".join(f.column_name for f in fields)
    values = [tuple(f.db_value(row[c]) for f, c in zip(fields, columns)) for row in rows]
    cursor = db.cursor()
    if isinstance(db, SqliteDatabase):
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {model._meta.table_name} ({names}) VALUES ({marks})", values)
        return
    from psycopg2.extras import execute_values

    execute_values(cursor, f"INSERT INTO {model._meta.table_name} ({names}) VALUES %s", values, page_size=page)
