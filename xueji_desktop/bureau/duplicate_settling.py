"""Settling a duplicate 学籍 through the replies (《凉山州规定》三(三) where that profile applies; elsewhere the
national rule: 不得重复建立学籍, and 《黑龙江省实施细则》第三十九条 处理方式为删除和变更).

The import asked both schools (`duplicates.ask_both`); each school's answer came back as an event of its next
batch and is a step of the case (`duplicate_answers`):
- `duplicate_query_received`: the school has the question (and says whether its region wants the 学生实际在校就读
  证明表, 附表3, from the school the child really attends);
- `duplicate_answered` `attends`: the child studies here — with the signed form's scan where required. The other
  school is then asked, in its next reply, to remove its record (`duplicate_removal`);
- `duplicate_answered` `not_same`: not the same child, with the school's reason;
- `duplicate_removal_asked`: the school has the request to remove its record;
- `duplicate_record_removed`: the school removed its record, its history kept (学籍状态 重复学籍已删除);
- `duplicate_case_closed`: the school recorded the bureau's close.
Here: where a case stands (`progress`), its steps, the proof sent, and the close. A 科长 closes the case (`close`): 已处理 once one school removed its record and the other confirmed the child
studies there, or 非重复学籍 with the reason; both schools are told in their next replies.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from . import accounts, projection
from .accounts import BureauPermission
from .case_models import BureauPupil
from .duplicate_answers import (
    ANSWERED,
    ATTENDS,
    CLOSED,
    NOT_SAME,
    RECEIVED,
    REMOVAL_ASKED,
    REMOVAL_RECEIVED,
    REMOVED,
    SCHOOL_CLOSED,
    done,
)
from .duplicates import ASKED, FOUND, ON_ROLL, BureauDuplicate, BureauDuplicateStep, Line, add_step, line_of
from .importer import BureauError
from .store import BureauEvent, BureauStore, RegisteredSchool

SETTLED, NOT_DUPLICATE = "settled", "not_duplicate"
OUTCOME_LABELS = {SETTLED: "已处理：重复学籍已删除", NOT_DUPLICATE: "非重复学籍：不是同一学生"}
CLOSE_ITEM = "duplicate_closed"  # the reply item that tells a school the case is closed
STEP_LABELS = {FOUND: "发现", ASKED: "询问学校", RECEIVED: "学校收到核查", f"{ANSWERED}:{ATTENDS}": "确认在本校就读",
               f"{ANSWERED}:{NOT_SAME}": "答复不是同一学生", REMOVED: "删除重复学籍", REMOVAL_ASKED: "通知删除",
               REMOVAL_RECEIVED: "学校收到删除通知",
               CLOSED: "结案", SCHOOL_CLOSED: "学校记录结案"}


@dataclass(frozen=True)
class Step:
    seq: int
    at: dt.datetime
    kind: str
    school_name: str
    person: str
    detail: str
    event_uuid: str | None

    @property
    def label(self) -> str:
        return STEP_LABELS.get(self.kind, self.kind)


def steps(duplicate_id: int) -> list[Step]:
    rows = (BureauDuplicateStep.select(BureauDuplicateStep, RegisteredSchool)
            .join(RegisteredSchool, on=(BureauDuplicateStep.school == RegisteredSchool.id), join_type=JOIN.LEFT_OUTER)
            .where(BureauDuplicateStep.duplicate == duplicate_id).order_by(BureauDuplicateStep.seq))
    return [Step(s.seq, s.at, s.kind, s.school.name if s.school_id else "教育局", s.person, s.detail, s.event_uuid)
            for s in rows]


@dataclass(frozen=True)
class Progress:
    """Where a case stands, and whether it may be closed as settled (and if not, why)."""

    text: str
    can_settle: bool
    blocker: str
    keeper: str  # the school the child really attends, once one said so


def _left(case: BureauDuplicate, school_id: int) -> bool:
    """The school's record is off the roll by now (transferred out, removed …), as its batches say."""
    number = case.student_number_a if school_id == case.school_a_id else case.student_number_b
    status = (BureauPupil.select(BureauPupil.status)
              .where((BureauPupil.school == school_id) & (BureauPupil.student_number == number)).scalar())
    return status is not None and status not in ON_ROLL


