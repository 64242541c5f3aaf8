"""查找学生: any pupil of the county, as the schools last reported them, by name, pinyin (full, initials,
mixed, every reading of a polyphonic character), ID number or 学籍号 — the same spellings as the school's own
search (core.pupils.search), kept in the database so that a keystroke is one index range scan, never a scan
of the county in Python.

Each pupil has rows in `bureau_pupil_key` (bureau 0008): its name and every ending of it (part of a name is
found anywhere in it), its ID number and 学籍号, and each pinyin spelling from each character on, lower case;
a spelling that begins another one is left out, since the longer one is found by the same prefixes. A query
matches a pupil when it is a prefix of one of the pupil's keys: `key >= q AND key < q || U+10FFFF` over the
primary key (key, pupil_id), byte order on both backends (SQLite's BINARY, PostgreSQL's COLLATE "C").

The keys are written with the pupil by the import (projection), in the batch's transaction; a pupil's keys
change only when its name, ID number or 学籍号 does, and then only the keys that differ are deleted (by key)
and inserted.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from peewee import PostgresqlDatabase

from ..core.pupils import search
from ..core.pupils.search import normalise
from ..core.pupils.status import LABELS, Status
from ..core.school.school import grade_name
from .store import database

LIMIT = 200  # hits shown
COUNT_SCAN = 5000  # keys counted at most: beyond them the count of pupils is said as "以上"
_TOP = "\U0010ffff"


@lru_cache(maxsize=20000)
def _char_spellings(char: str) -> tuple[str, ...]:
    """Each reading of a character and its initial (core.pupils.search's spellings), read once per character."""
    return tuple(r for reading in search._readings(char) for r in dict.fromkeys((reading, reading[0])))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, ...]:
    """The name, its endings, and its pinyin spellings from each character on (as search.pinyin_variants),
    sorted, none a prefix of another: made once per distinct name."""
    chars = [c for c in name if not c.isspace() and c != "·"]
    per_char = [_char_spellings(c) for c in chars]
    keys = {"".join(chars[i:]) for i in range(len(chars))}
    for start in range(len(per_char)):
        keys.update("".join(combo) for combo in
                    itertools.islice(itertools.product(*per_char[start:]), search._MAX_VARIANTS))
    return tuple(_leaves(keys))


def _leaves(keys) -> list[str]:
    """`keys` sorted, without one that begins another (the longer one is found by the same prefixes)."""
    ordered = sorted(keys)
    return [k for k, after in zip(ordered, [*ordered[1:], ""]) if not after.startswith(k)]


def pupil_keys(name: str, id_number: str = "", student_number: str = "") -> list[str]:
    """The pupil's search keys, sorted, none a prefix of another."""
    numbers = {(id_number or "").lower(), (student_number or "").lower()}
    numbers.discard("")
    keys = _name_keys(name or "")
    if not numbers:
        return list(keys)
    return _leaves([*keys, *numbers])


def _db():
    return database.obj


def _marks(n: int) -> str:
    return ", ".join([_db().param] * n)


Identity = tuple[int, str, str, str]  # pupil id, name, ID number, 学籍号


