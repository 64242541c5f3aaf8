"""The 学生实际在校就读证明表 (《凉山州规定》附表3) for a duplicate-学籍 case: printed from the pupil's record for the
signatures and the stamp, its scan then attached to the answer (core.duplicate_checks.answers)."""

from __future__ import annotations

from pathlib import Path

from ..duplicate_checks.queries import DuplicateCheckError, raw
from .archive_common import ArchiveFormError
from .archive_forms import print_archive_form
from .archive_offer import offered_forms

FORM_ID = "ls_actual_attendance"


def attendance_form_offered(ws) -> bool:
    return any(f.kind.id == FORM_ID for f in offered_forms(ws.profile))


def print_attendance_form(ws, uuid: str, pdf: str | Path):
    """附表3 filled in from the pupil's record (refused where the region has no such form, or for a pupil who does
    not study here)."""
    doc = raw(uuid)
    if not attendance_form_offered(ws):
        raise DuplicateCheckError("本地区学籍规定没有《学生实际在校就读证明表》：确认在本校就读即可，可附其他证明材料")
    try:
        return print_archive_form(ws, FORM_ID, pdf=pdf, pupil=str(doc.get("student_number") or ""))
    except ArchiveFormError as e:
        raise DuplicateCheckError(str(e)) from None
    except OSError as e:
        raise DuplicateCheckError(f"无法写入 {pdf}（{e.strerror or e}）：证明表未打印，请换一个位置") from None
