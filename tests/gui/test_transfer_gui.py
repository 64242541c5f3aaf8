"""Transfers (转学) through the real screens on a real database file: the wizard, the case page,
the approval dialog, the cases list and the main window."""

import datetime as dt
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QWizard  # noqa: E402

from tests.conftest import make_school, pupil_draft  # noqa: E402
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.pupils import ids  # noqa: E402
from xueji_desktop.core.rules.findings import Severity  # noqa: E402
from xueji_desktop.core.transfers import transfer  # noqa: E402
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft  # noqa: E402
from xueji_desktop.gui import case_dialog  # noqa: E402
from xueji_desktop.gui.case_dialog import CaseDialog  # noqa: E402
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.gui.step_dialog import StepDialog  # noqa: E402
from xueji_desktop.gui.transfer_wizard import TransferWizard  # noqa: E402
from xueji_desktop.store.models import Attachment, Case, CaseStep, Event, Student  # noqa: E402

TODAY = dt.date(2026, 9, 3)  # a Thursday
INCOMING = "G210802201503071236"
BIRTH = dt.date(2015, 3, 7)
ID = ids.make_id_number("210802", BIRTH, 123)
APPROVERS = ("王校长", "李股长", "赵校长", "孙股长")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def school_at(tmp_path, profile_id="national", today=TODAY):
    ws = make_school(tmp_path / "school.sqlite3", profile_id=profile_id, today=today)
    ws.login("registrar", "secret-123")
    return ws


@pytest.fixture
def ws(tmp_path):
    ws = school_at(tmp_path)
    yield ws
    ws.close()


def next_enabled(w):
    return w.button(QWizard.NextButton).isEnabled()


def blocks(w):
    return [f.text for f in w.findings if f.severity is Severity.BLOCK]


def fill(form, values):
    for key, value in values.items():
        editor = form.editor(key).editor
        if hasattr(editor, "setText"):
            editor.setText(value)  # what an IME commits; keyClicks cannot type Chinese
        else:
            editor.setCurrentIndex(editor.findData(value))


def hint_text(label):
    return label.text() if label.isVisible() else ""


def wizard_for(qtbot, ws, direction, student_id=None):
    w = TransferWizard(ws, direction, student_id)
    qtbot.addWidget(w)
    w.show()
    return w


def fill_pupil(w, qtbot, number=INCOMING, id_number=ID, name="李四"):
    page = w.currentPage()
    assert page.name == "identity" and not next_enabled(w)
    qtbot.keyClicks(page.number, number)
    fill(page.form, {"name": name})
    qtbot.keyClicks(page.form.editor("id_number").editor, id_number)
    fill(page.form, {"hukou_nature": "1"})
    page.verified.setChecked(True)


def fill_family(w):
    page = w.currentPage()
    assert page.name == "family"
    fill(page.form, {"address": "柳树镇柳树村3组", "phone": "13904171234", "postcode": "115005"})
    fill(page.members[0], {"name": "李建国", "relation": "51", "phone": "13904171235"})


def fill_school(w, grade=5, other="营口市站前区实验小学", area="210802"):
    page = w.currentPage()
    assert page.name == "school"
    fill(page.other, {"other_school": other, "other_area": area, "other_phone": "0417-2801234"})
    page.grade_from.setCurrentIndex(page.grade_from.findData(grade))
    if page.classes is not None:
        assert page.grade_to.currentData() == grade  # the same grade, preselected
        page.classes.setCurrentRow(0)
        fill(page.placement, {"entry_month": f"{TODAY.year - grade + 1}-09"})


def choose_reason(w, tmp_path=None):
    page = w.currentPage()
    assert page.name == "reason" and not next_enabled(w)
    next(iter(page.reason_buttons.values())).setChecked(True)
    for check in page.evidence_checks.values():
        check.setChecked(True)
    if tmp_path is not None:
        scan = tmp_path / "户口簿.png"
        scan.write_bytes(PNG)
        assert page.add_file_path(str(scan), "户口簿")


