"""Senior high school (普通高中, grades 10–12) where the region's text covers it: 长治 第二条, 凉山 一(二).

Compulsory-only regions (营口, 黑龙江, 安阳北关, the national baseline) refuse a school with 高中 and any
grade 10–12, naming their scope article."""

import datetime as dt

import pytest

from tests.conftest import PASSWORD, make_school, pupil_draft, run_xueji
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD
from xueji_desktop.core.national.template import TemplateError, parse_class_number, parse_grade
from xueji_desktop.core.region_profiles.profiles import load_profile
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.coverage import grade_problem, kind_problem
from xueji_desktop.core.school.school import (
    SchoolKind,
    SchoolSystem,
    class_name,
    grade_name,
    grades_taught,
    starting_grades,
)
from xueji_desktop.core.school.setup import SchoolSetup, check_setup, class_limit
from xueji_desktop.core.school_year import high_graduation as hg
from xueji_desktop.store.models import School, SchoolClass, Student

SIX_THREE, FIVE_FOUR = SchoolSystem.SIX_THREE, SchoolSystem.FIVE_FOUR
NUMERALS = dict(zip(range(7, 13), ("七", "八", "九", "十", "十一", "十二")))


@pytest.mark.parametrize("kind, system, grades, starts", [
    (SchoolKind.HIGH, SIX_THREE, [10, 11, 12], [10]),
    (SchoolKind.COMPLETE, SIX_THREE, [7, 8, 9, 10, 11, 12], [7, 10]),
    (SchoolKind.COMPLETE, FIVE_FOUR, [6, 7, 8, 9, 10, 11, 12], [6, 10]),
    (SchoolKind.SIX_YEAR, SIX_THREE, [7, 8, 9, 10, 11, 12], [7, 10]),
    (SchoolKind.TWELVE_YEAR, SIX_THREE, list(range(1, 13)), [1, 7, 10]),
    (SchoolKind.NINE_YEAR, SIX_THREE, list(range(1, 10)), [1, 7]),
])
def test_each_kind_teaches_its_stages_grades(kind, system, grades, starts):
    assert grades_taught(kind, system) == grades
    assert starting_grades(kind, system) == starts


def test_high_grades_are_named_gao_yi_to_gao_san():
    assert [grade_name(g) for g in (10, 11, 12)] == ["高一年级", "高二年级", "高三年级"]
    assert class_name(10, 2) == "高一(2)班" and class_name(7, 1) == "七年级(1)班"
    assert SchoolKind.from_label("完全中学") is SchoolKind.COMPLETE
    assert SchoolKind.from_label("complete") is SchoolKind.COMPLETE
    assert SchoolKind.from_label("大学") is None


@pytest.mark.parametrize("text, grade", [("高一", 10), ("高二年级", 11), ("12", 12), ("十", 10), ("九年级", 9)])
def test_the_template_reads_high_grades(text, grade):
    assert parse_grade(text) == grade


def test_the_template_refuses_grade_13_and_reads_high_class_names():
    with pytest.raises(TemplateError, match="高一…高三"):
        parse_grade("13")
    assert parse_class_number("高二(3)班") == (3, 11)
    with pytest.raises(TemplateError, match="高一年级"):
        parse_class_number("高一(1)班", grade=11)


@pytest.mark.parametrize("profile_id", ["changzhi", "liangshan"])
@pytest.mark.parametrize("kind", [SchoolKind.HIGH, SchoolKind.COMPLETE, SchoolKind.SIX_YEAR, SchoolKind.TWELVE_YEAR])
def test_regions_whose_text_covers_high_school_allow_every_kind_with_it(profile_id, kind):
    assert kind_problem(load_profile(profile_id), kind) is None
    assert grade_problem(load_profile(profile_id), 11, SIX_THREE) is None


@pytest.mark.parametrize("profile_id, article", [
    ("yingkou", "《营口市规定》一"), ("heilongjiang", "《黑龙江省实施细则》第二条"),
    ("anyang_beiguan", "《中小学生学籍管理办法》第二条"), ("national", "《中小学生学籍管理办法》第二条")])
def test_compulsory_only_regions_refuse_high_school_naming_their_scope_article(profile_id, article):
    profile = load_profile(profile_id)
    assert profile.rule("scope.stages").article == article
    assert "完全中学含高中" in kind_problem(profile, SchoolKind.COMPLETE)
    assert kind_problem(profile, SchoolKind.HIGH).startswith("学校类型：普通高中不在适用范围内，本地区学籍规定只适用于小学、初中")
    assert "高中年级不在适用范围内" in grade_problem(profile, 10, SIX_THREE)
    assert grade_problem(profile, 9, SIX_THREE) is None
    setup = SchoolSetup(kind=SchoolKind.COMPLETE, profile_id=profile_id)
    refused = [f for f in check_setup(setup) if f.field == "kind"]
    assert len(refused) == 1 and refused[0].article == article