def progress(case: BureauDuplicate) -> Progress:
    if case.status != "open":
        return Progress(f"已结案：{OUTCOME_LABELS.get(case.outcome, '')}", False, "这件重复学籍已结案", "")
    names = {case.school_a_id: case.school_a.name, case.school_b_id: case.school_b.name}
    attends = [i for i in names if done(case, f"{ANSWERED}:{ATTENDS}", i)]
    removed = [i for i in names if done(case, REMOVED, i) or _left(case, i)]
    not_same = [i for i in names if done(case, f"{ANSWERED}:{NOT_SAME}", i)]
    keeper = names[attends[0]] if len(attends) == 1 else ""
    if len(attends) == 2:
        return Progress("两校均确认该生在本校就读：请与两校核实", False, "两校均确认该生在本校就读，请先核实由哪一所学校删除", "")
    if attends and removed and removed[0] != attends[0]:
        return Progress(f"{keeper}确认在校就读，{names[removed[0]]}的学籍已删除或已不在籍：可以结案", True, "", keeper)
    if not_same:
        return Progress(f"{names[not_same[0]]}答复不是同一学生：请核实后结案", False,
                        "尚无学校删除重复学籍（学校答复不是同一学生：可按“非重复学籍”结案）", keeper)
    if removed:
        return Progress(f"{names[removed[0]]}的学籍已删除或已不在籍，待另一所学校确认在校就读", False,
                        "实际就读学校尚未确认该生在校就读", "")
    if attends:
        other = next(n for i, n in names.items() if i != attends[0])
        return Progress(f"{keeper}确认在校就读，待{other}删除重复学籍", False, f"{other}尚未删除重复学籍", keeper)
    received = [i for i in names if done(case, RECEIVED, i)]
    return Progress("待两校答复" if not received else f"已送达{'、'.join(names[i] for i in received)}，待学校答复",
                    False, "两所学校都还没有答复", "")


def close(store: BureauStore, duplicate_id: int, outcome: str, note: str = "") -> BureauDuplicate:
    """The case closed by the signed-in 科长, in one transaction; both schools told in their next replies."""
    account = accounts.require(store, "重复学籍结案", BureauPermission.DECIDE)
    if outcome not in OUTCOME_LABELS:
        raise BureauError("结案方式：请选择“已处理（重复学籍已删除）”或“非重复学籍（不是同一学生）”")
    note = (note or "").strip()
    if outcome == NOT_DUPLICATE and len(note) < 4:
        raise BureauError("说明：按非重复学籍结案须写明核实情况（至少 4 个字），例如已与两校电话核实不是同一学生")
    now = store.now().replace(microsecond=0)
    with store.db.atomic():
        case = BureauDuplicate.get_or_none(BureauDuplicate.id == duplicate_id)
        if case is None:
            raise BureauError(f"找不到重复学籍记录（编号 {duplicate_id}）")
        if case.status != "open":
            raise BureauError(f"重复学籍（编号 {duplicate_id}）已于 {case.closed_at:%Y-%m-%d %H:%M} 由 {case.closed_by} 结案")
        where = progress(case)
        if outcome == SETTLED and not where.can_settle:
            raise BureauError(f"不能按“已处理”结案：{where.blocker}（重复招生由实际就读学校出具证明、对方学校删除后，"
                              f"教育主管部门核办）")
        person = account.display_name.strip()
        case.status, case.outcome, case.closed_at, case.closed_by, case.note = "closed", outcome, now, person, note
        case.save()
        text = OUTCOME_LABELS[outcome] + (f"；{note}" if note else "")
        add_step(case, CLOSED, now, text, person=person)
        for school, number in ((case.school_a, case.student_number_a), (case.school_b, case.student_number_b)):
            projection.add_item(school, CLOSE_ITEM, {"duplicate": case.uuid, "student_number": number,
                                                     "outcome": outcome, "outcome_label": OUTCOME_LABELS[outcome],
                                                     "note": note, "person": person,
                                                     "closed_on": now.date().isoformat()}, now)
    return case


@dataclass(frozen=True)
class Proof:
    filename: str
    data: bytes
    school_name: str


def proof(duplicate_id: int) -> Proof | None:
    """The 学生实际在校就读证明表 scan the school the child attends sent with its answer (the latest)."""
    case = BureauDuplicate.get_or_none(BureauDuplicate.id == duplicate_id)
    if case is None:
        return None
    uuids = [s.event_uuid for s in BureauDuplicateStep.select(BureauDuplicateStep.event_uuid).where(
        (BureauDuplicateStep.duplicate == case) & (BureauDuplicateStep.kind == f"{ANSWERED}:{ATTENDS}")
        & BureauDuplicateStep.event_uuid.is_null(False)).order_by(BureauDuplicateStep.seq.desc())]
    for uuid in uuids:
        event = BureauEvent.get_or_none(BureauEvent.uuid == uuid)
        if event is None:
            continue
        import json

        payload = json.loads(event.payload).get("payload") or {}
        attached = payload.get("proof") or {}
        if attached.get("data"):
            try:
                data = base64.b64decode(attached["data"], validate=True)
            except ValueError:
                continue
            return Proof(str(attached.get("filename") or "证明.pdf"), data, event.school.name)
    return None


def case_line(duplicate_id: int) -> Line | None:
    case = BureauDuplicate.get_or_none(BureauDuplicate.id == duplicate_id)
    return line_of(case) if case is not None else None
