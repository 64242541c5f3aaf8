"""Bureau review and replies through the real `xueji` commands: list what waits, approve and refuse,
write the reply to a stick, the school imports it (twice: the second time changes nothing), the county
view and the national export."""

import datetime as dt

from openpyxl import load_workbook

from tests.conftest import run_xueji
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, build_demo
from xueji_desktop.core.exchange.keys import read_public_key_file

BUREAU_PASSWORD = "bureau-pass-1"


def xueji(*args, cwd):
    """A command on 2026-12-07 at the school and at the bureau alike: one clock."""
    password = BUREAU_PASSWORD if args[0] == "bureau" else DEMO_PASSWORD  # the bureau's own account
    return run_xueji(*args, cwd=cwd, env={"XUEJI_PASSWORD": password}, at=dt.datetime(2026, 12, 7, 10))


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_review_reply_and_import_reply(tmp_path):
    build_demo(tmp_path / "school.sqlite3", pupils=120)
    ok(xueji("keys", "create", "--db", "school.sqlite3", cwd=tmp_path))
    ok(xueji("keys", "show", "--db", "school.sqlite3", "--write-key", "school.xjkey", cwd=tmp_path))
    ok(xueji("bureau", "init", "--db", "bureau.sqlite3", "--name", "方正县教育局", "--county", "230124",
             "--key-out", "bureau.xjkey", "--display-name", "李科长", cwd=tmp_path))
    letter = read_public_key_file(tmp_path / "bureau.xjkey").fingerprint
    ok(xueji("keys", "trust-bureau", "--db", "school.sqlite3", "--key", "bureau.xjkey", "--fingerprint", letter,
             cwd=tmp_path))
    (tmp_path / "stick").mkdir()
    ok(xueji("export", "--db", "school.sqlite3", "--to", "stick", cwd=tmp_path))
    ok(xueji("bureau", "register-school", "--db", "bureau.sqlite3", "--key", "school.xjkey", cwd=tmp_path))
    ok(xueji("bureau", "import", "--db", "bureau.sqlite3", "stick", cwd=tmp_path))

    listed = ok(xueji("bureau", "cases", "--db", "bureau.sqlite3", cwd=tmp_path))
    waiting = [line.split("\t") for line in listed.splitlines() if "\t" in line]
    assert waiting and listed.splitlines()[-1] == f"共 {len(waiting)} 件申请等待本局审批"
    assert all(row[3].startswith("待") and row[2] for row in waiting)  # every case names its pupil
    first, second = waiting[0][0], (waiting[1][0] if len(waiting) > 1 else None)

    short = xueji("bureau", "reject", "--db", "bureau.sqlite3", "--case", first, "--note", "不行",
                  cwd=tmp_path)
    assert short.returncode != 0 and "至少 4 个字" in short.stderr
    approved = ok(xueji("bureau", "approve", "--db", "bureau.sqlite3", "--case", first, cwd=tmp_path))
    assert f"申请 {first}" in approved and "同意" in approved
    twice = xueji("bureau", "approve", "--db", "bureau.sqlite3", "--case", first, cwd=tmp_path)
    assert twice.returncode != 0 and "已作出" in twice.stderr
    if second:
        ok(xueji("bureau", "reject", "--db", "bureau.sqlite3", "--case", second,
                 "--note", "证明材料不全，请补充医院诊断证明", cwd=tmp_path))
    remaining = ok(xueji("bureau", "cases", "--db", "bureau.sqlite3", cwd=tmp_path))
    assert first not in remaining

    code = read_public_key_file(tmp_path / "school.xjkey").code
    (tmp_path / "reply").mkdir()
    written = ok(xueji("bureau", "reply", "--db", "bureau.sqlite3", "--school", code, "--to", "reply", cwd=tmp_path))
    assert "回执第 1 批" in written and "校验无误" in written
    assert [p.name for p in (tmp_path / "reply" / "xueji").iterdir()] == [f"{code}-回执-00001.xjr"]

    imported = ok(xueji("import-reply", "--db", "school.sqlite3", "reply", cwd=tmp_path))
    assert "已被教育局接收" in imported and f"申请 {first}" in imported and "已导入 1 份" in imported
    again = ok(xueji("import-reply", "--db", "school.sqlite3", "reply", cwd=tmp_path))
    assert "此前已导入 1 份" in again
    wrong = xueji("import-reply", "--db", "school.sqlite3", "stick", cwd=tmp_path)
    assert wrong.returncode != 0  # a stick with change batches only: no reply there

    county = ok(xueji("bureau", "county", "--db", "bureau.sqlite3", cwd=tmp_path))
    assert code in county and "等待本局审批的申请" in county
    out = ok(xueji("bureau", "export-national", "--db", "bureau.sqlite3", "--out", "全县.xlsx",
                   "--purpose", "上级检查/统计报送", cwd=tmp_path))
    count = int(out.split("已导出 ")[1].split(" ")[0])
    sheet = load_workbook(tmp_path / "全县.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == count + 1 and count > 100
    id_col = rows[0].index("身份证件号")  # the Ministry's 学生基本信息表 by default
    assert all(isinstance(r[id_col], str) and len(r[id_col]) == 18 for r in rows[1:])
    out = ok(xueji("bureau", "export-national", "--db", "bureau.sqlite3", "--out", "模板.xlsx", "--layout", "template",
                   "--purpose", "上级检查/统计报送",
                   cwd=tmp_path))
    assert "学生信息导入模板" in out
    header = next(load_workbook(tmp_path / "模板.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert "身份证号" in header and "姓名拼音" not in header
