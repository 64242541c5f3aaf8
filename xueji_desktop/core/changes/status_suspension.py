"""休学, 延长休学, 复学 (RULES.md §4); the grade and class of the return are ``status_return``'s.

Grounds, evidence, terms, caps, graduating-grade limits and the resumption grade come from the
profile's ``suspension.*``, ``resumption.*`` and ``repetition.*``; graduating-grade items are keyed
by their id (``after_exam_registration``, ``final_term``, any other: the graduating grade itself).
"""

from __future__ import annotations

from ..casework.cases import CaseKind
from ..dates.school_calendar import MIDDLE, SPRING, SchoolCalendar, graduating_grade, is_graduating
from ..rules.base import finding
from ..rules.findings import Finding, Severity, paren
from ..school.school import grade_name
from .status_facts import (
    ONE_DAY,
    OTHER_GROUND,
    ChangeFacts,
    Question,
    applicable,
    back,
    chain_text,
    current_until,
    days,
    declaration,
    describe_iso,
    is_illness,
    last_case,
    last_day,
    missing_evidence,
    periods,
    times,
)
from .status_return import return_findings


def grounds(p) -> list[dict]:
    return list(p.value("suspension.grounds")) if p.applies("suspension.grounds") else []


def ground_of(p, ground_id: str | None) -> dict | None:
    return next((g for g in grounds(p) if g["id"] == ground_id), None)


def suspension_evidence(f: ChangeFacts) -> list[str]:
    p = f.profile
    if f.kind is CaseKind.SUSPENSION_EXTENSION:
        return list(p.value("suspension.extension")["evidence"]) if p.applies("suspension.extension") else []
    ground = ground_of(p, f.ground_id)
    return applicable(ground.get("evidence", []), f.stage) if ground else []


def resumption_evidence(f: ChangeFacts) -> list[str]:
    p = f.profile
    if not p.applies("resumption.evidence"):
        return []
    start = last_case(f, CaseKind.SUSPENSION)
    ground = ground_of(p, start.ground_id) if start else None
    illness = is_illness(ground["label"]) if ground else None
    return applicable(p.value("resumption.evidence"), f.stage, illness)


def questions(f: ChangeFacts) -> list[Question]:
    p, qs = f.profile, []
    if p.applies("suspension.not_for_repetition"):
        qs.append(Question("for_repetition", "是否以留级或降级为目的申请休学", "suspension.not_for_repetition"))
    if f.kind is CaseKind.SUSPENSION and f.grade == graduating_grade(f.system, MIDDLE):
        if any(i["id"] == "after_exam_registration" for i in _graduating_items(p)):
            qs.append(Question("after_exam_registration", "本届中考报名是否已经结束", "suspension.graduating_grade"))
    return qs


# ── 休学 and 延长休学 ──
def suspension_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = _ground_findings(f) if f.kind is CaseKind.SUSPENSION else _extension_findings(f)
    found += missing_evidence(p, "suspension.grounds" if f.kind is CaseKind.SUSPENSION else "suspension.extension",
                              suspension_evidence(f), f.evidence_seen, _evidence_article(f))
    found += _term_findings(f)
    if f.kind is CaseKind.SUSPENSION:
        found += _graduating_findings(f)
    for q in questions(f):
        if q.id == "for_repetition":
            found += declaration(f, q, finding(p, q.key, f"declared.{q.id}",
                                               "休学目的：严禁以留级或降级为目的办理休学，不能办理；"
                                               "复学时按接续学业安排年级"))
    found += _answer_deadline(f)
    if f.kind is CaseKind.SUSPENSION and p.applies("suspension.keeps_status"):
        found.append(finding(p, "suspension.keeps_status", None, "学籍：休学期间学校为其保留学籍",
                             severity=Severity.INFO))
    return found


def _evidence_article(f: ChangeFacts) -> str | None:
    ground = ground_of(f.profile, f.ground_id) if f.kind is CaseKind.SUSPENSION else None
    return ground.get("article") if ground else None


