"""A duplicate 学籍 settled through the replies, on both bureau backends: two schools of the county register the
same child; the bureau's import catches it and asks both schools in their next replies; the school the child
really attends confirms it (in 凉山 with the 学生实际在校就读证明表, 附表3, printed and its scan attached:
《凉山州规定》三(三)); the other school is asked to remove its record and removes it, its history kept; the bureau
closes the case and both schools record the close. Each step is an event at the school and a step at the bureau."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.test_bureau_duplicates import _enrol
from tests.test_bureau_graduates import County, P, Q
from xueji_desktop.bureau import duplicate_settling, duplicates
from xueji_desktop.bureau.case_models import BureauPupil
from xueji_desktop.bureau.importer import BureauError
from xueji_desktop.bureau.store import RegisteredSchool
from xueji_desktop.core.duplicate_checks import answers, queries
from xueji_desktop.core.duplicate_checks.queries import DuplicateCheckError
from xueji_desktop.core.forms import attendance_proof
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.core.school_year.registers import change_register, period_of
from xueji_desktop.store.models import Event, Student

D1, D2, D3, D4, D5 = (dt.date(2026, 9, 10) + dt.timedelta(days=i) for i in range(5))


def _found(county, name="周小雨", seq=611):
    """The same child at P, then at Q; returns the two 学籍号."""
    first = _enrol(county, P, name, seq)
    county.export(P, D1)
    second = _enrol(county, Q, name, seq, day=D1)
    county.export(Q, D1)
    return first, second


def _only_case():
    [line] = duplicates.duplicates(open_only=False)
    return line


def _kinds(line_id):
    return [s.kind for s in duplicate_settling.steps(line_id)]


def test_a_duplicate_travels_to_both_schools_and_back_and_is_closed(bureau_backend, bureau_target, tmp_path):
    county = County(tmp_path, bureau_target, profile="liangshan")
    first, second = _found(county)
    with county.bureau(D1):
        line = _only_case()
        assert _kinds(line.id) == ["found", "asked", "asked"]
    for code in (P, Q):
        county.reply(code, D2)
        [outcome] = county.import_reply(code, D2)
        assert outcome.status == "imported" and "重复学籍核查" in outcome.message, outcome.message

    ws = county.school(Q, D2)
    try:
        [q] = queries.waiting()
        assert (q.student_number, q.other_school, q.other_number) == (second, "测试县城关小学", first)
        assert Event.get(Event.kind == "duplicate_query_received").student.student_number == second
        with pytest.raises(DuplicateCheckError, match="附表3.*《凉山州规定》三\\(三\\)"):
            answers.confirm_attendance(ws, q.uuid)  # 凉山: the form's scan is required
        (tmp_path / "a-file").write_text("")
        with pytest.raises(DuplicateCheckError, match="无法写入"):  # its folder is a file
            attendance_proof.print_attendance_form(ws, q.uuid, tmp_path / "a-file" / "fb3.pdf")
        pdf = tmp_path / "fb3.pdf"
        printed = attendance_proof.print_attendance_form(ws, q.uuid, pdf)
        assert printed.pages == 1 and pdf.read_bytes().startswith(b"%PDF-")
        text = tmp_path / "note.txt"
        text.write_text("不是扫描件")
        with pytest.raises(DuplicateCheckError, match="不是 JPG、PNG 图片或 PDF"):
            answers.confirm_attendance(ws, q.uuid, text)
        answers.confirm_attendance(ws, q.uuid, pdf, "已核对学生在校上课")
        assert queries.query(q.uuid).answer == queries.ATTENDS
        with pytest.raises(DuplicateCheckError, match="已于 .* 答复"):
            answers.remove_record(ws, q.uuid, "重复操作测试")
    finally:
        ws.close()
    county.export(Q, D2)
    with county.bureau(D2) as store:
        line = _only_case()
        assert _kinds(line.id)[3:] == ["duplicate_query_received", "duplicate_answered:attends", "removal_asked"]
        where = duplicate_settling.progress(duplicates.BureauDuplicate.get_by_id(line.id))
        assert not where.can_settle and "测试县城关小学尚未删除" in where.blocker
        with pytest.raises(BureauError, match="不能按“已处理”结案"):
            duplicate_settling.close(store, line.id, duplicate_settling.SETTLED)
        proof = duplicate_settling.proof(line.id)
        assert proof.filename == "fb3.pdf" and proof.data == pdf.read_bytes()

    county.reply(P, D3)
    county.import_reply(P, D3)
    ws = county.school(P, D3)
    try:
        [q] = queries.waiting()
        assert q.removal_asked_on == D3.isoformat() and "测试县河东小学已确认" in q.state
        with pytest.raises(DuplicateCheckError, match="删除原因"):
            answers.remove_record(ws, q.uuid, "")
        answers.remove_record(ws, q.uuid, "该生实际在河东小学就读，已与家长核实")
        pupil = Student.get(Student.student_number == first)
        assert pupil.status == Status.DUPLICATE_REMOVED.value  # the row stays, off the roll
        kinds = [e.kind for e in Event.select().where(Event.student == pupil).order_by(Event.seq)]
        assert kinds[0] == "student_enrolled" and kinds[-3:] == [
            "duplicate_query_received", "duplicate_removal_asked", "duplicate_record_removed"]
        assert queries.waiting() == []
        book = change_register(ws.profile, period_of(ws.profile, D3))  # 学生增减情况登记表: a 减少
        [row] = book.of("减少")
        assert (row.kind, row.student_number, row.status_change) == ("删除重复学籍", first, "在校 → 重复学籍已删除")
        assert "实际在测试县河东小学就读" in row.detail and book.closing == book.opening + len(book.of("增加")) - 1 == 0
    finally:
        ws.close()
    county.export(P, D3)
    with county.bureau(D3) as store:
        line = _only_case()
        at_p = BureauPupil.select().join(RegisteredSchool).where((RegisteredSchool.code == P)
                                                                 & (BureauPupil.student_number == first)).get()
        assert at_p.status == "duplicate_removed"
        assert duplicate_settling.progress(duplicates.BureauDuplicate.get_by_id(line.id)).can_settle
        duplicate_settling.close(store, line.id, duplicate_settling.SETTLED, "两校核实完毕")
        with pytest.raises(BureauError, match="已于 .* 结案"):
            duplicate_settling.close(store, line.id, duplicate_settling.SETTLED)
        assert duplicates.duplicates(open_only=True) == []
    for code, number in ((P, first), (Q, second)):
        county.reply(code, D4)
        [outcome] = county.import_reply(code, D4)[-1:]
        assert "重复学籍核查结案" in outcome.message and "已处理" in outcome.message
        ws = county.school(code, D4)
        try:
            [q] = queries.queries()
            assert not q.open and q.closed_on == D3.isoformat() and "两校核实完毕" in q.close_note  # the bureau's day
            closed = Event.get(Event.kind == "duplicate_case_closed")
            assert closed.student.student_number == number and closed.entered_on == D3
        finally:
            ws.close()
        county.export(code, D5)
    with county.bureau(D5):
        steps = duplicate_settling.steps(_only_case().id)
        assert [s.kind for s in steps][-3:] == ["closed", "duplicate_case_closed", "duplicate_case_closed"]
        assert steps[-3].person == "李科长"


def test_elsewhere_no_form_is_needed_and_a_false_match_is_closed_with_a_reason(bureau_backend, bureau_target,
                                                                               tmp_path):
    county = County(tmp_path, bureau_target)  # 长治: 不得重复建立学籍 (第十四条); no 附表3
    first, second = _found(county, "郑晓冬", 621)
    for code in (P, Q):
        county.reply(code, D2)
        county.import_reply(code, D2)
    ws = county.school(P, D2)
    try:
        [q] = queries.waiting()
        with pytest.raises(DuplicateCheckError, match="没有《学生实际在校就读证明表》"):
            attendance_proof.print_attendance_form(ws, q.uuid, tmp_path / "x.pdf")
        with pytest.raises(DuplicateCheckError, match="说明"):
            answers.declare_not_same(ws, q.uuid, "否")
        answers.declare_not_same(ws, q.uuid, "两人户口簿上的出生地不同，已核对")
    finally:
        ws.close()
    ws = county.school(Q, D2)
    try:
        [q] = queries.waiting()
        answers.confirm_attendance(ws, q.uuid)  # no form asked for here
        answered = Event.get(Event.kind == "duplicate_answered")
        assert json.loads(answered.articles) == [ws.profile.rule("enrolment.duplicate_id").article]
        assert "第十四条" in answered.articles  # 长治: 不得重复建立学籍
    finally:
        ws.close()
    county.export(P, D2)
    county.export(Q, D2)
    with county.bureau(D3) as store:
        line = _only_case()
        kinds = _kinds(line.id)
        assert "duplicate_answered:not_same" in kinds and "duplicate_answered:attends" in kinds
        assert "removal_asked" not in kinds  # P said it is another child: P is not asked to remove its record
        with pytest.raises(BureauError, match="不能按“已处理”结案"):
            duplicate_settling.close(store, line.id, duplicate_settling.SETTLED)
        with pytest.raises(BureauError, match="至少 4 个字"):
            duplicate_settling.close(store, line.id, duplicate_settling.NOT_DUPLICATE, "")
        duplicate_settling.close(store, line.id, duplicate_settling.NOT_DUPLICATE, "已与两校电话核实，不是同一学生")
        assert duplicates.BureauDuplicate.get_by_id(line.id).outcome == duplicate_settling.NOT_DUPLICATE
    county.reply(P, D4)
    county.import_reply(P, D4)
    ws = county.school(P, D4)
    try:
        [q] = queries.queries()
        assert "非重复学籍" in q.state and Student.get(Student.student_number == first).status == "enrolled"
    finally:
        ws.close()


def test_from_the_command_line_at_both_ends(tmp_path):
    """The same travel typed: `xueji duplicates …` at the schools, `xueji bureau duplicate|close-duplicate` at the
    bureau (凉山)."""
    from tests.conftest import run_xueji

    target = str(tmp_path / "bureau.sqlite3")
    county = County(tmp_path, target, profile="liangshan")
    days = [dt.date(2026, 12, 7) + dt.timedelta(days=i) for i in range(4)]
    first = _enrol(county, P, "周小雨", 611)
    county.export(P, days[0])
    _enrol(county, Q, "周小雨", 611, day=days[0])
    county.export(Q, days[0])
    for code in (P, Q):
        county.reply(code, days[1])
        county.import_reply(code, days[1])
    at = dt.datetime.combine(days[1], dt.time(11))
    q_db, p_db = county.paths[Q], county.paths[P]
    listed = run_xueji("duplicates", "list", "--db", q_db, at=at)
    assert listed.returncode == 0, listed.stderr
    head, row = listed.stdout.splitlines()
    number = row.split("\t")[0]
    assert head.startswith("编号\t学籍号\t姓名\t对方学校") and "测试县城关小学" in row and "待答复" in row
    refused = run_xueji("duplicates", "attend", number, "--db", q_db, at=at)
    assert refused.returncode != 0 and "附表3" in refused.stderr and "Traceback" not in refused.stderr
    form = tmp_path / "附表3.pdf"
    printed = run_xueji("duplicates", "print", number, "--pdf", form, "--db", q_db, at=at)
    assert printed.returncode == 0 and form.read_bytes().startswith(b"%PDF-"), printed.stderr
    answered = run_xueji("duplicates", "attend", number, "--proof", form, "--note", "已核对在校上课", "--db", q_db, at=at)
    assert answered.returncode == 0, answered.stderr
    county.export(Q, days[1])
    county.reply(P, days[2])
    county.import_reply(P, days[2])
    at = dt.datetime.combine(days[2], dt.time(11))
    removed = run_xueji("duplicates", "remove", number, "--note", "该生在河东小学就读，已与家长核实", "--db", p_db, at=at)
    assert removed.returncode == 0, removed.stderr
    listed = run_xueji("duplicates", "list", "--db", p_db, at=at)
    assert "\t三年级(1)班\t" in listed.stdout and "已删除本校的重复学籍（2026-12-09），待教育局结案" in listed.stdout
    county.export(P, days[2])
    env = {"XUEJI_PASSWORD": "bureau-pass-1", "XUEJI_USER": "admin"}
    at = dt.datetime.combine(days[3], dt.time(9))
    copy = tmp_path / "proof-copy.pdf"
    unasked = run_xueji("bureau", "duplicate", "1", "--db", target, "--proof", copy, at=at, env=env)
    assert unasked.returncode == 2 and "--purpose" in unasked.stderr and not copy.exists()  # 凉山 八(二)
    nowhere = run_xueji("bureau", "duplicate", "1", "--db", target, "--proof", tmp_path / "no" / "x.pdf",
                        "--purpose", "核办重复学籍", at=at, env=env)
    assert nowhere.returncode == 2 and "无法写入" in nowhere.stderr and "Traceback" not in nowhere.stderr
    shown = run_xueji("bureau", "duplicate", "1", "--db", target, "--proof", copy, "--purpose", "核办重复学籍",
                      at=at, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "可以结案" in shown.stdout and "\t确认在本校就读\t测试县河东小学\t" in shown.stdout
    assert "\t删除重复学籍\t测试县城关小学\t" in shown.stdout and copy.read_bytes() == form.read_bytes()
    closed = run_xueji("bureau", "close-duplicate", "1", "--outcome", "settled", "--db", target, at=at, env=env)
    assert closed.returncode == 0 and "已结案" in closed.stdout, closed.stderr
    again = run_xueji("bureau", "close-duplicate", "1", "--outcome", "settled", "--db", target, at=at, env=env)
    assert again.returncode == 2 and "结案" in again.stderr
    with county.bureau(days[3]):
        assert duplicates.duplicates(open_only=True) == [] and first


def test_a_store_from_before_the_steps_gets_a_uuid_for_each_case_when_upgraded(bureau_backend, bureau_target, tmp_path):
    """Bureau 0010 on a store that already held cases (0009): each gets its own uuid, the step table is made."""
    from xueji_desktop.bureau.store import open_store

    county = County(tmp_path, bureau_target)
    _found(county)
    with open_store(bureau_target) as older:  # taken back to 0009
        db = older.db
        db.execute_sql("DROP TABLE bureau_duplicate_step")
        db.execute_sql("DROP INDEX bureau_duplicate_uuid")
        db.execute_sql("ALTER TABLE bureau_duplicate DROP COLUMN uuid")
        db.execute_sql("ALTER TABLE bureau_duplicate DROP COLUMN outcome")
        db.execute_sql("DELETE FROM schema_version WHERE version >= 10")
    with county.bureau(D2):
        [case] = duplicates.BureauDuplicate.select()
        assert len(case.uuid) == 36 and case.outcome == "" and duplicate_settling.steps(case.id) == []
        where = duplicate_settling.progress(case)
        assert where.text == "待两校答复" and not where.can_settle


def test_a_record_that_left_the_roll_otherwise_counts_as_gone(bureau_backend, bureau_target, tmp_path):
    """The other school's record off the roll by now (its batch says 转出, say): the case may be closed once the
    school the child attends confirmed — no removal is owed."""
    county = County(tmp_path, bureau_target)
    first, _second = _found(county)
    for code in (P, Q):
        county.reply(code, D2)
        county.import_reply(code, D2)
    ws = county.school(Q, D2)
    try:
        answers.confirm_attendance(ws, queries.waiting()[0].uuid)
    finally:
        ws.close()
    county.export(Q, D2)
    with county.bureau(D3) as store:
        case = duplicates.BureauDuplicate.get()
        assert not duplicate_settling.progress(case).can_settle
        at_p = BureauPupil.select().join(RegisteredSchool).where((RegisteredSchool.code == P)
                                                                 & (BureauPupil.student_number == first)).get()
        at_p.status = "transferred_out"  # as P's next batch would project it
        at_p.save()
        where = duplicate_settling.progress(case)
        assert where.can_settle and "已不在籍" in where.text
        duplicate_settling.close(store, case.id, duplicate_settling.SETTLED)
