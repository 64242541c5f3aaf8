"""Passwords: hashed with Argon2id (argon2-cffi), and a policy a registrar can live with."""

from __future__ import annotations

import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# The test suite signs in thousands of times; it sets this to hash with argon2id at small costs (a stored hash
# names its own costs, so verifying is the same code). The program itself always uses PROGRAM_COSTS.
FAST_HASH_ENV = "XUEJI_FAST_PASSWORD_HASH"

# OWASP Password Storage Cheat Sheet: argon2id with "a minimum configuration of 19 MiB of memory, an iteration
# count of 2, and 1 degree of parallelism". The library's default (RFC 9106: 64 MiB, 3 passes, 4 lanes) held
# both cores of a 2-core office PC for 120 ms and 64 MiB of its memory at every sign-in, the idle lock's
# included; this takes one core for about 25 ms. The hash guards the password itself (a registrar may use it
# elsewhere): the records beside it in the same file are not encrypted, and guessing at the sign-in is stopped
# by the lock after five failures (sign_in_rules). A hash made at other costs is redone at the next sign-in.
PROGRAM_COSTS = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
TEST_COSTS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def _make_hasher() -> PasswordHasher:
    return PasswordHasher(**(TEST_COSTS if os.environ.get(FAST_HASH_ENV) == "1" else PROGRAM_COSTS))


_hasher = _make_hasher()
MIN_LENGTH = 8
DEMO_PASSWORDS = frozenset({"xueji2026", "jiaoyuju2026"})  # printed in the demo school's and bureau's hints


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash that just verified was made at other costs than the program's (an older version's)."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return False


def password_problem(password: str, *, names: tuple[str, ...] = (), demo: bool = False) -> str | None:
    """Why `password` will not do, or None: at least 8 characters, not the account's login or display name,
    not the demo password outside a demo database (it is printed on the demo's sign-in screen)."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位"
    lowered = password.strip().lower()
    for name in names:
        name = (name or "").strip().lower()
        if name and (lowered == name or (len(name) >= 3 and name in lowered)):
            return "密码不能是或包含登录名、姓名"
    if not demo and password in DEMO_PASSWORDS:
        return "这是演示数据的公开密码，不能用于正式账号"
    if len(set(password)) < 3:
        return "密码过于简单（同一字符重复），请换一个"
    return None