def test_heilongjiang_says_a_complete_school_is_set_up_by_its_junior_section():
    assert "请按“初中”或“九年一贯制”建立学校" in kind_problem(load_profile("heilongjiang"), SchoolKind.TWELVE_YEAR)


def test_changzhi_class_sizes_gao_yi_50_and_at_most_55_within_three_years():
    p = load_profile("changzhi")
    assert class_limit(p, 10, SIX_THREE) == (50, 50, "《长治市实施细则》第十三条", "《长治市实施细则》第十三条")
    assert class_limit(p, 11, SIX_THREE)[:2] == (50, 55)
    assert class_limit(p, 12, SIX_THREE)[:2] == (50, 55)
    assert class_limit(p, 9, SIX_THREE)[:2] == (50, 55)  # 初中 unchanged
    setup = SchoolSetup(kind=SchoolKind.HIGH, profile_id="changzhi")
    setup.classes = setup.default_classes(p)
    setup.classes[0].capacity = 52  # 高一
    setup.classes[1].capacity = 55  # 高二
    sizes = [f for f in check_setup(setup) if f.field == "classes"]
    assert [f.text for f in sizes] == ["高一年级每班人数 52 超过本地区班额上限 50 人（《长治市实施细则》第十三条）"]


def test_a_key_high_school_must_have_a_high_section():
    setup = SchoolSetup(kind=SchoolKind.NINE_YEAR, profile_id="changzhi", key_high_school=True)
    assert any(f.field == "key_high_school" for f in check_setup(setup))


@pytest.fixture
def complete_school(tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE)
    yield ws
    ws.close()


def test_a_complete_school_has_classes_from_chu_yi_to_gao_san(complete_school):
    names = [k.name for k in SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number)]
    assert names[0] == "七年级(1)班" and names[-1] == "高三(2)班" and len(names) == 12
    assert School.get().kind == "complete"


def test_a_new_gao_yi_pupil_continues_the_junior_number_in_changzhi(complete_school):
    ws = complete_school
    draft = pupil_draft("李明", birth=dt.date(2011, 3, 7), grade=10)
    found = [f for f in enrolment.check(ws, draft) if f.field == "continued_number"]
    assert [f.article for f in found] == ["《长治市实施细则》第十二条"]
    assert "高一年级新生只能从初中毕业生中升学录取" in found[0].text
    with pytest.raises(RuleViolation):
        enrolment.enrol(ws, draft)
    assert Student.select().count() == 0
    draft.continued_number = "G" + draft.student["id_number"]
    student, _ = enrolment.enrol(ws, draft)
    assert (student.grade, student.student_number, student.school_class.name) == (
        10, "G" + draft.student["id_number"], "高一(1)班")


def test_a_continued_number_goes_only_into_a_starting_grade(complete_school):
    draft = pupil_draft("王芳", birth=dt.date(2010, 3, 7), grade=11, new=False)
    draft.continued_number = "G" + draft.student["id_number"]
    found = [f for f in enrolment.check(complete_school, draft) if f.rule == "continued.grade"]
    assert found and "七年级、高一年级" in found[0].text


def test_the_demo_complete_school_of_changzhi_from_the_command_line(tmp_path):
    db = tmp_path / "demo.sqlite3"
    made = run_xueji("demo", "--db", db, "--region", "changzhi", "--school-type", "完全中学", "--pupils", "300",
                     at=dt.datetime(2026, 12, 4, 10))
    assert made.returncode == 0, made.stderr
    assert "长子县第二中学（完全中学，六三学制）" in made.stdout
    listed = run_xueji("list", "--db", db, at=dt.datetime(2026, 12, 4, 10), env={"XUEJI_PASSWORD": DEMO_PASSWORD})
    grades = {line.split("\t")[3] for line in listed.stdout.splitlines()[1:]}
    assert grades == {"七年级", "八年级", "九年级", "高一年级", "高二年级", "高三年级"}


def test_the_demo_refuses_a_high_school_in_a_compulsory_only_region(tmp_path):
    db = tmp_path / "demo.sqlite3"
    refused = run_xueji("demo", "--db", db, "--region", "yingkou", "--school-type", "完全中学", "--pupils", "100",
                        at=dt.datetime(2026, 12, 4, 10))
    assert refused.returncode == 2
    assert "完全中学含高中" in refused.stderr and "《营口市规定》一" in refused.stderr
    assert not db.exists()


# ── the year end of a 完全中学, and its own 初中 graduates going on to its 高一 ──────────────────────────────

def _complete_with_pupils(tmp_path):
    from tests.test_todo import enrol

    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 9, 10), classes_per_grade=1)
    ws.login("registrar", PASSWORD)
    pupils = {}
    for g in range(7, 13):
        pupils[g] = enrol(ws, f"学生{NUMERALS[g]}", grade=g, seq=401 + 2 * g, new=False)
    hg.set_record(ws, pupils[12].id, {"必修学分": "116", "选修学分": "22", "校本选修学分": "6", "基础素养评价": "合格",
                                      "体育合格": "是", "劳动与社会实践": "是",
                                      **{s: "A" for s in hg.requirements(ws.profile)["subjects"]}})
    return ws, pupils


