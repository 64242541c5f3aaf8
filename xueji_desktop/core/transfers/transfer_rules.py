"""Transfer (转学) rules, RULES.md §3: pure functions over ``TransferFacts`` gathered by the service.

Every number, list, force and article comes from the region's profile (``transfer.*``,
``repetition.*``, ``class_size.*``, ``year_cycle.*``, ``school_calendar.*``); the code is keyed by
reason and refusal ids, never by region. The parts live in siblings:

* ``transfer_facts``    the facts, the profile's refusal entries, reasons and their evidence
* ``transfer_refusals`` one predicate per refusal id, and the registrar's declarations
* ``transfer_time``     window, 营口's 名额分配 window, year cycle, weekly filing, deadlines

    found = transfer_findings(TransferFacts(profile, system, kind, today, "in", 8, 8, "migrant", …))
"""

from __future__ import annotations

from ..admission.enrolment_rules import class_size_findings
from ..dates.school_calendar import stage_label, stage_of
from ..region_profiles.profiles import Profile
from ..rules.base import finding
from ..rules.findings import Finding, Severity, paren
from ..school.school import grade_name, grades_taught
from .transfer_facts import (
    IN,
    LEVEL_EXAM,
    OUT,
    Refusal,
    TransferFacts,
    allowed_reasons,
    evidence_for,
    high_evidence,
    party_label,
    possible_questions,
    reason_of,
    refusals,
)
from .transfer_refusals import ASKED_IDS, PREDICATES, declarations, refusal_findings
from .transfer_time import (
    agreement_findings,
    deadline_findings,
    filing_findings,
    quota_findings,
    window_findings,
    year_cycle_findings,
)

__all__ = ["ASKED_IDS", "IN", "OUT", "PREDICATES", "Refusal", "TransferFacts", "allowed_reasons", "declarations",
           "evidence_for", "forbidden_papers", "possible_questions", "refusals", "transfer_findings"]

# What a reason's wording requires of where the two schools are (keyed by reason id, as in the profiles).
REASON_PLACE = {
    "hukou_and_home_move": "cross_county", "migrant_residence_move": "cross_county",
    "guardian_job_move": "cross_city", "hukou_move_cross_county": "cross_county",
    "hukou_move_within_county": "within_county", "residence_and_hukou_move": "cross_county",
    "migrant_workplace_move": "cross_county", "to_vocational": "within_city",
}
# The entries that forbid a lower grade, in order of preference.
REPETITION_KEYS = ("repetition.demotion_banned", "repetition.disguised_banned", "repetition.banned",
                   "repetition.school_ordered_banned")


def transfer_findings(f: TransferFacts) -> list[Finding]:
    found = reason_findings(f) + evidence_findings(f) + grade_findings(f)
    refused = refusal_findings(f)
    found += class_findings(f, refused) + refused
    found += window_findings(f) + quota_findings(f) + year_cycle_findings(f)
    found += filing_findings(f) + agreement_findings(f) + place_findings(f)
    return found + forbidden_papers(f.profile) + deadline_findings(f)


# ── the reason and its papers ──
def reason_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    reasons = allowed_reasons(p)
    listed = "；".join(f"{i}. {r['label']}" for i, r in enumerate(reasons, 1))
    if not f.reason_id:
        return [finding(p, "transfer.reasons", "reason", f"转学理由：请选择转学理由。准予转学的情形：{listed}",
                        severity=Severity.BLOCK)]
    reason = reason_of(p, f.reason_id)
    if reason is None:
        rule = p.rule("transfer.reasons")
        then = {"block": "不能办理转学，须符合其中之一", "warn": "须记录理由", "info": "请说明转学原因"}[rule.force or "block"]
        return [finding(p, "transfer.reasons", "reason",
                        f"转学理由：所选理由不在本地区准予转学的情形之内{paren(listed)}，{then}")]
    found = []
    if reason.get("force") == "warn":
        who = "、".join(party_label(a) for a in reason.get("approvers", []))
        decides = f"须由{who}视情况办理" if who else "原则上不予办理"
        note = paren(reason.get("note", ""))
        found.append(Finding(f"transfer.reasons.{reason['id']}", Severity.WARN, "reason",
                             f"转学理由：“{reason['label']}”{decides}{note}，请记录理由", reason["article"]))
    if reason.get("stage") == "high" and not f.high:
        found.append(Finding("transfer.reasons", Severity.BLOCK, "reason",
                             f"转学理由：“{reason['label']}”只适用于普通高中学生", reason["article"]))
    if reason.get("direction") and reason["direction"] != f.direction:
        found.append(Finding("transfer.reasons", Severity.BLOCK, "reason",
                             f"转学理由：“{reason['label']}”只适用于转出", reason["article"]))
    mismatch = _place_mismatch(f, REASON_PLACE.get(reason["id"]))
    if mismatch:
        found.append(finding(p, "transfer.reasons", "reason",
                             f"转学理由：“{reason['label']}”要求{mismatch}；请改选转学理由或核对对方学校所在县（区）"))
    return found


def _place_mismatch(f: TransferFacts, place: str | None) -> str:
    county, city = f.county(), f.city()
    if place == "cross_county" and county is True:
        return "跨县（区）迁移，但两校同在一个县（区）"
    if place == "cross_city" and city is True:
        return "跨省、市，但两校同在一个市"
    if place == "within_city" and city is False:
        return "在全市范围内转学，但两校不在同一个市"
    if place == "within_county" and county is False:
        return "在本县（区）内迁移，但两校不在同一个县（区）"
    return ""


