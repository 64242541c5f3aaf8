"""The bureau's own accounts: who may do what at the county bureau, signing in, lock-out and the idle lock.

Roles are held as a set (the first account of a new store is 管理员, 科长 and 科员 at once): 科长 decides
(the bureau's steps of cases, conflicts, which schools' keys are trusted), 科员 imports batches and writes
replies, 查询 reads, 管理员 keeps the accounts and the settings. The bureau's domain functions ask
`require(store, …)`, so a refused action is refused whatever calls it (window, command line, a script);
the message names the role needed.

Passwords and their policy, the lock-out numbers and the idle lock's default are the school's
(core.accounts). The bureau's private key is wrapped for each account that imports or replies, with that
account's own password, so nobody needs another person's password to work; a wrap is made by an
administrator who holds the key (adding the account, resetting its password) and remade when the account
changes its password. The key's original protection (the password given at `init`) is cleared in the
transaction that wraps the key for the first account: from then on only an account's own wrap opens it,
and the last wrap of an active account is never removed (the key would be lost).

The signed-in account lives on the open store (`store.account`); one store, one person at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..core.accounts import sign_in_rules
from ..core.accounts.passwords import hash_password, needs_rehash, password_problem, verify_password
from ..core.accounts.roles import PermissionDenied
from ..core.exchange import keys
from .store import BureauAccount, BureauIdentity, BureauKeyWrap, BureauSetting, BureauStore

IDLE_KEY = "idle_lock_minutes"
DEMO_KEY = "demo"


class BureauRole(str, Enum):
    ADMIN = "admin"
    CHIEF = "chief"
    CLERK = "clerk"
    READER = "reader"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {BureauRole.ADMIN: "管理员", BureauRole.CHIEF: "科长", BureauRole.CLERK: "科员", BureauRole.READER: "查询"}
ROLE_DUTIES = {
    BureauRole.ADMIN: "管理教育局端的账号和设置",
    BureauRole.CHIEF: "审批各校申请中本局的环节，处理冲突，登记和吊销学校密钥",
    BureauRole.CLERK: "导入各校的变更批次，给学校写回执，导出全县数据",
    BureauRole.READER: "查看全县数据，不能办理",
}


class BureauPermission(str, Enum):
    READ = "read"  # the county's pupils, cases, schools, batches
    IMPORT = "import"  # schools' batches (dry run included)
    REPLY = "reply"  # reply batches to schools
    EXPORT = "export"  # the county's pupils to the national system's workbook
    DECIDE = "decide"  # the bureau's steps of cases, conflicts
    SCHOOLS = "schools"  # register and revoke schools' keys
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"


GRANTS: dict[BureauRole, frozenset[BureauPermission]] = {
    BureauRole.ADMIN: frozenset({BureauPermission.MANAGE_USERS, BureauPermission.SETTINGS}),
    BureauRole.CHIEF: frozenset({BureauPermission.READ, BureauPermission.DECIDE, BureauPermission.SCHOOLS,
                                 BureauPermission.EXPORT}),
    BureauRole.CLERK: frozenset({BureauPermission.READ, BureauPermission.IMPORT, BureauPermission.REPLY,
                                 BureauPermission.EXPORT}),
    BureauRole.READER: frozenset({BureauPermission.READ}),
}
FIRST_ACCOUNT_ROLES = frozenset({BureauRole.ADMIN, BureauRole.CHIEF, BureauRole.CLERK})
KEY_PERMISSIONS = frozenset({BureauPermission.IMPORT, BureauPermission.REPLY})  # need the private key


class BureauPermissionDenied(PermissionDenied):
    """A refused action of the bureau, naming the role it needs. Nothing was written."""


class AccountError(Exception):
    """Signing in refused, or an account change refused; `message` in Chinese. Nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- roles ----------------------------------------------------------------------------------------------

