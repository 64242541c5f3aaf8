"""Printing a pupil's forms from the database (the window and `xueji form` both call this)."""

from __future__ import annotations

from pathlib import Path

from ...store.models import Student
from ..records import record_view
from .student_info import render_student_info


def print_student_info(ws, student: Student, path: Path) -> Path:
    """Renders the 学生基本信息表; raises MissingGlyphError (and writes nothing) rather than drop a character."""
    school = ws.school
    render_student_info(record_view(student), {"学校名称": school.name, "学校标识码": school.code},
                        Path(path), printed_on=ws.today())
    return Path(path)
