"""高中 graduation in 长治 (第三十五–三十七条): the conditions recorded per pupil (typed or from a workbook), what
each 高三 pupil lacks, 毕业 refused at the year end for a pupil who lacks anything and 结业 offered; 凉山 states no
conditions, so its 高三 graduate as the years end."""

import datetime as dt

import pytest
from openpyxl import Workbook

from tests.conftest import PASSWORD, make_school, run_xueji
from tests.test_todo import enrol
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school_year import high_graduation as hg
from xueji_desktop.core.school_year.year_end import Outcome, YearEndError, plan
from xueji_desktop.core.school_year.year_end_run import turn_year
from xueji_desktop.store.models import Event, Graduate, Student

CZ35 = "《长治市实施细则》第三十五条"
SUBJECTS = ["语文", "数学", "外语", "思想政治", "历史", "地理", "物理", "化学", "生物", "信息技术", "通用技术"]
FULL = {"必修学分": "116", "选修学分": "22", "校本选修学分": "6", "基础素养评价": "合格", "体育合格": "是",
        "劳动与社会实践": "是", **{s: "B" for s in SUBJECTS}}


def _school(tmp_path, pid="changzhi"):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, kind=SchoolKind.HIGH, today=dt.date(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    ws.passing = enrol(ws, "赵高三", grade=12, seq=425)
    ws.short = enrol(ws, "钱高三", grade=12, seq=427)
    ws.junior = enrol(ws, "孙高二", grade=11, seq=429)
    return ws


@pytest.fixture
def cz(tmp_path):
    ws = _school(tmp_path)
    yield ws
    ws.close()


def test_what_a_pupil_lacks_is_named_in_the_articles_order(cz):
    assert hg.lacking(cz.profile, hg.Record()) == [
        "基础素养评价总评未录入", "总学分 0（至少 144）", "必修学分未录入", "选修学分未录入",
        "校本选修学分未录入", "学业水平考试未录入：" + "、".join(SUBJECTS), "体育锻炼合格标准未录入", "劳动和社会实践未录入"]
    hg.set_record(cz, cz.passing.id, FULL)
    assert hg.lacking(cz.profile, hg.record_of(cz.passing.id)) == []
    hg.set_record(cz, cz.short.id, {**FULL, "必修学分": "110", "物理": "D", "体育合格": "否"})
    assert hg.lacking(cz.profile, hg.record_of(cz.short.id)) == [
        "总学分 138（至少 144）", "必修学分 110（至少 116）", "学业水平考试未达到A、B、C等级：物理 D", "体育锻炼未达到合格标准"]
    hg.set_record(cz, cz.short.id, {"物理": "C"})  # the re-sit's result replaces the first
    assert "物理" not in "".join(hg.lacking(cz.profile, hg.record_of(cz.short.id)))
    checks = {c.name: c for c in hg.check_all(cz)}
    assert checks["赵高三"].verdict == "准予毕业" and not checks["钱高三"].passes
    assert "孙高二" not in checks
    assert Event.select().where(Event.kind == "high_record_set").count() == 3


def test_bad_items_are_refused_by_name_and_nothing_is_written(cz):
    with pytest.raises(RuleViolation) as e:
        hg.set_record(cz, cz.passing.id, {"必修学分": "一百", "物理": "F", "美术": "A"})
    texts = [f.message for f in e.value.findings]
    assert texts[0].startswith("必修学分：“一百”应为 0–300 的整数")
    assert any("学业水平考试 物理：“F”应为 A、B、C、D、E 之一" in t for t in texts)
    assert any("没有“美术”这一项" in t for t in texts)
    assert hg.record_of(cz.passing.id) == hg.Record()


def test_the_year_end_gives_completion_to_a_senior_short_of_the_conditions(cz):
    hg.set_record(cz, cz.passing.id, FULL)
    hg.set_record(cz, cz.short.id, {**FULL, "体育合格": "否"})
    cz.test_clock.now = dt.datetime(2027, 7, 20, 9)
    p = plan(cz)
    assert p.completion_offered and p.outcomes == {cz.short.id: Outcome.COMPLETED}  # 第三十七条, by the rule
    assert p.lacking == {cz.short.id: ["体育锻炼未达到合格标准"]}
    assert not [f for f in p.blocks if f.rule == hg.RULE]
    [note] = [f for f in p.infos if f.rule == hg.RULE]
    assert note.article == "《长治市实施细则》第三十七条" and "1 名高三学生未达到毕业条件" in note.message
    with pytest.raises(YearEndError, match=f"赵高三.*已达到毕业条件，准予毕业（{CZ35}）"):
        plan(cz, {cz.passing.id: Outcome.COMPLETED})
    reasons = {f.rule: "已核实，特此说明" for f in p.warnings}
    turn_year(cz, None, reasons, backup=lambda ws, why: None)
    assert Student.get_by_id(cz.passing.id).status == "graduated"
    assert Student.get_by_id(cz.short.id).status == "completed"
    assert Graduate.get(Graduate.student == cz.short.id).outcome == "completed"
    event = Event.select().where((Event.kind == "student_graduated") & (Event.student == cz.short.id)).get()
    assert "未达到毕业条件：体育锻炼未达到合格标准" in event.payload


def test_liangshan_states_no_conditions(tmp_path):
    ws = _school(tmp_path, "liangshan")
    ws.test_clock.now = dt.datetime(2027, 7, 20, 9)
    p = plan(ws)
    assert not [f for f in p.blocks if f.rule == hg.RULE]
    assert not p.completion_offered
    with pytest.raises(YearEndError):
        plan(ws, {ws.short.id: Outcome.COMPLETED})
    with pytest.raises(RuleViolation, match="未列明普通高中毕业条件"):
        hg.set_record(ws, ws.passing.id, FULL)
    ws.close()


def test_a_workbook_is_read_whole_or_not_at_all(cz, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2027届高中毕业资格登记表"])
    sheet.append(["学籍号", "姓名", *FULL])
    sheet.append([cz.passing.student_number, "赵高三", *FULL.values()])
    sheet.append([cz.short.student_number, "钱高三", *{**FULL, "化学": "G"}.values()])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(RuleViolation, match="第 4 行：学业水平考试 化学"):
        hg.import_workbook(cz, bad)
    assert hg.record_of(cz.passing.id) == hg.Record()
    sheet.cell(row=4, column=2 + list(FULL).index("化学") + 1, value="C")
    good = tmp_path / "good.xlsx"
    book.save(good)
    written, _ = hg.import_workbook(cz, good)
    assert written == 2 and all(c.passes for c in hg.check_all(cz))


def test_graduation_check_from_the_command_line(cz):
    hg.set_record(cz, cz.passing.id, FULL)
    db = cz.path
    at = dt.datetime(2027, 5, 10, 10)
    listed = run_xueji("graduation-check", "--db", db, at=at)
    assert listed.returncode == 0, listed.stderr
    lines = {line.split("\t")[1]: line for line in listed.stdout.splitlines()[1:]}
    assert "准予毕业" in lines["赵高三"] and "必修学分未录入" in lines["钱高三"]
    changed = run_xueji("graduation-check", "set", "--db", db, "--pupil", cz.short.student_number,
                        *[f"--set={k}={v}" for k, v in FULL.items()], at=at)
    assert changed.returncode == 0, changed.stderr
    refused = run_xueji("graduation-check", "set", "--db", db, "--pupil", cz.short.student_number,
                        "--set", "物理=Z", at=at)
    assert refused.returncode == 2 and "物理：“Z”应为 A、B、C、D、E 之一" in refused.stderr
