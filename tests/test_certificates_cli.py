"""`xueji certificate issue|list|print|stubs` on real school databases, run as the real command at a pinned moment:
signed in like every command, the exit codes of cli_common (2 for a refusal, nothing written), the rules' articles
in what it says, the PDF with its stub, the purpose asked where the access log needs it."""

from __future__ import annotations

import datetime as dt
import subprocess

from openpyxl import load_workbook

from tests.conftest import pupil_draft, run_xueji
from tests.test_certificates import counts, graduate, school_of, text_of
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import AccessLog, Certificate

TODAY = dt.datetime(2027, 1, 11, 10, 0)  # after the program's release: no doubt about the PC's clock


def test_issue_list_print_and_stubs_in_changzhi(tmp_path):
    """《长治市实施细则》第三十八条: the 学历证明 附件12 from the command line; the second one asks for a reason."""
    ws, grad, left, _ = school_of(tmp_path, "changzhi")
    db = ws.path
    ws.close()
    out = tmp_path / "xl.pdf"
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", grad.student_number, "--kind", "学历证明",
                    "--applicant", "张建国", "--ground", "遗失", "--out", out, at=TODAY)
    assert run.returncode == 0, run.stderr
    assert "毕业证书遗失不予补发（《长治市实施细则》第三十八条）" in run.stdout
    assert "编号 XLZM-2027-0001" in run.stdout
    assert "学历证明存根" in text_of(out) and grad.student_number in text_of(out)
    # the second: a warning without a reason stops it (exit 2), naming the option
    again = tmp_path / "again.pdf"
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", grad.student_number, "--kind", "education",
                    "--applicant", "张建国", "--ground", "lost", "--out", again, at=TODAY)
    assert run.returncode == 2
    assert "原则上只能办理一次" in run.stdout and "--reason certificates.substitute_limit=理由" in run.stdout
    assert "未写入任何内容" in run.stderr and not again.exists()
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", grad.student_number, "--kind", "education",
                    "--applicant", "张建国", "--ground", "lost", "--out", again,
                    "--reason", "certificates.substitute_limit=前一份学历证明遗失", at=TODAY)
    assert run.returncode == 0, run.stderr
    assert "编号 XLZM-2027-0002" in run.stdout
    # the 学习经历证明 is not in 长治's text: refused, exit 2
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", left.student_number, "--kind", "学习经历证明",
                    "--applicant", "赵建", "--out", tmp_path / "no.pdf", at=TODAY)
    assert run.returncode == 2 and "不出具学习经历证明" in run.stdout and not (tmp_path / "no.pdf").exists()
    # list as TSV
    run = run_xueji("certificate", "list", "--db", db, at=TODAY)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("编号\t证明\t学籍号") and [ln.split("\t")[0] for ln in lines[1:]] == [
        "XLZM-2027-0001", "XLZM-2027-0002"]
    # print again, by number, as issued
    run = run_xueji("certificate", "print", "xlzm-2027-0001", "--db", db, "--out", tmp_path / "re.pdf", at=TODAY)
    assert run.returncode == 0, run.stderr
    assert text_of(tmp_path / "re.pdf") == text_of(out)
    run = run_xueji("certificate", "print", "XLZM-2027-0077", "--db", db, at=TODAY)
    assert run.returncode == 2 and "没有编号为“XLZM-2027-0077”" in run.stderr


def test_stubs_ask_a_purpose_for_several_pupils(tmp_path):
    """结业证书存根 (《长治市实施细则》第六条（七）, 附件11) of two pupils: a script without --purpose stops (exit 2)."""
    ws, _, _, here = school_of(tmp_path, "changzhi")
    graduate(ws, here, outcome="completed", number="JY001")
    db = ws.path
    third, _ = enrolment.enrol(ws, pupil_draft("周结业", dt.date(2014, 12, 1), 455, grade=6, new=False,
                                               entry_month="2020-09"))
    graduate(ws, third, outcome="completed", number="JY002")
    before = counts()
    ws.close()
    run = run_xueji("certificate", "stubs", "completion", "--db", db, "--year", "2025", "--out", tmp_path / "jy.pdf",
                    at=TODAY, stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "--purpose" in run.stderr and not (tmp_path / "jy.pdf").exists()
    run = run_xueji("certificate", "stubs", "结业", "--db", db, "--year", "2025", "--out", tmp_path / "jy.pdf",
                    "--purpose", "存档", at=TODAY)
    assert run.returncode == 0, run.stderr
    text = text_of(tmp_path / "jy.pdf")
    assert "结业证书存根" in text and "孙在校" in text and "周结业" in text and "JY002" in text
    ws = Workspace(db)
    assert counts()[2] == before[2] + 1
    assert AccessLog.select().order_by(AccessLog.id.desc()).first().purpose == "存档"
    assert Certificate.select().count() == 0
    ws.close()
    run = run_xueji("certificate", "stubs", "completion", "--db", db, at=TODAY)
    assert run.returncode == 2 and "请给出学年" in run.stderr


def test_learning_record_in_heilongjiang(tmp_path):
    """《黑龙江省实施细则》第三十一条 from the command line: the pupil who left has one, the one at school is refused."""
    ws, _, left, here = school_of(tmp_path, "heilongjiang")
    db = ws.path
    ws.close()
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", here.student_number, "--kind", "learning_record",
                    "--applicant", "孙", "--out", tmp_path / "no.pdf", at=TODAY)
    assert run.returncode == 2 and "学籍仍在本校" in run.stdout and "第三十一条" in run.stdout
    run = run_xueji("certificate", "issue", "--db", db, "--pupil", left.student_number, "--kind", "学习经历证明",
                    "--applicant", "赵建", "--out", tmp_path / "xx.pdf", at=TODAY)
    assert run.returncode == 0, run.stderr
    assert "编号 XXJL-2027-0001" in run.stdout and "学习经历证明存根" in text_of(tmp_path / "xx.pdf")
    run = run_xueji("certificate", "list", "--db", db, "--kind", "learning_record", "--year", "2027", at=TODAY)
    assert [ln.split("\t")[3] for ln in run.stdout.splitlines()[1:]] == ["赵大山"]
    # one pupil's stubs: no purpose asked
    run = run_xueji("certificate", "stubs", "learning_record", "--db", db, "--out", tmp_path / "st.xlsx", at=TODAY,
                    stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    cells = [c.value for row in load_workbook(tmp_path / "st.xlsx").active.iter_rows() for c in row if c.value]
    assert "XXJL-2027-0001" in cells and "学习经历证明存根" in cells
    run = run_xueji("certificate", "stubs", "completion", "--db", db, "--year", "2026", at=TODAY)
    assert run.returncode == 2 and "未列出“结业证书存根”" in run.stderr
