"""`xueji discipline` on real school files, in real processes: add, list, notice, notify, revoke and the appeal's
steps; refusals exit 2 naming the article and write nothing; every command signs in; a listing and a print are
access-log entries."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from tests.conftest import make_school, pupil_draft, run_xueji
from xueji_desktop.core.admission import enrolment
from xueji_desktop.store.models import AccessLog, Case, CaseStep, Discipline, Event

TODAY = dt.date(2026, 12, 8)  # after the release date: no doubt about the PC clock
AT = dt.datetime(2026, 12, 8, 10, 0)


@pytest.fixture
def hlj(tmp_path):
    ws = make_school(tmp_path / "hlj.sqlite3", profile_id="heilongjiang", today=TODAY)
    student, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=4, new=False, birth=dt.date(2016, 3, 7)))
    ws.number = student.student_number
    yield ws
    ws.close()


def xueji(ws, *args, env=None):
    return run_xueji(*args, "--db", ws.path, at=AT, env=env)


def add_demerit(ws) -> int:
    run = xueji(ws, "discipline", "add", "punishment", "--pupil", ws.number, "--level", "记过",
                "--reason", "多次在课间打架，经教育不改", "--date", "2026-12-02", "--by", "本校", "--doc", "校发〔2026〕3号")
    assert run.returncode == 0, run.stderr
    assert "记入学籍档案" in run.stderr
    return int(run.stdout.strip())


def test_add_list_notice_notify_revoke(hlj, tmp_path):
    ident = add_demerit(hlj)
    run = xueji(hlj, "discipline", "add", "reward", "--pupil", hlj.number, "--level", "县级", "--title", "优秀少先队员",
                "--by", "县教育局")
    assert run.returncode == 0, run.stderr
    run = xueji(hlj, "discipline", "list", "--pupil", hlj.number)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("编号\t学籍号\t姓名\t类别") and len(lines) == 3
    assert f"{ident}\t{hlj.number}\t王小明\t处分\t记过\t多次在课间打架，经教育不改\t2026-12-02" in run.stdout
    assert "未告知" in run.stdout
    out = tmp_path / "notice.pdf"
    run = xueji(hlj, "discipline", "notice", str(ident), "--out", out)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "学生处分告知书" in text and "王小明" in text
    run = xueji(hlj, "discipline", "notify", str(ident), "--how", "当面送达")
    assert run.returncode == 0 and "2026-12-08" in run.stderr
    run = xueji(hlj, "discipline", "revoke", str(ident), "--reason", "表现良好，经研究撤销")
    assert run.returncode == 0, run.stderr
    row = Discipline.get_by_id(ident)
    assert row.notified_on == TODAY and row.revoked_on == TODAY and not row.in_archive
    kinds = [e.kind for e in Event.select().order_by(Event.seq)][-4:]
    assert kinds == ["punishment_recorded", "reward_recorded", "discipline_notified", "discipline_revoked"]
    logged = [(a.action, a.subject) for a in AccessLog.select().order_by(AccessLog.id)]
    assert ("print", "学生处分告知书") in logged and ("open", f"奖励与处分（xueji discipline list --pupil {hlj.number}）") \
        in logged


def test_a_kind_the_region_lacks_exits_2_citing_the_article(hlj):
    run = xueji(hlj, "discipline", "add", "punishment", "--pupil", hlj.number, "--level", "严重警告",
                "--reason", "多次在课间打架，经教育不改", "--by", "本校")
    assert run.returncode == 2
    assert "《黑龙江省实施细则》第三十六条" in run.stderr and "Traceback" not in run.stderr
    run = xueji(hlj, "discipline", "add", "punishment", "--pupil", hlj.number, "--level", "开除学籍",
                "--reason", "多次在课间打架，经教育不改", "--by", "本校")
    assert run.returncode == 2 and "不得以任何理由劝其退学或开除学籍" in run.stderr
    run = xueji(hlj, "discipline", "add", "punishment", "--pupil", "G000", "--level", "记过", "--by", "本校")
    assert run.returncode == 1 and "没有学籍号为 G000" in run.stderr
    run = xueji(hlj, "discipline", "notice", "999", "--out", "x.pdf")
    assert run.returncode == 2 and "没有编号为 999 的处分记录" in run.stderr
    run = xueji(hlj, "discipline", "revoke", "999", "--reason", "记录有误需撤销")
    assert run.returncode == 2 and "没有编号为 999" in run.stderr and "Traceback" not in run.stderr
    run = xueji(hlj, "discipline", "add", "reward", "--pupil", hlj.number, "--level", "县级", "--by", "本校",
                "--date", "2026-13-01")
    assert run.returncode == 2 and "不是日期" in run.stderr
    assert not Discipline.select().exists()


def test_every_command_signs_in(hlj):
    run = xueji(hlj, "discipline", "list", env={"XUEJI_PASSWORD": "wrong-password"})
    assert run.returncode == 2 and "未能登录" in run.stderr
    assert not AccessLog.select().exists()


def test_the_appeal_from_the_command_line(hlj):
    ident = add_demerit(hlj)
    run = xueji(hlj, "discipline", "appeal", "open", str(ident), "--grounds", "事实认定有误", "--date", "2026-12-07")
    assert run.returncode == 0, run.stderr
    number = run.stdout.strip()
    assert number.startswith("SS-2026-")
    run = xueji(hlj, "discipline", "appeal", "file", number)
    assert run.returncode == 2 and "办理顺序" in run.stderr
    run = xueji(hlj, "discipline", "appeal", "review", number, "--decision", "kept", "--person", "学生申诉处理委员会")
    assert run.returncode == 0 and "期限 2026-12-17" in run.stderr, run.stderr
    run = xueji(hlj, "discipline", "list", "--appeals")
    assert f"{number}\t王小明\t处分：记过" in run.stdout and "2026-12-17" in run.stdout
    run = xueji(hlj, "discipline", "appeal", "file", number)
    assert run.returncode == 0 and "期限 2026-12-29" in run.stderr, run.stderr
    run = xueji(hlj, "discipline", "appeal", "answer", number, "--decision", "upheld", "--person", "县教育局")
    assert run.returncode == 0, run.stderr
    case = Case.get(Case.number == number)
    assert case.status == "completed" and [s.outcome for s in CaseStep.select().where(CaseStep.case == case)
                                          .order_by(CaseStep.seq)] == ["rejected", "approved", "approved"]
    assert Discipline.get_by_id(ident).revoked_on == TODAY
    revoked = Event.select().where(Event.kind == "discipline_revoked").get()
    assert "《黑龙江省实施细则》第三十八条" in json.loads(revoked.articles)