def _ground_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    listed = "；".join(f"{i}. {g['label']}" for i, g in enumerate(grounds(p), 1))
    if not f.ground_id:
        return [finding(p, "suspension.grounds", "ground", f"休学情形：请选择休学情形{paren('本地区可以休学的情形：' + listed)}",
                        severity=Severity.BLOCK)]
    ground = ground_of(p, f.ground_id)
    if ground is not None:
        if ground.get("note"):
            return [Finding(f"suspension.grounds.{ground['id']}", Severity.INFO, "ground",
                            f"休学情形：{ground['label']}{paren(ground['note'])}", ground["article"])]
        return []
    rule = p.rule("suspension.grounds")
    if rule.force == "warn":  # 凉山: other reasons are for the bureau to judge, with the reason recorded
        what = "其他原因" if f.ground_id == OTHER_GROUND else "所选情形"
        return [finding(p, "suspension.grounds", "ground",
                        f"休学情形：{what}不在本地区规定的休学情形之内{paren(listed)}；须写明理由，由教育主管部门审核"
                        + paren(rule.note))]
    return [finding(p, "suspension.grounds", "ground",
                    f"休学情形：本地区只有以下情形可以休学：{listed}；所选情形不在其中，不能办理休学"
                    + paren(rule.note), severity=Severity.BLOCK)]


def _extension_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("suspension.extension"):
        if p.applies("suspension.max_times"):
            return [Finding("suspension.extension", Severity.INFO, None,
                            "延长休学：本地区未另行规定延长休学，按再次休学办理并计入休学次数",
                            p.rule("suspension.max_times").article)]
        return []
    rule, value = p.rule("suspension.extension"), p.value("suspension.extension")
    text = f"延长休学：经{chain_text(value['approvers'])}同意后继续休学" + paren(rule.note)
    return [finding(p, "suspension.extension", None, text, severity=Severity.INFO)]


def _term_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    now_until = current_until(f)
    extending = f.kind is CaseKind.SUSPENSION_EXTENSION and now_until is not None
    start = now_until + ONE_DAY if extending else f.effective
    if f.until is None:
        return [Finding("suspension.until", Severity.BLOCK, "until", "休学期限：请填写休学截止日期（休学的最后一天）")]
    if extending and f.until <= now_until:
        return [Finding("suspension.until", Severity.BLOCK, "until",
                        f"休学期限：延长后的截止日期应晚于现在的截止日期 {now_until:%Y-%m-%d}（现为 {f.until:%Y-%m-%d}）")]
    if f.until < start:
        return [Finding("suspension.until", Severity.BLOCK, "until",
                        f"休学期限：截止日期 {f.until:%Y-%m-%d} 早于开始日期 {start:%Y-%m-%d}")]
    found = []
    if p.applies("suspension.usual_length"):
        iso = p.value("suspension.usual_length")
        limit = last_day(start, iso)
        if f.until > limit:
            what = "延长期限" if f.kind is CaseKind.SUSPENSION_EXTENSION else "休学期限"
            found.append(finding(p, "suspension.usual_length", "until",
                                 f"{what}：{start:%Y-%m-%d} 至 {f.until:%Y-%m-%d} 超过 {describe_iso(iso)}"
                                 f"（至 {limit:%Y-%m-%d}）；请缩短期限或说明理由"))
    done = periods(f.history)
    if extending and done:
        done[-1] = (done[-1][0], f.until)
    else:
        done.append((start, f.until))
    if p.applies("suspension.max_total"):
        iso = p.value("suspension.max_total")
        first = done[0][0]
        total, limit = sum(days(a, b) for a, b in done), days(first, last_day(first, iso))
        if total > limit:
            found.append(finding(p, "suspension.max_total", "until",
                                 f"休学期限：连同以前的休学共 {total} 天，超过累计 {describe_iso(iso)}（{limit} 天）；"
                                 f"截止日期最晚为 {done[-1][1] - (total - limit) * ONE_DAY:%Y-%m-%d}"))
    if p.applies("suspension.max_times"):
        cap, count = p.value("suspension.max_times"), times(f.history) + 1
        if count > cap:
            found.append(finding(p, "suspension.max_times", "until",
                                 f"休学次数：该生已休学（含延长）{count - 1} 次，本次为第 {count} 次，超过 {cap} 次"))
    return found


