"""Read-only views the bureau's window needs beyond the services (Qt-free): who a case is about, where a
transfer goes, the ground of a status change in the school's own region's words, and the replies each
school is owed. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache

from peewee import fn

from ..core.casework.cases import CaseKind
from . import replies
from .case_models import BureauCase, BureauPupil, ReplyBatch, ReplyItem
from .store import BureauEvent, EventConflict, ImportedBatch, RegisteredSchool

TRANSFERS = (CaseKind.TRANSFER_IN.value, CaseKind.TRANSFER_OUT.value)


def case_pupil(case: BureauCase) -> dict:
    """The pupil of a case: as the case data names them (transfers), else as the school last reported the
    pupil; keys name, sex, birth_date, id_number, student_number, grade, class_name (missing ones empty)."""
    data = case.data_dict()
    out = {"name": case.pupil_name, "student_number": case.student_number, "id_number": case.id_number,
           "sex": "", "birth_date": "", "grade": None, "class_name": ""}
    for k, v in (data.get("pupil") or {}).items():
        if v and k in out:
            out[k] = v
    pupil = None
    if case.student_number:
        pupil = BureauPupil.get_or_none((BureauPupil.school == case.school_id)
                                        & (BureauPupil.student_number == case.student_number))
    if pupil is not None:
        fields = (pupil.record_dict().get("fields") or {})
        out["name"] = out["name"] or pupil.name
        out["id_number"] = out["id_number"] or pupil.id_number
        out["sex"] = out["sex"] or fields.get("sex", "")
        out["birth_date"] = out["birth_date"] or fields.get("birth_date", "")
        out["grade"], out["class_name"] = pupil.grade, pupil.class_name
    return out


def pupil_name(case: BureauCase) -> str:
    return case.pupil_name or case_pupil(case)["name"]


def transfer_schools(case: BureauCase) -> tuple[str, str]:
    """(from, to) of a transfer, school names as the case gives them; ("", "") for other kinds."""
    if case.kind not in TRANSFERS:
        return "", ""
    data = case.data_dict()
    other = (data.get("other_school") or {}).get("name", "")
    if case.kind == CaseKind.TRANSFER_IN.value:
        return data.get("from_school") or other, data.get("to_school") or case.school.name
    return data.get("from_school") or case.school.name, data.get("to_school") or other


@lru_cache(maxsize=32)
def _profile(profile_id: str):
    from ..core.region_profiles.profiles import load_profile

    try:
        return load_profile(profile_id)
    except Exception:  # noqa: BLE001 - a profile this program does not have: labels fall back to ids
        return None


def school_profile_id(school: RegisteredSchool) -> str | None:
    """The region profile the school was set up with (its school_created event), if the bureau has it."""
    event = (BureauEvent.select().where((BureauEvent.school == school) & (BureauEvent.kind == "school_created"))
             .order_by(BureauEvent.seq).first())
    if event is None:
        return None
    return (json.loads(event.payload).get("payload") or {}).get("profile")


def ground_label(case: BureauCase) -> str:
    """A transfer's reason, or a status change's ground, in the words of the school's region profile."""
    data = case.data_dict()
    if data.get("reason_label"):
        return data["reason_label"]
    ground = data.get("ground_id") or data.get("reason_id") or ""
    if not ground:
        return ""
    profile_id = school_profile_id(case.school)
    profile = _profile(profile_id) if profile_id else None
    if profile is not None:
        try:
            items = profile.value(f"{case.kind}.grounds") or []
        except Exception:  # noqa: BLE001 - no grounds list for this kind in the profile
            items = []
        for item in items:
            if isinstance(item, dict) and item.get("id") == ground and item.get("label"):
                return item["label"]
    return "所选理由（学校的地区规定中未列出）"  # never the profile's internal id


@dataclass(frozen=True)
class ReplyLine:
    code: str
    name: str
    revoked: bool
    waiting: int  # items not yet sealed into a reply
    undelivered: tuple[int, ...]  # reply batch numbers the school has not reported imported
    last_written: dt.datetime | None
    written_to: str


def reply_lines() -> list[ReplyLine]:
    """Schools owed something: items waiting to be sealed, or replies not yet reported imported."""
    schools = replies.schools_with_replies()
    ids = [s.id for s in schools]
    if not ids:
        return []
    waiting: dict[int, int] = dict(ReplyItem.select(ReplyItem.school, fn.COUNT(ReplyItem.id))
                                   .where(ReplyItem.school.in_(ids) & ReplyItem.reply.is_null())
                                   .group_by(ReplyItem.school).tuples())
    undelivered: dict[int, list[int]] = {}
    for school_id, number in (ReplyBatch.select(ReplyBatch.school, ReplyBatch.batch_no)
                              .where(ReplyBatch.school.in_(ids) & ReplyBatch.delivered_at.is_null())
                              .order_by(ReplyBatch.batch_no).tuples()):
        undelivered.setdefault(school_id, []).append(number)
    last: dict[int, tuple] = {}  # each school's newest reply written to a stick
    for school_id, created, written in (ReplyBatch.select(ReplyBatch.school, ReplyBatch.created_at,
                                                          ReplyBatch.written_to)
                                        .where(ReplyBatch.school.in_(ids) & (ReplyBatch.written_to != ""))
                                        .order_by(ReplyBatch.batch_no).tuples()):
        last[school_id] = (created, written)
    return [ReplyLine(s.code, s.name, s.revoked_at is not None, waiting.get(s.id, 0),
                      tuple(undelivered.get(s.id, ())), *last.get(s.id, (None, "")))
            for s in schools]


@dataclass(frozen=True)
class SchoolRow:
    """A registered school as the 学校与密钥 tab lists it."""

    code: str
    name: str
    fingerprint: str
    registered_at: dt.datetime
    revoked_at: dt.datetime | None
    batches: int
    can_receive_replies: bool


def school_rows() -> list[SchoolRow]:
    """Every registered school by code, with the number of batches imported from it."""
    return [SchoolRow(s.code, s.name, s.fingerprint, s.registered_at, s.revoked_at,
                      ImportedBatch.select().where(ImportedBatch.school == s).count(),
                      s.encryption_public is not None)
            for s in RegisteredSchool.select().order_by(RegisteredSchool.code)]


def school_row(code: str | None) -> SchoolRow | None:
    return next((s for s in school_rows() if s.code == code), None) if code else None


def school_name(code: str | None) -> str | None:
    """The registered school's name, or None when the code is not registered."""
    row = RegisteredSchool.get_or_none(RegisteredSchool.code == code) if code else None
    return row.name if row is not None else None


def all_conflicts() -> list[EventConflict]:
    """Every conflict, open ones first, newest first (handed on to bureau.conflicts.describe)."""
    return list(EventConflict.select().order_by(EventConflict.resolved, EventConflict.found_at.desc()))


def conflict(conflict_id: int | None) -> EventConflict | None:
    return EventConflict.get_or_none(EventConflict.id == conflict_id) if conflict_id is not None else None


def open_bureau_store(target, now):
    """The bureau's database for its window (bureau.store.open_store)."""
    from .store import open_store

    return open_store(target, now=now)
