"""Recording a reward or a punishment, telling the guardians, revoking a punishment: each one transaction
with its event (reward_recorded, punishment_recorded, discipline_notified, discipline_revoked), re-checked on
fresh data inside the write lock. The rules are ``discipline_rules``'; a block raises RuleViolation and
nothing is written."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

from ...store.models import Discipline, Graduate, Student
from ..pupils.status import Status
from ..rules.findings import Finding, RuleViolation, Severity, blocks
from ..school.events import Changes, EventKind, changing
from . import discipline_rules as rules
from .discipline_rules import KIND_LABELS, PUNISHMENT, REWARD, REWARD_LEVELS, block

# Pupils whose 学籍 is at this school (a 休学 or 借读 pupil too): a reward or punishment is the school's.
HERE = frozenset(s.value for s in (Status.ENROLLED, Status.SUSPENDED, Status.BORROWED_OUT, Status.SUSPECTED_DROPOUT,
                                   Status.DROPPED_OUT, Status.MISSING))


@dataclass
class DisciplineDraft:
    kind: str = REWARD  # reward | punishment
    student_id: int | None = None
    level: str = ""  # 校级 … for a reward; 警告 … for a punishment
    title: str = ""  # a reward's name (三好学生); a punishment's short name
    reason: str = ""  # what it was for
    decided_on: dt.date | None = None
    decided_by: str = ""  # the body that decided (学校、县教育局 …)
    document_no: str = ""  # 文号
    ends_on: dt.date | None = None  # 留校察看's term, where given
    in_archive: bool | None = None  # only where the text is silent: the school's choice
    approved_by: str = ""  # 开除学籍 of a 高中 pupil: the city bureau that approved (长治 第四十条), with its 文号
    approved_on: dt.date | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


def kinds_for(ws, student_id: int) -> list[str]:
    """The punishments this pupil can be given: a 高中 pupil's where the region lists them (长治 第四十条)."""
    student = Student.get_or_none(Student.id == student_id)
    return rules.punishment_kinds(ws.profile, student.grade if student is not None else None)


def _student(draft: DisciplineDraft) -> Student | None:
    return Student.get_or_none(Student.id == draft.student_id) if draft.student_id else None


def check(ws, draft: DisciplineDraft) -> list[Finding]:
    """Every finding about the draft: blocks (a kind the region lacks, a missing date …) and notes (whether it
    goes in the archive, citing the article)."""
    profile, found = ws.profile, []
    if draft.kind not in (REWARD, PUNISHMENT):
        return [block("kind", "类别：请选择奖励或处分")]
    what = KIND_LABELS[draft.kind]
    student = _student(draft)
    if student is None:
        found.append(block("student", "学生：请选择学生"))
    elif student.status not in HERE:
        found.append(block("student", f"学生：{student.name} 现为“{Status(student.status).label}”，学籍不在本校，"
                                      f"不能登记{what}"))
    if draft.decided_on is None:
        found.append(block("decided_on", f"{what}日期：请填写作出决定的日期"))
    elif draft.decided_on > ws.today():
        found.append(block("decided_on", f"{what}日期：{draft.decided_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）"))
    if len(draft.decided_by.strip()) < 2:
        found.append(block("decided_by", f"决定单位：请填写作出{what}决定的单位（如 本校、县教育局）"))
    if draft.kind == REWARD:
        found += _reward_findings(profile, draft)
    else:
        found += _punishment_findings(profile, draft, student.grade if student is not None else None)
    return found


def _reward_findings(profile, draft: DisciplineDraft) -> list[Finding]:
    if draft.level not in REWARD_LEVELS:
        return [block("level", f"奖励级别：请在{'、'.join(REWARD_LEVELS)}中选择" + (f"（现为“{draft.level}”）"
                                                                           if draft.level else ""))]
    found = []
    if len(draft.title.strip()) < 2:
        found.append(block("title", "奖励名称：请填写奖励名称（如 三好学生、优秀学生干部）"))
    found.append(rules.reward_archive_note(profile, draft.level))
    return found


