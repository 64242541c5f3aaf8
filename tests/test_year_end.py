"""The year end (学年结转) on real school files: when it may run (the national calendar as each region's text
gives it), what moves and what stays, one transaction after a backup, 结业 only where the text names it, the
毕业生花名册 and the certificate numbers, and `xueji year-end` / `xueji graduates` as a registrar runs them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import PASSWORD, make_school, run_xueji
from tests.test_status_change_workflow import draft, suspend
from tests.test_todo import enrol
from xueji_desktop.core.backups.files import BackupError
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.forms.registers_print import build_register, print_register
from xueji_desktop.core.overview import todo
from xueji_desktop.core.rules.findings import RuleViolation, Severity
from xueji_desktop.core.school.event_chain import verify
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school_year import graduates as grads
from xueji_desktop.core.school_year.year_end import Outcome, YearEndError, plan, restorable_backup
from xueji_desktop.core.school_year.year_end_run import turn_year
from xueji_desktop.store.models import AccessLog, Event, Graduate, SchoolClass, Student, YearEnd

D = dt.date
NUMERALS = "〇一二三四五六七八九"


def move_to(ws, day: D, hour: int = 9) -> None:
    ws.test_clock.now = dt.datetime.combine(day, dt.time(hour, 0))


def school(tmp_path, pid="national", today=None):
    """A nine-year school, one class per grade, one pupil per grade (grade 1 a 新生), signed in."""
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, today=today or D(2026, 9, 10), classes_per_grade=1)
    ws.login("registrar", PASSWORD)
    pupils = {g: enrol(ws, f"学生{NUMERALS[g]}", grade=g, seq=401 + 2 * g, new=g == 1) for g in range(1, 10)}
    return ws, pupils


def explained(p) -> dict[str, str]:
    return {f.rule: "已核实，特此说明" for f in p.warnings}


def run(ws, outcomes=None, reasons=None, backup=lambda ws, why: None):
    p = plan(ws, outcomes)
    return turn_year(ws, outcomes, {**explained(p), **(reasons or {})}, backup=backup)


def rules_of(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity is severity}


# ── when ──────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("pid, opens", [
    ("heilongjiang", D(2027, 7, 1)),  # 《黑龙江省实施细则》第二十九条: 7月1日前办理完毕业年级所有业务
    ("national", D(2027, 7, 1)),  # the national system's calendar in the national profile
])
def test_a_run_before_the_graduating_grades_business_closes_is_refused_naming_the_day(tmp_path, pid, opens):
    ws, _ = school(tmp_path, pid)
    move_to(ws, opens - dt.timedelta(days=1))
    p = plan(ws)
    (block,) = p.blocks
    assert block.rule == "year_end.too_early" and f"{opens:%Y-%m-%d}" in block.text
    if pid == "heilongjiang":
        assert "第二十九条" in block.article
    with pytest.raises(RuleViolation):
        turn_year(ws, backup=lambda ws, why: None)
    assert not YearEnd.select().exists()
    move_to(ws, opens)
    assert not plan(ws).blocks


def test_after_the_graduation_deadline_the_year_end_asks_for_a_reason_citing_the_article(tmp_path):
    """黑龙江 第二十九条 and 凉山 三（一）: graduation by 30 July; a late run is not refused (the school would be stuck),
    but goes on only with a reason, recorded in the year_ended event."""
    ws, _ = school(tmp_path, "liangshan")
    move_to(ws, D(2027, 8, 3))
    p = plan(ws)
    late = [f for f in p.warnings if f.rule == "year_cycle.graduation_by"]
    assert late and "凉山" in late[0].article and "2027-07-30" in late[0].text
    with pytest.raises(RuleViolation) as refused:
        turn_year(ws, reasons={k: "x" for k in rules_of(p.warnings) - {"year_cycle.graduation_by"}},
                  backup=lambda ws, why: None)
    assert rules_of(refused.value.findings) == {"year_cycle.graduation_by"}
    run(ws, reasons={"year_cycle.graduation_by": "教育局通知延期至8月5日"})
    event = Event.get(Event.kind == "year_ended")
    assert json.loads(event.reasons)["year_cycle.graduation_by"] == "教育局通知延期至8月5日"
    assert any("凉山" in a for a in json.loads(event.articles))


def test_a_year_is_turned_once_and_the_next_only_a_year_later(tmp_path):
    ws, _ = school(tmp_path)
    move_to(ws, D(2027, 7, 20))
    run(ws)
    move_to(ws, D(2027, 7, 20), hour=11)
    p = plan(ws)
    assert p.from_year == 2027 and rules_of(p.blocks) == {"year_end.too_early"}
    move_to(ws, D(2028, 7, 15))
    assert plan(ws).from_year == 2027 and not plan(ws).blocks


def test_a_year_not_turned_here_is_named_and_blocks(tmp_path):
    ws, _ = school(tmp_path)
    move_to(ws, D(2028, 7, 20))
    p = plan(ws)
    (block,) = p.blocks
    assert block.rule == "year_end.missed" and "2026—2027学年" in block.text


def test_a_school_set_up_after_the_national_promotion_turns_the_following_year(tmp_path):
    """Records set up on 20 August 2027 already show 2027—2028's grades: nothing to turn until July 2028."""
    ws, _ = school(tmp_path, today=D(2027, 8, 20))
    move_to(ws, D(2027, 8, 25))
    p = plan(ws)
    assert p.from_year == 2027 and rules_of(p.blocks) == {"year_end.too_early"}