def parse_roles(stored: str | None) -> frozenset[BureauRole]:
    words = {w.strip() for w in (stored or "").split(",")}
    return frozenset(r for r in BureauRole if r.value in words)


def store_roles(roles: Iterable[BureauRole]) -> str:
    return ",".join(r.value for r in BureauRole if r in set(roles))


def roles_text(roles: Iterable[BureauRole]) -> str:
    return "、".join(r.label for r in BureauRole if r in set(roles)) or "无角色"


def role_from_text(text: str) -> BureauRole:
    """A role by its Chinese label or its value (the command line takes either)."""
    text = (text or "").strip()
    for role in BureauRole:
        if text in (role.label, role.value):
            return role
    choices = "、".join(r.label for r in BureauRole)
    raise AccountError(f"角色“{text}”不存在：可选 {choices}")


def permissions_of(roles: Iterable[BureauRole]) -> frozenset[BureauPermission]:
    granted: set[BureauPermission] = set()
    for role in roles:
        granted |= GRANTS[role]
    return frozenset(granted)


def refusal(roles: Iterable[BureauRole], action: str, *permissions: BureauPermission) -> str:
    needed = [r for r in BureauRole if GRANTS[r] & set(permissions)]
    need = "或".join(f"“{r.label}”" for r in needed)
    return (f"您的账号（{roles_text(roles)}）不能{action}：需要{need}角色。"
            "请由教育局端的管理员在 用户 中授予，或换用有此角色的账号。")


def roles_of(store: BureauStore) -> frozenset[BureauRole]:
    return parse_roles(store.account.roles) if store.account is not None else frozenset()


def can(store: BureauStore, permission: BureauPermission) -> bool:
    return permission in permissions_of(roles_of(store))


def require(store: BureauStore, action: str, *permissions: BureauPermission) -> BureauAccount:
    """The signed-in account, or BureauPermissionDenied naming the role needed."""
    if store.account is None:
        raise BureauPermissionDenied(f"未登录，不能{action}：请先以教育局端的账号登录")
    roles = roles_of(store)
    if not permissions_of(roles) & set(permissions):
        raise BureauPermissionDenied(refusal(roles, action, *permissions))
    return store.account


READ_ACTION = "查看全县数据"


def require_read(store: BureauStore) -> BureauAccount:
    """Where a read of the county's data starts (a command that reads, the window's tabs): the signed-in
    account may read (科长, 科员, 查询), or BureauPermissionDenied naming those roles. The read helpers
    behind it (bureau.views, county, conflicts) take no store and trust this check."""
    return require(store, READ_ACTION, BureauPermission.READ)


def who(store: BureauStore) -> str:
    """The signed-in person's name, as decisions and conflicts record it (经办人)."""
    return store.account.display_name if store.account is not None else ""


# --- reading ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    roles: frozenset[BureauRole]
    active: bool
    must_change_password: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    holds_key: bool

    @property
    def roles_label(self) -> str:
        return roles_text(self.roles)


def _row(a: BureauAccount) -> AccountRow:
    holds = BureauKeyWrap.select().where(BureauKeyWrap.account == a.id).exists()
    return AccountRow(a.id, a.username, a.display_name, parse_roles(a.roles), a.active, a.must_change_password,
                      a.locked_until, a.last_login_at, holds)


def account_rows() -> list[AccountRow]:
    return [_row(a) for a in BureauAccount.select().order_by(BureauAccount.id)]


def has_accounts() -> bool:
    return BureauAccount.select().exists()


def sole_username() -> str | None:
    """The login name of the only active account, else None."""
    found = list(BureauAccount.select().where(BureauAccount.active == True).limit(2))
    return found[0].username if len(found) == 1 else None


def is_demo() -> bool:
    row = BureauSetting.get_or_none(BureauSetting.key == DEMO_KEY)
    return row is not None and row.value == "1"


