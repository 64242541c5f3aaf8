"""升学 through the bureau, on both bureau backends: a primary school of the county turns its year (2027-07-20)
and names the middle school for a graduating class; its batch reaches the bureau, which lists the graduates
with and without a middle school, admits (核准, 科长) the named ones, and sends each record and history to the
middle school in its reply; the middle school imports the reply and continues each record as 初一 with the
same 学籍号 (《凉山州规定》一(二)、三(二); 《黑龙江省实施细则》第十六条). Also: the typed-学籍号 route for a
primary school that does not use the program, and the 初一新生录取花名册 listing both as 升学."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import Workbook

from tests.conftest import PASSWORD, make_school, pin, pupil_draft, run_xueji
from xueji_desktop.bureau import accounts, importer
from xueji_desktop.bureau import graduates as bureau_graduates
from xueji_desktop.bureau import replies as bureau_replies
from xueji_desktop.bureau.access_log import BureauAccess
from xueji_desktop.bureau.case_models import ReplyItem
from xueji_desktop.bureau.graduate_models import BureauGraduate
from xueji_desktop.bureau.importer import BureauError
from xueji_desktop.bureau.store import open_store
from xueji_desktop.core.admission import continuation, enrolment
from xueji_desktop.core.exchange import outbox, replies, school_keys
from xueji_desktop.core.forms.registers_print import build_register, print_register
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school.school import SchoolKind
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.core.school_year.next_school import NextSchoolError, set_next_school
from xueji_desktop.core.school_year.registers import change_register, period_of
from xueji_desktop.core.school_year.year_end import plan
from xueji_desktop.core.school_year.year_end_run import turn_year
from xueji_desktop.store.models import Event, Graduate, SchoolClass, Student

BUREAU_PW = "bureau-pass-1"
P, M, Q = "2108110011", "2108110021", "2108110031"  # 小学, 中学, 另一所小学
NAMES = {P: "测试县城关小学", M: "测试县第一初级中学", Q: "测试县河东小学"}
KINDS = {P: SchoolKind.PRIMARY, M: SchoolKind.MIDDLE, Q: SchoolKind.PRIMARY}
SET_UP = dt.date(2026, 9, 1)
TURN = dt.date(2027, 7, 20)
LATER = dt.date(2027, 8, 25)
PROFILE = "changzhi"  # 长治 第六条（九）: 初一新生录取花名册


class County:
    def __init__(self, root, target, profile: str = PROFILE):
        self.root, self.target, self.stick = root, target, root / "stick"
        self.key, self.fp = importer.init_bureau(target, "测试县教育局", "210811", BUREAU_PW,
                                                 key_file=root / "bureau.xjkey", display_name="李科长")
        self.paths = {}
        for code in (P, M, Q):
            path = root / f"{code}.sqlite3"
            ws = make_school(path, profile, kind=KINDS[code], code=code, name=NAMES[code], today=SET_UP,
                             classes_per_grade=2)
            school_keys.create_keys(ws, PASSWORD)
            school_keys.trust_bureau(ws, self.key, self.fp)
            (root / f"{code}.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
            ws.close()
            self.paths[code] = path
        with self.bureau(SET_UP) as store:
            for code in (P, M, Q):
                importer.register_school(store, None, None, root / f"{code}.xjkey")

    def school(self, code, day: dt.date) -> Workspace:
        pin(dt.datetime.combine(day, dt.time(10)))
        ws = Workspace(self.paths[code])
        ws.login("registrar", PASSWORD)
        return ws

    def bureau(self, day: dt.date):
        pin(dt.datetime.combine(day, dt.time(15)))
        store = open_store(self.target)
        accounts.sign_in(store, "admin", BUREAU_PW)
        return store

    def export(self, code, day):
        ws = self.school(code, day)
        try:
            assert outbox.export_to(ws, PASSWORD, self.stick / code).failed is None
        finally:
            ws.close()
        with self.bureau(day) as store:
            plans = importer.import_batches(store, BUREAU_PW, [self.stick / code])
            assert all(p.code == "duplicate_batch" for p in plans if p.refused), [p.line for p in plans]

    def reply(self, code, day):
        with self.bureau(day) as store:
            return bureau_replies.reply_to(store, BUREAU_PW, code, self.stick / f"reply-{code}")

    def import_reply(self, code, day):
        ws = self.school(code, day)
        try:
            return replies.import_replies(ws, PASSWORD, [self.stick / f"reply-{code}"])
        finally:
            ws.close()


def _enrol_sixth_graders(county: County, code: str, seq0: int, names: list[str]) -> list[str]:
    ws = county.school(code, SET_UP)
    numbers = []
    try:
        for i, name in enumerate(names):
            number = 1 + i % 2
            draft = pupil_draft(name=name, grade=6, new=False, birth=dt.date(2014, 3 + i, 2 + i), seq=seq0 + i,
                                address=f"测试县城关镇{name}家")
            draft.class_id = SchoolClass.get((SchoolClass.grade == 6) & (SchoolClass.number == number)).id
            student, _ = enrolment.enrol(ws, draft)
            numbers.append(student.student_number)
    finally:
        ws.close()
    return numbers


def _turn(county: County, code: str) -> None:
    ws = county.school(code, TURN)
    try:
        p = plan(ws)
        assert not p.blocks, [f.message for f in p.blocks]
        turn_year(ws, reasons={f.rule: "已核对，按时办理" for f in p.warnings}, backup=lambda ws, why: None)
    finally:
        ws.close()


@pytest.fixture
def county(tmp_path, bureau_target):
    return County(tmp_path, bureau_target)


def test_a_primary_class_reaches_its_middle_school_through_the_bureau(county):
    numbers = _enrol_sixth_graders(county, P, 301, ["王小明", "李小红", "张小刚", "赵小丽"])
    class_1 = numbers[0::2]  # 六年级(1)班
    class_2 = numbers[1::2]  # 六年级(2)班: no middle school named yet
    _turn(county, P)

    ws = county.school(P, TURN)
    with pytest.raises(NextSchoolError, match="学校标识码：应为 10 位数字"):
        set_next_school(ws, "21081", NAMES[M], class_name="六年级(1)班")
    with pytest.raises(NextSchoolError, match="不是本校的毕业"):
        set_next_school(ws, M, NAMES[M], student_numbers=["G000000000000000000"])
    changed, _ = set_next_school(ws, M, NAMES[M], class_name="六年级(1)班")
    assert changed == 2
    assert set_next_school(ws, M, NAMES[M], class_name="六年级(1)班")[0] == 0  # unchanged: no event again
    assert {g.student.student_number: g.next_school_code for g in Graduate.select()} == {
        **dict.fromkeys(class_1, M), **dict.fromkeys(class_2, "")}
    assert Event.select().where(Event.kind == "next_school_set").count() == 2
    ws.close()
    county.export(P, TURN)

    # the bureau: who goes where, who has no middle school yet
    with county.bureau(TURN) as store:
        lines = bureau_graduates.graduate_lines()
        assert [(g.student_number, g.next_code, g.state) for g in lines] == sorted(
            [(n, M, "待核准") for n in class_1] + [(n, "", "尚无升入学校") for n in class_2],
            key=lambda x: (["六年级(1)班", "六年级(2)班"][numbers.index(x[0]) % 2], x[0]))
        assert [g.student_number for g in bureau_graduates.graduate_lines(without_school=True)] == sorted(class_2)
        assert {g.name for g in lines} == {"王小明", "李小红", "张小刚", "赵小丽"}

        # only 科长 decides
        accounts.add_account(store, "chaxun", "周查询", [accounts.BureauRole.READER], "Reader-7731-pw")
        accounts.sign_in(store, "chaxun", "Reader-7731-pw")
        with pytest.raises(accounts.BureauPermissionDenied, match="科长"):
            bureau_graduates.admit(store, M, from_school=P)
        accounts.sign_in(store, "admin", BUREAU_PW)
        with pytest.raises(BureauError, match="未在本局登记"):
            bureau_graduates.admit(store, "2108119999", from_school=P)
        result = bureau_graduates.admit(store, M, from_school=P)
        assert sorted(g.student_number for g in result.admitted) == sorted(class_1)
        assert all(g.admitted_by == "李科长" and g.admitted_on == TURN for g in result.admitted)
        with pytest.raises(BureauError, match="已核准升入测试县第一初级中学"):
            bureau_graduates.admit(store, Q, students=[(P, class_1[0])])
        [item, _] = sorted(ReplyItem.select().where(ReplyItem.kind == "admission"), key=lambda i: i.seq)
        archive = item.payload_dict()["archive"]
        assert archive["record"]["fields"]["address"].startswith("测试县城关镇")
        assert [h["kind"] for h in archive["history"]][:1] == ["student_enrolled"]
        assert "student_graduated" in [h["kind"] for h in archive["history"]]
    county.reply(M, TURN)
    with county.bureau(TURN):  # the reply carrying the records is logged as an export of those pupils
        sent = BureauAccess.select().where(BureauAccess.action == "export").order_by(BureauAccess.id.desc()).first()
        assert sent is not None and sent.pupil_count == 2

    # the middle school: the reply shows the admissions, the registrar continues each into 初一
    [done] = county.import_reply(M, LATER)
    assert done.status == "imported", done.message
    assert done.message.count("升学录取") == 2 and "待接续学籍" in done.message
    ws = county.school(M, LATER)
    waiting = continuation.admissions(waiting_only=True)
    assert sorted(a.student_number for a in waiting) == sorted(class_1)
    assert all(a.from_name == NAMES[P] and a.person == "李科长" for a in waiting)
    klass = SchoolClass.get((SchoolClass.grade == 7) & (SchoolClass.number == 2))
    grade_8 = SchoolClass.get((SchoolClass.grade == 8) & (SchoolClass.number == 1))
    with pytest.raises(RuleViolation, match="七年级"):
        continuation.continue_admission(ws, class_1[0], grade_8.id)
    assert not Student.select().exists()  # nothing written
    for number in class_1:
        student, _ = continuation.continue_admission(ws, number, klass.id)
        assert (student.student_number, student.grade, student.school_class.name) == (number, 7, "七年级(2)班")
        assert student.entry_route == "continued" and student.status == "enrolled"
        assert student.address.startswith("测试县城关镇") and [g.name for g in student.guardians] == ["张建国"]
    event = Event.get(Event.kind == "student_continued")
    payload = json.loads(event.payload)
    assert payload["route"] == "升学" and payload["archive_from"]["code"] == P
    assert "student_graduated" in [h["kind"] for h in payload["archive_history"]]
    from xueji_desktop.core.pupils.records import history

    shown = [h.what for h in history(event.student)]  # the pupil's 变更记录: the primary school's first
    assert shown[-1] == event.summary and any(w.startswith("〔") and "毕业" in w for w in shown[:-1])
    with pytest.raises(RuleViolation, match="已于"):
        continuation.continue_admission(ws, class_1[0], klass.id)
    assert continuation.admissions(waiting_only=True) == []
    # 初一新生录取花名册 (长治 第六条（九）) and the change register list them as 升学
    roster = print_register(ws, "new-pupils", county.root / "初一新生.pdf", purpose="上级检查/统计报送",
                            term="2027-1")
    text = subprocess.run(["pdftotext", "-layout", str(roster), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "初一新生录取花名册" in text and "七年级新生 2 人" in text, text
    assert all(name in text for name in ("王小明", "张小刚")) and text.count("升学") >= 2
    rows = [r for r in change_register(ws.profile, period_of(ws.profile, LATER, term="2027-1")).rows]
    assert [(r.kind, r.direction, r.detail) for r in rows] == [("升学", "增加", f"自{NAMES[P]}毕业升入")] * 2
    ws.close()

    # the middle school's batch tells the bureau the records continued there
    county.export(M, LATER)
    with county.bureau(LATER):
        rows = {g.student_number: g for g in BureauGraduate.select()}
        assert all(rows[n].continued_on == LATER and rows[n].continued_at.code == M for n in class_1)
        assert {g.student_number: g.state for g in bureau_graduates.graduate_lines()}[class_1[0]] == \
            f"已接续（{LATER:%Y-%m-%d}）"


def test_the_primary_number_typed_or_read_from_the_graduates_roster_is_kept(county, tmp_path):
    """A primary school that does not use the program: its 毕业生花名册 gives 学籍号, 姓名, 身份证件号."""
    book = Workbook()
    sheet = book.active
    sheet.append(["毕业生花名册"])
    sheet.append(["序号", "学籍号", "姓名", "性别", "出生日期", "身份证件号"])
    ws = county.school(M, LATER)
    first = pupil_draft(name="钱多多", grade=7, birth=dt.date(2014, 6, 1), seq=611)
    sheet.append([1, "G" + first.student["id_number"], "钱多多", "男", "2014-06-01", first.student["id_number"]])
    path = tmp_path / "毕业生花名册.xlsx"
    book.save(path)
    [listed] = continuation.read_graduate_list(path)
    assert (listed.row, listed.student_number, listed.name) == (3, "G" + first.student["id_number"], "钱多多")
    klass = SchoolClass.get((SchoolClass.grade == 7) & (SchoolClass.number == 1))
    draft = continuation.listed_draft(ws, listed, klass.id)
    draft.student = {**first.student, **draft.student}
    draft.guardians = first.guardians
    student, _ = enrolment.enrol(ws, draft)
    assert student.student_number == listed.student_number and student.entry_route == "continued"
    assert json.loads(Event.get(Event.kind == "student_enrolled").payload)["route"] == "升学"
    [row] = build_register(ws, "new-pupils", term="2027-1").sections[0].rows
    assert "钱多多" in row and "升学" in row
    # the same number again, and a wrong one, are refused naming the column
    again = continuation.listed_draft(ws, listed, klass.id)
    again.student = {**first.student, **again.student}
    again.guardians = first.guardians
    with pytest.raises(RuleViolation, match="已是本校学籍中的 钱多多"):
        enrolment.enrol(ws, again)
    wrong = pupil_draft(name="孙小二", grade=7, birth=dt.date(2014, 7, 1), seq=613)
    wrong.continued_number = "G12345"
    with pytest.raises(RuleViolation, match="原学籍号"):
        enrolment.enrol(ws, wrong)
    grade_8 = pupil_draft(name="孙小二", grade=8, new=False, birth=dt.date(2013, 7, 1), seq=613)
    grade_8.continued_number = "G" + grade_8.student["id_number"]
    grade_8.class_id = SchoolClass.get((SchoolClass.grade == 8) & (SchoolClass.number == 1)).id
    with pytest.raises(RuleViolation, match="升学接续只能注册到起始年级（七年级）"):
        enrolment.enrol(ws, grade_8)
    ws.close()

    bad = Workbook()
    bad.active.append(["学籍号", "姓名", "身份证件号"])
    bad.active.append(["G1", "某某", "1"])
    bad.active.append(["", "某某", ""])
    bad.save(tmp_path / "bad.xlsx")
    with pytest.raises(continuation.ContinuationError) as e:
        continuation.read_graduate_list(tmp_path / "bad.xlsx")
    assert "第 2 行“学籍号”列" in str(e.value) and "第 3 行：学籍号、身份证件号为空" in str(e.value)


def test_the_bureau_lists_graduates_with_no_middle_school_from_the_command_line(county):
    numbers = _enrol_sixth_graders(county, Q, 401, ["孙一", "孙二"])
    _turn(county, Q)
    ws = county.school(Q, TURN)
    set_next_school(ws, M, NAMES[M], student_numbers=[numbers[0]])
    ws.close()
    county.export(Q, TURN)
    if "://" in str(county.target):
        return  # the command line's store is the same code on either backend; run it on the file
    env = {"XUEJI_PASSWORD": BUREAU_PW, "XUEJI_USER": "admin"}
    at = dt.datetime.combine(TURN, dt.time(16))
    out = run_xueji("bureau", "graduates", "--without-school", "--db", county.target, env=env, at=at)
    assert out.returncode == 0, out.stderr
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0][:4] == ["学校标识码", "学校", "学年", "学籍号"]
    assert [r[3] for r in rows[1:]] == [numbers[1]]
    out = run_xueji("bureau", "admit", "--to", M, "--student", f"{Q}:{numbers[0]}", "--db", county.target,
                    env=env, at=at)
    assert out.returncode == 0, out.stderr
    assert "核准 孙一" in out.stdout
    out = run_xueji("bureau", "graduates", "--db", county.target, env=env, at=at)
    states = {r[3]: r[-1] for r in (line.split("\t") for line in out.stdout.splitlines()[1:])}
    assert states == {numbers[0]: "已核准，待中学接续", numbers[1]: "尚无升入学校"}


def test_both_schools_from_the_command_line(county):
    """`xueji graduates next-school` at the primary school; `xueji admissions list|continue` at the middle school."""
    if "://" in str(county.target):
        return  # the school's commands do not touch the bureau's store: run them once
    numbers = _enrol_sixth_graders(county, P, 701, ["吴一", "吴二"])
    _turn(county, P)
    at = dt.datetime.combine(TURN, dt.time(11))
    wrong = run_xueji("graduates", "next-school", "--db", county.paths[P], "--class", "六年级(1)班", "--code", P,
                      "--name", "本校", at=at)
    assert wrong.returncode == 2 and "是本校的标识码" in wrong.stderr and "未登记升入学校" in wrong.stderr
    done = run_xueji("graduates", "next-school", "--db", county.paths[P], "--student", numbers[0], "--student",
                     numbers[1], "--code", M, "--name", NAMES[M], at=at)
    assert done.returncode == 0, done.stderr
    assert f"已登记升入学校 {NAMES[M]}（{M}）：2 人" in done.stdout
    county.export(P, TURN)
    with county.bureau(TURN) as store:
        bureau_graduates.admit(store, M, from_school=P)
    county.reply(M, TURN)
    county.import_reply(M, LATER)
    later = dt.datetime.combine(LATER, dt.time(11))
    listed = run_xueji("admissions", "list", "--db", county.paths[M], at=later)
    assert listed.returncode == 0, listed.stderr
    assert sorted(line.split("\t")[0] for line in listed.stdout.splitlines()[1:]) == sorted(numbers)
    bad = run_xueji("admissions", "continue", "--all", "--class", "八年级(1)班", "--db", county.paths[M], at=later)
    assert bad.returncode == 64 and "七年级(1)班" in bad.stderr
    done = run_xueji("admissions", "continue", "--all", "--class", "七年级(1)班", "--db", county.paths[M], at=later)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("已接续") == 2
    ws = county.school(M, LATER)
    assert sorted(s.student_number for s in Student.select().where(Student.grade == 7)) == sorted(numbers)
    ws.close()
    listed = run_xueji("admissions", "list", "--all", "--db", county.paths[M], at=later)
    assert all(line.endswith("七年级(1)班）") for line in listed.stdout.splitlines()[1:])
