"""Status changes (休学 … 关键信息变更) through the real screens on a real database file: the 学籍变动
menu, the change wizard, the case page and the approval dialog, the 修改信息 dialog."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import json  # noqa: E402

from PySide6.QtWidgets import QDialog, QWizard  # noqa: E402

from tests.conftest import make_school, pupil_draft  # noqa: E402
from xueji_desktop.core.admission import enrolment  # noqa: E402
from xueji_desktop.core.casework.cases import CaseKind  # noqa: E402
from xueji_desktop.core.rules.findings import Severity  # noqa: E402
from xueji_desktop.gui import case_dialog  # noqa: E402
from xueji_desktop.gui.change_wizard import ChangeWizard  # noqa: E402
from xueji_desktop.gui.info_edit_dialog import InfoEditDialog  # noqa: E402
from xueji_desktop.gui.keyboard import plain  # noqa: E402
from xueji_desktop.gui.step_dialog import StepDialog  # noqa: E402
from xueji_desktop.store.models import Attachment, Case, CaseStep, Event, Student  # noqa: E402

TODAY = dt.date(2026, 9, 3)  # a Thursday
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
APPROVERS = ("王校长", "李股长", "赵主任")


def school_at(tmp_path, profile_id, today=TODAY):
    ws = make_school(tmp_path / "school.sqlite3", profile_id=profile_id, today=today)
    ws.login("registrar", "secret-123")
    return ws


def enrolled(ws, name="张三", seq=447):
    draft = pupil_draft(name=name, seq=seq)
    for f in enrolment.check(ws, draft):
        if f.severity is Severity.WARN:
            draft.reasons[f.rule] = "测试：情况已核实"
    student, _ = enrolment.enrol(ws, draft)
    return student


def window_on(qtbot, ws, student=None):
    from xueji_desktop.gui.main_window import MainWindow

    window = MainWindow(ws)
    qtbot.addWidget(window)
    if student is not None:
        assert window.select_student(student.id)
    return window


def set_day(ws, day: dt.date, hour=9):
    ws.test_clock.now = dt.datetime.combine(day, dt.time(hour, 0))


def blocks(w):
    return [f.text for f in w.findings if f.severity is Severity.BLOCK]


def next_enabled(w):
    return w.button(QWizard.NextButton).isEnabled()


def walk(w, *, ground=None, dates=None, changes=None, answer=False, scan=None, reason="家长已书面说明情况，经学校研究同意"):
    """Through the wizard as the registrar would: the ground and every paper seen, the inputs typed
    (setText: what an IME commits), each question answered, each warning explained; stops on 核对确认."""
    page = w.currentPage()
    assert page.name == "ground"
    if page.ground_buttons:
        assert not next_enabled(w)  # no ground chosen yet
        (page.ground_buttons[ground] if ground else next(iter(page.ground_buttons.values()))).setChecked(True)
    for check in page.evidence.checks.values():
        check.setChecked(True)
    if scan is not None:
        assert page.files.add_file_path(str(scan), "证明材料")
    assert next_enabled(w), blocks(w)
    w.next()
    page = w.currentPage()
    assert page.name == "dates"
    for key, value in (dates or {}).items():
        page.form.editor(key).editor.setText(value)
    for key, value in (changes or {}).items():
        page.keys.editor(key).editor.setText(value)
    assert next_enabled(w), blocks(w)
    w.next()
    page = w.currentPage()
    if page.name == "declare":
        assert not next_enabled(w)  # nothing answered yet
        for pair in page.answers.values():
            (pair.yes if answer else pair.no).setChecked(True)
        assert next_enabled(w), blocks(w)
        w.next()
        page = w.currentPage()
    assert page.name == "review"
    for edit in page.reason_edits.values():
        edit.setText(reason)
    return page


def finish(w):
    assert w.button(QWizard.FinishButton).isEnabled(), blocks(w)
    w.button(QWizard.FinishButton).click()
    assert w.case is not None
    return Case.get_by_id(w.case.id)


def drive(monkeypatch, steps):
    """The menu's wizard, walked by `steps(wizard)` instead of the registrar (exec would block)."""
    def run(self):
        self.show()
        steps(self)
        return QDialog.Accepted if self.case is not None else QDialog.Rejected

    monkeypatch.setattr(ChangeWizard, "exec", run)