def write_keys(pupils: Iterable[Identity], before: dict[int, tuple[str, str, str]] | None = None,
               new: bool = False) -> None:
    """(pupil id, name, ID number, 学籍号) of pupils just written: their keys. `before`: pupil id → (name, ID
    number, 学籍号) the stored keys were made from, for pupils already held: only the keys that differ are
    deleted (by key, the table's primary key) and inserted (one already there, say made by an older spelling,
    left as it is). `new`: pupils just inserted, who have no keys yet (on PostgreSQL, COPY). Inside the
    caller's transaction."""
    before = before or {}
    gone: list[tuple[str, int]] = []
    rows: list[tuple[str, int]] = []
    for pupil_id, name, id_number, number in pupils:
        keys = pupil_keys(name, id_number, number)
        if pupil_id in before:
            old = set(pupil_keys(*before[pupil_id]))
            gone.extend((k, pupil_id) for k in old.difference(keys))
            keys = [k for k in keys if k not in old]
        rows.extend((k, pupil_id) for k in keys)
    if not rows and not gone:
        return
    db = _db()
    cursor = db.cursor()
    p = db.param
    if gone:
        cursor.executemany(f"DELETE FROM bureau_pupil_key WHERE key = {p} AND pupil_id = {p}", gone)
    if not rows:
        return
    if not isinstance(db, PostgresqlDatabase):
        cursor.executemany("INSERT INTO bureau_pupil_key (key, pupil_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows)
    elif new:  # a third of the time of INSERT … VALUES, a tenth of its work here
        text = "".join(f"{key.translate(_COPY_ESCAPES)}\t{pupil_id}\n" for key, pupil_id in rows)
        cursor.copy_expert("COPY bureau_pupil_key (key, pupil_id) FROM STDIN", io.StringIO(text))
    else:
        from psycopg2.extras import execute_values

        execute_values(cursor, "INSERT INTO bureau_pupil_key (key, pupil_id) VALUES %s ON CONFLICT DO NOTHING",
                       rows, page_size=1000)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def write_keys_of_school(school_id: int, numbers: Iterable[str],
                         before: dict[str, tuple[str, str]] | None = None) -> None:
    """The keys of a school's pupils given by 学籍号 (read back from bureau_pupil), each just inserted unless
    in `before`: 学籍号 → (name, ID number) its stored keys were made from (write_keys)."""
    numbers = list(numbers)
    before = before or {}
    db = _db()
    for i in range(0, len(numbers), 500):
        chunk = numbers[i:i + 500]
        rows = db.execute_sql(
            "SELECT id, name, id_number, student_number FROM bureau_pupil "
            f"WHERE school_id = {db.param} AND student_number IN ({_marks(len(chunk))})",
            [school_id, *chunk]).fetchall()
        write_keys([r for r in rows if r[3] not in before], new=True)
        write_keys([r for r in rows if r[3] in before], {r[0]: (*before[r[3]], r[3]) for r in rows if r[3] in before})


@dataclass(frozen=True)
class Hit:
    """A pupil found: where the schools last reported them and their last change."""

    pupil_id: int
    school_code: str
    school_name: str
    name: str
    student_number: str
    id_number: str
    grade: int | None
    class_name: str
    status: str
    change_summary: str
    change_on: str  # the day the school entered the change (YYYY-MM-DD), or ""

    @property
    def grade_label(self) -> str:
        return grade_name(self.grade) if self.grade else ""

    @property
    def status_label(self) -> str:
        try:
            return LABELS[Status(self.status)]
        except ValueError:
            return self.status

    @property
    def last_change(self) -> str:
        return f"{self.change_on} {self.change_summary}".strip()


@dataclass(frozen=True)
class Found:
    query: str
    hits: list[Hit]
    total: int  # pupils matching (among the first COUNT_SCAN keys matched)
    capped: bool  # more keys matched than were counted: `total` is a lower bound

    @property
    def more(self) -> int:
        return self.total - len(self.hits)

    @property
    def note(self) -> str:
        """找到 … 名 / 还有 N 条 …, for the window and the command line."""
        if not self.query:
            return ""
        if not self.hits:
            return f"没有找到“{self.query}”"
        if not self.more:
            return f"找到 {self.total} 名学生"
        more = f"{self.more:,} 条以上" if self.capped else f"{self.more:,} 条"
        return f"显示前 {len(self.hits)} 名，还有 {more}：请输入更完整的姓名、拼音或证件号"


def find(text: str, limit: int = LIMIT) -> Found:
    """The county's pupils whose name, pinyin, ID number or 学籍号 begins with `text` (a part of a name:
    anywhere in it), in the order of the key matched; the first `limit` with their school and last change.

    Two index range scans: the first `limit` pupils in key order (a pupil may match by several keys), and the
    count of the pupils among the first COUNT_SCAN keys matched, done in the database."""
    q = normalise(text)
    if not q:
        return Found("", [], 0, False)
    db = _db()
    p = db.param
    where = f"key >= {p} AND key < {p}"
    bounds = [q, q + _TOP]
    ids: list[int] = []
    rows = limit * 8
    while True:
        found = db.execute_sql(f"SELECT pupil_id FROM bureau_pupil_key WHERE {where} ORDER BY key LIMIT {p}",
                               [*bounds, rows]).fetchall()
        ids = list(dict.fromkeys(r[0] for r in found))
        if len(ids) >= limit or len(found) < rows:
            break
        rows *= 4  # rare: many keys of the same pupils begin with the query
    keys, pupils = db.execute_sql(f"SELECT COUNT(*), COUNT(DISTINCT pupil_id) FROM (SELECT pupil_id FROM "
                                  f"bureau_pupil_key WHERE {where} LIMIT {p}) AS matched",
                                  [*bounds, COUNT_SCAN]).fetchone()
    capped = keys >= COUNT_SCAN
    return Found(text.strip(), _hits(ids[:limit]), max(pupils, len(ids[:limit])), capped)


def _hits(ids: list[int]) -> list[Hit]:
    if not ids:
        return []
    rows = _db().execute_sql(
        "SELECT p.id, s.code, s.name, p.name, p.student_number, p.id_number, p.grade, p.class_name, p.status, "
        "p.last_change, p.last_change_on FROM bureau_pupil p JOIN registered_school s ON s.id = p.school_id "
        f"WHERE p.id IN ({_marks(len(ids))})", ids).fetchall()
    by_id = {}
    for (pid, code, school, name, number, id_number, grade, class_name, status, summary, on) in rows:
        by_id[pid] = Hit(pid, code, school, name, number, id_number or "", grade, class_name or "", status,
                         summary or "", on or "")
    return [by_id[i] for i in ids if i in by_id]


def tsv_lines(found: Found) -> list[str]:
    """`xueji bureau find`: a header and one line per hit, tab-separated."""
    out = ["学校代码\t学校\t姓名\t学籍号\t身份证件号\t年级\t班级\t学籍状态\t最近变动日期\t最近变动"]
    for h in found.hits:
        cells = (h.school_code, h.school_name, h.name, h.student_number, h.id_number, h.grade_label, h.class_name,
                 h.status_label, h.change_on, h.change_summary)
        out.append("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in cells))
    return out

