"""The term review (每学期复核): every pupil's record checked once a term.

《凉山州规定》八(一), 《安阳市北关区办法》第二十条, 《长治市实施细则》第四十三条 (and the national
《办法》 they all copy): 学校应当每学期复核学生学籍. Whether a region has the rule is profile data
(`archive.term_review`), never the region's code.

The checklist runs over every pupil on roll (core.pupils.status.ON_ROLL) and names, pupil by pupil:

* ``missing_fields`` — a required field of core.pupils.fields empty (an ID number where the ID type is the
  resident card, and a family member with name, relation and phone, count as required);
* ``temporary_number`` — still on a temporary 学籍号 (the profile's ``student_number.temporary_prefix``,
  "L"): the identity is not verified and the G number not given;
* ``open_case`` — an application still open (转学, 休学 …), with its current step;
* ``missing_evidence`` — a case whose kind needs papers (a transfer, or a change whose profile key lists
  evidence) with no scan kept for a paper the regulation lists: open cases, and cases closed in the term.

Marking the review done (`mark_done`) writes one `TermReview` row and its event in one transaction;
the term is the one containing the day, or in the holidays the term that just ended.

    c = checklist(ws)
    c.counts()            # {"missing_fields": 3, "temporary_number": 41, …}
    mark_done(ws)         # (TermReview, Changes)
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from ...store.models import Attachment, Case, Guardian, SchoolClass, Student, TermReview
from ..casework.cases import CaseKind, CaseStatus, data_of, party_label
from ..dates.school_calendar import SchoolCalendar, Term
from ..pupils.completeness import RESIDENT_ID, is_temporary, missing_fields
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS
from ..pupils.status import ON_ROLL
from ..region_profiles.profiles import Profile, Rule
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, EventKind, changing

RULE_KEY = "archive.term_review"
KINDS = ("missing_fields", "temporary_number", "open_case", "missing_evidence")
KIND_LABELS = {"missing_fields": "信息不全", "temporary_number": "临时学籍号", "open_case": "申请未办结",
               "missing_evidence": "缺证明材料"}
_TRANSFERS = (CaseKind.TRANSFER_IN.value, CaseKind.TRANSFER_OUT.value)


@dataclass(frozen=True)
class Problem:
    kind: str  # one of KINDS
    student_id: int | None
    name: str
    student_number: str
    class_name: str
    text: str  # Chinese, what is wrong
    case_id: int | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class Checklist:
    term: Term
    today: dt.date
    pupils: int  # pupils on roll checked
    problems: list[Problem] = field(default_factory=list)
    rule: Rule | None = None  # the region's rule, None where it has none
    done: TermReview | None = None  # the review already marked done for this term

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in KINDS}
        for p in self.problems:
            out[p.kind] += 1
        return out

    def of_kind(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]

    @property
    def pupils_with_problems(self) -> int:
        return len({p.student_id for p in self.problems if p.student_id is not None})


# ── which term, which rule ──────────────────────────────────────────────────────────────────────
def rule_of(profile: Profile) -> Rule | None:
    """The region's 每学期复核 rule, or None where the profile has no such rule."""
    try:
        rule = profile.rule(RULE_KEY)
    except Exception:  # noqa: BLE001 — a profile without the key: no rule
        return None
    return rule if rule.applies and rule.value else None


def term_under_review(profile: Profile, today: dt.date) -> Term:
    """The term containing `today`; in the holidays, the term that has just ended."""
    cal = SchoolCalendar.from_profile(profile)
    term = cal.term_of(today)
    if term.contains(today):
        return term
    autumn, spring = cal.terms(term.school_year - 1) if term.name == "上学期" else cal.terms(term.school_year)
    return spring if term.name == "上学期" else autumn


def record_for(term: Term) -> TermReview | None:
    return TermReview.get_or_none((TermReview.school_year == term.school_year) & (TermReview.term == term.name))


# ── the checklist ───────────────────────────────────────────────────────────────────────────────
def _pupil_rows(where=None) -> list[dict]:
    keys = sorted({f.key for f in STUDENT_FIELDS if f.required} | {"id_type", "id_number", "name"})
    columns = [Student.id, Student.student_number, Student.school_class, Student.identity_verified,
               Student.archive_deadline, Student.entry_route, Student.status] + [getattr(Student, k) for k in keys]
    query = Student.select(*columns).where(Student.status.in_([s.value for s in ON_ROLL]))
    if where is not None:
        query = query.where(where)
    return list(query.order_by(Student.grade, Student.school_class, Student.student_number).dicts())


