"""`xueji import-pupils` as a real process on a real database file."""

import datetime as dt

import openpyxl

from tests.conftest import PASSWORD, make_school, run_xueji
from tests.national_files import school_rows, write_book
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Student

AT = dt.datetime(2026, 12, 7, 10)  # after the release date: no doubt about the PC clock


def xueji(*args, env=None):
    return run_xueji(*args, env={"XUEJI_PASSWORD": PASSWORD, **(env or {})}, at=AT, timeout=120)


def test_dry_run_then_import_then_again(tmp_path):
    db = tmp_path / "school.sqlite3"
    make_school(db, classes_per_grade=1).close()
    rows = school_rows(60)
    rows[5]["身份证号"] = float(rows[5]["身份证号"])
    rows[9]["性别"] = "男" if rows[9]["性别"] == "女" else "女"
    file = write_book(tmp_path / "学生信息.xlsx", {"学生": rows})

    dry = xueji("import-pupils", "--db", db, file, "--dry-run")
    assert dry.returncode == 2, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == "工作表\t行\t列\t内容\t级别\t问题\t依据"
    cells = [line.split("\t") for line in lines[1:]]
    assert {(c[0], c[1], c[4]) for c in cells if c[4] == "禁止"} == {("学生", "7", "禁止"), ("学生", "11", "禁止")}
    assert any(c[1] == "7" and c[2] == "K 列（身份证号）" and "数字单元格" in c[5] for c in cells)
    assert any(c[1] == "11" and "性别与身份证件号第 17 位" in c[5] and c[6] for c in cells)
    assert "检查完毕（未写入）：共 60 行：可导入 58 行，有问题未导入 2 行" in dry.stderr
    ws = Workspace(db)
    assert Student.select().count() == 0
    ws.close()

    rejects = tmp_path / "未导入.xlsx"
    done = xueji("import-pupils", "--db", db, file, "--rejects", rejects)
    assert done.returncode == 2, done.stderr
    assert "已导入 58 名学生；2 行有问题未导入" in done.stderr
    book = openpyxl.load_workbook(rejects)
    firsts = [r[0] for r in book["学生"].iter_rows(max_col=1, values_only=True)]
    book.close()
    assert firsts[0] == "问题说明" and len(firsts) == 3 and "身份证件号是数字单元格" in firsts[1]
    ws = Workspace(db)
    assert Student.select().count() == 58
    assert {e.author.username for e in Event.select().where(Event.kind == "student_enrolled")} == {"registrar"}
    ws.close()

    good = write_book(tmp_path / "good.xlsx", {"学生": school_rows(60)[:5]})
    again = xueji("import-pupils", "--db", db, good)  # nothing to write
    assert again.returncode == 0, again.stderr
    assert "没有新增学生：5 名学生已在本校学籍中（此文件已导入过），未重复导入" in again.stderr


def test_unreadable_file_exits_64_and_a_write_needs_the_password(tmp_path):
    db = tmp_path / "school.sqlite3"
    make_school(db).close()
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名\n张三\n", encoding="utf-8")
    result = xueji("import-pupils", "--db", db, text)
    assert result.returncode == 64 and "未导入：“名单.xlsx”不是 Excel 文件" in result.stderr
    assert "Traceback" not in result.stderr
    file = write_book(tmp_path / "a.xlsx", {"学生": school_rows(3)})
    locked = run_xueji("import-pupils", "--db", db, file, at=AT, env={"XUEJI_PASSWORD": ""}, timeout=120)
    assert locked.returncode == 2 and "需要密码" in locked.stderr
    ws = Workspace(db)
    assert Student.select().count() == 0
    ws.close()
