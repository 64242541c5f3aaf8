"""Conflicts (同一变更编号、内容不同): kept for a person, never settled silently. The person keeps the
content first imported or takes the new one; either way the decision, who made it and why are kept,
and the other content stays on record in the conflict row."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..core.school.events import EventKind
from . import accounts
from .accounts import BureauPermission
from .importer import BureauError
from .store import BureauEvent, BureauStore, EventConflict

KEEP_STORED, TAKE_INCOMING = "stored", "incoming"
RESOLUTION_LABELS = {KEEP_STORED: "保留原内容", TAKE_INCOMING: "采用新内容"}


def open_conflicts() -> list[EventConflict]:
    return list(EventConflict.select().where(EventConflict.resolved == False)  # noqa: E712
                .order_by(EventConflict.found_at, EventConflict.id))


KEY_LABELS = {"summary": "摘要", "kind": "变更类型", "created_at": "时间", "author": "经办人", "seq": "序号",
              "student_number": "学籍号", "case_uuid": "申请", "case_number": "申请编号", "case_kind": "申请类型",
              "articles": "依据条款", "reasons": "说明的理由", "record": "学生记录", "case_state": "申请状态",
              "payload": "内容"}


@dataclass(frozen=True)
class Difference:
    key: str
    stored: str
    incoming: str

    @property
    def label(self) -> str:
        head, _, tail = self.key.partition(".")
        return KEY_LABELS.get(head, head) + (f"：{tail}" if tail else "")


def _label(kind: str) -> str:
    try:
        return EventKind(kind).label
    except ValueError:
        return kind


def describe(conflict: EventConflict) -> tuple[str, list[Difference]]:
    """A headline and the fields whose values differ (payload fields one level down)."""
    a, b = json.loads(conflict.stored_payload), json.loads(conflict.incoming_payload)
    head = f"{_label(a.get('kind', ''))}：{a.get('summary', '')}"
    diffs = []
    for key in sorted(set(a) | set(b)):
        if key in ("payload",) and isinstance(a.get(key), dict) and isinstance(b.get(key), dict):
            for sub in sorted(set(a[key]) | set(b[key])):
                if a[key].get(sub) != b[key].get(sub):
                    diffs.append(Difference(f"payload.{sub}", _text(a[key].get(sub)), _text(b[key].get(sub))))
        elif a.get(key) != b.get(key):
            diffs.append(Difference(key, _text(a.get(key)), _text(b.get(key))))
    return head, diffs


def _text(value) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)[:300]
    return str(value)


def resolve(store: BureauStore, conflict_id: int, resolution: str, *, note: str) -> EventConflict:
    """Settles one conflict in one transaction; TAKE_INCOMING replaces the stored event's content. The
    signed-in account (科长) decides and is recorded."""
    account = accounts.require(store, "处理冲突", BureauPermission.DECIDE)
    person = account.display_name
    if resolution not in RESOLUTION_LABELS:
        raise BureauError("处理方式：请选择“保留原内容”或“采用新内容”")
    if len((note or "").strip()) < 4:
        raise BureauError("说明：请写明处理理由（至少 4 个字），例如已与学校电话核实")
    with store.db.atomic():
        conflict = EventConflict.get_or_none(EventConflict.id == conflict_id)
        if conflict is None:
            raise BureauError(f"找不到冲突记录（编号 {conflict_id}）")
        if conflict.resolved:
            raise BureauError(f"这条冲突已于 {conflict.resolved_at:%Y-%m-%d %H:%M} 由 {conflict.resolved_by} 处理过")
        if resolution == TAKE_INCOMING:
            (BureauEvent.update(payload=conflict.incoming_payload, content_hash=conflict.incoming_hash)
             .where(BureauEvent.uuid == conflict.uuid).execute())
        conflict.resolved, conflict.resolution = True, resolution
        conflict.resolved_by, conflict.resolved_note = person.strip(), note.strip()
        conflict.resolved_account_id = account.id
        conflict.resolved_at = store.now().replace(microsecond=0)
        conflict.save()
    return conflict
