"""The printed side of rewards and punishments: the 学生处分告知书 (黑龙江 第三十七条) as a real PDF with the
region's sentences and articles, logged as a print; the 学籍卡片 listing what the archive holds (黑龙江 第三十八条:
a revoked punishment is removed)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.discipline import records
from xueji_desktop.core.discipline.records import DisciplineDraft
from xueji_desktop.core.forms.archive_common import ArchiveFormError
from xueji_desktop.core.forms.archive_forms import print_archive_form
from xueji_desktop.core.forms.discipline_notice import print_notice
from xueji_desktop.store.models import AccessLog, AccessPupil

TODAY = dt.date(2026, 11, 10)


def text_of(pdf: Path) -> str:
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def setup(tmp_path, pid):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=TODAY)
    student, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=4, new=False, birth=dt.date(2016, 3, 7)))
    return ws, student


def punish(ws, student, level="记过"):
    row, _ = records.record(ws, DisciplineDraft(
        kind="punishment", student_id=student.id, level=level, reason="多次在课间打架，经批评教育仍不改正",
        decided_on=dt.date(2026, 11, 6), decided_by="本校校务会议", document_no="校发〔2026〕3号"))
    return row


@pytest.mark.parametrize("pid, present, absent", [
    ("heilongjiang", ["《黑龙江省实施细则》第三十八条", "此处分记入学生学籍档案", "从学生学籍档案中删除",
                      "7个工作日内，向主管教育行政部门提出书面申诉", "《黑龙江省实施细则》第三十七条"], []),
    ("changzhi", ["《长治市实施细则》第四十条", "学生受到记过以上处分，须记入学生的学籍档案", "此处分记入学生学籍档案"],
     ["申诉", "删除"]),
    ("yingkou", [], ["学籍档案", "申诉"]),
])
def test_the_notice_says_what_the_regions_text_says(tmp_path, pid, present, absent):
    ws, student = setup(tmp_path, pid)
    row = punish(ws, student)
    pdf = print_notice(ws, row.id, tmp_path / "notice.pdf")
    text = text_of(pdf)
    for words in ["学生处分告知书", "张建国（监护人）", "王小明", student.student_number, "记过", "2026年11月6日",
                  "本校校务会议", "校发〔2026〕3号", "多次在课间打架", "学校（盖章）", "送达回执", "监护人（签字）",
                  "本表式由本软件设计", *present]:
        assert words in text, words
    for words in absent:
        assert words not in text, words
    assert "HanaMin" in fonts_of(pdf) or "UMing" in fonts_of(pdf)
    assert all(" yes yes " in line for line in fonts_of(pdf).splitlines()[2:])  # embedded subsets
    log = AccessLog.get()
    assert (log.action, log.subject, log.user.username, log.pupil_count) == ("print", "学生处分告知书", "registrar", 1)
    assert [p.student_id for p in AccessPupil.select()] == [student.id]
    ws.close()


def test_a_revoked_punishment_gets_no_notice(tmp_path):
    ws, student = setup(tmp_path, "heilongjiang")
    row = punish(ws, student)
    records.revoke(ws, row.id, TODAY, "表现良好，经研究撤销")
    with pytest.raises(ArchiveFormError):
        print_notice(ws, row.id, tmp_path / "notice.pdf")
    assert not (tmp_path / "notice.pdf").exists() and not AccessLog.select().exists()
    ws.close()


def test_the_card_lists_what_the_archive_holds(tmp_path):
    ws, student = setup(tmp_path, "changzhi")
    records.record(ws, DisciplineDraft(kind="reward", student_id=student.id, level="县级", title="优秀少先队员",
                                       decided_on=dt.date(2026, 10, 8), decided_by="县教育局", document_no="教发〔2026〕9号"))
    records.record(ws, DisciplineDraft(kind="reward", student_id=student.id, level="班级", title="卫生标兵",
                                       decided_on=dt.date(2026, 10, 9), decided_by="四年级(1)班"))
    warning = punish(ws, student, "警告")
    demerit = punish(ws, student, "记过")
    revoked = punish(ws, student, "严重警告")
    records.revoke(ws, revoked.id, TODAY, "表现良好，经研究撤销")
    assert (warning.in_archive, demerit.in_archive) == (False, True)
    pdf = tmp_path / "card.pdf"
    print_archive_form(ws, "student_card", pdf=pdf, pupil=student.student_number)
    text = text_of(pdf)
    assert "奖励与处分" in text and "县级奖励" in text and "优秀少先队员" in text and "教发〔2026〕9号" in text
    assert "记过处分" in text
    for gone in ("卫生标兵", "警告处分", "严重警告"):  # not in the archive, or revoked
        assert gone not in text, gone
    ws.close()