def evidence_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    needed = evidence_for(p, f.reason_id)
    if f.declared.get(LEVEL_EXAM):  # 长治 第十八条: the 学业水平考试 certificate, for a pupil who sat it
        needed += [e for e in high_evidence(p, f.grade) if e not in needed]
    missing = [e for e in needed if e not in f.evidence_seen]
    if not missing:
        return []
    reason = reason_of(p, f.reason_id)
    article = p.rule("transfer.evidence").article if p.applies("transfer.evidence") or reason is None \
        else reason["article"]
    why = f"（“{reason['label']}”）" if reason else ""
    return [Finding("transfer.evidence", Severity.BLOCK, "evidence",
                    f"证明材料：尚未查验{'、'.join(missing)}{why}；查验原件后逐项勾选", article)]


def forbidden_papers(profile: Profile) -> list[Finding]:
    """What may not be asked of the family (shown as information beside the evidence)."""
    found = []
    if profile.applies("transfer.forbidden_papers"):
        for item in profile.value("transfer.forbidden_papers"):
            found.append(finding(profile, "transfer.forbidden_papers", "evidence",
                                 f"证明材料：不得要求家长提供{item}", severity=Severity.INFO))
    if profile.applies("transfer.no_fees") and profile.value("transfer.no_fees"):
        found.append(finding(profile, "transfer.no_fees", "evidence",
                             "费用：办理转学不得向学生收取任何费用", severity=Severity.INFO))
    return found


# ── grades ──
def repetition_rule(p: Profile) -> tuple[str, Severity]:
    """The region's rule against a lower grade, which blocks; where no text states one (the national
    baseline), a lower grade is only warned about, with a recorded reason."""
    key = next((k for k in REPETITION_KEYS if p.applies(k)), None)
    return (key, Severity.BLOCK) if key else ("repetition.banned", Severity.WARN)


def grade_findings(f: TransferFacts) -> list[Finding]:
    p, src, dst = f.profile, f.grade_from, f.grade_to
    found: list[Finding] = []
    if f.receiving and dst is not None and dst not in grades_taught(f.school_kind, f.system):
        found.append(Finding("transfer.grade_taught", Severity.BLOCK, "grade_to",
                             f"年级：本校（{f.school_kind.label}，{f.system.label}）不设{grade_name(dst)}，"
                             f"请核对转入年级或改由设有该年级的学校接收"))
    if src is None or dst is None:
        return found
    if dst < src:
        key, severity = repetition_rule(p)
        found.append(finding(p, key, "grade_to",
                             f"年级：转入年级应与转出时所在年级一致（{grade_name(src)}），不能改为{grade_name(dst)}："
                             + ("转入低年级即留级（降级），义务教育阶段不得借转学留级" if severity is Severity.BLOCK
                                else f"转入低年级即留级（降级）；{p.rule(key).note}须记录理由"), severity=severity))
    elif dst > src and p.applies("transfer.same_grade"):
        found.append(finding(p, "transfer.same_grade", "grade_to",
                             f"年级：转入年级应与转出时所在年级一致（{grade_name(src)}），不能改为{grade_name(dst)}"))
    if f.other_system and f.other_system != f.system and p.applies("transfer.grade_mapping") and dst == src:
        sending, receiving = f.sending_system, f.receiving_system
        a, b = stage_label(stage_of(src, sending)), stage_label(stage_of(dst, receiving))
        change = f"，学段由{a}变为{b}" if a != b else ""
        found.append(finding(p, "transfer.grade_mapping", "grade_to",
                             f"年级：{sending.label}与{receiving.label}之间按1—9年级对应，{sending.label}{grade_name(src)}"
                             f"对应{receiving.label}{grade_name(dst)}{change}", severity=Severity.INFO))
    return found


# ── the class and the school's places ──
def class_findings(f: TransferFacts, refused: list[Finding]) -> list[Finding]:
    if not f.receiving or f.class_occupied is None or f.grade_to is None:
        return []
    found = class_size_findings(f.profile, f.system, f.grade_to, f.class_name or "所选班级", f.class_occupied,
                                f.class_capacity)
    if any(r.rule == "transfer.refusals.class_full" for r in refused):  # the region's own refusal says it
        found = [x for x in found if x.severity is Severity.BLOCK]
    return found


def place_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    found = []
    elsewhere = p.applies("transfer.no_place") and p.value("transfer.no_place") != "wait"  # "wait" is a refusal
    if f.receiving and f.grade_classes_full and elsewhere:
        rule = p.rule("transfer.no_place")
        found.append(finding(p, "transfer.no_place", "school_class",
                             f"班级：转入年级没有空余学位；{rule.quote or '由主管教育行政部门统筹安排'}", severity=Severity.INFO))
    if f.receiving and f.private_school and p.applies("transfer.private_school") and f.grade_to is not None:
        rule = p.value("transfer.private_school")
        stage = stage_of(f.grade_to, f.system)
        years = f.system.primary_years if stage == "primary" else 9 - f.system.primary_years
        share = years * rule["ratio_multiplier"] - rule["ratio_subtract"]
        found.append(finding(p, "transfer.private_school", "school_class",
                             f"民办学校：{years}年制{stage_label(stage)}可转入比例不超过 1/{share}，"
                             f"报{party_label(rule['approver'])}审批；申请超过可转入学位的随机录取",
                             severity=Severity.INFO))
    return found