def _punishment_findings(profile, draft: DisciplineDraft, grade: int | None) -> list[Finding]:
    kind = rules.kind_findings(profile, draft.level, grade)
    found = list(kind)
    if not kind and draft.level.strip() == rules.PROBATION:
        found += rules.probation_findings(profile, grade, draft.decided_on, draft.ends_on)
    if not kind and draft.level.strip() == rules.EXPULSION:
        found += rules.expulsion_findings(profile, draft.approved_by, draft.approved_on, draft.decided_on)
    if len(draft.reason.strip()) < 4:
        found.append(block("reason", "处分事由：请写明违反纪律的事实（至少 4 个字）"))
    if draft.ends_on is not None and draft.decided_on is not None and draft.ends_on <= draft.decided_on:
        found.append(block("ends_on", f"期限：{draft.ends_on:%Y-%m-%d} 不晚于处分日期 {draft.decided_on:%Y-%m-%d}"))
    if blocks(kind):
        return found
    decided = rules.punishment_in_archive(profile, draft.level)
    if decided is not None and draft.in_archive is not None and draft.in_archive != decided:
        rule = profile.rule("punishment.archive_threshold")
        found.append(Finding("punishment.archive_threshold", Severity.BLOCK, "in_archive",
                             f"学籍档案：{draft.level}{'须' if decided else '不'}记入学籍档案"
                             f"（{rule.value}及以上处分记入），不能另选", rule.article))
    found.append(rules.punishment_archive_note(profile, draft.level))
    if profile.applies("punishment.no_corporal") and not rules.high_kinds_apply(profile, grade):  # 《义务教育法》
        rule = profile.rule("punishment.no_corporal")
        found.append(Finding("punishment.no_corporal", Severity.INFO, None, f"提示：{rule.quote}", rule.article))
    return found


def in_archive(profile, draft: DisciplineDraft) -> bool:
    if draft.kind == REWARD:
        return rules.reward_in_archive(profile, draft.level)
    decided = rules.punishment_in_archive(profile, draft.level)
    return decided if decided is not None else bool(draft.in_archive)


def articles(found: list[Finding]) -> list[str]:
    return [f.article for f in found if f.article]


def record(ws, draft: DisciplineDraft) -> tuple[Discipline, Changes]:
    """Writes the reward or punishment with its event; RuleViolation (nothing written) on a block."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check(ws, draft)
        if blocks(found):
            raise RuleViolation(blocks(found))
        student = Student.get_by_id(draft.student_id)
        archived = in_archive(ws.profile, draft)
        extra = dict(draft.extra)
        if draft.note.strip():
            extra["note"] = draft.note.strip()
        expelled = draft.kind == PUNISHMENT and draft.level.strip() == rules.EXPULSION
        if expelled:  # the pupil leaves the roll with the decision (长治 第四十条)
            extra["approved"] = {"by": draft.approved_by.strip(), "on": f"{draft.approved_on:%Y-%m-%d}"}
            extra["status_from"] = student.status
            Student.update(status=Status.EXPELLED.value, updated_at=tx.now).where(Student.id == student.id).execute()
            tx.changes.classes = True
        row = Discipline.create(
            uuid=str(uuid.uuid4()), student=student, kind=draft.kind, level=draft.level.strip(),
            title=draft.title.strip(), reason=draft.reason.strip(), decided_on=draft.decided_on,
            decided_by=draft.decided_by.strip(), document_no=draft.document_no.strip(), in_archive=archived,
            ends_on=draft.ends_on, data=json.dumps(extra, ensure_ascii=False, sort_keys=True),
            created_by=tx.author, created_at=tx.now)
        kind = EventKind.REWARD_RECORDED if draft.kind == REWARD else EventKind.PUNISHMENT_RECORDED
        body = payload(row) | ({"status_to": Status.EXPELLED.value, "approved": extra["approved"]} if expelled else {})
        tx.record(kind, f"{describe(row)}：{student.name}" + ("（记入学籍档案）" if archived else "")
                  + (f"，经{draft.approved_by.strip()}批准，学籍注销" if expelled else ""),
                  body, student=student, articles=articles(found), entered_on=draft.decided_on)
    return row, tx.changes


def describe(row: Discipline) -> str:
    """奖励 校级 三好学生 / 处分 记过（文号）, as the history and the lists name it."""
    if row.kind == REWARD:
        text = f"{row.level}奖励“{row.title}”"
    else:
        text = f"处分：{row.level}" + (f"（{row.title}）" if row.title else "")
    return text + (f"，{row.document_no}" if row.document_no else "")


def payload(row: Discipline) -> dict:
    return {"discipline": row.uuid, "kind": row.kind, "level": row.level, "title": row.title, "reason": row.reason,
            "decided_on": row.decided_on, "decided_by": row.decided_by, "document_no": row.document_no,
            "in_archive": row.in_archive, "ends_on": row.ends_on, "notified_on": row.notified_on,
            "revoked_on": row.revoked_on}


def _row(discipline_id: int) -> Discipline:
    row = Discipline.get_or_none(Discipline.id == discipline_id)
    if row is None:
        raise RuleViolation([block("discipline", f"没有编号为 {discipline_id} 的奖励或处分记录")])
    return row


def notify(ws, discipline_id: int, notified_on: dt.date, how: str = "") -> tuple[Discipline, Changes]:
    """The day the pupil and the guardians were told (黑龙江 第三十七条); the notice itself is printed by
    core.forms.discipline_notice."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        row = _row(discipline_id)
        found = []
        if row.notified_on is not None:
            found.append(block("notified_on", f"告知：已于 {row.notified_on:%Y-%m-%d} 告知监护人"))
        if notified_on > ws.today():
            found.append(block("notified_on", f"告知日期：{notified_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）"))
        if notified_on < row.decided_on:
            found.append(block("notified_on", f"告知日期：{notified_on:%Y-%m-%d} 早于决定日期 {row.decided_on:%Y-%m-%d}"))
        if row.revoked_on is not None:
            found.append(block("notified_on", "告知：该处分已撤销"))
        if found:
            raise RuleViolation(found)
        row.notified_on = notified_on
        if how.strip():
            data = json.loads(row.data or "{}")
            data["notified_how"] = how.strip()
            row.data = json.dumps(data, ensure_ascii=False, sort_keys=True)
        row.save()
        rule = rules.notify_rule(ws.profile)
        tx.record(EventKind.DISCIPLINE_NOTIFIED, f"已告知学生及其监护人：{describe(row)}（{row.student.name}）"
                  + (f"，{how.strip()}" if how.strip() else ""), payload(row), student=row.student,
                  articles=[rule.article] if rule else [], entered_on=notified_on)
    return row, tx.changes


