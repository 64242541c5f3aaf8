"""The profile's ``transfer.refusals``, one predicate per refusal id (the same id is the same condition
in every region; the force, article and wording come from the region's entry).

A predicate returns what the facts show: a description of the case (the refusal holds), False (it
does not), or None (no record here can show it). For None the registrar's answer in
``facts.declared[id]`` decides; with no answer the wizard must ask (a block “请确认：…”). Ids with no
predicate here — a region may add new ones — are always asked.
"""

from __future__ import annotations

import re
from typing import Callable, Union

from ..dates.school_calendar import SPRING, is_graduating, stage_label, stage_of
from ..pupils.status import Status
from ..region_profiles.profiles import Profile
from ..rules.findings import Finding, Severity
from ..school.school import SchoolKind, grade_name, stage_key
from .transfer_facts import Refusal, TransferFacts, level_exam_question, refusals

Outcome = Union[str, bool, None]  # str: holds, with what the facts show; False: does not hold; None: ask
Predicate = Callable[[TransferFacts, Refusal], Outcome]

_HOLDS = {Severity.BLOCK: "不能办理转学", Severity.WARN: "原则上不得转学，如确需办理须记录理由",
          Severity.INFO: "请告知家长"}


def _exam_period(f: TransferFacts, r: Refusal) -> Outcome:
    if f.grade not in (8, 9):
        return False
    during = f.exam_period if f.exam_period is not None else f.calendar.exam_period(f.today)
    if during is None:
        return None
    return f"转学时间：{grade_name(f.grade)}学生，今天在学籍审核开始后、中考结束前" if during else False


def _grade9_second_term(f: TransferFacts, r: Refusal) -> Outcome:
    term = f.calendar.term_of(f.today)
    return f"转学时间：九年级学生，今天属{term.label}" if f.grade == 9 and term.name == SPRING else False


def _no_free_place(f: TransferFacts, r: Refusal) -> Outcome:
    if not f.receiving or not f.grade_classes_full:
        return False
    grade = grade_name(f.grade_to) if f.grade_to else "转入年级"
    return f"班级：本校{grade}各班均已达到班额，没有空余学位（待有学位后方可办理）"


def _class_full(f: TransferFacts, r: Refusal) -> Outcome:
    if not f.receiving or f.class_occupied is None or f.grade_to is None:
        return False
    standard = f.profile.value(f"class_size.{stage_key(f.grade_to, f.system)}_standard")
    if f.class_occupied < standard:
        return False
    return f"班级：{f.class_name or '所选班级'}已有 {f.class_occupied} 人，达到标准班额 {standard} 人"


def _graduating(f: TransferFacts) -> str | None:
    for grade, system in ((f.grade_from, f.sending_system), (f.grade_to, f.receiving_system)):
        if is_graduating(grade, system):
            return f"{grade_name(grade)}是{stage_label(stage_of(grade, system))}毕业年级"
    return None


def _graduating_grade(f: TransferFacts, r: Refusal) -> Outcome:
    found = _graduating(f)
    return f"年级：{found}" if found else False


def _graduating_within_county(f: TransferFacts, r: Refusal) -> Outcome:
    found = _graduating(f)
    if not found:
        return False
    same = f.county()
    if same is None:
        return None
    return f"年级：{found}，且两校同在一个县（区）" if same else False


def _while_suspended(f: TransferFacts, r: Refusal) -> Outcome:
    if f.pupil_status is None:
        return None
    if f.pupil_status == Status.SUSPENDED.value:
        return "学生：学籍状态为“休学”（须先在原学校办理复学）"
    return False


def _while_punished(f: TransferFacts, r: Refusal) -> Outcome:
    """受处分期间, either way: our own record for a pupil leaving (``punishment_on_record``), the other
    school's for a pupil coming in; where no record shows it, the registrar answers."""
    if f.punished:
        return "学生：在受处分期间（处分未撤销）"
    return False if f.punished is False else None


