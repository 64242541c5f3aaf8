"""Kinds of change events, and the one door through which every change is written.

`changing(ws)` opens one IMMEDIATE transaction; whatever the block writes, and the events it
records, commit together or not at all. Every event names its author.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator

from ... import clock
from ...store import fast_insert
from ...store.models import Event, Student, User
from . import event_chain
from .event_permissions import check_author


class EventKind(str, Enum):
    SCHOOL_CREATED = "school_created"
    USER_CREATED = "user_created"
    CLASS_CREATED = "class_created"
    STUDENT_ENROLLED = "student_enrolled"
    STATUS_SEEDED = "status_seeded"  # demo school only
    HOLIDAYS_ENTERED = "holidays_entered"
    CASE_OPENED = "case_opened"
    CASE_STEP_RECORDED = "case_step_recorded"
    CASE_ATTACHMENT_ADDED = "case_attachment_added"
    CASE_WITHDRAWN = "case_withdrawn"
    CASE_REJECTED = "case_rejected"
    STUDENT_TRANSFERRED_IN = "student_transferred_in"
    STUDENT_TRANSFERRED_OUT = "student_transferred_out"
    STATUS_CHANGED = "status_changed"
    SCHOOL_KEYS_CREATED = "school_keys_created"
    BUREAU_KEY_TRUSTED = "bureau_key_trusted"
    ROUTINE_INFO_CHANGED = "routine_info_changed"
    REPLY_IMPORTED = "reply_imported"
    ATTENDANCE_RECORDED = "attendance_recorded"
    TERM_REVIEW_DONE = "term_review_done"
    SCHOOL_INFO_CHANGED = "school_info_changed"
    USER_CHANGED = "user_changed"
    PASSWORD_CHANGED = "password_changed"
    KEY_WRAPPED = "key_wrapped"
    SETTINGS_CHANGED = "settings_changed"
    BACKUP_RESTORED = "backup_restored"
    YEAR_ENDED = "year_ended"
    STUDENT_PROMOTED = "student_promoted"
    STUDENT_GRADUATED = "student_graduated"
    CERTIFICATE_NUMBER_ENTERED = "certificate_number_entered"
    NEXT_SCHOOL_SET = "next_school_set"
    STUDENT_CONTINUED = "student_continued"
    GRADE_SKIPPED = "grade_skipped"
    REWARD_RECORDED = "reward_recorded"
    PUNISHMENT_RECORDED = "punishment_recorded"
    DISCIPLINE_NOTIFIED = "discipline_notified"
    DISCIPLINE_REVOKED = "discipline_revoked"
    CERTIFICATE_ISSUED = "certificate_issued"
    REPETITION_DECIDED = "repetition_decided"
    REPETITION_WITHDRAWN = "repetition_withdrawn"
    STUDENT_REPEATED = "student_repeated"
    ADMISSION_CANCELLED = "admission_cancelled"
    HIGH_RECORD_SET = "high_record_set"
    DUPLICATE_QUERY_RECEIVED = "duplicate_query_received"
    DUPLICATE_ANSWERED = "duplicate_answered"
    DUPLICATE_REMOVAL_ASKED = "duplicate_removal_asked"
    DUPLICATE_RECORD_REMOVED = "duplicate_record_removed"
    DUPLICATE_CASE_CLOSED = "duplicate_case_closed"

    @property
    def label(self) -> str:
        return {
            "school_created": "建立学校", "user_created": "新增用户", "class_created": "设置班级",
            "student_enrolled": "新生注册/建立学籍", "status_seeded": "演示数据：设置学籍状态",
            "holidays_entered": "录入节假日安排", "case_opened": "发起申请", "case_step_recorded": "记录审批",
            "case_attachment_added": "添加证明材料", "case_withdrawn": "撤回申请", "case_rejected": "申请未获批准",
            "student_transferred_in": "转入", "student_transferred_out": "转出",
            "status_changed": "学籍变动", "routine_info_changed": "信息变更",
            "school_keys_created": "生成学校密钥", "bureau_key_trusted": "登记教育局公钥",
            "reply_imported": "导入教育局回执", "attendance_recorded": "记录考勤", "term_review_done": "每学期复核",
            "school_info_changed": "学校档案信息变更", "user_changed": "修改用户账号", "password_changed": "修改密码",
            "key_wrapped": "开通学校密钥", "settings_changed": "修改设置", "backup_restored": "恢复备份",
            "year_ended": "学年结转", "student_promoted": "升级", "student_graduated": "毕业（结业）",
            "certificate_number_entered": "登记毕业证书编号", "next_school_set": "登记升入学校",
            "student_continued": "升学接续学籍", "grade_skipped": "跳级", "reward_recorded": "记录奖励",
            "punishment_recorded": "记录处分", "discipline_notified": "告知监护人",
            "discipline_revoked": "撤销处分", "certificate_issued": "出具证明",
            "repetition_decided": "批准留级", "repetition_withdrawn": "撤回留级", "student_repeated": "留级",
            "admission_cancelled": "取消入学资格", "high_record_set": "登记高中毕业条件",
            "duplicate_query_received": "收到重复学籍核查", "duplicate_answered": "答复重复学籍核查",
            "duplicate_removal_asked": "收到删除重复学籍通知",
            "duplicate_record_removed": "删除重复学籍", "duplicate_case_closed": "重复学籍核查结案",
        }[self.value]


@dataclass
class Changes:
    """What a service call changed, so each view refreshes what it shows (Anki's OpChanges)."""

    students: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    classes: bool = False
    school: bool = False
    events: list[Event] = field(default_factory=list)


class Tx:
    def __init__(self, author: User, now: dt.datetime):
        self.author = author
        self.now = now
        self.changes = Changes()

    def record(self, kind: EventKind, summary: str, payload: dict, student: Student | None = None,
               articles: list[str] | tuple[str, ...] = (), reasons: dict[str, str] | None = None,
               case_id: int | None = None, entered_on: dt.date | None = None) -> Event:
        """`entered_on` is the day the registrar entered for this change (a decision's date, an application's);
        without one, the program's day. The PC's own clock is kept beside it.

        The event is linked into the hash chain (event_chain.event_hash over its content and the previous
        event's hash). Its seq follows the last event's, and never falls at or below a number given out
        before a restore or already held by the bureau (`seq_floor`): the jump is listed as the program's."""
        check_author(self.author, kind)
        db = Event._meta.database
        last = db.execute_sql("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").fetchone()
        last_seq, prev_hash = last if last else (0, None)
        seq = max(last_seq, seq_floor(db)) + 1
        if seq != last_seq + 1:
            _note_gap(db, last_seq, seq)
        values = {
            "uuid": str(uuid.uuid4()), "seq": seq, "kind": kind.value, "student": student, "case_id": case_id,
            "payload": json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True),
            "summary": summary, "articles": json.dumps(sorted(set(articles)), ensure_ascii=False),
            "reasons": json.dumps(reasons or {}, ensure_ascii=False, sort_keys=True),
            "author": self.author, "created_at": self.now, "entered_on": entered_on or self.now.date(),
        }
        content = (values["uuid"], seq, values["kind"], student.id if student is not None else None, case_id,
                   values["payload"], _text(Event.summary, summary), values["articles"], values["reasons"],
                   self.author.username, _text(Event.created_at, self.now), _text(Event.entered_on, values["entered_on"]))
        event = fast_insert.create(Event, **values, pc_time=clock.machine_now(), prev_hash=prev_hash,
                                   hash=event_chain.event_hash(content, prev_hash))
        self.changes.events.append(event)
        if student is not None:
            self.changes.students.add(student.id)
        if case_id is not None:
            self.changes.cases.add(case_id)
        return event