# ── what moves ────────────────────────────────────────────────────────────────────────────────

def test_every_grade_moves_up_with_its_class_and_the_top_grade_graduates_in_one_transaction(tmp_path):
    ws, pupils = school(tmp_path)
    suspend(ws, pupils[3], D(2026, 9, 10), D(2027, 9, 9))
    move_to(ws, D(2027, 7, 20))
    p = plan(ws)
    assert [p_.grade for p_ in p.moving] == [1, 2, 4, 5, 6, 7, 8]
    assert [x.student_number for x in p.staying] == [pupils[3].student_number]
    assert [x.name for x in p.graduating] == ["学生九"]
    assert p.new_classes == {1: 1}  # a 九年一贯制 school's grade 7 is its own grade 6 moving up
    before = Event.select().count()
    result = run(ws)
    assert result.promoted == 7 and result.graduated == 1
    for g in (1, 2, 4, 5, 6, 7, 8):
        s = Student.get_by_id(pupils[g].id)
        assert s.grade == g + 1 and s.school_class.name == f"{'一二三四五六七八九'[g]}年级(1)班"
    held = Student.get_by_id(pupils[3].id)
    assert held.grade == 3 and held.status == "suspended"
    assert held.school_class.name == "三年级(1)班" and held.school_class.grade == 3  # the class moved up from 2
    top = Student.get_by_id(pupils[9].id)
    assert top.status == "graduated" and top.school_class.retired_year == 2026
    assert top.school_class.name == "九年级(1)班"  # still named in the graduate's record
    g = Graduate.get(Graduate.student == top)
    assert (g.outcome, g.school_year, g.class_name, g.left_on) == ("graduated", 2026, "九年级(1)班", D(2027, 7, 20))
    in_use = [(k.grade, k.number) for k in SchoolClass.in_use().order_by(SchoolClass.grade)]
    assert in_use == [(g, 1) for g in range(1, 10)]  # a new 一年级(1)班; 八年级 became 九年级
    kinds = [e.kind for e in Event.select().where(Event.id > before).order_by(Event.seq)]
    assert kinds.count("student_promoted") == 7 and kinds.count("student_graduated") == 1
    assert kinds.count("class_created") == 1 and kinds[-1] == "year_ended"
    assert verify(ws.db).ok
    row = YearEnd.get(YearEnd.from_year == 2026)
    assert json.loads(row.counts)["promoted"] == 7 and row.done_by.username == "registrar"