def approve_all(ws, case_id, start_day, parent=None):
    """Each party's approval through the approval dialog, a day apart, in order."""
    n = 0
    while True:
        pending = CaseStep.select().where((CaseStep.case == case_id) & (CaseStep.outcome == "")).count()
        if not pending:
            return
        n += 1
        set_day(ws, start_day + dt.timedelta(days=n), hour=10)
        dialog = StepDialog(ws, case_id, parent)
        dialog.person.setText(APPROVERS[(n - 1) % len(APPROVERS)])
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.submit()
        assert dialog.recorded is not None


def menu_entries(window):
    return {plain(a.text()): a for a in window.change_menu.actions() if a.text()}


# ── 休学, then 复学 ─────────────────────────────────────────────────────────────────────────────
def test_suspension_then_resumption_through_the_menu(qtbot, tmp_path, messages, no_viewer, monkeypatch):
    ws = school_at(tmp_path, "yingkou")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)
    entries = menu_entries(window)
    assert list(entries)[:3] == ["修改信息…", "休学…", "延长休学…"] and "死亡注销…" in entries
    assert entries["休学…"].isEnabled()
    assert not entries["复学…"].isEnabled() and "现为“在校”" in entries["复学…"].toolTip()

    scan = tmp_path / "诊断书.png"
    scan.write_bytes(PNG)
    saved = tmp_path / "休学复学申请表.pdf"
    monkeypatch.setattr(case_dialog, "ask_save_path", lambda parent, title, default: str(saved))
    seen = {}

    def suspend(w):
        review = walk(w, ground="illness", scan=scan)
        seen["until"] = w.draft.until
        seen["summary"], seen["deadlines"] = review.summary.text(), review.deadlines.text()
        seen["print"] = review.print_after.text()
        assert Case.select().count() == 0  # nothing written before 提交申请
        assert w.button(QWizard.FinishButton).text() == "提交申请"
        finish(w)

    drive(monkeypatch, suspend)
    wizard = window.open_change(CaseKind.SUSPENSION)
    assert messages == []
    assert seen["until"] == dt.date(2027, 9, 2)  # the region's usual term (12 months) prefilled
    assert "因病经诊断" in seen["summary"] and "“在校” → “休学”" in seen["summary"]
    assert "1. 本校" in seen["deadlines"] and "主管教育行政部门" in seen["deadlines"]
    assert "营口市义务教育阶段学生休学复学申请表" in seen["print"] and "1 式 3 份" in seen["print"]
    case = Case.get_by_id(wizard.case.id)
    assert case.kind == "suspension" and case.status == "open" and case.number.startswith("XX-2026-")
    assert Attachment.get(Attachment.case == case).label == "证明材料"
    assert saved.read_bytes().startswith(b"%PDF") and no_viewer == [saved]  # the region's form, as asked
    assert window.view_tabs.currentIndex() == 2 and window.view_tabs.tabText(2) == "申请（1 件办理中）"  # tab 0 is 待办
    row = window.cases_panel.rows()[0]
    assert row[1:3] == ("休学", "张三") and "2027-09-02" in row[3] and row[4].startswith("本校")

    dialog = window.open_case(case.id)
    assert dialog.windowTitle() == f"休学申请 {case.number}"
    assert "因病经诊断" in dialog.header.text() and "张三" in dialog.header.text()
    assert [plain(b.text()) for (_, blank), b in dialog.print_buttons.items() if not blank] == [
        "《营口市义务教育阶段学生休学复学申请表》另存为 PDF…"]
    approve_all(ws, case.id, TODAY, dialog)
    assert messages == []
    assert Case.get_by_id(case.id).status == "completed"
    assert Student.get_by_id(student.id).status == "suspended"
    assert [r[4] for r in dialog.step_rows()] == ["同意", "同意"]

    window.show_pupils()
    assert window.model.row_of(student.id) >= 0
    assert window.detail.header.status.text().strip() == "休学"
    assert any("休学：张三" in r[2] for r in window.detail.history_rows())
    window.status_combo.setCurrentIndex(window.status_combo.findData("suspended"))  # the list's status filter
    assert window.model.row_of(student.id) >= 0
    window.status_combo.setCurrentIndex(window.status_combo.findData("enrolled"))
    assert window.model.row_of(student.id) < 0
    window.status_combo.setCurrentIndex(0)
    assert window.select_student(student.id)
    entries = menu_entries(window)
    assert not entries["休学…"].isEnabled() and "现为“休学”" in entries["休学…"].toolTip()
    assert entries["复学…"].isEnabled() and entries["延长休学…"].isEnabled()

    # 复学 the next spring: back to the grade and class the pupil left
    back = dt.date(2027, 3, 1)
    set_day(ws, back)
    monkeypatch.setattr(case_dialog, "ask_save_path", lambda parent, title, default: "")  # not printed

    def resume(w):
        page = w.pages_by_name["dates"]
        assert page.grade.currentData() == 1 and "接续原年级" in page.grade.currentText()
        assert "原班级" in page.classes.currentItem().text()
        walk(w)
        finish(w)

    drive(monkeypatch, resume)
    wizard = window.open_change(CaseKind.RESUMPTION)
    assert messages == []
    resumption = Case.get_by_id(wizard.case.id)
    assert resumption.kind == "resumption" and json.loads(resumption.data)["return_grade"] == 1
    approve_all(ws, resumption.id, back)
    pupil = Student.get_by_id(student.id)
    assert pupil.status == "enrolled" and pupil.school_class.name == "一年级(1)班"
    assert window.detail.header.status.text().strip() == "在校"
    assert any("复学：张三" in r[2] for r in window.detail.history_rows())
    window.show_cases()
    window.cases_panel.show_all.setChecked(True)
    assert [r[1] for r in window.cases_panel.rows()] == ["复学", "休学"]
    ws.close()


