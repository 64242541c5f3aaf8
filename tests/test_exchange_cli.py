"""School → stick → bureau through the real `xueji` commands, as the county's IT helper would run them."""

from tests.conftest import run_xueji
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, build_demo
from xueji_desktop.core.exchange.keys import read_public_key_file


def xueji(*args, cwd):
    password = "bureau-pass-1" if args[0] == "bureau" else DEMO_PASSWORD  # the bureau's own account
    return run_xueji(*args, cwd=cwd, env={"XUEJI_PASSWORD": password})


def test_school_exports_and_bureau_imports_once(tmp_path, bureau_target):
    """The bureau's database is a SQLite file, then a postgresql:// URL (the same commands, end to end)."""
    build_demo(tmp_path / "school.sqlite3", pupils=120)
    assert xueji("keys", "create", "--db", "school.sqlite3", cwd=tmp_path).returncode == 0
    shown = xueji("keys", "show", "--db", "school.sqlite3", "--write-key", "school.xjkey", cwd=tmp_path)
    assert "本校公钥指纹" in shown.stdout
    init = xueji("bureau", "init", "--db", bureau_target, "--name", "方正县教育局", "--county", "230124",
                 "--key-out", "bureau.xjkey", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    letter = read_public_key_file(tmp_path / "bureau.xjkey").fingerprint
    wrong = xueji("keys", "trust-bureau", "--db", "school.sqlite3", "--key", "bureau.xjkey",
                  "--fingerprint", "12345 " * 8, cwd=tmp_path)
    assert wrong.returncode != 0 and letter in wrong.stderr + wrong.stdout
    assert xueji("keys", "trust-bureau", "--db", "school.sqlite3", "--key", "bureau.xjkey",
                 "--fingerprint", letter, cwd=tmp_path).returncode == 0
    (tmp_path / "stick").mkdir()
    exported = xueji("export", "--db", "school.sqlite3", "--to", "stick", cwd=tmp_path)
    assert exported.returncode == 0 and "第 1 批" in exported.stdout and "校验无误" in exported.stdout
    refused = xueji("bureau", "import", "--db", bureau_target, "stick", cwd=tmp_path)
    assert refused.returncode != 0 and "未登记的学校" in refused.stdout + refused.stderr
    assert xueji("bureau", "register-school", "--db", bureau_target, "--key", "school.xjkey",
                 cwd=tmp_path).returncode == 0
    first = xueji("bureau", "import", "--db", bureau_target, "stick", cwd=tmp_path)
    assert first.returncode == 0 and "已导入" in first.stdout
    again = xueji("bureau", "import", "--db", bureau_target, "stick", cwd=tmp_path)
    assert again.returncode != 0 and "重复导入" in again.stdout + again.stderr
