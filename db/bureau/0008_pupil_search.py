"""Bureau 0008: the county's pupil search (查找学生). One row per search key of a pupil: the name and each of
its endings (a part of a name is found anywhere), the ID number, the 学籍号 and every pinyin spelling of the
name from each character on (full syllables and initials mixed, every reading of a polyphonic character),
lower case, a spelling that begins another one left out. A query is a prefix of a key: a range scan of the
primary key (key, pupil_id), the table's only index. On PostgreSQL the key is compared byte by byte
(COLLATE "C"), so the range is a prefix whatever the server's locale.

The keys of the pupils already held are made here (backfill), and each pupil's last change (the day and summary
of the event that carried the record) is kept on the pupil: a hit shows it without reading the event. With them, an index on bureau_pupil (school, grade,
status): the county view counts 100,000 pupils without reading their records.

Frozen like 0001: the key spelling is a copy of bureau.pupil_search.pupil_keys as of this script.
"""

import itertools
import json
from functools import lru_cache

from peewee import PostgresqlDatabase

_MAX_VARIANTS = 256


def migrate(database):
    text = 'TEXT COLLATE "C"' if isinstance(database, PostgresqlDatabase) else "TEXT"
    tail = "" if isinstance(database, PostgresqlDatabase) else " WITHOUT ROWID"
    # no foreign key and no index by pupil: each would be checked or written with every key the import writes,
    # and nothing needs them (keys are deleted by key; a pupil is never deleted; a hit is joined to its pupil)
    database.execute_sql(
        f"CREATE TABLE bureau_pupil_key (key {text} NOT NULL, pupil_id INTEGER NOT NULL, "
        f"PRIMARY KEY (key, pupil_id)){tail}")
    # the county's pupils counted by school, grade and status from the index alone (a pupil's row is kilobytes)
    database.execute_sql("CREATE INDEX bureau_pupil_school_id_grade_status ON bureau_pupil (school_id, grade, status)")
    # each pupil's last change (the day and summary of the event that carried the record), shown with every hit
    database.execute_sql("ALTER TABLE bureau_pupil ADD COLUMN last_change_on VARCHAR(10) NOT NULL DEFAULT ''")
    database.execute_sql("ALTER TABLE bureau_pupil ADD COLUMN last_change TEXT NOT NULL DEFAULT ''")
    _backfill(database)
    _backfill_changes(database)


def _backfill(database) -> None:
    rows = database.execute_sql("SELECT id, name, id_number, student_number FROM bureau_pupil").fetchall()
    values = [(key, pupil_id) for pupil_id, name, id_number, number in rows
              for key in _keys(name or "", id_number or "", number or "")]
    marks = "%s, %s" if isinstance(database, PostgresqlDatabase) else "?, ?"
    cursor = database.cursor()
    for i in range(0, len(values), 1000):
        cursor.executemany(f"INSERT INTO bureau_pupil_key (key, pupil_id) VALUES ({marks})", values[i:i + 1000])


def _backfill_changes(database) -> None:
    rows = database.execute_sql(
        "SELECT p.id, e.payload FROM bureau_pupil p JOIN bureau_event e "
        "ON e.school_id = p.school_id AND e.seq = p.updated_seq").fetchall()
    mark = "%s" if isinstance(database, PostgresqlDatabase) else "?"
    values = []
    for pupil_id, payload in rows:
        try:
            event = json.loads(payload)
        except ValueError:
            continue
        day = str(event.get("entered_on") or event.get("created_at") or "")[:10]
        values.append((day, str(event.get("summary") or ""), pupil_id))
    cursor = database.cursor()
    for i in range(0, len(values), 1000):
        cursor.executemany(f"UPDATE bureau_pupil SET last_change_on = {mark}, last_change = {mark} WHERE id = {mark}",
                           values[i:i + 1000])


@lru_cache(maxsize=20000)
def _readings(char):
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda c: [c.lower()])[0]
    return tuple(dict.fromkeys(r.lower() for r in found if r)) or (char,)


def _keys(name, id_number, student_number):
    chars = [c for c in name if not c.isspace() and c != "·"]
    per_char = [[r for reading in _readings(c) for r in dict.fromkeys((reading, reading[0]))] for c in chars]
    spellings = set()
    for start in range(len(per_char)):
        for combo in itertools.islice(itertools.product(*per_char[start:]), _MAX_VARIANTS):
            spellings.add("".join(combo))
    name = "".join(chars)
    keys = {name[i:] for i in range(len(name))} | spellings | {id_number.lower(), student_number.lower()}
    keys.discard("")
    ordered = sorted(keys)
    return [k for k, after in zip(ordered, [*ordered[1:], ""]) if not after.startswith(k)]
