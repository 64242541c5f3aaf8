"""跳级 decisions with the class: the last approval moves the pupil into a class of the new grade, chosen by
the registrar with that decision (the window's 记录审批, `xueji skip-grade decide --class`). One transaction:
the class is kept in the case and the step recorded, or neither."""

from __future__ import annotations

import json

from ...store.models import Case, SchoolClass, Student
from ..casework.cases import CaseKind, CaseStatus, StepDecision, data_of, pending_step, steps
from ..dates.workdays import WorkCalendar
from ..pupils.status import ON_ROLL
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, changing
from ..school.school import grade_name
from ..transfers.transfer import record_step_in


def is_last_step(case: Case) -> bool:
    return len([s for s in steps(case) if not s.outcome]) == 1


def target_classes(case: Case) -> list[tuple[int, str, int, int | None]]:
    """(id, name, pupils on roll, capacity) of each class in use of the grade the pupil moves into."""
    to = data_of(case).get("to_grade")
    out = []
    for klass in SchoolClass.in_use().where(SchoolClass.grade == to).order_by(SchoolClass.number):
        occupied = Student.select().where((Student.school_class == klass) & (Student.id != case.student_id)
                                          & Student.status.in_([s.value for s in ON_ROLL])).count()
        out.append((klass.id, klass.name, occupied, klass.capacity))
    return out


def class_problem(case: Case, class_id: int | None) -> Finding | None:
    """A class chosen for the last approval that is no class of the new grade."""
    to = data_of(case).get("to_grade")
    if class_id is None:
        return Finding("skip_grade.school_class", Severity.BLOCK, "school_class",
                       f"班级：请选择{grade_name(to)}的班级（最后一个环节同意后，学生随即编入）")
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if klass is None or klass.grade != to or klass.retired_year is not None:
        return Finding("skip_grade.school_class", Severity.BLOCK, "school_class",
                       f"班级：所选班级不是本校{grade_name(to)}正在使用的班级")
    return None


def decide(ws, case_id: int, decision: StepDecision, class_id: int | None = None) -> tuple[Case, Changes]:
    """Records one party's decision on a 跳级 case; with the last approval, `class_id` (a class of the grade
    moved into) is kept in the case first and the pupil moves into it."""
    calendar = WorkCalendar.from_store()
    with changing(ws.db, ws.user, ws.now()) as tx:
        case = Case.get_by_id(case_id)
        if case.kind != CaseKind.SKIP_GRADE.value:
            raise RuleViolation([Finding("skip_grade.case", Severity.BLOCK, "case",
                                         f"申请 {case.number} 不是跳级申请")])
        if class_id is not None and case.status == CaseStatus.OPEN.value:
            pending = pending_step(case)
            if pending is not None and pending.party == decision.party and is_last_step(case):
                problem = class_problem(case, class_id)
                if problem is not None:
                    raise RuleViolation([problem])
                data = data_of(case)
                data.setdefault("details", {})["class_id"] = class_id
                case.data = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
                case.save()
        record_step_in(ws, tx, case, decision, calendar)
    return case, tx.changes