def idle_lock_minutes() -> int:
    row = BureauSetting.get_or_none(BureauSetting.key == IDLE_KEY)
    try:
        return max(0, int(row.value)) if row is not None else sign_in_rules.IDLE_LOCK_MINUTES
    except ValueError:
        return sign_in_rules.IDLE_LOCK_MINUTES


# --- signing in -------------------------------------------------------------------------------------------

def _now(store: BureauStore) -> dt.datetime:
    return store.now().replace(microsecond=0)


def _save_counters(store: BureauStore, account: BureauAccount, **values) -> None:
    """The sign-in counters: the account's own state, written at once."""
    with store.db.atomic():
        BureauAccount.update(**values).where(BureauAccount.id == account.id).execute()
    for key, value in values.items():
        setattr(account, key, value)


def _drop_original_copy() -> None:
    """Clears the private key's original protection (the `init` password) once an account holds a wrap;
    called inside the transaction that writes the first wrap (and at a sign-in, for a store left with it)."""
    BureauIdentity.update(private_protected=b"").where(BureauIdentity.private_protected != b"").execute()


def sign_in(store: BureauStore, username: str, password: str) -> BureauAccount:
    """Signs `username` in on `store`, or AccountError. Five wrong passwords in a row lock the account for 15
    minutes (core.accounts.sign_in_rules); a disabled account cannot sign in. A failed attempt leaves
    nobody signed in."""
    store.account = None
    if not has_accounts():
        raise AccountError("这个教育局数据库还没有账号：请知道教育局私钥密码的人先建立第一个账号"
                           "（xueji bureau users add --first）")
    account = BureauAccount.get_or_none(BureauAccount.username == (username or "").strip())
    now = _now(store)
    if account is not None and sign_in_rules.locked(account.locked_until, now):
        raise AccountError(sign_in_rules.locked_message(account.locked_until))
    if account is None or not verify_password(account.password_hash, password or ""):
        if account is None:
            raise AccountError(sign_in_rules.failure_message(0))
        attempt = sign_in_rules.after_failure(account.failed_logins, now)
        _save_counters(store, account, failed_logins=attempt.failures, locked_until=attempt.locked_until)
        if attempt.locked_until is not None:
            raise AccountError(sign_in_rules.locked_message(attempt.locked_until))
        raise AccountError(sign_in_rules.failure_message(attempt.failures))
    if not account.active:
        raise AccountError("此账号已停用，请与教育局端的管理员联系")
    with store.db.atomic():
        rehashed = {"password_hash": hash_password(password)} if needs_rehash(account.password_hash) else {}
        _save_counters(store, account, failed_logins=0, locked_until=None, last_login_at=now, **rehashed)
        if BureauKeyWrap.select().exists():
            _drop_original_copy()  # a store whose first account was made before the copy was cleared
    store.account = account
    return account


def check_password(store: BureauStore, password: str) -> bool:
    """The idle lock: the signed-in account's password again (wrong ones count towards the lock-out)."""
    if store.account is None:
        return False
    try:
        sign_in(store, store.account.username, password)
    except AccountError:
        return False
    return True


def sign_out(store: BureauStore) -> None:
    store.account = None


# --- the private key, per account ---------------------------------------------------------------------------

def key_blob(store: BureauStore) -> bytes | None:
    """The protected private key to unlock with the signed-in account's password: its own wrap. None only
    while the store has no account yet (the key's original protection, to make the first account); once an
    account exists, nobody signed in is refused, as is an account without a wrap."""
    if store.account is None:
        if has_accounts():
            raise BureauPermissionDenied("未登录，不能使用教育局私钥：请以教育局端的账号登录，用您自己的密码")
        return None
    wrap = BureauKeyWrap.get_or_none(BureauKeyWrap.account == store.account.id)
    if wrap is None:
        raise BureauPermissionDenied(
            f"您的账号（{roles_text(roles_of(store))}）没有教育局私钥的使用权：导入批次、写回执需要“科员”角色，"
            "请由管理员授予（授予时为您的账号保管私钥）")
    return bytes(wrap.protected)


