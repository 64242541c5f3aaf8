"""A 黑龙江 跳级 case through the county bureau (第二十六条（二）: the 主管教育局's deputy head signs after the 公示):
the school's batch carries the case to the bureau, the bureau sees it waiting for its own step and approves, and
the reply records that step at the school, which then waits for the city, due on 30 July."""

from __future__ import annotations

import datetime as dt

from tests.conftest import PASSWORD, make_school, pin, pupil_draft
from tests.test_replies import A, World, signed_in
from xueji_desktop.bureau import importer, review
from xueji_desktop.bureau.store import open_store
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, StepDecision
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for
from xueji_desktop.core.exchange import school_keys
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.core.transfers import transfer
from xueji_desktop.store.models import Case, Student

DAY = dt.date(2027, 3, 10)


class HeilongjiangSchool(World):
    """One 黑龙江 school of the county, its clock at ``self.day``."""

    first_day = DAY

    def __init__(self, root, target):
        self.root, self.target, self.day = root, target, DAY
        self.stick = root / "stick"
        self.key, self.fp = importer.init_bureau(target, "方正县教育局", "230124", "bureau-pass-1",
                                                 key_file=root / "bureau.xjkey", display_name="李科长")
        path = root / f"{A}.sqlite3"
        ws = make_school(path, code=A, name="方正县柳河镇中心学校", profile_id="heilongjiang", today=DAY)
        school_keys.create_keys(ws, PASSWORD)
        school_keys.trust_bureau(ws, self.key, self.fp)
        (root / f"{A}.xjkey").write_bytes(school_keys.school_public_key_bytes(ws))
        ws.close()
        self.paths = {A: path}
        with signed_in(open_store(target)) as store:
            importer.register_school(store, None, None, root / f"{A}.xjkey")

    def school(self, code) -> Workspace:
        pin(dt.datetime.combine(self.day, dt.time(10)))
        ws = Workspace(self.paths[code])
        ws.login("registrar", PASSWORD)
        return ws

    def bureau(self):
        pin(dt.datetime.combine(self.day, dt.time(15)))
        return signed_in(open_store(self.target))


def test_the_bureau_signs_its_step_of_a_skip_grade_case(tmp_path, bureau_target):
    world = HeilongjiangSchool(tmp_path, bureau_target)
    ws = world.school(A)
    student, _ = enrolment.enrol(ws, pupil_draft(name="刘堃", grade=3, new=False, birth=dt.date(2018, 8, 24),
                                                 entry_month="2024-09"))
    d = ChangeDraft(kind=CaseKind.SKIP_GRADE, student_id=student.id, applied_on=DAY)
    d.evidence_seen = evidence_for(ws, d)
    d.reasons = {"skip_grade.allowed": "德智体美劳特别优秀，监护人书面申请", "skip_grade.max_share": "本年级只有一名学生申请"}
    case, _ = status_change.open_change(ws, d)
    uuid = case.uuid
    for party, day in (("school", DAY), ("expert_panel", dt.date(2027, 3, 11)), ("public_notice", dt.date(2027, 3, 18))):
        world.day = day
        pin(dt.datetime.combine(day, dt.time(10)))
        transfer.record_step(ws, case.id, StepDecision(party, day, "张校长", "approved"))
    ws.close()
    world.day = dt.date(2027, 3, 18)
    world.export(A)
    world.bureau_import(A)
    world.day = dt.date(2027, 3, 19)
    with world.bureau() as store:
        waiting = review.pending(store)
        assert [(p.case.uuid, p.party, p.label) for p in waiting] == [(uuid, "bureau", "主管教育行政部门")]
        review.decide(store, uuid, "approved", note="分管副局长已签字")
        assert review.pending(store) == []  # the city's step is not the county's
    assert world.reply(A).written
    [done] = world.import_reply(A)
    assert done.status == "imported", done.message
    ws = world.school(A)
    case = Case.get(Case.uuid == uuid)
    step = next(s for s in cases.steps(case) if s.party == "bureau")
    assert (step.outcome, step.done_on, step.note) == ("approved", dt.date(2027, 3, 19), "分管副局长已签字")
    pending = cases.pending_step(case)
    assert (pending.party, pending.due_on) == ("city_bureau", dt.date(2027, 7, 30))
    assert Student.get_by_id(student.id).grade == 3  # nothing moves before the province, in September
    ws.close()
