"""The program hashes passwords with argon2id at OWASP's minimum costs (19 MiB, 2 passes, 1 lane); the test
suite's cheaper costs (XUEJI_FAST_PASSWORD_HASH) never reach it, a hash of any costs verifies with the same code,
and a hash an older version made at other costs is redone at the next sign-in, at the school (and the bureau: test_bureau_accounts)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from argon2 import PasswordHasher

from tests.conftest import PASSWORD
from xueji_desktop.core.school.workspace import LoginError


def test_the_program_hashes_at_owasp_costs_and_verifies_either():
    from xueji_desktop.core.accounts import passwords

    fast = passwords.hash_password("Xinmima-2026")
    assert fast.startswith("$argon2id$") and "m=1024,t=1,p=1" in fast  # this suite's
    code = ("from xueji_desktop.core.accounts import passwords as p; import sys; "
            "h = p.hash_password('Xinmima-2026'); print(h); "
            f"print(p.verify_password(h, 'Xinmima-2026'), p.verify_password({fast!r}, 'Xinmima-2026'), "
            "p.verify_password(h, 'wrong'))")
    env = {k: v for k, v in __import__("os").environ.items() if k != passwords.FAST_HASH_ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    program_hash, verdicts = out.splitlines()
    assert program_hash.startswith("$argon2id$") and "m=19456,t=2,p=1" in program_hash
    assert verdicts == "True True False"
    assert passwords.verify_password(program_hash, "Xinmima-2026")


OLDER = PasswordHasher()  # what versions before this one stored: the library's own costs (RFC 9106)


def test_a_school_account_hashed_by_an_older_version_is_rehashed_at_its_next_sign_in(school, monkeypatch):
    from xueji_desktop.core.accounts import passwords
    from xueji_desktop.store.models import User

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(**passwords.PROGRAM_COSTS))
    User.update(password_hash=OLDER.hash(PASSWORD)).where(User.username == "registrar").execute()
    with pytest.raises(LoginError):
        school.login("registrar", "wrong-password")
    assert "m=65536,t=3,p=4" in User.get(User.username == "registrar").password_hash  # not on a failure
    school.login("registrar", PASSWORD)
    stored = User.get(User.username == "registrar").password_hash
    assert "m=19456,t=2,p=1" in stored and not passwords.needs_rehash(stored)
    school.login("registrar", PASSWORD)  # and signs in with it
    assert User.get(User.username == "registrar").password_hash == stored  # not redone again

