"""An open school database: the school, its region profile, the signed-in user, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ... import clock as program_clock
from ...store.connection import close_database, open_database
from ...store.models import School, User
from ..accounts import sign_in_rules
from ..accounts.passwords import hash_password, needs_rehash, verify_password
from ..accounts.roles import Permission, PermissionDenied, Role, check, parse_roles, permissions_of, roles_text
from ..region_profiles.profiles import Profile, load_profile
from .school import SchoolKind, SchoolSystem


class LoginError(Exception):
    pass


class Workspace:
    def __init__(self, path: str | Path, clock: Callable[[], dt.datetime] = program_clock.now):
        """`clock` is the program's clock; only the demo builder, which writes a history at fixed past
        moments, hands it another."""
        self.path = Path(path)
        self.db = open_database(self.path)
        self.clock = clock
        self.user: User | None = None
        self._school: School | None = None
        self.closed = False  # set by close(): a read put off until later must not reopen the file

    # the school -------------------------------------------------------------------------------
    @property
    def school(self) -> School | None:
        if self._school is None:
            self._school = School.select().first()
        return self._school

    def forget_school(self) -> None:
        """After the school row changed (set-up, later edits)."""
        self._school = None

    @property
    def is_set_up(self) -> bool:
        return self.school is not None and User.select().exists()

    @property
    def profile(self) -> Profile:
        school = self.school
        return load_profile(school.profile_id if school else "national")

    @property
    def kind(self) -> SchoolKind:
        return SchoolKind(self.school.kind)

    @property
    def system(self) -> SchoolSystem:
        return SchoolSystem(self.school.system)

    # time -------------------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    # users ------------------------------------------------------------------------------------
    def login(self, username: str, password: str) -> User:
        """Signs `username` in, or LoginError. Five wrong passwords in a row lock the account for 15
        minutes (core.accounts.sign_in_rules); a disabled account cannot sign in."""
        self.user = None  # a failed attempt leaves nobody signed in
        user = User.get_or_none(User.username == username.strip())
        now = self.now()
        if user is not None and sign_in_rules.locked(user.locked_until, now):
            raise LoginError(sign_in_rules.locked_message(user.locked_until))
        if user is None or not verify_password(user.password_hash, password):
            if user is not None:
                attempt = sign_in_rules.after_failure(user.failed_logins, now)
                self._save_counters(user, failures=attempt.failures, locked_until=attempt.locked_until)
                if attempt.locked_until is not None:
                    raise LoginError(sign_in_rules.locked_message(attempt.locked_until))
                raise LoginError(sign_in_rules.failure_message(attempt.failures))
            raise LoginError(sign_in_rules.failure_message(0))
        if not user.active:
            raise LoginError("此账号已停用，请与管理员联系")
        rehashed = {"password_hash": hash_password(password)} if needs_rehash(user.password_hash) else {}
        self._save_counters(user, failures=0, locked_until=None, last_login_at=now, **rehashed)
        self.user = user
        return user

    @staticmethod
    def _save_counters(user: User, **values) -> None:
        """The sign-in counters (and a password's hash redone at the program's costs): account state, not a
        change of any record, so no event."""
        values = {"failed_logins": values.pop("failures"), **values}
        with User._meta.database.atomic():
            User.update(**values).where(User.id == user.id).execute()
        for key, value in values.items():
            setattr(user, key, value)

    @property
    def roles(self) -> frozenset[Role]:
        return parse_roles(self.user.role) if self.user is not None else frozenset()

    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.roles)

    def require(self, action: str, *permissions: Permission) -> None:
        """PermissionDenied, naming the role needed, unless the signed-in account holds one of `permissions`."""
        if self.user is None:
            raise PermissionDenied(f"未登录，不能{action}")
        check(self.roles, action, *permissions)

    def visible_classes(self) -> frozenset[int] | None:
        """The classes whose pupils the signed-in account may read: None for every pupil (also those in no
        class), else the classes assigned to a 班主任 (none for roles that read no records)."""
        if self.can(Permission.READ_ALL):
            return None
        if self.can(Permission.READ_OWN_CLASSES):
            from ...store.models import UserClass

            return frozenset(c for (c,) in UserClass.select(UserClass.school_class)
                             .where(UserClass.user == self.user).tuples())
        return frozenset()

    def may_read_pupil(self, class_id: int | None) -> bool:
        visible = self.visible_classes()
        return visible is None or (class_id is not None and class_id in visible)

    def require_class(self, action: str, class_id: int | None, everywhere: Permission, own: Permission) -> None:
        """`everywhere` allows `action` for any class; `own` only for the account's classes."""
        if self.can(everywhere):
            return
        if self.can(own) and self.may_read_pupil(class_id):
            return
        if self.can(own):
            raise PermissionDenied(f"您的账号（{roles_text(self.roles)}）只能{action}本人所带的班级")
        self.require(action, everywhere, own)

    def sole_user(self) -> User | None:
        users = list(User.select().where(User.active == True).limit(2))
        return users[0] if len(users) == 1 else None

    def close(self) -> None:
        self.closed = True
        close_database()