def _to_repeat_or_demote(f: TransferFacts, r: Refusal) -> Outcome:
    if f.grade_from is None or f.grade_to is None or f.grade_to >= f.grade_from:
        return False
    return f"年级：转入{grade_name(f.grade_to)}低于原{grade_name(f.grade_from)}"


def _starting_grade_first_term(f: TransferFacts, r: Refusal) -> Outcome:
    grade = f.grade_from if f.grade_from is not None else f.grade_to
    if grade is None or not f.calendar.first_term_of_starting_grade(f.today, grade, f.sending_system):
        return False
    return f"转学时间：{grade_name(grade)}是起始年级，今天属其第一学期（{f.calendar.term_of(f.today).label}）"


def _oversize_limit(f: TransferFacts, r: Refusal) -> int | None:
    """The 大校额 from the entry's label: the first number for a 小学 or 初中, the last for a 一贯制 school."""
    numbers = [int(n) for n in re.findall(r"(\d+)\s*人", r.label)]
    if not numbers:
        return None
    return numbers[-1] if f.school_kind is SchoolKind.NINE_YEAR else numbers[0]


def _school_oversize(f: TransferFacts, r: Refusal) -> Outcome:
    if not f.receiving:
        return False
    limit = _oversize_limit(f, r)
    if limit is None:
        return None
    if f.school_pupils <= limit:
        return False
    return f"学校：本校（{f.school_kind.label}）在校生 {f.school_pupils} 人，超过大校额 {limit} 人"


def _all_classes_full(f: TransferFacts, r: Refusal) -> Outcome:
    if not f.receiving or not f.grade_classes_full:
        return False
    grade = grade_name(f.grade_to) if f.grade_to else "转入年级"
    return f"班级：本校{grade}所有班级均已达到标准班额"


def _within_district(f: TransferFacts, r: Refusal) -> Outcome:
    same = f.county()
    if same is None:
        return None
    return "对方学校：与本校同在本区（县）" if same else False


def _mid_term(f: TransferFacts, r: Refusal) -> Outcome:
    window = f.profile.value("transfer.window")
    if not f.calendar.is_mid_term(f.today, window):
        return False
    return f"转学时间：今天（{f.today:%Y-%m-%d}）在学期中（{f.calendar.term_of(f.today).label}）"


# 高中 (长治 第二十条, 凉山 二(一)6(2)): what this school is settles one side; the other school's side is asked.
# A pupil going to a 中职 school (长治 第十九条, reason to_vocational) is not moving between 普通高中.
TO_VOCATIONAL = "to_vocational"


def _between_high_schools(f: TransferFacts) -> bool:
    return f.high and f.reason_id != TO_VOCATIONAL


def _ordinary_to_key_high(f: TransferFacts, r: Refusal) -> Outcome:
    if not _between_high_schools(f):
        return False
    if f.receiving:  # into a 省级示范高中: was the sending school an ordinary one?
        return None if f.key_high_school else False
    return False if f.key_high_school else None  # from an ordinary one: is the receiving school a 示范高中?


def _private_to_public_high(f: TransferFacts, r: Refusal) -> Outcome:
    if not _between_high_schools(f):
        return False
    if f.receiving:  # into a 公办 school: was the sending school 民办?
        return False if f.our_private else None
    return None if f.our_private else False  # from a 民办 school: is the receiving school 公办?


def _within_city_high(f: TransferFacts, r: Refusal) -> Outcome:
    if not _between_high_schools(f):
        return False
    return False if f.city() is False else None  # another city settles it; within the city the registrar says


def _from_vocational(f: TransferFacts, r: Refusal) -> Outcome:
    return None if f.high and f.receiving else False


# Asked of the registrar; the facts can only rule a case out.
def _private_bulk(f: TransferFacts, r: Refusal) -> Outcome:
    return None if f.private_school else False


def _city_middle_move(f: TransferFacts, r: Refusal) -> Outcome:
    grade = f.grade_from if f.grade_from is not None else f.grade_to
    if grade is not None and stage_of(grade, f.sending_system) == "primary":
        return False
    return False if f.county() is False else None


