"""The access log (查询登记): who opened, printed or exported which pupils' records, when, from which account
and why; and the reading of the log itself.

One row per action (`AccessLog`) with the pupils it concerned (`AccessPupil`). `logged()` writes the row in
the same transaction as the action it records: the row is inserted, the block runs (the form is drawn, the
file saved, the batch's file record written), and both commit together; an error in the block rolls the row
back, so a print that failed leaves no row, and a print that succeeded always has one. Inside a caller's
open transaction the row joins it (peewee's nested atomic is a savepoint).

Before a print or an export of more than one pupil a purpose is asked: the regions' texts allow no data to
leave without written approval (长治 第四十四条 also requires a register of look-ups); the short list of
purposes and the article are the profile's `confidentiality.access_purposes`. The purpose is asked before the
transaction starts, never while the database is locked.

The log is not an `Event`: it records reads, is never exported to the bureau, and is written by any account
(a 查询 account that opens a record is logged as well). Reading, printing or exporting the log requires
`Permission.READ_LOGS` and is itself a row (`Action.LOG_READ`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ... import clock
from ...store.models import AccessLog, AccessPupil, Student, User
from .roles import Permission, PermissionDenied, check, parse_roles

PURPOSES_KEY = "confidentiality.access_purposes"
OTHER_ID = "other"  # the purpose typed by the registrar
BATCH_PURPOSE = "向教育局报送学籍变动"  # the change batch's implied purpose: never asked, always logged
PAGE_SIZE = 200
SHOWN_NAMES = 3  # the 学生 column names the first few pupils, then 等 N 人


class Action(str, Enum):
    OPEN = "open"
    PRINT = "print"
    EXPORT = "export"
    LOG_READ = "log_read"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {Action.OPEN: "查看", Action.PRINT: "打印", Action.EXPORT: "导出", Action.LOG_READ: "查看日志"}


class PurposeRequired(Exception):
    """A print or export of several pupils without a purpose; nothing was written. The message names the
    region's article; `count` is the number of pupils, `article` the article."""

    def __init__(self, count: int, article: str, subject: str = ""):
        self.count, self.article, self.subject = count, article, subject
        what = f"“{subject}”" if subject else ""
        self.message = (f"未打印、未导出：{what}含 {count} 名学生的学籍信息，按{article}须经批准，"
                        "请先选择或填写用途（记入查询登记）")
        super().__init__(self.message)


class PurposeCancelled(PurposeRequired):
    """The registrar closed the purpose question: nothing was written, nothing to say."""


@dataclass(frozen=True)
class Purposes:
    """The region's purposes (id, label) for the question, the article and its words."""

    items: tuple[tuple[str, str], ...]
    article: str
    quote: str

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.items]

    def prompt(self, count: int) -> str:
        said = f"“{self.quote}”" if self.quote else "学籍信息须经批准方可提供"
        return f"本次打印或导出含 {count} 名学生的学籍信息。{self.article}：{said}。请选择用途，记入查询登记。"


def purposes(profile) -> Purposes:
    rule = profile.rule(PURPOSES_KEY)
    items = tuple((item["id"], item["label"]) for item in rule.value if isinstance(item, dict))
    return Purposes(items, rule.article, rule.quote or "")


def purpose_text(profile, choice: str, typed: str = "") -> str:
    """The purpose as logged: the chosen item's label, or the typed text for 其他 (or a label given as is)."""
    for ident, label in purposes(profile).items:
        if choice in (ident, label):
            if ident == OTHER_ID:
                return typed.strip()
            return label
    return choice.strip()


# what `purpose` may be: the text, or a question asked with the pupil count (the window's dialog, the
# terminal's prompt) returning the text or None when the registrar declines
PurposeSource = str | Callable[[int], "str | None"] | None


def _user_of(ws_or_user) -> User | None:
    return ws_or_user if isinstance(ws_or_user, User) else getattr(ws_or_user, "user", None)


def _now(ws_or_user) -> dt.datetime:
    now = getattr(ws_or_user, "now", None)
    return now() if callable(now) else clock.now()


def _profile(ws_or_user):
    return getattr(ws_or_user, "profile", None)