def test_a_complete_school_graduates_chu_san_and_gao_san_and_opens_a_new_gao_yi(tmp_path):
    _turned(tmp_path)


def _turned(tmp_path):
    from tests.test_year_end import move_to, run
    from xueji_desktop.core.school_year.year_end import plan

    ws, pupils = _complete_with_pupils(tmp_path)
    move_to(ws, dt.date(2027, 7, 20))
    p = plan(ws)
    assert {x.grade for x in p.graduating} == {9, 12}
    assert sorted(x.grade for x in p.moving) == [7, 8, 10, 11]
    assert p.new_classes == {7: 1, 10: 1}
    run(ws)
    after = {s.name: (s.grade, s.status) for s in Student.select()}
    assert after["学生九"] == (9, "graduated") and after["学生十二"] == (12, "graduated")
    assert after["学生八"] == (9, "enrolled") and after["学生十一"] == (12, "enrolled")
    assert sorted(k.grade for k in SchoolClass.in_use()) == [7, 8, 9, 10, 11, 12]
    return ws, pupils


def test_an_own_chu_san_graduate_continues_as_gao_yi_with_the_same_record(tmp_path):
    from tests.test_year_end import move_to
    from xueji_desktop.core.admission.continuation import continue_own, own_graduates
    from xueji_desktop.store.models import Event, Graduate

    ws, pupils = _turned(tmp_path)
    move_to(ws, dt.date(2027, 8, 28))
    graduate = pupils[9]
    assert [s.student_number for s in own_graduates(ws)] == [graduate.student_number]  # 高三 graduates are not
    gao_yi = SchoolClass.in_use().where(SchoolClass.grade == 10).get()
    chu_yi = SchoolClass.in_use().where(SchoolClass.grade == 7).get()
    with pytest.raises(RuleViolation, match="高一年级正在使用的班级"):
        continue_own(ws, graduate.student_number, chu_yi.id)
    student, _ = continue_own(ws, graduate.student_number, gao_yi.id)
    assert (student.id, student.grade, student.status, student.school_class.name) == (
        graduate.id, 10, "enrolled", gao_yi.name)
    assert student.student_number == graduate.student_number  # 学籍号 for life
    [junior] = Graduate.select().where(Graduate.student == student)
    assert (junior.school_year, junior.next_school_name) == (2026, ws.school.name)
    event = Event.select().where(Event.kind == "student_continued").get()
    assert "自本校初中毕业升入高一" in event.summary and event.student_id == student.id
    assert own_graduates(ws) == []
    with pytest.raises(RuleViolation, match="不是本校上一学年的初中毕业生"):
        continue_own(ws, graduate.student_number, gao_yi.id)


def test_a_high_class_is_held_to_the_high_school_class_sizes(complete_school):
    from xueji_desktop.core.admission.enrolment_rules import class_size_findings

    p = complete_school.profile
    [f] = class_size_findings(p, SIX_THREE, 10, "高一(1)班", 50, 60)
    assert f.rule == "class_size.high_first_year_max" and f.severity.name == "BLOCK"
    assert f.article == "《长治市实施细则》第十三条" and "班额上限 50 人" in f.message
    [f] = class_size_findings(p, SIX_THREE, 11, "高二(1)班", 50, 60)
    assert f.rule == "class_size.high_standard" and f.severity.name == "WARN"  # 51 of at most 55
    [f] = class_size_findings(p, SIX_THREE, 12, "高三(1)班", 55, 60)
    assert f.rule == "class_size.high_max" and "班额上限 55 人" in f.message
    assert class_size_findings(p, SIX_THREE, 8, "八年级(1)班", 50, 60)[0].rule == "class_size.middle_standard"


@pytest.mark.parametrize("profile_id, kind, refused", [
    ("yingkou", SchoolKind.NINE_YEAR, "高中年级不在适用范围内，本地区学籍规定只适用于小学、初中"),
    ("changzhi", SchoolKind.NINE_YEAR, "年级：本校（九年一贯制）没有高一年级"),
])
def test_the_national_import_refuses_a_high_grade_row_naming_why(tmp_path, profile_id, kind, refused):
    from tests.national_files import pupil_row, write_book
    from xueji_desktop.core.national import excel_import as ei

    ws = make_school(tmp_path / f"{profile_id}.sqlite3", profile_id=profile_id, kind=kind, today=dt.date(2026, 10, 12))
    ws.login("registrar", PASSWORD)
    row = pupil_row(5, 9, 1)
    row["年级"] = "高一"
    book = write_book(tmp_path / "学生.xlsx", {"学生": [pupil_row(4, 8, 1), row]})
    plan = ei.check_file(ws, book)
    problems = [p for p in plan.problems if p.column.endswith("（年级）")]
    assert len(problems) == 1 and problems[0].row == 3 and refused in problems[0].message
    if profile_id == "yingkou":
        assert problems[0].article == "《营口市规定》一"
    ws.close()
