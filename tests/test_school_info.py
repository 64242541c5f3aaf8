"""The values of the 学校基本信息表 and 校区基本信息表 the school keeps (长治 第六条（一）（二）): saved once through
the change log, read back, printed on every form after, overridden by a value given for one print, checked
like the form checks them; campuses; a database of the previous version migrates."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess

import pytest

from tests.conftest import PASSWORD, make_school, pin, run_xueji, school_at_version
from tests.test_archive_forms import CAMPUS_GIVEN, SCHOOL_GIVEN, TODAY, assert_printed, enrol, flat, text_of
from xueji_desktop.core.forms.archive_common import ArchiveFormError, MissingValues
from xueji_desktop.core.forms.archive_forms import print_archive_form
from xueji_desktop.core.forms.school_info import (
    CAMPUS_FORM,
    COUNTED_HERE,
    FROM_SETUP,
    NEW,
    SCHOOL_FORM,
    campuses,
    form_items,
    save_values,
    stored_values,
)
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, SchoolInfo, User

BRANCH = {"校区名称": "黎城县北关中心学校西关校区", "校区地址": "长治市黎城县黎侯镇西关村", "邮政编码": "047600",
          "校区负责人": "陈立新", "联系电话": "0355-6227788", "年级数": "3", "班级数": "3", "在籍学生数": "96"}


@pytest.fixture
def cz(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=TODAY, name="黎城县北关中心学校")
    enrol(ws, "李娜", 448, grade=4)
    yield ws
    ws.close()


def events() -> list[Event]:
    return list(Event.select().where(Event.kind == "school_info_changed").order_by(Event.seq))


def test_values_saved_once_are_kept_and_recorded_with_the_user(cz):
    changes = save_values(cz, SCHOOL_FORM, SCHOOL_GIVEN)
    assert stored_values(SCHOOL_FORM) == SCHOOL_GIVEN
    assert changes.school and [e.kind for e in changes.events] == ["school_info_changed"]
    [event] = events()
    assert event.author.username == "registrar" and event.author == User.get(User.username == "registrar")
    assert event.summary.startswith("学校基本信息表：") and "校长" in event.summary and "学校地址" in event.summary
    payload = json.loads(event.payload)
    assert payload["form"] == SCHOOL_FORM and payload["changed"]["校长"] == {"old": "", "new": "刘建华"}
    assert json.loads(event.articles) == ["《长治市实施细则》第六条"]
    assert event.entered_on == TODAY
    # the same values again change nothing and record nothing
    assert save_values(cz, SCHOOL_FORM, {"校长": " 刘建华 "}).events == []
    assert len(events()) == 1
    # one value changed, one forgotten
    save_values(cz, SCHOOL_FORM, {"校长": "陈立", "统一社会信用代码": ""})
    kept = stored_values(SCHOOL_FORM)
    assert kept["校长"] == "陈立" and "统一社会信用代码" not in kept
    last = events()[-1]
    assert json.loads(last.payload)["changed"] == {"校长": {"old": "刘建华", "new": "陈立"},
                                                    "统一社会信用代码": {"old": "12140426MB1234567X", "new": ""}}


def test_the_form_prints_what_is_kept_and_a_given_value_wins_for_that_print(cz, tmp_path):
    with pytest.raises(MissingValues):
        print_archive_form(cz, "cz_school_info", pdf=tmp_path / "a.pdf")
    save_values(cz, SCHOOL_FORM, SCHOOL_GIVEN)
    pdf, xlsx = tmp_path / "b.pdf", tmp_path / "b.xlsx"
    print_archive_form(cz, "cz_school_info", pdf=pdf, xlsx=xlsx)
    assert_printed(pdf, "刘建华", "赵敏", "长治市黎城县黎侯镇北关街12号", "047600")
    print_archive_form(cz, "cz_school_info", pdf=pdf, given={"校长": "王建设"})
    printed = flat(text_of(pdf))
    assert "王建设" in printed and "刘建华" not in printed and "赵敏" in printed
    assert stored_values(SCHOOL_FORM)["校长"] == "刘建华"  # a print keeps nothing


@pytest.mark.parametrize("values, words", [
    ({"邮政编码": "04760"}, "邮政编码应为 6 位数字"),
    ({"校长": "Liu"}, "校长不能含有拉丁字母"),
    ({"联系电话": "123"}, "联系电话“123”不是有效的电话号码"),
    ({"校训": "勤学"}, "“校训”不是学校基本信息表的项目"),
    ({"建校年月": "1958-13"}, "建校年月应为年月"),
    ({"学校名称": "别的学校"}, "学校名称取自本校设置，不在这里填写"),
    ({"班级数": "20"}, "班级数由本软件按学籍数据统计，不在这里填写"),
])
def test_a_bad_value_is_refused_naming_it_and_nothing_is_written(cz, values, words):
    save_values(cz, SCHOOL_FORM, {"校长": "刘建华"})
    with pytest.raises(ArchiveFormError) as refused:
        save_values(cz, SCHOOL_FORM, {"学校地址": "北关街12号", **values})
    assert words in refused.value.message
    assert stored_values(SCHOOL_FORM) == {"校长": "刘建华"} and len(events()) == 1


def test_a_value_equal_to_the_set_up_data_is_not_kept(cz):
    cz.school.phone = "0355-6220000"
    cz.school.save()
    save_values(cz, SCHOOL_FORM, {"联系电话": "0355-6220000", "校长": "刘建华"})
    assert stored_values(SCHOOL_FORM) == {"校长": "刘建华"}


def test_nobody_signed_in_writes_nothing(cz):
    cz.user = None
    with pytest.raises(PermissionError, match="未登录"):
        save_values(cz, SCHOOL_FORM, {"校长": "刘建华"})
    assert SchoolInfo.select().count() == 0 and events() == []


def test_a_region_without_the_form_keeps_nothing(tmp_path):
    ws = make_school(tmp_path / "n.sqlite3", today=TODAY)
    with pytest.raises(ArchiveFormError, match="不提供此表"):
        save_values(ws, SCHOOL_FORM, {"校长": "刘建华"})
    assert SchoolInfo.select().count() == 0
    ws.close()


def test_items_say_where_each_value_comes_from(cz):
    save_values(cz, SCHOOL_FORM, {"校长": "刘建华"})
    items = {i.label: i for i in form_items(cz, SCHOOL_FORM)}
    assert list(items)[:3] == ["学校名称", "学校标识码", "统一社会信用代码"]
    assert (items["学校名称"].value, items["学校名称"].source) == ("黎城县北关中心学校", FROM_SETUP)
    assert (items["在籍学生数"].value, items["在籍学生数"].source) == ("1", COUNTED_HERE)
    assert (items["校区数"].value, items["校区数"].source) == ("1", COUNTED_HERE)
    assert items["校长"].value == "刘建华" and items["校长"].editable and items["校长"].required
    assert items["分管副校长"].printed == "分管学籍工作副校长（主管责任人）"
    assert not items["电子信箱"].required and items["电子信箱"].value == ""


def test_campuses_main_and_branches(cz, tmp_path):
    assert [c.label for c in campuses()] == ["黎城县北关中心学校（主校区）"]
    save_values(cz, CAMPUS_FORM, CAMPUS_GIVEN)
    assert stored_values(CAMPUS_FORM) == CAMPUS_GIVEN == stored_values(CAMPUS_FORM, "主校区")
    with pytest.raises(ArchiveFormError, match="主校区的校区类型就是“主校区”"):
        save_values(cz, CAMPUS_FORM, {"校区类型": "分校区"})
    with pytest.raises(ArchiveFormError, match="校区名称不能为空"):
        save_values(cz, CAMPUS_FORM, {"校区地址": "西关村"}, campus=NEW)
    changes = save_values(cz, CAMPUS_FORM, BRANCH, campus=NEW)
    assert "校区基本信息表（黎城县北关中心学校西关校区）" in changes.events[0].summary
    assert [(c.number, c.name) for c in campuses()] == [(0, "黎城县北关中心学校"), (1, BRANCH["校区名称"])]
    assert stored_values(CAMPUS_FORM, BRANCH["校区名称"]) == {**BRANCH, "校区类型": "分校区"}
    with pytest.raises(ArchiveFormError, match="已有校区使用"):
        save_values(cz, CAMPUS_FORM, {**BRANCH, "校区负责人": "王芳"}, campus=NEW)
    with pytest.raises(ArchiveFormError, match="没有名为“东关校区”的校区"):
        stored_values(CAMPUS_FORM, "东关校区")
    branch_items = {i.label: i for i in form_items(cz, CAMPUS_FORM, 1)}
    assert branch_items["在籍学生数"].editable and branch_items["在籍学生数"].required
    assert branch_items["所属学校"].source == FROM_SETUP and branch_items["校区类型"].editable
    # the school now has two campuses; each campus prints its own values
    assert {i.label: i.value for i in form_items(cz, SCHOOL_FORM)}["校区数"] == "2"
    main_pdf, branch_pdf = tmp_path / "m.pdf", tmp_path / "b.pdf"
    print_archive_form(cz, "cz_campus_info", pdf=main_pdf)
    print_archive_form(cz, "cz_campus_info", pdf=branch_pdf, campus=BRANCH["校区名称"])
    assert_printed(main_pdf, "主校区", "北关街12号", "刘建华", "合计")
    assert_printed(branch_pdf, "西关校区", "分校区", "西关村", "陈立新", "96")
    assert "合计" not in text_of(branch_pdf) and "北关街12号" not in flat(text_of(branch_pdf))
    with pytest.raises(ArchiveFormError, match="不分校区"):
        print_archive_form(cz, "cz_school_info", pdf=tmp_path / "x.pdf", campus=1)


def test_a_database_of_the_previous_version_migrates_and_keeps_values(tmp_path):
    path = tmp_path / "old.sqlite3"
    school_at_version(path, 9, profile_id="changzhi", name="黎城县北关中心学校")  # no school_info table yet
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 9
        assert not raw.execute("SELECT name FROM sqlite_master WHERE name = 'school_info'").fetchall()
    pin(dt.datetime(2026, 9, 10, 9, 0))
    ws = Workspace(path)
    assert (tmp_path / "old.sqlite3.before-0010.bak").exists()
    ws.login("registrar", PASSWORD)
    save_values(ws, SCHOOL_FORM, SCHOOL_GIVEN)
    assert stored_values(SCHOOL_FORM)["校长"] == "刘建华"
    print_archive_form(ws, "cz_school_info", pdf=tmp_path / "s.pdf")
    assert_printed(tmp_path / "s.pdf", "刘建华", "填报日期：2026年9月10日")
    ws.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] >= 11
        assert raw.execute("SELECT COUNT(*) FROM school_info").fetchone()[0] == 1


def test_an_event_of_the_kind_goes_into_the_next_batch_like_any_change(cz):
    from xueji_desktop.core.school.events import EventKind

    save_values(cz, SCHOOL_FORM, {"校长": "刘建华"})
    [event] = events()
    assert event.batch_no is None  # waiting for the next export, as every change
    assert EventKind(event.kind).label == "学校档案信息变更"
    assert event.created_at.date() == TODAY == dt.date(2026, 9, 10)


# ── the command ──
def test_school_info_command_shows_saves_and_print_uses_it(cz, tmp_path):
    db = cz.path
    cz.close()
    at = dt.datetime(2026, 9, 10, 10, 0)
    run = run_xueji("school-info", "--db", db, at=at)
    assert run.returncode == 0, run.stderr
    rows = [line.split("\t") for line in run.stdout.splitlines()]
    assert rows[0] == ["项目", "内容", "来源"]
    by_label = {r[0]: r[1:] for r in rows[1:]}
    assert by_label["学校名称"] == ["黎城县北关中心学校", "本校设置"]
    assert by_label["在籍学生数"] == ["1", "统计"]
    assert by_label["校长（第一责任人）"] == ["", "待填（必填）"]
    assert "打印学校基本信息表前还须填写：学校地址、邮政编码、联系电话、校长、分管副校长" in run.stderr
    sets = [arg for k, v in SCHOOL_GIVEN.items() for arg in ("--set", f"{k}={v}")]
    # a write without a password writes nothing
    run = run_xueji("school-info", "--db", db, *sets, at=at, env={"XUEJI_PASSWORD": ""}, stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "需要密码" in run.stderr
    # a bad value is refused before anything is written
    run = run_xueji("school-info", "--db", db, "--set", "邮政编码=04760", at=at, env={"XUEJI_PASSWORD": PASSWORD},
                    stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "未保存：邮政编码应为 6 位数字" in run.stderr and "Traceback" not in run.stderr
    for command in ("school-info", "print-archive-form cz_school_info"):  # --set without its 项目, in either
        run = run_xueji(*command.split(), "--db", db, "--set", "=刘建华", at=at, env={"XUEJI_PASSWORD": PASSWORD})
        assert run.returncode == 2 and "“=刘建华” 应写成 项目=内容" in run.stderr and "Traceback" not in run.stderr
    run = run_xueji("school-info", "--db", db, *sets, at=at, env={"XUEJI_PASSWORD": PASSWORD})
    assert run.returncode == 2 and "电脑日期可能不正确" in run.stderr  # the PC-day check of every write
    run = run_xueji("--date-ok", "school-info", "--db", db, *sets, at=at, env={"XUEJI_PASSWORD": PASSWORD})
    assert run.returncode == 0, run.stderr
    assert "已保存：学校基本信息表：" in run.stderr
    assert "校长（第一责任人）\t刘建华\t已保存" in run.stdout
    run = run_xueji("print-archive-form", "--db", db, "cz_school_info", cwd=tmp_path, at=at)
    assert run.returncode == 0, run.stderr
    assert_printed(tmp_path / "学校基本信息表.pdf", "刘建华", "赵敏", "填报日期：2026年9月10日")
    run = run_xueji("print-archive-form", "--db", db, "cz_school_info", "--set", "校长=王建设", "--out",
                    tmp_path / "o.pdf", at=at)
    assert run.returncode == 0 and "王建设" in flat(text_of(tmp_path / "o.pdf"))
    # a branch campus, added and printed by its name
    branch = [arg for k, v in BRANCH.items() for arg in ("--set", f"{k}={v}")]
    run = run_xueji("--date-ok", "school-info", "--db", db, "--form", "cz_campus_info", "--add-campus", *branch, at=at,
                    env={"XUEJI_PASSWORD": PASSWORD})
    assert run.returncode == 0, run.stderr
    assert "本校的校区：黎城县北关中心学校（主校区）、黎城县北关中心学校西关校区" in run.stderr
    assert "校区负责人\t陈立新\t已保存" in run.stdout
    run = run_xueji("school-info", "--db", db, "--set", "校长=刘建华", at=at, stdin=subprocess.DEVNULL)
    assert run.returncode == 0 and "没有改动" in run.stderr  # nothing to write: no clock question
    run = run_xueji("school-info", "--db", db, "--form", "cz_campus_info", "--campus", "东关校区", at=at)
    assert run.returncode == 2 and "没有名为“东关校区”的校区" in run.stderr
    out = tmp_path / "branch.pdf"
    run = run_xueji("print-archive-form", "--db", db, "cz_campus_info", "--campus", BRANCH["校区名称"], "--out", out,
                    at=at)
    assert run.returncode == 0, run.stderr
    assert_printed(out, "西关校区", "分校区", "陈立新", "96")
    ws = Workspace(db)
    assert [e.author.username for e in events()] == ["registrar", "registrar"]
    ws.close()


def test_the_change_is_sealed_into_the_next_batch_for_the_bureau(tmp_path):
    from tests.test_school_exchange import bureau_key_file
    from xueji_desktop.core.exchange import keys, outbox, school_keys

    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=TODAY, name="黎城县北关中心学校")
    bureau = keys.BureauKeys.generate()
    school_keys.create_keys(ws, PASSWORD)
    school_keys.trust_bureau(ws, bureau_key_file(tmp_path, bureau), bureau.fingerprint)
    save_values(ws, SCHOOL_FORM, {"校长": "刘建华"})
    batch = outbox.seal_next_batch(ws, PASSWORD)
    [event] = events()
    assert event.batch_no == batch.batch_no == 1 and batch.last_seq == event.seq
    ws.close()


def test_the_main_campus_starts_from_what_the_school_form_keeps(cz, tmp_path):
    """The main campus is the school: its address, postcode, 城乡类型 and head are the 学校基本信息表's until
    the campus form keeps its own; a branch campus takes none of them."""
    save_values(cz, SCHOOL_FORM, {"学校地址": "黎城县黎侯镇北关街12号", "邮政编码": "047600", "校长": "刘建华",
                                  "联系电话": "0355-6221234"})
    main = {i.label: i.value for i in form_items(cz, CAMPUS_FORM)}
    assert (main["校区地址"], main["邮政编码"], main["校区负责人"]) == ("黎城县黎侯镇北关街12号", "047600", "刘建华")
    pdf = tmp_path / "校区.pdf"
    print_archive_form(cz, "cz_campus_info", pdf=pdf)  # nothing missing: no value asked again
    assert_printed(pdf, "北关街12号", "047600", "刘建华")
    save_values(cz, CAMPUS_FORM, {"校区负责人": "王芳"})
    assert stored_values(CAMPUS_FORM)["校区负责人"] == "王芳"
    assert stored_values(CAMPUS_FORM)["校区地址"] == "黎城县黎侯镇北关街12号"
    new = {i.label: i.value for i in form_items(cz, CAMPUS_FORM, NEW)}
    assert new["校区地址"] == "" and new["校区负责人"] == ""