def _require(user: User | None, action: Action, count: int) -> None:
    """Printing several pupils needs 打印表册, exporting 导出数据, reading the log 查看日志; opening one
    record or printing one pupil's form needs only a signed-in account (what it may read is the reader's
    business)."""
    what = {Action.OPEN: "查看学生信息", Action.PRINT: "打印多名学生的表册", Action.EXPORT: "导出学生数据",
            Action.LOG_READ: "查看查询登记"}[action]
    if user is None:
        raise PermissionDenied(f"未登录，不能{what if count > 1 or action is not Action.PRINT else '打印学生的表格'}")
    roles = parse_roles(user.role)
    if action is Action.PRINT and count > 1:
        check(roles, what, Permission.PRINT)
    elif action is Action.EXPORT:
        check(roles, what, Permission.EXPORT)
    elif action is Action.LOG_READ:
        check(roles, what, Permission.READ_LOGS)


def resolve_purpose(ws_or_user, action: Action, count: int, purpose: PurposeSource, subject: str = "") -> str:
    """The purpose to log: asked (when `purpose` is a question) only for a print or export of more than one
    pupil; PurposeRequired when such an action has none (PurposeCancelled when the question was declined)."""
    asks = action in (Action.PRINT, Action.EXPORT) and count > 1
    if callable(purpose):
        if not asks:
            return ""
        answer = purpose(count)
        if answer is None:
            raise PurposeCancelled(count, _article(ws_or_user), subject)
        purpose = answer
    text = (purpose or "").strip()
    if asks and not text:
        raise PurposeRequired(count, _article(ws_or_user), subject)
    return text


def _article(ws_or_user) -> str:
    profile = _profile(ws_or_user)
    if profile is None:
        return "学籍信息保密的规定"
    return purposes(profile).article


def _ids(pupils: Iterable) -> list[int]:
    """Pupils given as ids, Students or 学籍号 strings, in order, each once."""
    pupils = list(pupils)
    numbers = [p for p in pupils if isinstance(p, str)]
    by_number: dict[str, int] = {}
    for start in range(0, len(numbers), 500):
        by_number.update(Student.select(Student.student_number, Student.id)
                         .where(Student.student_number.in_(numbers[start:start + 500])).tuples())
    out, seen = [], set()
    for p in pupils:
        ident = by_number.get(p) if isinstance(p, str) else p if isinstance(p, int) else getattr(p, "id", None)
        if ident is not None and ident not in seen:
            seen.add(ident)
            out.append(ident)
    return out


@dataclass
class PrintJob:
    """A form sent to a printer rather than saved: every row logged inside `printing_to` names `target` (the
    printer) instead of the temporary file, and `send(file)` runs inside the row's transaction once the block
    wrote the file, so a print the printer refused leaves no row. `action` replaces the logged action (a
    preview is logged as 查看)."""

    target: str
    send: Callable[[Path], None] | None = None
    action: Action | None = None
    sent: list[Path] = field(default_factory=list)
    rows: list[AccessLog] = field(default_factory=list)  # what was logged inside, for `reprinted`


_PRINT_JOB: ContextVar[PrintJob | None] = ContextVar("print_job", default=None)


@contextmanager
def printing_to(job: PrintJob) -> Iterator[PrintJob]:
    token = _PRINT_JOB.set(job)
    try:
        yield job
    finally:
        _PRINT_JOB.reset(token)


def _write(user: User, now: dt.datetime, action: Action, subject: str, ids: list[int], purpose: str,
           target: str, count: int) -> AccessLog:
    job = _PRINT_JOB.get()
    if job is not None:  # a preview stands for the print it may become; other actions stay what they are
        action, target = (job.action or action) if action is Action.PRINT else action, job.target
    row = AccessLog.create(at=now, pc_time=clock.machine_now(), user=user, action=action.value,
                           subject=subject, target=target, purpose=purpose, pupil_count=count)
    if job is not None:
        job.rows.append(row)
    for start in range(0, len(ids), 300):  # SQLite's bound-variable limit: 2 per row
        AccessPupil.insert_many([(row.id, i) for i in ids[start:start + 300]],
                                fields=[AccessPupil.access, AccessPupil.student]).execute()
    return row


