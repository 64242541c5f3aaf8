"""The bureau's access log (查询登记): who at the bureau opened, exported or sent which pupils' records, when,
from which account and why; and the reading of the log itself. The school's log (core.accounts.access_log)
on the bureau's store: the same actions, the same purpose question with the region's article, the same rule
that the row is written in the same transaction as the action it records.

One row per action (`BureauAccess`, tables made by `db/bureau/0006_access_log.py`) with the pupils it
concerned (`BureauAccessPupil`): by school code and 学籍号, as the bureau keys its pupils, with the name as it
was then. `logged()` writes the row, runs the block (the workbook written, the reply sealed) and commits both
together; an error in the block rolls the row back and removes a file the block wrote.

The purposes and the article are the region profile's `confidentiality.access_purposes`, the profile the
county's schools were set up with (the most common one; the national profile when none is known). Every
signed-in account is logged; reading the log needs 科长 (the bureau's supervisor, who decides and answers
for the county's data) and is itself a row (查看日志).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..core.accounts import access_log as school_log
from ..core.accounts.access_log import Action, LogFilter, LogRow, PurposeSource
from . import accounts
from .accounts import BureauPermission
from .store import BaseModel, BureauAccount, BureauEvent, BureauStore, bulk_insert

REPLY_PURPOSE = "转学档案随回执发送学校"  # a reply carrying archives: never asked, always logged
READ_LOG_ACTION = "查看查询登记"
DEFAULT_PROFILE = "national"
SHOWN_NAMES = school_log.SHOWN_NAMES


class BureauAccess(BaseModel):
    at = DateTimeField(index=True)
    account = ForeignKeyField(BureauAccount, backref="+", on_delete="RESTRICT")
    action = CharField(max_length=16)  # core.accounts.access_log.Action values
    subject = TextField()
    target = TextField(default="")
    purpose = TextField(default="")
    pupil_count = IntegerField(default=0)

    class Meta:
        table_name = "bureau_access"


class BureauAccessPupil(BaseModel):
    access = ForeignKeyField(BureauAccess, backref="pupils", on_delete="CASCADE")
    school_code = CharField(max_length=64)
    student_number = CharField(max_length=32, index=True)
    name = CharField(max_length=100, default="")

    class Meta:
        table_name = "bureau_access_pupil"


MODELS = [BureauAccess, BureauAccessPupil]


@dataclass(frozen=True)
class Pupil:
    """A pupil as the log names it."""

    school_code: str
    student_number: str
    name: str = ""


# ── the region's purposes ─────────────────────────────────────────────────────────────────────────────

def profile_id() -> str:
    """The profile most of the county's registered schools were set up with; national when none is known."""
    found: Counter[str] = Counter()
    for (payload,) in BureauEvent.select(BureauEvent.payload).where(BureauEvent.kind == "school_created").tuples():
        chosen = (json.loads(payload).get("payload") or {}).get("profile")
        if chosen:
            found[chosen] += 1
    return found.most_common(1)[0][0] if found else DEFAULT_PROFILE


@dataclass(frozen=True)
class Scope:
    """What the school's purpose question asks of its caller (`.profile`): the window's dialog and the
    command line's prompt take it as they take a school's workspace."""

    profile: object


def scope() -> Scope:
    from ..core.region_profiles.profiles import load_profile

    try:
        return Scope(load_profile(profile_id()))
    except Exception:  # noqa: BLE001 - a profile this program does not have: the national one
        return Scope(load_profile(DEFAULT_PROFILE))


def purposes() -> school_log.Purposes:
    return school_log.purposes(scope().profile)


def resolve_purpose(action: Action, count: int, purpose: PurposeSource, subject: str = "") -> str:
    """The purpose to log, asked when `purpose` is a question, for an export of more than one pupil;
    PurposeRequired (naming the region's article) when there is none, PurposeCancelled when declined."""
    return school_log.resolve_purpose(scope(), action, count, purpose, subject)


# ── writing ───────────────────────────────────────────────────────────────────────────────────────────

