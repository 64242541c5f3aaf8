"""The grade and class of a pupil coming back (复学, 入境复学, 失踪后复学): continuity from the grade
the pupil left (``resumption.grade``: continuing, original, next), never lower (``repetition.*``),
a grade the school teaches, and a class of that grade within the class-size limits.
"""

from __future__ import annotations

from ..admission.enrolment_rules import class_size_findings
from ..casework.cases import CaseKind
from ..rules.base import finding
from ..rules.findings import Finding, Severity
from ..school.school import grade_name, grades_taught
from ..transfers.transfer_rules import repetition_rule
from .status_facts import ChangeFacts, grade_label, last_case


def grade_before(f: ChangeFacts) -> int:
    """The grade the pupil left from (休学, 出国), continued on return."""
    start = {CaseKind.RESUMPTION: (CaseKind.SUSPENSION,), CaseKind.RETURN_FROM_ABROAD: (CaseKind.ABROAD,),
             CaseKind.MISSING_RETURN: (CaseKind.MISSING,)}.get(f.kind, ())
    left = last_case(f, *start) if start else None
    return left.grade_at_start if left and left.grade_at_start else f.grade


def allowed_grades(f: ChangeFacts) -> list[int]:
    p, before = f.profile, grade_before(f)
    modes = p.value("resumption.grade") if p.applies("resumption.grade") else ["continuing"]
    out = {before + 1 if m == "next" else before for m in modes}
    return sorted(g for g in out if 1 <= g <= 9)


def return_findings(f: ChangeFacts) -> list[Finding]:
    """The grade and class of a pupil coming back: continuity, never lower, the class's limits."""
    p, before, allowed = f.profile, grade_before(f), allowed_grades(f)
    options = "、".join(grade_name(g) for g in allowed)
    g = f.return_grade
    if g is None:
        if f.kind is CaseKind.MISSING_RETURN:
            g = before
        else:
            return [Finding("resumption.return_grade", Severity.BLOCK, "return_grade",
                            f"复学年级：请选择复学后就读的年级（可选：{options}）")]
    found = []
    if g not in grades_taught(f.school_kind, f.system):
        return [Finding("resumption.return_grade", Severity.BLOCK, "return_grade",
                        f"复学年级：本校（{f.school_kind.label}）不设{grade_name(g)}，请改选或办理转学")]
    if g < before:
        key, severity = repetition_rule(p)
        found.append(finding(p, key, "return_grade",
                             f"复学年级：离校时在{grade_name(before)}，不能回到更低的{grade_name(g)}：义务教育阶段不得留级、降级"
                             f"（可选：{options}）" if severity is Severity.BLOCK else
                             f"复学年级：离校时在{grade_name(before)}，回到更低的{grade_name(g)}即留级、降级；"
                             f"{p.rule(key).note}须记录理由（可选：{options}）", severity=severity))
    elif g > max(allowed) + 1 or (g > before + 1 and g not in allowed):  # a return never skips a grade
        found.append(finding(p, "resumption.grade", "return_grade",
                             f"复学年级：按接续学业原则应为{options}，不能到{grade_name(g)}：跨越年级须按跳级程序办理",
                             severity=Severity.BLOCK))
    elif g not in allowed:
        severity = Severity.BLOCK if p.rule("resumption.grade").force == "block" else Severity.WARN
        found.append(finding(p, "resumption.grade", "return_grade",
                             f"复学年级：按接续学业原则应为{options}，选{grade_name(g)}须说明理由（如休学前已学完{grade_name(before)}）",
                             severity=severity))
    if p.applies("contradictions.resumption_grade") and f.kind is CaseKind.RESUMPTION:
        found.append(finding(p, "contradictions.resumption_grade", "return_grade",
                             f"复学年级：{p.rule('contradictions.resumption_grade').note}", severity=Severity.INFO))
    return found + _class_findings(f, g)


def _class_findings(f: ChangeFacts, grade: int) -> list[Finding]:
    if f.class_unknown:
        return [Finding("resumption.school_class", Severity.BLOCK, "school_class", "班级：所选班级不存在，请重新选择")]
    k = f.return_class
    if k is None or k.grade != grade:
        if k is not None and f.details.get("class_id"):
            return [Finding("resumption.school_class", Severity.BLOCK, "school_class",
                            f"班级：{k.name}属于{grade_name(k.grade)}，与复学年级{grade_label(grade)}不符")]
        return [Finding("resumption.school_class", Severity.BLOCK, "school_class",
                        f"班级：请选择{grade_label(grade)}的班级")]
    return class_size_findings(f.profile, f.system, grade, k.name, k.occupied, k.capacity)
