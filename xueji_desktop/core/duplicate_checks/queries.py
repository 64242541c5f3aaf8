"""The bureau's duplicate-学籍 questions as this school keeps them: one `Setting` row per case
("duplicate:<uuid>", JSON), written as the replies bring them — the question (`duplicate_query`), the request to
remove this school's record once the other school confirmed the child studies there (`duplicate_removal`), and
the bureau's close (`duplicate_closed`) — and the school's own answers (core.duplicate_checks.answers). Each
received step is an event of the change log too, so the bureau learns it arrived."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ...store.models import Setting, Student
from ..school.events import EventKind
from ..school.school import grade_name

PREFIX = "duplicate:"
RULE = "duplicate.resolution"  # 《凉山州规定》三(三)
PROOF_STEP = "keeper_uploads_proof"
ATTENDS, NOT_SAME, REMOVED = "attends", "not_same", "removed"
ANSWER_LABELS = {ATTENDS: "已确认该生在本校就读", NOT_SAME: "已答复不是同一学生", REMOVED: "已删除本校的重复学籍"}


class DuplicateCheckError(Exception):
    """A question that cannot be answered as asked; `message` says why in Chinese. Nothing written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NO_DUPLICATE = "enrolment.duplicate_id"  # 不得重复建立学籍: every region's text


def governing_rule(profile):
    """The article a case is settled under: the region's procedure (凉山 三(三)) where it has one, else its ban on
    a second 学籍."""
    rule = profile.rule(RULE)
    return rule if rule.applies else profile.rule(NO_DUPLICATE)


def proof_required(profile) -> bool:
    """Whether the school the child really attends must send the 学生实际在校就读证明表 (凉山 三(三), 附表3)."""
    rule = profile.rule(RULE)
    return bool(rule.applies and PROOF_STEP in (rule.value or []))


@dataclass(frozen=True)
class Query:
    uuid: str
    student_number: str
    name: str
    matched_by: str
    found_at: str
    received_on: str
    other_school: str
    other_code: str
    other_number: str
    other_name: str
    other_place: str
    answer: str  # "" | ATTENDS | NOT_SAME | REMOVED
    answered_on: str
    answer_note: str
    removal_asked_on: str  # the other school confirmed the child studies there
    keeper: str
    closed_on: str
    outcome: str  # the bureau's words
    close_note: str

    @property
    def open(self) -> bool:
        return not self.closed_on

    @property
    def needs_answer(self) -> bool:
        return self.open and not self.answer

    @property
    def state(self) -> str:
        if self.closed_on:
            return f"教育局已结案（{self.closed_on}）：{self.outcome}"
        if self.answer:
            return f"{ANSWER_LABELS[self.answer]}（{self.answered_on}），待教育局结案"
        if self.removal_asked_on:
            return f"{self.keeper}已确认该生在其校就读：请删除本校的重复学籍"
        return "待答复"


def _load(row: Setting) -> dict:
    try:
        value = json.loads(row.value)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def save(doc: dict) -> None:
    """The case's row written (inside the caller's transaction)."""
    Setting.replace(key=PREFIX + doc["uuid"], value=json.dumps(doc, ensure_ascii=False, sort_keys=True)).execute()


def _query(doc: dict) -> Query:
    other = doc.get("other") or {}
    answer = doc.get("answer") or {}
    closed = doc.get("closed") or {}
    removal = doc.get("removal") or {}
    grade = other.get("grade")
    place = str(other.get("class_name") or "") or (grade_name(grade) if isinstance(grade, int) and grade else "")
    return Query(str(doc.get("uuid", "")), str(doc.get("student_number", "")), str(doc.get("name", "")),
                 str(doc.get("matched_by", "")), str(doc.get("found_at", ""))[:16].replace("T", " "),
                 str(doc.get("received_on", "")), str(other.get("school_name", "")), str(other.get("school_code", "")),
                 str(other.get("student_number", "")), str(other.get("name", "")), place,
                 str(answer.get("kind", "")), str(answer.get("on", "")), str(answer.get("note", "")),
                 str(removal.get("on", "")), str((removal.get("keeper") or {}).get("school_name", "")),
                 str(closed.get("on", "")), str(closed.get("outcome_label", "")), str(closed.get("note", "")))


def raw(uuid: str) -> dict:
    row = Setting.get_or_none(Setting.key == PREFIX + (uuid or "").strip())
    doc = _load(row) if row is not None else {}
    if not doc:
        raise DuplicateCheckError(f"没有这件重复学籍核查（{(uuid or '').strip()[:40]}）：请核对编号，或先导入教育局回执")
    return doc