def record(ws_or_user, action: Action, subject: str, pupils: Iterable = (), purpose: PurposeSource = "",
           target: str | Path = "", count: int | None = None) -> AccessLog:
    """Writes one log row (joining the caller's transaction when there is one). `pupils`: ids, Students or
    学籍号; `count` the number of pupils when some are not in the database (a transfer in not yet joined)."""
    ids = _ids(pupils)
    count = max(len(ids), count or 0)  # pupils not in the database yet (a transfer in) count too
    user = _user_of(ws_or_user)
    _require(user, action, count)
    text = resolve_purpose(ws_or_user, action, count, purpose, subject)
    with AccessLog._meta.database.atomic():
        return _write(user, _now(ws_or_user), action, subject, ids, text, str(target), count)


@contextmanager
def logged(ws_or_user, action: Action, subject: str, pupils: Iterable = (), purpose: PurposeSource = "",
           target: str | Path = "", count: int | None = None) -> Iterator[AccessLog]:
    """The action's block runs inside the transaction that writes its log row: both commit or neither. The
    permission is checked and the purpose asked first, outside the transaction. A file the block wrote is
    removed again when the commit itself fails, so no file leaves without its row."""
    ids = _ids(pupils)
    count = max(len(ids), count or 0)  # pupils not in the database yet (a transfer in) count too
    user = _user_of(ws_or_user)
    _require(user, action, count)
    text = resolve_purpose(ws_or_user, action, count, purpose, subject)
    written = Path(target) if isinstance(target, (str, os.PathLike)) and str(target) else None
    existed = written is None or written.exists()
    try:
        with AccessLog._meta.database.atomic():
            yield _write(user, _now(ws_or_user), action, subject, ids, text, str(written or ""), count)
            job = _PRINT_JOB.get()
            if job is not None and job.send is not None and written is not None and written.exists():
                job.send(written)  # the printer refusing it rolls the row back
                job.sent.append(written)
    except BaseException:
        if not existed:
            written.unlink(missing_ok=True)
        raise


@contextmanager
def reprinted(ws_or_user, rows: Iterable[AccessLog], target: str) -> Iterator[None]:
    """The forms a preview showed (its rows, logged 查看) sent to the printer `target`: one 打印 row for each,
    same subject, pupils and purpose, written in one transaction with the block (the printing)."""
    rows = list(rows)
    user = _user_of(ws_or_user)
    with AccessLog._meta.database.atomic():
        for row in rows:
            ids = [a.student_id for a in AccessPupil.select(AccessPupil.student)
                   .where(AccessPupil.access == row.id).order_by(AccessPupil.id)]
            action = Action.PRINT if row.action == Action.OPEN.value else Action(row.action)
            _require(user, action, row.pupil_count)
            _write(user, _now(ws_or_user), action, row.subject, ids, row.purpose, target, row.pupil_count)
        yield


def open_once(ws, student_id: int, last: dict) -> bool:
    """The window's detail pane: logs the opening of a pupil's record once per pupil shown (not per
    repaint); `last` is the pane's own memory {"student": id}. Returns True when a row was written."""
    if last.get("student") == student_id:
        return False
    record(ws, Action.OPEN, "学生信息（详情）", [student_id])
    last["student"] = student_id
    return True


# ── the 审计 view ─────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class LogFilter:
    user_id: int | None = None  # the account
    user_name: str = ""  # or its login name / display name (the command line)
    pupil: str = ""  # a pupil's name or 学籍号 (part of it)
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive
    action: Action | None = None

    def describe(self) -> str:
        parts = []
        if self.user_id is not None or self.user_name:
            parts.append(f"账号 {self.user_name or _account_name(self.user_id)}")
        if self.pupil:
            parts.append(f"学生 {self.pupil}")
        if self.start or self.end:
            parts.append(f"日期 {self.start or '…'} 至 {self.end or '…'}")
        if self.action is not None:
            parts.append(f"操作 {self.action.label}")
        return "；".join(parts) or "全部"


def _account_name(user_id: int) -> str:
    """姓名（登录名） of an account, as the filter names it in the log and on the printed register."""
    user = User.get_or_none(User.id == user_id)
    return f"{user.display_name}（{user.username}）" if user is not None else str(user_id)


@dataclass(frozen=True)
class LogRow:
    id: int
    at: dt.datetime
    username: str
    display_name: str
    action: str  # Action value
    action_label: str
    subject: str
    target: str
    purpose: str
    pupil_count: int
    pupils: str  # the first names (学籍号), then 等 N 人


@dataclass
class LogPage:
    rows: list[LogRow]
    total: int
    offset: int
    filter: LogFilter = field(default_factory=LogFilter)


