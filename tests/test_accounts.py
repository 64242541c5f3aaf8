"""Accounts and roles: enforced by the domain's services and by the command line, lock-out, the password
policy, and the school key passed to a new registrar without leaving the database."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import PASSWORD, first_class, make_school, pin, pupil_draft, run_xueji
from tests.test_cli import ROW
from xueji_desktop.core.accounts.roles import PermissionDenied, Role
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.dropout_control.attendance import Kind, save_absences
from xueji_desktop.core.exchange import school_keys
from xueji_desktop.core.pupils.roster import roster_rows
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.school import users
from xueji_desktop.core.school.workspace import LoginError, Workspace
from xueji_desktop.store.models import Event, KeyWrap, Student, User

TODAY = dt.date(2026, 9, 1)
FIRST = "Chushi-2026"  # a first password an administrator gives


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3")
    ws.login("registrar", PASSWORD)
    enrolment.enrol(ws, pupil_draft("张三", seq=447))
    draft = pupil_draft("李四", birth=dt.date(2019, 3, 7), seq=448, grade=2, new=False)
    enrolment.enrol(ws, draft)
    yield ws
    ws.close()


def sign_in_as(ws, username, password=FIRST, new="Xinmima-2026"):
    """Signs `username` in, changing the first password as the window makes them."""
    ws.login(username, password)
    if ws.user.must_change_password:
        users.change_own_password(ws, password, new)
        return new
    return password


def test_the_first_account_is_administrator_and_registrar(ws):
    assert ws.roles == {Role.ADMIN, Role.REGISTRAR}
    [row] = users.user_rows(ws)
    assert row.roles_label == "管理员、学籍管理员" and row.state_label == "正常"


def test_a_viewer_reads_everything_and_cannot_enrol(ws):
    users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    sign_in_as(ws, "chaxun")
    assert {r.name for r in roster_rows(ws.visible_classes())} == {"张三", "李四"}
    before = Event.select().count()
    with pytest.raises(PermissionDenied, match="需要“学籍管理员”角色"):
        enrolment.enrol(ws, pupil_draft("王五", seq=449))
    assert Event.select().count() == before and not Student.select().where(Student.name == "王五").exists()
    with pytest.raises(PermissionDenied, match="管理员"):
        users.add_user(ws, "another", "钱老师", {Role.VIEWER}, FIRST)


def test_a_class_teacher_sees_and_takes_attendance_for_its_own_classes_only(ws):
    mine, other = first_class(1), first_class(2)
    users.add_user(ws, "banzhuren", "孙老师", {Role.CLASS_TEACHER}, FIRST, class_ids=[mine.id])
    sign_in_as(ws, "banzhuren")
    assert [r.name for r in roster_rows(ws.visible_classes())] == ["张三"]
    assert ws.may_read_pupil(mine.id) and not ws.may_read_pupil(other.id)
    pin(dt.datetime(2026, 9, 2, 16, 0))
    zhang = Student.get(Student.name == "张三")
    save_absences(ws, mine.id, {(zhang.id, dt.date(2026, 9, 2)): Kind.SICK})
    assert zhang.absences.count() == 1
    li = Student.get(Student.name == "李四")
    with pytest.raises(PermissionDenied, match="只能录入考勤本人所带的班级"):
        save_absences(ws, other.id, {(li.id, dt.date(2026, 9, 2)): Kind.SICK})
    assert li.absences.count() == 0
    with pytest.raises(PermissionDenied):
        enrolment.enrol(ws, pupil_draft("王五", seq=449))


def test_a_class_teacher_needs_classes_and_an_auditor_reads_no_pupils(ws):
    with pytest.raises(RuleViolation, match="班主任：请选择所带的班级"):
        users.add_user(ws, "banzhuren", "孙老师", {Role.CLASS_TEACHER}, FIRST)
    users.add_user(ws, "shenji", "周审计", {Role.AUDITOR}, FIRST)
    sign_in_as(ws, "shenji")
    assert roster_rows(ws.visible_classes()) == []


def test_five_wrong_passwords_lock_for_fifteen_minutes(ws, clock):
    users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    pin(dt.datetime(2026, 9, 3, 8, 0))
    for attempt in range(1, 5):
        with pytest.raises(LoginError, match=f"再错 {5 - attempt} 次"):
            ws.login("chaxun", "wrong-password")
    with pytest.raises(LoginError, match="已锁定 15 分钟，请在 08:15 以后再试"):
        ws.login("chaxun", "wrong-password")
    with pytest.raises(LoginError, match="已锁定"):  # the right password too, while locked
        ws.login("chaxun", FIRST)
    pin(dt.datetime(2026, 9, 3, 8, 16))
    assert ws.login("chaxun", FIRST).username == "chaxun"
    assert User.get(User.username == "chaxun").failed_logins == 0


def test_a_lock_left_by_a_clock_set_back_does_not_last(ws):
    users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    User.update(locked_until=dt.datetime(2026, 9, 20, 8, 0)).where(User.username == "chaxun").execute()
    pin(dt.datetime(2026, 9, 3, 8, 0))  # nineteen days before the lock's end: more than its 15 minutes
    assert ws.login("chaxun", FIRST)


def test_disabled_accounts_cannot_sign_in_and_stay_in_the_log(ws):
    user = users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    users.set_active(ws, user.id, False)
    with pytest.raises(LoginError, match="已停用"):
        Workspace.login(ws, "chaxun", FIRST)
    ws.login("registrar", PASSWORD)
    assert User.get_by_id(user.id).active is False
    assert Event.select().where(Event.summary.contains("停用账号：赵查询")).exists()
    with pytest.raises(RuleViolation, match="不能停用自己"):
        users.set_active(ws, ws.user.id, False)
    with pytest.raises(RuleViolation, match="至少要有一个在用的管理员"):
        users.set_roles(ws, ws.user.id, {Role.REGISTRAR})


@pytest.mark.parametrize("password, problem", [
    ("short1", "至少 8 位"), ("xiaowang2026", "登录名"), ("xueji2026", "演示数据的公开密码"), ("aaaaaaaa", "过于简单"),
])
def test_the_password_policy(ws, password, problem):
    with pytest.raises(RuleViolation, match=problem):
        users.add_user(ws, "xiaowang", "小王", {Role.VIEWER}, password)
    assert not User.select().where(User.username == "xiaowang").exists()


def test_a_reset_password_must_be_changed_and_the_old_one_no_longer_works(ws):
    user = users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, FIRST)
    users.reset_password(ws, user.id, "Chongzhi-2026")
    with pytest.raises(LoginError):
        Workspace.login(ws, "chaxun", FIRST)
    ws.login("chaxun", "Chongzhi-2026")
    assert ws.user.must_change_password
    with pytest.raises(RuleViolation, match="原密码不正确"):
        users.change_own_password(ws, "wrong-one", "Xinmima-2026")
    users.change_own_password(ws, "Chongzhi-2026", "Xinmima-2026")
    assert not ws.user.must_change_password
    assert ws.login("chaxun", "Xinmima-2026")


def test_a_new_registrar_gets_the_school_key_wrapped_without_exporting_it(ws):
    school_keys.create_keys(ws, PASSWORD)
    users.add_user(ws, "xiaoli", "李老师", {Role.REGISTRAR}, FIRST, admin_password=PASSWORD)
    assert [r.holds_key for r in users.user_rows(ws)] == [True, True]
    new = sign_in_as(ws, "xiaoli")
    pair = school_keys.unlock_school_key(new, ws.user)  # her own copy, with her own new password
    assert pair.fingerprint == school_keys.school_fingerprint(ws)
    with pytest.raises(school_keys.KeyRefused):
        school_keys.unlock_school_key(FIRST, ws.user)  # the first password no longer opens it
    # without the administrator's password the new registrar simply has no key yet, and is told so
    ws.login("registrar", PASSWORD)
    users.add_user(ws, "xiaozhao", "赵老师", {Role.REGISTRAR}, FIRST)
    sign_in_as(ws, "xiaozhao")
    with pytest.raises(school_keys.KeyRefused, match="尚未开通学校密钥"):
        school_keys.unlock_school_key("Xinmima-2026", ws.user)
    assert KeyWrap.select().count() == 2


def test_roles_from_the_command_line(ws, tmp_path):
    db = ws.path
    at = dt.datetime(2026, 12, 7, 10, 0)
    ws.close()
    run = run_xueji("users", "add", "chaxun", "--name", "赵查询", "--roles", "查询", "--db", db, at=at,
                    env={"XUEJI_NEW_PASSWORD": FIRST})
    assert run.returncode == 0, run.stderr
    assert "已新增：赵查询（chaxun），查询；首次登录须修改密码" in run.stderr
    # more than one account now: who signs in must be said
    run = run_xueji("list", "--db", db, at=at)
    assert run.returncode == 2 and "--user" in run.stderr
    run = run_xueji("list", "--db", db, "--user", "chaxun", at=at, env={"XUEJI_PASSWORD": FIRST})
    assert run.returncode == 2 and "xueji passwd" in run.stderr  # the first password must be changed first
    run = run_xueji("passwd", "--db", db, "--user", "chaxun", at=at,
                    env={"XUEJI_PASSWORD": FIRST, "XUEJI_NEW_PASSWORD": "Xinmima-2026"})
    assert run.returncode == 0, run.stderr
    viewer = {"XUEJI_USER": "chaxun", "XUEJI_PASSWORD": "Xinmima-2026"}
    run = run_xueji("list", "--db", db, at=at, env=viewer)
    assert run.returncode == 0 and "张三" in run.stdout and "李四" in run.stdout
    pupil = tmp_path / "pupil.json"
    pupil.write_text(json.dumps(ROW, ensure_ascii=False), encoding="utf-8")
    run = run_xueji("enrol", "--from", pupil, "--db", db, at=at, env=viewer)
    assert run.returncode == 2 and "需要“学籍管理员”角色" in run.stderr and "Traceback" not in run.stderr
    run = run_xueji("users", "list", "--db", db, at=at, env=viewer)
    assert run.returncode == 2 and "管理员" in run.stderr
    run = run_xueji("users", "list", "--db", db, "--user", "registrar", at=at)
    assert run.returncode == 0 and "chaxun\t赵查询\t查询\t正常" in run.stdout
    run = run_xueji("users", "disable", "chaxun", "--db", db, "--user", "registrar", at=at)
    assert run.returncode == 0, run.stderr
    run = run_xueji("list", "--db", db, at=at, env=viewer)
    assert run.returncode == 2 and "已停用" in run.stderr
    ws = Workspace(db)
    assert Student.select().count() == 2
    ws.close()


def test_a_class_teacher_lists_its_class_from_the_command_line(ws):
    db, at = ws.path, dt.datetime(2026, 12, 7, 10, 0)
    ws.close()
    run = run_xueji("users", "add", "banzhuren", "--name", "孙老师", "--roles", "class_teacher", "--class",
                    first_class(2).name, "--db", db, at=at, env={"XUEJI_NEW_PASSWORD": FIRST})
    assert run.returncode == 0, run.stderr
    run = run_xueji("passwd", "--db", db, "--user", "banzhuren", at=at,
                    env={"XUEJI_PASSWORD": FIRST, "XUEJI_NEW_PASSWORD": "Xinmima-2026"})
    assert run.returncode == 0, run.stderr
    run = run_xueji("list", "--db", db, "--user", "banzhuren", at=at, env={"XUEJI_PASSWORD": "Xinmima-2026"})
    assert run.returncode == 0, run.stderr
    assert "李四" in run.stdout and "张三" not in run.stdout


def test_a_class_teacher_s_to_do_list_and_cases_are_of_its_own_pupils(ws):
    from xueji_desktop.core.casework.case_reads import case_rows, open_count
    from xueji_desktop.core.overview.todo import todo_items

    for name, seq, grade, birth in (("王五", 449, 1, dt.date(2020, 3, 7)), ("赵六", 450, 2, dt.date(2019, 3, 7))):
        draft = pupil_draft(name, birth=birth, seq=seq, grade=grade, new=grade == 1)
        draft.identity_verified = False  # its archive is due within the month: a to-do item about the pupil
        enrolment.enrol(ws, draft)
    everything = todo_items(ws)
    assert any(i.target[0] == "export" for i in everything)  # the school's own business, for the registrar
    users.add_user(ws, "banzhuren", "孙老师", {Role.CLASS_TEACHER}, FIRST, class_ids=[first_class(1).id])
    sign_in_as(ws, "banzhuren")
    mine = todo_items(ws)
    wang = Student.get(Student.name == "王五").id
    assert mine and {i.target[1] for i in mine} == {wang}
    assert {i.target for i in mine} < {i.target for i in everything}
    assert case_rows(class_ids=ws.visible_classes()) == [] and open_count(class_ids=ws.visible_classes()) == 0