def answer_all(w, answer=False):
    page = w.currentPage()
    assert page.name == "declare"
    for did in page.open_questions():
        (page.answers[did].yes if answer else page.answers[did].no).setChecked(True)
    if page.agreed is not None:
        page.agreed.yes.setChecked(True)


def explain(w):
    page = w.currentPage()
    assert page.name == "review"
    for edit in page.reason_edits.values():
        edit.setText("家长已书面说明情况，经学校研究同意")


def record_all(ws, case_id, parent=None, start=1):
    """Each party's approval through the approval dialog, a day apart, in order."""
    for n, person in enumerate(APPROVERS[start - 1:], start):
        ws.test_clock.now = dt.datetime.combine(TODAY + dt.timedelta(days=n), dt.time(10, 0))
        dialog = StepDialog(ws, case_id, parent)
        assert dialog.party.currentData() == CaseStep.get((CaseStep.case == case_id) & (CaseStep.seq == n)).party
        dialog.person.setText(person)
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.submit()
        assert dialog.recorded is not None


def open_out_case(ws, student, school="鲅鱼圈区实验小学", area="210804"):
    draft = TransferDraft(direction="out", student_id=student.id, other_school=OtherSchool(school, area, "0417-6251234"),
                          grade_from=student.grade, grade_to=student.grade, reason_id="other",
                          evidence_seen=["有效证明材料"])
    for f in transfer.check(ws, draft):
        if f.severity is Severity.WARN:
            draft.reasons[f.rule] = "测试：情况已核实"
    case, _ = transfer.open_transfer(ws, draft)
    return case


def enrolled(ws, name="张三", seq=447, grade=1):
    draft = pupil_draft(name=name, seq=seq, grade=grade, new=grade == 1, birth=dt.date(2020 - grade + 1, 3, 7))
    for f in enrolment.check(ws, draft):
        if f.severity is Severity.WARN:
            draft.reasons[f.rule] = "测试：情况已核实"
    student, _ = enrolment.enrol(ws, draft)
    return student


# ── 转入 ─────────────────────────────────────────────────────────────────────────────────────
def test_transfer_in_walked_to_completion(qtbot, ws, tmp_path, messages, no_viewer):
    from xueji_desktop.gui.main_window import MainWindow

    window = MainWindow(ws)
    qtbot.addWidget(window)
    w = wizard_for(qtbot, ws, "in")
    fill_pupil(w, qtbot)
    page = w.currentPage()
    assert page.form.editor("birth_date").value() == BIRTH.isoformat()  # from the ID number
    assert next_enabled(w), blocks(w)
    w.next()
    fill_family(w)
    assert next_enabled(w), blocks(w)
    w.next()
    assert not next_enabled(w)
    fill_school(w)
    assert next_enabled(w), blocks(w)
    w.next()
    choose_reason(w, tmp_path)
    assert next_enabled(w), blocks(w)
    w.next()
    answer_all(w)
    assert next_enabled(w), blocks(w)
    w.next()
    explain(w)
    review = w.currentPage()
    assert "<b>李四</b>" in review.summary.text() and "营口市站前区实验小学" in review.summary.text()
    assert "2026-09-17 前" in review.deadlines.text()  # ten working days after 3 Sep
    review.print_after.setChecked(False)
    assert Case.select().count() == 0  # nothing written before 提交申请
    assert w.button(QWizard.FinishButton).text() == "提交申请"
    w.button(QWizard.FinishButton).click()
    assert messages == []

    case = Case.get()
    assert w.case == case and case.number == "ZR-2026-0001" and case.status == "open"
    steps = list(CaseStep.select().where(CaseStep.case == case).order_by(CaseStep.seq))
    assert [s.party for s in steps] == ["receiving_school", "receiving_bureau", "sending_school", "sending_bureau"]
    assert steps[0].due_on == dt.date(2026, 9, 17) and steps[1].due_on is None
    opened = Event.get(Event.case_id == case.id)
    assert opened.kind == "case_opened" and "李四" in opened.summary
    attachment = Attachment.get(Attachment.case == case)
    assert attachment.label == "户口簿"
    assert Student.get_or_none(Student.student_number == INCOMING) is None  # not a pupil before the chain ends

    window.after_transfer_wizard(w)  # what the menu does once the wizard closes
    assert window.view_tabs.currentIndex() == 2 and window.view_tabs.tabText(2) == "申请（1 件办理中）"  # tab 0 is 待办
    assert window.cases_panel.rows()[0][:5] == ("ZR-2026-0001", "转入", "李四", "营口市站前区实验小学", "转入学校（本校）")
    dialog = window.open_case(case.id)
    assert "户口簿" in dialog.files.item(0).text()
    dialog.open_attachment(attachment.id)
    assert no_viewer[-1].read_bytes() == PNG

    record_all(ws, case.id, dialog)
    assert messages == []
    case = Case.get_by_id(case.id)
    assert case.status == "completed"
    assert [r[4] for r in dialog.step_rows()] == ["同意"] * 4
    pupil = Student.get(Student.student_number == INCOMING)
    assert pupil.name == "李四" and pupil.status == "enrolled" and pupil.school_class.name == "五年级(1)班"
    assert window.model.row_of(pupil.id) >= 0  # in the pupil table, selected
    assert window.selected_student_id() == pupil.id
    assert window.view_tabs.tabText(2) == "申请"  # tab 0 is 待办
    kinds = [r[2] for r in dialog.history_rows()]
    assert any("转入：李四" in k for k in kinds) and len(kinds) == 7  # opened, scan, 4 approvals, joined