def test_an_open_case_holds_a_graduate_who_keeps_the_grade(tmp_path):
    """《全国中小学生学籍信息管理系统》: only a pupil 在校 with no change in progress graduates."""
    ws, pupils = school(tmp_path, "heilongjiang")
    move_to(ws, D(2027, 6, 20))
    d = draft(ws, CaseKind.SUSPENSION, pupils[9], ground_id="sick_leave", effective_on=D(2027, 6, 20),
              until=D(2028, 6, 19))
    d.reasons.update({f.rule: "病情严重，已住院治疗" for f in status_change.check(ws, d)
                      if f.severity is Severity.WARN})
    case, _ = status_change.open_change(ws, d)
    move_to(ws, D(2027, 7, 20))
    p = plan(ws)
    assert not p.graduating and [h.pupil.name for h in p.held] == ["学生九"]
    assert case.number in p.held[0].why
    run(ws)
    s = Student.get_by_id(pupils[9].id)
    assert (s.status, s.grade) == ("enrolled", 9) and not Graduate.select().exists()


def test_pupils_entered_for_the_new_year_stay_in_their_grade_and_their_class_keeps_it(tmp_path):
    ws, pupils = school(tmp_path)
    move_to(ws, D(2027, 7, 20))
    new_class = SchoolClass.create(grade=1, number=2, name="一年级(2)班", capacity=45)
    newcomer = enrol(ws, "新生甲", grade=1, seq=601, new=True)
    Student.update(school_class=new_class, entry_date=D(2027, 7, 19)).where(Student.id == newcomer.id).execute()
    p = plan(ws)
    assert [x.name for x in p.new_year] == ["新生甲"] and p.new_classes == {}
    run(ws)
    assert Student.get_by_id(newcomer.id).grade == 1 and SchoolClass.get_by_id(new_class.id).grade == 1
    assert Student.get_by_id(pupils[1].id).grade == 2


def test_a_class_holding_both_years_pupils_blocks_naming_them(tmp_path):
    ws, _ = school(tmp_path)
    move_to(ws, D(2027, 7, 20))
    newcomer = enrol(ws, "新生乙", grade=1, seq=603, new=True)
    Student.update(entry_date=D(2027, 7, 19)).where(Student.id == newcomer.id).execute()
    (block,) = plan(ws).blocks
    assert block.rule == "year_end.mixed_class" and "新生乙" in block.text and "一年级(1)班" in block.text


# ── 毕业 or 结业 ──────────────────────────────────────────────────────────────────────────────

def test_yingkou_names_a_completion_certificate_so_a_graduate_may_leave_with_结业_and_its_reason(tmp_path):
    """《营口市规定》四(三)3: 综合考核合格者 graduate; 义务教育结业证书 for the others."""
    ws, pupils = school(tmp_path, "yingkou")
    move_to(ws, D(2027, 7, 20))
    top = pupils[9]
    p = plan(ws, {top.id: Outcome.COMPLETED})
    assert p.completion_offered and p.leaving_text == "毕业 0 人，结业 1 人"
    run(ws, {top.id: Outcome.COMPLETED}, {f"completed:{top.id}": "综合考核不合格"})
    assert Student.get_by_id(top.id).status == "completed"
    event = Event.get(Event.kind == "student_graduated")
    assert json.loads(event.payload)["reason"] == "综合考核不合格" and event.summary.startswith("结业")


@pytest.mark.parametrize("pid", ["heilongjiang", "changzhi", "national"])
def test_where_the_text_names_no_completion_certificate_every_graduate_graduates(tmp_path, pid):
    """黑龙江 第三十条 (完整规定年限 → 毕业证书), 长治 第三十四条 (学习期满后，予以毕业); the national profile is silent."""
    ws, pupils = school(tmp_path, pid)
    move_to(ws, D(2027, 7, 20))
    with pytest.raises(YearEndError, match="未设义务教育结业证书"):
        plan(ws, {pupils[9].id: Outcome.COMPLETED})


