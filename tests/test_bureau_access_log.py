"""The bureau's access log (查询登记) on a real store (SQLite, then PostgreSQL): the county's export writes one row
with its purpose and its pupils in the same transaction as the workbook, is refused without a purpose in a
script, and reading the log (科长 only) is itself a row."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import load_workbook

from tests.conftest import run_xueji
from xueji_desktop.bureau import access_log, accounts, county, importer
from xueji_desktop.bureau.access_log import BureauAccess, BureauAccessPupil
from xueji_desktop.bureau.accounts import BureauPermissionDenied, BureauRole
from xueji_desktop.bureau.case_models import BureauPupil
from xueji_desktop.bureau.store import RegisteredSchool, open_store
from xueji_desktop.core.accounts.access_log import Action, LogFilter, PurposeRequired

ADMIN_PW = "county-admin-1"
CLERK_PW = "clerk-start-1"
NOW = dt.datetime(2026, 11, 18, 9, 0)
SCHOOL = "2108110001"
PUPILS = [("G210811201801010011", "张小明"), ("G210811201802020022", "李小红"), ("G210811201803030033", "王小刚")]


def _fill(store) -> None:
    """One registered school with three pupils on roll (as an imported batch leaves them)."""
    with store.db.atomic():
        school = RegisteredSchool.create(code=SCHOOL, name="测试县第一中心学校", county="210811",
                                         signing_public=b"k" * 32, fingerprint="f" * 16, registered_at=NOW)
        for seq, (number, name) in enumerate(PUPILS, 1):
            record = {"fields": {"name": name, "student_number": number, "sex": "1"}, "grade": 3}
            BureauPupil.create(school=school, student_number=number, id_number=f"2108112018010100{seq}X", name=name,
                               status="enrolled", grade=3, class_name="1", record=json.dumps(record, ensure_ascii=False),
                               national="{}", updated_seq=seq)


@pytest.fixture
def store(bureau_target, tmp_path, clock):
    """A bureau (王局: 管理员, 科长, 科员) with a 科员, a registered school and three pupils."""
    clock.now = NOW
    importer.init_bureau(bureau_target, "测试县教育局", "210811", ADMIN_PW, key_file=tmp_path / "bureau.xjkey",
                         username="wang", display_name="王局")
    with open_store(bureau_target) as s:
        accounts.sign_in(s, "wang", ADMIN_PW)
        accounts.add_account(s, "liu", "刘科员", [BureauRole.CLERK], CLERK_PW, admin_password=ADMIN_PW)
        _fill(s)
        yield s


def test_the_county_export_writes_one_row_with_its_purpose_and_pupils(store, tmp_path):
    out = tmp_path / "全县.xlsx"
    assert county.export_national(store, out, purpose="上级检查/统计报送") == 3
    [row] = list(BureauAccess.select())
    assert (row.action, row.purpose, row.pupil_count, row.account.username) == ("export", "上级检查/统计报送", 3, "wang")
    assert row.at == NOW and row.target == str(out) and "全县" in row.subject
    named = {(p.school_code, p.student_number, p.name) for p in BureauAccessPupil.select()}
    assert named == {(SCHOOL, n, name) for n, name in PUPILS}
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 4 and {r[rows[0].index("姓名")] for r in rows[1:]} == {name for _, name in PUPILS}


def test_a_question_gets_the_count_and_without_a_purpose_nothing_is_written(store, tmp_path):
    asked = []
    out = tmp_path / "a.xlsx"
    county.export_national(store, out, purpose=lambda n: asked.append(n) or "教育局要求")
    assert asked == [3] and BureauAccess.get().purpose == "教育局要求"
    with pytest.raises(PurposeRequired, match="含 3 名学生.*《全国中小学生学籍管理办法》|含 3 名学生.*须经批准") as e:
        county.export_national(store, tmp_path / "b.xlsx")
    assert e.value.article and e.value.article in e.value.message
    assert not (tmp_path / "b.xlsx").exists() and BureauAccess.select().count() == 1


def test_a_failing_write_leaves_no_row_and_no_file(store, tmp_path, monkeypatch):
    from xueji_desktop.bureau import national_export

    def broken(rows, path, **kw):
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(national_export, "write_national_xlsx", broken)
    out = tmp_path / "x.xlsx"
    with pytest.raises(OSError):
        county.export_national(store, out, purpose="上级检查/统计报送")
    assert BureauAccess.select().count() == 0 and BureauAccessPupil.select().count() == 0 and not out.exists()


def test_reading_the_log_is_logged_and_only_a_chief_reads_it(store, tmp_path):
    county.export_national(store, tmp_path / "a.xlsx", purpose="上级检查/统计报送")
    rows = access_log.read_log(store)
    assert [r.action for r in rows] == ["log_read", "export"]  # newest first: the reading itself shows
    assert rows[1].pupils.startswith("张小明（G210811201801010011）") and rows[1].pupil_count == 3
    assert BureauAccess.select().where(BureauAccess.action == "log_read").count() == 1
    only = access_log.read_log(store, LogFilter(action=Action.EXPORT, pupil="李小红"))
    assert [r.action for r in only] == ["export"]

    accounts.sign_in(store, "liu", CLERK_PW)  # 科员: exports (logged), may not read the log
    county.export_national(store, tmp_path / "b.xlsx", purpose="教育局要求")
    before = BureauAccess.select().count()
    with pytest.raises(BureauPermissionDenied, match="不能查看查询登记：需要“科长”角色"):
        access_log.read_log(store)
    with pytest.raises(BureauPermissionDenied, match="需要“科长”角色"):
        access_log.write_register(store, LogFilter(), tmp_path / "log.pdf")
    assert BureauAccess.select().count() == before and not (tmp_path / "log.pdf").exists()


def test_the_register_as_pdf_and_workbook_logs_its_own_printing(store, tmp_path):
    county.export_national(store, tmp_path / "a.xlsx", purpose="上级检查/统计报送")
    pdf = access_log.write_register(store, LogFilter(), tmp_path / "登记簿.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "学籍信息查阅登记簿" in text and "测试县教育局" in text and "上级检查/统计报送" in text and "王局" in text
    book = access_log.write_register(store, LogFilter(user_name="wang"), tmp_path / "登记簿.xlsx")
    cells = [c for r in load_workbook(book).active.iter_rows(values_only=True) for c in r if c]
    assert "上级检查/统计报送" in cells and "查看日志" in cells
    assert any(str(c).startswith("打印学籍信息查阅登记簿") for c in cells)  # the PDF's own row is in the workbook
    assert [r.subject[:2] for r in BureauAccess.select().where(BureauAccess.action == "log_read")] == ["打印", "导出"]


def _xueji(*args, password=ADMIN_PW, user="wang", at=NOW, new=""):
    env = {"XUEJI_PASSWORD": password, "XUEJI_USER": user, "XUEJI_NEW_PASSWORD": new}
    return run_xueji("bureau", *args, env=env, at=at,
                     stdin=subprocess.DEVNULL)


def test_the_command_line_asks_a_purpose_and_reads_the_log(store, bureau_target, tmp_path):
    store.close()
    db = ["--db", bureau_target]
    refused = _xueji("export-national", *db, "--out", tmp_path / "all.xlsx")
    assert refused.returncode == 2 and "--purpose" in refused.stderr and "未写入任何内容" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "all.xlsx").exists()
    done = _xueji("export-national", *db, "--out", tmp_path / "all.xlsx", "--purpose", "上级检查/统计报送")
    assert done.returncode == 0 and "已导出 3 名" in done.stdout, done.stderr
    listed = _xueji("access-log", *db, "--from", "2026-11-18", "--to", "2026-11-18", at=NOW + dt.timedelta(hours=1))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("时间\t账号") and len(lines) == 3
    assert "\t查看日志\t" in lines[1] and "\t导出\t" in lines[2] and "上级检查/统计报送" in lines[2]
    none = _xueji("access-log", *db, "--to", "2026-11-17", at=NOW + dt.timedelta(hours=2))
    assert none.returncode == 0 and len(none.stdout.splitlines()) == 1  # the header: the reading is today
    # a 科员 is refused the log by name, and the refusal writes nothing
    assert _xueji("passwd", *db, user="liu", password=CLERK_PW, new="clerk-own-22").returncode == 0
    clerk = _xueji("access-log", *db, user="liu", password="clerk-own-22")
    assert clerk.returncode == 2 and "不能查看查询登记：需要“科长”角色" in clerk.stderr and not clerk.stdout
    assert "Traceback" not in clerk.stderr
    with open_store(bureau_target):
        assert [a for (a,) in BureauAccess.select(BureauAccess.action).order_by(BureauAccess.id).tuples()] == [
            "export", "log_read", "log_read"]
