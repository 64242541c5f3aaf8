"""`xueji backup`, `backups`, `restore` as a registrar runs them, and a damaged database refused."""

from __future__ import annotations

import datetime as dt
import os

from .conftest import PASSWORD, make_school, run_xueji

AT = dt.datetime(2026, 9, 1, 10, 0)


def test_backup_list_sealed_copy_and_restore_from_the_command_line(tmp_path):
    db = tmp_path / "school.sqlite3"
    make_school(db).close()
    env = {"XUEJI_PASSWORD": PASSWORD, "XUEJI_USER": "registrar", "STICK_PASS": "stick-pass-1"}
    done = run_xueji("backup", "--db", db, env=env, at=AT)
    assert done.returncode == 0, done.stderr
    plain = done.stdout.strip()
    assert plain.endswith("-2108110001-manual.xjbak") and "已备份并检查" in done.stderr
    done = run_xueji("backup", "--db", db, "--to", tmp_path / "stick", "--passphrase-env", "STICK_PASS", env=env,
                     at=AT + dt.timedelta(minutes=1))
    assert done.returncode == 0, done.stderr
    sealed = done.stdout.strip()
    assert sealed.endswith(".xjenc") and os.path.dirname(sealed) == str(tmp_path / "stick" / "xueji")

    listed = run_xueji("backups", "--db", db, at=AT)
    assert listed.returncode == 0 and "2026-09-01 10:00:00\t2108110001\t手动" in listed.stdout
    listed = run_xueji("backups", "--db", db, "--folder", tmp_path / "stick", at=AT)
    assert "加密（U 盘）" in listed.stdout

    refused = run_xueji("restore", "--db", db, sealed, "--passphrase-env", "STICK_PASS", env={**env, "STICK_PASS": "nope"},
                        at=AT + dt.timedelta(minutes=2))
    assert refused.returncode == 2 and "密码不正确" in refused.stderr
    done = run_xueji("restore", "--db", db, sealed, "--passphrase-env", "STICK_PASS", env=env,
                     at=AT + dt.timedelta(minutes=3))
    assert done.returncode == 0, done.stderr
    assert "学校：测试县第一中心学校（2108110001）" in done.stdout and "已恢复" in done.stderr
    assert list(tmp_path.glob("school.sqlite3.replaced-*"))


def test_a_damaged_database_is_refused_by_every_command(tmp_path):
    db = tmp_path / "school.sqlite3"
    make_school(db).close()
    data = bytearray(db.read_bytes())
    data[2 * 4096:4 * 4096] = b"\xff" * (2 * 4096)
    db.write_bytes(bytes(data))
    done = run_xueji("list", "--db", db, env={"XUEJI_PASSWORD": PASSWORD}, at=AT)
    assert done.returncode == 2 and "数据库文件已损坏" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == bytes(data)
