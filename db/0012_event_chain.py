"""0012: the change log becomes a hash chain. Each event gets `prev_hash` (the previous event's hash) and
`hash` (SHA-256 over its recorded content and prev_hash); the events already written are chained here in
seq order, and the chain's head is kept in the `setting` table.

Frozen like 0001: the hash is this script's own copy of core.school.event_chain.event_hash (v1).
"""

import hashlib
import json

from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate as run

DOMAIN = "xueji event chain v1\n"
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_hash(content, prev_hash):
    return hashlib.sha256((DOMAIN + _dumps([*content, prev_hash])).encode("utf-8")).hexdigest()


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
    if head is not None:
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                     ("event_chain_head", json.dumps({"seq": head, "hash": prev})))
