"""高中 in the window, on real school files: the set-up wizard offers 完全中学 only where the text covers it and
asks 省级示范高中; 高中毕业资格 records a pupil's conditions; 高中留级 records a decision (凉山); 处分 of a 高中
pupil offers 留校察看 and 开除学籍 with the city bureau's approval (长治). Screen and database both."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

from PySide6.QtWidgets import QWizard  # noqa: E402

from tests.conftest import PASSWORD, make_school  # noqa: E402
from tests.gui.test_setup_wizard import fill_school, next_enabled, wizard  # noqa: E402,F401
from tests.test_todo import enrol  # noqa: E402
from xueji_desktop.core.school.school import SchoolKind  # noqa: E402
from xueji_desktop.core.school_year import high_graduation as hg  # noqa: E402
from xueji_desktop.gui.discipline_dialog import RecordDialog  # noqa: E402
from xueji_desktop.gui.high_school_dialogs import HighGraduationDialog, RepetitionDialog  # noqa: E402
from xueji_desktop.store.models import Discipline, HighRecord, Repetition, School, SchoolClass, Student  # noqa: E402


def test_the_wizard_refuses_a_complete_school_in_yingkou_and_sets_one_up_in_changzhi(qtbot, wizard):  # noqa: F811
    p = fill_school(wizard, qtbot)
    p.kind.setCurrentIndex(p.kind.findText("完全中学"))
    p.profile.setCurrentIndex(p.profile.findData("yingkou"))
    assert "完全中学含高中，本地区学籍规定只适用于小学、初中" in p.errors.text()
    assert "《营口市规定》一" in p.errors.text() and not next_enabled(wizard)
    p.profile.setCurrentIndex(p.profile.findData("changzhi"))
    assert p.key_high_school.isEnabled()
    p.key_high_school.setChecked(True)
    assert next_enabled(wizard), p.errors.text()
    wizard.next()
    classes = wizard.currentPage()
    names = [classes.table.cellWidget(r, 0).text() for r in range(classes.table.rowCount())]
    assert names == ["七年级", "八年级", "九年级", "高一年级", "高二年级", "高三年级"]
    assert classes.table.cellWidget(3, 3).text() == "不超过 50 人（《长治市实施细则》第十三条）"  # 高一
    assert "最多 55 人" in classes.table.cellWidget(4, 3).text()
    wizard.next()
    account = wizard.currentPage()
    account.display.setText("王丽华")
    account.username.setText("wanglh")
    account.password.setText("Xueji!2026ok")
    account.again.setText("Xueji!2026ok")
    wizard.next()
    wizard.button(QWizard.FinishButton).click()
    school = School.get()
    assert (school.kind, school.key_high_school) == ("complete", True)
    assert SchoolClass.select().where(SchoolClass.grade == 12).count() == 2
    p.kind.setCurrentIndex(p.kind.findText("九年一贯制"))
    assert not p.key_high_school.isEnabled() and not p.key_high_school.isChecked()


def _school(tmp_path, pid):
    ws = make_school(tmp_path / f"{pid}.sqlite3", profile_id=pid, kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 9, 1))
    ws.login("registrar", PASSWORD)
    return ws


def test_graduation_conditions_typed_for_a_senior(qtbot, tmp_path):
    ws = _school(tmp_path, "changzhi")
    senior = enrol(ws, "赵高三", grade=12, seq=425)
    d = HighGraduationDialog(ws)
    qtbot.addWidget(d)
    d.show()
    assert d.table.rowCount() == 1 and d.table.item(0, 3).text() == "未达到毕业条件（结业）"
    assert "必修学分未录入" in d.table.item(0, 4).text()
    for label, value in (("必修学分", 116), ("选修学分", 22), ("校本选修学分", 6)):
        d.credits[label].setValue(value)
    for label in ("基础素养评价", "体育合格", "劳动与社会实践"):
        d.choices[label].setCurrentText("合格" if label == "基础素养评价" else "是")
    for subject in d.subjects:
        d.choices[subject].setCurrentText("B")
    d.choices["物理"].setCurrentText("D")
    assert d.save()
    assert d.table.item(0, 4).text() == "学业水平考试未达到A、B、C等级：物理 D"
    d.choices["物理"].setCurrentText("C")  # the re-sit
    assert d.save()
    assert d.table.item(0, 3).text() == "准予毕业" and d.table.item(0, 4).text() == ""
    assert hg.lacking(ws.profile, hg.record_of(senior.id)) == []
    assert HighRecord.get().credits_required == 116
    ws.close()


def test_a_repetition_recorded_in_liangshan(qtbot, tmp_path, messages):
    ws = _school(tmp_path, "liangshan")
    pupils = [enrol(ws, f"李{n}", grade=10, seq=501 + 2 * i) for i, n in enumerate("一二三四五六七八九十")]
    pupils += [enrol(ws, f"王{n}", grade=10, seq=601 + 2 * i) for i, n in enumerate("一二三四五六七八九十")]
    d = RepetitionDialog(ws, pupils[0].id)
    qtbot.addWidget(d)
    d.show()
    assert d.number.text() == pupils[0].student_number
    assert "高一年级（2026级）在籍 20 人，2% 为 0 人" in d.quotas.text()
    d.reason.setText("因病缺课一学期，本人及监护人申请")
    assert not d.add()
    assert any("留级比例三年内不得超过年级学生总数的 2%" in details for _t, _text, details in messages)
    assert Repetition.select().count() == 0
    messages.clear()
    for i, n in enumerate("一二三四五六七八九十" * 3):
        enrol(ws, f"赵{n}{'甲乙丙'[i // 10]}", grade=10, seq=701 + 2 * i)
    d.load()
    assert "在籍 50 人，2% 为 1 人，已留级 0 人" in d.quotas.text()
    assert d.add() and not messages
    assert Repetition.get().student_id == pupils[0].id
    assert d.table.rowCount() == 1 and d.table.item(0, 8).text() == "待学年结转时生效"
    d.table.selectRow(0)
    d.ask_reason = lambda: "家长撤回申请"
    assert d.withdraw_selected() and d.table.item(0, 8).text() == "已撤回"
    assert Repetition.get().withdrawn_on is not None
    ws.close()


def test_expelling_a_senior_asks_for_the_city_bureaus_approval(qtbot, tmp_path):
    ws = _school(tmp_path, "changzhi")
    senior = enrol(ws, "王高二", grade=11, seq=423)
    junior = enrol(ws, "李初二", grade=8, seq=421)
    d = RecordDialog(ws, junior.id, "punishment")
    qtbot.addWidget(d)
    assert [d.level.itemText(i) for i in range(d.level.count())] == ["警告", "严重警告", "记过"]
    d = RecordDialog(ws, senior.id, "punishment")
    qtbot.addWidget(d)
    d.show()
    assert [d.level.itemText(i) for i in range(d.level.count())][-2:] == ["留校察看", "开除学籍"]
    assert not d.approved_by.isVisible()
    d.level.setCurrentText("开除学籍")
    assert d.approved_by.isVisible() and d.approved_on.isVisible()
    d.reason.setPlainText("多次严重违纪，经教育不改")
    d.approved_by.setText("长治市教育局（长教函〔2026〕41号）")
    from xueji_desktop.core.discipline import records

    records.record(ws, d.draft())
    assert Student.get_by_id(senior.id).status == "expelled"
    assert Discipline.get().level == "开除学籍"
    ws.close()


def test_a_gao_er_transfer_in_through_the_wizard(qtbot, tmp_path, messages):
    from tests.gui.test_transfer_gui import answer_all, choose_reason, fill_family, fill_pupil, fill_school
    from xueji_desktop.core.casework import cases
    from xueji_desktop.core.pupils import ids
    from xueji_desktop.gui.transfer_wizard import TransferWizard
    from xueji_desktop.store.models import Case

    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 8, 24))
    ws.login("registrar", PASSWORD)
    w = TransferWizard(ws, "in", None)
    qtbot.addWidget(w)
    w.show()
    fill_pupil(w, qtbot, id_number=ids.make_id_number("210802", dt.date(2010, 3, 7), 123))
    w.next()
    fill_family(w)
    w.next()
    page = w.currentPage()
    grades = [page.grade_from.itemText(i) for i in range(page.grade_from.count())]
    assert grades[-3:] == ["高一年级", "高二年级", "高三年级"]  # 长治 第二条 covers 高中
    fill_school(w, grade=11, other="太原市第十二中学校", area="140105")
    assert w.button(QWizard.NextButton).isEnabled(), [f.text for f in w.findings]
    w.next()
    reason = w.currentPage()
    choose_reason(w)
    papers = [c.text() for c in reason.evidence_checks.values()]
    assert "已查验原件：省级学业水平考试证明（已在当地参加普通高中学业水平考试的）" in papers
    w.next()
    declared = w.currentPage()
    assert {"private_to_public_high", "from_vocational", "level_exam_sat"} <= set(declared.open_questions())
    answer_all(w)
    declared.answers["private_to_public_high"].yes.setChecked(True)
    assert not w.button(QWizard.NextButton).isEnabled()
    assert "民办高中转入公办高中" in declared.hints["declared.private_to_public_high"].text()
    declared.answers["private_to_public_high"].no.setChecked(True)
    assert w.button(QWizard.NextButton).isEnabled(), [f.text for f in w.findings]
    w.next()
    assert "市级教育行政部门" in w.deadlines_html()
    w.button(QWizard.FinishButton).click()
    case = Case.get()
    assert [s.party for s in cases.steps(case)] == ["receiving_school", "sending_school", "sending_bureau",
                                                   "city_bureau"]
    ws.close()


def test_automatic_withdrawal_through_the_change_wizard(qtbot, tmp_path, messages):
    from tests.gui.test_change_gui import finish, walk
    from xueji_desktop.core.casework import cases
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays, save_absences
    from xueji_desktop.gui.change_wizard import ChangeWizard

    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", kind=SchoolKind.COMPLETE,
                     today=dt.date(2026, 8, 24))
    ws.login("registrar", PASSWORD)
    senior = enrol(ws, "王高二", grade=11, seq=423)
    ws.test_clock.now = dt.datetime(2026, 11, 27, 9)
    days = SchoolDays.for_workspace(ws).between(dt.date(2026, 9, 7), dt.date(2026, 11, 27))
    save_absences(ws, senior.school_class_id, {(senior.id, d): Kind.UNEXCUSED for d in days})
    w = ChangeWizard(ws, CaseKind.WITHDRAWAL, senior.id)
    qtbot.addWidget(w)
    w.show()
    ground = w.currentPage()
    assert list(ground.ground_buttons)[:4] == ["incurable_illness", "accident_disability", "emigration", "judicial"]
    assert "auto_absence" in ground.ground_buttons and "loss_of_ability" not in ground.ground_buttons
    review = walk(w, ground="auto_absence", answer=True)  # 其间学校已与家长多次联系、帮助教育，仍无效：是
    assert "其间学校已与家长多次联系、帮助教育，仍无效：<b>是</b>" in review.summary.text()
    assert "市级教育行政部门" in w.deadlines_html()
    case = finish(w)
    assert [s.party for s in cases.steps(case)] == ["school", "bureau", "city_bureau"]
    assert messages == []
    ws.close()


def test_the_admissions_dialog_continues_an_own_graduate_and_cancels_a_no_show(qtbot, tmp_path, messages,
                                                                            monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.test_senior_high import _turned
    from tests.test_senior_high_todo import _admit
    from xueji_desktop.core.admission import continuation
    from xueji_desktop.core.dates.workdays import WorkCalendar
    from xueji_desktop.gui.admissions_dialog import AdmissionsDialog

    ws, pupils = _turned(tmp_path)
    ws.test_clock.now = dt.datetime(2027, 8, 28, 9)
    number = _admit(ws, "孙晓东", "G140403201203070417")
    d = AdmissionsDialog(ws)
    qtbot.addWidget(d)
    d.show()
    assert d.windowTitle().startswith("升学接续（初一、高一新生）")
    rows = {d.table.item(r, 0).text(): r for r in range(d.table.rowCount())}
    own = pupils[9].student_number
    assert "本校初中毕业（经中考录取后接续）" in d.table.item(rows[own], 6).text()
    assert d.table.item(rows[own], 7).text() == "待接续"
    gao_yi = SchoolClass.in_use().where(SchoolClass.grade == 10).get()
    d.class_box.setCurrentIndex(d.class_box.findData(gao_yi.id))
    d.table.selectRow(rows[own])
    assert d.continue_selected() == 1 and messages == []
    assert Student.get(Student.student_number == own).school_class_id == gao_yi.id
    ws.test_clock.now = dt.datetime.combine(continuation.report_deadline(ws, WorkCalendar.from_store())
                                            + dt.timedelta(days=1), dt.time(9))
    d.load()
    rows = {d.table.item(r, 0).text(): r for r in range(d.table.rowCount())}
    d.table.selectRow(rows[number])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert d.cancel_selected() == 1 and messages == []
    d.load()
    rows = {d.table.item(r, 0).text(): r for r in range(d.table.rowCount())}
    assert d.table.item(rows[number], 7).text().startswith("已取消入学资格")
    ws.close()


def test_the_enrol_wizard_sends_a_gao_yi_new_pupil_to_the_continuation(qtbot, tmp_path):
    from xueji_desktop.gui.enrol_wizard import EnrolWizard

    ws = _school(tmp_path, "changzhi")
    w = EnrolWizard(ws)
    qtbot.addWidget(w)
    w.show()
    route = w.currentPage()
    assert route.new.text() == "新生注册（起始年级：七年级、高一年级）"
    route.grade.setCurrentIndex(route.grade.findData(10))
    assert not route.isComplete()
    assert "高一年级新生只能从初中毕业生中升学录取" in route.notes.text()
    assert "《长治市实施细则》第十二条" in route.notes.text()
    route.grade.setCurrentIndex(route.grade.findData(7))
    assert route.isComplete()
    ws.close()
