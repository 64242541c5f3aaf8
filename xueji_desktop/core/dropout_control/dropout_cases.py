"""控辍保学 workflow: 疑似辍学, 辍学, 其他离校 (long absence) and 辍学返校, on the status-change machinery.

The kinds are `status_change.CHANGES` entries with no approvers (the school records them itself, 由学校
通过电子学籍系统处理), so `record` opens and completes the case in one transaction with its events: the
contact attempts, the absence run, the ground (a profile rule) and its article go into the case data and
the events. Only the status changes: the pupil keeps the 学籍 and the class place.

    draft = new_draft(ws, CaseKind.SUSPECTED_DROPOUT, student_id)     # the run and the proposed ground filled in
    draft.details["attempts"].append({"date": "2026-11-10", "person": "父亲 张建国", "method": "电话",
                                      "outcome": "unreachable", "note": "关机"})
    case, changes = record(ws, draft)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...store.models import Case, SchoolClass, Student
from ..casework.cases import CaseKind, CaseStatus, data_of
from ..changes import status_change
from ..changes import status_rules as status_changes
from ..changes.status_change import ChangeDraft
from ..pupils.status import Status
from ..rules.findings import Finding
from ..school.events import Changes
from . import dropout as thresholds
from . import dropout_rules as rules
from .attendance import SchoolDays, unexcused_runs

KIND_FOR = {Status.SUSPECTED_DROPOUT: CaseKind.SUSPECTED_DROPOUT, Status.DROPPED_OUT: CaseKind.DROPOUT,
            Status.LEFT_OTHER: CaseKind.ABSENCE_LEAVE}


def run_of(ws, student_id: int, today: dt.date | None = None, days: SchoolDays | None = None) -> dict:
    """The pupil's current run of 无故缺席 as the rules read it: days, first, last, for each threshold of the
    region whether it is reached ({rule id: bool}) and how many school days it needs for this run
    ({rule id: int}), measured exactly as the to-do list measures it (dropout.Meter), and whether the pupil
    is a new pupil who never reported."""
    today = today or ws.today()
    days = days or SchoolDays.for_workspace(ws)
    found = thresholds.thresholds(ws.profile)
    up_to = thresholds.attendance_day(ws, today, days)
    run = unexcused_runs([student_id], up_to, days, horizon=thresholds.horizon(found))[student_id]
    out = {"days": run.days, "first": run.first.isoformat() if run.first else None,
           "last": run.last.isoformat() if run.last else None, "reached": False, "reached_rules": {},
           "needed_rules": {}}
    if run.days:
        meter = thresholds.Meter(days)
        measured = {t.rule.key: meter.measure(t, run) for t in found}
        out["reached_rules"] = {key: m.reached for key, m in measured.items()}
        out["needed_rules"] = {key: m.needed for key, m in measured.items()}
    student = Student.get_by_id(student_id)
    no_shows = thresholds._no_shows([student.status], up_to, days) if thresholds.no_show_threshold(ws.profile) else {}
    if student_id in no_shows:
        ns = no_shows[student_id]
        out.update(no_show=True, days=ns.days, first=ns.first.isoformat(), last=ns.last.isoformat())
    return out


def with_run(draft: ChangeDraft, run: dict) -> ChangeDraft:
    """The draft's details carry the run, with `reached` and `needed` for the draft's ground."""
    details = dict(draft.details)
    details["run"] = dict(run, reached=bool(run.get("reached_rules", {}).get(draft.ground_id)),
                          needed=run.get("needed_rules", {}).get(draft.ground_id))
    draft.details = details
    return draft


def new_draft(ws, kind: CaseKind, student_id: int, today: dt.date | None = None) -> ChangeDraft:
    """A draft for the pupil: the proposal's ground where there is one (else the region's only ground)."""
    draft = ChangeDraft(kind=kind, student_id=student_id, applied_on=today or ws.today())
    draft.details = {"attempts": [], "measures": ""}
    options = rules.grounds(ws.profile, kind)
    proposal = thresholds.proposal_for(ws, student_id, today)
    on_roll = [g for g in options if g.id != "enrolment.no_show"]  # the no-show ground comes with its proposal
    if proposal and KIND_FOR.get(proposal.proposed) is kind and any(g.id == proposal.rule for g in options):
        draft.ground_id = proposal.rule
    elif len(options) == 1:
        draft.ground_id = options[0].id
    elif len(on_roll) == 1:
        draft.ground_id = on_roll[0].id
    if kind is CaseKind.DROPOUT_RETURN:
        draft.return_grade = continuing_grade(ws, student_id)[1]
    return with_run(draft, run_of(ws, student_id, today))


def check(ws, draft: ChangeDraft) -> list[Finding]:
    if draft.student_id and draft.kind is not CaseKind.DROPOUT_RETURN:
        with_run(draft, run_of(ws, draft.student_id))
    return status_change.check(ws, draft)


def record(ws, draft: ChangeDraft) -> tuple[Case, Changes]:
    """Checks on fresh data and records the change: case, status and events in one transaction."""
    if draft.student_id and draft.kind is not CaseKind.DROPOUT_RETURN:
        with_run(draft, run_of(ws, draft.student_id))
    return status_change.open_change(ws, draft)


def continuing_grade(ws, student_id: int) -> tuple[int, int, dt.date | None]:
    """(grade left from, grade that continues the pupil's schooling today, day the pupil left)."""
    student = Student.get_by_id(student_id)
    facts = status_changes.gather_facts(ws, ChangeDraft(kind=CaseKind.DROPOUT_RETURN, student_id=student_id),
                                        student)
    return rules.continuing_grade(facts)


# ── the register and the report ──
@dataclass(frozen=True)
class DropoutRecord:
    """A pupil now 疑似辍学 or 辍学, with what the school recorded when it happened."""

    student: Student
    status: Status
    class_name: str
    cases: list[Case]  # the leaving cases of this episode, oldest first
    attempts: list[dict]
    run: dict
    measures: list[str]
    articles: list[str]
    notes: list[str]

    @property
    def since(self) -> str:
        data = data_of(self.cases[0]) if self.cases else {}
        return data.get("effective_on") or ""


def current_dropouts(ws, student_number: str | None = None) -> list[DropoutRecord]:
    """The pupils now 疑似辍学 / 辍学 (or the one with the 学籍号), with their cases' contact attempts."""
    query = Student.select().where(Student.status.in_([Status.SUSPECTED_DROPOUT.value, Status.DROPPED_OUT.value]))
    if student_number:
        query = Student.select().where(Student.student_number == student_number)
    p = ws.profile
    out = []
    for s in query.order_by(Student.grade, Student.name):
        episode: list[Case] = []
        for case in (Case.select().where((Case.student == s) & (Case.status == CaseStatus.COMPLETED.value)
                                         & Case.kind.in_([k.value for k in (*rules.LEAVING_KINDS,
                                                                            CaseKind.DROPOUT_RETURN)]))
                     .order_by(Case.closed_on, Case.id)):
            episode = [] if case.kind == CaseKind.DROPOUT_RETURN.value else episode + [case]
        attempts, measures, articles, run = [], [], [], {}
        for case in episode:
            data = data_of(case)
            details = data.get("details") or {}
            attempts += rules.attempts_of(details)
            if str(details.get("measures") or "").strip():
                measures.append(details["measures"].strip())
            run = details.get("run") or run
            g = rules.ground_of(p, CaseKind(case.kind), data.get("ground_id"))
            if g and g.article not in articles:
                articles.append(g.article)
        notes = []
        if s.migrant_child == "1" and p.applies("dropout.migrant_archive"):
            notes.append(thresholds.MIGRANT_ARCHIVE_TEXT.get(p.value("dropout.migrant_archive"), ""))
        klass = SchoolClass.get_or_none(SchoolClass.id == s.school_class_id) if s.school_class_id else None
        out.append(DropoutRecord(s, Status(s.status), klass.name if klass else "", episode,
                                 sorted(attempts, key=lambda a: str(a.get("date"))), run, measures, articles, notes))
    return out