def test_known_pupil_is_prefilled_and_one_on_the_roll_is_refused(qtbot, ws, messages):
    here = enrolled(ws, "王小明", seq=449)
    w = wizard_for(qtbot, ws, "in")
    page = w.currentPage()
    qtbot.keyClicks(page.form.editor("id_number").editor, here.id_number)
    text = page.form.editor("id_number").hint.text()
    assert "王小明" in text and here.student_number in text and "不能再转入" in text
    assert not next_enabled(w)

    Student.update(status="transferred_out").where(Student.id == here.id).execute()  # left for another school
    w2 = wizard_for(qtbot, ws, "in")
    page = w2.currentPage()
    qtbot.keyClicks(page.number, here.student_number)
    assert page.form.editor("name").value() == "王小明"  # from this database's record
    assert "转出" in page.known.text()
    w2.next()
    assert w2.currentPage().members[0].editor("name").value() == "张建国"


# ── 转出 ─────────────────────────────────────────────────────────────────────────────────────
def test_transfer_out_walked_to_completion(qtbot, ws, tmp_path, messages, no_viewer, monkeypatch):
    from xueji_desktop.gui.main_window import MainWindow

    student = enrolled(ws, "张三")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    menus = {m.text(): [plain(a.text()) for a in m.menu().actions() if a.text()] for m in window.menuBar().actions()}
    assert menus["转学(&T)"] == ["办理转入…", "办理转出…（所选学生）", "转学申请列表"]
    assert menus["设置(&O)"] == ["工作日与节假日…", "用户账号…", "查阅登记…", "修改密码…", "锁定窗口", "字号"]
    assert not window.transfer_out_action.isEnabled()  # nobody chosen yet
    assert window.select_student(student.id)
    assert window.transfer_out_action.isEnabled()
    w = wizard_for(qtbot, ws, "out", window.selected_student_id())
    page = w.currentPage()
    assert page.name == "school" and "张三" in page.pupil.text()
    assert page.grade_from.currentData() == 1 and page.grade_to.currentData() == 1
    assert not next_enabled(w)
    fill_school(w, grade=1, other="鲅鱼圈区实验小学", area="210804")
    assert next_enabled(w), blocks(w)
    w.next()
    choose_reason(w)
    w.next()
    answer_all(w)
    w.next()
    explain(w)
    assert w.button(QWizard.FinishButton).isEnabled(), blocks(w)
    saved = tmp_path / "转学申请表.pdf"
    monkeypatch.setattr(case_dialog, "ask_save_path", lambda parent, title, default: str(saved))
    w.button(QWizard.FinishButton).click()
    case = Case.get()
    assert case.number == "ZC-2026-0001" and case.student_id == student.id
    window.after_transfer_wizard(w)  # prints the region's form as asked on the last page
    assert saved.read_bytes().startswith(b"%PDF") and no_viewer == [saved]
    assert "ZC-2026-0001" in window.case_banner.text() and not window.case_banner.isHidden()

    dialog = window.open_case(case.id)
    record_all(ws, case.id, dialog)
    student = Student.get_by_id(student.id)
    assert student.status == "transferred_out"
    window.status_combo.setCurrentIndex(0)  # 全部
    window.search.setText("张三")
    assert window.model.row_of(student.id) >= 0  # still findable, with the history
    window.select_student(student.id)
    assert any("转出：张三 转入 鲅鱼圈区实验小学" in row[2] for row in window.detail.history_rows())
    assert window.case_banner.isHidden() and not window.transfer_out_action.isEnabled()
    assert messages == []