def _private_bytes(blob: bytes, password: str) -> bytes:
    try:
        return keys.unprotect(blob, password or "")
    except keys.WrongPassword:
        raise AccountError("密码不正确，无法使用教育局私钥") from None
    except keys.KeyFileError as e:
        raise AccountError(e.message) from None


def _admin_private(store: BureauStore, admin_password: str) -> bytes:
    """The private key through the signed-in administrator's own wrap (to wrap it for someone else)."""
    wrap = BureauKeyWrap.get_or_none(BureauKeyWrap.account == store.account.id)
    if wrap is None:
        raise AccountError("授予“科员”角色或为其重置密码，须由本身持有教育局私钥的管理员（同时是科员）办理")
    return _private_bytes(bytes(wrap.protected), admin_password)


def _wrap(account: BureauAccount, private: bytes, password: str, by: BureauAccount | None, now) -> None:
    BureauKeyWrap.delete().where(BureauKeyWrap.account == account.id).execute()
    BureauKeyWrap.create(account=account, protected=keys.protect(private, password), wrapped_at=now, wrapped_by=by)


def needs_key(roles: Iterable[BureauRole]) -> bool:
    return bool(permissions_of(roles) & KEY_PERMISSIONS)


# --- accounts ---------------------------------------------------------------------------------------------

def _check_new(username: str, display_name: str, roles: Iterable[BureauRole], password: str) -> None:
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise AccountError("登录名：请填写，不超过 64 个字符，不含空格")
    if len(display_name) < 2 or len(display_name) > 100:
        raise AccountError("姓名：请填写经办人的姓名（2 个字以上），审批和处理冲突时记入")
    if not set(roles):
        raise AccountError("角色：请至少选择一个角色（科长、科员、查询、管理员）")
    if BureauAccount.select().where(BureauAccount.username == username).exists():
        raise AccountError(f"登录名 {username} 已被使用（停用的账号也保留其登录名）")
    problem = password_problem(password, names=(username, display_name), demo=is_demo())
    if problem:
        raise AccountError(f"密码：{problem}")


def create_first_account(store: BureauStore, username: str, display_name: str, password: str, *,
                         private: bytes | None = None, key_password: str | None = None) -> BureauAccount:
    """The store's first account: 管理员, 科长 and 科员, holding the private key (given as `private`, or
    unlocked with the key's original `key_password` for a store made before accounts). Signs it in."""
    username, display_name = (username or "").strip(), (display_name or "").strip()
    if has_accounts():
        raise AccountError("这个教育局数据库已经有账号：请由管理员登录后添加账号")
    me = store.identity()
    if me is None:
        raise AccountError("尚未初始化教育局：请先运行 xueji bureau init")
    _check_new(username, display_name, FIRST_ACCOUNT_ROLES, password)
    if private is None:
        if not bytes(me.private_protected):
            raise AccountError("教育局私钥的原始保护已清除（已有账号持有私钥）：请由管理员登录后添加账号")
        private = _private_bytes(bytes(me.private_protected), key_password or "")
    now = _now(store)
    with store.db.atomic():
        account = BureauAccount.create(username=username, display_name=display_name,
                                       roles=store_roles(FIRST_ACCOUNT_ROLES), password_hash=hash_password(password),
                                       created_at=now, password_changed_at=now)
        _wrap(account, private, password, None, now)
        _drop_original_copy()  # from now on only an account's own wrap opens the key
    store.account = account
    return account


def mark_demo(store: BureauStore) -> None:
    """A demo store (bureau.demo): the demo password, printed on its sign-in screen, is allowed here only."""
    with store.db.atomic():
        _put(DEMO_KEY, "1")