# ── the backup ────────────────────────────────────────────────────────────────────────────────

def test_the_backup_is_taken_first_and_offered_for_the_rest_of_that_day(tmp_path):
    ws, _ = school(tmp_path)
    move_to(ws, D(2027, 7, 20))
    result = run(ws, backup=None)
    assert result.backup_file.endswith(".xjbak") and "before_year_end" in result.backup_file
    assert YearEnd.get().backup_file == result.backup_file
    assert restorable_backup(ws) == result.backup_file
    move_to(ws, D(2027, 7, 21))
    assert restorable_backup(ws) is None


def test_when_the_backup_fails_nothing_is_written(tmp_path):
    ws, pupils = school(tmp_path)
    move_to(ws, D(2027, 7, 20))

    def broken(ws, why):
        raise BackupError("备份文件夹不可写")

    before = Event.select().count()
    with pytest.raises(BackupError):
        run(ws, backup=broken)
    assert Event.select().count() == before and not YearEnd.select().exists()
    assert Student.get_by_id(pupils[1].id).grade == 1


def test_an_account_that_may_not_run_workflows_is_refused_before_the_backup(tmp_path):
    from xueji_desktop.core.accounts.roles import PermissionDenied

    ws, _ = school(tmp_path)
    ws.user.role = "viewer"  # the account as a 查询 account would be signed in
    move_to(ws, D(2027, 7, 20))
    taken = []
    with pytest.raises(PermissionDenied):
        turn_year(ws, backup=lambda ws, why: taken.append(why))
    assert taken == []


# ── the roster and the certificate numbers ─────────────────────────────────────────────────────

def test_the_graduate_roster_lists_the_proposed_graduates_before_and_the_graduates_after(tmp_path):
    """《营口市规定》四(三)3: the roster goes to the bureau for approval; 长治 附件5."""
    ws, pupils = school(tmp_path, "yingkou")
    move_to(ws, D(2027, 6, 25))
    before = build_register(ws, "graduates")
    assert before.title == "毕业生花名册（拟毕业）"
    assert [row[2] for s in before.sections for row in s.rows] == ["学生九"]
    assert any("四(三)3" in n for n in before.notes)
    move_to(ws, D(2027, 7, 20))
    run(ws)
    after = build_register(ws, "graduates", term="2026")
    assert after.title == "毕业生花名册"
    (row,) = [row for s in after.sections for row in s.rows]
    assert row[2] == "学生九" and row[8] == "毕业"
    out = print_register(ws, "graduates", tmp_path / "roster.pdf", purpose="上级检查/统计报送", term="2026")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "毕业生花名册" in text and "学生九" in text and "主管教育行政部门核准意见" in text
    book = print_register(ws, "graduates", tmp_path / "roster.xlsx", purpose="上级检查/统计报送", term="2026")
    cells = [c for row in load_workbook(book).worksheets[-1].iter_rows(values_only=True) for c in row if c]
    assert pupils[9].student_number in cells
    assert AccessLog.select().where(AccessLog.subject == "毕业生花名册").count() == 2