# ── refusals ─────────────────────────────────────────────────────────────────────────────────
def test_graduating_grade_in_changzhi_is_banned_beside_the_grade(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "changzhi")
    try:
        w = wizard_for(qtbot, ws, "in")
        fill_pupil(w, qtbot, id_number=ids.make_id_number("210802", dt.date(2014, 3, 7), 123))
        w.next()
        fill_family(w)
        w.next()
        fill_school(w, grade=6)
        page = w.currentPage()
        text = hint_text(page.hints["grade_to"])
        article = ws.profile.rule("transfer.refusals").article
        assert "毕业年级" in text and "不能办理转学" in text and article in text
        assert not next_enabled(w)
        fill_school(w, grade=5)  # what would have to change
        assert next_enabled(w), blocks(w)
    finally:
        ws.close()


def test_suspended_pupil_in_heilongjiang_cannot_transfer_out(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "heilongjiang")
    try:
        student = enrolled(ws, "张三")
        Student.update(status="suspended").where(Student.id == student.id).execute()  # 休学 (no service yet)
        w = wizard_for(qtbot, ws, "out", student.id)
        fill_school(w, grade=1, other="哈尔滨市道里区实验小学", area="230102")
        text = hint_text(w.currentPage().hints["student"])
        assert "休学" in text and "《黑龙江省实施细则》第二十四条（三）4" in text
        assert not next_enabled(w)
    finally:
        ws.close()


def test_declared_refusal_blocks_the_declarations_page(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "heilongjiang")
    try:
        student = enrolled(ws, "张三")
        w = wizard_for(qtbot, ws, "out", student.id)
        fill_school(w, grade=1, other="哈尔滨市道里区实验小学", area="230102")
        w.next()
        choose_reason(w)
        w.next()
        page = w.currentPage()
        assert "school_choice" in page.open_questions()
        assert not next_enabled(w)  # unanswered
        answer_all(w)
        assert next_enabled(w), blocks(w)
        page.answers["school_choice"].yes.setChecked(True)
        text = hint_text(page.hints["declared.school_choice"])
        assert "利用转学变相择校" in text and "不能办理转学" in text and "第二十四条（三）1" in text
        assert not next_enabled(w)
    finally:
        ws.close()


# ── approvals ────────────────────────────────────────────────────────────────────────────────
def test_approval_out_of_order_is_refused_with_the_message(qtbot, ws, messages):
    case = open_out_case(ws, enrolled(ws))
    dialog = StepDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.party.setCurrentIndex(dialog.party.findData("sending_school"))
    dialog.person.setText("赵校长")
    assert "现在应记录“转入学校”的意见" in dialog.hints["party"].text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.submit()  # even if it were pressed: the service refuses and says why
    assert messages and "审批顺序" in messages[-1][2]
    assert dialog.recorded is None
    assert CaseStep.select().where(CaseStep.outcome != "").count() == 0


