"""The bureau's accounts on a real store (SQLite, then PostgreSQL): each role through the bureau's functions and
the command line, the lock-out after five wrong passwords, disabled accounts, a reset password that must be
changed, and the private key wrapped for each account that imports or replies."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import run_xueji
from xueji_desktop.bureau import accounts, conflicts, county, importer, replies, review
from xueji_desktop.bureau.accounts import AccountError, BureauPermissionDenied, BureauRole
from xueji_desktop.bureau.importer import BureauError
from xueji_desktop.bureau.store import BureauAccount, BureauIdentity, BureauKeyWrap, open_store
from xueji_desktop.core.exchange import keys

ADMIN_PW = "county-admin-1"
CLERK_PW = "clerk-start-1"
READER_PW = "reader-start-1"
CHIEF_PW = "chief-start-1"
NOW = dt.datetime(2026, 11, 18, 9, 0)


@pytest.fixture
def store(bureau_target, tmp_path, clock):
    """A bureau with its first account (王局: 管理员, 科长, 科员) and a 科员, a 查询 and a 科长-only account."""
    clock.now = NOW
    importer.init_bureau(bureau_target, "测试县教育局", "210811", ADMIN_PW, key_file=tmp_path / "bureau.xjkey",
                         username="wang", display_name="王局")
    with open_store(bureau_target) as s:
        accounts.sign_in(s, "wang", ADMIN_PW)
        accounts.add_account(s, "liu", "刘科员", [BureauRole.CLERK], CLERK_PW, admin_password=ADMIN_PW)
        accounts.add_account(s, "zhao", "赵查询", [BureauRole.READER], READER_PW, admin_password=ADMIN_PW)
        accounts.add_account(s, "sun", "孙科长", [BureauRole.CHIEF], CHIEF_PW, admin_password=ADMIN_PW)
        yield s


def _as(store, username, password):
    return accounts.sign_in(store, username, password)


def test_the_first_account_holds_every_working_role_and_the_key(store):
    rows = {r.username: r for r in accounts.account_rows()}
    assert rows["wang"].roles == {BureauRole.ADMIN, BureauRole.CHIEF, BureauRole.CLERK} and rows["wang"].holds_key
    assert rows["liu"].holds_key and not rows["zhao"].holds_key and not rows["sun"].holds_key
    assert all(rows[u].must_change_password for u in ("liu", "zhao", "sun")) and not rows["wang"].must_change_password
    # each key holder unlocks the same key with its own password; nobody else's password works for it
    first = importer.unlock(store, ADMIN_PW).fingerprint
    _as(store, "liu", CLERK_PW)
    assert importer.unlock(store, CLERK_PW).fingerprint == first
    with pytest.raises(BureauError, match="密码不正确"):
        importer.unlock(store, ADMIN_PW)


def test_each_role_is_refused_what_it_may_not_do_naming_the_role(store, tmp_path):
    _as(store, "zhao", READER_PW)  # 查询: reads, nothing else
    assert county.overview_lines(store)[0].startswith("学校")
    with pytest.raises(BureauPermissionDenied, match="不能导入学校批次：需要“科员”角色"):
        importer.import_batches(store, "x", [tmp_path])
    with pytest.raises(BureauPermissionDenied, match="不能给学校写回执：需要“科员”角色"):
        replies.reply_to(store, "x", "2108110001", tmp_path)
    with pytest.raises(BureauPermissionDenied, match="没有教育局私钥的使用权"):
        importer.unlock(store, READER_PW)
    with pytest.raises(BureauPermissionDenied, match="需要“科长”或“科员”角色"):
        county.export_national(store, tmp_path / "x.xlsx")
    _as(store, "liu", CLERK_PW)  # 科员: imports and replies, does not decide
    assert importer.import_batches(store, CLERK_PW, [tmp_path]) == []
    with pytest.raises(BureauPermissionDenied, match="不能审批申请：需要“科长”角色"):
        review.decide(store, "ZR-2026-0001", "approved")
    with pytest.raises(BureauPermissionDenied, match="不能处理冲突：需要“科长”角色"):
        conflicts.resolve(store, 1, conflicts.KEEP_STORED, note="已与学校电话核实")
    with pytest.raises(BureauPermissionDenied, match="不能登记学校密钥：需要“科长”角色"):
        importer.register_school(store, None, None, tmp_path / "bureau.xjkey")
    with pytest.raises(BureauPermissionDenied, match="需要“管理员”角色"):
        accounts.add_account(store, "qian", "钱科员", [BureauRole.CLERK], "another-pass-1")
    _as(store, "sun", CHIEF_PW)  # 科长: decides (the case is unknown: past the role check), does not import
    with pytest.raises(BureauError, match="找不到申请"):
        review.decide(store, "ZR-2026-0001", "approved")
    with pytest.raises(BureauPermissionDenied, match="需要“科员”角色"):
        importer.dry_run(store, "x", [tmp_path])
    accounts.sign_out(store)
    with pytest.raises(BureauPermissionDenied, match="未登录"):
        review.pending(store)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(store, clock):
    for n in range(1, 5):
        with pytest.raises(AccountError, match=f"再错 {5 - n} 次"):
            accounts.sign_in(store, "liu", "wrong-password")
    with pytest.raises(AccountError, match="已锁定 15 分钟"):
        accounts.sign_in(store, "liu", "wrong-password")
    assert store.account is None
    with pytest.raises(AccountError, match="已锁定"):  # even the right password, while locked
        accounts.sign_in(store, "liu", CLERK_PW)
    clock.now = NOW + dt.timedelta(minutes=14)
    with pytest.raises(AccountError, match="已锁定"):
        accounts.sign_in(store, "liu", CLERK_PW)
    clock.now = NOW + dt.timedelta(minutes=15, seconds=1)
    assert accounts.sign_in(store, "liu", CLERK_PW).username == "liu"
    row = BureauAccount.get(BureauAccount.username == "liu")
    assert (row.failed_logins, row.locked_until) == (0, None)
    with pytest.raises(AccountError, match="用户名或密码不正确"):
        accounts.sign_in(store, "nobody", CLERK_PW)


def test_a_disabled_account_cannot_sign_in_and_loses_its_key(store):
    liu = accounts.find("liu")
    with pytest.raises(AccountError, match="不能停用自己"):
        accounts.disable(store, accounts.find("wang").id)
    accounts.disable(store, liu.id)
    assert not BureauKeyWrap.select().where(BureauKeyWrap.account == liu.id).exists()
    assert BureauAccount.get_by_id(liu.id).active is False  # kept, never deleted
    with pytest.raises(AccountError, match="已停用"):
        accounts.sign_in(store, "liu", CLERK_PW)
    _as(store, "wang", ADMIN_PW)
    with pytest.raises(AccountError, match="已被使用"):  # its login name stays taken
        accounts.add_account(store, "liu", "刘二", [BureauRole.READER], "fresh-pass-9")


def test_a_reset_password_must_be_changed_and_the_key_follows(store):
    with pytest.raises(AccountError, match="至少 8 位"):
        accounts.reset_password(store, accounts.find("liu").id, "short", admin_password=ADMIN_PW)
    with pytest.raises(AccountError, match="演示数据的公开密码"):
        accounts.reset_password(store, accounts.find("liu").id, "jiaoyuju2026", admin_password=ADMIN_PW)
    accounts.reset_password(store, accounts.find("liu").id, "reset-by-wang-1", admin_password=ADMIN_PW)
    liu = _as(store, "liu", "reset-by-wang-1")
    assert liu.must_change_password
    with pytest.raises(AccountError, match="原密码不正确"):
        accounts.change_password(store, "wrong-one-1", "my-own-pass-7")
    accounts.change_password(store, "reset-by-wang-1", "my-own-pass-7")
    assert not _as(store, "liu", "my-own-pass-7").must_change_password
    assert importer.unlock(store, "my-own-pass-7").fingerprint == store.identity().fingerprint
    with pytest.raises(AccountError, match="用户名或密码不正确"):
        accounts.sign_in(store, "liu", "reset-by-wang-1")


def test_the_init_password_no_longer_opens_the_key_once_an_account_holds_it(store):
    assert bytes(BureauIdentity.get().private_protected) == b""  # cleared with the first account's wrap
    accounts.change_password(store, ADMIN_PW, "county-own-pass-3")
    accounts.sign_out(store)
    with pytest.raises(BureauPermissionDenied, match="未登录，不能使用教育局私钥"):
        importer.unlock(store, ADMIN_PW)
    with pytest.raises(AccountError, match="已经有账号"):
        accounts.create_first_account(store, "li", "李某", "another-pass-1", key_password=ADMIN_PW)
    # a store whose first account was made while the copy stayed: the next sign-in clears it
    _as(store, "wang", "county-own-pass-3")
    private = keys.unprotect(BureauKeyWrap.get(BureauKeyWrap.account == store.account.id).protected, "county-own-pass-3")
    BureauIdentity.update(private_protected=keys.protect(private, ADMIN_PW)).execute()
    accounts.sign_out(store)
    with pytest.raises(BureauPermissionDenied, match="未登录"):
        importer.unlock(store, ADMIN_PW)
    _as(store, "wang", "county-own-pass-3")
    assert bytes(BureauIdentity.get().private_protected) == b""
    assert importer.unlock(store, "county-own-pass-3").fingerprint == store.identity().fingerprint


def test_a_store_made_before_accounts_gets_its_first_one_with_the_keys_password(bureau_target, tmp_path, clock):
    clock.now = NOW
    importer.init_bureau(bureau_target, "测试县教育局", "210811", ADMIN_PW, key_file=tmp_path / "b.xjkey",
                         username="wang", display_name="王局")
    with open_store(bureau_target) as s:  # as bureau 0005 left an older store: no account, the key's own password
        private = keys.unprotect(BureauKeyWrap.get().protected, ADMIN_PW)
        BureauKeyWrap.delete().execute()
        BureauAccount.delete().execute()
        BureauIdentity.update(private_protected=keys.protect(private, "old-key-pass-1")).execute()
        assert importer.unlock(s, "old-key-pass-1").fingerprint == s.identity().fingerprint  # nobody yet: set-up
        with pytest.raises(AccountError, match="密码不正确"):
            accounts.create_first_account(s, "li", "李科长", "li-own-pass-1", key_password="not-the-key-pass")
        assert not accounts.has_accounts()
        accounts.create_first_account(s, "li", "李科长", "li-own-pass-1", key_password="old-key-pass-1")
        assert bytes(BureauIdentity.get().private_protected) == b"" and accounts.find("li").holds_key
        assert importer.unlock(s, "li-own-pass-1").fingerprint == s.identity().fingerprint
        accounts.sign_out(s)
        with pytest.raises(BureauPermissionDenied, match="未登录"):
            importer.unlock(s, "old-key-pass-1")


def test_roles_change_and_disabled_accounts_come_back(store):
    liu, zhao, wang = accounts.find("liu"), accounts.find("zhao"), accounts.find("wang")
    with pytest.raises(AccountError, match="不能取消自己正在使用的账号的管理员角色"):
        accounts.set_roles(store, wang.id, [BureauRole.CHIEF, BureauRole.CLERK])
    with pytest.raises(AccountError, match="请至少选择一个角色"):
        accounts.set_roles(store, zhao.id, [])
    # 查询 → 查询 and 科员: the roles change; the key comes with a reset (its password is needed to wrap it)
    row = accounts.set_roles(store, zhao.id, [BureauRole.READER, BureauRole.CLERK])
    assert row.roles == {BureauRole.READER, BureauRole.CLERK} and not row.holds_key
    assert accounts.reset_password(store, zhao.id, "reader-again-11", admin_password=ADMIN_PW).holds_key
    # 科员 → 查询: the key wrap goes with the role
    assert not accounts.set_roles(store, liu.id, [BureauRole.READER]).holds_key
    assert not BureauKeyWrap.select().where(BureauKeyWrap.account == liu.id).exists()
    # a second 管理员; then the first may lose its 管理员 role to the second, never the last one
    accounts.set_roles(store, liu.id, [BureauRole.ADMIN])
    _as(store, "liu", CLERK_PW)
    accounts.set_roles(store, wang.id, [BureauRole.CHIEF, BureauRole.CLERK])
    with pytest.raises(AccountError, match="不能取消自己"):
        accounts.set_roles(store, liu.id, [BureauRole.READER])
    # the key: never taken from the last active account that holds it
    accounts.disable(store, zhao.id)
    with pytest.raises(AccountError, match="唯一持有教育局私钥的账号"):
        accounts.set_roles(store, wang.id, [BureauRole.CHIEF])
    with pytest.raises(AccountError, match="唯一持有教育局私钥的账号"):
        accounts.disable(store, wang.id)
    assert accounts.find("wang").holds_key and accounts.find("wang").active
    # re-enabled: signs in with its own password; the key it lost when disabled comes back with a reset
    row = accounts.enable(store, zhao.id)
    assert row.active and not row.holds_key
    assert _as(store, "zhao", "reader-again-11").username == "zhao"
    with pytest.raises(BureauPermissionDenied, match="需要“管理员”角色"):
        accounts.enable(store, liu.id)
    with pytest.raises(BureauPermissionDenied, match="需要“管理员”角色"):
        accounts.set_roles(store, liu.id, [BureauRole.READER])


def test_the_idle_lock_is_a_setting_of_the_bureau(store):
    assert accounts.idle_lock_minutes() == 10
    accounts.set_idle_lock_minutes(store, 5)
    accounts.set_idle_lock_minutes(store, 3)
    assert accounts.idle_lock_minutes() == 3
    _as(store, "zhao", READER_PW)
    with pytest.raises(BureauPermissionDenied, match="需要“管理员”角色"):
        accounts.set_idle_lock_minutes(store, 0)


# --- the command line -----------------------------------------------------------------------------------

def _xueji(*args, password, user=None, new=None):
    env = {"XUEJI_PASSWORD": password, "XUEJI_NEW_PASSWORD": new or ""}
    if user:
        env["XUEJI_USER"] = user
    return run_xueji("bureau", *args, env=env, at=NOW, stdin=-3)


def test_the_command_line_signs_in_and_refuses_by_role(bureau_target, tmp_path):
    db = ["--db", bureau_target]
    made = _xueji("init", *db, "--name", "测试县教育局", "--county", "210811", "--key-out", tmp_path / "b.xjkey",
                  "--login", "wang", "--display-name", "王局", password=ADMIN_PW)
    assert made.returncode == 0, made.stderr
    added = _xueji("users", "add", *db, "--login", "zhao", "--name", "赵查询", "--role", "查询", password=ADMIN_PW,
                   new=READER_PW)
    assert added.returncode == 0 and "首次登录时须修改密码" in added.stdout, added.stderr
    added = _xueji("users", "add", *db, "--login", "liu", "--name", "刘科员", "--role", "科员", user="wang",
                   password=ADMIN_PW, new=CLERK_PW)
    assert "已为其保管教育局私钥" in added.stdout, added.stderr
    listed = _xueji("users", "list", *db, "--user", "wang", password=ADMIN_PW)
    assert "zhao\t赵查询\t查询\t可用；须修改密码" in listed.stdout and "共 3 个账号" in listed.stdout

    several = _xueji("county", *db, password=ADMIN_PW)  # three accounts: the login name is needed
    assert several.returncode == 2 and "--user" in several.stderr
    must = _xueji("county", *db, user="zhao", password=READER_PW)
    assert must.returncode == 2 and "xueji bureau passwd" in must.stderr
    for login, old, new in (("zhao", READER_PW, "reader-own-22"), ("liu", CLERK_PW, "clerk-own-22")):
        changed = _xueji("passwd", *db, user=login, password=old, new=new)
        assert changed.returncode == 0, changed.stderr

    (tmp_path / "empty").mkdir()
    refused = _xueji("import", *db, tmp_path / "empty", user="zhao", password="reader-own-22")
    assert refused.returncode == 2 and "需要“科员”角色" in refused.stderr and "Traceback" not in refused.stderr
    read = _xueji("county", *db, user="zhao", password="reader-own-22")
    assert read.returncode == 0 and "等待本局审批的申请：0 件" in read.stdout
    clerk = _xueji("approve", *db, "--case", "ZR-2026-0001", user="liu", password="clerk-own-22")
    assert clerk.returncode == 2 and "不能审批申请：需要“科长”角色" in clerk.stderr
    clerk = _xueji("conflicts", *db, "--resolve", "1", "--note", "已与学校电话核实", user="liu",
                   password="clerk-own-22")
    assert clerk.returncode == 2 and "不能处理冲突：需要“科长”角色" in clerk.stderr
    imported = _xueji("import", *db, tmp_path / "empty", user="liu", password="clerk-own-22")
    assert imported.returncode == 2 and "没有找到批次文件" in imported.stdout  # signed in, allowed, nothing there

    wrong = _xueji("county", *db, user="zhao", password="not-this-one")
    assert wrong.returncode == 2 and "再错 4 次" in wrong.stderr
    gone = _xueji("users", "disable", *db, "--login", "zhao", user="wang", password=ADMIN_PW)
    assert gone.returncode == 0, gone.stderr
    disabled = _xueji("county", *db, user="zhao", password="reader-own-22")
    assert disabled.returncode == 2 and "已停用" in disabled.stderr
    nobody = _xueji("users", "list", *db, user="liu", password="clerk-own-22")
    assert nobody.returncode == 2 and "需要“管理员”角色" in nobody.stderr

    back = _xueji("users", "enable", *db, "--login", "zhao", user="wang", password=ADMIN_PW)
    assert back.returncode == 0 and "已启用账号 zhao" in back.stdout, back.stderr
    roles = _xueji("users", "roles", *db, "--login", "zhao", "--role", "查询,科员", user="wang", password=ADMIN_PW)
    assert roles.returncode == 0 and "查询 → 科员、查询" in roles.stdout and "reset-password" in roles.stdout
    last = _xueji("users", "roles", *db, "--login", "wang", "--role", "科长", user="wang", password=ADMIN_PW)
    assert last.returncode == 2 and "不能取消自己正在使用的账号的管理员角色" in last.stderr, last.stderr
    assert "Traceback" not in last.stderr
    read = _xueji("county", *db, user="zhao", password="reader-own-22")
    assert read.returncode == 0, read.stderr

    # an account that keeps the accounts only reads nothing of the county's, from any command
    admin = _xueji("users", "add", *db, "--login", "qian", "--name", "钱管理", "--role", "管理员", user="wang",
                   password=ADMIN_PW, new="admin-start-1")
    assert admin.returncode == 0, admin.stderr
    assert _xueji("passwd", *db, user="qian", password="admin-start-1", new="admin-own-22").returncode == 0
    for command, need in ((["county"], "不能查看全县数据：需要“科长”或“科员”或“查询”角色"),
                          (["export-national", "--out", tmp_path / "all.xlsx"], "不能导出全县学生数据：需要“科长”或“科员”角色")):
        refused = _xueji(*command, *db, user="qian", password="admin-own-22")
        assert refused.returncode == 2 and need in refused.stderr, (command, refused.stderr)
        assert "您的账号（管理员）" in refused.stderr and not refused.stdout and "Traceback" not in refused.stderr
    assert not (tmp_path / "all.xlsx").exists()
    listed = _xueji("users", "list", *db, user="qian", password="admin-own-22")
    assert listed.returncode == 0 and "共 4 个账号" in listed.stdout


def test_an_account_hashed_by_an_older_version_is_rehashed_at_its_next_sign_in(store, monkeypatch):
    from argon2 import PasswordHasher

    from xueji_desktop.core.accounts import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(**passwords.PROGRAM_COSTS))
    older = PasswordHasher().hash(CLERK_PW)  # the library's own costs, as versions before this one stored
    BureauAccount.update(password_hash=older).where(BureauAccount.username == "liu").execute()
    _as(store, "liu", CLERK_PW)
    stored = BureauAccount.get(BureauAccount.username == "liu").password_hash
    assert stored != older and "m=19456,t=2,p=1" in stored and passwords.verify_password(stored, CLERK_PW)
    assert importer.unlock(store, CLERK_PW).fingerprint  # the key's own wrap is another matter: still opens
