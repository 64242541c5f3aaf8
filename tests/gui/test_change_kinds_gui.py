"""Every status-change kind (issue 5) walked end to end through the window: the 学籍变动 menu opens the
real wizard, each page is filled through its widgets, 提交申请 / 确认办理 through the wizard's button,
every approval through the approval dialog (StepDialog), and then the case, the pupil's status and
the history are read back from the database file.

The pupil's starting status for the kinds that need one (休学 before 复学 …) is reached through the
domain services (`status_change.open_change` + `transfer.record_step`), never by writing it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QWizard

from tests.gui.test_change_gui import (
    approve_all,
    drive,
    enrolled,
    finish,
    menu_entries,
    school_at,
    walk,
    window_on,
)
from tests.test_status_change_workflow import approve_all as approve_in_core
from tests.test_status_change_workflow import draft, move_to
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_change import CHANGES
from xueji_desktop.core.pupils.status import Status
from xueji_desktop.gui.change_wizard import MENU
from xueji_desktop.store.models import Case, Event, SchoolClass, Student

K = CaseKind
REGION = {K.BORROWED_STUDY: "changzhi", K.BORROWED_RETURN: "changzhi", K.WITHDRAWAL: "changzhi",
          K.OTHER_LEAVE: "liangshan"}  # the rest: heilongjiang


# ── where the pupil must stand first: reached through the services, each approval recorded ─────
def _opened_and_approved(ws, student, kind, **fields):
    case, _ = status_change.open_change(ws, draft(ws, kind, student, **fields))
    case = approve_in_core(ws, case)
    assert case.status == "completed", (kind, case.status)


def suspended(ws, student, until=dt.date(2027, 1, 31), then=None):
    ground = ws.profile.value("suspension.grounds")[0]["id"]
    _opened_and_approved(ws, student, K.SUSPENSION, ground_id=ground, effective_on=ws.today(), until=until)
    assert Student.get_by_id(student.id).status == Status.SUSPENDED.value
    if then is not None:
        move_to(ws, then)


def abroad(ws, student):
    _opened_and_approved(ws, student, K.ABROAD, effective_on=ws.today(), details={"destination": "新加坡"})
    move_to(ws, dt.date(2027, 9, 1))


def missing(ws, student):
    _opened_and_approved(ws, student, K.MISSING, effective_on=ws.today(), details={"circumstance": "离家未归，已报警"})
    move_to(ws, dt.date(2026, 10, 12))


def borrowed(ws, student):
    ground = ws.profile.value("borrowed_study.grounds")[0]["id"]
    _opened_and_approved(ws, student, K.BORROWED_STUDY, ground_id=ground, effective_on=ws.today(),
                         until=dt.date(2027, 1, 15), details={"host_school": "太原市迎泽区双塔小学"})
    move_to(ws, dt.date(2027, 1, 18))


@dataclass(frozen=True)
class Walk:
    kind: CaseKind
    before: Callable | None = None  # (ws, student): the starting status
    ground: str | None = None  # None: the first the region lists
    dates: dict = field(default_factory=dict)  # DatesPage inputs, as typed
    changes: dict = field(default_factory=dict)  # 关键信息变更: field → new value
    summary: str = ""  # what the history's status_changed event says
    applied: Callable | None = None  # (student before, student after): the change the kind made

    @property
    def region(self):
        return REGION.get(self.kind, "heilongjiang")


WALKS = (
    Walk(K.SUSPENSION, dates={"until": "2027-01-31"}, summary="休学：张三，2026-09-03 至 2027-01-31"),
    Walk(K.SUSPENSION_EXTENSION, before=lambda ws, s: suspended(ws, s, then=dt.date(2027, 1, 11)),
         dates={"until": "2027-06-30"}, summary="延长休学：张三，休学延至 2027-06-30",
         applied=lambda old, new: _latest_until(new) == dt.date(2027, 6, 30)),
    Walk(K.RESUMPTION, before=lambda ws, s: suspended(ws, s, then=dt.date(2027, 1, 18)),
         dates={"effective_on": "2027-02-01"}, summary="复学：张三，回一年级(1)班就读"),
    Walk(K.ABROAD, dates={"details.destination": "新加坡", "details.purpose": "随父母出国"},
         summary="出国（出境）：张三，2026-09-03 离校出境"),
    Walk(K.RETURN_FROM_ABROAD, before=abroad, summary="入境复学：张三"),
    Walk(K.WITHDRAWAL, summary="退学：张三"),
    Walk(K.DEATH, dates={"effective_on": "2026-09-01", "details.proof_issuer": "柳树镇卫生院"},
         summary="死亡：张三，2026-09-01，学籍注销（不可恢复）"),
    Walk(K.MISSING, dates={"details.circumstance": "暑假后未返校，家长报告离家出走"},
         summary="失踪/被羁押：张三，2026-09-03 离校，保留学籍"),
    Walk(K.MISSING_RETURN, before=missing, summary="失踪后复学：张三"),
    Walk(K.BORROWED_STUDY, dates={"details.host_school": "太原市迎泽区双塔小学", "until": "2027-01-15"},
         summary="外出借读：张三 到太原市迎泽区双塔小学借读至 2027-01-15，学籍保留在本校"),
    Walk(K.BORROWED_RETURN, before=borrowed, summary="借读返回：张三"),
    Walk(K.OTHER_LEAVE, before=lambda ws, s: suspended(ws, s, until=dt.date(2026, 11, 30), then=dt.date(2026, 12, 10)),
         dates={"details.contacts": "2026-12-01 王老师 电话 停机；2026-12-05 王老师 家访 无人"},
         summary="其他离校：张三，休学期满未复学，经联系无果，学籍保留"),
    Walk(K.KEY_INFO_CHANGE, changes={"name": "张山"}, summary="关键信息变更：张山，姓名 张三 → 张山",
         applied=lambda old, new: new.name == "张山" and new.student_number == old.student_number),
)


def _latest_until(student) -> dt.date:
    from xueji_desktop.core.changes.suspensions import current_terms

    return next(t.until for t in current_terms() if t.student_id == student.id)


def test_every_kind_is_walked_and_every_region_is_named():
    from xueji_desktop.core.dropout_control.dropout_rules import (
        DROPOUT_KINDS,  # their own dialog: tests/gui/test_dropout_gui.py
    )

    own = {K.SKIP_GRADE}  # 跳级: its last approval asks the class, tests/gui/test_grade_skip_gui.py
    assert {w.kind for w in WALKS} == set(CHANGES) - set(DROPOUT_KINDS) - own == {k for k, _ in MENU} - own | {
        K.KEY_INFO_CHANGE}


@pytest.mark.parametrize("spec", WALKS, ids=[w.kind.value for w in WALKS])
def test_each_kind_through_the_menu_the_wizard_and_the_approvals(qtbot, tmp_path, messages, monkeypatch, spec):
    ws = school_at(tmp_path, spec.region)
    assert status_change.offered(ws, spec.kind) is None, f"{spec.kind.label} not offered in {spec.region}"
    student = enrolled(ws)
    if spec.before is not None:
        spec.before(ws, student)
    before = Student.get_by_id(student.id)
    window = window_on(qtbot, ws, before)
    entries = menu_entries(window)
    label = dict(MENU).get(spec.kind)
    action = entries[label] if label is not None else window.info_action  # 关键信息变更: from 修改信息…
    assert action.isEnabled(), action.toolTip()
    parties = status_change.parties(ws, spec.kind)
    seen = {}

    def fill(w):
        seen["wizard"] = w
        assert (w.kind, w.student.id) == (spec.kind, student.id)
        dates = w.pages_by_name["dates"]
        if dates.classes is not None:  # the grade and class on return: the grade left, its first class
            assert dates.grade.currentData() == before.grade
            dates.classes.setCurrentRow(0)
            assert dates.classes.currentItem() is not None
        ground = spec.ground
        if ground is None and w.pages_by_name["ground"].ground_buttons:
            ground = next(iter(w.pages_by_name["ground"].ground_buttons))
        seen["ground"] = ground
        review = walk(w, ground=ground, dates=spec.dates, changes=spec.changes)
        if review.final is not None:  # 死亡: the final warning, confirmed by its checkbox
            assert not w.button(QWizard.FinishButton).isEnabled()
            review.final.setChecked(True)
        assert w.button(QWizard.FinishButton).text() == (
            "确认注销学籍" if spec.kind is K.DEATH else "提交申请" if parties else "确认办理")
        review.print_after.setChecked(False)
        assert not Case.select().where(Case.kind == spec.kind.value).exists()  # nothing written yet
        finish(w)

    drive(monkeypatch, fill)
    if label is None:  # 修改信息… → 申请关键信息变更… (the dialog's exec would block)
        from xueji_desktop.gui.info_edit_dialog import InfoEditDialog

        monkeypatch.setattr(InfoEditDialog, "exec", lambda self: (self.key_button.click(), 0)[1])
    action.trigger()
    assert messages == []
    assert seen["wizard"].case is not None
    case = Case.get_by_id(seen["wizard"].case.id)
    assert case.kind == spec.kind.value and case.student_id == student.id
    assert case.status == ("open" if parties else "completed")
    if parties:  # nothing moves before the last approval (死亡 has none: in effect on confirmation)
        assert Student.get_by_id(student.id).status == before.status
    approve_all(ws, case.id, ws.today(), window)  # one StepDialog per party, in order
    assert messages == []
    assert [(x.party, x.outcome) for x in cases.steps(case)] == [(p, "approved") for p in parties]

    case = Case.get_by_id(case.id)
    assert case.status == "completed" and case.closed_on is not None
    data = json.loads(case.data)
    assert data.get("ground_id") == seen["ground"]
    after = Student.get_by_id(student.id)
    target = CHANGES[spec.kind].leads_to
    assert after.status == (target.value if target is not None else before.status)
    if spec.applied is not None:
        assert spec.applied(before, after)
    if target is not None and target.on_roll:  # back at school, or on the roll elsewhere: the place is kept
        assert after.school_class_id == SchoolClass.get((SchoolClass.grade == after.grade)
                                                        & (SchoolClass.number == 1)).id
    event = Event.get((Event.kind == "status_changed") & (Event.case_id == case.id))
    assert event.summary.startswith(spec.summary) and event.summary.endswith(f"（申请 {case.number}）"), event.summary
    assert any(spec.summary in row[2] for row in window.detail.history_rows()), window.detail.history_rows()
    ws.close()
