"""An open school database: the school, its region profile, the signed-in user, the clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from ... import clock as program_clock
from ...store.connection import close_database, open_database
from ...store.models import School, User
from ..accounts.passwords import verify_password
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
        self.user = None  # a failed attempt leaves nobody signed in
        user = User.get_or_none((User.username == username.strip()) & (User.active == True))  # noqa: E712
        if user is None or not verify_password(user.password_hash, password):
            raise LoginError("用户名或密码不正确")
        self.user = user
        return user

    def sole_user(self) -> User | None:
        users = list(User.select().where(User.active == True).limit(2))  # noqa: E712
        return users[0] if len(users) == 1 else None

    def close(self) -> None:
        close_database()
