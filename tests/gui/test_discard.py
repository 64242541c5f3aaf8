"""Esc, 取消 or the close box on a half-filled record-entry dialog asks 放弃已填写的内容？ first; an untouched
one closes at once. Driven through the real widgets on a real database file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard  # noqa: E402

from tests.conftest import make_school, pupil_draft  # noqa: E402
from xueji_desktop.core.admission import enrolment  # noqa: E402
from xueji_desktop.core.casework.cases import CaseKind  # noqa: E402
from xueji_desktop.gui import discard  # noqa: E402
from xueji_desktop.gui.enrol_wizard import EnrolWizard  # noqa: E402
from xueji_desktop.store.models import Case, Event, Student  # noqa: E402

ASK = discard.ask_discard  # the real question (conftest answers 放弃 for dialogs left open at the end)


@pytest.fixture
def ws(tmp_path):
    ws = make_school(tmp_path / "school.sqlite3", profile_id="national")
    ws.login("registrar", "secret-123")
    yield ws
    ws.close()


@pytest.fixture
def wizard(qtbot, ws):
    w = EnrolWizard(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def answers(monkeypatch):
    """The registrar's answers to 放弃已填写的内容？, in order; each question asked is counted."""
    state = {"answers": [], "asked": 0}

    def ask(parent):
        state["asked"] += 1
        return state["answers"].pop(0)

    monkeypatch.setattr(discard, "ask_discard", ask)
    return state


def escape(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_an_untouched_wizard_closes_at_once(qtbot, wizard, answers):
    wizard.next()  # looking at the next page is not typing
    escape(qtbot, wizard)
    assert answers["asked"] == 0 and not wizard.isVisible()
    assert Student.select().count() == 0


def test_esc_on_a_half_filled_wizard_asks_and_keeps_it_on_continue(qtbot, wizard, answers):
    wizard.next()
    form = wizard.currentPage().form
    form.editor("name").editor.setText("张三")  # what an IME commits
    answers["answers"] = [False]  # 继续填写
    escape(qtbot, form.editor("name").editor)
    assert answers["asked"] == 1 and wizard.isVisible()
    assert form.editor("name").value() == "张三" and wizard.currentPage().name == "identity"
    answers["answers"] = [True]  # 放弃
    wizard.button(QWizard.CancelButton).click()
    assert answers["asked"] == 2 and not wizard.isVisible()
    assert Student.select().count() == 0 and not Event.select().where(Event.kind == "student_enrolled").exists()


def test_the_question_itself_with_its_two_buttons(qtbot, wizard, monkeypatch):
    monkeypatch.setattr(discard, "ask_discard", ASK)
    wizard.next()
    wizard.currentPage().verified.setChecked(True)  # a tick is input too
    seen = []

    def answer(choice):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, lambda: answer("继续填写"))
    wizard.close()  # the close box
    assert seen == [("放弃已填写的内容？", ["放弃", "继续填写"])]
    assert wizard.isVisible() and wizard.currentPage().verified.isChecked()
    QTimer.singleShot(0, lambda: answer("放弃"))
    escape(qtbot, wizard)
    assert len(seen) == 2 and not wizard.isVisible()
    assert Student.select().count() == 0


def test_the_change_wizard_shares_the_question(qtbot, ws, answers):
    from xueji_desktop.gui.change_wizard import ChangeWizard

    student, _ = enrolment.enrol(ws, pupil_draft(name="张三丰"))
    w = ChangeWizard(ws, CaseKind.SUSPENSION, student.id)
    qtbot.addWidget(w)
    w.show()
    escape(qtbot, w)
    assert answers["asked"] == 0 and not w.isVisible()
    w = ChangeWizard(ws, CaseKind.SUSPENSION, student.id)
    qtbot.addWidget(w)
    w.show()
    next(iter(w.currentPage().ground_buttons.values())).setChecked(True)
    answers["answers"] = [False, True]
    escape(qtbot, w)
    assert answers["asked"] == 1 and w.isVisible()
    escape(qtbot, w)
    assert answers["asked"] == 2 and not w.isVisible()
    assert Case.select().count() == 0


def test_the_dropout_dialog_asks_once_an_attempt_is_entered(qtbot, ws, answers):
    from xueji_desktop.gui.dropout_wizard import DropoutWizard

    student, _ = enrolment.enrol(ws, pupil_draft(name="张三丰", birth=dt.date(2018, 3, 7), grade=3, new=False))
    ws.test_clock.now = dt.datetime(2026, 11, 20, 9, 0)
    dialog = DropoutWizard(ws, CaseKind.SUSPECTED_DROPOUT, student.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.measures.setText("班主任家访")
    answers["answers"] = [False]
    escape(qtbot, dialog)
    assert answers["asked"] == 1 and dialog.isVisible()
    dialog.measures.setText("")  # typed away again: nothing left to lose
    escape(qtbot, dialog)
    assert answers["asked"] == 1 and not dialog.isVisible()
    assert Student.get_by_id(student.id).status == "enrolled" and Case.select().count() == 0
