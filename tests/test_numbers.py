"""The school's numbers (统计) on a real school database with known pupils at pinned days: counts by grade,
class and circumstance, this term's changes by kind (the term from the profile's calendar), classes against
the region's class size; the printed report read back with pdftotext; the workbook read back with openpyxl;
`xueji stats` writing either."""

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.conftest import first_class, make_school, pupil_draft, run_xueji
from tests.test_status_change_workflow import approve_all, draft, move_to, suspend
from tests.test_todo import enrol
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.forms.numbers_report import render_numbers_report
from xueji_desktop.core.forms.numbers_xlsx import SHEETS, write_numbers_xlsx
from xueji_desktop.core.overview import numbers
from xueji_desktop.core.overview.numbers import DECREASE, INCREASE, OTHER, class_level, school_numbers
from xueji_desktop.store.models import SchoolClass

D = dt.date


@pytest.fixture
def school(tmp_path):
    """National rules. Before the autumn term (25 Aug 2026): 李一 (1st grade, boy, 汉族, 农业) and 王二 (1st grade,
    girl, 回族, 双亲留守, 非农业). From 1 Sep: 赵三 (4th grade, boy, 随迁, 随班就读, 肢体残疾), 钱四 (4th grade, girl,
    单亲留守), 孙五 (7th grade, boy: suspended 15 Sep), 周六 (7th grade, girl: died 20 Sep). Counted 12 Oct."""
    ws = make_school(tmp_path / "school.sqlite3", today=D(2026, 8, 25))
    ws.login("registrar", "secret-123")
    p = {"li": enrol(ws, "李一", grade=1, seq=451, new=True),
         "wang": enrol(ws, "王二", grade=1, seq=452, new=True, ethnicity="03", left_behind="2", hukou_nature="2")}
    move_to(ws, D(2026, 9, 1))
    p["zhao"] = enrol(ws, "赵三", grade=4, seq=453, migrant_child="1", inclusive="1", disability_type="4")
    p["qian"] = enrol(ws, "钱四", grade=4, seq=454, left_behind="1")
    p["sun"] = enrol(ws, "孙五", grade=7, seq=455)
    p["zhou"] = enrol(ws, "周六", grade=7, seq=456)
    move_to(ws, D(2026, 9, 15))
    suspend(ws, p["sun"], D(2026, 9, 15), D(2027, 7, 10))
    move_to(ws, D(2026, 9, 20))
    case, _ = status_change.open_change(ws, draft(ws, CaseKind.DEATH, p["zhou"], effective_on=D(2026, 9, 20)))
    approve_all(ws, case)
    move_to(ws, D(2026, 10, 12))
    yield ws, p
    ws.close()


def test_pupils_on_roll_by_grade_sex_and_circumstance(school):
    ws, _ = school
    n = school_numbers(ws)
    assert n.on_day == D(2026, 10, 12) and n.pupils == 5  # 周六 died: off the roll; 孙五 suspended: on it
    by = {g.grade: g for g in n.grades}
    assert [g.grade for g in n.grades] == list(range(1, 10))  # every grade the school teaches, empty ones too
    assert (by[1].pupils, by[1].boys, by[1].girls, by[1].minority, by[1].left_behind) == (2, 1, 1, 1, 1)
    assert (by[1].agricultural, by[1].non_agricultural, by[1].classes) == (1, 1, 2)
    assert (by[4].pupils, by[4].migrant, by[4].inclusive, by[4].disabled, by[4].left_behind) == (2, 1, 1, 1, 1)
    assert (by[7].pupils, by[7].boys, by[7].girls) == (1, 1, 0)
    assert by[9].pupils == 0
    t = n.total
    assert (t.label, t.pupils, t.boys, t.girls, t.minority, t.left_behind, t.migrant, t.inclusive, t.disabled,
            t.agricultural, t.non_agricultural, t.classes) == ("合计", 5, 3, 2, 1, 2, 1, 1, 1, 4, 1, 18)
    rows = lambda key: [(c.label, c.count) for c in n.breakdown(key).rows]
    assert rows("sex") == [("男", 3), ("女", 2)]
    assert rows("ethnicity") == [("汉族", 4), ("回族", 1)]
    assert rows("left_behind") == [("否", 3), ("单亲留守", 1), ("双亲留守", 1)]
    assert rows("migrant_child") == [("否", 4), ("是", 1)]
    assert rows("inclusive") == [("否", 4), ("是", 1)]
    assert rows("disability_type") == [("肢体残疾", 1), ("无", 4)]
    assert rows("hukou_nature") == [("农业", 4), ("非农业", 1)]
    assert rows("status") == [("在校", 4), ("休学", 1)]


