"""The school's accounts: add, change roles and classes, disable (never delete: the change log names its
authors), reset a password, change one's own; each one transaction with its event, by an administrator
except one's own password.

The school's private exchange key is kept wrapped for each account that uses it (core.exchange.school_keys):
an administrator who holds a wrap passes it to a new registrar's first password without the key ever leaving
the database; changing a password re-wraps the account's own copy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...store.models import KeyWrap, SchoolClass, User, UserClass
from ..accounts import sign_in_rules
from ..accounts.passwords import hash_password, password_problem, verify_password
from ..accounts.roles import Permission, Role, parse_roles, roles_text, store_roles
from ..rules.findings import Finding, RuleViolation, Severity
from .events import EventKind, changing

_USERNAME = re.compile(r"[A-Za-z0-9_\u4e00-\u9fff]{2,20}")
IDLE_LOCK_KEY = "idle_lock_minutes"  # Setting: minutes without input before the window locks (0: never)


def _b(key: str, message: str) -> Finding:
    return Finding(f"users.{key}", Severity.BLOCK, key, message)


def _refuse(key: str, message: str) -> RuleViolation:
    return RuleViolation([_b(key, message)])


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked: bool
    must_change_password: bool
    last_login_at: dt.datetime | None
    class_ids: tuple[int, ...]
    class_names: tuple[str, ...]
    holds_key: bool

    @property
    def roles_label(self) -> str:
        return roles_text(self.roles)

    @property
    def state_label(self) -> str:
        if not self.active:
            return "已停用"
        if self.locked:
            return "已锁定（密码错误过多）"
        if self.must_change_password:
            return "待修改密码"
        return "正常"


def _demo(ws) -> bool:
    from ...store.models import Setting
    from .setup import DEMO_SCHOOL

    return Setting.get_or_none(Setting.key == DEMO_SCHOOL) is not None


def user_rows(ws) -> list[UserRow]:
    ws.require("查看用户账号", Permission.MANAGE_USERS)
    classes: dict[int, list[SchoolClass]] = {}
    for link in UserClass.select(UserClass, SchoolClass).join(SchoolClass).order_by(SchoolClass.grade,
                                                                                      SchoolClass.number):
        classes.setdefault(link.user_id, []).append(link.school_class)
    key = _active_key()
    holders = {w.user_id for w in KeyWrap.select(KeyWrap.user).where(KeyWrap.school_key == key)} if key else set()
    now = ws.now()
    return [UserRow(u.id, u.username, u.display_name, parse_roles(u.role), bool(u.active),
                    sign_in_rules.locked(u.locked_until, now), bool(u.must_change_password), u.last_login_at,
                    tuple(k.id for k in classes.get(u.id, [])), tuple(k.name for k in classes.get(u.id, [])),
                    u.id in holders)
            for u in User.select().order_by(User.id)]


def _active_key():
    from ..exchange.school_keys import active_school_key

    return active_school_key()


def _check_new(ws, username: str, display_name: str, roles: Iterable[Role], password: str,
               class_ids: Iterable[int]) -> list[Finding]:
    found = []
    if not _USERNAME.fullmatch(username):
        found.append(_b("username", "登录名应为 2–20 位汉字、字母、数字或下划线"))
    elif User.select().where(User.username == username).exists():
        found.append(_b("username", f"登录名“{username}”已被使用（停用的账号也保留登录名）"))
    if not display_name:
        found.append(_b("display_name", "姓名：必填，变更记录和表册上署这个名字"))
    found += _check_roles(roles, class_ids)
    problem = password_problem(password, names=(username, display_name), demo=_demo(ws))
    if problem:
        found.append(_b("password", f"初始密码：{problem}"))
    return found


def _check_roles(roles: Iterable[Role], class_ids: Iterable[int]) -> list[Finding]:
    roles, class_ids = set(roles), set(class_ids)
    found = []
    if not roles:
        found.append(_b("roles", "角色：至少选一个"))
    if Role.CLASS_TEACHER in roles and not class_ids:
        found.append(_b("classes", "班主任：请选择所带的班级"))
    if class_ids and SchoolClass.select().where(SchoolClass.id.in_(class_ids)).count() != len(class_ids):
        found.append(_b("classes", "所选班级不存在"))
    return found


def _wrap_for(ws, tx, user: User, admin_password: str | None, user_password: str) -> bool:
    """Wraps the school's private key for `user` with `user_password`, unlocked by the administrator's own
    wrap. False when there is no key or the administrator holds none (the user then has no key yet)."""
    from ..exchange import keys
    from ..exchange.school_keys import KeyRefused, unlock_school_key

    key = _active_key()
    if key is None or not admin_password:
        return False
    try:
        pair = unlock_school_key(admin_password, ws.user)
    except KeyRefused as e:
        raise _refuse("admin_password", f"您的密码：{e.message}") from None
    KeyWrap.delete().where((KeyWrap.school_key == key) & (KeyWrap.user == user)).execute()
    KeyWrap.create(school_key=key, user=user, protected=keys.protect(pair.private_bytes(), user_password),
                   wrapped_at=tx.now, wrapped_by=ws.user)
    tx.record(EventKind.KEY_WRAPPED, f"为 {user.display_name}（{user.username}）开通学校密钥",
              {"username": user.username, "fingerprint": key.fingerprint})
    return True


def needs_key(roles: Iterable[Role]) -> bool:
    """Whether an account with `roles` signs batches and opens the bureau's replies."""
    return Role.REGISTRAR in set(roles)


