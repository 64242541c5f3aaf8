"""A pupil's record and history as the registrar reads them (labels, not codes)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ...store.models import Event, Student
from ..school.school import grade_name
from . import regions
from .completeness import is_temporary, missing_fields
from .fields import GUARDIAN_FIELDS, STUDENT, STUDENT_FIELDS, Kind
from .status import Status


def display(f, value) -> str:
    if value in (None, ""):
        return ""
    if f.kind is Kind.CODE:
        return f.table.label(value) or str(value)
    if f.kind is Kind.REGION:
        name = regions.name_of(value)
        return f"{name}（{value}）" if name else str(value)
    if f.kind is Kind.DATE:
        return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
    return str(value)


def record_view(student: Student) -> dict:
    """Label → display text for every field, plus placement, status and 家庭成员."""
    view = {f.label: display(f, getattr(student, f.key)) for f in STUDENT_FIELDS}
    view.update({
        "学籍号": student.student_number,
        "年级": grade_name(student.grade),
        "班级": student.school_class.name if student.school_class else "",
        "学籍状态": Status(student.status).label,
        "入学日期": student.entry_date.strftime("%Y-%m-%d"),
        "学籍档案建立期限": student.archive_deadline.strftime("%Y-%m-%d"),
        "身份核验": "已核验" if student.identity_verified else "未核验（临时学籍号）",
    })
    view["家庭成员"] = [
        {f.label: display(f, getattr(g, f.key)) for f in GUARDIAN_FIELDS}
        for g in student.guardians.order_by(student.guardians.model.position_no)
    ]
    return view


@dataclass(frozen=True)
class ArchiveState:
    """Whether a pupil's 学籍档案 is built: every required field filled (core.pupils.fields, the family
    included), the identity verified and the formal G 学籍号 given. Until then the deadline set at
    registration (the profile's ``enrolment.archive_deadline``) runs."""

    deadline: dt.date
    lacking: tuple[str, ...]  # what still keeps it from being built, in Chinese
    article: str = ""

    @property
    def complete(self) -> bool:
        return not self.lacking

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days


def archive_state(student: Student, profile) -> ArchiveState:
    """The pupil's 学籍档案 as the 待办 list and the term review judge it (core.overview.todo, core.school_year.term_review)."""
    values = {f.key: getattr(student, f.key) for f in STUDENT_FIELDS}
    family = [{f.key: getattr(g, f.key) for f in GUARDIAN_FIELDS}
              for g in student.guardians.order_by(student.guardians.model.position_no)]
    lacking = ["缺少" + "、".join(missing)] if (missing := missing_fields(values, family)) else []
    if not student.identity_verified:
        lacking.append("身份尚未核验")
    if is_temporary(student.student_number, profile):
        lacking.append("仍为临时学籍号")
    rule = profile.rule("enrolment.archive_deadline")
    return ArchiveState(student.archive_deadline, tuple(lacking), rule.article)


def draft_sections(draft) -> list[tuple[str, list[tuple[str, str]]]]:
    """An enrolment draft as the registrar reviews it before confirming, page by page."""
    from ..admission.enrolment import FAMILY_FIELDS, IDENTITY_FIELDS, PLACEMENT_FIELDS

    def rows(keys):
        return [(STUDENT[k].label, display(STUDENT[k], draft.value(k))) for k in keys if k in STUDENT]

    sections = [("身份信息", rows(IDENTITY_FIELDS)), ("家庭与联系方式", rows(FAMILY_FIELDS)),
                ("编班与就读", rows(PLACEMENT_FIELDS))]
    for i, member in enumerate(draft.guardians[:2]):
        if (member.get("name") or "").strip():
            sections.append((f"家庭成员{i + 1}", [(f.label, display(f, (member.get(f.key) or f.default).strip()))
                                                for f in GUARDIAN_FIELDS]))
    return sections


@dataclass(frozen=True)
class HistoryEntry:
    when: str
    who: str
    what: str
    articles: tuple[str, ...]
    reasons: tuple[str, ...]  # each warning passed, with the reason recorded for it


def history(student: Student) -> list[HistoryEntry]:
    """The pupil's changes here, oldest first; a pupil who came by transfer or 升学 with the archive the bureau
    forwarded has the former school's changes first, each marked with that school (籍随人走, the 学籍 continued)."""
    rows = Event.select().where(Event.student == student).order_by(Event.seq)
    out: list[HistoryEntry] = []
    for e in rows:
        out += _former(json.loads(e.payload).get("archive_history"))
        out.append(HistoryEntry(e.created_at.strftime("%Y-%m-%d %H:%M"), e.author.display_name, e.summary,
                                tuple(json.loads(e.articles)), _reasons(e)))
    return out


def _former(entries) -> list[HistoryEntry]:
    if not isinstance(entries, list):
        return []
    return [HistoryEntry(str(h.get("date") or ""), str(h.get("school") or "原学校"),
                         f"〔{h.get('school') or '原学校'}〕{h.get('summary') or ''}", (), ())
            for h in entries if isinstance(h, dict) and h.get("summary")]


def _reasons(event: Event) -> tuple[str, ...]:
    warned = json.loads(event.payload).get("warnings") or []
    if warned:
        return tuple(f"{w['message']}（{w['article']}）——理由：{w['reason']}" for w in warned)
    return tuple(json.loads(event.reasons).values())