def test_classes_with_their_pupils_and_the_regions_sizes(school):
    ws, _ = school
    n = school_numbers(ws)
    assert len(n.classes) == 18
    one = next(c for c in n.classes if c.class_id == first_class(1).id)
    assert (one.name, one.pupils, one.boys, one.girls, one.standard, one.maximum, one.level) == \
        ("一年级(1)班", 2, 1, 1, 45, 45, "ok")
    seven = next(c for c in n.classes if c.class_id == first_class(7).id)
    assert (seven.pupils, seven.standard, seven.maximum) == (1, 50, 50)  # middle school: the profile's 50
    assert seven.standard_article == ws.profile.rule("class_size.middle_standard").article
    assert n.flagged_classes == ()


def test_this_terms_changes_by_kind_from_the_terms_first_day(school):
    ws, _ = school
    n = school_numbers(ws)
    assert (n.term.label, n.period_start, n.period_end) == ("2026—2027学年上学期", D(2026, 9, 1), D(2026, 10, 12))
    changes = {(c.label, c.direction): c.count for c in n.changes}
    # 李一 and 王二 came on 25 August, before the term: not counted
    assert changes == {("非新生注册", INCREASE): 4, ("休学", DECREASE): 1, ("死亡", DECREASE): 1}
    assert (n.change_total(INCREASE), n.change_total(DECREASE), n.change_total(OTHER)) == (4, 2, 0)
    assert n.headline() == ("截至 2026年10月12日，全校在籍学生 5 人（男 3 人、女 2 人），18 个班；"
                            "本学期增加 4 人次、减少 2 人次；各班人数均未接近标准班额。")


def test_in_the_holidays_the_term_just_ended_is_counted(school):
    ws, _ = school
    n = school_numbers(ws, D(2026, 8, 28))
    assert (n.term.label, n.period_start, n.period_end) == ("2025—2026学年下学期", D(2026, 2, 20), D(2026, 8, 28))
    assert {(c.label, c.count) for c in n.changes} == {("新生注册", 2)}
    winter = school_numbers(ws, D(2027, 2, 1))  # winter holidays: the autumn term and the holiday so far
    assert (winter.term.label, winter.period_start) == ("2026—2027学年上学期", D(2026, 9, 1))


def test_applications_under_way_by_kind(school):
    ws, p = school
    status_change.open_change(ws, draft(ws, CaseKind.SUSPENSION, p["qian"], ground_id=ws.profile.value(
        "suspension.grounds")[0]["id"], effective_on=ws.today(), until=D(2027, 7, 10)))
    assert [(c.label, c.count) for c in school_numbers(ws).open_cases] == [("休学", 1)]


@pytest.mark.parametrize("n, capacity, level", [
    (0, 45, "ok"), (41, 45, "ok"), (42, 45, "near"), (44, 45, "near"), (45, 45, "at_standard"),
    (46, 45, "over_standard"), (50, 45, "at_max"), (51, 45, "over_max"), (30, 25, "over_plan"), (43, 40, "over_plan"),
])
def test_a_class_stands_against_the_standard_the_maximum_and_the_plan(n, capacity, level):
    assert class_level(n, capacity, 45, 50) == level


def test_a_full_changzhi_class_is_listed_with_the_article(tmp_path):
    """长治: primary classes 45 in principle, 50 at most (第十三条); 46 pupils in 一年级(1)班, 43 in (2)班."""
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=D(2026, 9, 1))
    ws.login("registrar", "secret-123")
    second = SchoolClass.get((SchoolClass.grade == 1) & (SchoolClass.number == 2))
    for i in range(46 + 43):
        d = pupil_draft(name=f"学生{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'子丑寅卯辰巳午未申酉戌亥'[i // 10]}", grade=1,
                        seq=101 + i, new=True, birth=D(2019, 3, 7))
        d.class_id = second.id if i >= 46 else first_class(1).id
        for f in enrolment.check(ws, d):
            if f.severity.name == "WARN":
                d.reasons[f.rule] = "测试：情况已核实"
        enrolment.enrol(ws, d)
    n = school_numbers(ws)
    flagged = {c.name: c for c in n.flagged_classes}
    assert set(flagged) == {"一年级(1)班", "一年级(2)班"}
    one, two = flagged["一年级(1)班"], flagged["一年级(2)班"]
    assert (one.pupils, one.level, one.level_label) == (46, "over_standard", "超过标准班额 45 人（多 1 人）")
    assert one.article == "《长治市实施细则》第十三条"
    assert (two.pupils, two.level, two.level_label) == (43, "near", "接近标准班额（还余 2 个学位）")
    ws.close()


