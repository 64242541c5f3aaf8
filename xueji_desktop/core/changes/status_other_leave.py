"""其他离校 after a suspension ran out and the family could not be reached (《凉山州规定》二(二)3):
only once the term is over, and only with the contact attempts recorded."""

from __future__ import annotations

import re

from ..casework.cases import CaseKind
from ..rules.base import finding
from ..rules.findings import Finding, Severity


def contact_attempts(text) -> list[str]:
    """One attempt per line, or per "；" on a one-line box."""
    return [part.strip() for part in re.split(r"[\n；;]", str(text or "")) if part.strip()]


def other_leave_findings(f) -> list[Finding]:
    p = f.profile
    found: list[Finding] = []
    terms = [c.until for c in f.history if c.kind in (CaseKind.SUSPENSION, CaseKind.SUSPENSION_EXTENSION) and c.until]
    article = p.rule("suspension.unresumed").article if p.applies("suspension.unresumed") else ""
    if not terms:
        found.append(Finding("other_leave.term", Severity.BLOCK, "student",
                             f"{f.name} 没有经审批的休学记录，不能按“休学期满未复学”办理其他离校", article))
    elif max(terms) >= f.today:
        found.append(Finding("other_leave.term", Severity.BLOCK, "student",
                             f"休学尚未期满（至 {max(terms):%Y-%m-%d}），期满后仍未复学且联系不上的，才可办理其他离校",
                             article))
    contacts = contact_attempts(f.details.get("contacts", ""))
    if not contacts:
        found.append(Finding("other_leave.contacts", Severity.BLOCK, "details.contacts",
                             "联系记录：请逐次记录联系家长的日期、联系人、方式和结果（至少一次）", article))
    if p.applies("suspension.unresumed"):
        found.append(finding(p, "suspension.unresumed", None,
                             "休学期满未复学、经联系仍无法联系或不复学的，学校可以做其他离校处理；学籍保留，可申请恢复",
                             severity=Severity.INFO))
    return found
