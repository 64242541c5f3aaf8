"""What the case pages and the transfer wizard read, as plain rows.

The 申请 list, the case page (its steps, proof, history) and the transfer wizard's pupil look-up
ask these functions and get frozen dataclasses of values (dates, strings, numbers, dicts decoded
from the case's JSON); the window never queries the store itself. Where an existing core service
still takes the stored case or pupil (attaching a scan, printing a form, the change rules), the
`*_record` functions hand it over by id.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ...store.models import Attachment, Case, CaseStep, Event, SchoolClass, Student
from ..pupils import pupil_reads
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS
from .cases import CaseKind, CaseStatus


@dataclass(frozen=True)
class StepRow:
    id: int
    seq: int
    party: str
    due_on: dt.date | None
    done_on: dt.date | None
    person: str
    outcome: str  # approved | rejected | "" while pending
    note: str


@dataclass(frozen=True)
class CaseRow:
    id: int
    uuid: str
    number: str
    kind: str  # CaseKind value
    status: str  # CaseStatus value
    student_id: int | None
    opened_on: dt.date
    opened_by: str  # the display name of who opened it
    closed_on: dt.date | None
    data: dict = field(hash=False, compare=False)  # the workflow's own fields, decoded
    pupil: dict = field(hash=False, compare=False)  # name, student_number, sex, birth_date, id_number
    steps: tuple[StepRow, ...] = ()

    @property
    def pending(self) -> StepRow | None:
        """The first step without a decision (None: every party has decided)."""
        return next((s for s in self.steps if not s.outcome), None)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    label: str
    filename: str
    sha256: str
    size: int
    added_at: dt.datetime
    added_by: str  # display name


@dataclass(frozen=True)
class HistoryRow:
    created_at: dt.datetime
    author: str  # display name
    summary: str
    articles: tuple[str, ...]
    warnings: tuple[dict, ...]  # the warnings passed, with their reasons (from the payload)
    reasons: tuple[str, ...]  # the reasons given by rule id, in order


ALL_KINDS = tuple(k.value for k in CaseKind)


def _step_row(s: CaseStep) -> StepRow:
    return StepRow(s.id, s.seq, s.party, s.due_on, s.done_on, s.person, s.outcome, s.note)


def _pupil(case: Case, data: dict) -> dict:
    pupil = data.get("pupil")
    if pupil is None and case.student_id is not None:  # a status change: the pupil's own record
        s = Student.get_by_id(case.student_id)
        pupil = {"name": s.name, "student_number": s.student_number, "sex": s.sex,
                 "birth_date": s.birth_date.isoformat() if s.birth_date else "", "id_number": s.id_number}
    return pupil or {}


def _case_row(case: Case) -> CaseRow:
    data = json.loads(case.data)
    steps = tuple(_step_row(s) for s in CaseStep.select().where(CaseStep.case == case.id).order_by(CaseStep.seq))
    return CaseRow(case.id, case.uuid, case.number, case.kind, case.status, case.student_id, case.opened_on,
                   case.opened_by.display_name, case.closed_on, data, _pupil(case, data), steps)


def case_row(case_id: int) -> CaseRow | None:
    """One case with its steps, or None where this database has no such id."""
    case = Case.get_or_none(Case.id == case_id)
    return _case_row(case) if case is not None else None


def _within(query, class_ids: frozenset[int] | None):
    """Only the cases of pupils in `class_ids` (a 班主任's account: Workspace.visible_classes); all for None."""
    if class_ids is None:
        return query
    pupils = Student.select(Student.id).where(Student.school_class.in_(sorted(class_ids)))
    return query.where(Case.student.in_(pupils))


def case_rows(open_only: bool = True, kinds: tuple[str, ...] = ALL_KINDS,
              class_ids: frozenset[int] | None = None) -> list[CaseRow]:
    """The cases of the kinds, newest first (by opening day, then number); only the open ones by default."""
    query = _within(Case.select().where(Case.kind.in_(kinds)), class_ids)
    if open_only:
        query = query.where(Case.status == CaseStatus.OPEN.value)
    return [_case_row(c) for c in query.order_by(Case.opened_on.desc(), Case.number.desc())]


def open_case_of(student_id: int | None) -> CaseRow | None:
    """The pupil's first open case, if any (the main window's banner)."""
    if student_id is None:
        return None
    case = Case.select().where((Case.student == student_id) & (Case.status == CaseStatus.OPEN.value)).first()
    return _case_row(case) if case is not None else None


def open_count(kinds: tuple[str, ...] = ALL_KINDS, class_ids: frozenset[int] | None = None) -> int:
    return _within(Case.select().where(Case.kind.in_(kinds) & (Case.status == CaseStatus.OPEN.value)),
                   class_ids).count()


def case_uuid(case_id: int) -> str | None:
    """The case's uuid (to tell it from a namesake in another file), or None where there is no such id."""
    case = Case.get_or_none(Case.id == case_id)
    return case.uuid if case is not None else None


def attachment_rows(case_id: int) -> list[AttachmentRow]:
    """The proof kept with the case, in the order it was added."""
    query = Attachment.select().where(Attachment.case == case_id).order_by(Attachment.added_at, Attachment.id)
    return [AttachmentRow(a.id, a.label, a.filename, a.sha256, a.size, a.added_at, a.added_by.display_name)
            for a in query]


def attachment_row(attachment_id: int) -> AttachmentRow | None:
    a = Attachment.get_or_none(Attachment.id == attachment_id)
    return (AttachmentRow(a.id, a.label, a.filename, a.sha256, a.size, a.added_at, a.added_by.display_name)
            if a is not None else None)


def history_rows(case_id: int) -> list[HistoryRow]:
    """The case's events, newest first."""
    events = Event.select().where(Event.case_id == case_id).order_by(Event.seq.desc())
    return [HistoryRow(e.created_at, e.author.display_name, e.summary, tuple(json.loads(e.articles)),
                       tuple(json.loads(e.payload).get("warnings") or []), tuple(json.loads(e.reasons).values()))
            for e in events]


def case_record(case_id: int) -> Case:
    """The stored case, for the core services that take one (attaching a scan, printing a form)."""
    return Case.get_by_id(case_id)


def open_transfers_in() -> list[Case]:
    """The open transfers in, for a roster form such as 安阳's 转学备案汇总表 (the printing takes the cases)."""
    return list(Case.select().where((Case.kind == CaseKind.TRANSFER_IN.value)
                                    & (Case.status == CaseStatus.OPEN.value)).order_by(Case.number))


def student_record(student_id: int | None) -> Student | None:
    """The stored pupil, for the change pages' helpers that take one; None without an id."""
    return pupil_reads.student_record(student_id) if student_id else None


# ── the transfer wizard ───────────────────────────────────────────────────────────────────────
def class_name(class_id: int | None) -> str | None:
    """The class's name, or None where there is no such class."""
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id) if class_id else None
    return klass.name if klass is not None else None


def draft_values(student_id: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A pupil already in this database, as draft text: the record's fields and two guardians' ({} where none)."""
    student = Student.get_by_id(student_id)

    def text(value):
        if value is None:
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    values = {f.key: text(getattr(student, f.key)) for f in STUDENT_FIELDS}
    members = [{f.key: text(getattr(g, f.key)) for f in GUARDIAN_FIELDS}
               for g in student.guardians.order_by(student.guardians.model.position_no)]
    return values, (members + [{}, {}])[:2]