def add_account(store: BureauStore, username: str, display_name: str, roles: Iterable[BureauRole], password: str,
                *, admin_password: str = "") -> AccountRow:
    """A new account (管理员 only); it must change the password the administrator gave at its first sign-in.
    An account that imports or replies gets the private key wrapped with that password."""
    admin = require(store, "添加账号", BureauPermission.MANAGE_USERS)
    username, display_name, roles = (username or "").strip(), (display_name or "").strip(), frozenset(roles)
    _check_new(username, display_name, roles, password)
    private = _admin_private(store, admin_password) if needs_key(roles) else None
    now = _now(store)
    with store.db.atomic():
        account = BureauAccount.create(username=username, display_name=display_name, roles=store_roles(roles),
                                       password_hash=hash_password(password), must_change_password=True,
                                       created_at=now, created_by=admin)
        if private is not None:
            _wrap(account, private, password, admin, now)
    return _row(account)


def _target(account_id: int) -> BureauAccount:
    account = BureauAccount.get_or_none(BureauAccount.id == account_id)
    if account is None:
        raise AccountError(f"找不到账号（编号 {account_id}）")
    return account


def find(username: str) -> AccountRow:
    account = BureauAccount.get_or_none(BureauAccount.username == (username or "").strip())
    if account is None:
        raise AccountError(f"找不到账号：{username}")
    return _row(account)


def _other_admins(account_id: int) -> int:
    return sum(1 for a in BureauAccount.select().where((BureauAccount.active == True)
                                                       & (BureauAccount.id != account_id))
               if BureauRole.ADMIN in parse_roles(a.roles))


def disable(store: BureauStore, account_id: int) -> AccountRow:
    """Stops an account from signing in (never deleted: its decisions name it); its key wrap is removed."""
    require(store, "停用账号", BureauPermission.MANAGE_USERS)
    account = _target(account_id)
    if account.id == store.account.id:
        raise AccountError("不能停用自己正在使用的账号")
    if BureauRole.ADMIN in parse_roles(account.roles) and not _other_admins(account.id):
        raise AccountError("这是最后一个可用的管理员账号，不能停用")
    if _last_key_holder(account.id):
        raise AccountError(f"{account.display_name}（{account.username}）是唯一持有教育局私钥的账号，停用后私钥将无法使用："
                           "请先添加或授予另一个“科员”账号（为其保管私钥），再停用")
    with store.db.atomic():
        BureauAccount.update(active=False).where(BureauAccount.id == account.id).execute()
        BureauKeyWrap.delete().where(BureauKeyWrap.account == account.id).execute()
    return _row(_target(account_id))


def enable(store: BureauStore, account_id: int) -> AccountRow:
    """A disabled account may sign in again with its password. Its key wrap went when it was disabled: an
    account that imports or replies gets the key again when the administrator resets its password."""
    require(store, "启用账号", BureauPermission.MANAGE_USERS)
    account = _target(account_id)
    if not account.active:
        with store.db.atomic():
            BureauAccount.update(active=True).where(BureauAccount.id == account.id).execute()
    return _row(_target(account_id))


def set_roles(store: BureauStore, account_id: int, roles: Iterable[BureauRole]) -> AccountRow:
    """Another account's roles (管理员 only). Never the last active 管理员's 管理员 role, nor one's own; an
    account that no longer imports or replies gives up its key wrap (never the last one). An account given
    “科员” gets the key when the administrator resets its password (the wrap needs that password)."""
    require(store, "修改账号的角色", BureauPermission.MANAGE_USERS)
    account, roles = _target(account_id), frozenset(roles)
    if not roles:
        raise AccountError("角色：请至少选择一个角色（科长、科员、查询、管理员）")
    before = parse_roles(account.roles)
    if roles == before:
        return _row(account)
    if BureauRole.ADMIN in before and BureauRole.ADMIN not in roles:
        if account.id == store.account.id:
            raise AccountError("不能取消自己正在使用的账号的管理员角色：请由另一个管理员办理")
        if account.active and not _other_admins(account.id):
            raise AccountError("至少要有一个在用的管理员账号：请先给另一个账号管理员角色")
    drop_wrap = not needs_key(roles)
    if drop_wrap and _last_key_holder(account.id):
        raise AccountError(f"{account.display_name}（{account.username}）是唯一持有教育局私钥的账号，取消其“科员”角色后"
                           "私钥将无法使用：请先添加或授予另一个“科员”账号（为其保管私钥）")
    with store.db.atomic():
        BureauAccount.update(roles=store_roles(roles)).where(BureauAccount.id == account.id).execute()
        if drop_wrap:
            BureauKeyWrap.delete().where(BureauKeyWrap.account == account.id).execute()
    if account.id == store.account.id:
        store.account.roles = store_roles(roles)
    return _row(_target(account_id))


