"""`xueji` from the command line, run as a real process on a real database file."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from tests.conftest import PASSWORD, make_school, run_xueji
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Student

ROW = {
    "姓名": "𠮷祥", "性别": "男", "出生日期": "20200307", "证件类型": "居民身份证",
    "身份证号": ids.make_id_number("210811", dt.date(2020, 3, 7), 447), "民族": "汉族",
    "出生地行政区划代码": "210811", "籍贯": "210811", "户口所在地行政区划": "210811", "户口性质": "农业",
    "国籍/地区": "中国", "港澳台侨外": "否", "健康状况": "健康或良好", "年级": "1", "班级号": "1",
    "入学年月": "2026-09", "入学方式": "就近入学", "就读方式": "走读", "现住址": "柳树镇柳树村3组",
    "通信地址": "柳树镇柳树村3组", "家庭地址": "柳树镇柳树村3组", "联系电话": "13904171234",
    "邮政编码": "115005", "是否独生子女": "否", "是否受过学前教育": "是", "身份已核验": "是",
    "原因": {"enrolment.period": "随父母返乡，经县教育局同意秋季学期中途入学"},
    "成员1姓名": "吉建国", "成员1关系": "父亲", "成员1联系电话": "13904171234", "成员1是否监护人": "是",
}


def xueji(*args, db):
    """`xueji --db DB ARGS…` on 2026-12-07, outside the enrolment period."""
    return run_xueji("--db", db, *args, env={"XUEJI_PASSWORD": PASSWORD}, at=dt.datetime(2026, 12, 7, 10), timeout=60)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "school.sqlite3"
    make_school(path).close()
    return path


def test_enrol_from_template_row_then_list(db, tmp_path):
    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps(ROW, ensure_ascii=False), encoding="utf-8")
    result = xueji("enrol", "--from", str(pupil), db=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "学籍号 G" + ROW["身份证号"] in result.stdout
    listed = xueji("list", "--search", "jx", db=db)
    lines = listed.stdout.splitlines()
    assert lines[0] == "学籍号\t姓名\t性别\t年级\t班级\t状态"
    assert lines[1].split("\t") == ["G" + ROW["身份证号"], "𠮷祥", "男", "一年级", "一年级(1)班", "在校"]
    ws = Workspace(db)
    assert Event.get(Event.kind == "student_enrolled").author.username == "registrar"
    ws.close()


def test_blocked_enrolment_prints_findings_and_writes_nothing(db, tmp_path):
    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps({**ROW, "身份证号": ROW["身份证号"][:-1] + "0", "联系电话": "123"},
                                ensure_ascii=False), encoding="utf-8")
    result = xueji("enrol", "--from", str(pupil), db=db)
    assert result.returncode != 0
    assert "[禁止]" in result.stdout and "身份证件号校验位错误" in result.stdout
    assert "联系电话" in result.stdout
    ws = Workspace(db)
    assert Student.select().count() == 0
    ws.close()


def test_warning_without_reason_is_not_written(db, tmp_path):
    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps({k: v for k, v in ROW.items() if k != "原因"}, ensure_ascii=False), encoding="utf-8")
    result = xueji("enrol", "--from", str(pupil), db=db)
    assert result.returncode == 2
    assert "[提醒] 注册日期：今天不在秋季招生期" in result.stdout
    assert "enrolment.period" in result.stderr
    ws = Workspace(db)
    assert Student.select().count() == 0
    ws.close()


def test_unknown_column_is_refused_by_name(db, tmp_path):
    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps({**ROW, "血型": "A"}, ensure_ascii=False), encoding="utf-8")
    result = xueji("enrol", "--from", str(pupil), db=db)
    assert result.returncode != 0 and "未知的列：血型" in result.stderr


def test_help_documents_every_command():
    result = subprocess.run([sys.executable, "-m", "xueji_desktop", "--help"], capture_output=True, text=True)
    for command in ("run", "demo", "list", "enrol", "form"):
        assert command in result.stdout


def test_form_student_info_from_the_command_line(db, tmp_path):
    from pypdf import PdfReader

    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps(ROW, ensure_ascii=False), encoding="utf-8")
    assert xueji("enrol", "--from", str(pupil), db=db).returncode == 0
    out = tmp_path / "info.pdf"
    result = xueji("form", "student-info", "--student", "G" + ROW["身份证号"], "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    text = PdfReader(str(out)).pages[0].extract_text()
    for expected in ("学生基本信息表", "𠮷祥", "吉建国", "G" + ROW["身份证号"], "监护人签字", "班主任签字",
                     "学籍管理员签字", "测试县第一中心学校"):
        assert expected in text, expected
    missing = xueji("form", "student-info", "--student", "G000", "--out", str(out), db=db)
    assert missing.returncode != 0 and "没有学籍号为 G000 的学生" in missing.stderr


def test_transfer_forms_from_the_command_line(tmp_path):
    from pypdf import PdfReader

    from tests.test_transfer_workflow import TODAY, incoming
    from xueji_desktop.core.transfers import transfer

    path = tmp_path / "yk.sqlite3"
    ws = make_school(path, profile_id="yingkou", today=TODAY)
    draft = incoming(ws)
    draft.other_school.area_code = "210802"
    draft.declared = {d.id: False for d in transfer.questions(ws, draft)}
    for f in transfer.check(ws, draft):
        if f.severity.value == "warn":
            draft.reasons[f.rule] = "家长工作调动，经教育局同意"
    case, _ = transfer.open_transfer(ws, draft)
    ws.close()
    out = tmp_path / "contact.pdf"
    result = xueji("form", "yk_transfer_contact", "--case", case.number, "--out", str(out), db=path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = PdfReader(str(out)).pages[0].extract_text()
    for expected in ("营口市义务教育阶段学生转学联系表", "李小龙", "哈尔滨市道里区光芒小学", "测试县第一中心学校",
                     "转入学校意见", "本表1式2份"):
        assert expected in text.replace(" ", ""), expected
    blank = tmp_path / "blank.pdf"
    assert xueji("form", "yk_transfer_contact", "--blank", "--out", str(blank), db=path).returncode == 0
    assert "李小龙" not in PdfReader(str(blank)).pages[0].extract_text()
    missing = xueji("form", "yk_transfer_contact", "--case", "ZR-2026-9999", "--out", str(out), db=path)
    assert missing.returncode != 0 and "没有编号为 ZR-2026-9999 的申请" in missing.stderr


def test_status_form_from_the_command_line(tmp_path):
    from pypdf import PdfReader

    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, build_demo

    path = tmp_path / "demo.sqlite3"
    build_demo(path, pupils=120)
    out = tmp_path / "susp.pdf"
    result = run_xueji("--db", path, "form", "generic_suspension", "--case", "XX-2026-0001", "--out", str(out),
                       env={"XUEJI_PASSWORD": DEMO_PASSWORD}, at=dt.datetime(2026, 12, 7, 10), timeout=60)
    assert result.returncode == 0, result.stderr
    text = PdfReader(str(out)).pages[0].extract_text().replace(" ", "")
    text = text.replace("\n", "")
    for expected in ("学生休学申请表", "XX-2026-0001", "学校意见", "主管教育行政部门", "2026-09-07至2026-12-06"):
        assert expected in text, expected