def _write(store: BureauStore, account: BureauAccount, action: Action, subject: str, pupils: list[Pupil],
           purpose: str, target: str, count: int) -> BureauAccess:
    row = BureauAccess.create(at=store.now(), account=account, action=action.value, subject=subject,
                              target=target, purpose=purpose, pupil_count=count)
    bulk_insert(BureauAccessPupil, [{"access": row.id, "school_code": p.school_code,
                                     "student_number": p.student_number, "name": p.name} for p in pupils])
    return row


def _signed_in(store: BureauStore) -> BureauAccount:
    if store.account is None:
        raise accounts.BureauPermissionDenied("未登录，不能查看学生信息：请先以教育局端的账号登录")
    return store.account


def _unique(pupils: Iterable[Pupil]) -> list[Pupil]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in pupils:
        key = (p.school_code, p.student_number)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def record(store: BureauStore, action: Action, subject: str, pupils: Iterable[Pupil] = (),
           purpose: PurposeSource = "", target: str | Path = "") -> BureauAccess:
    """Writes one row (joining the caller's transaction when there is one)."""
    listed = _unique(pupils)
    account = _signed_in(store)
    text = resolve_purpose(action, len(listed), purpose, subject)
    with store.db.atomic():
        return _write(store, account, action, subject, listed, text, str(target), len(listed))


@contextmanager
def logged(store: BureauStore, action: Action, subject: str, pupils: Iterable[Pupil] = (),
           purpose: PurposeSource = "", target: str | Path = "", count: int | None = None) -> Iterator[BureauAccess]:
    """The action's block runs inside the transaction that writes its row: both commit or neither. The
    purpose is asked first, outside the transaction; a file the block wrote is removed when it fails."""
    listed = _unique(pupils)
    account = _signed_in(store)
    count = max(len(listed), count or 0)
    text = resolve_purpose(action, count, purpose, subject)
    written = Path(target) if isinstance(target, (str, os.PathLike)) and str(target) else None
    existed = written is None or written.exists()
    try:
        with store.db.atomic():
            yield _write(store, account, action, subject, listed, text, str(written or ""), count)
    except BaseException:
        if not existed:
            written.unlink(missing_ok=True)
        raise


def open_once(store: BureauStore, subject: str, pupil: Pupil, last: dict) -> bool:
    """A view showing one pupil's record: logged once per pupil shown (not per repaint); `last` is the
    view's own memory. Returns True when a row was written."""
    key = (pupil.school_code, pupil.student_number)
    if last.get("pupil") == key:
        return False
    record(store, Action.OPEN, subject, [pupil])
    last["pupil"] = key
    return True


# ── reading ───────────────────────────────────────────────────────────────────────────────────────────

def require_log_reader(store: BureauStore) -> BureauAccount:
    """科长 reads the log (BureauPermission.DECIDE: the bureau's supervisor); others are refused by name."""
    return accounts.require(store, READ_LOG_ACTION, BureauPermission.DECIDE)


def _query(f: LogFilter):
    q = BureauAccess.select(BureauAccess, BureauAccount).join(BureauAccount)
    if f.user_name:
        name = f.user_name.strip()
        q = q.where((BureauAccount.username == name) | (BureauAccount.display_name == name))
    if f.start is not None:
        q = q.where(BureauAccess.at >= dt.datetime.combine(f.start, dt.time.min))
    if f.end is not None:
        q = q.where(BureauAccess.at < dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time.min))
    if f.action is not None:
        q = q.where(BureauAccess.action == f.action.value)
    text = f.pupil.strip()
    if text:
        matching = BureauAccessPupil.select(BureauAccessPupil.access).where(
            BureauAccessPupil.name.contains(text) | BureauAccessPupil.student_number.contains(text))
        q = q.where(BureauAccess.id.in_(matching))
    return q


def _pupil_names(ids: list[int]) -> dict[int, str]:
    def query(chunk):
        return (BureauAccessPupil.select(BureauAccessPupil.access, BureauAccessPupil.name,
                                         BureauAccessPupil.student_number)
                .where(BureauAccessPupil.access.in_(chunk)).order_by(BureauAccessPupil.id).tuples())

    return school_log.names_by_row(ids, query)


