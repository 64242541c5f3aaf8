"""The program hashes passwords with argon2id at the library's costs; the test suite's cheaper costs
(XUEJI_FAST_PASSWORD_HASH) never reach it, and a hash of either kind verifies with the same code."""

from __future__ import annotations

import subprocess
import sys


def test_the_program_hashes_at_the_library_costs_and_verifies_either():
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
    assert program_hash.startswith("$argon2id$") and "m=65536,t=3,p=4" in program_hash
    assert verdicts == "True True False"
    assert passwords.verify_password(program_hash, "Xinmima-2026")
