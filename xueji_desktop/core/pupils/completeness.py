"""Is a pupil's record complete? The required fields of core.pupils.fields (an ID number where the ID type is the
resident card, a named family member with their required fields), and a 学籍号 that is no longer temporary.
The to-do list, the term review and the detail pane all judge a record by these."""

from __future__ import annotations

from .fields import GUARDIAN_FIELDS, STUDENT_FIELDS

RESIDENT_ID = "1"  # 证件类型: 居民身份证


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_fields(values: dict, guardians: list[dict]) -> list[str]:
    """The labels of the required fields a record lacks (its own, then the family's)."""
    out = [f.label for f in STUDENT_FIELDS if f.required and _empty(values.get(f.key))]
    if values.get("id_type") == RESIDENT_ID and _empty(values.get("id_number")):
        out.append("身份证件号")
    named = [g for g in guardians if not _empty(g.get("name"))]
    if not named:
        out.append("家庭成员（监护人）")
    for g in named:
        lacking = [f.label for f in GUARDIAN_FIELDS if f.required and _empty(g.get(f.key))]
        if lacking:
            out.append(f"家庭成员{g.get('name')}的{'、'.join(lacking)}")
    return out


def is_temporary(student_number: str, profile) -> bool:
    """A temporary 学籍号 (the profile's prefix), to be replaced by the national one."""
    return (student_number or "").startswith(profile.value("student_number.temporary_prefix"))
