"""0012: the change log becomes a hash chain. Each event gets `prev_hash` (the previous event's hash) and
`hash` (SHA-256 over its recorded content and prev_hash); the events already written are chained here in
seq order, and the chain's head is kept in the `setting` table.

Triggers note in `event_touch` any later UPDATE of an event's chained columns, any DELETE, and any INSERT
without a hash: the program itself never does these (it sets only `batch_no`), so a row there means another
tool touched the log, and the check at start reads one table instead of re-hashing every event.

Frozen like 0001: the hash is this script's own copy of core.school.event_chain.event_hash (v1).
"""

import hashlib
import json

from peewee import CharField
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as run

DOMAIN, SEP, NULL = "xueji event chain v1", "\x1f", "\x00"


def event_hash(content, prev_hash):
    parts = [DOMAIN, *(NULL if v is None else v if type(v) is str else str(v) for v in content),
             NULL if prev_hash is None else prev_hash]
    return hashlib.sha256(SEP.join(parts).encode("utf-8")).hexdigest()


CHAIN_COLUMNS = "uuid, seq, kind, student_id, case_id, payload, summary, articles, reasons, author_id, created_at, " \
                "entered_on, prev_hash, hash"
_TOUCH = "INSERT INTO event_touch (seq, what, at) VALUES ({row}.seq, '{what}', datetime('now', 'localtime'))"
STATEMENTS = [
    "CREATE TABLE event_touch (id INTEGER PRIMARY KEY, seq INTEGER, what TEXT NOT NULL, at TEXT NOT NULL)",
    (f"CREATE TRIGGER event_chain_update AFTER UPDATE OF {CHAIN_COLUMNS} ON event "
     f"BEGIN {_TOUCH.format(row='old', what='update')}; END"),
    f"CREATE TRIGGER event_chain_delete AFTER DELETE ON event BEGIN {_TOUCH.format(row='old', what='delete')}; END",
    (f"CREATE TRIGGER event_chain_insert AFTER INSERT ON event WHEN new.hash IS NULL "
     f"BEGIN {_TOUCH.format(row='new', what='insert')}; END"),
]


def migrate(database):
    m = SchemaMigrator.from_database(database)
    run(m.add_column("event", "prev_hash", CharField(null=True)),
        m.add_column("event", "hash", CharField(null=True)))
    cursor = database.execute_sql(
        "SELECT e.id, e.uuid, e.seq, e.kind, e.student_id, e.case_id, e.payload, e.summary, e.articles, e.reasons, "
        "u.username, e.created_at, e.entered_on FROM event e LEFT JOIN user u ON u.id = e.author_id ORDER BY e.seq")
    prev, updates, head = None, [], None
    for row in cursor.fetchall():
        digest = event_hash(row[1:], prev)
        updates.append((prev, digest, row[0]))
        prev, head = digest, row[2]
    conn = database.connection()
    conn.executemany("UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?", updates)
    for statement in STATEMENTS:
        conn.execute(statement)
    if head is not None:
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                     ("event_chain_head", json.dumps({"seq": head, "hash": prev})))
