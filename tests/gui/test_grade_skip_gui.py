"""跳级 through the real screens on a real database file (营口 四(三)1): the 学籍变动 menu's 跳级…, the change
wizard with the 跳级时间 proposed at the school year's start, the case page with the 学生跳级申请表 to print, and
the approval dialog whose last step asks the class of the new grade; the pupil moves up only with it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import json
import subprocess

from PySide6.QtWidgets import QDialogButtonBox, QWizard

from tests.conftest import make_school, pupil_draft
from tests.gui.test_change_gui import drive, menu_entries, set_day, window_on
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.gui import case_dialog
from xueji_desktop.gui.grade_skip_step import SkipStepDialog
from xueji_desktop.store.models import AccessLog, Case, Event, SchoolClass, Student

TODAY = dt.date(2027, 9, 1)


def test_skip_grade_from_the_menu_to_the_new_class(qtbot, tmp_path, messages, no_viewer, monkeypatch):
    ws = make_school(tmp_path / "school.sqlite3", profile_id="yingkou", today=TODAY)
    ws.login("registrar", "secret-123")
    student, _ = enrolment.enrol(ws, pupil_draft(name="李明", grade=4, new=False, birth=dt.date(2017, 3, 7),
                                                 entry_month="2023-09"))
    window = window_on(qtbot, ws, student)
    entry = menu_entries(window)["跳级…"]
    assert entry.isEnabled(), entry.toolTip()

    def steps(w):
        page = w.currentPage()
        assert page.name == "ground"
        assert list(page.evidence.checks) == ["学生本人及父母或其他监护人的跳级申请"]
        assert not w.button(QWizard.NextButton).isEnabled()  # the application not yet seen
        for check in page.evidence.checks.values():
            check.setChecked(True)
        w.next()
        page = w.currentPage()
        assert page.name == "dates"
        assert page.form.editor("effective_on").editor.text() == "2027-09-01"  # the school year's start
        page.form.editor("note").editor.setText("学业成绩特别优异，提前达到高一年级学力程度")
        notes = "\n".join(f.text for f in w.findings)
        assert "跳过四年级，编入五年级" in notes and "《营口市规定》四(三)1" in notes
        page.form.editor("effective_on").editor.setText("2027-11-02")  # not a school year's start: a warning
        assert any(f.rule == "skip_grade.timing" for f in w.findings)
        page.form.editor("effective_on").editor.setText("2027-09-01")
        w.next()
        page = w.currentPage()
        assert page.name == "review" and page.print_after.text() == "提交后打印：《学生跳级申请表》"
        page.print_after.setChecked(False)
        w.button(QWizard.FinishButton).click()

    drive(monkeypatch, steps)
    entry.trigger()
    case = Case.get(Case.kind == CaseKind.SKIP_GRADE.value)
    assert case.number == "TJ-2027-0001" and case.student_id == student.id
    assert Student.get_by_id(student.id).grade == 4  # nothing moves before the last approval

    dialog = case_dialog.CaseDialog(ws, case.id, window)
    qtbot.addWidget(dialog)
    assert "跳过四年级编入五年级" in dialog.header.text()
    assert [b.text() for (_, blank), b in dialog.print_buttons.items() if not blank] == ["《学生跳级申请表》另存为 PDF…"]
    assert [r[0] for r in dialog.step_rows()] == ["▶ 1. 本校", "2. 主管教育行政部门", "3. 市级教育行政部门"]
    saved = tmp_path / "申请表.pdf"
    monkeypatch.setattr(case_dialog, "ask_save_path", lambda parent, title, default: str(saved))
    dialog.print_buttons[("skip_grade_application", False)].click()
    assert no_viewer == [saved]
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True).stdout
    assert "学生跳级申请表" in text and "李明" in text
    assert AccessLog.get(AccessLog.target == str(saved)).subject == "学生跳级申请表（TJ-2027-0001）"

    for n, person in enumerate(("王校长", "李股长")):
        set_day(ws, TODAY + dt.timedelta(days=n), hour=10)
        step = SkipStepDialog(ws, case.id, dialog)
        assert step.classes is None  # not the last step: no class asked
        step.person.setText(person)
        step.submit()
        assert step.recorded is not None
    set_day(ws, dt.date(2027, 9, 3), hour=10)
    last = SkipStepDialog(ws, case.id, dialog)
    qtbot.addWidget(last)
    assert last.classes is not None and last.classes.count() == 2
    last.person.setText("赵主任")
    ok = last.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled() and "请选择五年级的班级" in last.class_hint.text()
    target = SchoolClass.get((SchoolClass.grade == 5) & (SchoolClass.number == 2))
    last.classes.setCurrentRow(1)
    assert last.class_id() == target.id and ok.isEnabled()
    last.submit()
    assert last.recorded is not None and messages == []
    moved = Student.get_by_id(student.id)
    assert (moved.grade, moved.school_class_id) == (5, target.id)
    event = Event.get((Event.kind == "grade_skipped") & (Event.case_id == case.id))
    assert json.loads(event.payload)["completed_grades"] == [4]
    dialog.reload()
    assert "已办结" in dialog.header.text() and not dialog.record_button.isEnabled()
    assert "编入班级" in dialog.details.text() and "五年级(2)班" in dialog.details.text()
    ws.close()
