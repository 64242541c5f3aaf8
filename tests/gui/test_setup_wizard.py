"""First run: the set-up wizard on an empty database file, through its real widgets."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QWizard  # noqa: E402

from xueji_desktop.core.school.workspace import Workspace  # noqa: E402
from xueji_desktop.gui.setup_wizard import SetupWizard  # noqa: E402
from xueji_desktop.store.models import Event, School, SchoolClass, User  # noqa: E402


@pytest.fixture
def wizard(qtbot, tmp_path):
    ws = Workspace(tmp_path / "new.sqlite3")
    w = SetupWizard(ws)
    qtbot.addWidget(w)
    w.show()
    yield w
    ws.close()


def next_enabled(w):
    return w.button(QWizard.NextButton).isEnabled()


def fill_school(w, qtbot, code="2301240001"):
    p = w.currentPage()
    p.name_edit.setText("方正县柳河镇中心学校")
    qtbot.keyClicks(p.code_edit, code)
    p.area.editor.setText("230124")
    p.phone.setText("0451-57123456")
    p.ownership.setCurrentIndex(p.ownership.findText("民办"))
    p.kind.setCurrentIndex(p.kind.findText("九年一贯制"))
    p.profile.setCurrentIndex(p.profile.findData("changzhi"))
    return p


def test_set_up_a_school_end_to_end(qtbot, wizard):
    assert not next_enabled(wizard)
    p = fill_school(wizard, qtbot)
    assert "长治市中小学生学籍管理实施细则" in p.profile_note.text()
    assert next_enabled(wizard)
    wizard.next()
    classes = wizard.currentPage()
    assert classes.table.rowCount() == 9  # 九年一贯制: grades 1–9
    assert classes.table.cellWidget(0, 3).text() == (  # 长治 primary: 45 in principle, 50 at most
        "原则上 45 人（《长治市实施细则》第十三条），最多 50 人（《长治市实施细则》第十三条）")
    grade, count, capacity = classes.spins[0]
    count.setValue(3)
    capacity.setValue(51)
    assert "超过本地区班额上限 50 人" in classes.errors.text() and not next_enabled(wizard)
    capacity.setValue(48)
    assert next_enabled(wizard)
    wizard.next()
    account = wizard.currentPage()
    account.display.setText("王丽华")
    qtbot.keyClicks(account.username, "wanglh")
    qtbot.keyClicks(account.password, "abc12345")
    qtbot.keyClicks(account.again, "abc1234")
    assert "两次输入的密码不一致" in account.errors.text() and not next_enabled(wizard)
    qtbot.keyClicks(account.again, "5")
    assert next_enabled(wizard)
    wizard.next()
    assert "方正县柳河镇中心学校" in wizard.currentPage().summary.text()
    assert School.select().count() == 0  # nothing written before 完成
    wizard.button(QWizard.FinishButton).click()
    school = School.get()
    assert (school.name, school.code, school.kind, school.profile_id) == (
        "方正县柳河镇中心学校", "2301240001", "nine_year", "changzhi")
    assert school.phone == "0451-57123456" and school.private
    assert SchoolClass.select().where(SchoolClass.grade == 1).count() == 3
    assert SchoolClass.get((SchoolClass.grade == 1) & (SchoolClass.number == 3)).capacity == 48
    user = User.get()
    assert user.username == "wanglh" and user.password_hash != "abc12345"
    assert wizard.ws.user == user
    assert {e.kind for e in Event.select()} == {"school_created", "user_created", "class_created",
                                                "school_keys_created"}
    assert {e.author_id for e in Event.select()} == {user.id}
    # the exchange keys are made with the school, opened by the registrar's password
    from xueji_desktop.core.exchange import school_keys

    pair = school_keys.unlock_school_key("abc12345")
    assert pair.encryption is not None and school_keys.school_fingerprint(wizard.ws) == pair.fingerprint


@pytest.mark.parametrize("code, message", [("230124000", "学校标识码应为 10 位数字"), ("23012400AB", "学校标识码应为 10 位数字")])
def test_bad_school_code_is_named(qtbot, wizard, code, message):
    fill_school(wizard, qtbot, code=code)
    assert message in wizard.currentPage().errors.text()
    assert not next_enabled(wizard)


def test_bad_school_phone_is_named(qtbot, wizard):
    p = fill_school(wizard, qtbot)
    p.phone.setText("12345")
    assert "学校联系电话" in p.errors.text() and not next_enabled(wizard)


def test_unknown_county_code(qtbot, wizard):
    p = fill_school(wizard, qtbot)
    p.area.editor.setText("999999")
    assert "999999 不在代码表中" in p.errors.text() and not next_enabled(wizard)


def test_login_dialog_signs_in_or_names_the_problem(qtbot, tmp_path):
    from tests.conftest import PASSWORD, make_school
    from xueji_desktop.gui.login_dialog import LoginDialog

    ws = make_school(tmp_path / "s.sqlite3")
    dialog = LoginDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "registrar"  # the only account is filled in
    qtbot.keyClicks(dialog.password, "wrong-pass")
    dialog.accept()
    assert dialog.error.text() == "用户名或密码不正确（再错 4 次，账号将锁定 15 分钟）" and ws.user is None
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert ws.user is not None and ws.user.username == "registrar"
    ws.close()


def test_rules_dialog_lists_the_schools_region(qtbot, tmp_path):
    from tests.conftest import make_school
    from xueji_desktop.gui.rules_dialog import RulesDialog

    ws = make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang")
    dialog = RulesDialog(ws)
    qtbot.addWidget(dialog)
    titles = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert titles[:2] == ["适用范围", "入学与建立学籍"] and "借读" in titles
    assert "一类模式" not in titles  # 凉山 only: a rule shows only where its region states it
    borrowed = dialog.tree.topLevelItem(titles.index("借读"))
    rows = [borrowed.child(i) for i in range(borrowed.childCount())]
    assert any(r.text(3).startswith("《黑龙江省实施细则》第二十四条") and r.text(2) == "禁止" for r in rows)
    ws.close()