def graduated_on(student: Student) -> dt.date | None:
    grad = Graduate.select().where(Graduate.student == student).order_by(Graduate.school_year.desc()).first()
    if grad is not None:
        return grad.left_on
    return None


def revoke_findings(ws, row: Discipline, revoked_on: dt.date, reason: str) -> list[Finding]:
    found = []
    if row.kind != PUNISHMENT:
        found.append(block("discipline", "撤销：只有处分可以撤销"))
    if row.revoked_on is not None:
        found.append(block("revoked_on", f"撤销：该处分已于 {row.revoked_on:%Y-%m-%d} 撤销"))
    if revoked_on > ws.today():
        found.append(block("revoked_on", f"撤销日期：{revoked_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）"))
    if revoked_on < row.decided_on:
        found.append(block("revoked_on", f"撤销日期：{revoked_on:%Y-%m-%d} 早于处分日期 {row.decided_on:%Y-%m-%d}"))
    if len(reason.strip()) < 4:
        found.append(block("revoke_reason", "撤销理由：请写明撤销的理由（至少 4 个字）"))
    keep = rules.graduated_keep(ws.profile, row.student.name, graduated_on(row.student))
    if keep is not None:
        found.append(keep)
    return found


def revoke_in(ws, tx, row: Discipline, revoked_on: dt.date, reason: str, case_id: int | None = None) -> None:
    """Inside the caller's transaction (an appeal upheld revokes the punishment in its own step)."""
    found = revoke_findings(ws, row, revoked_on, reason)
    if found:
        raise RuleViolation(found)
    removed = rules.removed_on_revoke(ws.profile) and row.in_archive
    row.revoked_on, row.revoke_reason = revoked_on, reason.strip()
    if rules.removed_on_revoke(ws.profile):
        row.in_archive = False
    row.save()
    arts = [ws.profile.rule("punishment.revoked_removed").article] if rules.removed_on_revoke(ws.profile) else []
    tx.record(EventKind.DISCIPLINE_REVOKED, f"撤销{describe(row)}（{row.student.name}）：{reason.strip()}"
              + ("；已从学籍档案中删除" if removed else ""), {**payload(row), "revoke_reason": row.revoke_reason},
              student=row.student, articles=arts, case_id=case_id, entered_on=revoked_on)


def revoke(ws, discipline_id: int, revoked_on: dt.date, reason: str) -> tuple[Discipline, Changes]:
    """Revokes a punishment: it leaves the archive where the text says so (黑龙江 第三十八条); the row stays."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        row = _row(discipline_id)
        revoke_in(ws, tx, row, revoked_on, reason)
    return row, tx.changes
