"""The values of the 学校基本信息表 and 校区基本信息表 the school's set-up data lacks, kept once.

The school's address, postcode, head, the leader in charge of 学籍 (第三条's three responsible people), its
campuses … are typed once (in the window or with ``xueji school-info --set``) and printed on every form
after; a value given for one print (``--set``) still overrides the kept one for that print.

Kept per form and campus (``store.models.SchoolInfo``): the 学校基本信息表 has one set; the 校区基本信息表 one per
campus — the 主校区 (number 0, the school itself, counted from the records) and the 分校区 the school adds
(1, 2 … in the order added, whose numbers the school gives). What the set-up data holds (学校名称, 标识码 …) and
what the program counts (年级数, 班级数, 在籍学生数 …) is not kept here: it is read when the form is printed.
Each save is one transaction through ``events.changing``, recorded as a ``school_info_changed`` event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ...store.models import School, SchoolInfo
from ..pupils.fields import Kind
from ..school.events import Changes, EventKind, changing
from .archive_common import ArchiveFormError, Ask, checked_values
from .archive_offer import find_form
from .archive_school import (
    CAMPUS_ASKS,
    CAMPUS_SECTIONS,
    COUNTS,
    MAIN_CAMPUS,
    SCHOOL_ASKS,
    SCHOOL_SECTIONS,
    campus_stored,
    school_stored,
)

SCHOOL_FORM, CAMPUS_FORM = "cz_school_info", "cz_campus_info"
FORMS = (SCHOOL_FORM, CAMPUS_FORM)
# The main campus's items the 学校基本信息表 already holds (its address is the school's …), until kept apart.
MAIN_CAMPUS_FROM_SCHOOL = {"校区地址": "学校地址", "邮政编码": "邮政编码", "城乡类型": "城乡类型", "校区负责人": "校长",
                           "联系电话": "联系电话"}
MAIN, NEW = 0, -1  # campus numbers: the school's main campus; a branch campus not saved yet
BRANCH = "分校区"

# Read from the school's set-up data (changed under 设置, never kept here) or counted from the records.
SETUP = {SCHOOL_FORM: ("学校名称", "学校标识码", "所在行政区划", "办学类型", "学制", "办别", "学籍管理员"),
         CAMPUS_FORM: ("所属学校", "学校标识码", "所在行政区划")}
COUNTED = {SCHOOL_FORM: ("校区数", *COUNTS), CAMPUS_FORM: COUNTS}
FROM_SETUP, COUNTED_HERE = "setup", "counted"


@dataclass(frozen=True)
class Campus:
    number: int  # MAIN, or 1, 2 … for the branch campuses in the order added
    name: str

    @property
    def main(self) -> bool:
        return self.number == MAIN

    @property
    def label(self) -> str:
        return f"{self.name}（{MAIN_CAMPUS}）" if self.main else self.name


@dataclass(frozen=True)
class InfoItem:
    """One item of the form as the window lists it: its value now and where it comes from."""

    label: str  # the key it is given and kept under
    printed: str  # as the box prints it, on one line
    value: str  # what the form would print (kept, else the set-up data or the count)
    required: bool
    source: str  # "" (the school fills it in and it is kept), FROM_SETUP or COUNTED_HERE (shown, not edited)
    kind: Kind
    max_len: int
    section: str

    @property
    def editable(self) -> bool:
        return not self.source


def _asks(form_id: str, main: bool = True) -> tuple[Ask, ...]:
    if form_id == SCHOOL_FORM:
        return SCHOOL_ASKS
    if main:
        return CAMPUS_ASKS
    return tuple(Ask(a.label, a.kind, True, a.max_len, a.printed) if a.label in COUNTS[:3] else a
                 for a in CAMPUS_ASKS)


def _check_form(form_id: str) -> None:
    if form_id not in FORMS:
        raise ArchiveFormError(f"未知的表格：{form_id}（可填：{'、'.join(FORMS)}）")


def _row(form_id: str, number: int) -> SchoolInfo | None:
    return SchoolInfo.get_or_none((SchoolInfo.form == form_id) & (SchoolInfo.campus == number))


def _data(row: SchoolInfo | None) -> dict[str, str]:
    return dict(json.loads(row.data)) if row is not None else {}


def campuses() -> list[Campus]:
    """The main campus (named as kept, else after the school), then the branch campuses in the order added."""
    school = School.select().first()
    rows = {r.campus: _data(r) for r in SchoolInfo.select().where(SchoolInfo.form == CAMPUS_FORM)}
    main = Campus(MAIN, rows.get(MAIN, {}).get("校区名称") or (school.name if school else MAIN_CAMPUS))
    return [main, *(Campus(n, rows[n].get("校区名称", "")) for n in sorted(rows) if n != MAIN)]


def find_campus(campus: Campus | int | str | None) -> Campus:
    """A campus by number or name (``主校区`` names the main one); refused naming the campuses there are."""
    known = campuses()
    if campus is None:
        return known[0]
    if isinstance(campus, Campus):
        campus = campus.number
    if isinstance(campus, int):
        found = next((c for c in known if c.number == campus), None)
    else:
        name = campus.strip()
        found = known[0] if name == MAIN_CAMPUS else next((c for c in known if c.name == name), None)
    if found is None:
        raise ArchiveFormError(f"没有名为“{campus}”的校区（已登记：{'、'.join(c.label for c in known)}）")
    return found


def stored_values(form_id: str, campus: Campus | int | str | None = None) -> dict[str, str]:
    """The values kept for the form (label → value); for the 校区基本信息表, for the campus given (the
    main one by default). A branch campus always says its 校区类型."""
    _check_form(form_id)
    number = MAIN if form_id == SCHOOL_FORM else find_campus(campus).number
    values = _data(_row(form_id, number))
    if form_id == CAMPUS_FORM and number != MAIN:
        values.setdefault("校区类型", BRANCH)
    if form_id == CAMPUS_FORM and number == MAIN:  # the main campus is the school: what it keeps, unless kept here
        school = _data(_row(SCHOOL_FORM, MAIN))
        values = {**{item: school[of] for item, of in MAIN_CAMPUS_FROM_SCHOOL.items() if school.get(of)}, **values}
    return values


def _defaults(ws, form_id: str, main: bool) -> dict[str, str]:
    """What the form takes from the set-up data and the records, without anything kept."""
    if form_id == SCHOOL_FORM:
        return school_stored(ws.school)
    if main:
        return campus_stored(ws.school, {})
    return {**campus_stored(ws.school, {"校区类型": BRANCH}), "校区名称": "", "校区类型": BRANCH}


def form_items(ws, form_id: str, campus: Campus | int | str | None = None) -> list[InfoItem]:
    """Every item of the form in printed order, with what it would print now (``NEW``: a branch campus not
    saved yet)."""
    _check_form(form_id)
    number = NEW if campus == NEW else MAIN if form_id == SCHOOL_FORM else find_campus(campus).number
    main = number == MAIN
    kept = {} if number == NEW else stored_values(form_id, number)
    if number == NEW:
        kept = {"校区类型": BRANCH}
    values = {**_defaults(ws, form_id, main), **kept}
    setup, counted = _fixed(form_id, main)
    sections = SCHOOL_SECTIONS if form_id == SCHOOL_FORM else CAMPUS_SECTIONS
    asks = {a.label: a for a in _asks(form_id, main)}
    out = []
    for title, fields in sections:
        for f in fields:
            a = asks[f.label]
            source = FROM_SETUP if f.label in setup else COUNTED_HERE if f.label in counted else ""
            out.append(InfoItem(a.label, a.box_label.replace("\n", ""), values.get(a.label, ""), a.required,
                                source, a.kind, a.max_len, title.replace("\n", "")))
    return out


def _fixed(form_id: str, main: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if form_id == CAMPUS_FORM and main:
        return (*SETUP[form_id], "校区类型"), COUNTED[form_id]
    if form_id == CAMPUS_FORM:
        return SETUP[form_id], ()
    return SETUP[form_id], COUNTED[form_id]


@dataclass(frozen=True)
class Planned:
    """What a save would keep: the campus number (``NEW`` for a branch to add), the values before and after,
    and the labels changed (old → new)."""

    title: str
    article: str
    number: int
    old: dict[str, str]
    new: dict[str, str]
    changed: dict[str, dict[str, str]]


def check_values(ws, form_id: str, values: Mapping[str, str],
                 campus: Campus | int | str | None = None) -> Planned:
    """Checks ``values`` as :func:`save_values` would keep them, writing nothing; raises ArchiveFormError
    naming every value refused."""
    _check_form(form_id)
    offered = find_form(ws.profile, form_id)  # the region provides the form
    number = NEW if campus == NEW else MAIN if form_id == SCHOOL_FORM else find_campus(campus).number
    main = number == MAIN
    setup, counted = _fixed(form_id, main)
    problems = []
    for label in values:
        label = label.strip()
        if label in setup:
            problems.append(f"{label}取自本校设置，不在这里填写" if label != "校区类型"
                            else f"主校区的校区类型就是“{MAIN_CAMPUS}”，不在这里填写")
        elif label in counted:
            problems.append(f"{label}由本软件按学籍数据统计，不在这里填写")
    if problems:
        raise ArchiveFormError("；".join(problems))
    checked = checked_values(offered.title, _asks(form_id, main), values, ws.today())
    old = {} if number == NEW else _data(_row(form_id, number))
    defaults = _defaults(ws, form_id, main)
    new = dict(old)
    for label, value in checked.items():
        if value and value != defaults.get(label, ""):
            new[label] = value
        else:
            new.pop(label, None)
    if form_id == CAMPUS_FORM and not main:
        new = _checked_branch(new, number)
    changed = {k: {"old": old.get(k, ""), "new": new.get(k, "")} for k in sorted(set(old) | set(new))
               if old.get(k, "") != new.get(k, "")}
    return Planned(offered.title, offered.article, number, old, new, changed)


def save_values(ws, form_id: str, values: Mapping[str, str], campus: Campus | int | str | None = None) -> Changes:
    """Keeps ``values`` (label → value; an empty value forgets the kept one) for the form and campus (``NEW``
    adds a branch campus, named by its 校区名称). Each value is checked as the form checks it; what the set-up
    data gives or the program counts is refused, naming it. A value equal to what the set-up data gives is
    not kept. One transaction, recorded as a ``school_info_changed`` event; nothing changed, nothing written."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        plan = check_values(ws, form_id, values, campus)  # again inside the write lock, on fresh data
        if not plan.changed:
            return Changes()
        number = plan.number
        if number == NEW:
            number = max(c.number for c in campuses()) + 1
        row = _row(form_id, number)
        if row is None:
            SchoolInfo.create(form=form_id, campus=number, data=_json(plan.new), updated_at=tx.now,
                              updated_by=tx.author)
        else:
            row.data, row.updated_at, row.updated_by = _json(plan.new), tx.now, tx.author
            row.save()
        where = "" if form_id == SCHOOL_FORM else f"（{plan.new.get('校区名称') or find_campus(number).name}）"
        tx.record(EventKind.SCHOOL_INFO_CHANGED, f"{plan.title}{where}：{'、'.join(plan.changed)}",
                  {"form": form_id, "campus": number, "changed": plan.changed}, articles=[plan.article])
        tx.changes.school = True
        return tx.changes


def _checked_branch(values: dict[str, str], number: int) -> dict[str, str]:
    """A branch campus has a name no other campus has, and is not the 主校区."""
    name = values.get("校区名称", "")
    if not name:
        raise ArchiveFormError("校区名称不能为空：分校区须填写校区名称")
    if name == MAIN_CAMPUS or any(c.name == name for c in campuses() if c.number != number):
        raise ArchiveFormError(f"校区名称“{name}”已有校区使用，请另取一个名称")
    kind = values.setdefault("校区类型", BRANCH)
    if kind == MAIN_CAMPUS:
        raise ArchiveFormError(f"校区类型：本校的主校区只有一个，分校区不能填“{MAIN_CAMPUS}”")
    return values


def _json(values: Mapping[str, str]) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True)
