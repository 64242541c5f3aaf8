"""辍学学生情况报告: the PDF for one pupil or all, addressed as the region's text says, with the pupil, the
article and the contact attempts; and `xueji form dropout-report` from the command line."""

from __future__ import annotations

import subprocess
import sys

from pypdf import PdfReader

from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.dropout_control import dropout_cases as wf
from xueji_desktop.core.forms.dropout_report import render_dropout_report

from .conftest import pupil_draft
from .test_cli import xueji
from .test_dropout import D, absent, school_with_pupil
from .test_dropout_workflow import attempt


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages).replace(" ", "").replace("\n", "")


def liangshan_dropout(tmp_path):
    ws, pupil = school_with_pupil(tmp_path, "liangshan", migrant_child="1")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 12, 4))
    draft = wf.new_draft(ws, CaseKind.DROPOUT, pupil.id)
    draft.ground_id, draft.declared = "dropout.family_refusal", {"family_reason": True}
    draft.details["attempts"] = [attempt("2026-11-20"), attempt("2026-12-03", "refused", "家访", "母亲 李桂兰")]
    draft.details["measures"] = "班主任和校长两次家访"
    wf.record(ws, draft)
    return ws, pupil


def test_report_for_one_pupil(tmp_path):
    ws, pupil = liangshan_dropout(tmp_path)
    out = tmp_path / "one.pdf"
    render_dropout_report(ws, out, pupil.student_number)
    text = text_of(out)
    for expected in ("辍学学生情况报告", "当地乡镇人民政府（街道办事处）、县级教育行政部门", pupil.name,
                     pupil.student_number, "三年级(1)班", "《凉山州规定》二(四)", "母亲李桂兰", "家访",
                     "联系上，拒绝返校", "班主任和校长两次家访", "学期末将学籍档案转回户籍所在县", "校长（签字）",
                     "学校（盖章）", "疑似辍学0人、辍学1人"):
        assert expected in text, expected
    ws.close()


def test_report_for_all_lists_every_current_dropout(tmp_path):
    ws, pupil = liangshan_dropout(tmp_path)
    enrolment.enrol(ws, pupil_draft(name="李四", seq=449, grade=3, new=False, birth=D(2018, 5, 1)))
    out = tmp_path / "all.pdf"
    render_dropout_report(ws, out, purpose="上级检查/统计报送")
    text = text_of(out)
    assert pupil.name in text and "李四" not in text and "本次报告1人" in text
    ws.close()


def test_cli_form_dropout_report(tmp_path):
    ws, pupil = liangshan_dropout(tmp_path)
    db = ws.db.database
    ws.close()
    out = tmp_path / "cli.pdf"
    result = xueji("form", "dropout-report", "--student", pupil.student_number, "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert pupil.name in text_of(out) and "《凉山州规定》二(四)" in text_of(out)
    result = xueji("form", "dropout-report", "--purpose", "教育局要求", "--out", str(tmp_path / "all.pdf"), db=db)
    assert result.returncode == 0 and "已生成" in result.stdout
    result = xueji("form", "dropout-report", "--student", "G000", "--out", str(tmp_path / "x.pdf"), db=db)
    assert result.returncode != 0 and "没有学籍号为 G000 的学生" in result.stderr
    assert "dropout-report" in subprocess.run([sys.executable, "-m", "xueji_desktop", "form", "--help"],
                                              capture_output=True, text=True, check=False).stdout


def test_changzhi_report_goes_to_the_three_offices_its_article_names(tmp_path):
    """《长治市实施细则》第三十三条: 书面上报当地乡镇人民政府、县级教育行政部门和学籍主管部门 — one copy each."""
    ws, pupil = school_with_pupil(tmp_path, "changzhi")
    absent(ws, pupil, D(2026, 11, 2), D(2026, 11, 3))
    draft = wf.new_draft(ws, CaseKind.DROPOUT, pupil.id)
    wf.record(ws, draft)
    out = tmp_path / "cz.pdf"
    render_dropout_report(ws, out, pupil.student_number)
    text = text_of(out)
    for expected in ("当地乡镇人民政府（街道办事处）、县级教育行政部门、学籍主管部门", "《长治市实施细则》第三十三条",
                     "一式四份", pupil.name, "2026-11-02起连续无故缺席2个上课日"):
        assert expected in text, expected
    ws.close()


def test_liangshan_report_goes_to_the_three_offices_its_text_names(tmp_path):
    """《凉山州规定》二(四): 书面上报当地乡镇人民政府、县级教育行政部门和学籍主管部门 — one copy each, one kept."""
    ws, pupil = liangshan_dropout(tmp_path)
    out = tmp_path / "ls.pdf"
    render_dropout_report(ws, out, pupil.student_number)
    text = text_of(out)
    for expected in ("当地乡镇人民政府（街道办事处）、县级教育行政部门、学籍主管部门", "《凉山州规定》二(四)", "一式四份"):
        assert expected in text, expected
    ws.close()
