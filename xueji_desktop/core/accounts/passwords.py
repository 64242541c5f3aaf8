"""Passwords: hashed with Argon2id (argon2-cffi), and a policy a registrar can live with."""

from __future__ import annotations

import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# The test suite signs in thousands of times; it sets this to hash with argon2id at small costs (a stored hash
# names its own costs, so verifying is the same code). The program itself always uses the library's defaults.
FAST_HASH_ENV = "XUEJI_FAST_PASSWORD_HASH"


def _make_hasher() -> PasswordHasher:
    if os.environ.get(FAST_HASH_ENV) == "1":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


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