def test_grouped_queries_not_one_per_pupil(school, monkeypatch):
    """The numbers cost a fixed handful of queries whatever the school's size."""
    ws, _ = school
    executed = []
    original = ws.db.execute_sql

    def counting(sql, *args, **kwargs):
        executed.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(ws.db, "execute_sql", counting)
    school_numbers(ws)
    assert len(executed) <= 5, executed


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_printed_report_has_each_section_its_charts_and_the_signatures(school, tmp_path):
    ws, _ = school
    out = render_numbers_report(ws, tmp_path / "统计.pdf")
    text = pdf_text(out)
    squeezed = " ".join(text.split())
    for label in ("学生情况统计表", "学校：测试县第一中心学校", "学校标识码：2108110001", "统计日期：2026年10月12日",
                  "学期：2026—2027学年上学期", "一、各年级在籍学生", "二、学生构成", "三、各班人数与班额",
                  "四、本学期学籍变动", "制表人（签字）", "校长（签字）", "学校（盖章）",
                  "各年级在籍人数（人）", "各班在籍人数与班额（人）", "本学期学籍变动（人次）",  # the charts' titles
                  "本表没有规定格式"):
        assert label in squeezed, label
    assert "全校在籍学生 5 人（男 3 人、女 2 人）" in squeezed
    assert " 合计 18 5 3 2 1 2 1 1 1 4 1" in squeezed  # the grades' total row
    assert "非新生注册 4" in squeezed and "休学 1" in squeezed and "死亡 1" in squeezed
    assert "增加 4 人次，减少 2 人次，其他变动 0 人次" in squeezed
    assert "各班人数均在标准班额以内" in squeezed
    assert "第 1 页 共" in squeezed


def test_the_workbook_reads_back_with_numbers_as_numbers(school, tmp_path):
    ws, _ = school
    path = write_numbers_xlsx(ws, tmp_path / "统计.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    facts = {r[0]: r[1] for r in wb["概况"].iter_rows(min_row=6, max_col=2, values_only=True) if r[0]}
    assert facts["在籍学生（人）"] == 5 and facts["本学期增加（人次）"] == 4 and facts["本学期减少（人次）"] == 2
    grades = list(wb["按年级"].iter_rows(min_row=4, values_only=True))
    assert grades[0] == numbers.GRADE_HEADERS
    assert grades[1] == ("一年级", 2, 2, 1, 1, 1, 1, 0, 0, 0, 1, 1)
    assert grades[-1] == ("合计", 18, 5, 3, 2, 1, 2, 1, 1, 1, 4, 1)
    classes = list(wb["按班级"].iter_rows(min_row=5, values_only=True))
    assert classes[0][:7] == ("一年级(1)班", 2, 1, 1, 45, 45, 45) and classes[0][7] == "正常"
    parts = [r for r in wb["学生构成"].iter_rows(min_row=5, values_only=True)]
    assert ("户口性质", "非农业", 1, 0.2) in parts and ("民族", "回族", 1, 0.2) in parts
    assert wb["学生构成"]["D5"].number_format == "0.0%"
    changes = list(wb["本学期变动"].iter_rows(min_row=5, max_col=3, values_only=True))
    assert changes[:3] == [("增加", "非新生注册", 4), ("减少", "休学", 1), ("减少", "死亡", 1)]
    assert ("合计", "减少", 2) in changes
    assert len(wb["按年级"]._charts) == 1 and len(wb["本学期变动"]._charts) == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_xueji_stats_writes_the_pdf_or_the_workbook(school, tmp_path):
    ws, _ = school
    db = tmp_path / "copy.sqlite3"
    ws.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(ws.path, db)
    at = dt.datetime(2026, 10, 12, 10, 0)
    done = run_xueji("stats", "--db", db, "--out", tmp_path / "s.pdf", at=at)
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout and "全校在籍学生 5 人" in " ".join(pdf_text(tmp_path / "s.pdf").split())
    done = run_xueji("stats", "--db", db, "--out", tmp_path / "s.xlsx", at=at)
    assert done.returncode == 0, done.stderr
    assert load_workbook(tmp_path / "s.xlsx")["概况"]["B6"].value == 5
    done = run_xueji("stats", "--db", db, at=at)  # no file: the numbers as text
    assert done.returncode == 0 and "在籍学生 5 人" in done.stdout and "一年级\t2\t2\t1\t1" in done.stdout
    done = run_xueji("stats", "--db", db, "--out", tmp_path / "s.doc", at=at)
    assert done.returncode == 2 and "只能保存为 .pdf 或 .xlsx" in done.stderr