# ── 修改信息 ───────────────────────────────────────────────────────────────────────────────────
def test_routine_edit_saved_at_once_and_logged(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "yingkou")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)
    dialog = InfoEditDialog(ws, student.id, window)
    qtbot.addWidget(dialog)
    assert set(dialog.form.editors) == {"left_behind", "migrant_child", "address", "phone", "hukou_place"}
    assert dialog.form.editor("address").value() == "柳树镇柳树村3组"
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()  # nothing changed yet
    dialog.form.editor("phone").editor.setText("12345")
    assert not save.isEnabled() and not dialog.form.editor("phone").hint.isHidden()
    dialog.form.editor("phone").editor.setText("13904179999")
    dialog.form.editor("address").editor.setText("柳树镇柳树村5组")
    assert save.isEnabled()
    assert "姓名、性别、出生日期" in dialog.key_note.text() and dialog.key_button.isEnabled()
    dialog.save()
    assert messages == [] and dialog.result() == QDialog.Accepted
    pupil = Student.get_by_id(student.id)
    assert pupil.address == "柳树镇柳树村5组" and pupil.phone == "13904179999"
    event = Event.select().where(Event.kind == "routine_info_changed").get()
    assert "现住址 柳树镇柳树村3组 → 柳树镇柳树村5组" in event.summary
    assert any("柳树镇柳树村5组" in r[2] for r in window.detail.history_rows())