def _last_key_holder(account_id: int) -> bool:
    """Whether `account_id` holds the only key wrap of an active account."""
    holders = {w.account_id for w in BureauKeyWrap.select(BureauKeyWrap.account)
               .join(BureauAccount, on=(BureauKeyWrap.account == BureauAccount.id))
               .where(BureauAccount.active == True)}
    return holders == {account_id}


def reset_password(store: BureauStore, account_id: int, new_password: str, *, admin_password: str = "") -> AccountRow:
    """A password the administrator gives; the account must change it at its next sign-in. Lifts a lock."""
    admin = require(store, "重置密码", BureauPermission.MANAGE_USERS)
    account = _target(account_id)
    if not account.active:
        raise AccountError(f"账号 {account.username} 已停用")
    problem = password_problem(new_password, names=(account.username, account.display_name), demo=is_demo())
    if problem:
        raise AccountError(f"密码：{problem}")
    roles = parse_roles(account.roles)
    private = _admin_private(store, admin_password) if needs_key(roles) else None
    now = _now(store)
    with store.db.atomic():
        BureauAccount.update(password_hash=hash_password(new_password), must_change_password=True, failed_logins=0,
                             locked_until=None, password_changed_at=now).where(BureauAccount.id == account.id).execute()
        if private is not None:
            _wrap(account, private, new_password, admin, now)
    return _row(_target(account_id))


def change_password(store: BureauStore, old_password: str, new_password: str) -> None:
    """The signed-in account's own new password; its key wrap follows."""
    account = store.account
    if account is None:
        raise BureauPermissionDenied("未登录，不能修改密码")
    if not verify_password(account.password_hash, old_password or ""):
        raise AccountError("原密码不正确")
    if new_password == old_password:
        raise AccountError("新密码不能与原密码相同")
    problem = password_problem(new_password, names=(account.username, account.display_name), demo=is_demo())
    if problem:
        raise AccountError(f"新密码：{problem}")
    wrap = BureauKeyWrap.get_or_none(BureauKeyWrap.account == account.id)
    private = _private_bytes(bytes(wrap.protected), old_password) if wrap is not None else None
    now = _now(store)
    hashed = hash_password(new_password)
    with store.db.atomic():
        BureauAccount.update(password_hash=hashed, must_change_password=False,
                             password_changed_at=now).where(BureauAccount.id == account.id).execute()
        if private is not None:
            _wrap(account, private, new_password, account, now)
    account.password_hash, account.must_change_password, account.password_changed_at = hashed, False, now


def set_idle_lock_minutes(store: BureauStore, minutes: int) -> None:
    require(store, "修改设置", BureauPermission.SETTINGS)
    if not 0 <= minutes <= 240:
        raise AccountError("空闲锁定：请填写 0–240 分钟（0 表示不锁定）")
    with store.db.atomic():
        _put(IDLE_KEY, str(minutes))



def _put(key: str, value: str) -> None:
    (BureauSetting.insert(key=key, value=value)
     .on_conflict(conflict_target=[BureauSetting.key], preserve=[BureauSetting.value]).execute())