def test_certificate_numbers_are_recorded_all_or_nothing(tmp_path):
    ws, pupils = school(tmp_path)
    move_to(ws, D(2027, 7, 20))
    run(ws)
    number = pupils[9].student_number
    with pytest.raises(grads.GraduateError) as refused:
        grads.set_certificate_numbers(ws, {number: "HLJ2027-001", pupils[8].student_number: "HLJ2027-002"})
    assert "不是本校毕业（结业）学生" in refused.value.message
    assert Graduate.get().certificate_no == ""
    grads.set_certificate_numbers(ws, {number: "HLJ2027-001"})
    assert Graduate.get().certificate_no == "HLJ2027-001"
    event = Event.select().where(Event.kind == "certificate_number_entered").get()
    assert event.student_id == pupils[9].id and "HLJ2027-001" in event.summary
    book = Workbook()
    sheet = book.active
    sheet.append(["县教育局毕业证书编号表"])
    sheet.append(["序号", "学籍号", "姓名", "证书编号"])
    sheet.append([1, number, "学生九", "HLJ2027-009"])
    book.save(tmp_path / "numbers.xlsx")
    count, _ = grads.import_certificate_numbers(ws, tmp_path / "numbers.xlsx")
    assert count == 1 and Graduate.get().certificate_no == "HLJ2027-009"
    sheet.append([2, number, "学生九", "HLJ2027-010"])
    book.save(tmp_path / "twice.xlsx")
    with pytest.raises(grads.GraduateError, match="第 4 行：学籍号 .* 重复出现"):
        grads.import_certificate_numbers(ws, tmp_path / "twice.xlsx")
    assert Graduate.get().certificate_no == "HLJ2027-009"


# ── the to-do list ─────────────────────────────────────────────────────────────────────────────

def test_the_national_calendar_is_shown_ahead_in_the_to_do_list_until_the_year_end_runs(tmp_path):
    """黑龙江 第二十九条: graduating grade's business by 1 July, graduation by 30 July."""
    ws, _ = school(tmp_path, "heilongjiang")
    move_to(ws, D(2027, 5, 20))
    assert not [i for i in todo.todo_items(ws) if i.target == ("year_end", None)]
    move_to(ws, D(2027, 6, 10))
    items = {i.kind: i for i in todo.todo_items(ws) if i.target == ("year_end", None)}
    assert items["graduating_business"].due == D(2027, 7, 1) and "第二十九条" in items["graduating_business"].detail
    assert items["year_end"].due == D(2027, 7, 30)
    move_to(ws, D(2027, 7, 20))
    run(ws)
    assert not [i for i in todo.todo_items(ws) if i.target == ("year_end", None)]


# ── the command line ──────────────────────────────────────────────────────────────────────────

def test_xueji_year_end_previews_refuses_without_yes_and_runs_with_it(tmp_path):
    ws, pupils = school(tmp_path, "yingkou")
    path = ws.path
    ws.close()
    at = dt.datetime(2027, 7, 20, 10)
    early = run_xueji("year-end", "--db", path, "--dry-run", at=dt.datetime(2027, 6, 1, 10))
    assert early.returncode == 2 and "最早于 2027-07-01" in early.stdout
    dry = run_xueji("year-end", "--db", path, "--dry-run", at=at)
    assert dry.returncode == 0, dry.stderr
    assert "九年级\t1\t毕业离校" in dry.stdout and "一年级\t1\t二年级" in dry.stdout
    unsure = run_xueji("year-end", "--db", path, at=at)
    assert unsure.returncode == 2 and "--yes" in unsure.stderr
    keys = [line.split("理由键：")[1].rstrip("）") for line in dry.stdout.splitlines() if "理由键：" in line]
    args = [a for k in keys for a in ("--reason", f"{k}=已核实，特此说明")]
    done = run_xueji("year-end", "--db", path, "--yes", "--completed",
                     f"{pupils[9].student_number}=综合考核不合格", *args, at=at)
    assert done.returncode == 0, done.stderr
    assert "毕业 0 人，结业 1 人" in done.stdout and "before_year_end" in done.stdout
    listed = run_xueji("graduates", "list", "--db", path, at=at)
    assert f"{pupils[9].student_number}\t学生九" in listed.stdout and "\t结业\t2027-07-20" in listed.stdout
    numbered = run_xueji("graduates", "numbers", "--db", path, "--set", f"{pupils[9].student_number}=YK-0001", at=at)
    assert numbered.returncode == 0, numbered.stderr
    wrong = run_xueji("graduates", "numbers", "--db", path, "--set", "G000=YK-0002", at=at)
    assert wrong.returncode == 2 and "学籍号 G000：不是本校毕业（结业）学生" in wrong.stderr