def _guardians(student_ids: list[int] | None) -> dict[int, list[dict]]:
    keys = sorted({f.key for f in GUARDIAN_FIELDS if f.required} | {"name"})
    query = Guardian.select(Guardian.student, *[getattr(Guardian, k) for k in keys])
    if student_ids is not None:
        query = query.where(Guardian.student.in_(student_ids))
    out: dict[int, list[dict]] = defaultdict(list)
    for row in query.order_by(Guardian.position_no).dicts():
        out[row["student"]].append(row)
    return out


def _blank(column):
    return column.is_null() | (column == "")


def suspect_where():
    """SQL for the pupils that may lack something: a required field empty, no family member named,
    a named member lacking a required field. A superset, checked exactly by `missing_fields`. The family's
    two conditions are plain subqueries, each run once for the whole scan (not once per pupil)."""
    clause = None
    for f in STUDENT_FIELDS:
        if f.required:
            part = _blank(getattr(Student, f.key))
            clause = part if clause is None else clause | part
    clause |= (Student.id_type == RESIDENT_ID) & _blank(Student.id_number)
    # no NULL among the ids: a single NULL would make NOT IN match nobody
    named = Guardian.select(Guardian.student).where(~_blank(Guardian.name) & Guardian.student.is_null(False))
    lacking = None
    for f in GUARDIAN_FIELDS:
        if f.required and f.key != "name":
            part = _blank(getattr(Guardian, f.key))
            lacking = part if lacking is None else lacking | part
    broken = Guardian.select(Guardian.student).where(~_blank(Guardian.name) & lacking)
    return clause | Student.id.not_in(named) | Student.id.in_(broken)


def incomplete_records(where=None) -> dict[int, tuple[dict, list[str]]]:
    """{student id: (row, missing labels)} for pupils on roll with a required field empty."""
    suspects = suspect_where()
    rows = _pupil_rows(suspects if where is None else (where & suspects))
    family = _guardians([r["id"] for r in rows])
    out = {}
    for r in rows:
        lacking = missing_fields(r, family.get(r["id"], []))
        if lacking:
            out[r["id"]] = (r, lacking)
    return out


def evidence_needed(ws, case: Case) -> list[str]:
    """The papers the regulation lists for this case (its reason or ground), else those the registrar
    ticked as seen; [] where the kind needs none."""
    from ..changes.status_change import CHANGES

    data = data_of(case)
    kind = CaseKind(case.kind)
    seen = [p for p in data.get("evidence_seen") or [] if isinstance(p, str)]
    try:
        if case.kind in _TRANSFERS:
            from ..transfers.transfer_facts import evidence_for

            papers = evidence_for(ws.profile, data.get("reason_id"))
        else:
            spec = CHANGES.get(kind)
            if spec is None or spec.evidence is None:
                return []
            from ..changes.status_change import ChangeDraft
            from ..changes.status_rules import evidence_for

            papers = evidence_for(ws, ChangeDraft(kind=kind, student_id=case.student_id,
                                                  ground_id=data.get("ground_id"), applied_on=case.opened_on))
    except Exception:  # noqa: BLE001 — the rules cannot be re-run on an old case: the papers seen count
        papers = []
    return list(dict.fromkeys([*papers, *seen]))


def _covered(paper: str, labels: list[str]) -> bool:
    return any(paper == lab or paper in lab or lab in paper for lab in labels if lab)


def evidence_problem(ws, case: Case, labels: list[str]) -> str:
    """"" when the scans cover the papers, else what is missing."""
    needed = evidence_needed(ws, case)
    if not needed:
        return ""
    if not labels:
        return f"未附证明材料扫描件（应有：{'、'.join(needed)}）"
    lacking = [p for p in needed if not _covered(p, labels)]
    return f"缺少扫描件：{'、'.join(lacking)}" if lacking else ""


def _class_names() -> dict[int, str]:
    return dict(SchoolClass.select(SchoolClass.id, SchoolClass.name).tuples())


def _case_pupil(case: Case, students: dict[int, dict], classes: dict[int, str]) -> tuple[str, str, str]:
    if case.student_id and case.student_id in students:
        s = students[case.student_id]
        return s["name"], s["student_number"], classes.get(s["school_class"], "")
    pupil = data_of(case).get("pupil") or {}
    if case.student_id:
        s = Student.get_or_none(Student.id == case.student_id)
        if s is not None:
            return s.name, s.student_number, classes.get(s.school_class_id, "")
    return pupil.get("name", ""), pupil.get("student_number", ""), ""