def add_user(ws, username: str, display_name: str, roles: Iterable[Role], password: str,
             class_ids: Iterable[int] = (), admin_password: str | None = None) -> User:
    """A new account whose first password the administrator gives; the user changes it at first sign-in.
    A registrar gets the school key wrapped when `admin_password` opens the administrator's own copy."""
    ws.require("新增用户", Permission.MANAGE_USERS)
    username, display_name, roles, class_ids = username.strip(), display_name.strip(), set(roles), set(class_ids)
    found = _check_new(ws, username, display_name, roles, password, class_ids)
    if found:
        raise RuleViolation(found)
    with changing(ws.db, ws.user, ws.now()) as tx:
        user = User.create(username=username, display_name=display_name, password_hash=hash_password(password),
                           role=store_roles(roles), active=True, created_at=tx.now, must_change_password=True)
        for class_id in sorted(class_ids):
            UserClass.create(user=user, school_class=class_id)
        tx.record(EventKind.USER_CREATED, f"新增用户：{display_name}（{username}），{roles_text(roles)}",
                  {"username": username, "display_name": display_name, "roles": sorted(r.value for r in roles),
                   "classes": sorted(class_ids)})
        if needs_key(roles):
            _wrap_for(ws, tx, user, admin_password, password)
    return user


def _target(user_id: int) -> User:
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise _refuse("user", "没有这个账号")
    return user


def _other_admins(user: User) -> int:
    return sum(1 for u in User.select().where(User.active & (User.id != user.id))
               if Role.ADMIN in parse_roles(u.role))


def set_roles(ws, user_id: int, roles: Iterable[Role], class_ids: Iterable[int] = ()) -> None:
    ws.require("修改用户角色", Permission.MANAGE_USERS)
    user, roles, class_ids = _target(user_id), set(roles), set(class_ids)
    found = _check_roles(roles, class_ids)
    if Role.ADMIN in parse_roles(user.role) and Role.ADMIN not in roles and not _other_admins(user):
        found.append(_b("roles", "至少要有一个在用的管理员账号：请先给另一个账号管理员角色"))
    if found:
        raise RuleViolation(found)
    before, before_classes = parse_roles(user.role), {c.school_class_id for c in user.classes}
    if before == roles and before_classes == class_ids:
        return
    with changing(ws.db, ws.user, ws.now()) as tx:
        User.update(role=store_roles(roles)).where(User.id == user.id).execute()
        UserClass.delete().where(UserClass.user == user).execute()
        for class_id in sorted(class_ids):
            UserClass.create(user=user, school_class=class_id)
        tx.record(EventKind.USER_CHANGED,
                  f"修改用户角色：{user.display_name}（{user.username}）{roles_text(before)} → {roles_text(roles)}",
                  {"username": user.username, "roles": sorted(r.value for r in roles),
                   "before": sorted(r.value for r in before), "classes": sorted(class_ids)})


