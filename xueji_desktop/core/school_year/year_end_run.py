"""Running the year end (学年结转): a backup first, then the whole school in one transaction.

Every pupil who moves up gets a `student_promoted` event, every graduate a `student_graduated` event and a
`Graduate` row, new starting-grade classes a `class_created` event, and the turn itself a `year_ended` event
and its `YearEnd` row naming the backup. There is no undo (《凉山州规定》三(一): 毕业生不可以随意回退): a
mistake is mended by restoring that backup, which the window offers for the rest of the day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from ...store.models import Graduate, SchoolClass, Student, YearEnd
from ..accounts.roles import Permission
from ..rules.findings import RuleViolation
from ..school.events import Changes, EventKind, changing
from ..school.school import class_name, grade_name
from . import repetition
from .high_graduation import completion_reason
from .year_end import NATIONAL_CALENDAR, Outcome, YearEndPlan, plan

_CHUNK = 500
_PROGRESS_EVERY = 100  # pupils between progress calls


@dataclass
class YearEndResult:
    plan: YearEndPlan
    backup_file: str
    changes: Changes

    @property
    def promoted(self) -> int:
        return len(self.plan.moving)

    @property
    def graduated(self) -> int:
        return len(self.plan.graduating)


def articles_of(ws) -> list[str]:
    p = ws.profile
    keys = ("year_cycle.graduation_by", "year_cycle.promotion", "year_cycle.promotion_by_system",
            "year_cycle.graduation_irreversible", "certificates.graduation_requirement")
    found = [p.rule(k).article for k in keys if p.applies(k) and p.rule(k).article]
    return found or [NATIONAL_CALENDAR]


def turn_year(ws, outcomes: dict[int, Outcome] | None = None, reasons: dict[str, str] | None = None,
              today: dt.date | None = None, backup: Callable[[object, str], object] | None = None,
              progress: Callable[[int, int], None] | None = None) -> YearEndResult:
    """Runs the year end as `plan` shows it. RuleViolation for blocks or warnings without a reason (nothing
    written); BackupError when the backup cannot be taken (nothing written). ``backup`` takes the backup
    (core.backups.service.backup_before by default). ``progress(pupils written, pupils)`` while the
    transaction is written (an exception it raises rolls it back)."""
    ws.require("办理学年结转", Permission.WORKFLOWS)
    reasons = {k: v.strip() for k, v in (reasons or {}).items() if v and v.strip()}
    p = plan(ws, outcomes, today)
    if p.blocks:
        raise RuleViolation(p.blocks)
    unexplained = [f for f in p.warnings if f.rule not in reasons]
    if unexplained:
        raise RuleViolation(unexplained)
    if backup is None:
        from ..backups.service import backup_before as backup
    taken = backup(ws, "year_end")
    backup_file = str(getattr(taken, "path", "") or "")
    with changing(ws.db, ws.user, ws.now()) as tx:
        _write(ws, tx, p, reasons, backup_file, progress or (lambda done, total: None))
    tx.changes.classes = True
    tx.changes.school = True
    return YearEndResult(p, backup_file, tx.changes)


def _write(ws, tx, p: YearEndPlan, reasons: dict[str, str], backup_file: str,
           progress: Callable[[int, int], None]) -> None:
    now, today, year = tx.now, p.today, p.from_year
    total = len(p.moving) + len(p.graduating)
    progress(0, total)
    articles = articles_of(ws)
    new_year = year + 1
    moves = {m.class_id: m for m in p.classes}
    # classes: the top grade's retire first, then each grade moves up from the highest, so that no two
    # classes in use ever share a grade and number
    for m in p.classes:
        if m.grade_to is None:
            SchoolClass.update(retired_year=year).where(SchoolClass.id == m.class_id).execute()
    for m in sorted((m for m in p.classes if m.grade_to is not None), key=lambda m: -m.grade_to):
        SchoolClass.update(grade=m.grade_to, name=m.new_name).where(SchoolClass.id == m.class_id).execute()
    # pupils moving up: the class follows them
    for chunk in _chunks([x.id for x in p.moving]):
        Student.update(grade=Student.grade + 1, updated_at=now).where(Student.id.in_(chunk)).execute()
    students = {s.id: s for chunk in _chunks([x.id for x in p.moving + p.graduating + p.staying])
                for s in Student.select().where(Student.id.in_(chunk))}
    for done, x in enumerate(p.moving, start=1):
        to = x.grade + 1
        klass = moves[x.class_id].new_name if x.class_id in moves else ""
        tx.record(EventKind.STUDENT_PROMOTED, f"升级：{grade_name(x.grade)} → {grade_name(to)}"
                  + (f"（{klass}）" if klass else ""),
                  {"grade_from": x.grade, "grade_to": to, "class_name": klass, "school_year": new_year},
                  student=students[x.id], articles=articles)
        if done % _PROGRESS_EVERY == 0 and done < total:
            progress(done, total)
    # graduates: 毕业 or 结业, a Graduate row each; their class stays named in the record
    for done, x in enumerate(p.graduating, start=len(p.moving) + 1):
        outcome = p.outcome_of(x.id)
        Student.update(status=outcome.status.value, updated_at=now).where(Student.id == x.id).execute()
        Graduate.create(student=x.id, school_year=year, outcome=outcome.value, left_on=today,
                        class_name=x.class_name)
        payload = {"outcome": outcome.value, "grade": x.grade, "class_name": x.class_name, "school_year": year,
                   "status_to": outcome.status.value}
        if outcome is Outcome.COMPLETED:
            short = p.lacking.get(x.id)
            payload["reason"] = reasons.get(f"completed:{x.id}") or (completion_reason(short) if short else "")
        tx.record(EventKind.STUDENT_GRADUATED, f"{outcome.label}：{x.class_name or grade_name(x.grade)}",
                  payload, student=students[x.id], articles=articles)
        if done % _PROGRESS_EVERY == 0 and done < total:
            progress(done, total)
    progress(total, total)
    # pupils who keep their grade (休学, 辍学 …) move to the class of that grade with the same number
    reassigned = _reassign_staying(p, moves, now)
    created = _new_classes(tx, p)
    repeated = repetition.place(tx, year, [x.id for x in p.repeating], today)
    counts = {"promoted": len(p.moving), "graduated": len(p.graduating) - p.completed, "completed": p.completed,
              "held": len(p.held), "staying": len(p.staying), "new_year": len(p.new_year),
              "repeating": len(p.repeating),
              "classes_moved": sum(1 for m in p.classes if m.grade_to is not None),
              "classes_retired": sum(1 for m in p.classes if m.grade_to is None), "classes_created": len(created),
              "by_grade": [[g, n, to] for g, n, to in p.by_grade()]}
    YearEnd.create(from_year=year, done_on=today, done_at=now, done_by=tx.author, backup_file=backup_file,
                   counts=json.dumps(counts, ensure_ascii=False))
    tx.record(EventKind.YEAR_ENDED, f"学年结转：{p.label} → {p.next_label}，升级 {counts['promoted']} 人，{p.leaving_text}",
              {"from_year": year, "to_year": new_year, "counts": counts, "backup_file": backup_file,
               "classes": [[m.old_name, m.new_name if m.grade_to else ""] for m in p.classes],
               "reassigned": reassigned, "classes_created": created, "repeated": repeated,
               "held": [[h.pupil.student_number, h.why] for h in p.held]},
              articles=articles, reasons={k: v for k, v in reasons.items() if not k.startswith("completed:")})


def _reassign_staying(p: YearEndPlan, moves: dict, now: dt.datetime) -> list[list[str]]:
    by_place = {(k.grade, k.number): k for k in SchoolClass.in_use()}
    out = []
    for x in p.staying:
        if x.class_id is None or x.class_id not in moves:
            continue
        number = SchoolClass.get_by_id(x.class_id).number
        target = by_place.get((x.grade, number))
        Student.update(school_class=target.id if target else None, updated_at=now).where(
            Student.id == x.id).execute()
        out.append([x.student_number, target.name if target else ""])
    return out


def _new_classes(tx, p: YearEndPlan) -> list[str]:
    taken = {(k.grade, k.number) for k in SchoolClass.in_use()}
    capacities = {m.grade_to - 1: SchoolClass.get_by_id(m.class_id).capacity for m in p.classes if m.grade_to}
    created = []
    for grade, count in sorted(p.new_classes.items()):
        number = 0
        for _ in range(count):
            number += 1
            while (grade, number) in taken:
                number += 1
            name = class_name(grade, number)
            klass = SchoolClass.create(grade=grade, number=number, name=name, capacity=capacities.get(grade, 45))
            taken.add((grade, number))
            created.append({"id": klass.id, "grade": grade, "number": number, "name": name,
                            "capacity": klass.capacity})
    if created:
        tx.record(EventKind.CLASS_CREATED, f"设置{p.next_label}新班级：" + "、".join(c["name"] for c in created),
                  {"classes": created, "school_year": p.from_year + 1})
    return [c["name"] for c in created]


def _chunks(ids: list[int]):
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]
