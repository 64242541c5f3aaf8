"""The 学籍变动 menu's entries and why one is greyed, apart from the change wizard itself (its pages, the
enrolment and transfer pages they share) so that building the main window does not import them."""

from __future__ import annotations

from ..core.casework.cases import CaseKind
from ..core.pupils.status import Status
from ..core.rules.findings import Finding, Severity

# The 学籍变动 menu, in the order the registrar meets them (修改信息… comes first, from InfoEditDialog).
MENU: tuple[tuple[CaseKind, str], ...] = (
    (CaseKind.SUSPENSION, "休学…"), (CaseKind.SUSPENSION_EXTENSION, "延长休学…"), (CaseKind.RESUMPTION, "复学…"),
    (CaseKind.ABROAD, "出国（出境）…"), (CaseKind.RETURN_FROM_ABROAD, "入境复学…"), (CaseKind.WITHDRAWAL, "退学…"),
    (CaseKind.DEATH, "死亡注销…"), (CaseKind.MISSING, "失踪/被羁押…"), (CaseKind.MISSING_RETURN, "失踪后复学…"),
    (CaseKind.BORROWED_STUDY, "外出借读…"), (CaseKind.BORROWED_RETURN, "借读返回…"), (CaseKind.SKIP_GRADE, "跳级…"),
    (CaseKind.OTHER_LEAVE, "其他离校（休学期满未复学）…"),
)


def unavailable(ws, kind: CaseKind, student) -> Finding | None:
    """Why the menu entry is disabled: no pupil, the region, or the pupil's status (cheap: no queries)."""
    if student is None:
        return Finding("change.student", Severity.BLOCK, "student", "请先在学生名单中选中学生")
    from ..core.changes import status_change

    if Status(student.status) is Status.DECEASED:  # final: that is the reason, whatever the region offers
        return status_change.status_problem(student, kind)
    return status_change.offered(ws, kind) or status_change.status_problem(student, kind)


# 控辍保学: the entries the dropout wizard opens, also in 学籍变动 (gui.dropout_list, gui.dropout_wizard)
DROPOUT_MENU: tuple[tuple[CaseKind, str], ...] = (
    (CaseKind.SUSPECTED_DROPOUT, "疑似辍学登记…"), (CaseKind.DROPOUT, "辍学登记…"),
    (CaseKind.ABSENCE_LEAVE, "其他离校（离校超过期限、联系不上）…"), (CaseKind.DROPOUT_RETURN, "辍学返校…"),
)


def dropout_unavailable(ws, kind: CaseKind, student) -> Finding | None:
    """Why the entry is disabled: no pupil, the region (no ground in its text), or the pupil's status."""
    if student is None:
        return Finding("change.student", Severity.BLOCK, "student", "请先在学生名单中选中学生")
    from ..core.changes import status_change
    from ..core.dropout_control import dropout_rules as rules

    if Status(student.status) is Status.DECEASED:  # final: that is the reason, whatever the region offers
        return status_change.status_problem(student, kind)
    why = status_change.offered(ws, kind) or status_change.status_problem(student, kind)
    if why is None and kind is not CaseKind.DROPOUT_RETURN and not rules.grounds(ws.profile, kind):
        label = rules.LEADS_TO[kind].label
        return Finding("dropout.ground", Severity.BLOCK, "ground", f"本地区规定未写明认定“{label}”的情形")
    return why