def set_active(ws, user_id: int, active: bool) -> None:
    """Disables or enables an account; a disabled account cannot sign in and stays in every record."""
    ws.require("停用或启用账号", Permission.MANAGE_USERS)
    user = _target(user_id)
    if bool(user.active) == active:
        return
    if not active and user.id == ws.user.id:
        raise _refuse("user", "不能停用自己正在使用的账号")
    if not active and Role.ADMIN in parse_roles(user.role) and not _other_admins(user):
        raise _refuse("user", "这是唯一在用的管理员账号，不能停用")
    with changing(ws.db, ws.user, ws.now()) as tx:
        User.update(active=active).where(User.id == user.id).execute()
        tx.record(EventKind.USER_CHANGED, f"{'启用' if active else '停用'}账号：{user.display_name}（{user.username}）",
                  {"username": user.username, "active": active})


def reset_password(ws, user_id: int, password: str, admin_password: str | None = None) -> bool:
    """An administrator sets a new first password (the user must change it at next sign-in) and unlocks the
    account. The user's old key wrap opens with the forgotten password only, so it is replaced by one for the
    new password when `admin_password` opens the administrator's own; returns whether the user holds the key."""
    ws.require("重置密码", Permission.MANAGE_USERS)
    user = _target(user_id)
    problem = password_problem(password, names=(user.username, user.display_name), demo=_demo(ws))
    if problem:
        raise _refuse("password", f"新密码：{problem}")
    with changing(ws.db, ws.user, ws.now()) as tx:
        User.update(password_hash=hash_password(password), must_change_password=True, failed_logins=0,
                    locked_until=None, password_changed_at=tx.now).where(User.id == user.id).execute()
        KeyWrap.delete().where(KeyWrap.user == user).execute()
        tx.record(EventKind.USER_CHANGED, f"重置密码：{user.display_name}（{user.username}），下次登录须修改",
                  {"username": user.username, "password_reset": True})
        held = needs_key(parse_roles(user.role)) and _wrap_for(ws, tx, user, admin_password, password)
    return held


def change_own_password(ws, old_password: str, new_password: str, new_again: str | None = None) -> None:
    """The signed-in account's own password; its key wrap follows in the same transaction."""
    from ..exchange import keys

    user = ws.user
    if user is None:
        raise _refuse("user", "未登录")
    if not verify_password(user.password_hash, old_password or ""):
        raise _refuse("old_password", "原密码不正确")
    problem = password_problem(new_password, names=(user.username, user.display_name), demo=_demo(ws))
    if problem is None and new_password == old_password:
        problem = "新密码不能与原密码相同"
    if problem:
        raise _refuse("new_password", f"新密码：{problem}")
    if new_again is not None and new_again != new_password:
        raise _refuse("new_again", "两次输入的新密码不一致")
    with changing(ws.db, user, ws.now()) as tx:
        User.update(password_hash=hash_password(new_password), must_change_password=False,
                    password_changed_at=tx.now).where(User.id == user.id).execute()
        for wrap in KeyWrap.select().where(KeyWrap.user == user):
            try:
                private = keys.unprotect(bytes(wrap.protected), old_password)
            except keys.WrongPassword:
                wrap.delete_instance()  # a wrap nobody can open any more
                continue
            KeyWrap.update(protected=keys.protect(private, new_password), wrapped_at=tx.now).where(
                KeyWrap.id == wrap.id).execute()
        tx.record(EventKind.PASSWORD_CHANGED, f"修改密码：{user.display_name}（{user.username}）",
                  {"username": user.username})
    ws.user = User.get_by_id(user.id)


def idle_lock_minutes() -> int:
    from ...store.models import Setting

    row = Setting.get_or_none(Setting.key == IDLE_LOCK_KEY)
    try:
        return max(0, int(row.value)) if row is not None else sign_in_rules.IDLE_LOCK_MINUTES
    except ValueError:
        return sign_in_rules.IDLE_LOCK_MINUTES


def set_idle_lock_minutes(ws, minutes: int) -> None:
    from ...store.models import Setting

    ws.require("修改自动锁定时间", Permission.SETTINGS)
    if not 0 <= minutes <= 240:
        raise _refuse("idle_lock", "自动锁定：0（不锁定）到 240 分钟")
    if minutes == idle_lock_minutes():
        return
    with changing(ws.db, ws.user, ws.now()) as tx:
        Setting.replace(key=IDLE_LOCK_KEY, value=str(minutes)).execute()
        tx.record(EventKind.SETTINGS_CHANGED, f"自动锁定：无操作 {minutes} 分钟后锁定窗口" if minutes
                  else "自动锁定：不锁定", {"idle_lock_minutes": minutes})
