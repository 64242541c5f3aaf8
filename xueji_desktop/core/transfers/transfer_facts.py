"""What the transfer rules know (gathered by the service) and the profile's refusal entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from ..casework import cases
from ..dates.school_calendar import SchoolCalendar
from ..region_profiles.profiles import Profile
from ..rules.findings import Severity
from ..school.school import SchoolKind, SchoolSystem, is_high

IN, OUT = "in", "out"


@dataclass(frozen=True)
class TransferFacts:
    profile: Profile
    system: SchoolSystem
    school_kind: SchoolKind
    today: dt.date
    direction: str  # "in" (we are the receiving school) or "out"
    grade_from: int | None  # grade at the sending school, 1–9
    grade_to: int | None  # grade at the receiving school
    reason_id: str | None  # one of the profile's transfer.reasons ids
    evidence_seen: frozenset[str] = frozenset()  # evidence labels the registrar recorded as seen
    pupil_status: str | None = None  # core.pupils.status.Status value, when the pupil's record is known here
    punished: bool | None = None  # under an unrevoked punishment (受处分期间); None: no record here shows it
    same_county: bool | None = None  # the other school is in the same county (区县)
    school_area: str = ""  # GB/T 2260 county code of this school
    other_area: str = ""  # … and of the other school
    school_pupils: int = 0  # on-roll pupils of this school (大校额)
    class_occupied: int | None = None  # chosen class (transfer in)
    class_capacity: int | None = None
    grade_classes_full: bool = False  # every class of that grade at its standard size
    private_school: bool = False  # the receiving school is 民办 (for "in": this school)
    declared: Mapping[str, bool] = field(default_factory=dict)  # answers for conditions no record can show
    exam_period: bool | None = None  # 营口: 学籍审核 started and 中考 not over
    filed_on: dt.date | None = None  # 安阳: the Tuesday 转学备案汇总表 filing date
    other_school_agreed: bool | None = None  # 凉山, 长治: both schools agree
    class_name: str | None = None  # the chosen class, for messages
    other_system: SchoolSystem | None = None  # the other school's 学制, when it differs
    key_high_school: bool = False  # this school is a 省级示范高中
    our_private: bool = False  # this school is 民办 (either direction)

    @property
    def high(self) -> bool:
        """A senior-high pupil (高一–高三) on either side."""
        return any(g is not None and is_high(g) for g in (self.grade_from, self.grade_to))

    @property
    def receiving(self) -> bool:
        return self.direction == IN

    @property
    def grade(self) -> int | None:
        """The pupil's grade now (at the sending school)."""
        return self.grade_from if self.grade_from is not None else self.grade_to

    @property
    def sending_system(self) -> SchoolSystem:
        return self.system if not self.receiving else (self.other_system or self.system)

    @property
    def receiving_system(self) -> SchoolSystem:
        return self.system if self.receiving else (self.other_system or self.system)

    @property
    def calendar(self) -> SchoolCalendar:
        return SchoolCalendar.from_profile(self.profile)

    def county(self) -> bool | None:
        """Both schools in the same county (区县); None when neither the flag nor both codes are known."""
        if self.same_county is not None:
            return self.same_county
        return self._codes_match(6)

    def city(self) -> bool | None:
        """Both schools in the same prefecture-level city (the first four digits)."""
        if self.same_county:
            return True
        return self._codes_match(4)

    def province(self) -> bool | None:
        if self.same_county:
            return True
        return self._codes_match(2)

    def _codes_match(self, digits: int) -> bool | None:
        a, b = self.school_area.strip(), self.other_area.strip()
        if len(a) != 6 or len(b) != 6 or not (a.isdigit() and b.isdigit()):
            return None
        return a[:digits] == b[:digits]