def query(uuid: str) -> Query:
    return _query(raw(uuid))


def queries(open_only: bool = False) -> list[Query]:
    """Every case received, those waiting for the registrar first."""
    out = [_query(d) for d in (_load(r) for r in Setting.select().where(Setting.key.startswith(PREFIX))) if d]
    if open_only:
        out = [q for q in out if q.open]
    return sorted(out, key=lambda q: (not q.open, bool(q.answer), q.received_on, q.uuid))


def waiting() -> list[Query]:
    """The cases the registrar has yet to answer (to-do list)."""
    return [q for q in queries(open_only=True) if not q.answer]


# ── from the bureau's replies (inside the reply's import transaction) ────────────────────────────────────────

def _student(number: str) -> Student | None:
    return Student.get_or_none(Student.student_number == number) if number else None


def receive_query(ws, tx, payload: dict, batch_no: int | None) -> str:
    uuid = str(payload.get("duplicate") or "").strip()
    other = payload.get("other") or {}
    who = f"{payload.get('name', '')}（学籍号 {payload.get('student_number', '')}）"
    if not uuid:
        return "重复学籍核查：缺少编号，已忽略，请与教育局核实"
    if Setting.get_or_none(Setting.key == PREFIX + uuid) is not None:
        return f"重复学籍核查：{who} 已收到过"
    student = _student(str(payload.get("student_number") or ""))
    doc = {**payload, "uuid": uuid, "received_on": tx.now.date().isoformat(), "reply_batch": batch_no}
    save(doc)
    required = proof_required(ws.profile)
    rule = governing_rule(ws.profile)
    text = (f"重复学籍核查：教育局发现{who}同时在{other.get('school_name', '')}有学籍"
            f"（{payload.get('matched_by', '')}，对方学籍号 {other.get('student_number', '')}），请核实该生是否在本校就读")
    tx.record(EventKind.DUPLICATE_QUERY_RECEIVED, text[:500],
              {"duplicate": uuid, "reply_batch": batch_no, "proof_required": required,
               "article": rule.article if rule.applies else ""},
              student=student, articles=[rule.article] if rule.applies else [])
    return text


def receive_removal(tx, payload: dict) -> str:
    uuid = str(payload.get("duplicate") or "").strip()
    keeper = payload.get("keeper") or {}
    try:
        doc = raw(uuid)
    except DuplicateCheckError:
        return f"重复学籍核查：本校没有这件核查（{uuid[:40]}），请与教育局核实"
    if doc.get("removal"):
        return f"重复学籍核查：{doc.get('name', '')} 的删除通知已收到过"
    doc["removal"] = {"on": tx.now.date().isoformat(), "keeper": keeper}
    save(doc)
    text = (f"重复学籍核查：{keeper.get('school_name', '')}已确认{doc.get('name', '')}在其校就读，"
            f"请删除本校的重复学籍（学籍号 {doc.get('student_number', '')}）")
    tx.record(EventKind.DUPLICATE_REMOVAL_ASKED, text[:500], {"duplicate": uuid, "keeper": keeper},
              student=_student(str(doc.get("student_number") or "")))
    return text


def receive_closed(tx, payload: dict) -> str:
    uuid = str(payload.get("duplicate") or "").strip()
    try:
        doc = raw(uuid)
    except DuplicateCheckError:
        return f"重复学籍核查结案：本校没有这件核查（{uuid[:40]}），请与教育局核实"
    if doc.get("closed"):
        return f"重复学籍核查：{doc.get('name', '')} 的结案已记录过"
    closed = {k: payload.get(k, "") for k in ("outcome", "outcome_label", "note", "person", "closed_on")}
    closed["on"] = str(payload.get("closed_on") or tx.now.date().isoformat())
    doc["closed"] = closed
    save(doc)
    text = (f"重复学籍核查结案：{doc.get('name', '')}（学籍号 {doc.get('student_number', '')}），"
            f"{closed['outcome_label']}" + (f"；{closed['note']}" if closed["note"] else "")
            + f"（{closed['person']}，{closed['on']}）")
    tx.record(EventKind.DUPLICATE_CASE_CLOSED, text[:500], {"duplicate": uuid, "outcome": closed["outcome"]},
              student=_student(str(doc.get("student_number") or "")),
              entered_on=_day(closed["on"]))
    return text


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
