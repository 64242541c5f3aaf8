"""导入教育局回执: the school reads the bureau's reply batches and applies them, one transaction each.

Each file is checked like the bureau checks a school's batch — framing (and that it is a reply) →
addressed to this school → the trusted bureau key → signature → decryption with the school's own
key → header matches contents → numbering (a reply already imported is skipped, a missing one named).
Then each item:
- receipt: the outbox is cleared up to that batch (`outbox.acknowledge`);
- decision: the bureau's (or, forwarded, the other school's) decision is recorded on the case, which
  completes as if typed from the stamped form;
- transfer_request: a pupil of ours is asked for by another school of the county: a 转出 case is
  opened with the receiving side's approvals, for the registrar to decide the school's step;
- transfer_archive: the sending side's approvals and the pupil's archive: our 转入 completes with the
  record the sending school kept (籍随人走);
- admission: the bureau admitted a primary school's graduate to this middle school (升学), with the record and
  history: kept for the registrar to continue (core.admission.continuation);
- duplicate_query / duplicate_removal / duplicate_closed: a child the bureau found on the roll of this school and
  another, the request to remove our record once the other school confirmed the child studies there, and the
  case's close (core.duplicate_checks);
- holdings (after this school restored a backup): the highest batch number and event seq the bureau holds
  from us, kept as Setting "bureau_holds" (the outbox and the change log number above them); batches
  sealed after the restore, not yet acknowledged, whose number the bureau already holds are taken back
  out of the outbox and their events sealed again under a new number at the next export.
The import itself is recorded (reply_imported), so the bureau learns which replies arrived.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...store.models import Case, Event, InboxBatch, OutboxBatch, Setting, Student
from ..casework import cases
from ..casework.cases import CaseKind, CaseStatus, StepDecision
from ..dates.workdays import WorkCalendar
from ..pupils.status import ON_ROLL
from ..rules.findings import RuleViolation
from ..school.events import BUREAU_HOLDS, Changes, EventKind, changing
from . import batch_format, outbox, stick
from .batch_format import BatchError
from .school_keys import KeyRefused, active_bureau_key, bureau_public, unlock_school_key

IMPORTED, SKIPPED, REFUSED = "imported", "skipped", "refused"


@dataclass
class ReplyOutcome:
    path: Path | None
    status: str
    batch_no: int | None = None
    reason: str = ""
    lines: list[str] = field(default_factory=list)  # one per item, Chinese
    acknowledged: int = 0  # outbox batches cleared
    changes: Changes | None = None  # what the import changed, for the window to refresh

    @property
    def message(self) -> str:
        name = self.path.name if self.path else ""
        if self.status == IMPORTED:
            head = f"回执第 {self.batch_no} 批已导入（{name}）"
            return "\n".join([head, *("  " + line for line in self.lines)])
        if self.status == SKIPPED:
            return f"回执第 {self.batch_no} 批：{self.reason}（{name}）"
        return f"拒绝导入 {name}：{self.reason}"


def reply_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder gives its replies (*.xjr, also in xueji/), in batch order."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(stick.batch_files(p, stick.REPLY_SUFFIX) if p.is_dir() else [p])

    def order(path: Path):
        try:
            return (0, batch_format.read_header(path.read_bytes()).batch_no, str(path))
        except (BatchError, OSError):
            return (1, 0, str(path))

    return sorted(files, key=order)


def _last() -> InboxBatch | None:
    return InboxBatch.select().order_by(InboxBatch.batch_no.desc()).first()


class _Refused(Exception):
    def __init__(self, message: str, status: str = REFUSED):
        super().__init__(message)
        self.message, self.status = message, status


def _open(ws, data: bytes, pair) -> batch_format.Opened:
    try:
        header = batch_format.read_header(data)
    except BatchError as e:
        raise _Refused(e.message) from None
    if header.kind != batch_format.REPLY:
        raise _Refused("这是学校的变更批次，不是教育局的回执")
    if header.school != ws.school.code:
        raise _Refused(f"这份回执是给学校 {header.school[:64]} 的，不是本校（{ws.school.code}）的")
    bureau = active_bureau_key()
    if bureau is None:
        raise _Refused("尚未登记教育局公钥：请先载入教育局公钥文件并核对公函上的指纹")
    trusted = bureau_public(bureau)
    try:
        return batch_format.open_batch(data, sender_public_for=lambda code: [trusted.signing_public],
                                       recipient_private=pair, expect=batch_format.REPLY)
    except BatchError as e:
        if e.code == "unknown_key":
            raise _Refused("签名密钥不是本校登记的教育局公钥：回执不是本县教育局签发的") from None
        raise _Refused(e.message) from None


def _numbering(opened: batch_format.Opened) -> None:
    last = _last()
    h = opened.header
    same = InboxBatch.get_or_none(InboxBatch.batch_no == h.batch_no)
    if same is not None:
        if same.hash == opened.hash:
            raise _Refused(f"已于 {same.imported_at:%Y-%m-%d %H:%M} 导入过，未重复处理", SKIPPED)
        raise _Refused(f"回执第 {h.batch_no} 批已导入过，但此文件与已导入的不同：旧回执被重放或被改动")
    problem = batch_format.check_numbering(last.batch_no if last else None, last.hash if last else None, h)
    if problem is not None:
        if h.batch_no > (last.batch_no if last else 0) + 1:
            missing = (last.batch_no if last else 0) + 1
            problem = f"回执批次号缺失：请先导入第 {missing} 批回执（{problem}）"
        raise _Refused(problem)


def import_replies(ws, password: str, paths: Iterable[str | Path],
                   progress: Callable[[int, int], None] | None = None) -> list[ReplyOutcome]:
    """Imports every reply file given (folders expand to their replies), oldest first."""
    if ws.user is None:
        raise KeyRefused("未登录：请先登录后再导入回执")
    pair = unlock_school_key(password, ws.user)
    if pair.encryption is None:
        raise KeyRefused("本校密钥是旧版，不能接收回执：请重新生成学校密钥，打印密钥登记表交教育局重新登记")
    files = reply_files(paths)
    report = progress or (lambda done, total: None)
    out = []
    for i, path in enumerate(files, 1):
        out.append(import_reply(ws, pair, path))
        report(i, len(files))
    return out


def import_reply(ws, pair, path: Path) -> ReplyOutcome:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return ReplyOutcome(Path(path), REFUSED, reason=f"无法读取文件：{e.strerror or e}")
    outcome = ReplyOutcome(Path(path), REFUSED)
    try:
        opened = _open(ws, data, pair)
        outcome.batch_no = opened.header.batch_no
        calendar = WorkCalendar.from_store()
        with changing(ws.db, ws.user, ws.now()) as tx:
            _numbering(opened)
            for item in opened.events:
                outcome.lines.append(_apply(ws, tx, item, calendar, outcome))
            summary = f"导入教育局回执第 {opened.header.batch_no} 批：" + "；".join(outcome.lines)
            InboxBatch.create(batch_no=opened.header.batch_no, hash=opened.hash, prev_hash=opened.header.prev_hash,
                              item_count=len(opened.events), data=data, imported_at=tx.now, imported_by=ws.user,
                              summary=summary)
            tx.record(EventKind.REPLY_IMPORTED, summary[:500],
                      {"batch_no": opened.header.batch_no, "hash": opened.hash, "items": len(opened.events),
                       "lines": outcome.lines})
        outcome.status, outcome.changes = IMPORTED, tx.changes
    except _Refused as e:
        outcome.status, outcome.reason = e.status, e.message
    except RuleViolation as e:
        outcome.status, outcome.reason = REFUSED, "回执中的审批无法记录：" + "；".join(f.message for f in e.findings)
    return outcome


def _apply(ws, tx, item: dict, calendar, outcome: ReplyOutcome) -> str:
    payload = item.get("payload") or {}
    kind = item.get("kind")
    if kind == "receipt":
        number = int(payload.get("batch_no") or 0)
        outcome.acknowledged += outbox.acknowledge(ws, number, str(payload.get("receipt") or ""),
                                                   str(payload.get("hash") or "") or None)
        return (f"第 {number} 批变更已被教育局接收（新增 {payload.get('new', 0)} 项，重复 {payload.get('duplicates', 0)} 项，"
                f"冲突 {payload.get('conflicts', 0)} 项）")
    if kind == "decision":
        return _decision(ws, tx, payload, calendar)
    if kind == "transfer_request":
        return _transfer_request(ws, tx, payload, calendar)
    if kind == "transfer_archive":
        return _archive(ws, tx, payload, calendar)
    if kind == "holdings":
        return _holdings(payload)
    if kind == "admission":  # 升学: the bureau admitted a primary graduate to this school (core.admission.continuation)
        from ..admission.continuation import receive

        return receive(payload, outcome.batch_no, ws.today())
    if kind in ("duplicate_query", "duplicate_removal", "duplicate_closed"):  # 重复学籍核查 (core.duplicate_checks)
        from ..duplicate_checks import queries

        if kind == "duplicate_query":
            return queries.receive_query(ws, tx, payload, outcome.batch_no)
        return (queries.receive_removal if kind == "duplicate_removal" else queries.receive_closed)(tx, payload)
    return f"未知的回执内容（{str(kind)[:40]}），已忽略"


def _number(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def _holdings(payload: dict) -> str:
    batch_no, seq = _number(payload.get("last_batch_no")), _number(payload.get("last_seq"))
    row = Setting.get_or_none(Setting.key == BUREAU_HOLDS)
    try:
        known = json.loads(row.value) if row is not None else {}
    except ValueError:
        known = {}
    known = known if isinstance(known, dict) else {}
    for key, value in (("last_batch_no", batch_no), ("last_seq", seq)):
        if value is not None:
            known[key] = max(_number(known.get(key)) or 0, value)
    Setting.replace(key=BUREAU_HOLDS, value=json.dumps(known, ensure_ascii=False, sort_keys=True)).execute()
    line = (f"教育局已收到本校到第 {batch_no or 0} 批变更（变动记录到第 {seq or 0} 条）；"
            "本校以后的批次号和记录序号接在其后")
    dropped = _take_back_reused(batch_no or 0)
    if dropped:
        numbers = "、".join(str(b.batch_no) for b in dropped)
        count = sum(b.event_count for b in dropped)
        line += (f"；恢复备份后封装的第 {numbers} 批与教育局已有的批次号重复，已从待发批次中撤回，"
                 f"其中 {count} 项变更将在下次导出时重新封装")
    return line


def _take_back_reused(bureau_batch_no: int) -> list:
    """Unacknowledged batches sealed after the restore, from the first whose number the bureau already holds
    on: removed from the outbox, their events unsealed (sealed again, renumbered, at the next export)."""
    marks = outbox.restore_marks()
    if marks is None:
        return []
    try:
        restored_at = dt.datetime.fromisoformat(marks["restored_at"])
    except ValueError:
        return []
    after = list(OutboxBatch.select().where(OutboxBatch.acknowledged_at.is_null()
                                            & (OutboxBatch.created_at >= restored_at)).order_by(OutboxBatch.batch_no))
    reused = [b.batch_no for b in after if b.batch_no <= bureau_batch_no]
    if not reused:
        return []
    dropped = [b for b in after if b.batch_no >= min(reused)]
    for batch in dropped:
        Event.update(batch_no=None).where(Event.batch_no == batch.batch_no).execute()
        batch.delete_instance()
    told = Setting.get_or_none(Setting.key == outbox.RESTORE_ANNOUNCED)
    try:
        told_no = json.loads(told.value).get("batch_no") if told is not None else None
    except (ValueError, AttributeError):
        told_no = None
    if told is not None and told_no in {b.batch_no for b in dropped}:
        told.delete_instance()  # the restore is said again by the batch sealed next
    return dropped


def _case(uuid: str) -> Case | None:
    return Case.get_or_none(Case.uuid == uuid) if uuid else None


def _step_decision(d: dict) -> StepDecision:
    return StepDecision(party=d["party"], done_on=dt.date.fromisoformat(d["done_on"]), person=d.get("person") or "",
                        outcome=d["outcome"], note=d.get("note") or "")


def _record(ws, tx, case: Case, d: dict, calendar, source: str) -> str:
    """Records one forwarded decision unless it is already there; returns a line."""
    from ..transfers.transfer import record_step_in

    label = f"申请 {case.number}：{cases.party_label(d['party'])}{cases.OUTCOME_LABELS.get(d['outcome'], '')}"
    done = next((s for s in cases.steps(case) if s.party == d["party"] and s.outcome), None)
    if done is not None:
        return f"{label}（已记录过）"
    if case.status != CaseStatus.OPEN.value:
        return f"{label}（申请{CaseStatus(case.status).label}，未再记录）"
    decision = _step_decision(d)
    earliest = cases.earliest_date(case)
    note = f"；日期早于本校记录的上一环节日期 {earliest:%Y-%m-%d}，请核对" if decision.done_on < earliest else ""
    record_step_in(ws, tx, case, decision, calendar, source=source, taken_elsewhere=True)
    tail = "，申请办结" if case.status == CaseStatus.COMPLETED.value else ""
    return f"{label}（{d.get('person', '')}，{d['done_on']}{note}）{tail}"


def _decision(ws, tx, d: dict, calendar) -> str:
    case = _case(d.get("case_uuid"))
    if case is None:
        return f"申请 {d.get('case_number', '')}：本校没有这件申请，意见未记录，请与教育局核实"
    return _record(ws, tx, case, d, calendar, "教育局回执")


def _transfer_request(ws, tx, req: dict, calendar) -> str:
    from ..transfers.transfer import OtherSchool, TransferDraft, case_data, due_for, parties

    pupil = req.get("pupil") or {}
    school = req.get("receiving_school") or {}
    who = f"{pupil.get('name', '')}（学籍号 {pupil.get('student_number', '')}）"
    student = None
    if pupil.get("student_number"):
        student = Student.get_or_none(Student.student_number == pupil["student_number"])
    if student is None and pupil.get("id_number"):
        student = Student.get_or_none(Student.id_number == pupil["id_number"])
    if student is None or student.status not in {s.value for s in ON_ROLL}:
        return f"转学请求：{who} 不在本校学籍中，请与教育局核实（{school.get('name', '')}申请 {req.get('peer_number', '')}）"
    peer = req.get("peer_case")
    existing = [c for c in cases.open_cases_of(student.student_number, student.id_number,
                                               (CaseKind.TRANSFER_IN, CaseKind.TRANSFER_OUT))]
    if any(cases.data_of(c).get("peer_case") == peer for c in existing) or \
            Case.select().where(Case.data.contains(f'"peer_case": "{peer}"')).exists():
        return f"转学请求：{who} 的转出申请已建立过"
    if existing:
        return f"转学请求：{who} 已有办理中的转学申请 {existing[0].number}，未再建立，请与教育局核实"
    draft = TransferDraft(direction="out", student_id=student.id,
                          other_school=OtherSchool(name=school.get("name", ""), area_code=school.get("area_code", ""),
                                                   code=school.get("code", "")),
                          grade_from=req.get("grade_from") or student.grade, grade_to=req.get("grade_to"),
                          reason_id=req.get("reason_id"),
                          applied_on=dt.date.fromisoformat(req["applied_on"]) if req.get("applied_on") else ws.today())
    data = case_data(ws, draft, student, {}, [])
    data.update({"peer_case": peer, "peer_number": req.get("peer_number"), "reason_label": req.get("reason_label", ""),
                 "opened_from": "教育局转来的转学请求"})
    chain = parties(ws, draft.grade_from)
    opened = draft.applied_on
    case = cases.open_case(tx, CaseKind.TRANSFER_OUT, student, data, chain, opened,
                           due_for(ws, chain[0], opened, opened, calendar))
    tx.record(EventKind.CASE_OPENED,
              f"转出申请 {case.number}：{student.name}，{ws.school.name} → {school.get('name', '')}"
              f"（{school.get('name', '')}申请 {req.get('peer_number', '')}，经教育局转来）",
              {"case": case.uuid, "number": case.number, **data}, student=student, case_id=case.id, entered_on=opened)
    lines = [_record(ws, tx, case, d, calendar, "教育局转来") for d in req.get("steps") or []]
    pending = cases.pending_step(case)
    waiting = f"，待{cases.party_label(pending.party)}审批" if pending else ""
    return f"转学请求：建立转出申请 {case.number}（{who} 转入 {school.get('name', '')}）{waiting}；" + "；".join(lines)


def _archive(ws, tx, msg: dict, calendar) -> str:
    case = _case(msg.get("case_uuid"))
    if case is None:
        return f"转学档案：本校没有申请 {msg.get('case_number', '')}，请与教育局核实"
    if msg.get("archive"):
        data = cases.data_of(case)
        data["archive"] = msg["archive"]
        case.data = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        case.save()
    lines = [_record(ws, tx, case, d, calendar, "教育局转来") for d in msg.get("steps") or []]
    return "转学档案：" + "；".join(lines)


def import_summary(outcomes: list[ReplyOutcome]) -> str:
    return "\n".join(o.message for o in outcomes) or "没有找到教育局回执文件（*.xjr）"


def changes_of(outcomes: list[ReplyOutcome]) -> Changes:
    """Everything the imports changed, as one announcement for the window."""
    merged = Changes()
    for o in outcomes:
        if o.changes is not None:
            merged.students |= o.changes.students
            merged.cases |= o.changes.cases
            merged.classes |= o.changes.classes
            merged.events += o.changes.events
    return merged