def checklist(ws, today: dt.date | None = None) -> Checklist:
    today = today or ws.today()
    profile = ws.profile
    term = term_under_review(profile, today)
    classes = _class_names()
    rows = _pupil_rows()
    students = {r["id"]: r for r in rows}
    result = Checklist(term, today, len(rows), rule=rule_of(profile), done=record_for(term))
    problems = result.problems

    def problem(kind, r, text, case_id=None):
        problems.append(Problem(kind, r["id"], r["name"], r["student_number"], classes.get(r["school_class"], ""),
                                text, case_id))

    for r, lacking in incomplete_records().values():
        problem("missing_fields", r, "缺少：" + "、".join(lacking))
    for r in rows:
        if is_temporary(r["student_number"], profile) or not r["identity_verified"]:
            problem("temporary_number", r, "身份待公安户籍核验，核验后取得正式学籍号")

    open_cases = list(Case.select().where(Case.status == CaseStatus.OPEN.value).order_by(Case.opened_on, Case.number))
    closed = list(Case.select().where((Case.status == CaseStatus.COMPLETED.value)
                                      & Case.closed_on.between(term.start, min(term.end, today)))
                  .order_by(Case.closed_on, Case.number))
    labels: dict[int, list[str]] = defaultdict(list)
    ids = [c.id for c in open_cases + closed]
    if ids:
        for case_id, label in Attachment.select(Attachment.case, Attachment.label).where(
                Attachment.case.in_(ids)).tuples():
            labels[case_id].append(label)
    steps = _pending_steps([c.id for c in open_cases])

    def case_problem(kind, case, text):
        name, number, klass = _case_pupil(case, students, classes)
        problems.append(Problem(kind, case.student_id, name, number, klass, text, case.id))

    for case in open_cases:
        step = steps.get(case.id)
        waiting = f"，待{party_label(step[0])}审批" if step else ""
        due = f"（期限 {step[1]:%Y-%m-%d}）" if step and step[1] else ""
        case_problem("open_case", case, f"{CaseKind(case.kind).label}申请 {case.number} 办理中{waiting}{due}")
    for case in open_cases + closed:
        missing = evidence_problem(ws, case, labels.get(case.id, []))
        if missing:
            case_problem("missing_evidence", case, f"{CaseKind(case.kind).label}申请 {case.number}：{missing}")
    order = {k: i for i, k in enumerate(KINDS)}
    problems.sort(key=lambda p: (order[p.kind], p.class_name, p.student_number))
    return result


def _pending_steps(case_ids: list[int]) -> dict[int, tuple[str, dt.date | None]]:
    """{case id: (party, due_on)} of each case's first undecided step; one query."""
    from ...store.models import CaseStep

    out: dict[int, tuple[str, dt.date | None]] = {}
    if not case_ids:
        return out
    for case_id, party, due in (CaseStep.select(CaseStep.case, CaseStep.party, CaseStep.due_on)
                                .where(CaseStep.case.in_(case_ids) & (CaseStep.outcome == ""))
                                .order_by(CaseStep.case, CaseStep.seq).tuples()):
        out.setdefault(case_id, (party, due))
    return out


# ── marking it done ─────────────────────────────────────────────────────────────────────────────
def mark_done(ws, note: str = "", today: dt.date | None = None) -> tuple[TermReview, Changes]:
    """Records that this term's review is done: one transaction, one event with the counts."""
    today = today or ws.today()
    with changing(ws.db, ws.user, ws.now()) as tx:
        c = checklist(ws, today)
        if c.done is not None:
            raise RuleViolation([Finding("term_review.done", Severity.BLOCK, None,
                                         f"{c.term.label}的学籍复核已于 {c.done.done_on:%Y-%m-%d} 记录完成", "")])
        counts = c.counts()
        review = TermReview.create(school_year=c.term.school_year, term=c.term.name, term_start=c.term.start,
                                   term_end=c.term.end, done_on=today, done_by=tx.author, pupils=c.pupils,
                                   counts=json.dumps(counts, ensure_ascii=False, sort_keys=True),
                                   note=note.strip(), created_at=tx.now)
        found = "；".join(f"{KIND_LABELS[k]} {n} 项" for k, n in counts.items() if n) or "未发现问题"
        tx.record(EventKind.TERM_REVIEW_DONE, f"每学期复核：{c.term.label}，在籍 {c.pupils} 人，{found}",
                  {"school_year": c.term.school_year, "term": c.term.name, "term_start": c.term.start.isoformat(),
                   "term_end": c.term.end.isoformat(), "pupils": c.pupils, "counts": counts, "note": note.strip()},
                  articles=[c.rule.article] if c.rule else [])
    return review, tx.changes


def counts_of(review: TermReview) -> dict[str, int]:
    return json.loads(review.counts or "{}")
