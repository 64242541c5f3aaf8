"""The 跳级 forms as real PDFs: the 学生跳级申请表 with one box per party of the region's procedure (黑龙江
第二十六条: 专家组 3—5 人, 公示, 分管副局长, 地市分管局长, 省教育厅; 营口 四(三)1: 学校, 县（市）区, 市), the
学生跳级公示 with the dates of 5 working days after the expert panel's result, CJK fonts embedded, each print
logged (查询登记) with its pupils; a region without a 公示 refuses to print one."""

import datetime as dt
import re
import subprocess

import pytest

from tests.test_grade_skip import draft, klass, pupil, record, school
from xueji_desktop.core.accounts.access_log import PurposeRequired
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.forms import grade_skip_forms as forms
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.store.models import AccessLog, AccessPupil


def text_of(pdf) -> str:
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)


def fonts_embedded(pdf) -> bool:
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column


def open_case(ws, s):
    d = draft(ws, s)
    d.reasons = {f.rule: "德智体美劳特别优秀，监护人书面申请" for f in status_change.check(ws, d)
                 if f.severity.value == "warn"}
    d.note = "该生学业成绩特别优异，提前达到高一年级学力程度。"
    return status_change.open_change(ws, d)[0]


@pytest.fixture
def hlj(tmp_path):
    ws = school(tmp_path, "heilongjiang", dt.date(2027, 3, 10))
    yield ws
    ws.close()


def test_heilongjiang_application_names_every_party_of_article_26(hlj, tmp_path):
    s = pupil(hlj, 3)
    case = open_case(hlj, s)
    record(hlj, case, "school", dt.date(2027, 5, 10))
    out = forms.print_application(hlj, case, tmp_path / "申请表.pdf")
    text = text_of(out)
    for words in ("学生跳级申请表", "李明", "三年级", "四年级", "五年级", "2027-09-01（新学年开始）", "法定监护人签名：",
                  "学校意见", "专家组考核意见", "专家组成员签名（3—5人）：", "公示情况", "分管学籍工作副局长签字：",
                  "分管局长签字：", "省教育厅确认", "该生学业成绩特别优异", "已查验：法定监护人的书面申请",
                  "跳过年级视为受完相应年限的教育（《黑龙江省实施细则》第二十六条（三））",
                  "每年7月30日前将通过的名单报省教育厅", "同意", "张局长", "2027-05-10", "编号：TJ-2027-0001"):
        assert words in text, words
    assert fonts_embedded(out)
    log = AccessLog.get(AccessLog.subject == "学生跳级申请表（TJ-2027-0001）")
    assert log.action == "print" and [a.student_id for a in AccessPupil.select().where(AccessPupil.access == log)] == [s.id]


def test_heilongjiang_notice_five_working_days_after_the_panel(hlj, tmp_path):
    s = pupil(hlj, 3)
    other = pupil(hlj, 4, name="王芳", seq=448)
    case, second = open_case(hlj, s), open_case(hlj, other)
    with pytest.raises(RuleViolation) as early:  # no 公示 before the expert panel's result
        forms.print_notice(hlj, [case], tmp_path / "早早.pdf")
    assert "专家组尚未出具考核结果" in str(early.value) and not (tmp_path / "早早.pdf").exists()
    assert not forms.ready_to_print(case, forms.NOTICE) and forms.ready_to_print(case, forms.APPLICATION)
    for c in (case, second):
        record(hlj, c, "school", dt.date(2027, 5, 10))
        record(hlj, c, "expert_panel", dt.date(2027, 6, 1))
    one = forms.print_notice(hlj, [case], tmp_path / "公示.pdf")
    text = text_of(one)
    for words in ("学生跳级公示", "测试县第一中心学校", "根据《黑龙江省实施细则》第二十六条（二）", "李明", "三年级", "四年级",
                  "五年级", "公示时间：2027年6月2日至2027年6月8日（不少于5个工作日）", "以书面形式", "（盖章）"):
        assert words in text, words
    assert "G" + s.id_number not in text and s.id_number not in text  # no ID numbers on a notice board
    assert fonts_embedded(one)
    with pytest.raises(PurposeRequired):  # two pupils: the 用途 is asked first, nothing printed
        forms.print_notice(hlj, [case, second], tmp_path / "两人.pdf")
    assert not (tmp_path / "两人.pdf").exists()
    both = forms.print_notice(hlj, [case, second], tmp_path / "两人.pdf", purpose="张贴公示")
    assert "王芳" in text_of(both) and "李明" in text_of(both)
    log = AccessLog.get(AccessLog.target == str(both))
    assert (log.purpose, log.pupil_count) == ("张贴公示", 2)
    with pytest.raises(RuleViolation):  # a notice cannot start before the panel's result
        forms.print_notice(hlj, [case], tmp_path / "早.pdf", notice_from=dt.date(2027, 5, 31))
    later = forms.print_notice(hlj, [case], tmp_path / "晚.pdf", notice_from=dt.date(2027, 6, 5))  # a Saturday
    assert "公示时间：2027年6月7日至2027年6月11日" in text_of(later)


def test_yingkou_application_and_no_notice(tmp_path):
    ws = school(tmp_path, "yingkou", dt.date(2027, 9, 1))
    s = pupil(ws, 4)
    case = open_case(ws, s)
    record(ws, case, "school", dt.date(2027, 9, 1))
    record(ws, case, "bureau", dt.date(2027, 9, 2))
    record(ws, case, "city_bureau", dt.date(2027, 9, 3), class_id=klass(5).id)
    text = text_of(forms.print_application(ws, case, tmp_path / "营口.pdf"))
    for words in ("学生本人签名：", "家长（监护人）签名：", "学校全面考核", "县（市）区教育行政部门报市级教育行政部门审批",
                  "市级教育行政部门审批", "跳过年级视为受完相应年限的教育（《营口市规定》四(三)1）", "四年级", "五年级"):
        assert words in text, words
    assert "专家组" not in text and "公示" not in text
    with pytest.raises(RuleViolation) as refused:
        forms.print_notice(ws, [case], tmp_path / "公示.pdf")
    assert "本地区规定未要求公示" in str(refused.value)
    ws.close()


def test_blank_forms_render(tmp_path):
    school = {"学校名称": "营口市站前区建设小学", "学校标识码": "2121080123"}
    forms.render_skip_form(forms.APPLICATION, None, school, tmp_path / "空白申请表.pdf", dt.date(2027, 3, 1))
    forms.render_skip_form(forms.NOTICE, None, school, tmp_path / "空白公示.pdf", dt.date(2027, 3, 1))
    assert "学校意见" in text_of(tmp_path / "空白申请表.pdf")
    assert "（不少于5个工作日）" in text_of(tmp_path / "空白公示.pdf")