def accounts() -> list[tuple[int, str]]:
    """Every account, disabled ones too (the log names them): (id, 姓名（登录名）)."""
    return [(u.id, f"{u.display_name}（{u.username}）" + ("" if u.active else "，已停用"))
            for u in User.select().order_by(User.username)]


def _query(f: LogFilter):
    q = AccessLog.select(AccessLog, User).join(User)
    if f.user_id is not None:
        q = q.where(AccessLog.user == f.user_id)
    if f.user_name:
        q = q.where((User.username == f.user_name.strip()) | (User.display_name == f.user_name.strip()))
    if f.start is not None:
        q = q.where(AccessLog.at >= dt.datetime.combine(f.start, dt.time.min))
    if f.end is not None:
        q = q.where(AccessLog.at < dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time.min))
    if f.action is not None:
        q = q.where(AccessLog.action == f.action.value)
    text = f.pupil.strip()
    if text:
        matching = (AccessPupil.select(AccessPupil.access).join(Student)
                    .where(Student.name.contains(text) | Student.student_number.contains(text)))
        q = q.where(AccessLog.id.in_(matching))
    return q


def _pupil_names(ids: list[int]) -> dict[int, str]:
    """The first few pupils of each row, by the row's id."""
    def query(chunk):
        return (AccessPupil.select(AccessPupil.access, Student.name, Student.student_number).join(Student)
                .where(AccessPupil.access.in_(chunk)).order_by(AccessPupil.id).tuples())

    return names_by_row(ids, query)


def names_by_row(ids: list[int], query) -> dict[int, str]:
    """{row id: the first few pupils named}; `query(chunk of ids)` gives (row id, name, 学籍号) tuples.
    Shared with the bureau's log."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        for access, name, number in query(ids[start:start + 500]):
            names = found.setdefault(access, [])
            if len(names) < SHOWN_NAMES:
                names.append(f"{name}（{number}）" if name else number)
    return {k: "、".join(v) for k, v in found.items()}


def log_rows(logs: list, names: dict[int, str], account_of) -> list[LogRow]:
    """The view's rows of log records; `account_of(record)` is the account (school user or bureau account)."""
    out = []
    for r in logs:
        shown = names.get(r.id, "")
        if r.pupil_count > SHOWN_NAMES:
            shown = f"{shown} 等 {r.pupil_count} 人"
        action = Action(r.action) if r.action in Action._value2member_map_ else None
        account = account_of(r)
        out.append(LogRow(r.id, r.at, account.username, account.display_name, r.action,
                          action.label if action else r.action, r.subject, r.target, r.purpose, r.pupil_count, shown))
    return out


def _rows(query) -> list[LogRow]:
    logs = list(query)
    return log_rows(logs, _pupil_names([r.id for r in logs]), lambda r: r.user)


def read_log(ws, f: LogFilter = LogFilter(), offset: int = 0, limit: int = PAGE_SIZE, *,
             log: bool = True) -> LogPage:
    """A page of the log, newest first. Requires 查看日志 (READ_LOGS); each query (log=True: the first page
    of a filter) is itself a row of the log, written before the page is read so that it shows there."""
    _require(_user_of(ws), Action.LOG_READ, 0)
    if log:
        record(ws, Action.LOG_READ, f"查阅登记（{f.describe()}）")
    q = _query(f)
    total = q.count()
    rows = _rows(q.order_by(AccessLog.at.desc(), AccessLog.id.desc()).offset(offset).limit(limit))
    return LogPage(rows, total, offset, f)


def all_rows(ws, f: LogFilter) -> list[LogRow]:
    """Every row of a filter, oldest first (the printed register and its workbook); READ_LOGS required, the
    caller logs the print or export (core.forms.access_register)."""
    _require(_user_of(ws), Action.LOG_READ, 0)
    return _rows(_query(f).order_by(AccessLog.at, AccessLog.id))


def rows_of_pupil(student_id: int) -> list[tuple[dt.datetime, str, str]]:
    """(time, account, action label) of every look at one pupil (for tests and a pupil's own history)."""
    q = (AccessLog.select(AccessLog.at, User.username, AccessLog.action).join(User).switch(AccessLog)
         .join(AccessPupil).where(AccessPupil.student == student_id).order_by(AccessLog.at).tuples())
    return [(at, who, Action(a).label) for at, who, a in q]
