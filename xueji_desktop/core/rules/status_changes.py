"""Rules of the status changes (休学, 复学, 出国, 退学, 死亡, 失踪, 借读, 关键信息变更), region by region.

`change_findings(ws, draft, student)` returns the findings of one draft; `apply_completion(ws, tx,
case, student, data)` makes the kind's own changes when the last approver agrees and returns the
one-line summary for the history. Minimal first version: evidence and grounds from the profile.
"""

from __future__ import annotations

from ..cases import CaseKind
from ..findings import Finding, Severity


def _block(field: str, message: str, article: str = "") -> Finding:
    return Finding(f"change.{field}", Severity.BLOCK, field, message, article)


def change_findings(ws, draft, student) -> list[Finding]:
    from ..workflows.status_change import CHANGES

    spec = CHANGES[draft.kind]
    found: list[Finding] = []
    if spec.evidence and ws.profile.applies(spec.evidence):
        rule = ws.profile.rule(spec.evidence)
        value = rule.value
        if isinstance(value, list) and value and isinstance(value[0], dict):  # a grounds list
            grounds = {g["id"]: g for g in value}
            ground = grounds.get(draft.ground_id)
            if ground is None:
                found.append(_block("ground", f"理由：请从本地区规定的情形中选择（{'；'.join(g['label'] for g in value)}）",
                                    rule.article))
            else:
                missing = [e for e in ground.get("evidence", []) if e not in draft.evidence_seen]
                if missing:
                    found.append(_block("evidence", f"证明材料：尚未查验 {'、'.join(missing)}", ground.get("article", rule.article)))
        elif isinstance(value, list):
            missing = [e for e in value if isinstance(e, str) and e not in draft.evidence_seen]
            if missing:
                found.append(_block("evidence", f"证明材料：尚未查验 {'、'.join(missing)}", rule.article))
    return found


def apply_completion(ws, tx, case, student, data) -> str:
    kind = CaseKind(case.kind)
    return f"{kind.label}：{student.name}（申请 {case.number} 办结）"