def _graduating_items(p) -> list[dict]:
    return list(p.value("suspension.graduating_grade")) if p.applies("suspension.graduating_grade") else []


def _graduating_findings(f: ChangeFacts) -> list[Finding]:
    if not is_graduating(f.grade, f.system):
        return []
    found = []
    for item in _graduating_items(f.profile):
        severity = Severity(item.get("force") or "warn")
        who = f"，报{chain_text(item['approvers'])}" if item.get("approvers") else ""
        rule = f"suspension.graduating_grade.{item['id']}"
        field = "effective_on"
        if item["id"] == "after_exam_registration":
            q = next((q for q in questions(f) if q.id == item["id"]), None)
            if q is not None:
                found += declaration(f, q, Finding(rule, severity, f"declared.{q.id}",
                                                   f"毕业年级：已确认{item['label']}{paren(item.get('quote') or '')}"
                                                   f"{_THEN[severity]}{who}", item["article"]))
            continue
        if item["id"] == "final_term" and SchoolCalendar.from_profile(f.profile).term_of(f.effective).name != SPRING:
            continue
        found.append(Finding(rule, severity, field,
                             f"毕业年级：{grade_name(f.grade)}属毕业年级，{item['label']}"
                             f"{paren(item.get('quote') or '')}{_THEN[severity]}{who}", item["article"]))
    return found


_THEN = {Severity.BLOCK: "，不能办理", Severity.WARN: "；须说明理由，从严审批", Severity.INFO: ""}


def _answer_deadline(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("suspension.answer_deadline_working_days"):
        return []
    n = p.value("suspension.answer_deadline_working_days")
    due = f.calendar.add_working_days(f.applied, n)
    note = f"；{due.warning}" if due.warning else ""
    return [finding(p, "suspension.answer_deadline_working_days", "applied_on",
                    f"答复时限：学校和主管教育行政部门应分别自收到申请之日起 {n} 个工作日内明确答复"
                    f"（学校至 {due.day:%Y-%m-%d}）{note}", severity=Severity.INFO)]


# ── 复学 ──
def resumption_findings(f: ChangeFacts) -> list[Finding]:
    p = f.profile
    found = missing_evidence(p, "resumption.evidence", resumption_evidence(f), f.evidence_seen, severity=None) \
        if p.applies("resumption.evidence") else []
    until = current_until(f)
    if until is not None and p.applies("resumption.apply_window"):
        iso = p.value("resumption.apply_window")
        opens = back(until, iso)
        if not opens <= f.applied <= until:
            when = "早于" if f.applied < opens else "晚于"
            found.append(finding(p, "resumption.apply_window", "applied_on",
                                 f"申请日期：复学须在休学期满前 {describe_iso(iso)}内申请"
                                 f"（{opens:%Y-%m-%d} 至 {until:%Y-%m-%d}），{f.applied:%Y-%m-%d} {when}此期间；请说明理由"))
    if until is not None and f.effective <= until and p.applies("resumption.early_allowed") \
            and p.value("resumption.early_allowed"):
        note = p.rule("resumption.early_allowed").note
        found.append(finding(p, "resumption.early_allowed", "effective_on",
                             f"提前复学：休学至 {until:%Y-%m-%d}，{f.effective:%Y-%m-%d} 提前复学"
                             + paren(note), severity=Severity.INFO))
    return found + return_findings(f)
