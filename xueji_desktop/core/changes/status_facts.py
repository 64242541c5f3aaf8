"""What the status-change rules know: the draft, the pupil, the pupil's earlier cases and the return
class, gathered by ``status_changes.gather_facts`` (or built directly in tests); and the helpers the
kinds share: evidence lists, the registrar's yes/no declarations, approvers, terms of suspension.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..casework.cases import PARTY_LABELS, CaseKind
from ..dates.calendar import add_duration
from ..dates.school_calendar import stage_of
from ..dates.workdays import WorkCalendar
from ..pupils.status import Status
from ..region_profiles.profiles import Profile
from ..rules.base import finding
from ..rules.findings import Finding, Severity
from ..school.school import SchoolKind, SchoolSystem, grade_name
from ..transfers.transfer_facts import party_label as _transfer_party

ONE_DAY = dt.timedelta(days=1)
OTHER_GROUND = "other"  # a ground outside the region's list (allowed only where the list's force is warn)


@dataclass(frozen=True)
class PastCase:
    """A completed case of the pupil: its kind, dates and what it recorded."""

    kind: CaseKind
    effective_on: dt.date
    until: dt.date | None = None
    ground_id: str | None = None
    grade_at_start: int | None = None  # the grade when the pupil left (休学, 出国)


@dataclass(frozen=True)
class ReturnClass:
    """The class a returning pupil goes to; ``occupied`` never counts the pupil."""

    name: str
    grade: int
    occupied: int
    capacity: int


@dataclass(frozen=True)
class Question:
    """A yes/no the registrar answers (no record can show it); unanswered required ones block."""

    id: str  # the key in ChangeDraft.declared
    text: str
    key: str  # the profile rule it serves
    required: bool = True


@dataclass(frozen=True)
class ChangeFacts:
    profile: Profile
    kind: CaseKind
    today: dt.date
    system: SchoolSystem = SchoolSystem.SIX_THREE
    school_kind: SchoolKind = SchoolKind.NINE_YEAR
    # the pupil
    name: str = "该生"
    grade: int = 4
    status: Status = Status.ENROLLED
    class_grade: int | None = None  # the grade of the pupil's present class
    student_number: str = ""
    record: Mapping[str, Any] = field(default_factory=dict)  # core.pupils.fields key → stored value
    history: tuple[PastCase, ...] = ()  # completed cases, oldest first
    # the draft
    ground_id: str | None = None
    evidence_seen: frozenset[str] = frozenset()
    applied_on: dt.date | None = None
    effective_on: dt.date | None = None
    until: dt.date | None = None
    return_grade: int | None = None
    changes: Mapping[str, str] = field(default_factory=dict)
    details: Mapping[str, Any] = field(default_factory=dict)
    declared: Mapping[str, bool] = field(default_factory=dict)
    # looked up in the database
    return_class: ReturnClass | None = None  # the chosen class, or the present one when it fits
    class_unknown: bool = False  # a class id that is not one of the school's classes
    id_holder: str | None = None  # another pupil holding a new ID number: "name（学籍号）"
    absence: Any = None  # a 高中 pupil's 无故缺席 this term (core.dropout_control.term_absence.TermAbsence)
    suspended_until: dt.date | None = None  # a suspended pupil's approved term end
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    @property
    def applied(self) -> dt.date:
        return self.applied_on or self.today

    @property
    def effective(self) -> dt.date:
        return self.effective_on or self.applied

    @property
    def stage(self) -> str:
        return stage_of(self.grade, self.system)


# ── parties ──
def party(pid: str) -> str:
    return PARTY_LABELS.get(pid) or _transfer_party(pid)


def chain_text(parties) -> str:
    return " → ".join(party(x) for x in parties)


# ── evidence ──
def is_illness(label: str) -> bool:
    """因病 (营口, 凉山, 安阳, 长治), 病假 (黑龙江), 身体状况 (国家); not 请假（包括病、事假）."""
    return any(word in label for word in ("因病", "病假", "身体"))


def applicable(items, stage: str, illness: bool | None = None) -> list[str]:
    """The items of an evidence list that apply: 安阳 lists “小学…：住院病历” and “初中：诊断证明”
    for one ground, and “…（因病休学的）” only after a suspension for illness."""
    out = []
    for item in items:
        head, sep, _ = item.partition("：")
        if sep and ("小学" in head or "初中" in head):
            wanted = "初中" if stage == "middle" else "小学"
            if wanted not in head:
                continue
        if "（因病" in item and illness is False:
            continue
        out.append(item)
    return out


def missing_evidence(p: Profile, key: str, needed: list[str], seen, article: str | None = None,
                     what: str = "", severity: Severity | None = Severity.BLOCK) -> list[Finding]:
    missing = [e for e in needed if e not in seen]
    if not missing:
        return []
    found = finding(p, key, "evidence", f"证明材料：尚未查验{'、'.join(missing)}{what}；查验原件后逐项勾选",
                    severity=severity)
    if article is not None:
        found = Finding(found.rule, found.severity, found.field, found.message, article)
    return [found]


# ── declarations ──
def declaration(f: ChangeFacts, q: Question, yes: Finding) -> list[Finding]:
    """Unanswered: a block asking for the answer; “是”: the finding; “否”: nothing."""
    answer = f.declared.get(q.id)
    if answer is None:
        if not q.required:
            return []
        rule = f.profile.rule(q.key)
        return [Finding(q.key, Severity.BLOCK, f"declared.{q.id}", f"请确认：{q.text}（是/否）", rule.article)]
    return [yes] if answer else []


# ── suspension terms ──
def periods(history) -> list[tuple[dt.date, dt.date]]:
    """The pupil's suspensions as (first day, last day): an extension moves the last day on, a
    resumption ends the period on the day before the pupil returned."""
    out: list[list[dt.date]] = []
    for c in history:
        if c.kind is CaseKind.SUSPENSION and c.until:
            out.append([c.effective_on, c.until])
        elif c.kind is CaseKind.SUSPENSION_EXTENSION and c.until and out:
            out[-1][1] = max(out[-1][1], c.until)
        elif c.kind is CaseKind.RESUMPTION and out and c.effective_on <= out[-1][1]:
            out[-1][1] = max(out[-1][0], c.effective_on - ONE_DAY)
    return [(a, b) for a, b in out]


def times(history) -> int:
    return sum(c.kind in (CaseKind.SUSPENSION, CaseKind.SUSPENSION_EXTENSION) for c in history)


def current_until(f: ChangeFacts) -> dt.date | None:
    """The last day of the suspension the pupil is in (None when not suspended)."""
    done = periods(f.history)
    return done[-1][1] if f.status is Status.SUSPENDED and done else None


def last_case(f: ChangeFacts, *kinds: CaseKind) -> PastCase | None:
    return next((c for c in reversed(f.history) if c.kind in kinds), None)


def last_day(start: dt.date, iso: str) -> dt.date:
    """The last day of a term of ``iso`` starting on ``start``: P12M from 1 Sep 2026 ends 31 Aug 2027."""
    return add_duration(start, iso) - ONE_DAY


def days(a: dt.date, b: dt.date) -> int:
    return (b - a).days + 1


def back(day: dt.date, iso: str) -> dt.date:
    """``day`` moved back by a duration of months and days (P15D before 30 Jun is 15 Jun)."""
    months, n = _parts(iso)
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY).day
    return dt.date(year, month, min(day.day, last)) - n * ONE_DAY


def describe_iso(iso: str) -> str:
    """P24M → 2 年, P6M → 6 个月, P15D → 15 天."""
    months, n = _parts(iso)
    if months and not n and months % 12 == 0:
        return f"{months // 12} 年"
    return "".join([f"{months} 个月" if months else "", f"{n} 天" if n else ""]) or iso


def _parts(iso: str) -> tuple[int, int]:
    m = re.match(r"^P(?:(\d+)M)?(?:(\d+)D)?$", iso or "")
    if not m:
        raise ValueError(f"无法识别的期限：{iso}")
    return int(m.group(1) or 0), int(m.group(2) or 0)


# ── grades ──
def grade_label(g: int | None) -> str:
    return grade_name(g) if g else "（未选）"