def test_key_change_of_the_name_through_the_wizard_and_approval(qtbot, tmp_path, messages, monkeypatch):
    ws = school_at(tmp_path, "heilongjiang")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)

    def click_key_change(self):  # 修改信息… → 申请关键信息变更…
        assert self.key_button.isEnabled()
        self.key_button.click()
        return QDialog.Rejected

    monkeypatch.setattr(InfoEditDialog, "exec", click_key_change)
    seen = {}

    def change_name(w):
        assert w.kind is CaseKind.KEY_INFO_CHANGE
        page = w.pages_by_name["dates"]
        assert "changes.birth_date" not in page.keys.editors  # locked: shown, not editable
        assert "第四十条" in page.keys.locked["birth_date"].text()
        review = walk(w, changes={"name": "张山"})
        seen["summary"] = review.summary.text()
        review.print_after.setChecked(False)
        finish(w)

    drive(monkeypatch, change_name)
    window.open_info_edit()
    assert messages == []
    assert "张三 → 张山" in seen["summary"]
    case = Case.get(Case.kind == "key_info_change")
    assert json.loads(case.data)["changes"] == {"name": "张山"}
    assert Student.get_by_id(student.id).name == "张三"  # not before the approvals
    approve_all(ws, case.id, TODAY)
    assert Student.get_by_id(student.id).name == "张山"
    assert window.detail.header.name.text() == "张山"
    assert any("关键信息变更" in r[2] and "张山" in r[2] for r in window.detail.history_rows())


# ── 死亡 ───────────────────────────────────────────────────────────────────────────────────────
def test_death_is_confirmed_by_its_checkbox_and_then_nothing_is_offered(qtbot, tmp_path, messages, monkeypatch):
    ws = school_at(tmp_path, "heilongjiang")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)
    seen = {}

    def death(w):
        review = walk(w, dates={"effective_on": "2026-09-01", "details.proof_issuer": "柳树镇卫生院"})
        assert review.final is not None and not review.final.isChecked()
        assert not w.button(QWizard.FinishButton).isEnabled()  # until the final warning is confirmed
        seen["warning"] = review.warning.text()
        review.final.setChecked(True)
        assert w.button(QWizard.FinishButton).text() == "确认注销学籍"
        finish(w)

    drive(monkeypatch, death)
    wizard = window.open_change(CaseKind.DEATH)
    assert messages == []
    assert "不能撤销" in seen["warning"]
    case = Case.get_by_id(wizard.case.id)
    assert case.status == "completed"  # no approvers: in effect at once
    assert Student.get_by_id(student.id).status == "deceased"
    assert window.detail.header.status.text().strip() == "死亡"
    entries = menu_entries(window)
    assert not any(a.isEnabled() for a in entries.values())
    for text, action in entries.items():
        assert "已注销学籍（死亡）" in action.toolTip(), text
    window.open_change(CaseKind.SUSPENSION)  # even when asked for directly
    assert messages[-1][0] == "休学" and "已注销学籍（死亡）" in messages[-1][2]


# ── refusals ───────────────────────────────────────────────────────────────────────────────────
def test_suspending_a_suspended_pupil_is_refused_with_its_reason(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "yingkou")
    student = enrolled(ws)
    Student.update(status="suspended").where(Student.id == student.id).execute()
    window = window_on(qtbot, ws, student)
    action = menu_entries(window)["休学…"]
    assert not action.isEnabled() and "张三 现为“休学”，不能办理休学" in action.toolTip()
    assert window.open_change(CaseKind.SUSPENSION) is None  # the wizard is not opened
    assert messages == [("休学", "不能办理休学：",
                         "• 张三 现为“休学”，不能办理休学（休学须从“在校”开始）〔《营口市规定》四(二)2〕")]


def test_borrowed_study_not_offered_in_heilongjiang(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "heilongjiang")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)
    action = menu_entries(window)["外出借读…"]
    assert not action.isEnabled()
    assert "学校不得接收借读学生" in action.toolTip() and "第二十四条" in action.toolTip()
    assert window.open_change(CaseKind.BORROWED_STUDY) is None
    title, text, details = messages[-1]
    assert title == "外出借读" and "学校不得接收借读学生" in details and "《黑龙江省实施细则》第二十四条（六）1" in details