@dataclass(frozen=True)
class Refusal:
    """One entry of the profile's ``transfer.refusals``: a condition under which no transfer is made."""

    id: str
    label: str
    article: str
    force: str  # block / warn / info
    quote: str = ""
    note: str = ""
    consequence: str = ""

    @property
    def key(self) -> str:
        return f"transfer.refusals.{self.id}"

    @property
    def severity(self) -> Severity:
        return Severity(self.force)


def refusals(profile: Profile) -> list[Refusal]:
    rule = profile.rule("transfer.refusals")
    if not rule.applies:
        return []
    return [Refusal(item["id"], item.get("label", item["id"]), item.get("article") or rule.article,
                    item.get("force") or rule.force or "warn", item.get("quote", ""), item.get("note", ""),
                    item.get("consequence", ""))
            for item in rule.value]


def punishment_on_record(student, today=None) -> bool | None:
    """Whether ``student`` is under a punishment that is neither revoked nor over (受处分期间) on ``today``,
    read from the school's punishment records (core.discipline): True while one is in force, False when the
    pupil has none in force. Without a day, a punishment with a term counts while it is unrevoked."""
    from ..discipline.discipline_reads import under_punishment

    return under_punishment(student.id, today)


def allowed_reasons(profile: Profile) -> list[dict]:
    """The region's reasons for a transfer (copies of the profile entries: id, label, evidence, article …)."""
    return list(profile.value("transfer.reasons"))


def reason_of(profile: Profile, reason_id: str | None) -> dict | None:
    return next((r for r in allowed_reasons(profile) if r["id"] == reason_id), None)


def evidence_for(profile: Profile, reason_id: str | None, grade: int | None = None) -> list[str]:
    """What the registrar must see: the reason's own papers, then the region's papers for every
    transfer (``transfer.evidence``) unless one of them already names the item (长治's
    “转学相关证明材料（户籍迁移证明、…）” is covered by the reason's 户籍迁移证明); for a 高中 pupil, the
    region's 高中 papers (``transfer.high_evidence``: 长治's 学业水平考试证明, for a pupil who sat it)."""
    reason = reason_of(profile, reason_id)
    needed = list(reason.get("evidence", [])) if reason else []
    if profile.applies("transfer.evidence"):
        for item in profile.value("transfer.evidence"):
            if not any(item == have or have in item or item in have for have in needed):
                needed.append(item)
    return needed + high_evidence(profile, grade)


LEVEL_EXAM = "level_exam_sat"  # the registrar's answer: the pupil sat the 学业水平考试 where the papers ask


def high_evidence(profile: Profile, grade: int | None) -> list[str]:
    if grade is None or not is_high(grade) or not profile.applies("transfer.high_evidence"):
        return []
    return list(profile.value("transfer.high_evidence"))


def level_exam_question(profile: Profile, facts: TransferFacts | None = None) -> Refusal | None:
    """长治 第十八条: whether the pupil has sat the 学业水平考试 decides whether its certificate is needed (asked
    of a 高中 pupil; without facts, whether the region ever asks it)."""
    if facts is not None and not facts.high or not profile.applies("transfer.high_evidence"):
        return None
    rule = profile.rule("transfer.high_evidence")
    return Refusal(LEVEL_EXAM, "学生已在当地参加普通高中学业水平考试", rule.article, "info", rule.quote or "")


def possible_questions(profile: Profile) -> list[Refusal]:
    """Every yes/no the transfer wizard may ask in this region: the refusals, and 长治's 学业水平考试."""
    exam = level_exam_question(profile)
    return refusals(profile) + ([exam] if exam else [])


# The case steps' names, worded as the transfer articles name the offices.
PARTY_LABELS = {**cases.PARTY_LABELS, "bureau": "县级教育行政部门", "school": "学校",
                "receiving_bureau": "转入地教育行政部门", "sending_bureau": "转出地教育行政部门",
                "township_government": "乡镇人民政府"}


def party_label(party: str) -> str:
    return PARTY_LABELS.get(party) or cases.party_label(party)