def _rows(query) -> list[LogRow]:
    logs = list(query)
    return school_log.log_rows(logs, _pupil_names([r.id for r in logs]), lambda r: r.account)


def read_log(store: BureauStore, f: LogFilter | None = None) -> list[LogRow]:
    """Every row of a filter, newest first; 科长 only; the reading is itself a row, written first so that
    it shows."""
    f = f or LogFilter()
    require_log_reader(store)
    record(store, Action.LOG_READ, f"查阅登记（{f.describe()}）")
    return _rows(_query(f).order_by(BureauAccess.at.desc(), BureauAccess.id.desc()))


def write_register(store: BureauStore, f: LogFilter, path: str | os.PathLike) -> Path:
    """The filtered log as the 学籍信息查阅登记簿 (PDF or .xlsx by the suffix, the school's register with the
    bureau's header), the reading logged in the same transaction as the file."""
    from ..core.forms import access_register
    from ..core.forms.registers_common import write

    target = _register_target(path)
    register = _register(store, f)
    what = "打印" if target.suffix.lower() == ".pdf" else "导出"
    with logged(store, Action.LOG_READ, f"{what}{access_register.TITLE}（{f.describe()}）", target=target):
        write(register, target)
    return target


def register_file(store: BureauStore, f: LogFilter, path: str | os.PathLike) -> Path:
    """The register's file alone, the caller logging it (`register_printed`: a temporary file printed)."""
    from ..core.forms.registers_common import write

    target = _register_target(path)
    write(_register(store, f), target)
    return target


def _register_target(path: str | os.PathLike) -> Path:
    from ..core.forms.registers_common import RegisterError

    target = Path(path)
    if target.suffix.lower() not in (".pdf", ".xlsx"):
        raise RegisterError(f"输出文件“{target.name}”应以 .pdf 或 .xlsx 结尾")
    return target


def _register(store: BureauStore, f: LogFilter):
    from ..core.forms import access_register
    from ..core.forms.registers_common import Register, Section

    require_log_reader(store)
    rows = _rows(_query(f).order_by(BureauAccess.at, BureauAccess.id))
    me = store.identity()
    today = store.now().date()
    article = purposes().article
    body = [[str(i), r.at.strftime("%Y-%m-%d %H:%M"), r.username, r.display_name, r.action_label,
             r.subject + (f"（{Path(r.target).name}）" if r.target else ""), r.pupils, str(r.pupil_count),
             r.purpose] for i, r in enumerate(rows, 1)]
    header = [(f"单位：{me.name if me else ''}", f"县（区）代码：{me.county_code if me else ''}"),
              (f"查询条件：{f.describe()}", f"共 {len(rows)} 条", f"打印日期：{today.year}年{today.month}月{today.day}日")]
    notes = [f"依据{article}：查阅、导出学生学籍信息均须登记；多名学生的导出须写明用途。",
             "本登记簿由学籍桌面（教育局端）按操作自动记录，每次查看、打印、导出本登记簿也记入其中（操作为“查看日志”）。"]
    return Register(title=access_register.TITLE, header=header, columns=list(access_register.COLUMNS),
                    sections=[Section("", body, "查阅登记")], notes=notes, empty_text="（无记录）",
                    signatures=("审核人签字：", "科长签字：", "教育局（盖章）"))


@contextmanager
def register_printed(store: BureauStore, f: LogFilter, printer: str) -> Iterator[BureauAccess]:
    """The register sent to `printer` (打印机：… or 打印到文件：…): its row (查看日志) written in the
    transaction of the block (the file made by `register_file` and printed), so a print the printer refused
    leaves none."""
    from ..core.forms import access_register

    require_log_reader(store)
    with logged(store, Action.LOG_READ, f"打印{access_register.TITLE}（{f.describe()}）") as row:
        row.target = printer
        row.save()
        yield row
