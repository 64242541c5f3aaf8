"""Lock-out after wrong passwords and the idle lock: the numbers and the decisions, without a store.

The school and the bureau keep their own counters on their own account rows and ask these functions.
Times are the program's clock; a lock that would last longer than its length (the PC clock was set
back since) counts as expired, so a wrong clock never locks anyone out for days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MAX_FAILURES = 5
LOCK_MINUTES = 15
IDLE_LOCK_MINUTES = 10  # default; the administrator may change it (0: never)


@dataclass(frozen=True)
class Attempt:
    """The counters after an attempt: failures so far and the time the lock ends (None: not locked)."""

    failures: int
    locked_until: dt.datetime | None


def locked(locked_until: dt.datetime | None, now: dt.datetime) -> bool:
    if locked_until is None:
        return False
    return now < locked_until <= now + dt.timedelta(minutes=LOCK_MINUTES)


def after_failure(failures: int, now: dt.datetime) -> Attempt:
    failures += 1
    if failures >= MAX_FAILURES:
        return Attempt(0, now + dt.timedelta(minutes=LOCK_MINUTES))
    return Attempt(failures, None)


def locked_message(locked_until: dt.datetime) -> str:
    return (f"连续 {MAX_FAILURES} 次密码错误，账号已锁定 {LOCK_MINUTES} 分钟，请在 {locked_until:%H:%M} 以后再试；"
            "忘记密码请管理员重置")


def failure_message(failures: int) -> str:
    left = MAX_FAILURES - failures
    if failures and left > 0:
        return f"用户名或密码不正确（再错 {left} 次，账号将锁定 {LOCK_MINUTES} 分钟）"
    return "用户名或密码不正确"
