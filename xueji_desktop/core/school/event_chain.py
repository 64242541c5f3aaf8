"""The change log as a hash chain: each event's `hash` covers its recorded content and the previous event's
hash (`prev_hash`), written by `events.Tx.record` in the same transaction as the event.

`event_hash` is the one definition of the chain (db/0012_event_chain.py keeps a frozen copy of it): SHA-256
over a canonical JSON list of the event's columns *as SQLite stores them* (text, integers, NULL: a datetime as
its stored text), so verifying reads plain rows and hashes them without converting anything back.

`verify(database)` walks the whole log in seq order and names where it breaks: an event whose content no
longer gives its hash (edited), a gap in seq (deleted), an event without a hash (written by another program),
a link to the wrong predecessor (reordered or inserted), the last events gone (the head kept in the
`Setting` table ahead of the log). A seq jump the program made itself (after a restore, see
`events.seq_floor`) is listed in `Setting` "event_chain_gaps" and is no break.

Qt-free; reads the database with plain SQL (100,000 events in a fraction of a second: bench/ or the report).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

HEAD_KEY = "event_chain_head"  # Setting: {"seq": …, "hash": …} of the last event written
GAPS_KEY = "event_chain_gaps"  # Setting: [[after_seq, next_seq], …] seq jumps made by the program itself
CHECKED_KEY = "event_chain_checked"  # Setting: {"seq": …, "hash": …, "count": …} of the last clean check
TOUCH_TABLE = "event_touch"  # 0012: triggers note here any UPDATE, DELETE or unhashed INSERT of an event
TRIGGERS = ("event_chain_update", "event_chain_delete", "event_chain_insert")
DOMAIN = "xueji event chain v1"
SEP, NULL = "\x1f", "\x00"

# the columns in hashed order, each as text (integers cast as SQLite writes them); the author by username
# (an account's id means nothing elsewhere); the previous hash last
_COLUMNS = ("e.uuid, CAST(e.seq AS TEXT), e.kind, CAST(e.student_id AS TEXT), CAST(e.case_id AS TEXT), e.payload, "
            "e.summary, e.articles, e.reasons, u.username, e.created_at, e.entered_on, e.prev_hash")


def event_hash(content: tuple | list, prev_hash: str | None) -> str:
    """`content`: (uuid, seq, kind, student_id, case_id, payload, summary, articles, reasons, author username,
    created_at, entered_on) as SQLite stores them; `prev_hash`: the previous event's hash or None.
    SHA-256 of DOMAIN and the values as text joined by U+001F, NULL as U+0000."""
    parts = [DOMAIN, *(NULL if v is None else v if type(v) is str else str(v) for v in content),
             NULL if prev_hash is None else prev_hash]
    return hashlib.sha256(SEP.join(parts).encode("utf-8")).hexdigest()


def stored_text(value):
    """A value as SQLite keeps it when peewee hands it over (sqlite3 stores a date or datetime as str())."""
    if value is None or isinstance(value, (int, str)):
        return value
    return str(value)


# --- verification -----------------------------------------------------------------------------------------

EDITED, DELETED, INSERTED, REORDERED, UNHASHED, TAIL, JUMP = (
    "edited", "deleted", "inserted", "reordered", "unhashed", "tail_deleted", "seq_jump")
KIND_LABELS = {EDITED: "内容被改动", DELETED: "记录被删除", INSERTED: "插入了记录", REORDERED: "顺序被调换",
               UNHASHED: "记录未经本程序写入", TAIL: "最后的记录被删除", JUMP: "序号跳号"}


@dataclass(frozen=True)
class Break:
    seq: int  # the first record where the chain no longer holds
    kind: str  # EDITED | DELETED | INSERTED | REORDERED | UNHASHED | TAIL | JUMP
    detail: str  # Chinese

    @property
    def line(self) -> str:
        return f"第 {self.seq} 条变动记录：{KIND_LABELS[self.kind]}（{self.detail}）"


@dataclass
class ChainReport:
    count: int = 0
    head_seq: int | None = None
    head_hash: str | None = None
    breaks: list[Break] = field(default_factory=list)
    more: int = 0  # breaks found beyond the ones listed

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first(self) -> Break | None:
        return self.breaks[0] if self.breaks else None

    @property
    def summary(self) -> str:
        if self.ok:
            head = self.head_hash or "（无）"
            return f"变动记录完整：{self.count} 条，链头 {head}"
        return f"变动记录被改动过：{self.count} 条中有 {len(self.breaks) + self.more} 处断链，第一处在第 {self.first.seq} 条"

    @property
    def lines(self) -> list[str]:
        out = [self.summary] + [b.line for b in self.breaks]
        if self.more:
            out.append(f"……另有 {self.more} 处")
        return out

    @property
    def warning(self) -> str:
        """The text a registrar sees at start (the window) or before a write (the command line)."""
        b = self.first
        return (f"变动记录被其他程序改动过：{b.line}。\n"
                "学籍变动记录只能由本程序写入；请立即报告县教育局，并从改动之前的备份恢复数据库。"
                "在此之前请不要再录入或导出。")


MAX_LISTED = 20


def _raw(database):
    """The plain sqlite3 connection (or anything with execute) behind a peewee database."""
    return database.connection() if hasattr(database, "connection") else database


def _setting(conn, key: str):
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def allowed_gaps(conn) -> set[tuple[int, int]]:
    gaps = _setting(conn, GAPS_KEY) or []
    return {(int(a), int(b)) for a, b in gaps if isinstance(a, int) and isinstance(b, int)}


def verify(database, *, from_seq: int | None = None, from_hash: str | None = None) -> ChainReport:
    """Checks the chain from the first event (or from the event after `from_seq`, whose hash the caller
    knows is `from_hash`) to the last, and the head kept in Setting."""
    conn = _raw(database)
    report = ChainReport()
    gaps = allowed_gaps(conn)
    where, params = ("WHERE e.seq > ?", (from_seq,)) if from_seq is not None else ("", ())
    if from_seq is not None:
        report.count = conn.execute("SELECT COUNT(*) FROM event WHERE seq <= ?", (from_seq,)).fetchone()[0]
    cursor = conn.execute(f"SELECT e.seq, e.prev_hash, e.hash, {_COLUMNS} FROM event e "
                          f"LEFT JOIN user u ON u.id = e.author_id {where} ORDER BY e.seq", params)
    prev_seq, prev_hash = (from_seq, from_hash) if from_seq is not None else (0, None)  # seq 1 comes first
    broken: list[tuple[int, str | None, tuple]] = []  # rows to classify after the walk (needs every hash)
    count = 0
    sha, head, join = hashlib.sha256, DOMAIN + SEP, SEP.join
    for row in cursor:  # the hot loop: 100,000 events in well under a second
        count += 1
        seq, link, stored = row[0], row[1], row[2]
        if not isinstance(seq, int):
            broken.append((prev_seq, prev_hash, _content(row)))
            continue
        if stored is None or link != prev_hash or (seq != prev_seq + 1 and (prev_seq, seq) not in gaps) \
                or sha((head + join([NULL if v is None else v for v in row[3:]])).encode("utf-8")).hexdigest() != stored:
            broken.append((prev_seq, prev_hash, _content(row)))
        prev_seq, prev_hash = seq, stored
    report.count += count
    if report.count:
        report.head_seq, report.head_hash = prev_seq, prev_hash
    if broken:
        _classify(conn, broken, gaps, report)
    head = _setting(conn, HEAD_KEY)
    if isinstance(head, dict) and isinstance(head.get("seq"), int):
        if head["seq"] > prev_seq:
            _add(report, Break(prev_seq + 1, TAIL, f"程序记下的最后一条是第 {head['seq']} 条，现在只到第 {prev_seq} 条"))
        elif head["seq"] == prev_seq and head.get("hash") != prev_hash:
            _add(report, Break(prev_seq, EDITED, "与程序记下的最后一条不符"))
    report.breaks.sort(key=lambda b: b.seq)
    return report


def _content(row: tuple) -> tuple:
    """(seq, content…, prev_hash, hash) from a walked row: content as event_hash takes it."""
    return (row[0], *row[3:15], row[1], row[2])


def _add(report: ChainReport, brk: Break) -> None:
    if len(report.breaks) < MAX_LISTED:
        report.breaks.append(brk)
    else:
        report.more += 1


def _classify(conn, broken, gaps, report: ChainReport) -> None:
    seq_of = {h: s for s, h in conn.execute("SELECT seq, hash FROM event WHERE hash IS NOT NULL")}
    for prev_seq, prev_hash, full in broken:
        seq, row, link, stored = full[0], full[1:13], full[13], full[14]
        if not isinstance(seq, int):
            _add(report, Break(prev_seq + 1, EDITED, f"序号被改成了“{seq}”"))
            continue
        if stored is None:
            _add(report, Break(seq, UNHASHED, "没有链哈希：不是本程序写入的，或链建立之后被插入"))
            continue
        content_ok = event_hash(row, link) == stored
        jumped = seq != prev_seq + 1
        if link == prev_hash and jumped and (prev_seq, seq) not in gaps:
            if content_ok:
                _add(report, Break(seq, JUMP, f"第 {prev_seq} 条之后直接是第 {seq} 条，中间的记录不见了"))
            else:
                _add(report, Break(seq, EDITED, "内容与链哈希不符"))
            continue
        if link != prev_hash:
            pointed = seq_of.get(link) if link is not None else None
            if not content_ok and pointed is not None and pointed != prev_seq:
                original = list(row)
                original[1] = str(pointed + 1)
                if event_hash(original, link) == stored:
                    _add(report, Break(seq, REORDERED, f"这条原是第 {pointed + 1} 条"))
                    continue
            if jumped and (prev_seq, seq) not in gaps:
                missing = f"第 {prev_seq + 1} 条" if seq == prev_seq + 2 else f"第 {prev_seq + 1}–{seq - 1} 条"
                _add(report, Break(prev_seq + 1, DELETED, f"{missing}不见了"))
                if not content_ok:
                    _add(report, Break(seq, EDITED, "内容与链哈希不符"))
                continue
            if pointed is not None and pointed != prev_seq:
                _add(report, Break(seq, REORDERED, f"这条接在第 {pointed} 条之后，而不是第 {prev_seq} 条"))
                continue
            if not content_ok:
                _add(report, Break(seq, EDITED, "内容与链哈希不符"))
                continue
            else:
                before = f"第 {prev_seq} 条" if prev_seq else "开头"
                _add(report, Break(seq, INSERTED, f"这条不是接在{before}之后写入的，前面插入了记录或链被改写"))
                continue
        if not content_ok:
            _add(report, Break(seq, EDITED, "内容与链哈希不符"))


def chain_head(database) -> tuple[int | None, str | None]:
    """(seq, hash) of the last event."""
    row = _raw(database).execute("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (None, None)


def touched(database) -> list[tuple]:
    """(seq, what, at) of every UPDATE, DELETE or unhashed INSERT of an event the triggers of 0012 noted:
    the program itself makes none of these."""
    conn = _raw(database)
    try:
        return conn.execute("SELECT seq, what, at FROM event_touch ORDER BY id").fetchall()
    except Exception:  # noqa: BLE001 - the table dropped by another tool is itself a sign
        return [(None, "table_dropped", None)]


def quick_check(database) -> ChainReport | None:
    """The check at start and before a command line write: None when nothing suggests another tool touched
    the log, without reading the events (the triggers' table is empty, the triggers are there, the head kept
    in Setting is the last event and that event still gives its hash); otherwise the full `verify`."""
    conn = _raw(database)
    found = conn.execute(f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                         f"({', '.join('?' * len(TRIGGERS))})", TRIGGERS).fetchone()[0]
    suspicious = found != len(TRIGGERS) or bool(touched(database))
    if not suspicious:
        row = conn.execute(f"SELECT e.seq, e.prev_hash, e.hash, {_COLUMNS} FROM event e "
                           "LEFT JOIN user u ON u.id = e.author_id ORDER BY e.seq DESC LIMIT 1").fetchone()
        head = _setting(conn, HEAD_KEY)
        if row is None:
            suspicious = isinstance(head, dict) and head.get("seq") is not None
        else:
            suspicious = (not isinstance(head, dict) or head.get("seq") != row[0] or head.get("hash") != row[2]
                          or event_hash(row[3:15], row[1]) != row[2])
    return verify(database) if suspicious else None


def start_warning(ws) -> str | None:
    """The window's check after sign-in: the warning to show when the log was edited, else None."""
    report = quick_check(ws.db)
    return report.warning if report is not None and not report.ok else None
