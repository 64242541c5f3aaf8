"""The access log (查询登记): one row per open, print and export, written in the same transaction as the
action; the purpose asked before a print or export of several pupils; the 审计 view's filters; reading the
log is logged; accounts without 查看日志 are refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft
from xueji_desktop.core.accounts import access_log
from xueji_desktop.core.accounts.access_log import Action, LogFilter, PurposeCancelled, PurposeRequired
from xueji_desktop.core.accounts.passwords import hash_password
from xueji_desktop.core.accounts.roles import PermissionDenied
from xueji_desktop.core.admission.enrolment import enrol
from xueji_desktop.store.models import AccessLog, AccessPupil, User


def add_user(username: str, role: str, display_name: str = "") -> User:
    return User.create(username=username, display_name=display_name or username, password_hash=hash_password(PASSWORD),
                       role=role)


@pytest.fixture
def school3(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3", profile_id="changzhi")
    pupils = [enrol(ws, pupil_draft(name=name, seq=seq))[0]
              for name, seq in (("张三", 447), ("李四", 448), ("王小喆", 449))]
    ws.pupils = pupils
    yield ws
    ws.close()


def rows(db_path) -> list[tuple]:
    """The log as another program sees it: only what was committed."""
    with sqlite3.connect(db_path) as con:
        return con.execute("SELECT action, subject, purpose, pupil_count, target FROM access_log ORDER BY id").fetchall()


def test_an_open_is_one_row_naming_the_account_and_the_pupil(school3):
    ws, (a, b, _) = school3, school3.pupils
    last: dict = {}
    assert access_log.open_once(ws, a.id, last)
    assert not access_log.open_once(ws, a.id, last)  # the same pupil again: a repaint, not a new look
    assert access_log.open_once(ws, b.id, last)
    assert rows(ws.path) == [("open", "学生信息（详情）", "", 1, ""), ("open", "学生信息（详情）", "", 1, "")]
    row = AccessLog.select().order_by(AccessLog.id).first()
    assert row.user.username == "registrar" and row.at == ws.now() and row.pc_time is not None
    assert [p.student.name for p in row.pupils] == ["张三"]
    assert access_log.rows_of_pupil(b.id)[0][1:] == ("registrar", "查看")


def test_a_failing_print_leaves_no_row_and_no_file(school3, tmp_path):
    ws, pupils = school3, school3.pupils
    out = tmp_path / "名册.pdf"
    with pytest.raises(RuntimeError), access_log.logged(ws, Action.PRINT, "在校生分班名册", pupils,
                                                         purpose="上级检查/统计报送", target=out):
        out.write_bytes(b"%PDF-half")
        raise RuntimeError("the font lacks a glyph")
    assert rows(ws.path) == [] and AccessPupil.select().count() == 0
    assert not out.exists()  # the file written inside went with the row


def test_the_row_commits_with_the_action_and_joins_an_open_transaction(school3, tmp_path):
    ws, pupils = school3, school3.pupils
    out = tmp_path / "名册.xlsx"
    with access_log.logged(ws, Action.EXPORT, "在校生分班名册", pupils, purpose="转学办理", target=out):
        out.write_bytes(b"xlsx")
        assert rows(ws.path) == []  # not visible to another connection before the commit
    assert rows(ws.path) == [("export", "在校生分班名册", "转学办理", 3, str(out))]
    with pytest.raises(RuntimeError), ws.db.atomic():  # the caller's transaction fails after the row
        access_log.record(ws, Action.EXPORT, "变更批次第 1 批", pupils[:1], purpose=access_log.BATCH_PURPOSE)
        raise RuntimeError("the stick was pulled out")
    assert len(rows(ws.path)) == 1


def test_several_pupils_need_a_purpose_one_does_not(school3):
    ws, pupils = school3, school3.pupils
    with pytest.raises(PurposeRequired) as e:
        access_log.record(ws, Action.PRINT, "学生基本信息表", pupils)
    assert "《长治市实施细则》第四十四条" in e.value.message and "3 名学生" in e.value.message
    asked = []
    with pytest.raises(PurposeCancelled):  # the question declined: nothing written
        access_log.record(ws, Action.EXPORT, "名册", pupils, purpose=lambda n: asked.append(n))
    assert asked == [3] and rows(ws.path) == []
    access_log.record(ws, Action.PRINT, "学生基本信息表", pupils[:1], purpose=lambda n: pytest.fail("asked"))
    access_log.record(ws, Action.EXPORT, "名册", pupils, purpose=lambda n: "家长申请查阅")
    assert [r[2] for r in rows(ws.path)] == ["", "家长申请查阅"]
    assert access_log.purpose_text(ws.profile, "other", " 派出所户籍核对 ") == "派出所户籍核对"
    assert access_log.purpose_text(ws.profile, "aid") == "资助/营养餐核对"


def test_the_audit_view_filters_by_person_pupil_date_and_action_and_is_logged(school3):
    ws, (a, b, c) = school3, school3.pupils
    viewer = add_user("chaxun", "viewer", "赵老师")
    auditor = add_user("shenji", "auditor", "钱老师")
    clock = ws.test_clock
    access_log.record(ws, Action.OPEN, "学生信息（详情）", [a])
    clock.now = dt.datetime(2026, 9, 3, 10, 0)
    access_log.record(viewer, Action.OPEN, "学生信息（详情）", [b])
    clock.now = dt.datetime(2026, 9, 5, 15, 30)
    access_log.record(ws, Action.PRINT, "在校生分班名册", [a, b, c], purpose="教育局要求")
    ws.user = auditor
    page = access_log.read_log(ws, LogFilter(user_id=viewer.id))
    assert [(r.username, r.pupils) for r in page.rows] == [("chaxun", f"李四（{b.student_number}）")]
    page = access_log.read_log(ws, LogFilter(pupil="张三"))
    assert [r.subject for r in page.rows] == ["在校生分班名册", "学生信息（详情）"]
    assert page.rows[0].pupils.count("（") == 3 and page.rows[0].purpose == "教育局要求"
    page = access_log.read_log(ws, LogFilter(pupil=c.student_number[-6:]))
    assert page.total == 1
    page = access_log.read_log(ws, LogFilter(start=dt.date(2026, 9, 2), end=dt.date(2026, 9, 3)))
    assert [r.username for r in page.rows] == ["chaxun"]
    page = access_log.read_log(ws, LogFilter(action=Action.LOG_READ))
    assert page.total == 5  # this query and the four before it, each by the auditor
    assert {r.username for r in page.rows} == {"shenji"} and page.rows[0].subject == "查阅登记（操作 查看日志）"


def test_an_account_without_read_logs_is_refused(school3):
    ws = school3
    with pytest.raises(PermissionDenied) as e:
        access_log.read_log(ws)  # the registrar: 管理员 and 学籍管理员, not 审计
    assert "审计" in e.value.message
    ws.user = add_user("chaxun", "viewer")
    with pytest.raises(PermissionDenied):
        access_log.record(ws, Action.EXPORT, "名册", ws.pupils[:1])
    with pytest.raises(PermissionDenied) as e:
        access_log.record(ws, Action.PRINT, "名册", ws.pupils, purpose="教育局要求")
    assert "打印" in e.value.message
    assert rows(ws.path) == []


def test_command_line_purpose_the_register_of_the_log_and_its_refusal(school3, tmp_path):
    """`xueji print-register` without --purpose in a script: exit 2 naming --purpose and 第四十四条, nothing
    logged; with it, one row. `xueji access-log` refused without 审计; with it, the PDF register read back."""
    from tests.conftest import run_xueji

    ws = school3
    at = ws.now()
    add_user("shenji", "auditor", "钱老师")
    ws.close()
    db = str(ws.path)
    refused = run_xueji("print-register", "--db", db, "--user", "registrar", "classes", "--out", tmp_path / "r.pdf", at=at)
    assert refused.returncode == 2, refused.stderr
    assert "--purpose" in refused.stderr and "《长治市实施细则》第四十四条" in refused.stderr
    assert rows(db) == [] and not (tmp_path / "r.pdf").exists()
    done = run_xueji("print-register", "--db", db, "--user", "registrar", "classes", "--purpose", "教育局要求",
                     "--out", tmp_path / "r.pdf", at=at)
    assert done.returncode == 0, done.stderr
    listed = run_xueji("list", "--db", db, "--user", "registrar", "--search", "李四", at=at)
    assert listed.returncode == 0 and "李四" in listed.stdout
    assert [r[:4] for r in rows(db)] == [("print", "在校生分班名册", "教育局要求", 3),
                                         ("open", "学生名单（xueji list --search 李四）", "", 1)]
    no = run_xueji("access-log", "--db", db, "--user", "registrar", at=at)
    assert no.returncode == 2 and "审计" in no.stderr
    pdf = tmp_path / "登记簿.pdf"
    yes = run_xueji("access-log", "--db", db, "--user", "shenji", "--student", "李四", "--out", pdf, at=at)
    assert yes.returncode == 0, yes.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("学籍信息查阅登记簿", "时间", "账号", "用途", "registrar", "在校生分班名册", "教育局要求", "李四",
                 "《长治市实施细则》第四十四条"):
        assert word in text, word
    assert rows(db)[-1][:2] == ("log_read", "打印学籍信息查阅登记簿（学生 李四）")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5000
    tsv = run_xueji("access-log", "--db", db, "--user", "shenji", "--action", "open", at=at)
    assert tsv.returncode == 0 and tsv.stdout.count("\n") == 2 and "查看" in tsv.stdout


def test_a_batch_written_to_a_stick_is_one_export_row_of_its_pupils_with_the_implied_purpose(school3, tmp_path,
                                                                                            monkeypatch):
    """outbox.record_written: the batch's file record and one 导出 row (向教育局报送学籍变动, never asked) naming
    the pupils of that batch's events, in one transaction; a write that fails leaves no row."""
    import errno
    import os

    from xueji_desktop.core.exchange import keys, outbox, school_keys, stick
    from xueji_desktop.store.models import OutboxBatch

    ws, pupils = school3, school3.pupils
    bureau = keys.BureauKeys.generate()
    key_file = tmp_path / "bureau.xjkey"
    keys.write_public_key_file(key_file, keys.bureau_public_key_file(bureau, code="140400", name="长治市教育局"))
    school_keys.create_keys(ws, PASSWORD)
    school_keys.trust_bureau(ws, key_file, bureau.fingerprint)

    def exports() -> list[tuple]:
        return [(r.action, r.subject, r.purpose, r.pupil_count, r.target, sorted(p.student_id for p in r.pupils),
                 r.user.username) for r in AccessLog.select().where(AccessLog.action == "export").order_by(AccessLog.id)]

    first = outbox.export_to(ws, PASSWORD, tmp_path / "stick")
    assert first.failed is None and len(first.written) == 1
    written = first.written[0]
    assert exports() == [("export", f"变更批次第 1 批（{written.event_count} 项变更）", access_log.BATCH_PURPOSE, 3,
                          str(written.path), sorted(p.id for p in pupils), "registrar")]
    assert OutboxBatch.get(OutboxBatch.batch_no == 1).written_to == str(written.path)
    assert rows(ws.path)[-1][:4] == ("export", exports()[0][1], "向教育局报送学籍变动", 3)  # committed
    # the next batch names only its own pupil; a stick that is full leaves the batch unwritten and no row
    fourth, _ = enrol(ws, pupil_draft(name="赵六", seq=450))
    real_write = os.write
    monkeypatch.setattr(stick.os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    failed = outbox.export_to(ws, PASSWORD, tmp_path / "stick2")
    monkeypatch.setattr(stick.os, "write", real_write)
    assert failed.failed is not None and failed.written == [] and len(exports()) == 1
    second = outbox.export_to(ws, PASSWORD, tmp_path / "stick2")  # batch 1 (not yet acknowledged) again, and 2
    assert [w.batch_no for w in second.written] == [1, 2]
    assert [r[1:6] for r in exports()[1:]] == [
        (exports()[0][1], access_log.BATCH_PURPOSE, 3, str(second.written[0].path), sorted(p.id for p in pupils)),
        (f"变更批次第 2 批（{second.written[1].event_count} 项变更）", access_log.BATCH_PURPOSE, 1,
         str(second.written[1].path), [fourth.id])]
