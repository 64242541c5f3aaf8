"""The archive forms one asks for by name: which the school's region provides, and printing one.

The region's profile says which forms it provides (``forms.*`` lists in ``resources/profiles``, each item
with the form's id, its exact title, annex number and a note); this module knows how to fill five of them:

| id | form | from |
| --- | --- | --- |
| ``cz_school_info`` | 学校基本信息表 (长治 附件1) | the school's set-up data, counts; the rest asked |
| ``cz_campus_info`` | 校区基本信息表 (长治 附件2) | the same, for one campus |
| ``ls_actual_attendance`` | 学生实际在校就读证明表 (凉山 附表3) | one pupil on the roll |
| ``ls_security_pledge`` | 数据管理安全承诺书 (凉山 附表4) | the school and its registrar |
| ``student_card`` | 学籍卡片 (every region: ``forms.student_archive``) | one pupil's record and history |

The two school tables are also written as Excel workbooks for the bureau. Nothing here writes to the
database: a print reads the school as it is on ``ws.today()``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from xueji_desktop.core.accounts import access_log
from xueji_desktop.core.accounts.access_log import Action
from xueji_desktop.core.forms import school_info
from xueji_desktop.core.forms.archive_common import (
    ArchiveFormError,
    Ask,
    MissingValues,
    NotFound,
    checked_values,
    cn_date,
    registrar_names,
    write_record_xlsx,
)
from xueji_desktop.core.forms.archive_offer import (
    KINDS,
    PUPIL,
    REGISTRAR,
    SCHOOL,
    ArchiveKind,
    Offered,
    find_form,
    offered_forms,
)
from xueji_desktop.core.forms.archive_pledge import security_pledge
from xueji_desktop.core.forms.archive_pupil import actual_attendance, student_card
from xueji_desktop.core.forms.archive_school import (
    CAMPUS_ASKS,
    MAIN_CAMPUS,
    SCHOOL_ASKS,
    build_campus_info,
    build_school_info,
)
from xueji_desktop.core.forms.engine import check_form, render
from xueji_desktop.store.models import Student

__all__ = [
    "KINDS",
    "PUPIL",
    "REGISTRAR",
    "SCHOOL",
    "ArchiveKind",
    "MissingValues",
    "NotFound",
    "Offered",
    "Printed",
    "asks_of",
    "find_form",
    "offered_forms",
    "print_archive_form",
]

REGISTRAR_ASKS = (Ask("学籍管理员", required=True, max_len=30),)


def asks_of(kind: ArchiveKind) -> tuple[Ask, ...]:
    return {"cz_school_info": SCHOOL_ASKS, "cz_campus_info": CAMPUS_ASKS,
            "ls_security_pledge": REGISTRAR_ASKS}.get(kind.id, ())


def _pupil(student_number: str | None, title: str) -> Student:
    if not (student_number or "").strip():
        raise ArchiveFormError(f"{title}是一名学生的表：请指明学生的学籍号")
    student = Student.get_or_none(Student.student_number == student_number.strip())
    if student is None:
        raise NotFound(f"本校没有学籍号为 {student_number.strip()} 的学生")
    return student


def _registrar(ws, given: Mapping[str, str], title: str, blank_missing: bool) -> str:
    chosen = checked_values(title, REGISTRAR_ASKS, given, ws.today()).get("学籍管理员")
    if chosen:
        return chosen
    names = registrar_names()
    if len(names) == 1:
        return names[0]
    if blank_missing:
        return ""
    if names:
        raise ArchiveFormError(f"本校有{len(names)}名学籍管理员（{'、'.join(names)}），请指明由哪一位签署：学籍管理员")
    raise MissingValues(title, ["学籍管理员"])


def _kept(form_id: str, given: Mapping[str, str], campus) -> dict[str, str]:
    """The values the school keeps for the form: for the 校区基本信息表, those of the campus named, or else of
    the branch campus ``given`` names by its 校区名称 when it gives a 校区类型 other than 主校区, or the main
    campus."""
    if form_id == school_info.CAMPUS_FORM and campus is None \
            and (given.get("校区类型") or MAIN_CAMPUS).strip() != MAIN_CAMPUS:
        name = (given.get("校区名称") or "").strip()
        known = {c.name: c for c in school_info.campuses() if not c.main}
        if name not in known:
            return {}
        campus = known[name]
    return school_info.stored_values(form_id, campus)


@dataclass(frozen=True)
class Printed:
    form: Offered
    files: list[Path]
    pages: int


def print_archive_form(ws, name: str, *, pdf: str | os.PathLike | None = None,
                       xlsx: str | os.PathLike | None = None, pupil: str | None = None,
                       given: Mapping[str, str] | None = None, blank_missing: bool = False,
                       campus: school_info.Campus | int | str | None = None) -> Printed:
    """Print the archive form ``name`` (id or title) of the school's region to ``pdf`` and, for the two
    school tables, ``xlsx``. ``pupil`` is the 学籍号 for a pupil's form; ``given`` holds values the
    school's data lacks (label → value), over the values the school keeps (``school_info``) for this print
    only; ``campus`` names the campus of the 校区基本信息表 (its number or name; the main campus by default).
    Raises ArchiveFormError (MissingValues names every missing value), or MissingGlyphError; nothing is
    written then."""
    offered = find_form(ws.profile, name)
    kind, title, today = offered.kind, offered.title, ws.today()
    given = dict(given or {})
    if pdf is None and xlsx is None:
        raise ArchiveFormError("请指明输出文件")
    if xlsx is not None and not kind.excel:
        raise ArchiveFormError(f"{title}只能输出为 PDF")
    if kind.needs_pupil and given:
        raise ArchiveFormError(f"{title}的内容全部取自学生的学籍，不接受补充项目：{'、'.join(given)}")
    if campus is not None and kind.id != school_info.CAMPUS_FORM:
        raise ArchiveFormError(f"{title}不分校区：不能指明校区")
    if kind.id in school_info.FORMS:
        given = {**_kept(kind.id, given, campus), **given}
    sheet = None
    if kind.id == "cz_school_info":
        sheet = build_school_info(ws, given, today, title=title, article=offered.article,
                                  blank_missing=blank_missing)
        form = sheet.form
    elif kind.id == "cz_campus_info":
        sheet = build_campus_info(ws, given, today, title=title, article=offered.article,
                                  blank_missing=blank_missing)
        form = sheet.form
    elif kind.id == "ls_actual_attendance":
        form = actual_attendance(ws, _pupil(pupil, title), today, title, offered.article)
    elif kind.id == "student_card":
        form = student_card(ws, _pupil(pupil, title), today, title)
    else:
        form = security_pledge(ws, _registrar(ws, given, title, blank_missing), today, title)
    files: list[Path] = []
    pages = 0
    about = [pupil] if kind.needs_pupil and pupil else []
    if pdf is not None:
        with access_log.logged(ws, Action.PRINT, title, about, target=pdf):
            pages = render(form, pdf)  # checks every glyph before writing
        files.append(Path(pdf))
    else:
        check_form(form)  # the Excel copy is refused for the same characters the PDF would be
    if xlsx is not None and sheet is not None:
        header = [f"填报单位：{ws.school.name}", f"填报日期：{cn_date(today)}"]
        with access_log.logged(ws, Action.EXPORT, title, about, target=xlsx):
            files.append(write_record_xlsx(xlsx, title, header, sheet.pairs, sheet.table, form.notes))
    return Printed(offered, files, pages)
