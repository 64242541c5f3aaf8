"""Routine information (现住址, 联系电话, 户口所在地, 留守儿童, 随迁子女 …) changes at once, with the
change logged (《营口市规定》三(三)); key fields go through a 关键信息变更 case instead."""

from __future__ import annotations

from ...store.models import Student
from ..admission.enrolment import _stored
from ..pupils.fields import STUDENT
from ..pupils.records import display
from ..pupils.status import Status
from ..pupils.validation import check_field
from ..rules.findings import Finding, RuleViolation, Severity, blocks
from ..school.events import Changes, EventKind, changing


def routine_keys(profile) -> list[str]:
    """The field keys the region lets the registrar change directly (its labels mapped to fields)."""
    by_label = {f.label: f.key for f in STUDENT.values()}
    labels = profile.value("info_change.routine_fields") if profile.applies("info_change.routine_fields") else []
    return [by_label[label] for label in labels if label in by_label]


def check(ws, student: Student, changes: dict[str, str]) -> list[Finding]:
    rule = ws.profile.rule("info_change.routine_fields")
    allowed = set(routine_keys(ws.profile))
    found = []
    if Status(student.status) is Status.DECEASED:
        from .status_change import deceased_article

        return [Finding("info.deceased", Severity.BLOCK, None, f"{student.name} 已注销学籍（死亡），记录不能再变更",
                        deceased_article(ws.profile))]
    for key, value in changes.items():
        field = STUDENT.get(key)
        if field is None or key not in allowed:
            label = field.label if field else "所填信息项"
            found.append(Finding("info.key_field", Severity.BLOCK, key,
                                 f"{label}：不属于可直接修改的信息，须办理关键信息变更申请", rule.article))
            continue
        found += check_field(field, value, key, ws.today())
    if not any(_stored(STUDENT[k], v) != getattr(student, k) for k, v in changes.items() if k in STUDENT):
        found.append(Finding("info.unchanged", Severity.BLOCK, None, "没有任何修改"))
    return found


def update_routine(ws, student_id: int, changes: dict[str, str]) -> tuple[Student, Changes]:
    with changing(ws.db, ws.user, ws.now()) as tx:
        student = Student.get_by_id(student_id)
        found = check(ws, student, changes)
        if blocks(found):
            raise RuleViolation(blocks(found))
        diffs = []
        for key, value in changes.items():
            field, new = STUDENT[key], _stored(STUDENT[key], value)
            old = getattr(student, key)
            if new != old:
                diffs.append({"field": key, "label": field.label, "old": display(field, old), "new": display(field, new)})
                setattr(student, key, new)
        student.updated_at = tx.now
        student.save()
        tx.record(EventKind.ROUTINE_INFO_CHANGED,
                  "信息变更：" + "；".join(f"{d['label']} {d['old'] or '（空）'} → {d['new'] or '（空）'}" for d in diffs),
                  {"changes": diffs}, student=student, articles=[ws.profile.rule("info_change.routine_fields").article])
    return student, tx.changes
