"""关键信息变更 (RULES.md §2): which fields go through the case, each new value validated, the birth
date and the ID number's birth part locked where the region says so (``info_change.*``).

The region lists its key and routine fields by their Chinese labels; they map to ``core.pupils.fields``
keys. Routine fields are refused here (the registrar changes them directly); every other field of
the record can only change through this case, since the direct change refuses it.
"""

from __future__ import annotations

from ..pupils import codes, ids
from ..pupils.fields import STUDENT, Kind
from ..pupils.validation import STANDARD, check_field, check_identity, parse_date
from ..rules.base import finding
from ..rules.findings import Finding, Severity, blocks, paren
from .status_facts import ChangeFacts, chain_text, missing_evidence


def keys_of(p, key: str) -> list[str]:
    by_label = {f.label: f.key for f in STUDENT.values()}
    return [by_label[x] for x in (p.value(key) if p.applies(key) else []) if x in by_label]


def stored(field, value):
    """The value as the record keeps it (a date, a code), like enrolment writes it."""
    text = value.strip() if isinstance(value, str) else value
    if field.kind is Kind.DATE:
        return parse_date(text)
    if field.kind is Kind.CODE and text:
        return field.table.code(text) or text
    if field.kind is Kind.ID_NUMBER and text:
        return "".join(str(text).split()).upper()
    return text or ""


def changed(f: ChangeFacts) -> dict[str, object]:
    """Field key → new stored value, for the keys whose value really changes."""
    out = {}
    for key, value in f.changes.items():
        field = STUDENT.get(key)
        if field is None:
            continue
        before = f.record.get(key) or (None if field.kind is Kind.DATE else "")
        if stored(field, value) != before:
            out[key] = stored(field, value)
    return out


def info_findings(f: ChangeFacts) -> list[Finding]:
    p, today = f.profile, f.today
    if not f.changes:
        return [Finding("info_change.changes", Severity.BLOCK, "changes", "变更内容：请填写要变更的信息项和新值")]
    routine, key_fields = set(keys_of(p, "info_change.routine_fields")), set(keys_of(p, "info_change.key_fields"))
    new = changed(f)
    found: list[Finding] = []
    for key, value in f.changes.items():
        field, where = STUDENT.get(key), f"changes.{key}"
        if field is None:
            found.append(Finding("info_change.changes", Severity.BLOCK, where, f"变更内容：“{key}”不是学籍信息项"))
        elif key in routine:
            found.append(finding(p, "info_change.routine_fields", where,
                                 f"{field.label}：属于日常维护信息，直接修改即可，无须办理关键信息变更", severity=Severity.BLOCK))
            new.pop(key, None)
        elif key == "birth_date" and key in new and _birth_locked(p):
            old = f.record.get("birth_date")
            now = f"（现为 {old:%Y-%m-%d}）" if old else ""
            found.append(finding(p, "info_change.birth_date_locked", where,
                                 f"出生日期：学籍建立后出生日期{now}和身份证件号中对应的部分都不予变更，请撤销此项"))
            new.pop(key, None)
        elif field.kind is not Kind.ID_NUMBER and key in new:
            found += check_field(field, value, where, today)
    if not new and not blocks(found):
        return [Finding("info_change.changes", Severity.BLOCK, "changes", "变更内容：与现有信息相同，没有任何修改")]
    found += _identity_findings(f, new)
    others = [STUDENT[k].label for k in new if k not in key_fields]
    if others and key_fields:
        found.append(finding(p, "info_change.key_fields", "changes",
                             f"变更内容：{'、'.join(others)}不在关键信息之列，但也不能直接修改，同样凭证明经审批后变更",
                             severity=Severity.INFO))
    if p.applies("info_change.key_change_evidence"):
        papers = list(p.value("info_change.key_change_evidence"))
        found += missing_evidence(p, "info_change.key_change_evidence", papers, f.evidence_seen, severity=None)
    if p.applies("info_change.key_change_approvers"):
        rule = p.rule("info_change.key_change_approvers")
        found.append(finding(p, "info_change.key_change_approvers", None,
                             f"审批：{chain_text(rule.value)}" + paren(rule.note),
                             severity=Severity.INFO))
    return found


def _birth_locked(p) -> bool:
    return p.applies("info_change.birth_date_locked") and bool(p.value("info_change.birth_date_locked"))


def _identity_findings(f: ChangeFacts, new: dict) -> list[Finding]:
    """A changed ID number (or type, birth date, sex) must still make one valid, consistent identity."""
    p, record = f.profile, f.record
    if not {"id_type", "id_number", "birth_date", "sex"} & set(new):
        return []
    merged = {**record, **new}
    id_type, number = merged.get("id_type") or codes.RESIDENT_ID, merged.get("id_number") or ""
    where = "changes.id_number" if "id_number" in new else "changes.id_type" if "id_type" in new else None
    found: list[Finding] = []
    if where:
        found += check_identity(id_type, number, where, f.today)
    if id_type != codes.RESIDENT_ID or blocks(found):
        return found
    result = ids.check_resident_id(number, f.today)
    if not result.ok:
        return found
    old = str(record.get("id_number") or "")
    locked = _birth_locked(p)
    if "id_number" in new and locked and record.get("id_type") == codes.RESIDENT_ID and len(old) == 18 \
            and old[6:14] != result.number[6:14]:
        found.append(finding(p, "info_change.birth_date_locked", "changes.id_number",
                             f"身份证件号：与出生日期对应的第 7—14 位不予变更（现为 {old[6:14]}，新号码为 {result.number[6:14]}）",
                             severity=Severity.BLOCK))
        return found
    birth = merged.get("birth_date")
    if birth and birth != result.birth_date:
        at = "changes.birth_date" if "birth_date" in new else where
        found.append(Finding("id.birth_mismatch", Severity.BLOCK, at,
                             f"出生日期 {birth:%Y-%m-%d} 与身份证件号中的 {result.birth_date:%Y-%m-%d} 不一致",
                             ids.ARTICLE_ID))
    if merged.get("sex") and merged["sex"] != result.sex_code:
        found.append(Finding("id.sex_mismatch", Severity.BLOCK, "changes.sex" if "sex" in new else where,
                             f"性别与身份证件号第 17 位（{codes.SEX.label(result.sex_code)}）不一致", ids.ARTICLE_ID))
    if "id_number" in new and f.id_holder:
        found.append(Finding("info_change.id_taken", Severity.BLOCK, "changes.id_number",
                             f"身份证件号：{result.number} 已属于本校学籍中的 {f.id_holder}，不能变更为此号码", STANDARD))
    formal = p.value("student_number.formal_prefix")
    if "id_number" in new and f.student_number.startswith(formal):
        found.append(finding(p, "student_number.lifelong", None,
                             f"学籍号：{f.student_number} 终身不变，身份证件号变更后学籍号不随之改变", severity=Severity.INFO))
    return found