def _text(column, value):
    return event_chain.stored_text(column.db_value(value))


RESTORE_MARKS = "restore_marks"  # Setting written by a restore: what the replaced database had given out
BUREAU_HOLDS = "bureau_holds"  # Setting: the highest batch and seq the bureau's replies said it holds


def numbering_marks(database) -> dict:
    """{"last_seq": …, "last_batch_no": …}: the highest event seq and batch number given out that this
    database may not hold (a restore's marks, the bureau's word), each None when nothing is known."""
    out = {"last_seq": None, "last_batch_no": None}
    rows = database.execute_sql("SELECT value FROM setting WHERE key IN (?, ?)", (RESTORE_MARKS, BUREAU_HOLDS))
    for (value,) in rows.fetchall():
        try:
            doc = json.loads(value)
        except ValueError:
            continue
        for key, known in out.items():
            v = doc.get(key) if isinstance(doc, dict) else None
            if isinstance(v, int) and not isinstance(v, bool):
                out[key] = max(known or 0, v)
    return out


def seq_floor(database) -> int:
    return numbering_marks(database)["last_seq"] or 0


def _note_gap(database, after: int, nxt: int) -> None:
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (event_chain.GAPS_KEY,)).fetchone()
    gaps = json.loads(row[0]) if row else []
    gaps.append([after, nxt])
    _put_setting(database, event_chain.GAPS_KEY, gaps)


def _put_setting(database, key: str, value) -> None:
    database.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                         (key, json.dumps(value, ensure_ascii=False)))


@contextmanager
def changing(database, author: User, now: dt.datetime | None = None) -> Iterator[Tx]:
    if author is None:
        raise PermissionError("未登录：每项变更都必须记录操作人")
    with database.atomic():
        tx = Tx(author, now or clock.now())
        yield tx
        if tx.changes.events:  # the chain's head, kept apart so that deleting the last events shows
            seq, head = event_chain.chain_head(database)
            _put_setting(database, event_chain.HEAD_KEY, {"seq": seq, "hash": head})
