"""Which archive forms there are, and which the school's region provides (its ``forms.*`` profile lists,
each item with the form's id, its exact title, annex number and a note). Kept apart from printing so that
what prints a form and what keeps a form's values (``school_info``) can both ask."""

from __future__ import annotations

from dataclasses import dataclass

SCHOOL, PUPIL, REGISTRAR = "school", "pupil", "registrar"
# the forms' titles are kept here rather than beside their layouts (archive_pupil, archive_school, archive_pledge),
# so that the menus listing the forms import neither the layouts nor the form engine and reportlab
SCHOOL_TITLE = "学校基本信息表"
CAMPUS_TITLE = "校区基本信息表"
PLEDGE_TITLE = "凉山州全国中小学生学籍信息管理系统数据管理安全承诺书"
CARD_TITLE = "学籍卡片"
ATTENDANCE_TITLE = "学生实际在校就读证明表"


@dataclass(frozen=True)
class ArchiveKind:
    id: str
    title: str  # the default title; the profile's exact title is printed
    subject: str  # SCHOOL (the school's data, values asked), PUPIL (one pupil), REGISTRAR
    excel: bool = False  # also written as .xlsx

    @property
    def needs_pupil(self) -> bool:
        return self.subject == PUPIL


KINDS: dict[str, ArchiveKind] = {k.id: k for k in (
    ArchiveKind("cz_school_info", SCHOOL_TITLE, SCHOOL, excel=True),
    ArchiveKind("cz_campus_info", CAMPUS_TITLE, SCHOOL, excel=True),
    ArchiveKind("ls_actual_attendance", ATTENDANCE_TITLE, PUPIL),
    ArchiveKind("ls_security_pledge", PLEDGE_TITLE, REGISTRAR),
    ArchiveKind("student_card", CARD_TITLE, PUPIL),
)}


@dataclass(frozen=True)
class Offered:
    """A form of ours the region provides, as its profile lists it."""

    kind: ArchiveKind
    title: str
    annex: str
    article: str
    note: str

    @property
    def name(self) -> str:
        return f"{self.title}（{self.annex}）" if self.annex else self.title


def offered_forms(profile) -> list[Offered]:
    """The archive forms the region's profile provides, in the profile's order."""
    out: dict[str, Offered] = {}
    for rule in profile.rules("forms."):
        if not rule.applies:
            continue
        for item in rule.value or []:
            kind = KINDS.get(item.get("id")) if isinstance(item, dict) else None
            if kind is not None and kind.id not in out:
                out[kind.id] = Offered(kind, item.get("title") or kind.title, item.get("annex", ""), rule.article,
                                       item.get("note", ""))
    return list(out.values())


def find_form(profile, name: str) -> Offered:
    """The offered form called ``name`` (its id or its title); refused, naming what the region provides."""
    from xueji_desktop.core.forms.archive_common import ArchiveFormError, NotFound

    name = (name or "").strip()
    offered = offered_forms(profile)
    for o in offered:
        if name in (o.kind.id, o.title, o.kind.title):
            return o
    available = "、".join(f"{o.kind.id}（{o.name}）" for o in offered) or "无"
    kind = KINDS.get(name) or next((k for k in KINDS.values() if k.title == name), None)
    if kind is not None:
        raise ArchiveFormError(f"本校所在地区（{profile.name}）的规定没有“{kind.title}”，不提供此表。"
                               f"本地区可打印：{available}")
    raise NotFound(f"未知的表格：{name}。本地区可打印：{available}")