@pytest.mark.parametrize("kind, top, starting", [(SchoolKind.PRIMARY, 6, 1), (SchoolKind.MIDDLE, 9, 7)])
def test_a_primary_schools_sixth_grade_and_a_middle_schools_ninth_graduate_and_the_starting_grade_gets_classes(
        tmp_path, kind, top, starting):
    ws = make_school(tmp_path / "s.sqlite3", kind=kind, today=D(2026, 9, 10), classes_per_grade=2)
    ws.login("registrar", PASSWORD)
    grades = range(1, 7) if kind is SchoolKind.PRIMARY else range(7, 10)
    pupils = {g: enrol(ws, f"学生{NUMERALS[g]}", grade=g, seq=401 + 2 * g, new=g == starting) for g in grades}
    move_to(ws, D(2027, 7, 20))
    p = plan(ws)
    assert [x.grade for x in p.graduating] == [top] and p.new_classes == {starting: 2}
    run(ws)
    assert Student.get_by_id(pupils[top].id).status == "graduated"
    assert Student.get_by_id(pupils[starting].id).grade == starting + 1
    names = [k.name for k in SchoolClass.in_use().where(SchoolClass.grade == starting).order_by(SchoolClass.number)]
    assert names == [f"{'一二三四五六七八九'[starting - 1]}年级(1)班", f"{'一二三四五六七八九'[starting - 1]}年级(2)班"]
    assert SchoolClass.in_use().where(SchoolClass.grade == top).count() == (2 if top - 1 in grades else 0)


@pytest.mark.parametrize("pid, article", [("heilongjiang", "第十二条"), ("yingkou", "四(三)1")])
def test_a_graduate_cannot_be_enrolled_again_to_repeat(tmp_path, pid, article):
    """黑龙江 第十二条: 学校不准招收已经毕业的学生回学校重读; 营口 四(三)1: 不得招收已完成九年义务教育的复读生;
    凉山 三（一）: 不可以随意回退 — the graduate's status has no way back (core.pupils.status)."""
    from tests.conftest import pupil_draft
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.pupils.status import Status, can_move

    ws, pupils = school(tmp_path, pid)
    move_to(ws, D(2027, 7, 20))
    run(ws)
    again = pupil_draft(name="学生九", grade=9, new=False, seq=401 + 18, birth=D(2026 - 9 - 6, 3, 7))
    assert again.student["id_number"] == pupils[9].id_number
    found = [f for f in enrolment.check(ws, again) if f.rule == "enrolment.no_graduate_reenrolment"]
    assert found and found[0].severity is Severity.BLOCK and article in found[0].article
    assert "已在本校毕业" in found[0].text
    assert not any(can_move(Status.GRADUATED, s) for s in Status)


@pytest.mark.parametrize("pid, blocked", [("liangshan", True), ("heilongjiang", False)])
def test_a_first_middle_grade_pupil_continues_a_primary_学籍_where_the_text_says_only_that_way(tmp_path, pid, blocked):
    """凉山 一（二）: 初中、高中阶段的学籍只能采用升学招生的形式调档，接续原有学籍档案信息."""
    from tests.conftest import first_class, pupil_draft
    from xueji_desktop.core.admission import enrolment

    ws = make_school(tmp_path / "s.sqlite3", profile_id=pid, today=D(2026, 9, 1), classes_per_grade=1)
    ws.login("registrar", PASSWORD)
    d = pupil_draft(name="阿苦伍芝", grade=7, new=True, seq=471, birth=D(2014, 2, 4))
    d.class_id = first_class(7).id
    found = [f for f in enrolment.check(ws, d) if f.rule == "enrolment.middle_by_promotion"]
    assert bool(found) is blocked
    if blocked:
        assert found[0].severity is Severity.BLOCK and "一(二)" in found[0].article
        d.continued_number = "G" + d.student["id_number"]
        assert not [f for f in enrolment.check(ws, d) if f.severity is Severity.BLOCK]