def test_date_before_the_previous_step_is_refused(qtbot, ws, messages):
    case = open_out_case(ws, enrolled(ws))
    record = StepDialog(ws, case.id)
    qtbot.addWidget(record)
    ws.test_clock.now = dt.datetime(2026, 9, 8, 9, 0)
    record.date.setText("2026-09-07")
    record.person.setText("王校长")
    record.submit()
    assert record.recorded is not None
    dialog = StepDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-09-04")
    dialog.person.setText("李股长")
    assert "早于上一环节的日期 2026-09-07" in dialog.hints["done_on"].text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.submit()
    assert "早于上一环节的日期" in messages[-1][2]
    assert CaseStep.select().where(CaseStep.outcome != "").count() == 1
    dialog.date.setText("2026-9-x")
    assert "YYYY-MM-DD" in dialog.hints["done_on"].text()


def test_rejection_needs_a_reason_and_closes_the_case(qtbot, ws, messages):
    case = open_out_case(ws, enrolled(ws))
    dialog = StepDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.person.setText("王校长")
    dialog.reject_radio.setChecked(True)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.note.setText("接收班级已满")
    assert ok.isEnabled()
    dialog.submit()
    assert Case.get_by_id(case.id).status == "rejected"


def test_the_step_dialog_closes_with_esc_or_the_window_button_and_records_nothing(qtbot, ws, messages):
    from PySide6.QtCore import Qt

    case = open_out_case(ws, enrolled(ws))
    for close in (lambda d: qtbot.keyClick(d, Qt.Key_Escape), lambda d: d.close()):
        dialog = StepDialog(ws, case.id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.person.setText("王校长")
        close(dialog)
        assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert CaseStep.select().where(CaseStep.outcome != "").count() == 0


# ── the case page and the list ───────────────────────────────────────────────────────────────
def test_late_step_is_red_in_the_case_page_and_the_list(qtbot, ws, messages):
    from xueji_desktop.gui.cases_panel import CasesPanel

    case = open_out_case(ws, enrolled(ws))
    ws.test_clock.now = dt.datetime(2026, 9, 22, 9, 0)  # due 17 Sep (Thu)
    dialog = CaseDialog(ws, case.id)
    qtbot.addWidget(dialog)
    deadline = dialog.steps_table.item(0, 1)
    assert deadline.text() == "2026-09-17（已逾期 4 个工作日）"  # Sunday 20 Sep is a 调休 working day
    assert deadline.foreground().color().name() == case_dialog.RED
    assert dialog.steps_table.item(0, 0).text().startswith("▶ 1. 转入学校")
    panel = CasesPanel(ws)
    qtbot.addWidget(panel)
    assert panel.rows()[0][5] == "2026-09-17（已逾期 4 个工作日）"
    assert panel.table.item(0, 5).foreground().color().name() == case_dialog.RED
    assert "1 件已逾期" in panel.late.text()


def test_deadline_in_a_year_without_holidays_warns(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, today=dt.date(2026, 12, 24))
    try:
        case = open_out_case(ws, enrolled(ws))
        dialog = CaseDialog(ws, case.id)
        qtbot.addWidget(dialog)
        assert "2027 年的法定节假日尚未录入" in dialog.estimate.text() and dialog.estimate.isVisibleTo(dialog)
    finally:
        ws.close()


def test_withdraw_and_blank_form_from_the_case_page(qtbot, ws, tmp_path, messages, no_viewer, monkeypatch):
    case = open_out_case(ws, enrolled(ws))
    dialog = CaseDialog(ws, case.id)
    qtbot.addWidget(dialog)
    blank = tmp_path / "空白.pdf"
    monkeypatch.setattr(case_dialog, "ask_save_path", lambda parent, title, default: str(blank))
    dialog.print_buttons[("generic_transfer", True)].click()
    assert blank.read_bytes().startswith(b"%PDF") and no_viewer == [blank]
    scan = tmp_path / "居住证明.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(200))
    monkeypatch.setattr(case_dialog, "ask_open_path", lambda parent: str(scan))
    dialog.file_label.setEditText("居住证明")
    dialog.add_button.click()
    assert Attachment.get().label == "居住证明" and dialog.tabs.tabText(0) == "证明材料（1）"
    assert "居住证明：居住证明.pdf" in dialog.files.item(0).text()
    monkeypatch.setattr(case_dialog, "ask_text", lambda parent, title, label: "好")
    dialog.withdraw_button.click()
    assert "撤回理由" in messages[-1][2] and Case.get_by_id(case.id).status == "open"
    monkeypatch.setattr(case_dialog, "ask_text", lambda parent, title, label: "家长决定不再转学")
    dialog.withdraw_button.click()
    assert Case.get_by_id(case.id).status == "withdrawn"
    assert "已撤回" in dialog.header.text() and not dialog.record_button.isEnabled()
    assert "撤回申请 ZC-2026-0001：家长决定不再转学" in dialog.history_rows()[0][2]
    assert json.loads(Event.get(Event.kind == "case_withdrawn").payload)["reason"] == "家长决定不再转学"


def test_anyang_asks_the_tuesday_filing_and_the_transfer_type(qtbot, tmp_path, messages):
    ws = school_at(tmp_path, "anyang_beiguan", today=dt.date(2026, 9, 3))
    try:
        w = wizard_for(qtbot, ws, "in")
        fill_pupil(w, qtbot)
        w.next()
        fill_family(w)
        w.next()
        fill_school(w, other="安阳市文峰区东关小学", area="410502")
        w.next()
        page = w.currentPage()
        page.reason_buttons["hukou_move_cross_county"].setChecked(True)
        page.types.setCurrentIndex(page.types.findData("返市生"))
        for check in page.evidence_checks.values():
            check.setChecked(True)
        assert next_enabled(w), blocks(w)
        w.next()
        page = w.currentPage()
        answer_all(w)
        assert not next_enabled(w) and "备案日期" in page.pending.text()
        page.filed_on.setText("2026-09-02")  # a Wednesday
        assert "星期三" in hint_text(page.hints["filed_on"]) and "每周的星期二" in hint_text(page.hints["filed_on"])
        page.filed_on.setText("2026-09-01")
        assert next_enabled(w), blocks(w)
        w.next()
        explain(w)
        w.currentPage().print_after.setChecked(False)
        w.button(QWizard.FinishButton).click()
        data = json.loads(Case.get().data)
        assert data["filed_on"] == "2026-09-01" and data["transfer_type"] == "返市生"
    finally:
        ws.close()


def test_archive_from_the_county_needs_only_the_identity(qtbot, ws, messages):
    """籍随人走: with the box ticked, the family page asks nothing and the case waits for the archive."""
    w = wizard_for(qtbot, ws, "in")
    page = w.currentPage()
    fill(page.form, {"name": "李四"})
    page.form.editor("id_number").editor.setText(ID)
    page.verified.setChecked(True)
    page.number.setText(INCOMING)
    page.archive_box.setChecked(True)
    assert next_enabled(w), blocks(w)
    w.next()
    assert w.currentPage().name == "family"
    assert next_enabled(w), blocks(w)  # no address, no guardian: they come with the archive
    w.next()
    fill_school(w, area="210811")
    w.next()
    choose_reason(w)
    w.next()
    answer_all(w)
    w.next()
    explain(w)
    w.currentPage().print_after.setChecked(False)
    w.button(QWizard.FinishButton).click()
    assert messages == []
    case = Case.get()
    data = json.loads(case.data)
    assert data["archive_from_county"] is True and data["record"]["student"]["name"] == "李四"
    # without the archive the last approval cannot complete the case
    from xueji_desktop.core.casework.cases import StepDecision
    from xueji_desktop.core.rules.findings import RuleViolation

    for n, party in enumerate(("receiving_school", "receiving_bureau", "sending_school"), 1):
        transfer.record_step(ws, case.id, StepDecision(party, TODAY, APPROVERS[n - 1], "approved"))
    with pytest.raises(RuleViolation, match="原学籍档案"):
        transfer.record_step(ws, case.id, StepDecision("sending_bureau", TODAY, "孙股长", "approved"))
    assert Case.get_by_id(case.id).status == "open" and Student.get_or_none(Student.student_number == INCOMING) is None