def test_a_second_case_for_the_same_pupil_is_refused(qtbot, tmp_path, messages, monkeypatch):
    ws = school_at(tmp_path, "national")
    student = enrolled(ws)
    window = window_on(qtbot, ws, student)

    def abroad(w):
        review = walk(w, dates={"details.destination": "新加坡"})
        review.print_after.setChecked(False)
        finish(w)

    drive(monkeypatch, abroad)
    window.open_change(CaseKind.ABROAD)
    assert messages == [] and Case.get().kind == "abroad"
    assert window.open_change(CaseKind.DEATH) is None
    assert "已有办理中的申请" in messages[-1][2] and Case.select().count() == 1


def test_withdrawal_asks_whether_the_school_persuaded_and_refuses_a_yes(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "heilongjiang")
    student = enrolled(ws)
    w = ChangeWizard(ws, CaseKind.WITHDRAWAL, student.id)
    qtbot.addWidget(w)
    w.show()
    page = w.currentPage()
    assert page.ground_buttons["loss_of_ability"].parent().title() == "退学情形（《黑龙江省实施细则》第二十七条）"
    page.ground_buttons["loss_of_ability"].setChecked(True)
    w.next()
    w.next()
    declare = w.currentPage()
    assert declare.name == "declare" and list(declare.answers) == ["school_initiated"]
    assert not next_enabled(w) and "1 项未回答" in declare.pending.text()
    declare.answers["school_initiated"].yes.setChecked(True)
    assert not next_enabled(w)
    hint = declare.hints["declared.school_initiated"]
    assert not hint.isHidden() and "不能办理退学" in hint.text()
    declare.answers["school_initiated"].no.setChecked(True)
    assert next_enabled(w), blocks(w)
    w.next()
    review = w.currentPage()
    assert "是否由学校劝退或开除：<b>否</b>" in review.summary.text()
    assert review.reason_edits  # 丧失学习能力: 原则上不得退学, a reason is asked
    assert not w.button(QWizard.FinishButton).isEnabled()
    for edit in review.reason_edits.values():
        edit.setText("经县医院诊断，已丧失学习能力")
    assert w.button(QWizard.FinishButton).isEnabled()


def test_cases_panel_lists_suspensions_running_out(qtbot, tmp_path):
    import datetime as dt

    from tests.conftest import make_school, pupil_draft
    from xueji_desktop.core.admission import enrolment
    from xueji_desktop.core.casework.cases import CaseKind, StepDecision
    from xueji_desktop.core.changes import status_change
    from xueji_desktop.core.changes.status_change import ChangeDraft
    from xueji_desktop.core.changes.status_rules import evidence_for, questions
    from xueji_desktop.core.transfers import transfer
    from xueji_desktop.gui.cases_panel import CasesPanel

    ws = make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang", today=dt.date(2026, 9, 10))
    pupil, _ = enrolment.enrol(ws, pupil_draft(name="王小明", grade=4, new=False, birth=dt.date(2016, 3, 7)))
    d = ChangeDraft(kind=CaseKind.SUSPENSION, student_id=pupil.id, applied_on=ws.today(), effective_on=ws.today(),
                    until=dt.date(2026, 11, 30), ground_id=ws.profile.value("suspension.grounds")[0]["id"])
    d.evidence_seen = evidence_for(ws, d)
    d.declared = {q.id: False for q in questions(ws, d)}
    case, _ = status_change.open_change(ws, d)
    for step in status_change.cases.steps(case):
        transfer.record_step(ws, case.id, StepDecision(step.party, ws.today(), "王校长", "approved"))
    panel = CasesPanel(ws)
    qtbot.addWidget(panel)
    assert panel.resume.isHidden()  # 81 days to go
    ws.test_clock.now = dt.datetime(2026, 11, 20, 9)
    panel.reload()
    assert not panel.resume.isHidden()
    assert "王小明" in panel.resume.text() and "休学至 2026-11-30，还剩 10 天" in panel.resume.text()
    ws.close()