def _asked(f: TransferFacts, r: Refusal) -> Outcome:
    return None


PREDICATES: dict[str, tuple[Predicate, str]] = {  # id → (predicate, wizard field when the facts decide)
    "exam_period_grades_8_9": (_exam_period, "window"),
    "grade9_second_term": (_grade9_second_term, "window"),
    "no_free_place": (_no_free_place, "school_class"),
    "class_full": (_class_full, "school_class"),
    "graduating_grade": (_graduating_grade, "grade_to"),
    "graduating_grade_within_county": (_graduating_within_county, "grade_to"),
    "while_suspended": (_while_suspended, "student"),
    "while_punished": (_while_punished, "student"),
    "to_repeat_or_demote": (_to_repeat_or_demote, "grade_to"),
    "starting_grade_first_term": (_starting_grade_first_term, "window"),
    "school_oversize": (_school_oversize, "school_class"),
    "all_classes_full": (_all_classes_full, "school_class"),
    "within_district": (_within_district, "other_area"),
    "mid_term": (_mid_term, "window"),
    "private_bulk_over_ratio": (_private_bulk, "declared.private_bulk_over_ratio"),
    "city_middle_move_within_county": (_city_middle_move, "declared.city_middle_move_within_county"),
    "ordinary_to_key_high": (_ordinary_to_key_high, ""),
    "private_to_public_high": (_private_to_public_high, ""),
    "within_city_high": (_within_city_high, ""),
    "from_vocational": (_from_vocational, ""),
    "school_choice": (_asked, ""),
    "minor_separate_household": (_asked, ""),
    "ethnic_stream_from_other": (_asked, ""),
    "school_ordered": (_asked, ""),
}
HIGH_ONLY_IDS = frozenset({"ordinary_to_key_high", "private_to_public_high", "within_city_high", "from_vocational"})
ASKED_IDS = frozenset(i for i, (p, _) in PREDICATES.items() if p in (_asked, _private_bulk, _city_middle_move))


def outcome(f: TransferFacts, refusal: Refusal) -> Outcome:
    predicate, _ = PREDICATES.get(refusal.id, (_asked, ""))
    return predicate(f, refusal)


def declarations(profile: Profile, facts: TransferFacts | None = None) -> list[Refusal]:
    """The refusals the registrar must answer: always those no record can show; with ``facts``, exactly
    those the facts leave open (e.g. 休学期间 for a pupil coming from another school)."""
    if facts is None:
        return [r for r in refusals(profile) if r.id in ASKED_IDS or r.id not in PREDICATES]
    exam = level_exam_question(profile, facts)
    return [r for r in refusals(profile) if outcome(facts, r) is None] + ([exam] if exam else [])


def refusal_findings(f: TransferFacts) -> list[Finding]:
    found = []
    for r in refusals(f.profile):
        result = outcome(f, r)
        if result is False:
            continue
        tail = _HOLDS[r.severity] + (f"；{r.consequence}" if r.consequence else "")
        if isinstance(result, str):
            field = PREDICATES[r.id][1] or f"declared.{r.id}"
            found.append(Finding(r.key, r.severity, field, f"{result}，属“{r.label}”，{tail}", r.article))
            continue
        answer = f.declared.get(r.id)
        if answer is None:
            found.append(Finding(r.key, Severity.BLOCK, f"declared.{r.id}", f"请确认：{r.label}", r.article))
        elif answer:
            found.append(Finding(r.key, r.severity, f"declared.{r.id}",
                                 f"转学情形：已确认属“{r.label}”，{tail}", r.article))
    exam = level_exam_question(f.profile, f)
    if exam and f.declared.get(exam.id) is None:
        found.append(Finding("transfer.high_evidence", Severity.BLOCK, f"declared.{exam.id}",
                             f"请确认：{exam.label}（已参加的须提供省级学业水平考试证明）", exam.article))
    return found
